import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Client } from '../../../test/helpers.ts';
import { seedDemoLicenses } from '../../workflows/seed-demo-licenses.ts';
import { createLicensesTestApp, entityCode, L, typeNamed, type LicensesTestApp } from './licenses.test-support.ts';

let s: LicensesTestApp;
let reviewer: Client;
let steward: Client;
let approver: Client;
let scjgId: string;

beforeAll(async () => {
  s = await createLicensesTestApp();
  reviewer = await s.login('reviewer');
  steward = await s.login('gaj_steward');
  approver = await s.login('scjg_approver');
  scjgId = approver.user.departmentId!;
}, 120_000);
afterAll(async () => {
  await s?.t.close();
});

const typeCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from licenses_types`.execute(s.t.db)).rows[0]!.n);
const lastAudit = async (action: string) =>
  (await sql<{ result: string; target_id: string }>`select result, target_id from audit_events where action = ${action} order by seq desc limit 1`.execute(s.t.db)).rows[0];

/** A new type code of the market regulator: its credit code + a sequence number not used by the demo catalog. */
const codeOf = async (n: number) => {
  const dept = (await reviewer.get(`/api/v1/identity/departments/${scjgId}`)).json();
  return `${dept.creditCode}${String(n).padStart(3, '0')}`;
};

const typeBody = async (n: number, over: Record<string, unknown> = {}) => ({
  code: await codeOf(n), name: `测试许可证${n}`, level: 'city', holderType: 'entity', issuerDepartmentIds: [scjgId],
  fields: [
    { name: 'licenseNumber', label: '许可证编号', type: 'string', required: true, onFace: true, sensitivity: 1 },
    { name: 'area', label: '面积', type: 'number', required: false, onFace: true, sensitivity: 2 },
  ],
  validity: { kind: 'term', years: 3 }, ...over,
});

describe('the license catalog (证照目录)', () => {
  it('has the demo city\'s common license types, each with its issuing department and holder code', async () => {
    const res = await reviewer.get(`${L}/types?pageSize=100`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; holderCode: string; issuerDepartments: { name: string }[]; referenceOnly: boolean; validityText: string }[];
    expect(items.length).toBeGreaterThanOrEqual(20);
    const byName = new Map(items.map((i) => [i.name, i]));
    expect(byName.get('营业执照')).toMatchObject({ holderCode: '001', issuerDepartments: [{ name: '汕尾市市场监督管理局' }], validityText: '长期有效' });
    expect(byName.get('结婚证')).toMatchObject({ holderCode: '111', issuerDepartments: [{ name: '汕尾市民政局' }] });
    expect(byName.get('出生医学证明')?.issuerDepartments[0]?.name).toBe('汕尾市卫生健康局');
    expect(byName.get('不动产权证书')?.issuerDepartments[0]?.name).toBe('汕尾市自然资源局');
    expect(byName.get('食品经营许可证')?.validityText).toBe('自生效之日起 5 年');
    expect(byName.get('居民身份证')?.referenceOnly).toBe(true);
    expect(byName.get('社会保障卡')?.referenceOnly).toBe(true);
    // Seals exist for every issuing department, none for reference-only issuers that issue nothing else.
    const seals = (await reviewer.get(`${L}/seals?status=active`)).json().items as { departmentName: string; name: string }[];
    expect(seals.map((x) => x.departmentName)).toEqual(expect.arrayContaining(['汕尾市市场监督管理局', '汕尾市民政局', '汕尾市残疾人联合会']));
    expect(seals.find((x) => x.departmentName === '汕尾市民政局')?.name).toBe('汕尾市民政局电子证照专用章');
  });

  it('seeds the demo catalog only once', async () => {
    expect(await seedDemoLicenses(s.t.services)).toEqual({ seeded: false, types: 0, seals: 0 });
  });

  it('filters by issuing department and holder type', async () => {
    const res = await reviewer.get(`${L}/types?departmentId=${scjgId}&holderType=entity`);
    expect(res.json().items.map((i: { name: string }) => i.name).sort()).toEqual(['营业执照', '药品经营许可证', '食品经营许可证'].sort());
  });

  it('lets the bureau create, change and delete a type, recording each in the audit log', async () => {
    const created = await reviewer.post(`${L}/types`, await typeBody(101));
    expect(created.statusCode).toBe(201);
    const type = created.json();
    expect(type).toMatchObject({ holderCode: '001', status: 'active', licenseCount: 0, validityText: '自生效之日起 3 年', faceTemplate: { title: '测试许可证101', fieldOrder: ['licenseNumber', 'area'] } });
    expect(await lastAudit('licenses.type.create')).toMatchObject({ result: 'success', target_id: type.id });

    const mzjId = (await s.login('mzj_steward')).user.departmentId;
    const changed = await reviewer.patch(`${L}/types/${type.id}`, { name: '测试许可证101（修订）', validity: { kind: 'permanent' }, fields: [type.fields[0]], issuerDepartmentIds: [scjgId, mzjId] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: '测试许可证101（修订）', validityText: '长期有效', faceTemplate: { fieldOrder: ['licenseNumber'] } });
    expect(changed.json().issuerDepartments.map((d: { name: string }) => d.name).sort()).toEqual(['汕尾市市场监督管理局', '汕尾市民政局'].sort());
    const badPatch = await reviewer.patch(`${L}/types/${type.id}`, { issuerDepartmentIds: ['00000000-0000-4000-8000-000000000000'], validity: { kind: 'until' } });
    expect(badPatch.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.issuerDepartmentIds.0', 'body.validity.until']);

    expect((await reviewer.delete(`${L}/types/${type.id}`)).statusCode).toBe(204);
    expect((await reviewer.get(`${L}/types/${type.id}`)).statusCode).toBe(404);
    expect(await lastAudit('licenses.type.delete')).toMatchObject({ result: 'success', target_id: type.id });
  });

  it('lists every problem of a bad type at once and writes nothing', async () => {
    const before = await typeCount();
    const res = await reviewer.post(`${L}/types`, await typeBody(102, {
      code: '91441500MA4UH5L2X0999',
      issuerDepartmentIds: [scjgId, '00000000-0000-4000-8000-000000000000'],
      fields: [
        { name: 'no', label: '编号', type: 'string', required: true, onFace: true, sensitivity: 1 },
        { name: 'no', label: '编号2', type: 'string', required: true, onFace: true, sensitivity: 1 },
        { name: 'kind', label: '类别', type: 'enum', required: true, onFace: true, sensitivity: 1 },
      ],
      validity: { kind: 'term' },
      faceTemplate: { fieldOrder: ['no', 'missing'] },
    }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('LICENSES_TYPE_INVALID');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.code', 'body.faceTemplate.fieldOrder.1', 'body.fields.1.name', 'body.fields.2.options', 'body.issuerDepartmentIds.1', 'body.validity.years',
    ]);
    expect(await typeCount()).toBe(before);
  });

  it('refuses a second type with the same code or name (409)', async () => {
    const body = await typeBody(103);
    expect((await reviewer.post(`${L}/types`, body)).statusCode).toBe(201);
    const again = await reviewer.post(`${L}/types`, { ...body, name: '另一个名字' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LICENSES_TYPE_CODE_TAKEN');
    expect((await reviewer.post(`${L}/types`, { ...(await typeBody(104)), name: body.name })).json().error.code).toBe('LICENSES_TYPE_NAME_TAKEN');
  });

  it('lets staff read the catalog but only the bureau change it; anonymous callers get 401', async () => {
    expect((await steward.get(`${L}/types`)).statusCode).toBe(200);
    const refused = await steward.post(`${L}/types`, await typeBody(105));
    expect(refused.statusCode).toBe(403);
    expect(await lastAudit('licenses.type.create')).toMatchObject({ result: 'denied' });
    const business = await typeNamed(steward, '营业执照');
    expect((await steward.patch(`${L}/types/${business.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await steward.delete(`${L}/types/${business.id}`)).statusCode).toBe(403);
    expect((await s.anonymous.get(`${L}/types`)).statusCode).toBe(401);
    expect((await steward.post(`${L}/seals`, { departmentId: scjgId })).statusCode).toBe(403);
  });

  it('keeps a type that issued licenses (409 on delete) but lets the bureau retire it, after which nothing is issued', async () => {
    const type = (await reviewer.post(`${L}/types`, await typeBody(106))).json();
    const issue = { typeCode: type.code, holderId: entityCode(1), holderName: '汕尾市海风餐饮有限公司', fields: { licenseNumber: 'T-001', area: 88.5 } };
    expect((await approver.post(`${L}/licenses`, issue)).statusCode).toBe(201);
    const del = await reviewer.delete(`${L}/types/${type.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error).toMatchObject({ code: 'LICENSES_TYPE_IN_USE', details: { count: 1 } });
    expect((await reviewer.patch(`${L}/types/${type.id}`, { holderType: 'citizen' })).json().error.code).toBe('LICENSES_TYPE_INVALID');
    expect((await reviewer.patch(`${L}/types/${type.id}`, { status: 'retired' })).json().status).toBe('retired');
    const refused = await approver.post(`${L}/licenses`, issue);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('LICENSES_TYPE_NOT_ISSUABLE');
  });

  it('never issues a reference-only type such as 居民身份证', async () => {
    const gaj = await typeNamed(steward, '居民身份证');
    const res = await steward.post(`${L}/licenses`, { typeCode: gaj.code, holderId: '441502199005010013', holderName: '张三', fields: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('仅引用');
  });

  it('serves seal details without keys and the seal picture as SVG', async () => {
    const seal = (await reviewer.get(`${L}/seals?departmentId=${scjgId}`)).json().items[0];
    const detail = (await reviewer.get(`${L}/seals/${seal.id}`)).json();
    expect(Object.keys(detail).sort()).not.toContain('privateKey');
    expect(Buffer.from(detail.sealDer, 'base64')[0]).toBe(0x30);
    const picture = await reviewer.get(`${L}/seals/${seal.id}/picture`);
    expect(picture.headers['content-type']).toContain('image/svg+xml');
    expect(picture.body).toContain('汕尾市市场监督管理局');
  });

  it('issues with field values checked against the new type (the number survives the round trip)', async () => {
    const type = (await reviewer.post(`${L}/types`, await typeBody(107))).json();
    const res = await approver.post(`${L}/licenses`, { typeCode: type.code, holderId: entityCode(2), holderName: '汕尾市蓝海科技有限公司', fields: { licenseNumber: 'T-002', area: 0.1 } });
    expect(res.statusCode).toBe(201);
    const verified = (await s.anonymous.get(`${L}/verify/${res.json().identifier}`)).json();
    expect(verified).toMatchObject({ valid: true, verdict: '有效' });
  });
});
