import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import { ROLES, findRole, resolvePermissions, roleFitsUser } from './roles.ts';

describe('password policy', () => {
  it('accepts three character classes at the minimum length', () => {
    expect(checkPasswordPolicy('Gov#2026a', { minLength: 8 })).toEqual([]);
  });
  it('names every problem', () => {
    expect(checkPasswordPolicy('abc', { minLength: 8 })).toEqual(['长度至少 8 位', '须包含大写字母、小写字母、数字、特殊字符中的至少三种']);
    expect(checkPasswordPolicy('Zhangsan#2026', { minLength: 8, username: 'zhangsan' })).toEqual(['不能包含用户名']);
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password only and stores argon2id', async () => {
    const stored = await hashPassword('Gov#2026abc');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'Gov#2026abc')).toBe(true);
    expect(await verifyPassword(stored, 'Gov#2026abd')).toBe(false);
    expect(await verifyPassword(null, 'Gov#2026abc')).toBe(false);
  });
});

describe('roles', () => {
  it('keeps the three administrators separate (三员分立)', () => {
    const grants = new Map([
      ['platform_admin', ['identity.user.manage']],
      ['security_admin', ['identity.user.assign-role']],
      ['auditor', ['audit.event.read']],
    ]);
    expect([...resolvePermissions(['platform_admin'], grants).keys()]).toEqual(['identity.user.manage']);
    expect(resolvePermissions(['auditor'], grants).has('identity.user.manage')).toBe(false);
  });

  it('takes the widest scope when two roles grant the same permission', () => {
    const grants = new Map([
      ['data_steward', ['x.read']],
      ['bureau_reviewer', ['x.read']],
    ]);
    expect(resolvePermissions(['data_steward'], grants).get('x.read')).toBe('department');
    expect(resolvePermissions(['data_steward', 'bureau_reviewer'], grants).get('x.read')).toBe('all');
  });

  it('gives staff roles to staff only and public roles to citizens and enterprises', () => {
    expect(roleFitsUser(findRole('data_steward')!, 'citizen')).toBe(false);
    expect(roleFitsUser(findRole('developer')!, 'enterprise')).toBe(true);
    expect(roleFitsUser(findRole('developer')!, 'staff')).toBe(false);
    expect(new Set(ROLES.map((r) => r.code)).size).toBe(ROLES.length);
  });
});
