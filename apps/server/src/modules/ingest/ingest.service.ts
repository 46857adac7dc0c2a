import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type ExcelJS from 'exceljs';
import { CSV_BOM, csvLine, shanghaiDate } from '@shuzheng/standards';
import { scopeOf, systemContext, type RequestContext } from '../../kernel/context.ts';
import { dataTableSpecProblems, ensureDataTable, isDataIdent } from '../../kernel/data-tables.ts';
import { inTransaction, type Database } from '../../kernel/db.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import type { JobRunner } from '../../kernel/jobs.ts';
import type { Page } from '../../kernel/schemas.ts';
import { loadExcel } from '../../kernel/spreadsheet.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService, MountedTable } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { IngestErrors } from './ingest.errors.ts';
import { createIngestRepository, type DefinitionRow, type JobFilter, type JobRow } from './ingest.repository.ts';
import { dropStaging, loadIntoTable, type LoadMode, type LoadTarget } from './load.repository.ts';
import { openLineageEvent } from './openlineage.ts';
import { describeSource, maskedSource, openSource, PARSE_ERROR, sealSource, unsealSource, type ResolvedFile, type SourceSpec } from './sources.ts';
import { compileRow, defaultKeyColumns, suggestMapping, type Mapping, type TargetColumn } from './validate.ts';

export const READ = 'ingest.job.read';
export const RUN = 'ingest.job.run';
export const JOB_KIND = 'ingest.run';
export const SCHEDULE_KIND = 'ingest.schedule';
export const QUALITY_KIND = 'quality.run-entry';

/** Minutes between scheduled runs for a catalog update frequency (不定期 cannot be scheduled). */
export const FREQUENCY_MINUTES: Record<string, number> = {
  realtime: 15, daily: 1440, weekly: 10_080, monthly: 43_200, quarterly: 129_600, half_yearly: 262_800, yearly: 525_600,
};

export interface IngestOptions {
  /** rejected rows stored per job (more are counted, not stored) */
  maxRejectsStored: number;
  /** per request of a source (HTTP page, PostgreSQL statement × 20) */
  sourceTimeoutMs: number;
  maxUploadBytes: number;
  /** uploads older than this are removed (when no job uses them) */
  uploadRetentionHours: number;
  /** OpenLineage namespace and database name of the platform's data tables (`postgres://host:port`, `shuzheng`) */
  lineageNamespace: string;
  lineageDatabase: string;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  maxRejectsStored: 100_000, sourceTimeoutMs: 30_000, maxUploadBytes: 8 * 1024 ** 3, uploadRetentionHours: 72,
  lineageNamespace: 'postgres://localhost:5432', lineageDatabase: 'shuzheng',
};

export interface IngestDeps {
  db: Kysely<unknown>;
  database: Pick<Database, 'db' | 'copyFrom'>;
  audit: Pick<AuditService, 'record'>;
  catalog: Pick<CatalogService, 'mounts' | 'forSharing' | 'search'>;
  departments: Pick<IdentityService['departments'], 'get'>;
  jobs: Pick<JobRunner, 'enqueue'>;
  dataDir: string;
  /** Platform master key (hex): seals sources' secrets (connection strings, URLs, headers) at rest. */
  masterKey: string;
  options?: Partial<IngestOptions>;
  today?: () => string;
}

export type JobOptions = { softDeleteMissing?: boolean | undefined; deleteFlagColumn?: string | null | undefined };

export interface JobSpecInput {
  entryId: string;
  name?: string | undefined;
  source: SourceSpec;
  mapping: Mapping;
  keyColumns?: string[] | undefined;
  mode: LoadMode;
  options?: JobOptions | undefined;
}

export interface DefinitionInput extends JobSpecInput {
  name: string;
  schedule?: { kind: 'entry_frequency' | 'interval'; minutes?: number | undefined } | null | undefined;
  enabled?: boolean | undefined;
}

