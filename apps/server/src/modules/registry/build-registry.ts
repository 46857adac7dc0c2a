import { randomUUID } from 'node:crypto';
import { systemContext, type RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { RegistryErrors } from './registry.errors.ts';
import { createRegistryRepository, type RegistryKind, type RegistryTables } from './registry.repository.ts';
import { departmentNames, forgetSources, REGISTRIES, repoOf, resolveSources, type RegistryDeps } from './registry-core.ts';

// Building a registry (golden records): every source is staged in long format (newest live row per key, one row per
// item), then one transaction replaces the registry's golden records (ranked per subject and item: authoritative
// source, then the precedence list, then the newest row) and the pairwise comparison counts. Readers see the previous
// build until that transaction commits. Builds run one after another in this process, in the background.

type BuildRow = Omit<RegistryTables['registry_builds'], 'step' | 'total_steps' | 'created_at' | 'sources'> & { step: number; total_steps: number; created_at: Date; sources: unknown };

export interface BuildSource { entryId: string; entryName: string; departmentId: string; departmentName: string; table: string; subjects: number }

export function buildView(b: BuildRow) {
  return {
    id: b.id, registry: b.registry, status: b.status, trigger: b.trigger, step: b.step, totalSteps: b.total_steps, stepLabel: b.step_label,
    percent: b.status === 'succeeded' ? 100 : b.total_steps ? Math.floor((100 * b.step) / b.total_steps) : 0,
    sources: (b.sources ?? []) as unknown as BuildSource[], subjects: b.subjects === null ? null : Number(b.subjects), conflicts: b.conflicts === null ? null : Number(b.conflicts),
    error: b.error, requestedByName: b.requested_by_name, createdAt: b.created_at.toISOString(), startedAt: b.started_at?.toISOString() ?? null,
    finishedAt: b.finished_at?.toISOString() ?? null,
  };
}
export type BuildView = ReturnType<typeof buildView>;

/** A queued/running build older than this, not run by this process, was interrupted (restart) and is marked failed. */
const STALE_MS = 30 * 60_000;

export function createBuilds(deps: RegistryDeps) {
  const mine = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  async function run(id: string, registry: RegistryKind) {
    const repo = repoOf(deps);
    const names = departmentNames(deps);
    const keyItem = REGISTRIES[registry].keyItem;
    try {
      const settings = await repo.settings(registry);
      forgetSources(deps);
      const sources = await resolveSources(deps, registry, settings.precedence);
      const total = sources.length + 2;
      await repo.updateBuild(id, { status: 'running', started_at: new Date(), step: 0, total_steps: total, step_label: '读取数据源' });
      const done: BuildSource[] = [];
      for (const [i, s] of sources.entries()) {
        const subjects = await repo.stageSource(id, s);
        done.push({ entryId: s.entryId, entryName: s.entryName, departmentId: s.departmentId, departmentName: await names(s.departmentId), table: `${s.schemaName}.${s.tableName}`, subjects });
        await repo.updateBuild(id, { step: i + 1, step_label: `已读取 ${s.entryName}（${subjects} 个主体）`, sources: JSON.stringify(done) });
      }
      await repo.updateBuild(id, { step: sources.length + 1, step_label: '生成标准值与比对结果' });
      await repo.prepareStaged();
      const counts = await inTransaction(deps.db, async (trx) => {
        const r = createRegistryRepository(trx);
        const c = await r.writeGolden(registry, id, keyItem);
        await r.writeComparisons(registry, id);
        await r.updateBuild(id, { status: 'succeeded', step: total, step_label: '完成', subjects: c.subjects, conflicts: c.conflicts, finished_at: new Date() });
        return c;
      });
      return counts;
    } catch (err) {
      await repo.updateBuild(id, { status: 'failed', step_label: '失败', error: String((err as Error)?.message ?? err).slice(0, 1000), finished_at: new Date() }).catch(() => undefined);
      return null;
    } finally {
      await repo.clearStage(id).catch(() => undefined);
    }
  }

  async function start(ctx: RequestContext, registry: RegistryKind, trigger: 'manual' | 'schedule' | 'seed') {
    const repo = repoOf(deps);
    const active = await repo.activeBuild(registry);
    if (active) {
      if (mine.has(active.id) || Date.now() - active.created_at.getTime() < STALE_MS) throw RegistryErrors.buildRunning(active.id);
      await repo.failStale(registry, [...mine], '构建被中断（服务重启）');
    }
    const id = randomUUID();
    await inTransaction(deps.db, async (trx) => {
      await createRegistryRepository(trx).insertBuild({ id, registry, trigger, requested_by: ctx.actor?.userId ?? null, requested_by_name: ctx.actor?.displayName ?? null });
      await deps.audit.record(trx, ctx, { action: 'registry.build.start', targetType: 'registry', targetId: registry, details: { buildId: id, trigger } });
    });
    mine.add(id);
    const p = queue.then(() => run(id, registry)).finally(() => mine.delete(id));
    queue = p.catch(() => undefined);
    return { id, done: p };
  }

  return {
    /** Queues a build of the registry and answers at once (409 when one is queued or running). */
    async start(ctx: RequestContext, registry: RegistryKind) {
      const { id } = await start(ctx, registry, 'manual');
      return buildView((await repoOf(deps).build(id)) as BuildRow);
    },
    /** Builds and waits (the scheduled job, the demo seed): skips a registry whose build is already under way. */
    /**
     * The scheduled rebuild: only when the last successful build is older than `maxAgeMs`, so a restart (the kernel's
     * recurring jobs fire at start) does not rebuild what was just built — on PGlite a build holds the one connection.
     */
    async runIfStale(registry: RegistryKind, maxAgeMs: number) {
      const last = await repoOf(deps).lastSucceeded(registry);
      if (last?.finished_at && Date.now() - last.finished_at.getTime() < maxAgeMs) return null;
      return this.runNow(registry);
    },
    async runNow(registry: RegistryKind, trigger: 'schedule' | 'seed' = 'schedule') {
      try {
        const { id, done } = await start(systemContext(`registry-${trigger}`), registry, trigger);
        await done;
        return buildView((await repoOf(deps).build(id)) as BuildRow);
      } catch (err) {
        if ((err as { code?: string }).code === 'REGISTRY_BUILD_RUNNING') return null;
        throw err;
      }
    },
    async get(id: string) {
      const row = await repoOf(deps).build(id);
      if (!row) throw RegistryErrors.buildNotFound(id);
      return buildView(row as BuildRow);
    },
    async list(registry: RegistryKind, limit = 20) {
      return (await repoOf(deps).builds(registry, limit)).map((b) => buildView(b as BuildRow));
    },
    /** Resolves when every build queued in this process has finished (tests, shutdown). */
    whenIdle: () => queue.then(() => undefined),
  };
}
