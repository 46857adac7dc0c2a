import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let auditor: Client;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  auditor = await t.login('auditor');
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

// What a DBA with direct database access could do: the application offers no way to edit the log.
async function tamper(statement: ReturnType<typeof sql>) {
  await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.db);
  await statement.execute(t.db);
  await sql`alter table audit_events enable trigger audit_events_no_update`.execute(t.db);
}

describe('audit log', () => {
  it('records a change with who, role, department, IP, target and request id', async () => {
    const dept = (await admin.get('/api/v1/identity/departments?q=民政局')).json().items[0];
    const res = await admin.request({ method: 'PATCH', url: `/api/v1/identity/departments/${dept.id}`, payload: { kind: 'municipal' }, headers: { 'x-request-id': 'req-audit-test-0001' } });
    expect(res.statusCode).toBe(200);
    const found = (await auditor.get('/api/v1/audit/events?q=req-audit-test-0001')).json();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({
      action: 'identity.department.update', result: 'success', actorId: admin.user.id, actorRoles: ['platform_admin'],
      departmentName: '汕尾市政务服务数据管理局', targetType: 'department', targetId: dept.id, requestId: 'req-audit-test-0001', ip: '127.0.0.1',
    });
  });

  it('filters by result and action prefix, newest first, paginated', async () => {
    await t.anonymous.post('/api/v1/identity/sessions', { username: 'admin', password: 'wrong' });
    const failures = (await auditor.get('/api/v1/audit/events?result=failure&action=identity.session&pageSize=1')).json();
    expect(failures.pageSize).toBe(1);
    expect(failures.items).toHaveLength(1);
    expect(failures.items[0]).toMatchObject({ action: 'identity.session.create', result: 'failure' });
    const page2 = (await auditor.get('/api/v1/audit/events?pageSize=5&page=2')).json();
    expect(page2.items[0].seq).toBeLessThan((await auditor.get('/api/v1/audit/events?pageSize=5')).json().items[4].seq);
  });

  it('does not record a change whose transaction failed, but records the failure', async () => {
    const before = (await auditor.get('/api/v1/audit/events?action=identity.department.create&result=success')).json().total;
    const existing = (await admin.get('/api/v1/identity/departments?pageSize=1')).json().items[0];
    const res = await admin.post('/api/v1/identity/departments', { name: existing.name, creditCode: existing.creditCode, divisionCode: existing.divisionCode, kind: 'other' });
    expect(res.statusCode).toBe(409);
    expect((await auditor.get('/api/v1/audit/events?action=identity.department.create&result=success')).json().total).toBe(before);
    expect((await auditor.get('/api/v1/audit/events?action=identity.department.create&result=failure')).json().items[0].reason).toBe('IDENTITY_CREDIT_CODE_TAKEN');
  });

  it('exports the filtered log as CSV with a BOM and as a real xlsx workbook', async () => {
    const csv = await auditor.get('/api/v1/audit/events/export?format=csv&action=identity.user.create');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toContain('操作人');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.slice(1).every((l) => l.includes('identity.user.create'))).toBe(true);

    const xlsx = await auditor.get('/api/v1/audit/events/export?format=xlsx&action=identity.user.create');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('操作人');
    expect(sheet.rowCount).toBe(lines.length);
  });

  it('refuses edits to the log at the database level', async () => {
    await expect(sql`update audit_events set reason = 'x' where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain', async () => {
    const res = await auditor.post('/api/v1/audit/verifications');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, firstBroken: null });
    expect(res.json().checked).toBeGreaterThan(20);
  });

  it('detects a tampered row and names the first broken record', async () => {
    await tamper(sql`update audit_events set actor_name = '别人' where seq = 5`);
    const res = await auditor.post('/api/v1/audit/verifications');
    expect(res.json()).toMatchObject({ ok: false, checked: 5, firstBroken: { seq: 5, reason: 'HASH_MISMATCH' } });
  });

  it('detects a deleted row', async () => {
    const fresh = await createTestApp();
    try {
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(fresh.db);
      await sql`delete from audit_events where seq = 3`.execute(fresh.db);
      const report = await fresh.services.audit.verify();
      expect(report).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'SEQUENCE_GAP' } });
    } finally {
      await fresh.close();
    }
  });

  it('lets only auditors read, export and verify', async () => {
    const reviewer = await t.login('reviewer');
    expect((await reviewer.get('/api/v1/audit/events')).statusCode).toBe(403);
    expect((await reviewer.get('/api/v1/audit/events/export')).statusCode).toBe(403);
    expect((await reviewer.post('/api/v1/audit/verifications')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/audit/events')).statusCode).toBe(401);
  });
});
