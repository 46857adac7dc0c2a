import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { ensureDataTable } from '../../kernel/data-tables.ts';
import { createSystem, entryBody, personItems, publishEntry } from '../catalog/catalog.test-support.ts';

// Two departments hold the same persons: 公安 (person_name authoritative) and 民政 (none authoritative).
const P1 = '441502199001011230';
const P2 = '441502199002021231';
const P3 = '441502199003031232';
const P4 = '441502199004041233'; // deleted in 公安
const P5 = '441502199005051234'; // only 民政
const P6 = '441502199006061235'; // only 公安

let t: TestApp;
let reviewer: Client, leader: Client, gaj: Client, mzj: Client, hotline: Client;
let gajEntry: string, mzjEntry: string;

async function mountedEntry(steward: Client, schemaName: string, items: Record<string, unknown>[], columns: Record<string, string>) {
  const systemId = await createSystem(steward);
  const id = await publishEntry(steward, reviewer, entryBody(systemId, { items }));
  const res = await steward.post(`/api/v1/catalog/entries/${id}/mounts`, {
    kind: 'table', table: { datasource: '测试库', schemaName, tableName: 'people', columns: Object.entries(columns).map(([itemCodeName, column]) => ({ column, itemCodeName })) },
  });
  if (res.statusCode !== 201) throw new Error(`mount: ${res.statusCode} ${res.body}`);
  await ensureDataTable(t.db, {
    schemaName, tableName: 'people', keyColumns: [columns.id_number!],
    columns: Object.entries(columns).map(([item, column]) => ({ column, dataType: item === 'birth_date' ? 'date' : 'string' })),
  });
  return id;
}

async function build(registry = 'person') {
  const res = await reviewer.post(`/api/v1/registry/registries/${registry}/builds`);
  expect(res.statusCode).toBe(202);
  await t.services.registry.builds.whenIdle();
  const done = await reviewer.get(`/api/v1/registry/builds/${res.json().id}`);
  expect(done.json().status).toBe('succeeded');
  return done.json();
}

