import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createIdentityService, type IdentityService } from './identity.service.ts';
export { identityRoutes } from './identity.routes.ts';
export { ROLES } from './roles.ts';
export { hashPassword } from './password.ts';
export { createIdentityRepository, type IdentityTables } from './identity.repository.ts';

const STAFF = ['platform_admin', 'security_admin', 'auditor', 'bureau_reviewer', 'leader', 'chief_data_officer', 'data_steward', 'approver', 'window_staff', 'hotline_agent', 'grid_worker'];

export const identityModule: ModuleManifest = {
  name: 'identity',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'identity.department.read', name: '查看部门名录', defaultRoles: STAFF },
    { code: 'identity.department.manage', name: '维护部门', defaultRoles: ['platform_admin'] },
    { code: 'identity.user.read', name: '查看用户', defaultRoles: ['platform_admin', 'security_admin', 'chief_data_officer'] },
    { code: 'identity.user.manage', name: '维护用户账号', defaultRoles: ['platform_admin'] },
    { code: 'identity.user.assign-role', name: '分配角色', defaultRoles: ['security_admin'] },
    { code: 'identity.user.unlock', name: '解锁账号', defaultRoles: ['security_admin'] },
    { code: 'identity.user.reset-password', name: '重置密码', defaultRoles: ['security_admin'] },
    { code: 'identity.role.read', name: '查看角色与权限', defaultRoles: ['platform_admin', 'security_admin', 'auditor'] },
    { code: 'identity.token.manage', name: '管理本人 API 令牌', defaultRoles: [...STAFF, 'developer'] },
  ],
};
