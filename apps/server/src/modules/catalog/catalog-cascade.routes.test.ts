import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { createEntry, createSystem, entryBody, publishEntry, unique } from './catalog.test-support.ts';

// 目录级联 (docs/catalog-api.md §4.9): the incremental export (our JSON and DCAT-AP 3), the province's feedback, and
// the import of the provincial catalog as read-only entries.

let t: TestApp;
let steward: Client;
let reviewer: Client;
let systemId: string;

beforeAll(async () => {
  t = await createTestApp();
  [steward, reviewer] = (await Promise.all(['gaj_steward', 'reviewer'].map((u) => t.login(u)))) as [Client, Client];
  systemId = await createSystem(steward);
});
afterAll(async () => {
  await t?.close();
});

const C = '/api/v1/catalog';
const X = `${C}/cascade/export`;
const EU = 'http://publications.europa.eu/resource/authority';

interface JsonEntry { code: string; name: string; version: number; withdrawn: boolean; summary: string; items: { codeName: string }[] }
interface Feed { nextCursor: string; hasMore: boolean; entries: JsonEntry[] }
const feed = async (query = ''): Promise<Feed> => {
  const res = await reviewer.get(`${X}${query ? `?${query}` : ''}`);
  if (res.statusCode !== 200) throw new Error(`export: ${res.statusCode} ${res.body}`);
  return res.json();
};
/** Pages through the feed from a cursor; returns every entry seen and the cursor to continue from. */
async function drain(since: string | null, limit = 500) {
  const entries: JsonEntry[] = [];
  let cursor = since;
  for (;;) {
    const page = await feed(`limit=${limit}${cursor ? `&since=${cursor}` : ''}`);
    entries.push(...page.entries);
    cursor = page.nextCursor;
    if (!page.hasMore) return { entries, cursor };
  }
}
const codeOf = async (id: string) => (await steward.get(`${C}/entries/${id}`)).json().code as string;
const countEntries = async () => (await sql<{ n: number }>`select count(*)::int as n from catalog_entries`.execute(t.db)).rows[0]!.n;
const items = () => (entryBody(systemId).items as Record<string, unknown>[]).slice(0, 3);

/** Publishes a change (new version) of a published entry. */
async function publishChange(id: string, patch: Record<string, unknown>) {
  expect((await steward.patch(`${C}/entries/${id}`, patch)).statusCode).toBe(200);
  expect((await steward.post(`${C}/entries/${id}/submissions`)).statusCode).toBe(200);
  return (await reviewer.post(`${C}/entries/${id}/reviews`, { decision: 'approve' })).json();
}