const auditCount = async (action: string) =>
  Number((await sql<{ n: string }>`select count(*) as n from audit_events where action = ${action}`.execute(t.db)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  [reviewer, leader, gaj, mzj, hotline] = (await Promise.all(['reviewer', 'leader', 'gaj_steward', 'mzj_steward', 'hotline'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  const authoritativeName = personItems().map((i) => (i.codeName === 'person_name' ? { ...i, authoritative: true } : i));
  gajEntry = await mountedEntry(gaj, 'tgaj', authoritativeName, { id_number: 'sfzh', person_name: 'xm', gender: 'xb', birth_date: 'csrq', domicile: 'dz' });
  mzjEntry = await mountedEntry(mzj, 'tmzj', personItems(), { id_number: 'id_no', person_name: 'name', gender: 'sex', domicile: 'addr' });
  await sql`insert into tgaj.people (sfzh, xm, xb, csrq, dz, updated_at, deleted_at) values
    (${P1}, '张三', '1', '1990-01-01', 'A路1号', '2026-01-01', null),
    (${P2}, '李四', '1', '1990-02-02', 'A路2号', '2026-01-01', null),
    (${P3}, '王五', '1', '1990-03-03', 'A路3号', '2026-01-01', null),
    (${P4}, '赵六', '2', '1990-04-04', 'A路4号', '2026-01-01', '2026-02-01'),
    (${P6}, '孙八', '1', '1990-06-06', 'A路6号', '2026-01-01', null)`.execute(t.db);
  await sql`insert into tmzj.people (id_no, name, sex, addr, updated_at) values
    (${P1}, '张 三', '1', 'B路2号', '2026-03-01'),
    (${P2}, '李斯', '1', 'A路 2号', '2026-03-01'),
    (${P3}, '王五', '2', null, '2026-03-01'),
    (${P4}, '赵六', '2', 'A路4号', '2026-03-01'),
    (${P5}, '钱七', '2', 'B路5号', '2026-03-01')`.execute(t.db);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('registries and builds', () => {
  it('401 without a session, 403 without the permission', async () => {
    expect((await t.anonymous.get('/api/v1/registry/registries')).statusCode).toBe(401);
    expect((await t.anonymous.get(`/api/v1/registry/persons/${P1}?purpose=测试`)).statusCode).toBe(401);
    expect((await leader.post('/api/v1/registry/registries/person/builds')).statusCode).toBe(403);
    expect((await hotline.get(`/api/v1/registry/persons/${P1}?purpose=热线核实`)).statusCode).toBe(403);
    expect((await hotline.get('/api/v1/registry/registries/person/comparisons')).statusCode).toBe(403);
  });

  it('lists both departments as sources of the population registry, and builds golden records with counts per source', async () => {
    const overview = (await reviewer.get('/api/v1/registry/registries/person')).json();
    expect(overview.sources.map((s: { entryId: string }) => s.entryId).sort()).toEqual([gajEntry, mzjEntry].sort());
    const b = await build();
    expect(b.subjects).toBe(6); // P1–P6 (P4 still held by 民政)
    const bySource = Object.fromEntries(b.sources.map((s: { entryId: string; subjects: number }) => [s.entryId, s.subjects]));
    expect(bySource).toEqual({ [gajEntry]: 4, [mzjEntry]: 5 });
    expect(b.percent).toBe(100);
    expect(await auditCount('registry.build.start')).toBeGreaterThanOrEqual(1);
    // the daily job does not rebuild what was just built (it fires at every start), only a stale registry
    expect(await t.services.registry.builds.runIfStale('person', 3_600_000)).toBeNull();
    expect((await t.services.registry.builds.runIfStale('person', 0))?.status).toBe('succeeded');
  });

  it('the authoritative source wins, the other value is kept; without one the newest row wins, then the precedence list', async () => {
    await build();
    const p2 = (await reviewer.get(`/api/v1/registry/persons/${P2}?purpose=${encodeURIComponent('低保资格复核')}`)).json();
    const name = p2.golden.find((g: { item: string }) => g.item === 'person_name');
    expect(name).toMatchObject({ value: '李四', basis: 'authoritative', authoritative: true, sourceEntryId: gajEntry });
    expect(name.alternatives.map((a: { value: string; entryId: string }) => [a.entryId, a.value])).toEqual([[mzjEntry, '李斯']]);
    const p1 = (await reviewer.get(`/api/v1/registry/persons/${P1}?purpose=${encodeURIComponent('低保资格复核')}`)).json();
    expect(p1.golden.find((g: { item: string }) => g.item === 'domicile')).toMatchObject({ value: 'B路2号', basis: 'latest', sourceEntryId: mzjEntry });
    // Equal after normalisation (张三 / 张 三): no alternative kept.
    expect(p1.golden.find((g: { item: string }) => g.item === 'person_name').alternatives).toEqual([]);

    const bad = await reviewer.put('/api/v1/registry/registries/person/settings', { precedence: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('REGISTRY_SETTINGS_INVALID');
    expect((await leader.put('/api/v1/registry/registries/person/settings', { precedence: [] })).statusCode).toBe(403);
    const ok = await reviewer.put('/api/v1/registry/registries/person/settings', { precedence: [gaj.user.departmentId] });
    expect(ok.statusCode).toBe(200);
    await build();
    const again = (await reviewer.get(`/api/v1/registry/persons/${P1}?purpose=${encodeURIComponent('低保资格复核')}`)).json();
    const domicile = again.golden.find((g: { item: string }) => g.item === 'domicile');
    expect(domicile).toMatchObject({ value: 'A路1号', basis: 'precedence', sourceEntryId: gajEntry });
    expect(domicile.alternatives.map((a: { value: string }) => a.value)).toEqual(['B路2号']);
    await reviewer.put('/api/v1/registry/registries/person/settings', { precedence: [] });
  });
});

describe('profiles', () => {
  it('marks a value under an accepted dispute as 存疑 in its source, for every reader', async () => {
    const raised = await mzj.post('/api/v1/disputes', { entryId: gajEntry, recordKey: P3, items: [{ codeName: 'person_name' }], reason: '与低保登记不一致' });
    expect(raised.statusCode, raised.body).toBe(201);
    expect((await reviewer.post(`/api/v1/disputes/${raised.json().id}/accept`, { note: '转公安局核实' })).statusCode).toBe(200);
    const p3 = (await leader.get(`/api/v1/registry/persons/${P3}?purpose=${encodeURIComponent('核实户籍')}`)).json();
    const flags = (entryId: string) => Object.fromEntries(p3.sources.find((x: { entryId: string }) => x.entryId === entryId).rows[0].values.map((v: { item: string; disputed: boolean }) => [v.item, v.disputed]));
    expect(flags(gajEntry)).toMatchObject({ person_name: true, gender: false });
    expect(flags(mzjEntry).person_name).toBe(false);
  });

  it('requires a purpose (400) and audits every read with it', async () => {
    const res = await reviewer.get(`/api/v1/registry/persons/${P1}`);
    expect(res.statusCode).toBe(400);
    const before = await auditCount('registry.profile.read');
    expect((await reviewer.get(`/api/v1/registry/persons/${P1}?purpose=${encodeURIComponent('政务服务办理')}`)).statusCode).toBe(200);
    expect((await reviewer.get(`/api/v1/registry/persons/${P2}?purpose=${encodeURIComponent('政务服务办理')}`)).statusCode).toBe(200);
    expect(await auditCount('registry.profile.read')).toBe(before + 2);
    const last = (await sql<{ target_id: string; details: { purpose: string }; actor_name: string }>`
      select target_id, details, actor_name from audit_events where action = 'registry.profile.read' order by seq desc limit 1`.execute(t.db)).rows[0]!;
    expect(last.target_id).toBe(P2);
    expect(last.details.purpose).toBe('政务服务办理');
  });

  it('groups values by source with department, last update and authoritative flag', async () => {
    const p = (await reviewer.get(`/api/v1/registry/persons/${P1}?purpose=${encodeURIComponent('政务服务办理')}`)).json();
    expect(p.sources).toHaveLength(2);
    const gajSource = p.sources.find((s: { entryId: string }) => s.entryId === gajEntry);
    expect(gajSource.departmentName).toContain('公安');
    expect(gajSource.rows).toHaveLength(1);
    const name = gajSource.rows[0].values.find((v: { item: string }) => v.item === 'person_name');
    expect(name).toMatchObject({ value: '张三', masked: false, authoritative: true, sensitivity: 'personal' });
    const mzjSource = p.sources.find((s: { entryId: string }) => s.entryId === mzjEntry);
    expect(Date.parse(gajSource.rows[0].updatedAt)).toBeLessThan(Date.parse(mzjSource.rows[0].updatedAt));
    expect(mzjSource.rows[0].values.find((v: { item: string }) => v.item === 'person_name')).toMatchObject({ value: '张 三', authoritative: false });
    expect(p.hiddenSources).toBe(0);
    expect(p.masked).toBe(false);
  });

  it('masks sensitive values for a caller without registry.profile.read_sensitive', async () => {
    const p = (await leader.get(`/api/v1/registry/persons/${P1}?purpose=${encodeURIComponent('统计核查')}`)).json();
    expect(p.masked).toBe(true);
    const gajSource = p.sources.find((s: { entryId: string }) => s.entryId === gajEntry);
    const name = gajSource.rows[0].values.find((v: { item: string }) => v.item === 'person_name');
    expect(name.masked).toBe(true);
    expect(name.value).toBe('张*');
    expect(p.golden.find((g: { item: string }) => g.item === 'person_name')).toMatchObject({ value: '张*', masked: true });
  });

  it("shows a department's staff only their own department's sources, in clear; another department's data is never visible", async () => {
    const own = (await gaj.get(`/api/v1/registry/persons/${P1}?purpose=${encodeURIComponent('户籍核对')}`)).json();
    expect(own.sources.map((s: { entryId: string }) => s.entryId)).toEqual([gajEntry]);
    expect(own.hiddenSources).toBe(1);
    expect(own.sources[0].rows[0].values.find((v: { item: string }) => v.item === 'person_name')).toMatchObject({ value: '张三', masked: false });
    expect(JSON.stringify(own)).not.toContain('B路2号');
    const other = await mzj.get(`/api/v1/registry/persons/${P6}?purpose=${encodeURIComponent('低保核对')}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('REGISTRY_SUBJECT_NOT_FOUND');
    const mine = (await mzj.get(`/api/v1/registry/persons/${P1}?purpose=${encodeURIComponent('低保核对')}`)).json();
    expect(JSON.stringify(mine)).not.toContain('A路1号');
    expect(mine.golden.every((g: { sourceEntryId: string }) => g.sourceEntryId === mzjEntry)).toBe(true);
  });

  it('skips soft-deleted rows and answers 404 for an unknown subject', async () => {
    const p4 = (await reviewer.get(`/api/v1/registry/persons/${P4}?purpose=${encodeURIComponent('核对')}`)).json();
    expect(p4.sources.map((s: { entryId: string }) => s.entryId)).toEqual([mzjEntry]);
    expect((await reviewer.get(`/api/v1/registry/persons/441502199912319999?purpose=${encodeURIComponent('核对')}`)).statusCode).toBe(404);
    expect((await reviewer.get(`/api/v1/registry/persons/${encodeURIComponent('12;drop')}?purpose=${encodeURIComponent('核对')}`)).statusCode).toBe(400);
  });
});

describe('self scope', () => {
  it("lets a citizen read only their own profile, in clear", async () => {
    const citizen = await t.login('citizen');
    const holder = await t.services.identity.holderOf(citizen.user.id);
    if (!holder) throw new Error('the demo citizen has no person');
    await sql`insert into tgaj.people (sfzh, xm, xb, dz) values (${holder.id}, ${holder.name}, '1', 'C路9号') on conflict do nothing`.execute(t.db);
    const own = await citizen.get(`/api/v1/registry/persons/${holder.id}?purpose=${encodeURIComponent('查看本人档案')}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().sources[0].rows[0].values.find((v: { item: string }) => v.item === 'domicile')).toMatchObject({ value: 'C路9号', masked: false });
    const other = await citizen.get(`/api/v1/registry/persons/${P1}?purpose=${encodeURIComponent('查看他人')}`);
    expect(other.statusCode).toBe(404);
    expect((await citizen.get('/api/v1/registry/registries')).statusCode).toBe(403);
  });
});

describe('multi-source comparison', () => {
  it('counts disagreements per item and per department pair', async () => {
    await build();
    const c = (await reviewer.get('/api/v1/registry/registries/person/comparisons')).json();
    const counts = Object.fromEntries(c.pairs.map((p: { item: string; compared: number; disagreed: number }) => [p.item, [p.compared, p.disagreed]]));
    expect(counts).toEqual({ person_name: [3, 1], gender: [3, 1], domicile: [2, 1] });
    expect(c.departmentPairs).toHaveLength(1);
    expect(c.departmentPairs[0]).toMatchObject({ compared: 8, disagreed: 3 });
    expect(c.pairs.find((p: { item: string }) => p.item === 'person_name').authoritative).toBe(c.pairs[0].entryA === gajEntry ? 'a' : 'b');
  });

  it('pages the disagreeing rows live and exports them as CSV and XLSX (audited)', async () => {
    const q = `item=gender&entryA=${gajEntry}&entryB=${mzjEntry}`;
    const s = (await reviewer.get(`/api/v1/registry/registries/person/comparisons/samples?${q}`)).json();
    expect(s.total).toBe(1);
    expect(s.items[0]).toMatchObject({ key: P3, valueA: '1', valueB: '2' });
    const masked = (await leader.get(`/api/v1/registry/registries/person/comparisons/samples?${q}`)).json();
    expect(masked.items[0].key).not.toBe(P3);
    const before = await auditCount('registry.comparison.export');
    const csv = await reviewer.get(`/api/v1/registry/registries/person/comparisons/export?${q}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(P3);
    const xlsx = await reviewer.get(`/api/v1/registry/registries/person/comparisons/export?${q}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.readUInt32LE(0)).toBe(0x04034b50);
    expect(await auditCount('registry.comparison.export')).toBe(before + 2);
    const wrong = await reviewer.get(`/api/v1/registry/registries/person/comparisons/samples?item=birth_date&entryA=${gajEntry}&entryB=${mzjEntry}`);
    expect(wrong.statusCode).toBe(400);
  });

  it("department staff see only pairs that include their own department", async () => {
    const c = (await mzj.get('/api/v1/registry/registries/person/comparisons')).json();
    expect(c.pairs.length).toBe(3);
    const other = await t.login('scjg_approver');
    expect((await other.get('/api/v1/registry/registries/person/comparisons')).statusCode).toBe(403);
  });
});
