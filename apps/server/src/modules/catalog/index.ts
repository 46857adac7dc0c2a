import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createCatalogService, type CatalogService, type CatalogDeps } from './catalog.service.ts';
export { catalogRoutes } from './catalog.routes.ts';
export type { SharedEntry, SharedSystem } from './sharing-reads.ts';
export type { MountedTable, MountedColumn, MountedApi, MountedItem } from './mount-resources.ts';
export { API_AUTH } from './catalog.enums.ts';

const STAFF = ['platform_admin', 'security_admin', 'auditor', 'bureau_reviewer', 'leader', 'chief_data_officer', 'data_steward', 'approver', 'window_staff', 'hotline_agent', 'grid_worker'];

export const catalogModule: ModuleManifest = {
  name: 'catalog',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'catalog.entry.read', name: '查看政务数据目录', defaultRoles: STAFF },
    { code: 'catalog.entry.edit', name: '编制本部门目录', defaultRoles: ['data_steward', 'chief_data_officer'] },
    { code: 'catalog.entry.review', name: '审核目录', defaultRoles: ['bureau_reviewer'] },
    { code: 'catalog.system.manage', name: '登记本部门政务信息系统', defaultRoles: ['data_steward', 'chief_data_officer'] },
    { code: 'catalog.stats.read', name: '查看目录统计', defaultRoles: ['bureau_reviewer', 'leader', 'chief_data_officer', 'platform_admin'] },
    { code: 'catalog.rule.manage', name: '维护编目时限规则', defaultRoles: ['bureau_reviewer'] },
    { code: 'catalog.cascade.manage', name: '目录级联（省级上报与导入）', defaultRoles: ['bureau_reviewer'] },
  ],
};
