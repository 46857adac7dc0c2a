import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { portalRoutes } from './portal.routes.ts';

export const portalModule: ModuleManifest = { name: 'portal', migrationsDir: path.join(import.meta.dirname, 'migrations'), permissions: [] };
