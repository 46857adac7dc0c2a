import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createAuditService, type AuditService, type AuditEntry } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';

export const auditModule: ModuleManifest = {
  name: 'audit',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'audit.event.read', name: '检索审计日志', defaultRoles: ['auditor'] },
    { code: 'audit.event.export', name: '导出审计日志', defaultRoles: ['auditor'] },
    { code: 'audit.event.verify', name: '校验审计链', defaultRoles: ['auditor'] },
  ],
};
