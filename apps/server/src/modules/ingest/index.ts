import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createIngestService, DEFAULT_INGEST_OPTIONS, FREQUENCY_MINUTES, JOB_KIND as INGEST_JOB_KIND, SCHEDULE_KIND as INGEST_SCHEDULE_KIND, QUALITY_KIND } from './ingest.service.ts';
export type { IngestService, IngestDeps, IngestOptions, IngestJobSummary, JobSpecInput as IngestJobInput } from './ingest.service.ts';
export { ingestRoutes } from './ingest.routes.ts';
export { loadIntoTable, type LoadCounts, type LoadTarget } from './load.repository.ts';
export { openSource, type SourceSpec } from './sources.ts';

export const ingestModule: ModuleManifest = {
  name: 'ingest',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'ingest.job.read', name: '查看数据归集任务', defaultRoles: ['data_steward', 'chief_data_officer', 'bureau_reviewer', 'leader'] },
    { code: 'ingest.job.run', name: '为本部门目录配置和运行数据归集', defaultRoles: ['data_steward', 'chief_data_officer'] },
  ],
};
