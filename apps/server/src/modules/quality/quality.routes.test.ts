import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { creditCodeCheckChar, mod11_2 } from '@shuzheng/standards';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { systemContext, type RequestContext } from '../../kernel/context.ts';
import { ensureDataTable } from '../../kernel/data-tables.ts';
import { createSystem, entryBody, personItems, publishEntry, unique } from '../catalog/catalog.test-support.ts';
import { createQualityService, type QualityDeps } from './quality.service.ts';
import { createRuleChecks } from './rule-checks.repository.ts';
import { weightedScore } from './run-quality.ts';

let t: TestApp;
let gaj: Client; // provider: 公安局 data steward
let mzj: Client; // another department
let reviewer: Client; // bureau
let leader: Client;
let windowStaff: Client;
let entryA: string; // the person table with every rule type
let entryB: string; // reference / authoritative source table
let entryC: string; // score + deadline entry (same table as A)
const Q = '/api/v1/quality';

const id = (body17: string) => body17 + mod11_2(body17);
const credit = (first17: string) => first17 + creditCodeCheckChar(first17);
const V1 = id('44150219900101001'), V2 = id('44152119850505002'), V3 = id('44158119800303003'), V4 = id('44150220010101004'), V5 = id('44150220010101005');
const BAD = V3.slice(0, 17) + (V3.endsWith('0') ? '1' : '0');
const C1 = credit('91441502MA1234567'), C2 = credit('91441502MA7654321');
const GENDER = '00000000-0000-4000-8000-000000002261';
const DIVISIONS = '00000000-0000-4000-8000-000000002260';

const extraItems = [
  { name: '户籍地行政区划代码', codeName: 'division_code', dataType: 'string', length: 6, sensitivity: 'none' },
  { name: '就业单位统一社会信用代码', codeName: 'credit_code', dataType: 'string', length: 18, sensitivity: 'none' },
  { name: '评分', codeName: 'score', dataType: 'integer', sensitivity: 'none' },
];
const cols = ['id_number', 'person_name', 'gender', 'birth_date', 'domicile', 'division_code', 'credit_code', 'score'];

