import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { sm2 } from 'sm-crypto-v2';
import { makeLicenseId } from '@shuzheng/standards';
import { sm2GenerateKeyPair, sm2PublicKeyToPem, sm2PublicKeyToSpki } from '@shuzheng/standards/crypto';
import { makeSeal, signWithSeal } from '@shuzheng/standards/seal';
import type { Client } from '../../../test/helpers.ts';
import { testConfig } from '../../../test/test-config.ts';
import { businessFields, citizenId, createLicensesTestApp, entityCode, L, marriageFields, typeNamed, type LicensesTestApp } from './licenses.test-support.ts';
import { openPrivateKey } from './seal-keys.ts';

let s: LicensesTestApp;
let approver: Client;
let mzj: Client;
let reviewer: Client;
let business: { code: string };
let marriage: { code: string };

beforeAll(async () => {
  s = await createLicensesTestApp();
  approver = await s.login('scjg_approver');
  mzj = await s.login('mzj_steward');
  reviewer = await s.login('reviewer');
  business = await typeNamed(reviewer, '营业执照');
  marriage = await typeNamed(reviewer, '结婚证');
}, 120_000);
afterAll(async () => {
  await s?.t.close();
});

let seq = 200;
const issueBusiness = async () =>
  (await approver.post(`${L}/licenses`, { typeCode: business.code, holderId: entityCode(seq++), holderName: '汕尾市远航贸易有限公司', fields: businessFields() })).json();

/** Canonical JSON written independently of the module (sorted keys, no whitespace), for the status-list check. */
const canonical = (v: unknown): string =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;