describe('export', () => {
  it('returns each change after the cursor once, oldest first, in pages; withdrawals appear in JSON only', async () => {
    const start = (await drain(null)).cursor;
    const [a, b, c] = [await publishEntry(steward, reviewer, entryBody(systemId)), await publishEntry(steward, reviewer, entryBody(systemId)), await publishEntry(steward, reviewer, entryBody(systemId))];
    const codes = await Promise.all([a, b, c].map(codeOf));
    await createEntry(steward, entryBody(systemId)); // a draft is no publication event

    const first = await feed(`limit=2&since=${start}`);
    expect(first.entries.map((e) => e.code)).toEqual(codes.slice(0, 2));
    expect(first.hasMore).toBe(true);
    const second = await feed(`limit=2&since=${first.nextCursor}`);
    expect(second.entries.map((e) => e.code)).toEqual(codes.slice(2));
    expect(second.hasMore).toBe(false);
    expect(second.entries[0]).toMatchObject({ version: 1, withdrawn: false, providerName: '汕尾市公安局', category: 'basic', items: expect.any(Array) });

    await publishChange(a, { summary: '本市常住人口的身份与户籍信息，含流动人口，每日更新。' });
    await steward.post(`${C}/entries/${b}/withdrawals`, { reason: '职责已划转' });
    await reviewer.post(`${C}/entries/${b}/reviews`, { decision: 'approve' });
    const changes = await drain(second.nextCursor, 1);
    expect(changes.entries.map((e) => [e.code, e.version, e.withdrawn])).toEqual([[codes[0], 2, false], [codes[1], 1, true]]);
    expect(changes.entries[1]!.name).toBeTruthy(); // a withdrawal carries the last published fields
    const again = await feed(`since=${changes.cursor}`);
    expect(again).toMatchObject({ entries: [], hasMore: false, nextCursor: changes.cursor });

    const dcat = (await reviewer.get(`${X}?format=dcat&since=${second.nextCursor}`)).json();
    expect(dcat['dcat:dataset'].map((d: { 'dct:identifier': string }) => d['dct:identifier'])).toEqual([codes[0]]);
    expect(dcat['shuzheng:nextCursor']).toBe(changes.cursor);
  });

  it('exports DCAT-AP 3 JSON-LD with the required properties and the mapped vocabularies for every dataset', async () => {
    const id = await publishEntry(steward, reviewer, entryBody(systemId, { updateFrequency: 'half_yearly', shareType: 'unconditional', shareCondition: null, relatedCodes: [] }));
    await steward.post(`${C}/entries/${id}/mounts`, { kind: 'api', api: { endpoint: 'https://gateway.shanwei.gov.cn/api/v1/persons', method: 'GET', auth: 'sm2' } });
    const code = await codeOf(id);
    const plain = await codeOf(await publishEntry(steward, reviewer, entryBody(systemId)));
    const res = await reviewer.get(`${X}?format=dcat`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const doc = res.json();
    expect(doc).toMatchObject({
      '@type': 'dcat:Catalog', '@id': 'urn:shuzheng:catalog:441500',
      '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', vcard: 'http://www.w3.org/2006/vcard/ns#' },
      'dct:title': { '@language': 'zh', '@value': '汕尾市政务数据目录' },
      'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': expect.any(String) },
    });
    const datasets = doc['dcat:dataset'] as Record<string, any>[];
    expect(datasets.length).toBeGreaterThan(0);
    const frequencies = ['CONT', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'BIANNUAL', 'ANNUAL', 'IRREG'].map((f) => `${EU}/frequency/${f}`);
    const rights = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'].map((r) => `${EU}/access-right/${r}`);
    for (const d of datasets) {
      expect(d['@type']).toBe('dcat:Dataset');
      expect(d['@id']).toBe(`urn:shuzheng:dataset:${d['dct:identifier']}`);
      expect(d['dct:identifier']).toMatch(/^\d{12}$/);
      expect(d['dct:title']).toMatchObject({ '@language': 'zh', '@value': expect.any(String) });
      expect(d['dct:description']['@value'].length).toBeGreaterThan(0);
      expect(d['dct:publisher']).toMatchObject({ '@type': 'foaf:Agent', 'foaf:name': expect.any(String), 'dct:identifier': expect.stringMatching(/^[0-9A-Z]{18}$/) });
      expect(d['dcat:distribution'].length).toBeGreaterThan(0);
      for (const dist of d['dcat:distribution']) expect(dist).toMatchObject({ '@type': 'dcat:Distribution', 'dcat:accessURL': { '@id': expect.any(String) } });
      expect(frequencies).toContain(d['dct:accrualPeriodicity']['@id']);
      expect(rights).toContain(d['dct:accessRights']['@id']);
    }
    const mine = datasets.find((d) => d['dct:identifier'] === code)!;
    expect(mine['dct:accrualPeriodicity']['@id']).toBe(`${EU}/frequency/BIANNUAL`);
    expect(mine['dct:accessRights']['@id']).toBe(`${EU}/access-right/PUBLIC`);
    expect(mine['dcat:distribution']).toEqual([expect.objectContaining({ 'dcat:accessURL': { '@id': 'https://gateway.shanwei.gov.cn/api/v1/persons' }, 'dct:format': 'API' })]);
    expect(mine['dct:publisher']['foaf:name']).toBe('汕尾市公安局');
    expect(mine['dct:issued']).toMatchObject({ '@type': 'xsd:date', '@value': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const unmounted = datasets.find((d) => d['dct:identifier'] === plain)!;
    expect(unmounted['dcat:distribution']).toEqual([expect.objectContaining({ 'dcat:accessURL': { '@id': `urn:shuzheng:dataset:${plain}` }, 'dct:format': 'PostgreSQL' })]);

    // JSON-LD shape: every compact IRI used as a key has its prefix in @context; value objects hold only value keywords.
    const prefixes = new Set(Object.keys(doc['@context']));
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const keys = Object.keys(node);
      if (keys.includes('@value')) expect(keys.every((k) => ['@value', '@language', '@type'].includes(k))).toBe(true);
      for (const key of keys) {
        if (key.startsWith('@')) continue;
        expect(prefixes, `prefix of ${key}`).toContain(key.split(':')[0]);
        walk((node as Record<string, unknown>)[key]);
      }
    };
    const { '@context': _context, ...rest } = doc;
    walk(rest);
  });

  it('refuses a bad cursor, format or limit with 400 and no data', async () => {
    for (const since of ['not-a-cursor', Buffer.from(JSON.stringify({ seq: -1 })).toString('base64url'), Buffer.from('{"seq":"1"}').toString('base64url')]) {
      const res = await reviewer.get(`${X}?since=${since}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'CATALOG_CASCADE_INVALID', details: { fields: [{ path: 'querystring.since' }] } });
    }
    expect((await reviewer.get(`${X}?format=xml`)).statusCode).toBe(400);
    expect((await reviewer.get(`${X}?limit=0`)).statusCode).toBe(400);
    expect((await reviewer.get(`${X}?limit=1001`)).statusCode).toBe(400);
  });
});

describe('reports (省级反馈)', () => {
  it('records the province\'s feedback on published entries; a new published version resets it to not reported', async () => {
    const id = await publishEntry(steward, reviewer, entryBody(systemId));
    const draft = await createEntry(steward, entryBody(systemId));
    const ok = await reviewer.post(`${C}/cascade/reports`, { entryIds: [id], status: 'reported' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ updated: 1 });
    expect((await steward.get(`${C}/entries/${id}`)).json()).toMatchObject({ reportStatus: 'reported', reportNote: null, reportedAt: expect.any(String) });

    const noNote = await reviewer.post(`${C}/cascade/reports`, { entryIds: [id], status: 'rejected' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details.fields).toEqual([{ path: 'body.note', message: expect.any(String) }]);
    const withDraft = await reviewer.post(`${C}/cascade/reports`, { entryIds: [id, draft], status: 'synced' });
    expect(withDraft.statusCode).toBe(400);
    expect(withDraft.json().error.details.fields).toEqual([{ path: 'body.entryIds.1', message: expect.stringContaining('草稿') }]);
    expect((await steward.get(`${C}/entries/${id}`)).json().reportStatus).toBe('reported'); // nothing written

    const rejected = await reviewer.post(`${C}/cascade/reports`, { entryIds: [id], status: 'rejected', note: '摘要不符合省级要求' });
    expect(rejected.statusCode).toBe(200);
    expect((await steward.get(`${C}/entries/${id}`)).json()).toMatchObject({ reportStatus: 'rejected', reportNote: '摘要不符合省级要求' });
    const audit = (await sql<{ details: Record<string, unknown> }>`
      select details from audit_events where action = 'catalog.cascade.report' and target_id = ${id} order by seq desc limit 1`.execute(t.db)).rows[0];
    expect(audit?.details).toMatchObject({ from: 'reported', to: 'rejected', note: '摘要不符合省级要求' });

    const v2 = await publishChange(id, { summary: '按省级要求修改后的摘要：本市常住人口的身份、户籍与出生信息。' });
    expect(v2).toMatchObject({ currentVersion: 2, reportStatus: 'not_reported', reportNote: null, reportedAt: null });
  });
});

describe('provincial import', () => {
  const PROVINCE = { name: '广东省自然资源厅', code: '11440000006939838A' };
  /** A provincial file built from our own JSON export (the formats are one), with provincial codes. */
  async function provincialFile(codes: string[]) {
    const base = (await feed()).entries.find((e) => !e.withdrawn)!;
    return {
      format: 'shuzheng.catalog.v1', source: { name: '广东省政务数据目录', divisionCode: '440000' }, generatedAt: new Date().toISOString(),
      entries: codes.map((code, i) => ({
        ...base, code, name: `省级${base.name}${i}`, providerName: PROVINCE.name, providerCode: PROVINCE.code, category: 'basic', subcategory: '03',
        items: items(), version: 3,
      })) as unknown as (JsonEntry & Record<string, unknown>)[],
    };
  }
  const importFile = (body: unknown) => reviewer.post(`${C}/cascade/imports`, body);
  const publishedOf = async (code: string) => {
    const hit = (await reviewer.get(`${C}/search?department=province:${PROVINCE.code}&pageSize=100`)).json().items.find((x: { code: string }) => x.code === code);
    return hit ? (await reviewer.get(`${C}/published/${hit.id}`)).json() : null;
  };

  it('creates read-only published entries, and a new version only for an import that changes one', async () => {
    const file = await provincialFile(['103900000001', '103900000002']);
    const stats = async () => (await reviewer.get(`${C}/stats`)).json().city.entries;
    const localEntries = await stats();
    const res = await importFile(file);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ created: 2, updated: 0, withdrawn: 0 });
    const first = await publishedOf('103900000001');
    expect(first).toMatchObject({ origin: 'provincial', departmentId: null, providerName: PROVINCE.name, version: 1, items: expect.any(Array) });

    const patch = await steward.patch(`${C}/entries/${first.id}`, { summary: '本级改省级目录' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.code).toBe('CATALOG_READ_ONLY');
    expect((await steward.post(`${C}/entries/${first.id}/submissions`)).json().error.code).toBe('CATALOG_READ_ONLY');
    expect((await reviewer.get(`${C}/entries?origin=provincial`)).json().items[0]).toMatchObject({ origin: 'provincial', status: 'published' });

    expect((await importFile(file)).json()).toEqual({ created: 0, updated: 0, withdrawn: 0 });
    file.entries[0]!.summary = '省级更新后的摘要：全省自然资源和空间地理基础信息。';
    expect((await importFile(file)).json()).toEqual({ created: 0, updated: 1, withdrawn: 0 });
    expect(await publishedOf('103900000001')).toMatchObject({ version: 2, summary: file.entries[0]!.summary });
    expect((await reviewer.get(`${C}/entries/${first.id}/versions`)).json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    file.entries[1]!.withdrawn = true;
    expect((await importFile(file)).json()).toEqual({ created: 0, updated: 0, withdrawn: 1 });
    expect(await publishedOf('103900000002')).toBeNull();
    expect(await stats()).toBe(localEntries); // §8: provincial entries are not counted
  });

  it('lists every problem of a bad file (schema and content) and writes nothing', async () => {
    const file = await provincialFile(['103900000011', '103900000012', '103900000011', '103900000014']);
    Object.assign(file.entries[0]!, { shareType: 'maybe' });
    Object.assign(file.entries[1]!, { subcategory: '09' });
    file.entries[3]!.items = [...items(), items()[0]!] as never;
    delete (file.entries[3] as Record<string, unknown>).name;
    const before = await countEntries();
    const res = await importFile(file);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('CATALOG_CASCADE_INVALID');
    expect(error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining([
      'body.entries.0.shareType', 'body.entries.1.subcategory', 'body.entries.2.code', 'body.entries.3.items.3.codeName', 'body.entries.3.name',
    ]));
    expect(await countEntries()).toBe(before);
    expect((await importFile({ format: 'other', entries: 'x' })).json().error.code).toBe('CATALOG_CASCADE_INVALID');
  });

  it('refuses a code that belongs to a local entry with 409 and writes nothing', async () => {
    const local = await codeOf(await createEntry(steward, entryBody(systemId)));
    const file = await provincialFile(['103900000021', local]);
    const before = await countEntries();
    const res = await importFile(file);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CATALOG_CODE_CONFLICT', details: { code: local } });
    expect(await countEntries()).toBe(before);
  });
});

describe('permissions', () => {
  it('keeps every cascade route to the data bureau', async () => {
    const id = await publishEntry(steward, reviewer, entryBody(systemId, { name: unique('权限测试') }));
    const cdo = await t.login('gaj_cdo');
    for (const client of [steward, cdo]) {
      expect((await client.get(X)).statusCode).toBe(403);
      expect((await client.post(`${C}/cascade/reports`, { entryIds: [id], status: 'reported' })).statusCode).toBe(403);
      expect((await client.post(`${C}/cascade/imports`, { format: 'shuzheng.catalog.v1', source: { name: 'x' }, entries: [] })).statusCode).toBe(403);
    }
    expect((await steward.get(`${C}/entries/${id}`)).json().reportStatus).toBe('not_reported');
    expect((await t.anonymous.get(X)).statusCode).toBe(401);
  });
});