async function mount(client: Client, entryId: string, tableName: string, columns: string[]) {
  const res = await client.post(`/api/v1/catalog/entries/${entryId}/mounts`, {
    kind: 'table', table: { datasource: 'platform', schemaName: 'qtest', tableName, columns: columns.map((c) => ({ column: c, itemCodeName: c })) },
  });
  if (res.statusCode !== 201) throw new Error(`mount: ${res.statusCode} ${res.body}`);
}
async function rule(client: Client, entryId: string, body: Record<string, unknown>) {
  const res = await client.post(`${Q}/entries/${entryId}/rules`, body);
  if (res.statusCode !== 201) throw new Error(`rule ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}
async function run(client: Client, entryId: string) {
  const res = await client.post(`${Q}/entries/${entryId}/runs`);
  if (res.statusCode !== 201) throw new Error(`run: ${res.statusCode} ${res.body}`);
  return res.json();
}
const bureauCtx = (): RequestContext => ({ ...systemContext('test'), actor: { userId: '00000000-0000-0000-0000-000000000000', username: 't', displayName: '测试', kind: 'staff', departmentId: null, departmentName: null, roles: ['bureau_reviewer'], permissions: new Map([['quality.score.read', 'all'], ['quality.issue.review', 'all']]), sessionId: 'x', authMethod: 'session' } });
function service(over: Partial<QualityDeps>) {
  const s = t.services;
  return createQualityService({ db: t.db, audit: s.audit, calendar: s.calendar, catalog: s.catalog, departments: s.identity.departments, freshness: { lastSuccess: async () => null }, ...over });
}

beforeAll(async () => {
  t = await createTestApp();
  [gaj, mzj, reviewer, leader, windowStaff] = await Promise.all([t.login('gaj_steward'), t.login('mzj_steward'), t.login('reviewer'), t.login('leader'), t.login('window')]);
  const system = await createSystem(gaj);
  const items = [...personItems(), ...extraItems];
  [entryA, entryB, entryC] = [
    await publishEntry(gaj, reviewer, entryBody(system, { items })),
    await publishEntry(gaj, reviewer, entryBody(system, { name: unique('户籍人口权威信息'), items })),
    await publishEntry(gaj, reviewer, entryBody(system, { name: unique('人口质量评分'), items })),
  ];
  const spec = (tableName: string) => ({
    schemaName: 'qtest', tableName, keyColumns: ['id_number'],
    columns: cols.map((c) => ({ column: c, dataType: c === 'birth_date' ? 'date' : c === 'score' ? 'integer' : 'string' })),
  });
  await ensureDataTable(t.db, spec('persons'));
  await ensureDataTable(t.db, spec('ref_people'));
  await sql`insert into qtest.persons (id_number, person_name, gender, birth_date, domicile, division_code, credit_code, score, deleted_at) values
    (${V1}, '王五', '1', '1990-01-01', '汕尾市城区', '441502', ${C1}, 50, null),
    (${V2}, null, '3', '1985-05-05', '汕尾市海丰县', '441521', ${C1}, 60, null),
    (${BAD}, '王五', '2', '2099-01-01', '汕尾市陆丰市', '441581', null, 70, null),
    (${V4}, '赵六', 'X', '2001-01-01', 'x', '99999A', 'BADCREDIT', 500, null),
    (${V5}, null, 'Q', '2099-12-31', null, 'zzz', 'bad', -1, now())`.execute(t.db);
  await sql`insert into qtest.ref_people (id_number, person_name, division_code) values
    (${V1}, '王五', '441502'), (${V2}, '孙八', '441521'), (${V4}, '赵六六', '441581'), (${V3}, '周九', '441502')`.execute(t.db);
  await mount(gaj, entryA, 'persons', cols);
  await mount(gaj, entryB, 'ref_people', cols);
  await mount(gaj, entryC, 'persons', cols);
});
afterAll(async () => {
  await t?.close();
});

describe('SQL functions and scores', () => {
  it('GB 11643 and GB 32100 check characters in SQL agree with the standards package', async () => {
    const r = await sql<{ a: boolean; b: boolean; c: boolean; d: boolean }>`select quality_id_number_valid(${V1}) a, quality_id_number_valid(${BAD}) b,
      quality_credit_code_valid(${C1}) c, quality_credit_code_valid(${C1.slice(0, 17) + (C1.endsWith('0') ? '1' : '0')}) d`.execute(t.db);
    expect(r.rows[0]).toEqual({ a: true, b: false, c: true, d: false });
  });
  it('weighted score: severity weights 3/2/1, rules without checked rows left out', () => {
    const w = { weight_high: 3, weight_medium: 2, weight_low: 1 };
    expect(weightedScore([{ pass_rate: 0.75, severity: 'high', dimension: 'completeness' }, { pass_rate: 0.5, severity: 'low', dimension: 'validity' }, { pass_rate: null, severity: 'high', dimension: 'validity' }], w)).toBe(68.75);
    expect(weightedScore([{ pass_rate: 1, severity: 'medium', dimension: 'validity' }, { pass_rate: 0, severity: 'medium', dimension: 'validity' }], w)).toBe(50);
    expect(weightedScore([], w)).toBeNull();
  });
});

describe('rules and runs', () => {
  const ids: Record<string, string> = {};
  let firstRun: { id: string; results: { ruleId: string; checked: number; failed: number; passRate: number | null; sampleKeys: string[]; error: string | null }[]; score: number };
  const result = (r: typeof firstRun, key: string) => r.results.find((x) => x.ruleId === ids[key])!;

  it('creates a rule of every type, as the provider or the bureau', async () => {
    ids.notNull = await rule(gaj, entryA, { type: 'not_null', items: ['person_name'], severity: 'high' });
    ids.unique = await rule(gaj, entryA, { type: 'unique', items: ['person_name'] });
    ids.regex = await rule(gaj, entryA, { type: 'regex', items: ['division_code'], params: { pattern: '^[0-9]{6}$' } });
    ids.length = await rule(gaj, entryA, { type: 'length', items: ['domicile'], params: { min: 2, max: 50 } });
    ids.range = await rule(gaj, entryA, { type: 'range', items: ['score'], params: { valueKind: 'number', min: 0, max: 100 } });
    ids.gender = await rule(gaj, entryA, { type: 'code_table', items: ['gender'], params: { codeTableId: GENDER } });
    ids.division = await rule(gaj, entryA, { type: 'code_table', items: ['division_code'], params: { codeTableId: DIVISIONS } });
    ids.idNumber = await rule(gaj, entryA, { type: 'id_number', items: ['id_number'], severity: 'high' });
    ids.credit = await rule(gaj, entryA, { type: 'credit_code', items: ['credit_code'] });
    ids.date = await rule(gaj, entryA, { type: 'date_valid', items: ['birth_date'] });
    ids.reference = await rule(reviewer, entryA, { type: 'reference', items: ['division_code'], params: { entryId: entryB, itemCodeName: 'division_code' } });
    ids.cross = await rule(gaj, entryA, { type: 'cross_source', items: ['person_name'], params: { entryId: entryB, itemCodeName: 'person_name', keyItem: 'id_number' } });
    ids.freshness = await rule(gaj, entryA, { type: 'freshness', params: { frequency: 'weekly' } });
    ids.rowCount = await rule(gaj, entryA, { type: 'row_count_change', params: { thresholdPercent: 10 } });
    ids.custom = await rule(gaj, entryA, { type: 'custom_sql', params: { sql: 'select id_number from {table} where score > 100;' } });
    const list = (await gaj.get(`${Q}/entries/${entryA}/rules`)).json();
    expect(list.items).toHaveLength(15);
    expect(list.items.find((r: { id: string }) => r.id === ids.freshness)).toMatchObject({ dimension: 'timeliness', params: { maxAgeDays: 7 } });
    expect(list.items.find((r: { id: string }) => r.id === ids.notNull)).toMatchObject({ dimension: 'completeness', severity: 'high', name: '姓名：非空' });
    const audits = await sql<{ n: number }>`select count(*)::int n from audit_events where action = 'quality.rule.create' and result = 'success'`.execute(t.db);
    expect(audits.rows[0]!.n).toBe(15);
  });

  it('a run counts checked and failed rows per rule in SQL, ignoring soft-deleted rows, with sample keys', async () => {
    firstRun = await run(gaj, entryA);
    expect(firstRun).toMatchObject({ status: 'done', rowCount: 4, trigger: 'manual' });
    const expectFail = (key: string, checked: number, failed: number) => expect(result(firstRun, key), key).toMatchObject({ checked, failed, error: null });
    expectFail('notNull', 4, 1);
    expectFail('unique', 3, 2);
    expectFail('regex', 4, 1);
    expectFail('length', 4, 1);
    expectFail('range', 4, 1);
    expectFail('gender', 4, 2);
    expectFail('division', 4, 1);
    expectFail('idNumber', 4, 1);
    expectFail('credit', 3, 1);
    expectFail('date', 4, 1);
    expectFail('reference', 4, 1);
    expectFail('cross', 3, 2);
    expectFail('freshness', 1, 1); // no ingest yet
    expectFail('custom', 4, 1);
    expect(result(firstRun, 'rowCount')).toMatchObject({ checked: 0, passRate: null }); // nothing to compare with
    expect(result(firstRun, 'notNull').sampleKeys).toEqual([V2]);
    expect(result(firstRun, 'idNumber').sampleKeys).toEqual([BAD]);
    expect(result(firstRun, 'unique').sampleKeys.sort()).toEqual([BAD, V1].sort());
    expect(firstRun.score).toBeGreaterThan(0);
    expect(firstRun.score).toBeLessThan(100);
  });

  it('after fixing at the source the next run passes every table rule and closes the issues', async () => {
    const issues = (await gaj.get(`${Q}/issues?entryId=${entryA}&status=open`)).json();
    expect(issues.items).toHaveLength(14);
    const idIssue = issues.items.find((i: { ruleId: string }) => i.ruleId === ids.idNumber);
    expect(idIssue).toMatchObject({ status: 'open', failed: 1, departmentName: '汕尾市公安局', deadline: { rule: 'rectify_high', responsible: 'provider' } });
    await sql`update qtest.persons set person_name = '孙八', gender = '2' where id_number = ${V2}`.execute(t.db);
    await sql`update qtest.persons set id_number = ${V3}, person_name = '周九', birth_date = '1980-03-03' where id_number = ${BAD}`.execute(t.db);
    await sql`update qtest.persons set person_name = '赵六六', gender = '1', domicile = '汕尾市城区', division_code = '441502', credit_code = ${C2}, score = 80 where id_number = ${V4}`.execute(t.db);
    const second = await run(gaj, entryA);
    for (const key of Object.keys(ids).filter((k) => k !== 'freshness')) expect(result(second, key), key).toMatchObject({ failed: 0, error: null });
    expect(result(second, 'rowCount')).toMatchObject({ checked: 1, failed: 0, passRate: 1 });
    const closed = (await gaj.get(`${Q}/issues/${idIssue.id}`)).json();
    expect(closed).toMatchObject({ status: 'closed', resolution: 'fixed' });
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual(['open', 'close']);
    // only the freshness issue stays open
    expect((await gaj.get(`${Q}/issues?entryId=${entryA}&status=open`)).json().items.map((i: { ruleId: string }) => i.ruleId)).toEqual([ids.freshness]);
  });

  it('row count change beyond the threshold fails', async () => {
    await sql`insert into qtest.persons (id_number, person_name, gender, birth_date, domicile, division_code, score) values (${id('44150219700101011')}, '甲', '1', '1970-01-01', '汕尾市城区', '441502', 1)`.execute(t.db);
    const third = await run(gaj, entryA);
    expect(result(third, 'rowCount')).toMatchObject({ checked: 1, failed: 1 });
    expect(result(third, 'rowCount').sampleKeys[0]).toContain('上次 4 行，本次 5 行');
    await sql`delete from qtest.persons where id_number = ${id('44150219700101011')}`.execute(t.db);
  });

  it('freshness passes when the last successful ingest is within the update frequency', async () => {
    const fresh = service({ freshness: { lastSuccess: async () => ({ jobId: 'j1', finishedAt: new Date(Date.now() - 3 * 86_400_000) }) } });
    const stale = service({ freshness: { lastSuccess: async () => ({ jobId: 'j0', finishedAt: new Date(Date.now() - 8 * 86_400_000) }) } });
    const ok = (await fresh.runs.runFromJob({ entryId: entryA, trigger: 'schedule' }))!;
    expect(ok.results!.find((x) => x.ruleId === ids.freshness)).toMatchObject({ checked: 1, failed: 0 });
    const old = (await stale.runs.runFromJob({ entryId: entryA, trigger: 'schedule' }))!;
    expect(old.results!.find((x) => x.ruleId === ids.freshness)).toMatchObject({ checked: 1, failed: 1 });
    expect(old.trigger).toBe('schedule');
  });

  it('rule validation lists every problem and writes nothing', async () => {
    const res = await gaj.post(`${Q}/entries/${entryA}/rules`, { type: 'length', items: ['nope', 'gender'], params: { min: 5, max: 2 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('QUALITY_RULE_INVALID');
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.items', 'body.items.0', 'body.params.max']));
    const bad = await gaj.post(`${Q}/entries/${entryA}/rules`, { type: 'regex', items: ['gender'], params: { pattern: '([' } });
    expect(bad.json().error.details.fields[0].path).toBe('body.params.pattern');
    const cross = await gaj.post(`${Q}/entries/${entryA}/rules`, { type: 'cross_source', items: ['person_name'], params: { entryId: entryB, keyItem: 'name' } });
    expect(cross.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('body.params.keyItem');
    expect((await gaj.get(`${Q}/entries/${entryA}/rules`)).json().items).toHaveLength(15);
  });

  it('custom SQL must be a single read-only SELECT; writes are refused even past the static check', async () => {
    for (const statement of ['delete from qtest.persons', 'select 1; drop table qtest.persons', 'select id_number from {table} for update', 'with d as (delete from qtest.persons returning id_number) select id_number from d', 'select nosuchcolumn from {table}']) {
      const res = await gaj.post(`${Q}/entries/${entryA}/rules`, { type: 'custom_sql', params: { sql: statement } });
      expect(res.statusCode, statement).toBe(400);
      expect(res.json().error.details.fields[0].path).toBe('body.params.sql');
    }
    const checks = createRuleChecks(t.db);
    await sql`create sequence if not exists qtest.s`.execute(t.db);
    await expect(checks.run({ schema: 'qtest', table: 'persons', keyColumn: 'id_number' }, { kind: 'custom_sql', statement: "select id_number from qtest.persons where nextval('qtest.s') > 0", timeoutMs: 5000 }))
      .rejects.toThrow(/read-only/);
    expect(Number((await sql<{ n: number }>`select count(*)::int n from qtest.persons`.execute(t.db)).rows[0]!.n)).toBe(5);
    // {table} with its own alias, twice in a join, and before a keyword: each becomes an aliased derived table (PostgreSQL 15 needs one)
    const target = { schema: 'qtest', table: 'persons', keyColumn: 'id_number' };
    for (const statement of ["select p.id_number from {table} p where p.gender = '1'", "select a.id_number from {table} as a join {table} b on a.id_number = b.id_number where a.gender = '1'", "select id_number from {table} where gender = '1'"]) {
      const r = await checks.run(target, { kind: 'custom_sql', statement, timeoutMs: 5000 });
      const expected = Number((await sql<{ n: number }>`select count(*)::int n from qtest.persons where deleted_at is null and gender = '1'`.execute(t.db)).rows[0]!.n);
      expect(expected).toBeGreaterThan(0);
      expect({ checked: r.checked, failed: r.failed }, statement).toEqual({ checked: 4, failed: expected });
    }
  });
});

describe('scores, issues and deadlines', () => {
  let notNullC: string;
  let genderC: string;
  it('an entry score is the severity-weighted pass rate, per dimension too, with history', async () => {
    await sql`update qtest.persons set person_name = null where id_number = ${V2}`.execute(t.db);
    await sql`update qtest.persons set gender = 'X' where id_number = ${V4}`.execute(t.db);
    notNullC = await rule(gaj, entryC, { type: 'not_null', items: ['person_name'], severity: 'high' });
    genderC = await rule(gaj, entryC, { type: 'code_table', items: ['gender'], severity: 'low', params: { codeTableId: 'GB/T 2261.1' } });
    await sql`update qtest.persons set gender = '0' where id_number = ${V3}`.execute(t.db);
    await sql`update qtest.persons set gender = 'Y' where id_number = ${V3}`.execute(t.db);
    const r = await run(gaj, entryC);
    // not_null 3/4 (high, weight 3), gender 2/4 (low, weight 1): (3·0.75 + 1·0.5) / 4 = 68.75
    expect(r.score).toBe(68.75);
    expect(r.dimensionScores).toMatchObject({ completeness: 75, validity: 50, uniqueness: null });
    const scores = (await gaj.get(`${Q}/entries/${entryC}/scores`)).json();
    expect(scores).toMatchObject({ score: 68.75, dimensionScores: { completeness: 75 } });
    expect(scores.history).toHaveLength(1);
    expect(scores.history[0].score).toBe(68.75);
  });

  it('explanation: provider explains, bureau rejects then accepts; an accepted explanation is not reopened while failures do not grow', async () => {
    const issue = (await gaj.get(`${Q}/issues?entryId=${entryC}&status=open`)).json().items.find((i: { ruleId: string }) => i.ruleId === notNullC);
    expect((await gaj.post(`${Q}/issues/${issue.id}/explanation`, { explanation: ' ' })).json().error.code).toBe('QUALITY_EXPLANATION_REQUIRED');
    expect((await mzj.post(`${Q}/issues/${issue.id}/explanation`, { explanation: '不是我们的' })).statusCode).toBe(404);
    expect((await reviewer.post(`${Q}/issues/${issue.id}/review`, { decision: 'accept' })).statusCode).toBe(409);
    const explained = await gaj.post(`${Q}/issues/${issue.id}/explanation`, { explanation: '该人员为境外人员，姓名待补录' });
    expect(explained.json()).toMatchObject({ status: 'explaining', deadline: { rule: 'explanation_review', responsible: 'bureau' } });
    expect((await gaj.post(`${Q}/issues/${issue.id}/review`, { decision: 'accept' })).statusCode).toBe(403);
    const bureauTodo = (await reviewer.get(`${Q}/issues/todo?role=bureau`)).json();
    expect(bureauTodo.items.map((i: { id: string }) => i.id)).toContain(issue.id);
    expect((await reviewer.post(`${Q}/issues/${issue.id}/review`, { decision: 'reject', note: '须补录' })).json()).toMatchObject({ status: 'open' });
    await gaj.post(`${Q}/issues/${issue.id}/explanation`, { explanation: '已核实，确无姓名' });
    const accepted = (await reviewer.post(`${Q}/issues/${issue.id}/review`, { decision: 'accept', note: '同意' })).json();
    expect(accepted).toMatchObject({ status: 'closed', resolution: 'explained' });
    expect(accepted.history.map((h: { action: string }) => h.action)).toEqual(['open', 'explain', 'reject', 'explain', 'accept']);
    const audits = await sql<{ action: string }>`select action from audit_events where target_id = ${issue.id} and result = 'success' order by seq`.execute(t.db);
    expect(audits.rows.map((a) => a.action)).toEqual(['quality.issue.explain', 'quality.issue.reject', 'quality.issue.explain', 'quality.issue.accept']);
    await run(gaj, entryC);
    expect((await gaj.get(`${Q}/issues?entryId=${entryC}&status=open`)).json().items.map((i: { ruleId: string }) => i.ruleId)).toEqual([genderC]);
  });

  it('a deadline raised on 2026-09-30 falls after 国庆 (5 working days → 2026-10-13); overdue issues escalate to the bureau', async () => {
    await sql`update quality_issues set started_on = '2026-09-30' where rule_id = ${genderC} and status = 'open'`.execute(t.db);
    const svc = service({ today: () => '2026-10-13' });
    const list = await svc.issues.list(bureauCtx(), { entryId: entryC, status: 'open' }, '2026-10-13');
    expect(list.items[0]!.deadline).toMatchObject({ startedOn: '2026-09-30', dueOn: '2026-10-13', light: 'yellow', remainingWorkingDays: 0 });
    expect((await svc.issues.escalateOverdue(systemContext('test'), '2026-10-13')).escalated).toBe(0);
    const late = await svc.issues.escalateOverdue(systemContext('test'), '2026-10-14');
    expect(late.escalated).toBe(1);
    const issue = (await reviewer.get(`${Q}/issues/${late.ids[0]}`)).json();
    expect(issue).toMatchObject({ escalated: true, overdue: true, deadline: { dueOn: '2026-10-13', light: 'red' } });
    expect(issue.history.map((h: { action: string }) => h.action)).toEqual(['open', 'escalate']);
    expect((await reviewer.get(`${Q}/issues/todo?role=bureau`)).json().items.map((i: { id: string }) => i.id)).toContain(issue.id);
    const providerTodo = (await gaj.get(`${Q}/issues/todo?role=provider`)).json();
    expect(providerTodo.items[0]).toMatchObject({ id: issue.id, deadline: { light: 'red' } });
    expect(providerTodo.counts.red).toBeGreaterThanOrEqual(1);
    expect((await mzj.get(`${Q}/issues/todo?role=provider`)).json().items).toHaveLength(0);
  });

  it('the ranking lists departments by score with dimensions and open/overdue issue counts; exports as xlsx', async () => {
    const ranking = (await leader.get(`${Q}/ranking`)).json();
    const gajRow = ranking.items.find((r: { departmentName: string }) => r.departmentName === '汕尾市公安局');
    expect(gajRow).toMatchObject({ rank: 1, entries: 2 });
    expect(gajRow.openIssues).toBeGreaterThanOrEqual(2);
    expect(gajRow.overdueIssues).toBeGreaterThanOrEqual(1);
    const xlsx = await reviewer.get(`${Q}/ranking/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const issues = await gaj.get(`${Q}/issues/export`);
    expect(issues.statusCode).toBe(200);
  });

  it('the quality.run-entry job (enqueued by ingest) runs the entry and records the ingest job', async () => {
    await t.jobs.enqueue(t.db, 'quality.run-entry', { entryId: entryC, trigger: 'ingest', ingestJobId: 'ingest-42' });
    expect(await t.jobs.runDue()).toBeGreaterThanOrEqual(1);
    const runs = (await gaj.get(`${Q}/entries/${entryC}/runs`)).json();
    expect(runs.items[0]).toMatchObject({ trigger: 'ingest', ingestJobId: 'ingest-42', status: 'done' });
    const job = await sql<{ status: string }>`select status from kernel_jobs where kind = 'quality.run-entry' order by id desc limit 1`.execute(t.db);
    expect(job.rows[0]!.status).toBe('done');
  });
});

