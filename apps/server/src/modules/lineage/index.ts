import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createLineageService, type LineageService, type LineageContributor, type LineageNode, type LineageEdge, type LineageGraph } from './lineage.service.ts';
export { lineageRoutes } from './lineage.routes.ts';
export { catalogLineage, ingestJobsLineage, registryLineage, sharingLineage, tableNodeId, type IngestJobsForLineage } from './lineage-contributors.ts';

const STAFF = ['platform_admin', 'security_admin', 'auditor', 'bureau_reviewer', 'leader', 'chief_data_officer', 'data_steward', 'approver', 'window_staff'];

export const lineageModule: ModuleManifest = {
  name: 'lineage',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [{ code: 'lineage.read', name: '查看数据血缘', defaultRoles: STAFF }],
};
