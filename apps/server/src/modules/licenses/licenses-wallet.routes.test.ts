import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { sm3 } from '@shuzheng/standards/crypto';
import { systemContext, type RequestContext } from '../../kernel/context.ts';
import type { Client } from '../../../test/helpers.ts';
import { createLicensesTestApp, L, typeNamed, type LicensesTestApp } from './licenses.test-support.ts';

let s: LicensesTestApp;
let citizen: Client; // demo citizen: 结婚证 + 居住证 (seed-demo-licenses.ts)
let enterprise: Client; // demo enterprise: 营业执照 + 食品经营许可证
let developer: Client; // another citizen, holding nothing
let approver: Client; // staff (市场监督管理局)
let window: Client; // staff (政务服务数据管理局)
let gaj: Client; // staff (公安局)
let marriage: { id: string; code: string; issuerDepartments: { id: string }[] };
let myMarriage: { id: string; identifier: string };

const M = `${L}/licenses/mine`;
const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(s.t.db)).rows[0]!.n);
const auditOf = async (action: string) =>
  (await sql<{ result: string; target_id: string; details: Record<string, unknown> }>`select result, target_id, details from audit_events where action = ${action} order by seq desc limit 1`.execute(s.t.db)).rows[0];

/** A request context acting as a staff client (what a cases module would pass to fetchForCase). */
const asStaff = (c: Client): RequestContext => ({
  ...systemContext('wallet-test'),
  actor: { userId: c.user.id, username: c.user.username, displayName: c.user.username, kind: 'staff', departmentId: c.user.departmentId, departmentName: null, roles: [], permissions: new Map(), sessionId: 't', authMethod: 'session' },
});

beforeAll(async () => {
  s = await createLicensesTestApp();
  [citizen, enterprise, developer, approver, window, gaj] = (await Promise.all(['citizen', 'enterprise', 'developer', 'scjg_approver', 'window', 'gaj_steward'].map((u) => s.login(u)))) as [Client, Client, Client, Client, Client, Client];
  marriage = await typeNamed(await s.login('reviewer'), '结婚证');
  myMarriage = (await citizen.get(M)).json().items.find((i: { typeName: string }) => i.typeName === '结婚证');
}, 120_000);
afterAll(async () => {
  await s?.t.close();
});

