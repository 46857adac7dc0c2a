import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { parseLicenseId } from '@shuzheng/standards';
import { systemContext } from '../../kernel/context.ts';
import type { Client } from '../../../test/helpers.ts';
import { businessFields, citizenId, createLicensesTestApp, entityCode, foodFields, L, marriageFields, typeNamed, type LicensesTestApp } from './licenses.test-support.ts';

let s: LicensesTestApp;
let approver: Client; // 市场监督管理局 审批人员
let mzj: Client; // 民政局 数据专员
let gaj: Client; // 公安局 数据专员
let reviewer: Client;
let business: { code: string };
let food: { code: string };
let marriage: { code: string };

beforeAll(async () => {
  s = await createLicensesTestApp();
  approver = await s.login('scjg_approver');
  mzj = await s.login('mzj_steward');
  gaj = await s.login('gaj_steward');
  reviewer = await s.login('reviewer');
  business = await typeNamed(reviewer, '营业执照');
  food = await typeNamed(reviewer, '食品经营许可证');
  marriage = await typeNamed(reviewer, '结婚证');
}, 120_000);
afterAll(async () => {
  await s?.t.close();
});

const licenseCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from licenses_licenses`.execute(s.t.db)).rows[0]!.n);
const auditOf = async (action: string) =>
  (await sql<{ result: string; target_id: string; details: Record<string, unknown> }>`select result, target_id, details from audit_events where action = ${action} order by seq desc limit 1`.execute(s.t.db)).rows[0];

let entitySeq = 100;
const issueBusiness = (over: Record<string, unknown> = {}) =>
  approver.post(`${L}/licenses`, { typeCode: business.code, holderId: entityCode(entitySeq++), holderName: '汕尾市晨光信息技术有限公司', fields: businessFields(), ...over });

describe('issuing (制证)', () => {
  it('issues a business license with a GB/T 36904-style identifier, a per-type serial and an audit record', async () => {
    const res = await issueBusiness();
    expect(res.statusCode).toBe(201);
    const lic = res.json();
    const id = parseLicenseId(lic.identifier);
    expect(id.valid).toBe(true);
    expect(id).toMatchObject({ typeCode: business.code, issuerCode: lic.issuer.code, version: '001' });
    expect(lic).toMatchObject({
      version: 1, typeName: '营业执照', holder: { type: 'entity', code: '001' }, issuer: { name: '汕尾市市场监督管理局' },
      status: { code: 'valid', label: '有效' }, validUntil: null, state: 'active', origin: 'issue', seal: { name: '汕尾市市场监督管理局电子证照专用章' },
    });
    expect(lic.serial).toMatch(/^\d{8}$/);
    expect(await auditOf('licenses.license.issue')).toMatchObject({ result: 'success', target_id: lic.id, details: { identifier: lic.identifier } });
    const next = (await issueBusiness()).json();
    expect(Number(next.serial)).toBe(Number(lic.serial) + 1);
  });

  it('lists every problem of bad input at once (400) and writes nothing, not even a serial', async () => {
    const before = await licenseCount();
    const lastSerial = Number((await issueBusiness()).json().serial);
    const res = await issueBusiness({
      holderId: '91441500MA4UH5L2X1',
      holderName: '   ',
      fields: businessFields({ entityType: '无限公司', establishedOn: '2021-02-30', legalRepresentative: undefined, nickname: '小晨' }),
      validFrom: '2099-01-01',
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('LICENSES_INVALID_FIELDS');
    expect(error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.fields.entityType', 'body.fields.establishedOn', 'body.fields.legalRepresentative', 'body.fields.nickname', 'body.holderId', 'body.holderName', 'body.validFrom',
    ]);
    expect(error.message).toContain('7 处问题');
    expect(await licenseCount()).toBe(before + 1);
    expect(Number((await issueBusiness()).json().serial)).toBe(lastSerial + 1);
  });

  it('checks a citizen holder\'s ID number (GB 11643) and issues 结婚证 for the 民政局', async () => {
    const bad = await mzj.post(`${L}/licenses`, { typeCode: marriage.code, holderId: '441502199005010011', holderName: '李明', fields: marriageFields() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ path: 'body.holderId' });
    const ok = await mzj.post(`${L}/licenses`, { typeCode: marriage.code, holderId: citizenId(11).toLowerCase(), holderName: '李明', fields: marriageFields() });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ holder: { type: 'citizen', code: '111', id: citizenId(11) }, issuer: { name: '汕尾市民政局' } });
  });

  it('refuses a steward of another department (403) and writes nothing', async () => {
    const before = await licenseCount();
    const res = await gaj.post(`${L}/licenses`, { typeCode: business.code, holderId: entityCode(1), holderName: '汕尾市某公司', fields: businessFields() });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('LICENSES_NOT_ISSUER');
    // naming another department does not help either
    const other = await gaj.post(`${L}/licenses`, { typeCode: business.code, issuerDepartmentId: approver.user.departmentId, holderId: entityCode(1), holderName: '汕尾市某公司', fields: businessFields() });
    expect(other.statusCode).toBe(403);
    expect(await licenseCount()).toBe(before);
    expect(await auditOf('licenses.license.issue')).toMatchObject({ result: 'denied' });
    // a role without the issue permission is refused by the route
    expect((await reviewer.post(`${L}/licenses`, { typeCode: business.code, holderId: entityCode(1), holderName: 'x', fields: {} })).statusCode).toBe(403);
    expect((await s.anonymous.post(`${L}/licenses`, { typeCode: business.code, holderId: entityCode(1), holderName: 'x', fields: {} })).statusCode).toBe(401);
  });

  it('hides another department\'s licenses from department-scoped staff (404) and shows them to the bureau', async () => {
    const lic = (await issueBusiness()).json();
    expect((await gaj.get(`${L}/licenses/${lic.id}`)).statusCode).toBe(404);
    expect((await gaj.get(`${L}/licenses?typeCode=${business.code}`)).json().total).toBe(0);
    expect((await reviewer.get(`${L}/licenses/${lic.id}`)).statusCode).toBe(200);
    expect((await approver.get(`${L}/licenses?holderId=${lic.holder.id}`)).json().items.map((i: { id: string }) => i.id)).toEqual([lic.id]);
    expect((await gaj.post(`${L}/licenses/${lic.id}/revocations`, { kind: 'revoke', reason: 'x' })).statusCode).toBe(404);
  });
});

describe('batch issuing', () => {
  it('lists the problems of every bad row and issues none; a clean batch issues all with consecutive serials', async () => {
    const before = await licenseCount();
    const rows = [
      { holderId: entityCode(501), holderName: '汕尾市一号餐厅', fields: foodFields() },
      { holderId: '123', holderName: '汕尾市二号餐厅', fields: foodFields({ mainBusiness: '网吧' }) },
      { holderId: entityCode(503), holderName: '汕尾市三号餐厅', fields: foodFields({ licenseNumber: '' }) },
      { holderId: entityCode(501), holderName: '汕尾市一号餐厅', fields: foodFields() },
    ];
    const bad = await approver.post(`${L}/licenses/batches`, { typeCode: food.code, items: rows });
    expect(bad.statusCode).toBe(400);
    const error = bad.json().error;
    expect(error.code).toBe('LICENSES_BATCH_INVALID');
    expect(error.details.rows.map((r: { row: number; problems: { path: string }[] }) => [r.row, r.problems.map((p) => p.path)])).toEqual([
      [1, ['body.items.1.holderId', 'body.items.1.fields.mainBusiness']],
      [2, ['body.items.2.fields.licenseNumber']],
      [3, ['body.items.3']],
    ]);
    expect(await licenseCount()).toBe(before);

    const good = await approver.post(`${L}/licenses/batches`, { typeCode: food.code, items: [rows[0], { ...rows[1]!, holderId: entityCode(502), fields: foodFields() }, { ...rows[2]!, fields: foodFields() }] });
    expect(good.statusCode).toBe(201);
    const batch = good.json();
    expect(batch.count).toBe(3);
    const serials = batch.items.map((i: { identifier: string }) => Number(parseLicenseId(i.identifier).valid && i.identifier.split('.')[7]));
    expect(serials[1]).toBe(serials[0] + 1);
    expect(serials[2]).toBe(serials[0] + 2);
    expect(await licenseCount()).toBe(before + 3);
    expect(await auditOf('licenses.license.issue-batch')).toMatchObject({ result: 'success', target_id: batch.batchId, details: { count: 3 } });
    const lic = (await approver.get(`${L}/licenses/${batch.items[0].id}`)).json();
    expect(lic).toMatchObject({ batchId: batch.batchId, validUntil: expect.any(String) });
  });
});

describe('renewal, change and revocation', () => {
  it('renews a fixed-term license as version 002 of the same serial; the old version is replaced', async () => {
    const lic = (await approver.post(`${L}/licenses`, { typeCode: food.code, holderId: entityCode(601), holderName: '汕尾市海景酒家', fields: foodFields(), validFrom: '2022-03-01', issuedOn: '2022-02-25' })).json();
    expect(lic).toMatchObject({ validFrom: '2022-03-01', validUntil: '2027-02-28', issuedOn: '2022-02-25' });
    const res = await approver.post(`${L}/licenses/${lic.id}/renewals`, { reason: '有效期届满延续' });
    expect(res.statusCode).toBe(201);
    const renewed = res.json();
    expect(renewed).toMatchObject({ version: 2, serial: lic.serial, origin: 'renewal', previousId: lic.id, validFrom: '2027-03-01', validUntil: '2032-02-29', changeReason: '有效期届满延续' });
    expect(parseLicenseId(renewed.identifier)).toMatchObject({ valid: true, serial: lic.serial, version: '002' });
    expect(renewed.versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([[1, 'superseded'], [2, 'active']]);
    const old = (await s.anonymous.get(`${L}/verify/${lic.identifier}`)).json();
    expect(old).toMatchObject({ valid: false, verdict: '已换发新版本', signature: { valid: true } });
    expect((await approver.post(`${L}/licenses/${lic.id}/renewals`, {})).statusCode).toBe(409);
    expect((await approver.post(`${L}/licenses/${renewed.id}/renewals`, { validFrom: '2099-01-01' })).statusCode).toBe(400);
  });

  it('will not renew a permanent license', async () => {
    const lic = (await issueBusiness()).json();
    const res = await approver.post(`${L}/licenses/${lic.id}/renewals`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LICENSES_NOT_RENEWABLE');
  });

  it('changes data as a new version with the same validity, and refuses a change that changes nothing', async () => {
    const lic = (await issueBusiness()).json();
    const res = await approver.post(`${L}/licenses/${lic.id}/changes`, { fields: { address: '汕尾市城区凤山街道红草路 1 号', registeredCapital: null }, holderName: '汕尾市晨光数字科技有限公司', reason: '住所、名称变更' });
    expect(res.statusCode).toBe(201);
    const changed = res.json();
    expect(changed).toMatchObject({ version: 2, origin: 'change', holder: { name: '汕尾市晨光数字科技有限公司' }, validFrom: lic.validFrom, validUntil: null });
    expect(changed.fields.address).toBe('汕尾市城区凤山街道红草路 1 号');
    expect(changed.fields).not.toHaveProperty('registeredCapital');
    expect((await approver.post(`${L}/licenses/${changed.id}/changes`, { fields: { address: '汕尾市城区凤山街道红草路 1 号' }, reason: '无' })).json().error.code).toBe('LICENSES_NO_CHANGES');
    const bad = await approver.post(`${L}/licenses/${changed.id}/changes`, { fields: { legalRepresentative: null, entityType: '无限公司' }, reason: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toHaveLength(2);
    expect((await s.anonymous.get(`${L}/verify/${changed.identifier}`)).json()).toMatchObject({ valid: true, license: { holder: { name: '汕尾市晨光数字科技有限公司' } } });
  });

  it('revokes with a reason and a date, once; a future date is refused', async () => {
    const lic = (await issueBusiness()).json();
    expect((await approver.post(`${L}/licenses/${lic.id}/revocations`, { kind: 'revoke', reason: '虚假登记', date: '2999-01-01' })).statusCode).toBe(400);
    const res = await approver.post(`${L}/licenses/${lic.id}/revocations`, { kind: 'revoke', reason: '提交虚假材料取得登记' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'revoked', status: { code: 'revoked', label: '已吊销' }, ended: { reason: '提交虚假材料取得登记' } });
    const again = await approver.post(`${L}/licenses/${lic.id}/revocations`, { kind: 'cancel', reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已吊销');
    expect((await approver.post(`${L}/licenses/${lic.id}/changes`, { fields: { address: 'y' }, reason: 'x' })).statusCode).toBe(409);
    const cancelled = (await approver.post(`${L}/licenses/${(await issueBusiness()).json().id}/revocations`, { kind: 'cancel', reason: '企业申请注销' })).json();
    expect(cancelled.status.label).toBe('已注销');
  });

  it('expires by date: a stock license whose term ended is 已过期 though its seal still verifies', async () => {
    const lic = (await approver.post(`${L}/licenses`, { typeCode: food.code, holderId: entityCode(701), holderName: '汕尾市旧港食店', fields: foodFields(), issuedOn: '2015-03-01' })).json();
    expect(lic).toMatchObject({ validFrom: '2015-03-01', validUntil: '2020-02-29', status: { code: 'expired', label: '已过期', since: '2020-03-01' } });
    const v = (await s.anonymous.get(`${L}/verify/${lic.identifier}`)).json();
    expect(v).toMatchObject({ valid: false, verdict: '已过期', signature: { valid: true }, status: { code: 'expired', since: '2020-03-01' } });
    const expired = (await approver.get(`${L}/licenses?status=expired&typeCode=${food.code}`)).json();
    expect(expired.items.map((i: { id: string }) => i.id)).toContain(lic.id);
    expect((await approver.get(`${L}/licenses?status=valid&typeCode=${food.code}`)).json().items.map((i: { id: string }) => i.id)).not.toContain(lic.id);
    expect(await s.t.services.licenses.holds(lic.holder.id, food.code)).toBe(false);
    // renewal of an expired license starts today
    const renewed = (await approver.post(`${L}/licenses/${lic.id}/renewals`, {})).json();
    expect(renewed.status.code).toBe('valid');
  });
});

describe('seal rotation', () => {
  it('makes a new active seal; licenses signed with the old one still verify, new ones use the new seal', async () => {
    const old = (await issueBusiness()).json();
    const sealsBefore = (await reviewer.get(`${L}/seals?departmentId=${approver.user.departmentId}`)).json().items;
    const res = await reviewer.post(`${L}/seals`, { departmentId: approver.user.departmentId, validYears: 3 });
    expect(res.statusCode).toBe(201);
    const seal = res.json();
    expect(seal).toMatchObject({ status: 'active', departmentName: '汕尾市市场监督管理局' });
    expect(seal.esId).not.toBe(sealsBefore[0].esId);
    const after = (await reviewer.get(`${L}/seals?departmentId=${approver.user.departmentId}`)).json().items;
    expect(after.filter((x: { status: string }) => x.status === 'active')).toHaveLength(1);
    expect(after.find((x: { id: string }) => x.id === sealsBefore[0].id).status).toBe('retired');
    expect((await s.anonymous.get(`${L}/verify/${old.identifier}`)).json()).toMatchObject({ valid: true, signature: { esId: sealsBefore[0].esId } });
    const fresh = (await issueBusiness()).json();
    expect(fresh.seal.esId).toBe(seal.esId);
    expect((await s.anonymous.get(`${L}/verify/${fresh.identifier}`)).json()).toMatchObject({ valid: true, signature: { esId: seal.esId, department: { name: '汕尾市市场监督管理局' } } });
  });
});

describe('the interface for cases (用证)', () => {
  it('answers holds, hands over the data for a stated purpose and records every use', async () => {
    const lic = (await issueBusiness()).json();
    const licenses = s.t.services.licenses;
    expect(await licenses.holds(lic.holder.id, business.code)).toBe(true);
    expect(await licenses.holds(lic.holder.id, food.code)).toBe(false);
    const window = await s.t.login('window');
    const ctx = { ...systemContext('test-use'), actor: null };
    const consent = { kind: 'case' as const, caseNumber: '44150020260601000123', givenAt: new Date().toISOString() };
    await expect(licenses.fetchForCase(ctx, { holderId: lic.holder.id, typeCode: business.code, purpose: '  ', caseNumber: 'X', consent })).rejects.toMatchObject({ code: 'LICENSES_PURPOSE_REQUIRED' });
    const got = await licenses.fetchForCase(ctx, { holderId: lic.holder.id, typeCode: business.code, purpose: '办理食品经营许可', caseNumber: '44150020260601000123', consent });
    expect(got).toMatchObject({ identifier: lic.identifier, fields: { legalRepresentative: '林晓峰' }, holder: { id: lic.holder.id } });
    expect(await licenses.fetchForCase(ctx, { holderId: lic.holder.id, typeCode: food.code, purpose: '办理食品经营许可', consent })).toBeNull();
    const uses = (await approver.get(`${L}/licenses/${lic.id}/uses`)).json().items;
    expect(uses).toMatchObject([{ purpose: '办理食品经营许可', caseNumber: '44150020260601000123', outcome: 'provided', consent: { kind: 'case' } }]);
    expect(await auditOf('licenses.license.use')).toMatchObject({ result: 'success', details: { outcome: 'not_found' } });
    expect((await window.get(`${L}/licenses/${lic.id}/uses`)).statusCode).toBe(404);
  });

  it('does not hand over data whose seal signature no longer verifies', async () => {
    const lic = (await issueBusiness()).json();
    await sql`update licenses_licenses set holder_name = '篡改后的名称' where id = ${lic.id}`.execute(s.t.db);
    const consent = { kind: 'case' as const, caseNumber: 'C-1', givenAt: new Date().toISOString() };
    expect(await s.t.services.licenses.fetchForCase(systemContext('t'), { holderId: lic.holder.id, typeCode: business.code, purpose: '核验', consent })).toBeNull();
    expect(await auditOf('licenses.license.use')).toMatchObject({ details: { outcome: 'invalid' } });
  });
});