/** What lineage and quality read of a job (see jobs.forEntry). */
export interface IngestJobSummary {
  jobId: string;
  definitionId: string | null;
  name: string;
  status: JobRow['status'];
  mode: LoadMode;
  sourceKind: JobRow['source_kind'];
  sourceDescription: string;
  schemaName: string;
  tableName: string;
  counts: { read: number; inserted: number; updated: number; deleted: number; rejected: number };
  createdBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

class Cancelled extends Error {
  constructor() {
    super('任务已取消');
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function createIngestService(deps: IngestDeps) {
  const opts: IngestOptions = { ...DEFAULT_INGEST_OPTIONS, ...deps.options };
  const repo = (db: Kysely<unknown> = deps.db) => createIngestRepository(db);
  const sourceOf = (row: { source: unknown }) => unsealSource(deps.masterKey, row.source);
  const today = () => (deps.today ?? (() => shanghaiDate(new Date())))();
  const uploadDir = path.join(deps.dataDir, 'ingest-uploads');
  const departmentNames = new Map<string, string>();
  async function departmentName(id: string) {
    if (!departmentNames.has(id)) departmentNames.set(id, await deps.departments.get(id).then((d) => d.name, () => id));
    return departmentNames.get(id)!;
  }

  // ── who may do what ────────────────────────────────────────────────────
  const readScope = (ctx: RequestContext) => (scopeOf(ctx, READ) === 'all' ? { departmentId: null } : { departmentId: ctx.actor?.departmentId ?? '00000000-0000-0000-0000-000000000000' });
  const sees = (ctx: RequestContext, departmentId: string) => scopeOf(ctx, READ) === 'all' || scopeOf(ctx, RUN) === 'all' || (!!ctx.actor?.departmentId && ctx.actor.departmentId === departmentId);
  const mayRun = (ctx: RequestContext, departmentId: string) => scopeOf(ctx, RUN) === 'all' || (scopeOf(ctx, RUN) != null && !!ctx.actor?.departmentId && ctx.actor.departmentId === departmentId);

  /** The entry, if the caller may see it (read) or run ingest for it (run); 404 otherwise, as if it did not exist. */
  async function entryFor(ctx: RequestContext, entryId: string, need: 'read' | 'run') {
    const owner = await deps.catalog.forSharing.entryOwner(entryId);
    if (!owner || !owner.departmentId || owner.status === 'withdrawn') throw IngestErrors.entryNotFound(entryId);
    if (need === 'run' ? !mayRun(ctx, owner.departmentId) : !sees(ctx, owner.departmentId)) throw IngestErrors.entryNotFound(entryId);
    return { ...owner, departmentId: owner.departmentId };
  }

  async function targetOf(entryId: string, keyColumns?: string[]): Promise<{ mount: MountedTable; target: LoadTarget }> {
    const mount = await deps.catalog.mounts.tableFor(entryId);
    if (!mount) throw IngestErrors.noTableMount(entryId);
    if (!mount.schemaName) throw IngestErrors.tableInvalid(['挂接的库表没有模式名（数据表须在部门自己的模式中，不能在 public）']);
    const columns: TargetColumn[] = mount.columns.map((c) => ({ column: c.column, itemCodeName: c.itemCodeName, itemName: c.itemName, dataType: c.dataType }));
    const keys = keyColumns?.length ? keyColumns : defaultKeyColumns(columns);
    const problems = dataTableSpecProblems({ schemaName: mount.schemaName, tableName: mount.tableName, columns, keyColumns: keys });
    if (problems.length) throw IngestErrors.tableInvalid(problems);
    return { mount, target: { schemaName: mount.schemaName, tableName: mount.tableName, columns, keyColumns: keys } };
  }

  async function resolveFile(ctx: RequestContext | null, spec: SourceSpec, departmentId: string): Promise<ResolvedFile | null> {
    if (spec.kind !== 'file') return null;
    const up = await repo().upload(spec.uploadId);
    if (!up || (up.department_id !== departmentId && (ctx === null || scopeOf(ctx, RUN) !== 'all')) || !fs.existsSync(up.file_path)) throw IngestErrors.uploadNotFound(spec.uploadId);
    return { path: up.file_path, name: up.file_name, size: Number(up.file_size) };
  }

  /** Every problem of a job spec against its target, at once. */
  function specProblems(input: JobSpecInput, target: LoadTarget): FieldProblem[] {
    const p: FieldProblem[] = [];
    const names = new Set(target.columns.map((c) => c.column));
    const mapped = Object.entries(input.mapping ?? {}).filter(([, s]) => !!s);
    if (!mapped.length) p.push({ path: 'body.mapping', message: '至少映射一个字段' });
    for (const [col] of mapped) if (!names.has(col)) p.push({ path: `body.mapping.${col}`, message: `目标字段 ${col} 不在挂接的库表中` });
    for (const k of target.keyColumns) {
      if (!names.has(k)) p.push({ path: 'body.keyColumns', message: `主键字段 ${k} 不在挂接的库表中` });
      else if (!input.mapping[k]) p.push({ path: `body.mapping.${k}`, message: `主键字段 ${k} 必须映射（必填项）` });
    }
    if (input.mode === 'upsert' && !target.keyColumns.length) p.push({ path: 'body.keyColumns', message: '增量更新需要主键字段（如公民身份号码、统一社会信用代码）' });
    if (input.options?.softDeleteMissing && input.mode !== 'upsert') p.push({ path: 'body.options.softDeleteMissing', message: '“未出现的记录标记删除”只用于增量更新' });
    const s = input.source;
    if (s.kind === 'postgres') {
      try {
        const u = new URL(s.connectionString);
        if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error();
      } catch {
        p.push({ path: 'body.source.connectionString', message: '连接串应为 postgres://用户:密码@主机:端口/库名' });
      }
      if (!/^\s*(select|with|table|values)\b/i.test(s.query)) p.push({ path: 'body.source.query', message: '查询须为只读的 SELECT 语句' });
      if (/;\s*\S/.test(s.query)) p.push({ path: 'body.source.query', message: '查询只能是一条语句' });
    } else if (s.kind === 'http') {
      try {
        if (!/^https?:$/.test(new URL(s.url).protocol)) throw new Error();
      } catch {
        p.push({ path: 'body.source.url', message: '接口地址应为 http(s):// 开头的 URL' });
      }
    }
    return p;
  }

  function jobView(j: JobRow, departmentName: string | null) {
    return {
      id: j.id, definitionId: j.definition_id, entryId: j.entry_id, departmentId: j.department_id, departmentName, name: j.name,
      source: maskedSource(sourceOf(j)), sourceKind: j.source_kind, sourceDescription: j.source_description,
      mapping: j.mapping as Mapping, keyColumns: j.key_columns, mode: j.mode, options: j.options as JobOptions,
      schemaName: j.schema_name, tableName: j.table_name, status: j.status, trigger: j.trigger, cancelRequested: j.cancel_requested,
      counts: { read: Number(j.rows_read), inserted: Number(j.rows_inserted), updated: Number(j.rows_updated), deleted: Number(j.rows_deleted), rejected: Number(j.rows_rejected) },
      progress: {
        percent: j.progress_percent, rowsPerSecond: j.rows_per_second, etaSeconds: j.eta_seconds,
        bytesRead: Number(j.bytes_read), bytesTotal: j.bytes_total === null ? null : Number(j.bytes_total), pagesRead: j.pages_read, rowsTotal: j.rows_total === null ? null : Number(j.rows_total),
      },
      error: j.error, createdBy: j.created_by_name, createdAt: j.created_at.toISOString(), startedAt: iso(j.started_at), finishedAt: iso(j.finished_at),
      durationSeconds: j.started_at ? ((j.finished_at ?? new Date()).getTime() - j.started_at.getTime()) / 1000 : null,
    };
  }
  const viewJob = async (j: JobRow) => jobView(j, await departmentName(j.department_id));

  function definitionView(d: DefinitionRow, departmentName: string | null) {
    return {
      id: d.id, entryId: d.entry_id, departmentId: d.department_id, departmentName, name: d.name, source: maskedSource(sourceOf(d)),
      sourceKind: sourceOf(d).kind, sourceDescription: describeSource(sourceOf(d)),
      mapping: d.mapping as Mapping, keyColumns: d.key_columns, mode: d.mode, options: d.options as JobOptions,
      schedule: d.schedule_kind ? { kind: d.schedule_kind, minutes: d.schedule_minutes } : null, nextRunAt: iso(d.next_run_at), enabled: d.enabled,
      createdAt: d.created_at.toISOString(), updatedAt: d.updated_at.toISOString(),
    };
  }

  function summary(j: JobRow): IngestJobSummary {
    return {
      jobId: j.id, definitionId: j.definition_id, name: j.name, status: j.status, mode: j.mode, sourceKind: j.source_kind, sourceDescription: j.source_description,
      schemaName: j.schema_name, tableName: j.table_name,
      counts: { read: Number(j.rows_read), inserted: Number(j.rows_inserted), updated: Number(j.rows_updated), deleted: Number(j.rows_deleted), rejected: Number(j.rows_rejected) },
      createdBy: j.created_by_name, startedAt: iso(j.started_at), finishedAt: iso(j.finished_at),
    };
  }

  async function jobFor(ctx: RequestContext, id: string) {
    const j = await repo().job(id);
    if (!j || !sees(ctx, j.department_id)) throw IngestErrors.jobNotFound(id);
    return j;
  }

  /** Inserts a queued job and its kernel job in the caller's transaction. */
  async function insertJob(trx: Kysely<unknown>, ctx: RequestContext, spec: JobSpecInput & { name: string }, target: LoadTarget, departmentId: string,
    file: ResolvedFile | null, extra: { definitionId: string | null; trigger: 'manual' | 'schedule'; createdBy: string | null; createdByName: string | null }) {
    const r = repo(trx);
    const active = await r.activeJobFor(spec.entryId);
    if (active) throw IngestErrors.jobActive(active.id);
    const id = randomUUID();
    await r.insertJob({
      id, definition_id: extra.definitionId, entry_id: spec.entryId, department_id: departmentId, name: spec.name, source: sealSource(deps.masterKey, spec.source), source_kind: spec.source.kind,
      source_description: describeSource(spec.source, file), mapping: spec.mapping, key_columns: target.keyColumns, mode: spec.mode, options: spec.options ?? {},
      schema_name: target.schemaName, table_name: target.tableName, trigger: extra.trigger, bytes_total: file?.size ?? null,
      created_by: extra.createdBy, created_by_name: extra.createdByName, rows_total: null, progress_percent: null, rows_per_second: null, eta_seconds: null,
      error: null, started_at: null, finished_at: null,
    });
    await deps.jobs.enqueue(trx, JOB_KIND, { jobId: id }, { maxAttempts: 2 });
    await deps.audit.record(trx as never, ctx, {
      action: 'ingest.job.create', targetType: 'catalog-entry', targetId: spec.entryId,
      details: { jobId: id, mode: spec.mode, source: describeSource(spec.source, file), trigger: extra.trigger, definitionId: extra.definitionId },
    });
    return id;
  }

  // ── the job itself (kernel job `ingest.run`) ───────────────────────────
  async function runJob(jobId: string): Promise<void> {
    const r = repo();
    const job = await r.job(jobId);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    const tag = jobId.replace(/-/g, '').slice(0, 16);
    if (job.cancel_requested) {
      await r.updateJob(jobId, { status: 'cancelled', finished_at: new Date(), error: '任务已取消' });
      return;
    }
    // A second attempt after a crash starts over: earlier progress and rejects are discarded.
    await r.deleteRejects(jobId);
    await r.updateJob(jobId, { status: 'running', started_at: new Date(), finished_at: null, error: null, rows_read: 0, rows_rejected: 0, bytes_read: 0, pages_read: 0, progress_percent: 0 });
    const started = Date.now();
    let schemaName = job.schema_name;
    try {
      const { target } = await targetOf(job.entry_id, job.key_columns);
      schemaName = target.schemaName;
      await ensureDataTable(deps.db, target);
      const spec = sourceOf(job);
      const file = await resolveFile(null, spec, job.department_id);
      const source = openSource(spec, file, { timeoutMs: opts.sourceTimeoutMs });
      const options = job.options as JobOptions;
      let stored = 0;
      let pending: { job_id: string; row_no: number; reasons: unknown; data: unknown }[] = [];
      const flush = async () => {
        const batch = pending;
        pending = [];
        await r.insertRejects(batch);
      };
      const counts = await loadIntoTable({
        database: deps.database, target, mapping: job.mapping as Mapping, mode: job.mode, softDeleteMissing: options.softDeleteMissing,
        deleteFlagColumn: options.deleteFlagColumn, tag, source, today: today(),
        async onReject(rowNo, problems, record) {
          if (stored >= opts.maxRejectsStored) return;
          stored++;
          const { [PARSE_ERROR]: _omit, ...data } = record;
          pending.push({ job_id: jobId, row_no: rowNo, reasons: problems, data });
          if (pending.length >= 500) await flush();
        },
        async onTick(t) {
          await flush();
          const fraction = t.bytesTotal ? t.bytesRead / t.bytesTotal : t.rowsTotal ? t.read / t.rowsTotal : null;
          const seconds = t.elapsedMs / 1000;
          const cancel = await r.progress(jobId, {
            rows_read: t.read, rows_rejected: t.rejected, bytes_read: t.bytesRead, pages_read: t.pagesRead, rows_total: t.rowsTotal,
            progress_percent: fraction === null ? null : Math.min(99.9, Math.round(fraction * 1000) / 10),
            rows_per_second: seconds > 0 ? Math.round(t.read / seconds) : null,
            eta_seconds: fraction && fraction > 0 ? Math.round((seconds * (1 - fraction)) / fraction) : null,
          });
          if (cancel) throw new Cancelled();
        },
        async beforeCommit() {
          await flush();
          if (await r.cancelRequested(jobId)) throw new Cancelled();
        },
      });
      await inTransaction(deps.db, async (trx) => {
        await repo(trx).updateJob(jobId, {
          status: 'succeeded', finished_at: new Date(), rows_read: counts.read, rows_inserted: counts.inserted, rows_updated: counts.updated,
          rows_deleted: counts.deleted, rows_rejected: counts.rejected, progress_percent: 100, eta_seconds: 0,
          rows_per_second: Math.round(counts.read / Math.max(0.001, (Date.now() - started) / 1000)),
        });
        await deps.jobs.enqueue(trx, QUALITY_KIND, { entryId: job.entry_id, trigger: 'ingest', ingestJobId: jobId }, { dedupeKey: `quality:${job.entry_id}` });
        await deps.audit.record(trx as never, systemContext(`ingest-${jobId}`), {
          action: 'ingest.job.finish', targetType: 'catalog-entry', targetId: job.entry_id,
          details: { jobId, status: 'succeeded', read: counts.read, inserted: counts.inserted, updated: counts.updated, deleted: counts.deleted, rejected: counts.rejected },
        });
      });
    } catch (err) {
      await dropStaging(deps.db, schemaName, tag).catch(() => {});
      const cancelled = err instanceof Cancelled;
      const message = cancelled ? '任务已取消，原有数据未改变' : `${err instanceof Error ? err.message : String(err)}（原有数据未改变）`;
      await inTransaction(deps.db, async (trx) => {
        await repo(trx).updateJob(jobId, { status: cancelled ? 'cancelled' : 'failed', finished_at: new Date(), error: message.slice(0, 2000), eta_seconds: null });
        await deps.audit.record(trx as never, systemContext(`ingest-${jobId}`), {
          action: 'ingest.job.finish', targetType: 'catalog-entry', targetId: job.entry_id, result: 'failure', reason: message.slice(0, 500), details: { jobId, status: cancelled ? 'cancelled' : 'failed' },
        });
      });
    }
  }

  // ── schedules (kernel job `ingest.schedule`, recurring) ────────────────
  async function scheduleTick(now = new Date()): Promise<number> {
    let started = 0;
    for (const d of await repo().dueDefinitions(now)) {
      const next = new Date(now.getTime() + (d.schedule_minutes ?? 1440) * 60_000);
      try {
        const { target } = await targetOf(d.entry_id, d.key_columns);
        await inTransaction(deps.db, async (trx) => {
          await repo(trx).updateDefinition(d.id, { next_run_at: next });
          await insertJob(trx, systemContext(`ingest-schedule-${d.id}`), { ...specOf(d), name: d.name }, target, d.department_id, null, {
            definitionId: d.id, trigger: 'schedule', createdBy: d.created_by, createdByName: '定时调度',
          });
        });
        started++;
      } catch {
        // An entry whose mount went away, or a job still running: try again at the next slot.
        await repo().updateDefinition(d.id, { next_run_at: next });
      }
    }
    // Old uploads no job uses any more.
    for (const u of await repo().oldUploads(new Date(now.getTime() - opts.uploadRetentionHours * 3_600_000))) {
      if (await repo().uploadInUse(u.id)) continue;
      fs.rmSync(u.file_path, { force: true });
      await repo().deleteUpload(u.id);
    }
    return started;
  }

  const specOf = (d: DefinitionRow): JobSpecInput => ({
    entryId: d.entry_id, source: sourceOf(d), mapping: d.mapping as Mapping, keyColumns: d.key_columns, mode: d.mode, options: d.options as JobOptions,
  });

  async function scheduleMinutes(ctx: RequestContext, entryId: string, schedule: DefinitionInput['schedule']): Promise<number | null> {
    if (!schedule) return null;
    if (schedule.kind === 'interval') {
      if (!schedule.minutes || schedule.minutes < 5) throw IngestErrors.invalid([{ path: 'body.schedule.minutes', message: '自定义间隔至少 5 分钟' }]);
      return schedule.minutes;
    }
    let frequency: string | null = null;
    try {
      frequency = (await deps.catalog.search.published(ctx, entryId)).updateFrequency ?? null;
    } catch {
      frequency = null;
    }
    const minutes = frequency ? FREQUENCY_MINUTES[frequency] : undefined;
    if (!minutes) throw IngestErrors.invalid([{ path: 'body.schedule.kind', message: '目录未发布或更新周期为“不定期”，请改用自定义间隔' }]);
    return minutes;
  }

  return {
    options: opts,

    entries: {
      /** The ingest page of an entry: its table (columns, key), its logical access (API mounts: 逻辑接入（不落地）), recent jobs. */
      async overview(ctx: RequestContext, entryId: string) {
        const owner = await entryFor(ctx, entryId, 'read');
        const mount = await deps.catalog.mounts.tableFor(entryId);
        const api = await deps.catalog.mounts.apiFor(entryId);
        const columns = mount?.columns.map((c) => ({ column: c.column, itemCodeName: c.itemCodeName, itemName: c.itemName, dataType: c.dataType })) ?? [];
        return {
          entryId, entryName: owner.name, departmentId: owner.departmentId, departmentName: await departmentName(owner.departmentId), canRun: mayRun(ctx, owner.departmentId),
          table: mount ? { schemaName: mount.schemaName, tableName: mount.tableName, columns, keyColumns: defaultKeyColumns(columns) } : null,
          logicalAccess: api ? [{ label: '逻辑接入（不落地）', endpoint: api.endpoint, method: api.method }] : [],
          recentJobs: await Promise.all((await repo().forEntry(entryId, 10)).map(viewJob)),
        };
      },
    },

    uploads: {
      /** Streams the request body to a file under DATA_DIR (never buffered); counts bytes and enforces the size limit. */
      async receive(ctx: RequestContext, fileName: string, body: Readable) {
        fs.mkdirSync(uploadDir, { recursive: true });
        const id = randomUUID();
        const filePath = path.join(uploadDir, id);
        let size = 0;
        const limit = opts.maxUploadBytes;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            size += chunk.length;
            if (size > limit) cb(IngestErrors.uploadTooLarge(limit));
            else cb(null, chunk);
          },
        });
        try {
          await pipeline(body, counter, fs.createWriteStream(filePath));
        } catch (err) {
          fs.rmSync(filePath, { force: true });
          throw err;
        }
        if (!size) {
          fs.rmSync(filePath, { force: true });
          throw IngestErrors.uploadEmpty();
        }
        const name = path.basename(fileName || 'upload').slice(0, 200);
        await inTransaction(deps.db, async (trx) => {
          await repo(trx).insertUpload({ id, department_id: ctx.actor?.departmentId ?? null, file_name: name, file_path: filePath, file_size: size, created_by: ctx.actor?.userId ?? null });
          await deps.audit.record(trx as never, ctx, { action: 'ingest.upload.create', targetType: 'ingest-upload', targetId: id, details: { fileName: name, size } });
        });
        return { uploadId: id, fileName: name, size };
      },
    },