describe('我的证照', () => {
  it('needs a login (401) and a citizen or enterprise account (403 for staff)', async () => {
    expect((await s.anonymous.get(M)).statusCode).toBe(401);
    const staff = await approver.get(M);
    expect(staff.statusCode).toBe(403);
    expect(staff.json().error.code).toBe('LICENSES_NOT_HOLDER');
    expect((await approver.get(`${M}/${myMarriage.id}`)).statusCode).toBe(403);
  });

  it('lists the holder’s current licenses with status labels: the demo seed fills both wallets', async () => {
    const mine = (await citizen.get(M)).json();
    expect(mine.holder.type).toBe('citizen');
    expect(mine.items.map((i: { typeName: string }) => i.typeName).sort()).toEqual(['居住证', '结婚证']);
    expect(mine.items[0].status).toMatchObject({ code: 'valid', label: '有效' });
    const theirs = (await enterprise.get(M)).json();
    expect(theirs.holder.type).toBe('entity');
    expect(theirs.items.map((i: { typeName: string }) => i.typeName).sort()).toEqual(['营业执照', '食品经营许可证']);
    expect((await developer.get(M)).json().items).toEqual([]);
  });

  it('shows one license with all its data and versions; another holder’s license answers 404', async () => {
    const res = await citizen.get(`${M}/${myMarriage.id}`);
    expect(res.statusCode).toBe(200);
    const lic = res.json();
    expect(lic).toMatchObject({ typeName: '结婚证', status: { code: 'valid' }, versions: [{ version: 1 }] });
    expect(lic.labelledFields).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'spouseName', label: '配偶姓名', value: '陈美玲' })]));
    for (const other of [enterprise, developer]) {
      const r = await other.get(`${M}/${myMarriage.id}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('LICENSES_LICENSE_NOT_FOUND');
    }
    expect((await citizen.get(`${M}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('downloads the holder’s own PDF; not another holder’s', async () => {
    const res = await citizen.get(`${M}/${myMarriage.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await enterprise.get(`${M}/${myMarriage.id}/pdf`)).statusCode).toBe(404);
  });
});

describe('分享副本', () => {
  it('rejects bad input with field paths and writes nothing', async () => {
    const before = await count('licenses_shares');
    const res = await citizen.post(`${M}/${myMarriage.id}/shares`, { purpose: '', days: 31 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.purpose', 'body.days']));
    const blank = await citizen.post(`${M}/${myMarriage.id}/shares`, { purpose: '   ', days: 3 });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'LICENSES_SHARE_INVALID', details: { fields: [{ path: 'body.purpose' }] } });
    expect((await citizen.post(`${M}/${myMarriage.id}/shares`, { purpose: 'x'.repeat(51), days: 3 })).statusCode).toBe(400);
    expect((await enterprise.post(`${M}/${myMarriage.id}/shares`, { purpose: '银行开户', days: 3 })).statusCode).toBe(404);
    expect(await count('licenses_shares')).toBe(before);
  });

  it('makes a link stored only hashed, shows the verification to anyone holding it, records every open, and revokes', async () => {
    const res = await citizen.post(`${M}/${myMarriage.id}/shares`, { purpose: '银行开户', days: 7 });
    expect(res.statusCode).toBe(201);
    const share = res.json();
    expect(share.token).toMatch(/^szs_[A-Za-z0-9_-]{32,}$/);
    expect(share.url).toBe(`/portal/shared/${share.token}`);
    const stored = (await sql<Record<string, unknown>>`select * from licenses_shares where id = ${share.id}`.execute(s.t.db)).rows[0]!;
    expect(stored.token_hash).toBe(sm3(share.token));
    expect(JSON.stringify(stored)).not.toContain(share.token);
    expect(await auditOf('licenses.share.create')).toMatchObject({ result: 'success', target_id: share.id, details: { licenseId: myMarriage.id, purpose: '银行开户' } });
    expect(JSON.stringify(await auditOf('licenses.share.create'))).not.toContain(share.token);

    const view = await s.anonymous.get(`${L}/licenses/shared/${share.token}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ purpose: '银行开户', watermark: '仅供银行开户使用', verification: { valid: true, identifier: myMarriage.identifier } });
    expect(view.json().verification.license.holder.id).toContain('*');
    const pdf = await s.anonymous.get(`${L}/licenses/shared/${share.token}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const list = (await citizen.get(`${M}/${myMarriage.id}/shares`)).json().items;
    expect(list[0]).toMatchObject({ id: share.id, status: 'active', opens: 2, purpose: '银行开户' });
    expect(JSON.stringify(list)).not.toContain(share.token);
    const uses = (await citizen.get(`${M}/uses?licenseId=${myMarriage.id}`)).json().items;
    expect(uses.filter((u: { outcome: string; shareId: string }) => u.outcome === 'shared_open' && u.shareId === share.id)).toHaveLength(2);
    expect((await enterprise.get(`${M}/${myMarriage.id}/shares`)).statusCode).toBe(404);
    expect((await enterprise.delete(`${M}/${myMarriage.id}/shares/${share.id}`)).statusCode).toBe(404);

    expect((await citizen.delete(`${M}/${myMarriage.id}/shares/${share.id}`)).statusCode).toBe(204);
    expect(await auditOf('licenses.share.revoke')).toMatchObject({ result: 'success', target_id: share.id });
    expect((await citizen.get(`${M}/${myMarriage.id}/shares`)).json().items[0].status).toBe('revoked');

    // revoked, expired and unknown tokens answer the same 404
    const expired = (await citizen.post(`${M}/${myMarriage.id}/shares`, { purpose: '租房', days: 1 })).json();
    await sql`update licenses_shares set expires_at = now() - interval '1 minute' where id = ${expired.id}`.execute(s.t.db);
    const answers = await Promise.all([share.token, expired.token, 'szs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'nonsense'].map((t) => s.anonymous.get(`${L}/licenses/shared/${t}`)));
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(a.json().error).toEqual(answers[0]!.json().error);
    }
    expect((await s.anonymous.get(`${L}/licenses/shared/${share.token}/pdf`)).statusCode).toBe(404);
  });
});

describe('用证授权', () => {
  const holderId = async () => (await citizen.get(M)).json().holder.id as string;
  const fetch = async (ctx: RequestContext, extra: Record<string, unknown>) =>
    s.t.services.licenses.fetchForCase(ctx, { holderId: await holderId(), typeCode: marriage.code, purpose: '办理户口迁移', ...extra });
  const until = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  it('offers the holder’s types and the departments, and rejects a bad consent with field paths, writing nothing', async () => {
    const options = (await citizen.get(`${M}/consent-options`)).json();
    expect(options.types.map((t: { name: string }) => t.name)).toContain('结婚证');
    expect(options.types.map((t: { name: string }) => t.name)).not.toContain('营业执照');
    expect(options.departments.length).toBeGreaterThan(5);
    const business = options.types.length ? (await typeNamed(await s.login('reviewer'), '营业执照')).code : '';
    const before = await count('licenses_consents');
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const res = await citizen.post(`${M}/consents`, { typeCode: business, departmentId: '00000000-0000-4000-8000-000000000000', purpose: '  ', until: far });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('LICENSES_CONSENT_INVALID');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.departmentId', 'body.purpose', 'body.typeCode', 'body.until']);
    expect((await citizen.post(`${M}/consents`, { typeCode: marriage.code })).statusCode).toBe(400);
    expect((await approver.post(`${M}/consents`, { typeCode: marriage.code, departmentId: window.user.departmentId, purpose: 'x', until: until() })).statusCode).toBe(403);
    expect(await count('licenses_consents')).toBe(before);
  });

  it('refuses a fetch without consent (403, recorded as no_consent and shown to the holder)', async () => {
    await expect(fetch(asStaff(window), {})).rejects.toMatchObject({ status: 403, code: 'LICENSES_CONSENT_REQUIRED' });
    await expect(fetch(asStaff(window), { consentId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'LICENSES_CONSENT_REQUIRED' });
    await expect(fetch(asStaff(window), { consent: { kind: 'case', caseNumber: '', givenAt: 'yesterday' } })).rejects.toMatchObject({ code: 'LICENSES_CONSENT_REQUIRED' });
    expect(await auditOf('licenses.license.use')).toMatchObject({ result: 'denied', details: { outcome: 'no_consent' } });
    const uses = (await citizen.get(`${M}/uses`)).json().items;
    expect(uses[0]).toMatchObject({ outcome: 'no_consent', purpose: '办理户口迁移', departmentName: window.user.departmentId ? expect.any(String) : null });
  });

  it('accepts a consent taken in the case flow for that case', async () => {
    const got = await fetch(asStaff(window), { caseNumber: 'C-2026-1', consent: { kind: 'case', caseNumber: 'C-2026-1', givenAt: new Date().toISOString() } });
    expect(got).toMatchObject({ licenseId: myMarriage.id, fields: { spouseName: '陈美玲' } });
    await expect(fetch(asStaff(window), { caseNumber: 'C-2026-2', consent: { kind: 'case', caseNumber: 'C-2026-1', givenAt: new Date().toISOString() } })).rejects.toMatchObject({ code: 'LICENSES_CONSENT_REQUIRED' });
  });

  it('honours a standing consent for the named department only, until it is revoked or expires', async () => {
    const res = await citizen.post(`${M}/consents`, { typeCode: marriage.code, departmentId: window.user.departmentId, purpose: '办理户口迁移', serviceItem: '户口迁移登记', until: until() });
    expect(res.statusCode).toBe(201);
    const consent = res.json();
    expect(consent).toMatchObject({ typeName: '结婚证', status: 'active', once: false });
    expect(await auditOf('licenses.consent.create')).toMatchObject({ result: 'success', target_id: consent.id });
    expect(await fetch(asStaff(window), { consentId: consent.id })).toMatchObject({ licenseId: myMarriage.id });
    expect(await fetch(asStaff(window), { consentId: consent.id })).toMatchObject({ licenseId: myMarriage.id });
    await expect(fetch(asStaff(gaj), { consentId: consent.id })).rejects.toMatchObject({ code: 'LICENSES_CONSENT_REQUIRED', details: { reason: '授权未给予本部门' } });
    await expect(fetch({ ...systemContext('t'), actor: null }, { consentId: consent.id })).rejects.toMatchObject({ code: 'LICENSES_CONSENT_REQUIRED' });
    const listed = (await citizen.get(`${M}/consents`)).json().items.find((c: { id: string }) => c.id === consent.id);
    expect(listed).toMatchObject({ useCount: 2, status: 'active' });
    // another holder can neither see nor revoke it
    expect((await developer.get(`${M}/consents`)).json().items).toEqual([]);
    expect((await developer.delete(`${M}/consents/${consent.id}`)).statusCode).toBe(404);

    expect((await citizen.delete(`${M}/consents/${consent.id}`)).statusCode).toBe(204);
    expect(await auditOf('licenses.consent.revoke')).toMatchObject({ result: 'success', target_id: consent.id });
    await expect(fetch(asStaff(window), { consentId: consent.id })).rejects.toMatchObject({ details: { reason: '持证人已撤销该授权' } });

    const old = (await citizen.post(`${M}/consents`, { typeCode: marriage.code, departmentId: window.user.departmentId, purpose: '办理户口迁移', until: until() })).json();
    await sql`update licenses_consents set valid_until = '2020-01-01' where id = ${old.id}`.execute(s.t.db);
    await expect(fetch(asStaff(window), { consentId: old.id })).rejects.toMatchObject({ code: 'LICENSES_CONSENT_REQUIRED' });
    expect((await citizen.get(`${M}/consents`)).json().items.find((c: { id: string }) => c.id === old.id).status).toBe('expired');
  });

  it('consumes a one-off consent for a case on its first use', async () => {
    const once = (await citizen.post(`${M}/consents`, { typeCode: marriage.code, departmentId: window.user.departmentId, purpose: '办理户口迁移', caseNumber: 'C-77', once: true, until: until() })).json();
    await expect(fetch(asStaff(window), { consentId: once.id, caseNumber: 'C-78' })).rejects.toMatchObject({ code: 'LICENSES_CONSENT_REQUIRED' });
    expect(await fetch(asStaff(window), { consentId: once.id, caseNumber: 'C-77' })).toMatchObject({ licenseId: myMarriage.id });
    await expect(fetch(asStaff(window), { consentId: once.id, caseNumber: 'C-77' })).rejects.toMatchObject({ details: { reason: '该一次性授权已使用' } });
    expect((await citizen.get(`${M}/consents`)).json().items.find((c: { id: string }) => c.id === once.id)).toMatchObject({ status: 'used', useCount: 1 });
    const uses = (await citizen.get(`${M}/uses`)).json().items;
    expect(uses.find((u: { consentId: string; outcome: string }) => u.consentId === once.id && u.outcome === 'provided')).toMatchObject({ caseNumber: 'C-77', typeName: '结婚证' });
  });

  it('keeps holders’ use logs apart', async () => {
    const theirs = (await enterprise.get(`${M}/uses`)).json().items;
    expect(theirs.every((u: { typeCode: string }) => u.typeCode !== marriage.code)).toBe(true);
    expect((await s.anonymous.get(`${M}/uses`)).statusCode).toBe(401);
  });
});
