import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3 } from '@shuzheng/standards/crypto';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { createEntry, createSystem, entryBody, publishEntry, unique } from './catalog.test-support.ts';

// Systems, mounts, search, deadlines and statistics: what stewards, reviewers and readers use after publication.

let t: TestApp;
let steward: Client;
let mzj: Client;
let reviewer: Client;
let leader: Client;
let systemId: string;
let mzjSystemId: string;

beforeAll(async () => {
  t = await createTestApp();
  [steward, mzj, reviewer, leader] = (await Promise.all(['gaj_steward', 'mzj_steward', 'reviewer', 'leader'].map((u) => t.login(u)))) as [Client, Client, Client, Client];
  systemId = await createSystem(steward);
  mzjSystemId = await createSystem(mzj, unique('婚姻登记管理系统'));
});
afterAll(async () => {
  await t?.close();
});

const C = '/api/v1/catalog';

describe('information systems', () => {
  it('registers a system in the steward\'s department, refuses a duplicate name with 409, and hides it from other departments', async () => {
    const name = unique('出入境管理系统');
    const id = await createSystem(steward, name);
    const again = await steward.post(`${C}/systems`, { name, purpose: '重复', deployment: 'gov_cloud', network: 'extranet', status: 'running' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CATALOG_SYSTEM_NAME_TAKEN');

    expect((await mzj.get(`${C}/systems/${id}`)).statusCode).toBe(404);
    const listed = (await mzj.get(`${C}/systems?pageSize=100`)).json();
    expect(listed.items.every((s: { departmentName: string }) => s.departmentName === '汕尾市民政局')).toBe(true);
    expect((await reviewer.get(`${C}/systems/${id}`)).json()).toMatchObject({ name, departmentName: '汕尾市公安局', entryCount: 0 });
  });

  it('refuses a bad enumeration with 400 naming the field, and writes nothing', async () => {
    const res = await steward.post(`${C}/systems`, { name: unique('系统'), purpose: 'x', deployment: 'cloud', network: 'extranet', status: 'running' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('deployment');
  });

  it('lets a steward retire only the department\'s own system', async () => {
    const id = await createSystem(steward);
    expect((await mzj.patch(`${C}/systems/${id}`, { status: 'retired' })).statusCode).toBe(404);
    const res = await steward.patch(`${C}/systems/${id}`, { status: 'retired' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('retired');
  });
});

describe('mounts (目录—数据)', () => {
  it('validates the column ↔ data item mapping and lists every problem at once', async () => {
    const id = await createEntry(steward, entryBody(systemId));
    const res = await steward.post(`${C}/entries/${id}/mounts`, {
      kind: 'table',
      table: { datasource: '公安人口库', tableName: 'person', columns: [
        { column: 'sfzh', itemCodeName: 'id_number' },
        { column: 'SFZH', itemCodeName: 'person_name' },
        { column: 'xm', itemCodeName: 'id_number' },
        { column: 'xb', itemCodeName: 'no_such_item' },
      ] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CATALOG_MOUNT_MAPPING_INVALID');
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.table.columns.1.column', 'body.table.columns.2.itemCodeName', 'body.table.columns.3.itemCodeName']));
    expect((await steward.get(`${C}/entries/${id}/mounts`)).json().items).toHaveLength(0);
  });

  it('mounts a table; removing a mapped data item marks the mount invalid, restoring it repairs the mount', async () => {
    const body = entryBody(systemId);
    const id = await createEntry(steward, body);
    const created = await steward.post(`${C}/entries/${id}/mounts`, {
      kind: 'table', table: { datasource: '公安人口库', schemaName: 'rk', tableName: 'person', columns: [{ column: 'sfzh', itemCodeName: 'id_number' }, { column: 'hjdz', itemCodeName: 'domicile' }] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'table', status: 'registered' });

    const withoutDomicile = body.items.filter((i) => i.codeName !== 'domicile');
    expect((await steward.patch(`${C}/entries/${id}`, { items: withoutDomicile })).statusCode).toBe(200);
    const broken = (await steward.get(`${C}/entries/${id}/mounts`)).json().items[0];
    expect(broken).toMatchObject({ status: 'invalid', statusNote: expect.stringContaining('domicile') });

    expect((await steward.patch(`${C}/entries/${id}`, { items: body.items })).statusCode).toBe(200);
    expect((await steward.get(`${C}/entries/${id}/mounts`)).json().items[0].status).toBe('registered');
  });

  it('stores an uploaded file with its SM3 checksum and size, and serves it back byte for byte', async () => {
    const id = await createEntry(steward, entryBody(systemId));
    const content = Buffer.from('姓名,性别\n张三,1\n', 'utf8');
    const res = await steward.request({ method: 'POST', url: `${C}/entries/${id}/mounts/files?fileName=${encodeURIComponent('样例.csv')}`, payload: content, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().file).toMatchObject({ name: '样例.csv', size: content.length, sm3: sm3(content) });
    const down = await steward.get(`${C}/entries/${id}/mounts/${res.json().id}/file`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(content)).toBe(true);
    expect((await mzj.get(`${C}/entries/${id}/mounts/${res.json().id}/file`)).statusCode).toBe(404);
  });

  it('refuses mounting on another department\'s entry', async () => {
    const id = await publishEntry(steward, reviewer, entryBody(systemId));
    const res = await mzj.post(`${C}/entries/${id}/mounts`, { kind: 'api', api: { endpoint: 'https://gaj.example/api/person', method: 'GET', auth: 'app_key' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('search over the published catalog', () => {
  let marriageId: string;
  beforeAll(async () => {
    marriageId = await publishEntry(mzj, reviewer, entryBody(mzjSystemId, {
      name: unique('婚姻登记信息'), subcategory: '01', summary: '全市婚姻登记（结婚、离婚、补领）业务产生的登记信息，用于免证办事核验婚姻状况。',
      keywords: ['婚姻', '结婚登记', '离婚登记'], shareType: 'unconditional', shareCondition: null, shareChannels: ['api', 'table'],
      items: [
        { name: '男方公民身份号码', codeName: 'male_id_number', dataType: 'string', length: 18, sensitivity: 'sensitive_personal' },
        { name: '女方公民身份号码', codeName: 'female_id_number', dataType: 'string', length: 18, sensitivity: 'sensitive_personal' },
        { name: '婚姻登记日期', codeName: 'registered_on', dataType: 'date' },
        { name: '登记机关', codeName: 'registry_office', dataType: 'string', length: 100 },
      ],
    }));
    await steward.post(`${C}/entries/${await createEntry(steward, entryBody(systemId, { name: unique('未发布的婚姻草稿') }))}/checks`);
  });

  it('finds published entries by name, keyword, data item and substring, and never drafts', async () => {
    for (const q of ['婚姻登记', '结婚', '婚姻登记日期', '登记机关']) {
      const res = (await steward.get(`${C}/search?q=${encodeURIComponent(q)}`)).json();
      expect(res.items.map((i: { id: string }) => i.id), q).toContain(marriageId);
    }
    const drafts = (await steward.get(`${C}/search?q=${encodeURIComponent('未发布的婚姻草稿')}`)).json();
    expect(drafts.items.some((i: { name: string }) => i.name.startsWith('未发布的婚姻草稿'))).toBe(false);
    const byItem = (await steward.get(`${C}/search?q=${encodeURIComponent('婚姻登记日期')}`)).json();
    expect(byItem.items.find((i: { id: string }) => i.id === marriageId).matchedItems).toContain('婚姻登记日期');
  });

  it('tolerates a typo (trigram similarity)', async () => {
    const res = (await steward.get(`${C}/search?q=${encodeURIComponent('婚烟登记信息')}`)).json();
    expect(res.items.map((i: { id: string }) => i.id)).toContain(marriageId);
  });

  it('filters by facets, keeps sibling counts of the chosen facet, and pages', async () => {
    const all = (await steward.get(`${C}/search?pageSize=100`)).json();
    const filtered = (await steward.get(`${C}/search?shareType=unconditional&pageSize=100`)).json();
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((i: { shareType: string }) => i.shareType === 'unconditional')).toBe(true);
    expect(filtered.facets.shareType).toEqual(all.facets.shareType);
    expect(filtered.facets.shareType.find((f: { value: string }) => f.value === 'unconditional').label).toBe('无条件共享');
    const depts = all.facets.department.map((d: { label: string }) => d.label);
    expect(depts).toEqual(expect.arrayContaining(['汕尾市公安局', '汕尾市民政局']));

    const page1 = (await steward.get(`${C}/search?pageSize=1&page=1&sort=name`)).json();
    const page2 = (await steward.get(`${C}/search?pageSize=1&page=2&sort=name`)).json();
    expect(page1.total).toBe(all.total);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
  });

  it('rejects a bad facet value with 400', async () => {
    const res = await steward.get(`${C}/search?shareType=everyone`);
    expect(res.statusCode).toBe(400);
  });

  it('shows the published view to any staff member, and 404 for a draft', async () => {
    const res = await leader.get(`${C}/published/${marriageId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, departmentName: '汕尾市民政局', versions: [{ version: 1 }] });
    const draft = await createEntry(mzj, entryBody(mzjSystemId));
    expect((await leader.get(`${C}/published/${draft}`)).statusCode).toBe(404);
  });
});

describe('deadlines on the working-day calendar', () => {
  it('counts 20 working days across 中秋 and 国庆 with the 调休 Saturday (2026-09-25 → 2026-10-29) and lights it', async () => {
    const id = await createEntry(steward, entryBody(systemId, { identifiedOn: '2026-09-25' }));
    const todo = async (asOf: string) => (await steward.get(`${C}/deadlines/todo?asOf=${asOf}`)).json().items.find((x: { entryId: string }) => x.entryId === id);
    expect((await todo('2026-10-12')).deadline).toMatchObject({ rule: 'register_new', startedOn: '2026-09-25', dueOn: '2026-10-29', light: 'green', responsible: 'department' });
    expect((await todo('2026-10-26')).deadline.light).toBe('yellow');
    expect((await todo('2026-10-30')).deadline).toMatchObject({ light: 'red', remainingWorkingDays: expect.any(Number) });
    expect((await todo('2026-10-30')).deadline.remainingWorkingDays).toBeLessThan(0);

    // The bureau sees it in supervision; another department does not see it in its to-do list.
    const sup = (await reviewer.get(`${C}/deadlines/supervision?asOf=2026-10-30`)).json();
    expect(sup.items.some((x: { entryId: string }) => x.entryId === id)).toBe(true);
    expect((await mzj.get(`${C}/deadlines/todo?asOf=2026-10-30`)).json().items.some((x: { entryId: string }) => x.entryId === id)).toBe(false);
    expect((await steward.get(`${C}/deadlines/supervision`)).statusCode).toBe(403);
  });

  it('lets the bureau change a rule (audited), refuses yellow > working days and stewards', async () => {
    expect((await steward.put(`${C}/deadline-rules/register_new`, { workingDays: 30, yellowDays: 5, enabled: true })).statusCode).toBe(403);
    const bad = await reviewer.put(`${C}/deadline-rules/register_new`, { workingDays: 3, yellowDays: 5, enabled: true });
    expect(bad.statusCode).toBe(400);
    expect((await reviewer.put(`${C}/deadline-rules/no_such_rule`, { workingDays: 3, yellowDays: 1, enabled: true })).statusCode).toBe(404);

    const id = await createEntry(steward, entryBody(systemId, { identifiedOn: '2026-09-25' }));
    const ok = await reviewer.put(`${C}/deadline-rules/register_new`, { workingDays: 1, yellowDays: 0, enabled: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ workingDays: 1, updatedBy: expect.any(String) });
    const item = (await steward.get(`${C}/deadlines/todo?asOf=2026-09-29`)).json().items.find((x: { entryId: string }) => x.entryId === id);
    expect(item.deadline).toMatchObject({ dueOn: '2026-09-28', light: 'red' });
    await reviewer.put(`${C}/deadline-rules/register_new`, { workingDays: 20, yellowDays: 5, enabled: true });
  });

  it('starts the bureau\'s review clock at submission', async () => {
    const id = await createEntry(steward, entryBody(systemId));
    await steward.post(`${C}/entries/${id}/submissions`);
    const entry = (await reviewer.get(`${C}/entries/${id}`)).json();
    expect(entry.deadlines).toEqual([expect.objectContaining({ rule: 'bureau_review', responsible: 'bureau' })]);
  });
});

describe('statistics and quality', () => {
  it('counts per department and city-wide for the bureau, own department only for a department', async () => {
    const city = (await leader.get(`${C}/stats`)).json();
    expect(city.city.published).toBeGreaterThan(0);
    expect(city.city.entries).toBe(city.departments.reduce((n: number, d: { entries: number }) => n + d.entries, 0));
    const gaj = city.departments.find((d: { departmentName: string }) => d.departmentName === '汕尾市公安局');
    expect(gaj.byStatus.draft).toBeGreaterThan(0);
    expect(gaj.mountedRatio).toBeGreaterThanOrEqual(0);

    const cdo = await t.login('gaj_cdo');
    const own = (await cdo.get(`${C}/stats`)).json();
    expect(own.city).toBeNull();
    expect(own.departments.map((d: { departmentName: string }) => d.departmentName)).toEqual(['汕尾市公安局']);
    expect((await steward.get(`${C}/stats`)).statusCode).toBe(403);

    const quality = (await leader.get(`${C}/quality/departments`)).json();
    expect(quality.items.find((d: { departmentName: string }) => d.departmentName === '汕尾市民政局').averageScore).toBeGreaterThan(0);
  });
});
