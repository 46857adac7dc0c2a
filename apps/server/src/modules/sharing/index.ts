import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createSharingService, type SharingService, type SharingDeps } from './sharing.service.ts';
export { sharingRoutes } from './sharing.routes.ts';
export type { ActiveGrant } from './grants.ts';

const DEPT = ['data_steward', 'chief_data_officer'];

export const sharingModule: ModuleManifest = {
  name: 'sharing',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'sharing.request.read', name: '查看共享申请与授权', defaultRoles: [...DEPT, 'approver', 'bureau_reviewer', 'leader'] },
    { code: 'sharing.request.create', name: '提出共享申请、申请协调、撤回、续期', defaultRoles: [...DEPT, 'approver'] },
    { code: 'sharing.request.review', name: '提供方审核共享申请、撤销本部门授权', defaultRoles: DEPT },
    { code: 'sharing.request.check', name: '共享申请符合性审查与督办', defaultRoles: ['bureau_reviewer'] },
    { code: 'sharing.arbitrate', name: '共享争议协调', defaultRoles: ['bureau_reviewer'] },
    { code: 'sharing.demand.create', name: '提出共享需求', defaultRoles: [...DEPT, 'approver'] },
    { code: 'sharing.demand.answer', name: '答复共享需求', defaultRoles: DEPT },
    { code: 'sharing.demand.route', name: '分派共享需求', defaultRoles: ['bureau_reviewer'] },
    { code: 'sharing.stats.read', name: '查看共享统计', defaultRoles: ['bureau_reviewer', 'leader', 'chief_data_officer', 'platform_admin'] },
    { code: 'sharing.rule.manage', name: '维护共享时限与参数', defaultRoles: ['bureau_reviewer'] },
  ],
};
