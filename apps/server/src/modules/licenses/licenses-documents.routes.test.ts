import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import type { Client } from '../../../test/helpers.ts';
import { businessFields, citizenId, createLicensesTestApp, entityCode, L, marriageFields, typeNamed, type LicensesTestApp } from './licenses.test-support.ts';
import { readLicensePdf } from './render-license.ts';

const hasPdftotext = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let s: LicensesTestApp;
let approver: Client; // 市场监督管理局 审批人员 (department-scoped)
let mzj: Client; // 民政局 数据专员 (department-scoped)
let reviewer: Client; // 数据局 (all departments)
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

let seq = 700;
const issueBusiness = async () =>
  (await approver.post(`${L}/licenses`, { typeCode: business.code, holderId: entityCode(seq++), holderName: '汕尾市远航贸易有限公司', fields: businessFields() })).json();
const auditOf = async (action: string) =>
  (await sql<{ result: string; target_id: string; details: Record<string, unknown> }>`select result, target_id, details from audit_events where action = ${action} order by seq desc limit 1`.execute(s.t.db)).rows[0];
const uploadPdf = (body: Uint8Array | string, contentType = 'application/pdf') =>
  s.anonymous.request({ method: 'POST', url: `${L}/verify/pdf`, headers: { 'content-type': contentType }, payload: Buffer.from(body) });

describe('license PDF download', () => {
  it('answers a PDF with a UTF-8 file name, the verification link, the signed data attached, and an audit entry', async () => {
    const lic = await issueBusiness();
    const res = await approver.get(`${L}/licenses/${lic.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('营业执照-汕尾市远航贸易有限公司.pdf')}`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(res.rawPayload, { updateMetadata: false });
    expect(pdf.getSubject()).toBe(lic.identifier);
    const embedded = await readLicensePdf(res.rawPayload);
    const signed = (await approver.get(`${L}/licenses/${lic.id}/signed-document`)).json();
    expect(embedded.canonical).toBe(signed.canonical);
    expect(Buffer.from(embedded.signature!).toString('base64')).toBe(signed.signature);
    expect(await auditOf('licenses.license.download')).toMatchObject({ result: 'success', target_id: lic.id, details: { identifier: lic.identifier, purpose: null } });
    if (hasPdftotext) {
      // the printed verification address: the request's origin (no PUBLIC_URL in tests) + /verify/<identifier>
      const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: res.rawPayload }).toString('utf8').replace(/\s+/g, '');
      expect(text).toContain(`http://localhost:80/verify/${lic.identifier}`);
      expect(text).toContain('汕尾市远航贸易有限公司');
    }

    const copy = await approver.get(`${L}/licenses/${lic.id}/pdf?purpose=${encodeURIComponent('银行开户')}`);
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-disposition']).toContain(encodeURIComponent('-仅供银行开户使用.pdf'));
    expect(await auditOf('licenses.license.download')).toMatchObject({ details: { purpose: '银行开户' } });
  });

  it('masks a citizen holder in the file name', async () => {
    const lic = (await mzj.post(`${L}/licenses`, { typeCode: marriage.code, holderId: citizenId(71), holderName: '欧阳娜娜', fields: marriageFields() })).json();
    const res = await mzj.get(`${L}/licenses/${lic.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]!)).toBe('结婚证-欧阳＊＊.pdf');
  });

  it('refuses anonymous callers (401), hides another department’s license (404), checks the purpose (400)', async () => {
    const lic = await issueBusiness();
    expect((await s.anonymous.get(`${L}/licenses/${lic.id}/pdf`)).statusCode).toBe(401);
    const other = await mzj.get(`${L}/licenses/${lic.id}/pdf`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('LICENSES_LICENSE_NOT_FOUND');
    expect((await reviewer.get(`${L}/licenses/${lic.id}/pdf`)).statusCode).toBe(200);
    const long = await approver.get(`${L}/licenses/${lic.id}/pdf?purpose=${'很'.repeat(51)}`);
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.json().error.details)).toContain('purpose');
  });
});

describe('verification by PDF upload (POST /verify/pdf)', () => {
  it('verifies the signed data a downloaded PDF carries, without login', async () => {
    const lic = await issueBusiness();
    const file = (await approver.get(`${L}/licenses/${lic.id}/pdf`)).rawPayload;
    const res = await uploadPdf(file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: true, verdict: '有效', identifier: lic.identifier, matchesRegistry: true, signature: { valid: true, department: { name: '汕尾市市场监督管理局' } } });
  });

  it('fails a PDF whose attached data was altered, and reports the revocation of a genuine one', async () => {
    const lic = await issueBusiness();
    const file = (await approver.get(`${L}/licenses/${lic.id}/pdf`)).rawPayload;
    const embedded = await readLicensePdf(file);
    const forged = await PDFDocument.create();
    forged.addPage();
    await forged.attach(new TextEncoder().encode(embedded.canonical!.replace('林晓峰', '林晓锋')), 'license.json', { mimeType: 'application/json' });
    await forged.attach(embedded.signature!, 'license.ses', { mimeType: 'application/octet-stream' });
    const res = (await uploadPdf(await forged.save())).json();
    expect(res).toMatchObject({ valid: false, verdict: '签章无效', matchesRegistry: false });
    expect(res.signature.problems.map((p: { code: string }) => p.code)).toContain('DATA_HASH_MISMATCH');

    expect((await approver.post(`${L}/licenses/${lic.id}/revocations`, { kind: 'revoke', reason: '以欺骗手段取得' })).statusCode).toBe(200);
    expect((await uploadPdf(file)).json()).toMatchObject({ valid: false, verdict: '已吊销', signature: { valid: true } });
  });

  it('answers 400 LICENSES_VERIFY_INPUT for a PDF without signed data, bytes that are not a PDF, or another content type', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    // a 4 MB attachment that deflates to a few KB: refused, not inflated
    const bomb = await PDFDocument.create();
    bomb.addPage();
    await bomb.attach(new Uint8Array(4 * 1024 * 1024).fill(0x20), 'license.json', { mimeType: 'application/json' });
    await bomb.attach(new Uint8Array([0x30, 0x00]), 'license.ses', { mimeType: 'application/octet-stream' });
    const bombBytes = await bomb.save();
    expect(bombBytes.length).toBeLessThan(100_000);
    for (const res of [await uploadPdf(await plain.save()), await uploadPdf('not a pdf at all'), await uploadPdf(bombBytes), await s.anonymous.post(`${L}/verify/pdf`, { identifier: 'x' })]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('LICENSES_VERIFY_INPUT');
      expect(res.json().error.message).toMatch(/PDF/);
    }
  });
});
