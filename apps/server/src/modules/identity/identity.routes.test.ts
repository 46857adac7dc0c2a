import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('login', () => {
  it('logs in with the right password and returns the user with permissions', async () => {
    const admin = await t.login('admin');
    expect(admin.user.username).toBe('admin');
    expect(admin.user.permissions).toContain('identity.department.manage');
    const me = await admin.get('/api/v1/identity/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.roles).toEqual([{ code: 'platform_admin', name: '系统管理员' }]);
  });
});
