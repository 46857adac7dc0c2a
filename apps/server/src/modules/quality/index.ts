import path from 'node:path';
import type { JobRunner } from '../../kernel/jobs.ts';
import type { ModuleManifest } from '../../kernel/module.ts';
import type { QualityService } from './quality.service.ts';

export { createQualityService, type QualityService, type QualityDeps, type FreshnessSource } from './quality.service.ts';
export { qualityRoutes } from './quality.routes.ts';

const DEPT = ['data_steward', 'chief_data_officer'];

export const qualityModule: ModuleManifest = {
  name: 'quality',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'quality.rule.manage', name: '配置数据质量规则与自定义代码表', defaultRoles: [...DEPT, 'bureau_reviewer'] },
    { code: 'quality.run.execute', name: '执行数据质量检测', defaultRoles: [...DEPT, 'bureau_reviewer'] },
    { code: 'quality.issue.handle', name: '整改、说明本部门问题数据', defaultRoles: DEPT },
    { code: 'quality.issue.review', name: '审核问题数据说明与超期督办', defaultRoles: ['bureau_reviewer'] },
    { code: 'quality.score.read', name: '查看数据质量结果、得分与问题数据', defaultRoles: [...DEPT, 'bureau_reviewer', 'leader'] },
    { code: 'quality.ranking.read', name: '查看部门数据质量排名', defaultRoles: ['bureau_reviewer', 'leader', 'chief_data_officer'] },
    { code: 'quality.settings.manage', name: '维护整改时限与质量参数', defaultRoles: ['bureau_reviewer'] },
  ],
};

/** Job kinds of the quality module: `quality.run-entry` (enqueued by ingest after each load) and the recurring sweep. */
export const QUALITY_JOBS = { runEntry: 'quality.run-entry', sweep: 'quality.sweep' } as const;

/** Registers the quality jobs on the app's runner: runs after ingest, and every `sweepMs` a sweep of stale entries + escalation. */
export function registerQualityJobs(jobs: Pick<JobRunner, 'register' | 'every'>, quality: QualityService, opts: { sweepMs?: number } = {}): void {
  jobs.register(QUALITY_JOBS.runEntry, async (job) => {
    await quality.runs.runFromJob(job.payload);
  });
  jobs.every(QUALITY_JOBS.sweep, opts.sweepMs ?? 15 * 60_000, async () => {
    await quality.sweep();
  });
}
