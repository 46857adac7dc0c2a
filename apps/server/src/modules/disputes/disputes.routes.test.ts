import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { sm3 } from '@shuzheng/standards/crypto';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { TEST_PASSWORD, TEST_SEED } from '../../../test/test-config.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { seedDemoCatalog } from '../../workflows/seed-demo-catalog.ts';
import { seedDemoExchange } from '../../workflows/seed-demo-exchange.ts';
import { createDisputesService } from './disputes.service.ts';

// 异议核实 route tests on the demo population table (公安局 rk.czrk_jbxx, mounted on 常住人口基本信息); 民政局 raises.

let t: TestApp;
let entryId: string;
let keys: string[];
let nameOf: Map<string, string>;
let mzj: Client, gaj: Client, reviewer: Client, citizen: Client, scjg: Client;
const base = '/api/v1/disputes';

async function contextOf(client: Client): Promise<RequestContext> {
  const auth = await t.services.identity.sessions.authenticator.authenticate({ headers: {}, cookies: { sz_session: client.cookie } } as never);
  if (!auth) throw new Error('no session');
  return { actor: auth.actor, ip: '127.0.0.1', requestId: 'test', userAgent: null };
}

async function raise(client: Client, key: string, over: Record<string, unknown> = {}) {
  const res = await client.post(base, {
    entryId, recordKey: key, items: [{ codeName: 'person_name', seenValue: '错名', expectedValue: '正名' }], reason: '与户口簿登记不一致', ...over,
  });
  if (res.statusCode !== 201) throw new Error(`raise: ${res.statusCode} ${res.body}`);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.services, { password: TEST_PASSWORD });
  const seeded = await seedDemoExchange(t.services, t.db, { cityDivision: TEST_SEED.cityDivision, people: TEST_SEED.people });
  entryId = seeded.entryId!;
  const table = (await t.services.catalog.mounts.tableFor(entryId))!;
  const keyCol = table.columns.find((c) => c.itemCodeName === 'id_number')!.column;
  const nameCol = table.columns.find((c) => c.itemCodeName === 'person_name')!.column;
  const rows = (await sql<{ k: string; n: string }>`select ${sql.id(keyCol)}::text as k, ${sql.id(nameCol)}::text as n from ${sql.id(table.schemaName!, table.tableName)} order by 1 limit 10`.execute(t.db)).rows;
  keys = rows.map((r) => r.k);
  nameOf = new Map(rows.map((r) => [r.k, r.n]));
  [mzj, gaj, reviewer, citizen, scjg] = await Promise.all([t.login('mzj_steward'), t.login('gaj_steward'), t.login('reviewer'), t.login('citizen'), t.login('scjg_approver')]);
}, 120_000);
afterAll(async () => t?.close());

describe('access', () => {
  it('401 without a session, 403 without the permission', async () => {
    expect((await t.anonymous.get(base)).statusCode).toBe(401);
    expect((await t.anonymous.post(base, {})).statusCode).toBe(401);
    expect((await citizen.get(base)).statusCode).toBe(403);
    expect((await citizen.post(base, { entryId, recordKey: keys[0], items: [{ codeName: 'person_name' }], reason: 'x' })).statusCode).toBe(403);
    expect((await gaj.put(`${base}/rules`, { rules: [{ code: 'verify', workingDays: 5, yellowDays: 1 }] })).statusCode).toBe(403);
  });
});

