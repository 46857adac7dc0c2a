import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;
let secadmin: Client;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: 3 });
  admin = await t.login('admin');
  secadmin = await t.login('secadmin');
});
afterAll(async () => {
  await t?.close();
});

const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
const lastAudit = async (action: string) =>
  (await sql<{ result: string; reason: string | null; actor_id: string | null; details: Record<string, unknown> }>`
    select result, reason, actor_id, details from audit_events where action = ${action} order by seq desc limit 1`.execute(t.db)).rows[0];

async function departmentIdOf(client: Client, name: string): Promise<string> {
  const res = await client.get(`/api/v1/identity/departments?q=${encodeURIComponent(name)}`);
  return res.json().items[0].id;
}

describe('sessions', () => {
  it('sets an HttpOnly SameSite session cookie and returns the user with permissions', async () => {
    const res = await t.anonymous.post('/api/v1/identity/sessions', { username: 'admin', password: 'Shuzheng@2026' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json().user.permissions).toContain('identity.department.manage');
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('rejects a wrong password with 401 and records the failure', async () => {
    const res = await t.anonymous.post('/api/v1/identity/sessions', { username: 'reviewer', password: 'wrong-Password1' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('IDENTITY_INVALID_CREDENTIALS');
    const audit = await lastAudit('identity.session.create');
    expect(audit).toMatchObject({ result: 'failure', reason: 'IDENTITY_INVALID_CREDENTIALS' });
  });

  it('gives an unknown user the same answer as a wrong password', async () => {
    const res = await t.anonymous.post('/api/v1/identity/sessions', { username: 'nobody', password: 'x' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('用户名或密码错误');
  });

  it('locks the account after repeated failures, even against the right password, until unlocked', async () => {
    for (let i = 0; i < 2; i++) expect((await t.anonymous.post('/api/v1/identity/sessions', { username: 'hotline', password: 'bad' })).statusCode).toBe(401);
    const locked = await t.anonymous.post('/api/v1/identity/sessions', { username: 'hotline', password: 'bad' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('IDENTITY_ACCOUNT_LOCKED');
    expect((await t.anonymous.post('/api/v1/identity/sessions', { username: 'hotline', password: 'Shuzheng@2026' })).statusCode).toBe(423);

    const users = await secadmin.get('/api/v1/identity/users?status=locked');
    const hotline = users.json().items.find((u: { username: string }) => u.username === 'hotline');
    expect(hotline.status).toBe('locked');
    expect((await secadmin.post(`/api/v1/identity/users/${hotline.id}/unlock`)).json().status).toBe('active');
    expect((await t.anonymous.post('/api/v1/identity/sessions', { username: 'hotline', password: 'Shuzheng@2026' })).statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const leader = await t.login('leader');
    expect((await leader.delete('/api/v1/identity/sessions/current')).statusCode).toBe(204);
    expect((await leader.get('/api/v1/identity/me')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/identity/departments', headers: { cookie: `sz_session=${admin.cookie}` },
      payload: { name: '某部门', creditCode: '11441500MB2C00000X', divisionCode: '441500', kind: 'municipal' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('IDENTITY_CSRF_INVALID');
  });

  it('issues API tokens that work as bearer tokens until revoked', async () => {
    const steward = await t.login('gaj_steward');
    const created = await steward.post('/api/v1/identity/tokens', { name: '数据同步脚本', days: 30 });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const asToken = await t.app.inject({ method: 'GET', url: '/api/v1/identity/me', headers: { authorization: `Bearer ${token}` } });
    expect(asToken.json().user.username).toBe('gaj_steward');
    expect((await steward.get('/api/v1/identity/tokens')).json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await steward.delete(`/api/v1/identity/tokens/${id}`)).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/identity/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('requires a login for protected routes', async () => {
    const res = await t.anonymous.get('/api/v1/identity/users');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'IDENTITY_UNAUTHENTICATED', message: '请先登录' });
  });
});

describe('departments', () => {
  const valid = { name: '汕尾市数据资源测试中心', creditCode: '12441500MB0000000A', divisionCode: '441500', kind: 'other' };

  it('creates a department with a valid GB 32100 code and records it in the audit log', async () => {
    const { generateCreditCode } = await import('@shuzheng/standards');
    const creditCode = generateCreditCode({ authority: '1', orgType: '2', divisionCode: '441500', orgCode: 'MB000001' });
    const res = await admin.post('/api/v1/identity/departments', { ...valid, creditCode });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: valid.name, divisionName: '广东省汕尾市', userCount: 0 });
    const audit = await lastAudit('identity.department.create');
    expect(audit).toMatchObject({ result: 'success', actor_id: admin.user.id });
    const tree = (await admin.get('/api/v1/identity/departments/tree')).json();
    expect(JSON.stringify(tree)).toContain(valid.name);
  });

  it('rejects a credit code with a wrong check character with 400, the field path, and nothing written', async () => {
    const before = await count('identity_departments');
    const res = await admin.post('/api/v1/identity/departments', { ...valid, name: '校验失败部门', creditCode: '11441500MB2C00000X' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('body.creditCode');
    expect(await count('identity_departments')).toBe(before);
  });

  it('lists every schema problem at once in Chinese', async () => {
    const res = await admin.post('/api/v1/identity/departments', { name: 'x', divisionCode: '44', kind: 'nope' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['body.creditCode', 'body.divisionCode', 'body.kind', 'body.name']);
    expect(res.json().error.message).toContain('必填');
  });

  it('refuses a duplicate credit code with 409', async () => {
    const existing = (await admin.get('/api/v1/identity/departments?pageSize=1')).json().items[0];
    const res = await admin.post('/api/v1/identity/departments', { ...valid, name: '重复代码部门', creditCode: existing.creditCode });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('IDENTITY_CREDIT_CODE_TAKEN');
  });

  it('refuses an unknown division and a parent that would make a cycle', async () => {
    const unknown = await admin.post('/api/v1/identity/departments', { ...valid, name: '未知区划部门', divisionCode: '449999' });
    expect(unknown.statusCode).toBe(400);
    const bureau = await departmentIdOf(admin, '政务服务数据管理局');
    const tree = (await admin.get('/api/v1/identity/departments/tree')).json();
    const child = tree.find((n: { id: string }) => n.id === bureau).children[0];
    const cycle = await admin.patch(`/api/v1/identity/departments/${bureau}`, { parentId: child.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('IDENTITY_DEPARTMENT_CYCLE');
  });

  it('answers 404 for a department that does not exist', async () => {
    const res = await admin.get('/api/v1/identity/departments/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });

  it('forbids a data steward from creating departments and records the refusal', async () => {
    const steward = await t.login('mzj_steward');
    const res = await steward.post('/api/v1/identity/departments', valid);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('IDENTITY_FORBIDDEN');
    const audit = await lastAudit('identity.department.create');
    expect(audit).toMatchObject({ result: 'denied', reason: 'IDENTITY_FORBIDDEN', actor_id: steward.user.id });
  });
});

describe('users and roles (三员分立)', () => {
  it('lets the system administrator create an account but not hand out roles', async () => {
    const dept = await departmentIdOf(admin, '公安局');
    const created = await admin.post('/api/v1/identity/users', { username: 'gaj_new', displayName: '新同事', kind: 'staff', departmentId: dept, password: 'Gov#2026abc' });
    expect(created.statusCode).toBe(201);
    expect(created.json().roles).toEqual([]);
    const withRoles = await admin.post('/api/v1/identity/users', { username: 'gaj_new2', displayName: '新同事2', kind: 'staff', departmentId: dept, roles: ['data_steward'], password: 'Gov#2026abc' });
    expect(withRoles.statusCode).toBe(403);
    expect(withRoles.json().error.code).toBe('IDENTITY_ROLE_ASSIGNMENT_FORBIDDEN');

    const assigned = await secadmin.put(`/api/v1/identity/users/${created.json().id}/roles`, { roles: ['data_steward'] });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().roles).toEqual([{ code: 'data_steward', name: '数据专员' }]);
  });

  it('does not let the security administrator change their own roles', async () => {
    const res = await secadmin.put(`/api/v1/identity/users/${secadmin.user.id}/roles`, { roles: ['platform_admin', 'security_admin'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('IDENTITY_SELF_ROLE_CHANGE');
  });

  it('refuses roles that do not fit the kind of user', async () => {
    const citizen = (await admin.get('/api/v1/identity/users?kind=citizen')).json().items[0];
    const res = await secadmin.put(`/api/v1/identity/users/${citizen.id}/roles`, { roles: ['platform_admin'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('body.roles.0');
  });

  it('enforces the password policy with the reasons', async () => {
    const dept = await departmentIdOf(admin, '民政局');
    const res = await admin.post('/api/v1/identity/users', { username: 'weakling', displayName: '弱密码', kind: 'staff', departmentId: dept, password: 'password' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IDENTITY_WEAK_PASSWORD');
    expect(res.json().error.details.fields[0].path).toBe('body.password');
  });

  it('refuses a citizen account with an invalid ID number and writes nothing', async () => {
    const before = await count('identity_users');
    const persons = await count('identity_persons');
    const res = await admin.post('/api/v1/identity/users', { username: 'badid', displayName: '张三', kind: 'citizen', idNumber: '110105194912310021', password: 'Gov#2026abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('body.idNumber');
    expect(await count('identity_users')).toBe(before);
    expect(await count('identity_persons')).toBe(persons);
  });

  it('creates a citizen account with a valid ID number, registering the person and masking the number', async () => {
    const res = await admin.post('/api/v1/identity/users', { username: 'zhangsan', displayName: '张三', kind: 'citizen', idNumber: '11010519491231002X', password: 'Gov#2026abc' });
    expect(res.statusCode).toBe(201);
    expect(res.json().roles.map((r: { code: string }) => r.code)).toEqual(['citizen']);
    expect(res.json().subjectCode).not.toContain('19491231');
  });

  it('refuses a duplicate username with 409', async () => {
    const dept = await departmentIdOf(admin, '民政局');
    const res = await admin.post('/api/v1/identity/users', { username: 'admin', displayName: '重名', kind: 'staff', departmentId: dept, password: 'Gov#2026abc' });
    expect(res.statusCode).toBe(409);
  });

  it('shows a department-scoped chief data officer only the users of their own department', async () => {
    const cdo = await t.login('gaj_cdo');
    const list = (await cdo.get('/api/v1/identity/users?pageSize=100')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(new Set(list.items.map((u: { departmentId: string }) => u.departmentId))).toEqual(new Set([cdo.user.departmentId]));
    const other = (await admin.get('/api/v1/identity/users?q=mzj_steward')).json().items[0];
    expect((await cdo.get(`/api/v1/identity/users/${other.id}`)).statusCode).toBe(404);
  });

  it('disabling a user ends their sessions and blocks login', async () => {
    const grid = await t.login('grid');
    const res = await admin.patch(`/api/v1/identity/users/${grid.user.id}`, { status: 'disabled' });
    expect(res.json().status).toBe('disabled');
    expect((await grid.get('/api/v1/identity/me')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/v1/identity/sessions', { username: 'grid', password: 'Shuzheng@2026' })).json().error.code).toBe('IDENTITY_ACCOUNT_DISABLED');
  });

  it('lets a user change their own password only with the current one', async () => {
    const window = await t.login('window');
    expect((await window.post('/api/v1/identity/me/password', { currentPassword: 'nope', newPassword: 'New#Pass2026' })).statusCode).toBe(400);
    expect((await window.post('/api/v1/identity/me/password', { currentPassword: 'Shuzheng@2026', newPassword: 'New#Pass2026' })).statusCode).toBe(204);
    expect((await t.anonymous.post('/api/v1/identity/sessions', { username: 'window', password: 'New#Pass2026' })).statusCode).toBe(200);
  });

  it('keeps the auditor out of administration and the administrator out of the audit log', async () => {
    const auditor = await t.login('auditor');
    expect((await auditor.post('/api/v1/identity/departments', {})).statusCode).toBe(403);
    expect((await admin.get('/api/v1/audit/events')).statusCode).toBe(403);
    expect((await auditor.get('/api/v1/audit/events')).statusCode).toBe(200);
  });

  it('keeps citizens out of staff routes', async () => {
    const citizen = await t.login('citizen');
    expect(citizen.user.permissions).not.toContain('identity.department.read');
    expect((await citizen.get('/api/v1/identity/departments')).statusCode).toBe(403);
  });

  it('lists roles with their permissions and scopes', async () => {
    const roles = (await secadmin.get('/api/v1/identity/roles')).json().items;
    const auditor = roles.find((r: { code: string }) => r.code === 'auditor');
    expect(auditor.permissions).toEqual(expect.arrayContaining(['audit.event.read', 'audit.event.verify']));
    expect(roles.find((r: { code: string }) => r.code === 'data_steward').scope).toBe('department');
  });
});

describe('divisions', () => {
  it('lists the counties of the demo city and their towns', async () => {
    const counties = (await t.anonymous.get('/api/v1/identity/divisions?parent=441500')).json().items;
    expect(counties.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['城区', '海丰县', '陆河县', '陆丰市']));
    const towns = (await t.anonymous.get('/api/v1/identity/divisions?parent=441521')).json().items;
    expect(towns.length).toBeGreaterThan(10);
    expect(towns[0].level).toBe('town');
  });
});