describe('public verification (亮证/验证)', () => {
  it('verifies a license by its identifier without login: seal, department, status, and only the public face', async () => {
    const lic = await issueBusiness();
    const res = await s.anonymous.get(`${L}/verify/${lic.identifier}`);
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({
      valid: true, verdict: '有效', identifier: lic.identifier, matchesRegistry: true,
      signature: { valid: true, problems: [], sealName: '汕尾市市场监督管理局电子证照专用章', department: { name: '汕尾市市场监督管理局' }, maker: { trusted: true, name: '本平台' } },
      status: { code: 'valid', label: '有效' },
      license: { typeName: '营业执照', holder: { code: '001', name: '汕尾市远航贸易有限公司' } },
    });
    expect(v.license.holder.id).toMatch(/^[0-9A-Z]{8}\*{8}[0-9A-Z]{2}$/);
    expect(v.license.face.map((f: { label: string }) => f.label)).toEqual(['类型', '法定代表人', '注册资本', '成立日期', '营业期限', '住所', '经营范围']);
    // lower case and surrounding blanks are accepted, POST with the identifier answers the same
    expect((await s.anonymous.get(`${L}/verify/${lic.identifier.toLowerCase()}`)).json().valid).toBe(true);
    expect((await s.anonymous.post(`${L}/verify`, { identifier: lic.identifier })).json()).toMatchObject({ valid: true, identifier: lic.identifier });
  });

  it('masks a citizen holder and shows no sensitive face field', async () => {
    const lic = (await mzj.post(`${L}/licenses`, { typeCode: marriage.code, holderId: citizenId(21), holderName: '欧阳娜娜', fields: marriageFields() })).json();
    const v = (await s.anonymous.get(`${L}/verify/${lic.identifier}`)).json();
    expect(v.license.holder).toEqual({ type: 'citizen', code: '111', id: `${citizenId(21).slice(0, 6)}********${citizenId(21).slice(-4)}`, name: '欧阳**' });
    expect(v.license.face.map((f: { name: string }) => f.name)).toEqual(['certificateNo', 'registeredOn']);
    expect(JSON.stringify(v)).not.toContain('陈美玲');
  });

  it('verifies the detached signature over the canonical text or object, offline-style', async () => {
    const lic = await issueBusiness();
    const doc = (await approver.get(`${L}/licenses/${lic.id}/signed-document`)).json();
    expect(doc.canonical).toBe(canonical(doc.document));
    expect(doc.document).toMatchObject({ format: 'shuzheng-license/1', identifier: lic.identifier, holder: { type: '001' } });
    const asText = (await s.anonymous.post(`${L}/verify`, { signature: doc.signature, data: doc.canonical })).json();
    expect(asText).toMatchObject({ valid: true, matchesRegistry: true, identifier: lic.identifier });
    expect((await s.anonymous.post(`${L}/verify`, { signature: doc.signature, data: doc.document })).json().valid).toBe(true);
    const forged = (await s.anonymous.post(`${L}/verify`, { signature: doc.signature, data: doc.canonical.replace('林晓峰', '林晓锋') })).json();
    expect(forged).toMatchObject({ valid: false, verdict: '签章无效' });
    expect(forged.signature.problems.map((p: { code: string }) => p.code)).toContain('DATA_HASH_MISMATCH');
  });

  it('reports a license whose stored data was altered after signing as invalid', async () => {
    const lic = await issueBusiness();
    await sql`update licenses_licenses set fields = jsonb_set(fields, '{address}', '"汕尾市城区伪造路 1 号"') where id = ${lic.id}`.execute(s.t.db);
    const v = (await s.anonymous.get(`${L}/verify/${lic.identifier}`)).json();
    expect(v).toMatchObject({ valid: false, verdict: '签章无效', signature: { valid: false } });
    expect(v.signature.problems.map((p: { code: string }) => p.code)).toEqual(['DATA_HASH_MISMATCH']);
    // a date column counts as much as a field
    const other = await issueBusiness();
    await sql`update licenses_licenses set valid_until = '2099-12-31' where id = ${other.id}`.execute(s.t.db);
    expect((await s.anonymous.get(`${L}/verify/${other.identifier}`)).json().signature.problems[0].code).toBe('DATA_HASH_MISMATCH');
  });

  it('answers 400 for a malformed identifier or request and 404 for an unknown one', async () => {
    const bad = await s.anonymous.get(`${L}/verify/1.2.156.3005.2.X.Y.1.001.0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('LICENSES_IDENTIFIER_INVALID');
    const lic = await issueBusiness();
    const unknown = makeLicenseId({ typeCode: business.code, issuerCode: lic.issuer.code, serial: '99999999' });
    const res = await s.anonymous.get(`${L}/verify/${unknown}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('LICENSES_IDENTIFIER_UNKNOWN');
    expect((await s.anonymous.post(`${L}/verify`, {})).statusCode).toBe(400);
    expect((await s.anonymous.post(`${L}/verify`, { identifier: lic.identifier, signature: 'AA==', data: 'x' })).statusCode).toBe(400);
    expect((await s.anonymous.post(`${L}/verify`, { signature: '***', data: 'x' })).json().error.code).toBe('LICENSES_VERIFY_INPUT');
    const garbage = (await s.anonymous.post(`${L}/verify`, { signature: 'AAAA', data: 'x' })).json();
    expect(garbage).toMatchObject({ valid: false, signature: { problems: [{ code: 'MALFORMED' }] } });
  });
});

describe('revocation and the signed status list', () => {
  it('shows 已吊销 with the date, and lists the license in a status list signed with SM2 (checked with sm-crypto-v2)', async () => {
    const lic = await issueBusiness();
    const revoked = (await approver.post(`${L}/licenses/${lic.id}/revocations`, { kind: 'revoke', reason: '违法经营' })).json();
    const v = (await s.anonymous.get(`${L}/verify/${lic.identifier}`)).json();
    expect(v).toMatchObject({ valid: false, verdict: '已吊销', signature: { valid: true }, status: { code: 'revoked', label: '已吊销', since: revoked.ended.on } });

    const res = await s.anonymous.get(`${L}/status-list`);
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.payload).toMatchObject({ format: 'shuzheng-license-status-list/1', issuer: { name: '汕尾市政务服务数据管理局' } });
    expect(list.payload.entries).toContainEqual({ identifier: lic.identifier, status: 'revoked', date: revoked.ended.on });
    const anchors = (await s.anonymous.get(`${L}/trust-anchors`)).json();
    expect(anchors.statusListKey).toBe(list.signature.publicKey);
    expect(anchors.sealMakers).toEqual([{ name: '本平台', own: true, publicKey: v.signature.maker.publicKey }]);
    const opts = { der: true, hash: true, userId: list.signature.userId };
    expect(sm2.doVerifySignature(canonical(list.payload), list.signature.value, anchors.statusListKey, opts)).toBe(true);
    const tampered = { ...list.payload, entries: list.payload.entries.filter((e: { identifier: string }) => e.identifier !== lic.identifier) };
    expect(sm2.doVerifySignature(canonical(tampered), list.signature.value, anchors.statusListKey, opts)).toBe(false);
  });
});