    /** Reads the first rows of a source and reports mapping problems before anything is loaded. */
    async preview(ctx: RequestContext, input: { entryId: string; source: SourceSpec; mapping?: Mapping | undefined; keyColumns?: string[] | undefined; sampleSize?: number | undefined }) {
      const owner = await entryFor(ctx, input.entryId, 'run');
      const { target } = await targetOf(input.entryId, input.keyColumns);
      const specP = specProblems({ ...input, mapping: input.mapping ?? { _: '_' }, mode: 'full' }, target).filter((p) => p.path.startsWith('body.source'));
      if (specP.length) throw IngestErrors.invalid(specP);
      const file = await resolveFile(ctx, input.source, owner.departmentId);
      const n = Math.min(Math.max(input.sampleSize ?? 20, 1), 200);
      const rows: Record<string, unknown>[] = [];
      let encoding: string | null = null;
      try {
        const src = openSource(input.source, file, { timeoutMs: opts.sourceTimeoutMs });
        encoding = src.encoding;
        for await (const rec of src.records) {
          rows.push(rec);
          if (rows.length >= n) break;
        }
      } catch (err) {
        throw IngestErrors.sourceUnreadable(err instanceof Error ? err.message : String(err));
      }
      const sourceColumns = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k !== PARSE_ERROR)))];
      const suggested = suggestMapping(target.columns, sourceColumns);
      const mapping = input.mapping && Object.keys(input.mapping).length ? input.mapping : suggested;
      const problems: { level: 'error' | 'warning'; code: string; column: string | null; row: number | null; message: string }[] = [];
      const known = new Set(target.columns.map((c) => c.column));
      for (const [col, src] of Object.entries(mapping)) {
        if (!src) continue;
        if (!known.has(col)) problems.push({ level: 'error', code: 'UNKNOWN_TARGET', column: col, row: null, message: `目标字段 ${col} 不在挂接的库表中` });
        if (rows.length && !sourceColumns.includes(src)) problems.push({ level: 'error', code: 'MISSING_SOURCE_COLUMN', column: col, row: null, message: `数据源中没有字段“${src}”` });
      }
      for (const c of target.columns) {
        if (mapping[c.column]) continue;
        const required = target.keyColumns.includes(c.column);
        problems.push({ level: required ? 'error' : 'warning', code: required ? 'UNMAPPED_REQUIRED' : 'UNMAPPED_ITEM', column: c.column, row: null, message: `${required ? '必填的主键' : ''}数据项“${c.itemName}”（${c.column}）未映射${required ? '' : '，将留空'}` });
      }
      const used = new Set(Object.values(mapping));
      for (const s of sourceColumns) if (!used.has(s)) problems.push({ level: 'warning', code: 'UNKNOWN_SOURCE_COLUMN', column: null, row: null, message: `数据源字段“${s}”没有对应的数据项，将被忽略` });
      const row = compileRow(target.columns, Object.fromEntries(Object.entries(mapping).filter(([c, s]) => s && known.has(c))), target.keyColumns, { today: today(), nowIso: new Date().toISOString() });
      rows.forEach((rec, i) => {
        const out = row.convert(rec);
        if (out.problems) for (const p of out.problems) if (problems.length < 200) problems.push({ level: 'error', code: 'SAMPLE_INVALID', column: p.column || null, row: i + 1, message: `第 ${i + 1} 行：${p.message}` });
      });
      return {
        entryId: input.entryId, encoding, sourceColumns, suggestedMapping: suggested, mapping, keyColumns: target.keyColumns,
        columns: target.columns, sample: rows.slice(0, 20).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v)]))),
        problems, ok: !problems.some((p) => p.level === 'error' && p.code !== 'SAMPLE_INVALID'),
      };
    },

    definitions: {
      async list(ctx: RequestContext, entryId?: string) {
        const rows = await repo().definitions(readScope(ctx), entryId);
        return { items: await Promise.all(rows.map(async (d) => definitionView(d, await departmentName(d.department_id)))) };
      },
      async get(ctx: RequestContext, id: string) {
        const d = await repo().definition(id);
        if (!d || !sees(ctx, d.department_id)) throw IngestErrors.definitionNotFound(id);
        return definitionView(d, await departmentName(d.department_id));
      },
      async create(ctx: RequestContext, input: DefinitionInput) {
        const owner = await entryFor(ctx, input.entryId, 'run');
        const { target } = await targetOf(input.entryId, input.keyColumns);
        const problems = specProblems(input, target);
        if (input.schedule && input.source.kind === 'file') problems.push({ path: 'body.schedule', message: '上传文件的归集不能定时运行（请使用数据库或接口数据源）' });
        if (problems.length) throw IngestErrors.invalid(problems);
        await resolveFile(ctx, input.source, owner.departmentId);
        const minutes = await scheduleMinutes(ctx, input.entryId, input.schedule);
        const id = randomUUID();
        await inTransaction(deps.db, async (trx) => {
          await repo(trx).insertDefinition({
            id, entry_id: input.entryId, department_id: owner.departmentId, name: input.name.trim(), source: sealSource(deps.masterKey, input.source), mapping: input.mapping, key_columns: target.keyColumns,
            mode: input.mode, options: input.options ?? {}, schedule_kind: input.schedule?.kind ?? null, schedule_minutes: minutes,
            next_run_at: minutes ? new Date(Date.now() + minutes * 60_000) : null, enabled: input.enabled ?? true, created_by: ctx.actor?.userId ?? null,
          });
          await deps.audit.record(trx as never, ctx, { action: 'ingest.definition.create', targetType: 'catalog-entry', targetId: input.entryId, details: { definitionId: id, name: input.name, source: describeSource(input.source), mode: input.mode, scheduleMinutes: minutes } });
        });
        return this.get(ctx, id);
      },
      async setEnabled(ctx: RequestContext, id: string, enabled: boolean) {
        const d = await repo().definition(id);
        if (!d || !mayRun(ctx, d.department_id)) throw IngestErrors.definitionNotFound(id);
        await inTransaction(deps.db, async (trx) => {
          await repo(trx).updateDefinition(id, { enabled, next_run_at: enabled && d.schedule_minutes ? new Date(Date.now() + d.schedule_minutes * 60_000) : d.next_run_at });
          await deps.audit.record(trx as never, ctx, { action: 'ingest.definition.update', targetType: 'catalog-entry', targetId: d.entry_id, details: { definitionId: id, enabled } });
        });
        return this.get(ctx, id);
      },
      async remove(ctx: RequestContext, id: string) {
        const d = await repo().definition(id);
        if (!d || !mayRun(ctx, d.department_id)) throw IngestErrors.definitionNotFound(id);
        await inTransaction(deps.db, async (trx) => {
          await repo(trx).deleteDefinition(id);
          await deps.audit.record(trx as never, ctx, { action: 'ingest.definition.delete', targetType: 'catalog-entry', targetId: d.entry_id, details: { definitionId: id, name: d.name } });
        });
      },
      /** Runs a definition now (a manual job). */
      async run(ctx: RequestContext, id: string) {
        const d = await repo().definition(id);
        if (!d || !mayRun(ctx, d.department_id)) throw IngestErrors.definitionNotFound(id);
        await entryFor(ctx, d.entry_id, 'run');
        const { target } = await targetOf(d.entry_id, d.key_columns);
        const file = await resolveFile(ctx, sourceOf(d), d.department_id);
        const jobId = await inTransaction(deps.db, (trx) => insertJob(trx, ctx, { ...specOf(d), name: d.name }, target, d.department_id, file, {
          definitionId: d.id, trigger: 'manual', createdBy: ctx.actor?.userId ?? null, createdByName: ctx.actor?.displayName ?? null,
        }));
        return viewJob((await repo().job(jobId))!);
      },
    },

    jobs: {
      /** Queues a job (run by the kernel job runner, never inside the request). */
      async create(ctx: RequestContext, input: JobSpecInput) {
        const owner = await entryFor(ctx, input.entryId, 'run');
        const { target } = await targetOf(input.entryId, input.keyColumns);
        const problems = specProblems(input, target);
        if (problems.length) throw IngestErrors.invalid(problems);
        const file = await resolveFile(ctx, input.source, owner.departmentId);
        const name = input.name?.trim() || `${owner.name} 归集`;
        const jobId = await inTransaction(deps.db, (trx) => insertJob(trx, ctx, { ...input, name }, target, owner.departmentId, file, {
          definitionId: null, trigger: 'manual', createdBy: ctx.actor?.userId ?? null, createdByName: ctx.actor?.displayName ?? null,
        }));
        return viewJob((await repo().job(jobId))!);
      },
      async list(ctx: RequestContext, filter: JobFilter, page: Page) {
        const { total, items } = await repo().jobs(readScope(ctx), filter, page);
        return { items: await Promise.all(items.map(viewJob)), total, page: page.page, pageSize: page.pageSize };
      },
      async get(ctx: RequestContext, id: string) {
        return viewJob(await jobFor(ctx, id));
      },
      async cancel(ctx: RequestContext, id: string) {
        const j = await jobFor(ctx, id);
        if (!mayRun(ctx, j.department_id)) throw IngestErrors.jobNotFound(id);
        if (j.status !== 'queued' && j.status !== 'running') throw IngestErrors.notCancellable(j.status);
        await inTransaction(deps.db, async (trx) => {
          const r = repo(trx);
          await r.requestCancel(id);
          if (j.status === 'queued') await r.updateJob(id, { status: 'cancelled', finished_at: new Date(), error: '任务已取消，原有数据未改变' });
          await deps.audit.record(trx as never, ctx, { action: 'ingest.job.cancel', targetType: 'catalog-entry', targetId: j.entry_id, details: { jobId: id, status: j.status } });
        });
        return viewJob((await repo().job(id))!);
      },
      async rejects(ctx: RequestContext, id: string, page: Page) {
        const j = await jobFor(ctx, id);
        const { total, items } = await repo().rejects(id, page);
        return {
          items: items.map((r) => ({ rowNo: Number(r.row_no), reasons: r.reasons as { column: string; source: string | null; message: string }[], data: r.data as Record<string, unknown> })),
          total, stored: total, rejected: Number(j.rows_rejected), page: page.page, pageSize: page.pageSize,
        };
      },
      /** The rejected rows as CSV (UTF-8 with BOM, opens in Excel) or XLSX, streamed. */
      async exportRejects(ctx: RequestContext, id: string, format: 'csv' | 'xlsx') {
        const j = await jobFor(ctx, id);
        const rows = repo().allRejects(id);
        const out = new PassThrough();
        const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
        const reasonText = (r: unknown) => (r as { message: string }[]).map((x) => x.message).join('；');
        const name = `rejected-${j.id.slice(0, 8)}.${format}`;
        if (format === 'csv') {
          void (async () => {
            out.write(CSV_BOM + csvLine(['行号', '原因', '原始数据']));
            for await (const r of rows) out.write(csvLine([Number(r.row_no), reasonText(r.reasons), cell(r.data)]));
            out.end();
          })().catch((err) => out.destroy(err));
          return { name, contentType: 'text/csv; charset=utf-8', body: out };
        }
        const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
        const ws = wb.addWorksheet('未通过校验的行');
        ws.columns = [{ header: '行号', key: 'row', width: 10 }, { header: '原因', key: 'reason', width: 60 }, { header: '原始数据', key: 'data', width: 80 }];
        void (async () => {
          for await (const r of rows) ws.addRow({ row: Number(r.row_no), reason: reasonText(r.reasons), data: cell(r.data) }).commit();
          ws.commit();
          await wb.commit();
        })().catch((err) => out.destroy(err));
        return { name, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: out };
      },
      async openlineage(ctx: RequestContext, id: string) {
        const j = await jobFor(ctx, id);
        const definition = j.definition_id ? await repo().definition(j.definition_id) : undefined;
        const mount = await deps.catalog.mounts.tableFor(j.entry_id);
        return openLineageEvent(j, { jobName: definition?.name ?? j.name, columns: mount?.columns ?? [], namespace: opts.lineageNamespace, database: opts.lineageDatabase });
      },
      /** Service API for quality/lineage: the last successful job of an entry. */
      async lastSuccess(entryId: string): Promise<{ jobId: string; finishedAt: Date } | null> {
        const r = await repo().lastSuccess(entryId);
        return r && r.finished_at ? { jobId: r.id, finishedAt: r.finished_at } : null;
      },
      /** Service API for lineage: the latest jobs of an entry, newest first. */
      async forEntry(entryId: string, limit = 20): Promise<IngestJobSummary[]> {
        return (await repo().forEntry(entryId, Math.min(Math.max(limit, 1), 500))).map(summary);
      },
    },

    runJob,
    scheduleTick,
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
export const isSafeIdent = isDataIdent;
