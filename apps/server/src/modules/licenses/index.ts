import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createLicenseService, type LicenseService, type LicensesDeps } from './licenses.service.ts';
export { licensesRoutes } from './licenses.routes.ts';
// The interface later modules (cases, 免证办) use: LicenseService['holds'] and LicenseService['fetchForCase'].
export type { LicenseForCase, UseRequest } from './use-license.ts';
export type { FieldDef, ValidityRule } from './license-model.ts';
export type { TypeInput } from './manage-types.ts';
export type { LicensePdf, PdfOptions } from './license-pdf.ts';

const STAFF = ['platform_admin', 'security_admin', 'auditor', 'bureau_reviewer', 'leader', 'chief_data_officer', 'data_steward', 'approver', 'window_staff', 'hotline_agent', 'grid_worker'];

export const licensesModule: ModuleManifest = {
  name: 'licenses',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'licenses.type.read', name: '查看证照目录与电子印章', defaultRoles: STAFF },
    { code: 'licenses.type.manage', name: '维护证照目录', defaultRoles: ['bureau_reviewer'] },
    { code: 'licenses.seal.manage', name: '制作与更换电子印章', defaultRoles: ['bureau_reviewer', 'platform_admin'] },
    { code: 'licenses.trust.manage', name: '维护互认的外地颁发方', defaultRoles: ['bureau_reviewer'] },
    { code: 'licenses.license.issue', name: '制发、变更、延续、吊销本部门证照', defaultRoles: ['approver', 'data_steward'] },
    { code: 'licenses.license.read', name: '查看证照', defaultRoles: ['bureau_reviewer', 'chief_data_officer', 'data_steward', 'approver', 'window_staff'] },
  ],
};
