import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createCockpitService, type CockpitService } from './cockpit.service.ts';
export { cockpitRoutes } from './cockpit.routes.ts';

export const cockpitModule: ModuleManifest = {
  name: 'cockpit',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [{ code: 'cockpit.view', name: '查看驾驶舱', defaultRoles: ['leader', 'platform_admin', 'bureau_reviewer', 'chief_data_officer'] }],
};