describe('code tables', () => {
  it('own code tables are editable; built-in national tables are not; a table in use cannot be deleted', async () => {
    const res = await gaj.post(`${Q}/code-tables`, { code: unique('QT-BLOOD'), name: '血型', values: [{ value: 'A', label: 'A 型' }, { value: 'A', label: '重复' }, { value: '', label: '' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toHaveLength(3);
    const created = await gaj.post(`${Q}/code-tables`, { code: unique('QT-BLOOD'), name: '血型', values: [{ value: 'A', label: 'A 型' }, { value: 'B', label: 'B 型' }] });
    expect(created.statusCode).toBe(201);
    const tableId = created.json().id;
    expect((await reviewer.put(`${Q}/code-tables/${GENDER}`, { name: '改' })).json().error.code).toBe('QUALITY_CODE_TABLE_BUILTIN');
    const updated = await gaj.put(`${Q}/code-tables/${tableId}`, { values: [{ value: 'A', label: 'A 型' }, { value: 'B', label: 'B 型' }, { value: 'O', label: 'O 型' }] });
    expect(updated.json().valueCount).toBe(3);
    const divisions = (await gaj.get(`${Q}/code-tables/${DIVISIONS}`)).json();
    expect(divisions.valueCount).toBeGreaterThan(3000);
    await rule(gaj, entryC, { type: 'code_table', items: ['gender'], params: { codeTableId: tableId }, enabled: false });
    expect((await gaj.delete(`${Q}/code-tables/${tableId}`)).json().error.code).toBe('QUALITY_CODE_TABLE_IN_USE');
    expect((await windowStaff.post(`${Q}/code-tables`, { code: 'x', name: 'x', values: [] })).statusCode).toBe(403);
  });
});

describe('permissions', () => {
  it('401 without a session, 403 without the permission, 404 for another department’s entry', async () => {
    expect((await t.anonymous.get(`${Q}/entries`)).statusCode).toBe(401);
    expect((await t.anonymous.post(`${Q}/entries/${entryA}/runs`)).statusCode).toBe(401);
    expect((await windowStaff.get(`${Q}/entries/${entryA}/rules`)).statusCode).toBe(403);
    expect((await leader.post(`${Q}/entries/${entryA}/runs`)).statusCode).toBe(403);
    expect((await leader.post(`${Q}/entries/${entryA}/rules`, { type: 'not_null', items: ['gender'] })).statusCode).toBe(403);
    expect((await mzj.get(`${Q}/ranking`)).statusCode).toBe(403);
    expect((await gaj.put(`${Q}/settings`, { scheduleIntervalHours: 2 })).statusCode).toBe(403);
    for (const res of [
      await mzj.get(`${Q}/entries/${entryA}/rules`), await mzj.post(`${Q}/entries/${entryA}/rules`, { type: 'not_null', items: ['gender'] }), await mzj.post(`${Q}/entries/${entryA}/runs`),
      await mzj.get(`${Q}/entries/${entryA}/scores`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('QUALITY_ENTRY_NOT_FOUND');
    }
    const ruleId = (await gaj.get(`${Q}/entries/${entryA}/rules`)).json().items[0].id;
    expect((await mzj.delete(`${Q}/rules/${ruleId}`)).statusCode).toBe(404);
    const runId = (await gaj.get(`${Q}/entries/${entryA}/runs`)).json().items[0].id;
    expect((await mzj.get(`${Q}/runs/${runId}`)).statusCode).toBe(404);
    expect((await mzj.get(`${Q}/entries`)).json().items).toHaveLength(0);
    expect((await leader.get(`${Q}/runs/${runId}`)).statusCode).toBe(200);
  });

  it('the bureau manages settings (deadline rules), audited', async () => {
    const res = await reviewer.put(`${Q}/settings`, { scheduleIntervalHours: 12, deadlineRules: [{ code: 'rectify_low', workingDays: 10, yellowDays: 2 }, { code: 'nope', workingDays: 1, yellowDays: 3 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toHaveLength(2);
    const ok = await reviewer.put(`${Q}/settings`, { scheduleIntervalHours: 12, deadlineRules: [{ code: 'rectify_low', workingDays: 10, yellowDays: 2 }] });
    expect(ok.json()).toMatchObject({ scheduleIntervalHours: 12 });
    expect(ok.json().deadlineRules.find((r: { code: string }) => r.code === 'rectify_low')).toMatchObject({ workingDays: 10 });
  });
});
