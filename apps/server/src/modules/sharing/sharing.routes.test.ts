import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { createSystem, entryBody, personItems, publishEntry, unique } from '../catalog/catalog.test-support.ts';

let t: TestApp;
let gaj: Client; // provider (公安局 data steward)
let mzj: Client; // requester (民政局 data steward)
let reviewer: Client; // bureau
let other: Client; // 市场监管局 approver: neither side
let conditionalId: string;
let unconditionalId: string;
let mzjSystem: string;

const S = '/api/v1/sharing';
const auditCount = async (action: string, targetId: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from audit_events where action = ${action} and target_id = ${targetId} and result = 'success'`.execute(t.db)).rows[0]!.n);
const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  [gaj, mzj, reviewer, other] = await Promise.all([t.login('gaj_steward'), t.login('mzj_steward'), t.login('reviewer'), t.login('scjg_approver')]);
  const gajSystem = await createSystem(gaj);
  const items = [...personItems().slice(0, 4), { ...personItems()[4]!, shareType: 'none' }];
  conditionalId = await publishEntry(gaj, reviewer, entryBody(gajSystem, { items }));
  unconditionalId = await publishEntry(gaj, reviewer, entryBody(gajSystem, { name: unique('户籍人口统计'), shareType: 'unconditional', shareCondition: null }));
  mzjSystem = await createSystem(mzj, unique('低保救助系统'));
});
afterAll(async () => {
  await t?.close();
});

const body = (entryId: string, over: Record<string, unknown> = {}) => ({
  entryId, items: ['id_number', 'person_name'], purposeType: 'administrative_basis', purposeText: '最低生活保障家庭经济状况核对', legalBasis: '《社会救助暂行办法》第十一条',
  scenario: '最低生活保障审核确认', consumerSystemId: mzjSystem, allowedIps: ['10.12.0.0/16', '10.13.1.5'], validUntil: future(365), expectedDailyVolume: 500,
  operations: ['query', 'verify'], ...over,
});
async function submitted(over: Record<string, unknown> = {}, entryId = conditionalId) {
  const res = await mzj.post(`${S}/requests`, body(entryId, over));
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
}
async function reviewing() {
  const r = await submitted();
  const res = await reviewer.post(`${S}/requests/${r.id}/check`, { decision: 'pass' });
  expect(res.json().status).toBe('reviewing');
  return r.id as string;
}

describe('share requests', () => {
  it('two-stage review: bureau check then provider approval grants with tightened terms, audited', async () => {
    const r = await submitted();
    expect(r).toMatchObject({ status: 'checking', shareType: 'conditional', requesterDepartmentName: '汕尾市民政局', providerDepartmentName: '汕尾市公安局', deadline: { rule: 'compliance_check', responsible: 'bureau' } });
    const checked = await reviewer.post(`${S}/requests/${r.id}/check`, { decision: 'pass', note: '用途与依据相符' });
    expect(checked.json()).toMatchObject({ status: 'reviewing', deadline: { rule: 'provider_review_unmounted' } });
    // the requester cannot review its own request
    expect((await mzj.post(`${S}/requests/${r.id}/review`, { decision: 'approve' })).statusCode).toBe(403);
    const loose = await gaj.post(`${S}/requests/${r.id}/review`, { decision: 'approve', grant: { items: ['gender'] } });
    expect(loose.statusCode).toBe(400);
    expect(loose.json().error.code).toBe('SHARING_GRANT_TERMS_INVALID');
    const ok = await gaj.post(`${S}/requests/${r.id}/review`, { decision: 'approve', grant: { operations: ['verify'], dailyQuota: 200, requireCaseNumber: true } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'granted', deadline: null });
    const grant = (await mzj.get(`${S}/grants/${ok.json().grantId}`)).json();
    expect(grant).toMatchObject({ status: 'active', items: ['id_number', 'person_name'], operations: ['verify'], dailyQuota: 200, requireCaseNumber: true, consumerSystemId: mzjSystem });
    const active = await t.services.sharing.grants.activeFor(mzjSystem, conditionalId);
    expect(active).toMatchObject({ id: grant.id, entryId: conditionalId, operations: ['verify'], allowedIps: ['10.12.0.0/16', '10.13.1.5'] });
    expect((await t.services.sharing.grants.activeForSystem(mzjSystem)).map((g) => g.id)).toContain(grant.id);
    for (const a of ['sharing.request.create', 'sharing.request.check', 'sharing.request.review']) expect(await auditCount(a, r.id)).toBe(1);
    expect(await auditCount('sharing.grant.create', grant.id)).toBe(1);
    expect(ok.json().history.map((h: { action: string }) => h.action)).toEqual(['request.create', 'request.check', 'request.review']);
  });

  it('unconditional entry: bureau check grants directly; in auto mode granted at once', async () => {
    const r = await submitted({}, unconditionalId);
    expect(r).toMatchObject({ status: 'checking', shareType: 'unconditional' });
    expect((await reviewer.post(`${S}/requests/${r.id}/check`, { decision: 'pass' })).json().status).toBe('granted');
    expect((await reviewer.put(`${S}/settings`, { unconditionalMode: 'auto' })).json().unconditionalMode).toBe('auto');
    const auto = await submitted({}, unconditionalId);
    expect(auto).toMatchObject({ status: 'granted', grantId: expect.any(String) });
    expect(await auditCount('sharing.request.auto_grant', auto.id)).toBe(1);
    await reviewer.put(`${S}/settings`, { unconditionalMode: 'check' });
  });

  it('refuses 不予共享 items with the list, writing nothing', async () => {
    const before = await count('sharing_requests');
    const res = await mzj.post(`${S}/requests`, body(conditionalId, { items: ['id_number', 'domicile'] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'SHARING_ITEMS_NOT_SHAREABLE', details: { items: [{ codeName: 'domicile' }] } });
    expect(await count('sharing_requests')).toBe(before);
  });

  it('rejects bad IPs, a system of another department and a too long validity, with field paths', async () => {
    const res = await mzj.post(`${S}/requests`, body(conditionalId, { allowedIps: ['10.0.0.300'], validUntil: future(4000), consumerSystemId: '00000000-0000-4000-8000-000000000000' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.allowedIps.0', 'body.consumerSystemId', 'body.validUntil']);
  });

  it('refusal needs a legal reason code and text (400, nothing written); arbitration can grant', async () => {
    const id = await reviewing();
    const events = await count('sharing_events');
    for (const bad of [{ decision: 'refuse' }, { decision: 'refuse', reasonCode: 'beyond_duty' }, { decision: 'refuse', reasonCode: 'not_a_reason', reasonText: '理由充分详尽' }]) {
      const res = await gaj.post(`${S}/requests/${id}/review`, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('SHARING_REFUSAL_REASON_REQUIRED');
    }
    expect(await count('sharing_events')).toBe(events);
    expect((await gaj.get(`${S}/requests/${id}`)).json().status).toBe('reviewing');
    const refused = await gaj.post(`${S}/requests/${id}/review`, { decision: 'refuse', reasonCode: 'beyond_duty', reasonText: '低保审核无须户籍地址以外的信息' });
    expect(refused.json()).toMatchObject({ status: 'refused', refusal: { code: 'beyond_duty', label: '超出履职需要' } });
    expect((await mzj.post(`${S}/requests/${id}/arbitration`, { reason: '《社会救助暂行办法》明确要求核对' })).json()).toMatchObject({ status: 'arbitrating', deadline: { rule: 'arbitration' } });
    expect((await mzj.post(`${S}/requests/${id}/arbitration/decision`, { decision: 'grant', note: 'x' })).statusCode).toBe(403);
    const decided = await reviewer.post(`${S}/requests/${id}/arbitration/decision`, { decision: 'grant', note: '依法应予共享' });
    expect(decided.json()).toMatchObject({ status: 'granted', grantId: expect.any(String) });
    expect(await auditCount('sharing.request.arbitration.decide', id)).toBe(1);
  });

  it('arbitration can uphold the refusal (binding: no second arbitration)', async () => {
    const id = await reviewing();
    await gaj.post(`${S}/requests/${id}/review`, { decision: 'refuse', reasonCode: 'secret_or_sensitive', reasonText: '涉及敏感个人信息' });
    await mzj.post(`${S}/requests/${id}/arbitration`, { reason: '请协调' });
    expect((await reviewer.post(`${S}/requests/${id}/arbitration/decision`, { decision: 'uphold', note: '维持拒绝' })).json().status).toBe('upheld');
    const again = await mzj.post(`${S}/requests/${id}/arbitration`, { reason: '再次请协调' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SHARING_INVALID_TRANSITION');
  });

  it('transfer to another provider, then withdrawal by the requester; withdrawn cannot be reviewed', async () => {
    const id = await reviewing();
    const scjg = other.user.departmentId!;
    const moved = await gaj.post(`${S}/requests/${id}/transfer`, { departmentId: scjg, note: '该数据由市场监管局归集' });
    expect(moved.json()).toMatchObject({ status: 'reviewing', providerDepartmentId: scjg });
    // the former provider no longer sees it
    expect((await gaj.get(`${S}/requests/${id}`)).statusCode).toBe(404);
    expect((await mzj.post(`${S}/requests/${id}/withdraw`, { note: '业务调整' })).json().status).toBe('withdrawn');
    expect((await reviewer.post(`${S}/requests/${id}/check`, { decision: 'pass' })).statusCode).toBe(409);
    expect(await auditCount('sharing.request.transfer', id)).toBe(1);
    expect(await auditCount('sharing.request.withdraw', id)).toBe(1);
  });

  it('hides another department\'s request (404) and checks authentication and permissions', async () => {
    const r = await submitted();
    expect((await other.get(`${S}/requests/${r.id}`)).statusCode).toBe(404);
    expect((await other.get(`${S}/requests`)).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await t.anonymous.get(`${S}/requests/${r.id}`)).statusCode).toBe(401);
    const citizen = await t.login('citizen');
    expect((await citizen.get(`${S}/requests`)).statusCode).toBe(403);
    expect((await mzj.post(`${S}/requests/${r.id}/check`, { decision: 'pass' })).statusCode).toBe(403);
    expect((await gaj.post(`${S}/requests`, body(conditionalId))).json().error.code).toBe('SHARING_OWN_ENTRY');
  });
});

describe('grants', () => {
  async function granted() {
    const id = await reviewing();
    return (await gaj.post(`${S}/requests/${id}/review`, { decision: 'approve' })).json().grantId as string;
  }

  it('expires at read time once validUntil has passed; renewal by the provider makes it active again', async () => {
    const id = await granted();
    await sql`update sharing_grants set valid_from = '2025-01-01', valid_until = '2025-12-31' where id = ${id}`.execute(t.db);
    expect((await mzj.get(`${S}/grants/${id}`)).json().status).toBe('expired');
    expect((await t.services.sharing.grants.activeForSystem(mzjSystem)).map((g) => g.id)).not.toContain(id);
    expect((await gaj.post(`${S}/grants/${id}/revoke`, { reason: '已过期' })).statusCode).toBe(409);
    const renewal = await mzj.post(`${S}/grants/${id}/renewals`, { validUntil: future(200) });
    expect(renewal.statusCode).toBe(201);
    expect(renewal.json()).toMatchObject({ kind: 'renewal', status: 'reviewing', deadline: { rule: 'renewal_review' } });
    expect((await mzj.post(`${S}/grants/${id}/renewals`, { validUntil: future(100) })).json().error.code).toBe('SHARING_RENEWAL_OPEN');
    await gaj.post(`${S}/requests/${renewal.json().id}/review`, { decision: 'approve' });
    expect((await mzj.get(`${S}/grants/${id}`)).json()).toMatchObject({ status: 'active', validUntil: future(200) });
  });

  it('is revoked by the provider with a reason; the consumer cannot revoke; revocation audited', async () => {
    const id = await granted();
    expect((await mzj.post(`${S}/grants/${id}/revoke`, { reason: '不再需要' })).statusCode).toBe(403);
    expect((await gaj.post(`${S}/grants/${id}/revoke`, {})).statusCode).toBe(400);
    const res = await gaj.post(`${S}/grants/${id}/revoke`, { reason: '超范围使用' });
    expect(res.json()).toMatchObject({ status: 'revoked', revokeReason: '超范围使用' });
    expect(await t.services.sharing.grants.activeFor(mzjSystem, conditionalId).then((g) => g?.id)).not.toBe(id);
    expect(await auditCount('sharing.grant.revoke', id)).toBe(1);
    expect((await other.get(`${S}/grants/${id}`)).statusCode).toBe(404);
  });

  it('the bureau revokes too', async () => {
    const id = await granted();
    expect((await reviewer.post(`${S}/grants/${id}/revoke`, { reason: '数据局督查发现违规' })).json().status).toBe('revoked');
  });
});

describe('deadlines, to-do and escalation', () => {
  it('counts working days across 国庆 2026 and escalates overdue steps', async () => {
    const r = await submitted();
    await sql`update sharing_requests set step_started_on = '2026-09-30' where id = ${r.id}`.execute(t.db);
    // compliance_check = 2 working days: 10-01…10-07 off → 10-08, 10-09
    const view = (await reviewer.get(`${S}/requests/${r.id}`)).json();
    expect(view.deadline).toMatchObject({ startedOn: '2026-09-30', dueOn: '2026-10-09' });
    const todo = (await reviewer.get(`${S}/todo?role=bureau`)).json();
    expect(todo.items.find((i: { id: string }) => i.id === r.id)).toMatchObject({ role: 'bureau', deadline: { dueOn: '2026-10-09' } });
    if (view.deadline.light === 'red') {
      expect((await reviewer.get(`${S}/escalations`)).json().items.map((i: { id: string }) => i.id)).toContain(r.id);
    }
    expect((await mzj.get(`${S}/escalations`)).statusCode).toBe(403);
    const mine = (await mzj.get(`${S}/todo`)).json();
    expect(mine.items.find((i: { id: string }) => i.id === r.id)).toMatchObject({ role: 'requester' });
  });

  it('a fresh step is green or yellow and due in the rule\'s working days', async () => {
    const id = await reviewing();
    const todo = (await gaj.get(`${S}/todo?role=provider`)).json();
    const item = todo.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ role: 'provider', deadline: { rule: 'provider_review_unmounted' } });
    expect(['green', 'yellow', 'unknown']).toContain(item.deadline.light);
  });
});

describe('demands', () => {
  it('routes, transfers, answers with an entry and counts satisfaction', async () => {
    const created = await mzj.post(`${S}/demands`, { title: '残疾人证信息', description: '低保审核需要残疾等级', items: ['残疾等级'], purpose: '低保审核', legalBasis: '《社会救助暂行办法》' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'submitted', deadline: { rule: 'demand_route' } });
    expect((await reviewer.post(`${S}/demands/${id}/route`, { departmentId: gaj.user.departmentId })).json().status).toBe('assigned');
    // the provider transfers a misrouted demand (转交); the bureau re-routes it
    expect((await gaj.post(`${S}/demands/${id}/transfer`, { departmentId: other.user.departmentId, note: '该数据由市场监管局掌握' })).json().providerDepartmentId).toBe(other.user.departmentId);
    expect((await gaj.get(`${S}/demands/${id}`)).statusCode).toBe(404);
    expect((await reviewer.post(`${S}/demands/${id}/route`, { departmentId: gaj.user.departmentId, note: '经核实由公安局答复' })).json().providerDepartmentName).toBe('汕尾市公安局');
    expect(await auditCount('sharing.demand.transfer', id)).toBe(1);
    expect((await gaj.post(`${S}/demands/${id}/answer`, { outcome: 'refused' })).json().error.code).toBe('SHARING_REFUSAL_REASON_REQUIRED');
    expect((await gaj.post(`${S}/demands/${id}/answer`, { outcome: 'catalogued', entryId: conditionalId })).json().status).toBe('catalogued');
    expect((await mzj.post(`${S}/demands/${id}/confirm`, { satisfied: true })).json()).toMatchObject({ status: 'closed', satisfied: true });
    const stats = (await reviewer.get(`${S}/stats`)).json();
    expect(stats.demands).toMatchObject({ closed: 1, satisfied: 1, satisfactionRate: 1, goal: 0.95 });
    expect(stats.grants.active).toBeGreaterThan(0);
    expect(await auditCount('sharing.demand.answer', id)).toBe(1);
    expect((await mzj.get(`${S}/stats`)).statusCode).toBe(403);
  });
});