describe('validation', () => {
  it('lists every problem at once (unknown item, blank reason) and writes nothing', async () => {
    const res = await mzj.post(base, { entryId, recordKey: keys[0], items: [{ codeName: 'no_such_item' }, { codeName: 'person_name' }], reason: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('DISPUTES_INVALID');
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.reason', 'body.items.0.codeName']));
    expect((await mzj.get(`${base}?box=mine`)).json().total).toBe(0);
  });
  it('a missing reason is a schema error; an unknown record, own data and an unmounted entry are refused', async () => {
    const noReason = await mzj.post(base, { entryId, recordKey: keys[0], items: [{ codeName: 'person_name' }] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('REQUEST_INVALID');
    const unknownKey = await mzj.post(base, { entryId, recordKey: '110101190001010000', items: [{ codeName: 'person_name' }], reason: '有误' });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.code).toBe('DISPUTES_RECORD_NOT_FOUND');
    const own = await gaj.post(base, { entryId, recordKey: keys[0], items: [{ codeName: 'person_name' }], reason: '有误' });
    expect(own.json().error.code).toBe('DISPUTES_OWN_DATA');
    const unmounted = await mzj.post(base, { entryId: '00000000-0000-4000-8000-000000000001', recordKey: keys[0], items: [{ codeName: 'person_name' }], reason: '有误' });
    expect(unmounted.statusCode).toBe(400);
    expect(unmounted.json().error.code).toBe('DISPUTES_ENTRY_NOT_MOUNTED');
  });
});

describe('raise → accept → 存疑 → correct → mark removed → raiser notified', () => {
  it('runs the whole flow with evidence, scope and transitions checked', async () => {
    const key = keys[0]!;
    const d = await raise(mzj, key);
    expect(d.status).toBe('submitted');
    expect(d.items[0]).toMatchObject({ codeName: 'person_name', seenValue: '错名', currentValue: nameOf.get(key), expectedValue: '正名' });
    expect(d.deadline).toMatchObject({ rule: 'accept', responsible: 'bureau' });
    expect((await t.services.disputes.marks.openFor(entryId, [key])).size).toBe(0); // not accepted yet

    // the same items of the same record cannot be disputed twice while open
    const twice = await mzj.post(base, { entryId, recordKey: key, items: [{ codeName: 'person_name' }], reason: '再次' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('DISPUTES_ALREADY_OPEN');

    // evidence: upload as raw body, download identical bytes with SM3
    const file = Buffer.from('户口簿复印件（测试）');
    const up = await mzj.request({ method: 'POST', url: `${base}/${d.id}/evidence?fileName=${encodeURIComponent('户口簿.txt')}`, payload: file, headers: { 'content-type': 'text/plain' } });
    expect(up.statusCode).toBe(201);
    expect(up.json().sm3).toBe(sm3(file));
    const down = await reviewer.get(`${base}/${d.id}/evidence/${up.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(Buffer.from(down.rawPayload).equals(file)).toBe(true);
    expect(down.headers['x-content-sm3']).toBe(sm3(file));
    const empty = await mzj.request({ method: 'POST', url: `${base}/${d.id}/evidence?fileName=a.txt`, payload: Buffer.alloc(0), headers: { 'content-type': 'text/plain' } });
    expect(empty.statusCode).toBe(400);

    // another department sees nothing; the provider does
    expect((await scjg.get(`${base}/${d.id}`)).statusCode).toBe(404);
    expect((await scjg.get(`${base}/${d.id}/evidence/${up.json().id}`)).statusCode).toBe(404);
    expect((await scjg.get(base)).json().items.some((x: { id: string }) => x.id === d.id)).toBe(false);
    expect((await gaj.get(`${base}/${d.id}`)).statusCode).toBe(200);

    // the provider cannot verify before the bureau accepts; the bureau's queue holds it
    expect((await gaj.post(`${base}/${d.id}/correct`, { correctedValues: { person_name: 'x' } })).statusCode).toBe(409);
    expect((await gaj.post(`${base}/${d.id}/accept`, {})).statusCode).toBe(403);
    expect((await reviewer.get(`${base}?box=accept`)).json().items.some((x: { id: string }) => x.id === d.id)).toBe(true);

    const accepted = await reviewer.post(`${base}/${d.id}/accept`, { note: '转公安局核实' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'verifying', providerDepartmentId: gaj.user.departmentId, marks: ['person_name'] });
    expect(accepted.json().deadline).toMatchObject({ rule: 'verify', responsible: 'provider', light: expect.stringMatching(/green|yellow/) });
    expect((await reviewer.post(`${base}/${d.id}/accept`, {})).statusCode).toBe(409);

    // the mark is visible at once through the exported API
    const open = await t.services.disputes.marks.openFor(entryId, [key, keys[9]!]);
    expect([...open.entries()]).toEqual([[key, ['person_name']]]);
    expect((await t.services.disputes.marks.forRecord(entryId, key)).map((m) => m.itemCodeName)).toEqual(['person_name']);
    expect((await gaj.get(`${base}?box=verify`)).json().items.some((x: { id: string }) => x.id === d.id)).toBe(true);

    // only the provider verifies; corrected values must be of the disputed items
    expect((await mzj.post(`${base}/${d.id}/correct`, { correctedValues: { person_name: 'x' } })).json().error.code).toBe('DISPUTES_NOT_PROVIDER');
    const badItem = await gaj.post(`${base}/${d.id}/correct`, { correctedValues: { gender: '1' } });
    expect(badItem.statusCode).toBe(400);
    const corrected = await gaj.post(`${base}/${d.id}/correct`, { correctedValues: { person_name: '正名' }, note: '已在户籍系统更正' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ status: 'corrected', archived: true, marks: [], deadline: null });
    expect(corrected.json().items[0].correctedValue).toBe('正名');
    expect(corrected.json().history.map((h: { action: string }) => h.action)).toEqual(['raise', 'evidence', 'accept', 'correct']);
    expect((await t.services.disputes.marks.openFor(entryId, [key])).size).toBe(0);
    expect((await gaj.post(`${base}/${d.id}/refute`, { reason: 'x' })).statusCode).toBe(409);

    // the raiser is notified
    const notes = (await mzj.get(`${base}/notifications`)).json();
    expect(notes.unread).toBeGreaterThanOrEqual(2);
    expect(notes.items.map((n: { title: string }) => n.title)).toEqual(expect.arrayContaining(['异议已受理', '异议已核实更正']));
    expect((await gaj.get(`${base}/notifications`)).json().unread).toBe(0);
    await mzj.post(`${base}/notifications/read`, {});
    expect((await mzj.get(`${base}/notifications`)).json().unread).toBe(0);

    // every step is audited
    const audit = await sql<{ action: string }>`select action from audit_events where target_id = ${d.id} order by seq`.execute(t.db);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['disputes.raise', 'disputes.evidence', 'disputes.accept', 'disputes.correct']));
  });

  it('the bureau rejects an invalid dispute with a reason', async () => {
    const d = await raise(mzj, keys[1]!);
    expect((await reviewer.post(`${base}/${d.id}/reject`, { reason: ' ' })).statusCode).toBe(400);
    const rejected = await reviewer.post(`${base}/${d.id}/reject`, { reason: '未提供任何证明材料' });
    expect(rejected.json()).toMatchObject({ status: 'invalid', decisionNote: '未提供任何证明材料', archived: true });
    expect((await mzj.post(`${base}/${d.id}/withdraw`, {})).statusCode).toBe(409);
    expect((await mzj.get(`${base}/notifications?unread=true`)).json().items.some((n: { title: string; disputeId: string }) => n.disputeId === d.id && n.title === '异议不予受理')).toBe(true);
    expect((await t.services.disputes.marks.openFor(entryId, [keys[1]!])).size).toBe(0);
  });

  it('the provider refutes with a reason; the mark goes away', async () => {
    const d = await raise(mzj, keys[2]!, { items: [{ codeName: 'person_name' }, { codeName: 'gender' }] });
    await reviewer.post(`${base}/${d.id}/accept`, {});
    expect((await t.services.disputes.marks.openFor(entryId, [keys[2]!])).get(keys[2]!)).toEqual(['gender', 'person_name']);
    expect((await gaj.post(`${base}/${d.id}/refute`, { reason: '' })).statusCode).toBe(400);
    const refuted = await gaj.post(`${base}/${d.id}/refute`, { reason: '经核对户籍档案，原数据无误' });
    expect(refuted.json()).toMatchObject({ status: 'refuted', marks: [] });
    expect((await t.services.disputes.marks.openFor(entryId, [keys[2]!])).size).toBe(0);
  });

  it('the raiser withdraws; the bureau reroutes', async () => {
    const d = await raise(mzj, keys[3]!);
    expect((await scjg.post(`${base}/${d.id}/withdraw`, {})).statusCode).toBe(404);
    await reviewer.post(`${base}/${d.id}/accept`, {});
    const rerouted = await reviewer.post(`${base}/${d.id}/reroute`, { providerDepartmentId: scjg.user.departmentId, note: '改由市场监管局核实' });
    expect(rerouted.json()).toMatchObject({ status: 'verifying', providerDepartmentId: scjg.user.departmentId });
    expect((await gaj.get(`${base}/${d.id}`)).statusCode).toBe(404); // no longer the provider
    const w = await mzj.post(`${base}/${d.id}/withdraw`, { note: '误报' });
    expect(w.json().status).toBe('withdrawn');
    expect((await t.services.disputes.marks.openFor(entryId, [keys[3]!])).size).toBe(0);
  });
});

describe('deadlines, escalation, rules', () => {
  it('counts 5 working days across 国庆 2026 and escalates when overdue', async () => {
    let today = '2026-09-29';
    const svc = createDisputesService({ db: t.db, audit: t.services.audit, calendar: t.services.calendar, catalog: t.services.catalog, departments: t.services.identity.departments, today: () => today });
    const [mctx, rctx] = await Promise.all([contextOf(mzj), contextOf(reviewer)]);
    const d = await svc.raise(mctx, { entryId, recordKey: keys[4]!, items: [{ codeName: 'birth_date' }], reason: '出生日期与出生医学证明不符' });
    expect(d.deadline).toMatchObject({ dueOn: '2026-10-08' }); // accept: 2 working days (09-30, 10-08)
    const a = await svc.accept(rctx, d.id, {});
    // verify: 5 working days from 09-29: 09-30, 10-08, 10-09, 10-10 (调休上班), 10-12
    expect(a.deadline).toMatchObject({ rule: 'verify', startedOn: '2026-09-29', dueOn: '2026-10-12', light: 'green', overdue: false });
    today = '2026-10-12';
    expect((await svc.get(rctx, d.id)).deadline).toMatchObject({ light: 'yellow', remainingWorkingDays: 0 });
    today = '2026-10-13';
    const late = await svc.get(rctx, d.id);
    expect(late).toMatchObject({ escalated: true, deadline: { light: 'red', overdue: true, remainingWorkingDays: -1 } });
    expect((await svc.list(rctx, { overdue: true }, { page: 1, pageSize: 100 })).items.map((x) => x.id)).toContain(d.id);
    expect((await svc.stats(rctx)).overdue).toBeGreaterThanOrEqual(1);
    // through the routes (today = the real date, later than the due date) the bureau sees it red too
    const listed = (await reviewer.get(`${base}?overdue=true&pageSize=100`)).json();
    expect(listed.items.find((x: { id: string }) => x.id === d.id)?.deadline.light).toBe('red');
  });

  it('rules are configurable by the bureau', async () => {
    const res = await reviewer.put(`${base}/rules`, { rules: [{ code: 'verify', workingDays: 7, yellowDays: 2 }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().rules.find((r: { code: string }) => r.code === 'verify')).toMatchObject({ workingDays: 7, yellowDays: 2 });
    expect((await reviewer.put(`${base}/rules`, { rules: [{ code: 'verify', workingDays: 2, yellowDays: 3 }] })).statusCode).toBe(400);
    await reviewer.put(`${base}/rules`, { rules: [{ code: 'verify', workingDays: 5, yellowDays: 1 }] });
  });
});

describe('marks cache', () => {
  it('answers entries without marks from memory and sees a mark made in the same process at once', async () => {
    const svc = createDisputesService({ db: t.db, audit: t.services.audit, calendar: t.services.calendar, catalog: t.services.catalog, departments: t.services.identity.departments, marksRefreshMs: 60_000 });
    const other = createDisputesService({ db: t.db, audit: t.services.audit, calendar: t.services.calendar, catalog: t.services.catalog, departments: t.services.identity.departments, marksRefreshMs: 60_000 });
    const [mctx, rctx] = await Promise.all([contextOf(mzj), contextOf(reviewer)]);
    const key = keys[5]!;
    expect((await svc.marks.openFor(entryId, [key])).size).toBe(0);
    expect((await other.marks.openFor(entryId, [key])).size).toBe(0);
    const d = await svc.raise(mctx, { entryId, recordKey: key, items: [{ codeName: 'domicile_address' }], reason: '住址已迁出' });
    await svc.accept(rctx, d.id, {});
    expect((await svc.marks.openFor(entryId, [key])).get(key)).toEqual(['domicile_address']);
    // another process trusts its set until it is refreshed (documented: within marksRefreshMs)
    const staleSet = await other.marks.openFor(entryId, [key]);
    expect(staleSet.size === 0 || staleSet.get(key)?.[0] === 'domicile_address').toBe(true);
    expect((await svc.marks.openFor(entryId, [])).size).toBe(0);
    await svc.refute(await contextOf(gaj), d.id, { reason: '无误' });
    expect((await svc.marks.openFor(entryId, [key])).size).toBe(0);
  });
});

describe('export', () => {
  it('exports the visible list as CSV and XLSX', async () => {
    const csv = await reviewer.get(`${base}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('记录主键');
    expect(csv.body).toContain(keys[0]);
    const xlsx = await mzj.get(`${base}/export?format=xlsx&box=mine`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const other = await scjg.get(`${base}/export?format=csv`);
    expect(other.body).not.toContain(keys[0]);
  });
});
