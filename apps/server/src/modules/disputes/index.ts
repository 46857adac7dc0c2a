import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createDisputesService, type DisputesService, type DisputesDeps } from './disputes.service.ts';
export { disputesRoutes } from './disputes.routes.ts';
export type { DisputeMarks, DisputeMark } from './disputes-marks.ts';

const DEPT = ['data_steward', 'chief_data_officer'];

export const disputesModule: ModuleManifest = {
  name: 'disputes',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'disputes.read', name: '查看数据异议', defaultRoles: [...DEPT, 'window_staff', 'approver', 'bureau_reviewer', 'leader'] },
    { code: 'disputes.raise', name: '提出数据异议', defaultRoles: [...DEPT, 'window_staff', 'approver', 'bureau_reviewer'] },
    { code: 'disputes.accept', name: '受理、转交数据异议与督办', defaultRoles: ['bureau_reviewer'] },
    { code: 'disputes.verify', name: '核实本部门数据异议', defaultRoles: DEPT },
    { code: 'disputes.rule.manage', name: '维护异议办理时限', defaultRoles: ['bureau_reviewer'] },
  ],
};