describe('mutual recognition (互认)', () => {
  // Another city's platform: its own seal maker and department, a license in our document format.
  const maker = sm2GenerateKeyPair();
  const signer = sm2GenerateKeyPair();
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const seal = makeSeal({
    esID: 'GZ-SCJG-0001', vid: 'OTHERCITY', type: 1, name: '广州市市场监督管理局电子证照专用章', certs: [sm2PublicKeyToSpki(signer.publicKey)],
    createDate: now, validStart: now, validEnd: new Date(now.getTime() + 365 * 86_400_000),
    picture: { type: 'SVG', data: Buffer.from('<svg/>'), width: 42, height: 42 }, makerKey: maker.privateKey,
  });
  const document = {
    format: 'shuzheng-license/1', identifier: 'GZ-LICENSE-1', version: 1, type: { code: 'T', name: '营业执照' }, issuer: { code: 'I', name: '广州市市场监督管理局' },
    holder: { type: '001', id: '91440101MA59TEST01', name: '广州市某某有限公司' }, fields: { legalRepresentative: '王五' }, issuedOn: '2026-01-05', validFrom: '2026-01-05', validUntil: null,
  };
  const signature = Buffer.from(signWithSeal({ sealDer: seal, data: canonical(document), propertyInfo: 'GZ-LICENSE-1', signerKey: signer.privateKey, time: now })).toString('base64');

  it('reports a seal from an untrusted maker as untrusted, trusts it once the bureau registers the maker, not after it is disabled', async () => {
    const before = (await s.anonymous.post(`${L}/verify`, { signature, data: document })).json();
    expect(before).toMatchObject({ valid: false, verdict: '签章无效', signature: { valid: false, maker: { trusted: false, publicKey: maker.publicKey } }, status: { code: 'unknown' } });
    expect(before.signature.problems.map((p: { code: string }) => p.code)).toEqual(['SEAL_MAKER_UNTRUSTED']);

    expect((await approver.post(`${L}/trusted-issuers`, { name: '广州市政务服务和数据管理局', publicKey: maker.publicKey })).statusCode).toBe(403);
    const created = await reviewer.post(`${L}/trusted-issuers`, { name: '广州市政务服务和数据管理局', divisionCode: '440100', publicKey: sm2PublicKeyToPem(maker.publicKey) });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ publicKey: maker.publicKey, enabled: true });
    expect((await reviewer.post(`${L}/trusted-issuers`, { name: '重复', publicKey: maker.publicKey })).statusCode).toBe(409);
    expect((await reviewer.post(`${L}/trusted-issuers`, { name: '坏的', publicKey: '04'.padEnd(130, '1') })).statusCode).toBe(400);

    const after = (await s.anonymous.post(`${L}/verify`, { signature, data: canonical(document) })).json();
    expect(after).toMatchObject({
      valid: false, verdict: '签章有效，状态未知', matchesRegistry: null,
      signature: { valid: true, department: null, sealName: '广州市市场监督管理局电子证照专用章', maker: { trusted: true, name: '广州市政务服务和数据管理局' } },
      license: { typeName: '营业执照', issuerName: '广州市市场监督管理局', holder: { id: '91440101********01', name: '广州市某某有限公司' }, face: [] },
    });
    expect((await s.anonymous.get(`${L}/trust-anchors`)).json().sealMakers).toHaveLength(2);

    await reviewer.patch(`${L}/trusted-issuers/${created.json().id}`, { enabled: false });
    expect((await s.anonymous.post(`${L}/verify`, { signature, data: document })).json().signature.maker.trusted).toBe(false);
  });
});

describe('keys', () => {
  it('keeps private keys encrypted under the master key and never returns one in any response', async () => {
    const master = testConfig().LICENSE_MASTER_KEY;
    const seals = (await sql<{ public_key: string; private_key_enc: Buffer; master_key_id: string }>`select public_key, private_key_enc, master_key_id from licenses_seals`.execute(s.t.db)).rows;
    const platform = (await sql<{ public_key: string; private_key_enc: Buffer; master_key_id: string }>`select public_key, private_key_enc, master_key_id from licenses_platform_keys`.execute(s.t.db)).rows;
    expect(seals.length).toBeGreaterThan(10);
    expect(platform.map((p) => p.public_key)).toHaveLength(2);
    const secrets = [...seals, ...platform].flatMap((k) => {
      const privateKey = openPrivateKey(master, { ciphertext: k.private_key_enc, masterKeyId: k.master_key_id }, k.public_key);
      return [privateKey, privateKey.toUpperCase(), Buffer.from(privateKey, 'hex').toString('base64'), k.private_key_enc.toString('hex'), k.private_key_enc.toString('base64')];
    });
    // every endpoint family was called above or here
    const seal = (await reviewer.get(`${L}/seals`)).json().items[0];
    await reviewer.get(`${L}/seals/${seal.id}`);
    await reviewer.get(`${L}/types?pageSize=100`);
    await approver.get(`${L}/licenses?pageSize=100&allVersions=true`);
    expect(s.bodies.length).toBeGreaterThan(40);
    const leaks = s.bodies.filter((body) => secrets.some((secret) => body.includes(secret)) || /private_?key/i.test(body));
    expect(leaks).toEqual([]);
  });
});
