import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../test/helpers.ts';
import { seedDemoCatalog, type DemoCatalogResult } from './seed-demo-catalog.ts';

// The demo catalog on a fresh copy of the test city (whose template has an empty catalog).

// A fixed seed day inside the bundled holiday calendar, so the deadline lights do not depend on when the test runs.
const SEED_DAY = '2026-06-15';

let t: TestApp;
let result: DemoCatalogResult;
let reviewer: Client;

beforeAll(async () => {
  t = await createTestApp();
  result = await seedDemoCatalog(t.services, { password: TEST_PASSWORD, today: SEED_DAY });
  reviewer = await t.login('reviewer');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const C = '/api/v1/catalog';

describe('the demo catalog seed', () => {
  it('publishes most entries and leaves drafts, submissions, returns and a pending change for the bureau', () => {
    expect(result).toMatchObject({ seeded: true, entries: 64, published: 52 });
    expect(result.byStatus).toMatchObject({ draft: 5, submitted: 4, returned: 3, published: 51, change_submitted: 1, withdrawn: 0 });
    expect(result.stewardsCreated).toHaveLength(10);
  });

  it('fills twelve departments with systems and entries, each steward able to log in', async () => {
    const stats = (await reviewer.get(`${C}/stats`)).json();
    expect(stats.departments).toHaveLength(12);
    expect(stats.departments.every((d: { entries: number }) => d.entries >= 4 && d.entries <= 6)).toBe(true);
    const wjj = await t.login('wjj_steward');
    const systems = (await wjj.get(`${C}/systems`)).json();
    expect(systems.items.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['全民健康信息平台', '妇幼保健信息系统']));
  });

  it('is found by search: names, keywords and data items, with facets', async () => {
    const people = (await reviewer.get(`${C}/search?q=${encodeURIComponent('人口')}`)).json();
    expect(people.items.map((i: { name: string }) => i.name)).toContain('常住人口基本信息');
    expect(people.facets.department.length).toBeGreaterThan(0);
    const byItem = (await reviewer.get(`${C}/search?q=${encodeURIComponent('统一社会信用代码')}`)).json();
    expect(byItem.total).toBeGreaterThan(5);
    const licence = (await reviewer.get(`${C}/search?q=${encodeURIComponent('营业执照')}`)).json();
    expect(licence.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['市场主体登记基本信息', '营业执照电子证照']));
    const drafts = (await reviewer.get(`${C}/search?q=${encodeURIComponent('特困人员供养信息')}`)).json();
    expect(drafts.items.some((i: { name: string }) => i.name === '特困人员供养信息')).toBe(false);
  });

  it('matches every word of a two-word query, and falls back to similarity for a typo', async () => {
    const words = (await reviewer.get(`${C}/search?q=${encodeURIComponent('社会保险 缴费')}`)).json();
    expect(words.items.map((i: { name: string }) => i.name)).toContain('社会保险缴费信息');
    for (const i of words.items as { name: string; summary: string; keywords: string[]; matchedItems: string[] }[]) {
      const text = [i.name, i.summary, ...i.keywords, ...i.matchedItems].join(' ');
      expect(text.includes('社会保险') && text.includes('缴费'), i.name).toBe(true);
    }
    const typo = (await reviewer.get(`${C}/search?q=${encodeURIComponent('婚烟登记信息')}`)).json();
    expect(typo.items.map((i: { name: string }) => i.name)).toContain('婚姻登记信息');
    const short = (await reviewer.get(`${C}/search?q=${encodeURIComponent('低保')}`)).json();
    expect(short.items.map((i: { name: string }) => i.name)).toContain('最低生活保障对象信息');
  });

  it('has a version 2, mounts, authoritative items and non-shared entries with their basis', async () => {
    const hit = (await reviewer.get(`${C}/search?q=${encodeURIComponent('常住人口基本信息')}`)).json().items.find((i: { name: string }) => i.name === '常住人口基本信息');
    expect(hit).toMatchObject({ version: 2, mounted: true });
    const published = (await reviewer.get(`${C}/published/${hit.id}`)).json();
    expect(published.items.find((i: { codeName: string }) => i.codeName === 'id_number')).toMatchObject({ name: '公民身份号码', authoritative: true });
    expect(published.items.map((i: { codeName: string }) => i.codeName)).toContain('deregistered_on');
    const mounted = (await reviewer.get(`${C}/search?mounted=true&pageSize=100`)).json();
    expect(mounted.total).toBeGreaterThanOrEqual(10);
    const none = (await reviewer.get(`${C}/search?shareType=none&pageSize=100`)).json();
    expect(none.total).toBeGreaterThanOrEqual(3);
    for (const item of none.items) {
      const detail = (await reviewer.get(`${C}/published/${item.id}`)).json();
      expect(detail.noShareBasisType).toBeTruthy();
      expect(detail.noShareBasisText).toBeTruthy();
    }
  });

  it('gives the reviewer a queue and the supervision list yellow and red deadlines', async () => {
    const queue = (await reviewer.get(`${C}/entries?status=submitted&status=change_submitted`)).json();
    expect(queue.total).toBe(5);
    const supervision = (await reviewer.get(`${C}/deadlines/supervision?asOf=${SEED_DAY}`)).json();
    expect(supervision.counts.red).toBeGreaterThanOrEqual(2);
    expect(supervision.counts.yellow).toBeGreaterThanOrEqual(2);
    const returned = (await reviewer.get(`${C}/entries?status=returned`)).json();
    const reviews = (await reviewer.get(`${C}/entries/${returned.items[0].id}/reviews`)).json();
    expect(reviews.items[0]).toMatchObject({ decision: 'returned' });
    expect(reviews.items[0].reasons.length).toBeGreaterThan(0);
  });

  it('adds nothing when run again', async () => {
    const before = (await reviewer.get(`${C}/entries?pageSize=1`)).json().total;
    const again = await seedDemoCatalog(t.services, { password: TEST_PASSWORD, today: SEED_DAY });
    expect(again.seeded).toBe(false);
    expect((await reviewer.get(`${C}/entries?pageSize=1`)).json().total).toBe(before);
  });
});

describe('the demo license types on the demo catalog', () => {
  it('register each type under its published “<type>电子证照” entry, and leave the others unregistered', async () => {
    const { seedDemoLicenses } = await import('./seed-demo-licenses.ts');
    await seedDemoLicenses(t.services);
    const types = (await reviewer.get('/api/v1/licenses/types?pageSize=100')).json().items as { name: string; catalogEntryId: string | null }[];
    const business = types.find((x) => x.name === '营业执照')!;
    const entry = (await reviewer.get(`${C}/published/${business.catalogEntryId}`)).json();
    expect(entry.name).toBe('营业执照电子证照');
    expect(types.find((x) => x.name === '结婚证')!.catalogEntryId).not.toBeNull();
    // 居民身份证电子证照 is only submitted in the demo catalog, not published: nothing to register under yet.
    expect(types.find((x) => x.name === '居民身份证')!.catalogEntryId).toBeNull();
  });
});
