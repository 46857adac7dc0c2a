import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createRegistryService, type RegistryService } from './registry.service.ts';
export { registryRoutes } from './registry.routes.ts';
export type { RegistryDeps } from './registry-core.ts';
export type { RegistryKind } from './registry.repository.ts';
export type { BuildView } from './build-registry.ts';

export const registryModule: ModuleManifest = {
  name: 'registry',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'registry.read', name: '查看基础库概况与构建记录', defaultRoles: ['bureau_reviewer', 'leader', 'chief_data_officer', 'data_steward', 'platform_admin'] },
    { code: 'registry.manage', name: '构建基础库、设置取值优先级', defaultRoles: ['bureau_reviewer'] },
    {
      code: 'registry.profile.read', name: '查阅一人一档 / 一企一档（须说明用途）',
      defaultRoles: ['bureau_reviewer', 'leader', 'chief_data_officer', 'data_steward', 'approver', 'window_staff', 'citizen', 'enterprise'],
    },
    { code: 'registry.profile.read_sensitive', name: '查阅档案中的敏感信息明文', defaultRoles: ['bureau_reviewer'] },
    { code: 'registry.compare.read', name: '查看多源比对', defaultRoles: ['bureau_reviewer', 'leader', 'chief_data_officer', 'data_steward'] },
  ],
};
