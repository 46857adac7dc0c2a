import { sql, type Generated, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';

// A type alias (not an interface) so Kysely's withTables accepts it.
export type IngestTables = {
  ingest_uploads: {
    id: string; department_id: string | null; file_name: string; file_path: string; file_size: number; created_by: string | null; created_at: Generated<Date>;
  };
  ingest_definitions: {
    id: string;
    entry_id: string;
    department_id: string;
    name: string;
    source: unknown;
    mapping: unknown;
    key_columns: string[];
    mode: 'full' | 'upsert';
    options: unknown;
    schedule_kind: 'entry_frequency' | 'interval' | null;
    schedule_minutes: number | null;
    next_run_at: Date | null;
    enabled: boolean;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  ingest_jobs: {
    id: string;
    definition_id: string | null;
    entry_id: string;
    department_id: string;
    name: string;
    source: unknown;
    source_kind: 'file' | 'postgres' | 'http';
    source_description: string;
    mapping: unknown;
    key_columns: string[];
    mode: 'full' | 'upsert';
    options: unknown;
    schema_name: string;
    table_name: string;
    status: Generated<'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'>;
    trigger: Generated<'manual' | 'schedule'>;
    cancel_requested: Generated<boolean>;
    rows_read: Generated<number>;
    rows_inserted: Generated<number>;
    rows_updated: Generated<number>;
    rows_deleted: Generated<number>;
    rows_rejected: Generated<number>;
    rows_total: number | null;
    bytes_read: Generated<number>;
    bytes_total: number | null;
    pages_read: Generated<number>;
    progress_percent: number | null;
    rows_per_second: number | null;
    eta_seconds: number | null;
    error: string | null;
    created_by: string | null;
    created_by_name: string | null;
    created_at: Generated<Date>;
    started_at: Date | null;
    finished_at: Date | null;
  };
  ingest_rejects: { job_id: string; row_no: number; reasons: unknown; data: unknown };
};

export type UploadRow = Selectable<IngestTables['ingest_uploads']>;
export type DefinitionRow = Selectable<IngestTables['ingest_definitions']>;
export type JobRow = Selectable<IngestTables['ingest_jobs']>;
export type RejectRow = Selectable<IngestTables['ingest_rejects']>;

export interface JobFilter { entryId?: string | undefined; status?: string | undefined; departmentId?: string | undefined; definitionId?: string | undefined }

export function createIngestRepository(base: Kysely<unknown>) {
  const db = base.withTables<IngestTables>();
  return {
    // ── uploads ───────────────────────────────────────────────────────────
    insertUpload: (row: Insertable<IngestTables['ingest_uploads']>) => db.insertInto('ingest_uploads').values(row).execute(),
    upload: (id: string) => db.selectFrom('ingest_uploads').selectAll().where('id', '=', id).executeTakeFirst(),
    oldUploads: (before: Date) => db.selectFrom('ingest_uploads').selectAll().where('created_at', '<', before).execute(),
    deleteUpload: (id: string) => db.deleteFrom('ingest_uploads').where('id', '=', id).execute(),
    uploadInUse: async (id: string) =>
      !!(await db.selectFrom('ingest_jobs').select('id').where(sql<boolean>`source->>'uploadId' = ${id}`).where('status', 'in', ['queued', 'running']).executeTakeFirst()),

    // ── definitions ───────────────────────────────────────────────────────
    insertDefinition: (row: Insertable<IngestTables['ingest_definitions']>) =>
      db.insertInto('ingest_definitions').values({ ...row, source: JSON.stringify(row.source), mapping: JSON.stringify(row.mapping), options: JSON.stringify(row.options) }).execute(),
    definition: (id: string) => db.selectFrom('ingest_definitions').selectAll().where('id', '=', id).executeTakeFirst(),
    definitions: (scope: { departmentId: string | null }, entryId?: string) => {
      let q = db.selectFrom('ingest_definitions').selectAll().orderBy('created_at', 'desc').limit(500);
      if (scope.departmentId) q = q.where('department_id', '=', scope.departmentId);
      if (entryId) q = q.where('entry_id', '=', entryId);
      return q.execute();
    },
    updateDefinition: (id: string, patch: Updateable<IngestTables['ingest_definitions']>) =>
      db.updateTable('ingest_definitions').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute(),
    deleteDefinition: (id: string) => db.deleteFrom('ingest_definitions').where('id', '=', id).execute(),
    dueDefinitions: (now: Date) =>
      db.selectFrom('ingest_definitions').selectAll().where('enabled', '=', true).where('schedule_kind', 'is not', null).where('next_run_at', '<=', now).orderBy('next_run_at').limit(100).execute(),

    // ── jobs ──────────────────────────────────────────────────────────────
    insertJob: (row: Insertable<IngestTables['ingest_jobs']>) =>
      db.insertInto('ingest_jobs').values({ ...row, source: JSON.stringify(row.source), mapping: JSON.stringify(row.mapping), options: JSON.stringify(row.options) }).execute(),
    job: (id: string) => db.selectFrom('ingest_jobs').selectAll().where('id', '=', id).executeTakeFirst(),
    activeJobFor: (entryId: string) =>
      db.selectFrom('ingest_jobs').select(['id', 'status']).where('entry_id', '=', entryId).where('status', 'in', ['queued', 'running']).executeTakeFirst(),
    jobs: async (scope: { departmentId: string | null }, f: JobFilter, page: { page: number; pageSize: number }) => {
      let q = db.selectFrom('ingest_jobs');
      if (scope.departmentId) q = q.where('department_id', '=', scope.departmentId);
      if (f.entryId) q = q.where('entry_id', '=', f.entryId);
      if (f.status) q = q.where('status', '=', f.status as never);
      if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
      if (f.definitionId) q = q.where('definition_id', '=', f.definitionId);
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const items = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
      return { total: Number(total.n), items };
    },
    updateJob: (id: string, patch: Updateable<IngestTables['ingest_jobs']>) => db.updateTable('ingest_jobs').set(patch).where('id', '=', id).execute(),
    /** Writes progress; answers whether a cancellation was requested meanwhile. */
    progress: async (id: string, patch: Updateable<IngestTables['ingest_jobs']>) => {
      const r = await db.updateTable('ingest_jobs').set(patch).where('id', '=', id).returning('cancel_requested').executeTakeFirst();
      return !!r?.cancel_requested;
    },
    cancelRequested: async (id: string) => !!(await db.selectFrom('ingest_jobs').select('cancel_requested').where('id', '=', id).executeTakeFirst())?.cancel_requested,
    requestCancel: (id: string) =>
      db.updateTable('ingest_jobs').set({ cancel_requested: true }).where('id', '=', id).where('status', 'in', ['queued', 'running']).returning('status').executeTakeFirst(),
    lastSuccess: (entryId: string) =>
      db.selectFrom('ingest_jobs').select(['id', 'finished_at']).where('entry_id', '=', entryId).where('status', '=', 'succeeded')
        .orderBy('finished_at', 'desc').limit(1).executeTakeFirst(),
    forEntry: (entryId: string, limit: number) => db.selectFrom('ingest_jobs').selectAll().where('entry_id', '=', entryId).orderBy('created_at', 'desc').limit(limit).execute(),

    // ── rejected rows ─────────────────────────────────────────────────────
    insertRejects: (rows: { job_id: string; row_no: number; reasons: unknown; data: unknown }[]) =>
      rows.length
        ? db.insertInto('ingest_rejects').values(rows.map((r) => ({ ...r, reasons: JSON.stringify(r.reasons), data: JSON.stringify(r.data) }))).onConflict((oc) => oc.doNothing()).execute()
        : Promise.resolve([]),
    deleteRejects: (jobId: string) => db.deleteFrom('ingest_rejects').where('job_id', '=', jobId).execute(),
    rejects: async (jobId: string, page: { page: number; pageSize: number }) => {
      const total = await db.selectFrom('ingest_rejects').select((eb) => eb.fn.countAll<number>().as('n')).where('job_id', '=', jobId).executeTakeFirstOrThrow();
      const items = await db.selectFrom('ingest_rejects').selectAll().where('job_id', '=', jobId).orderBy('row_no').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
      return { total: Number(total.n), items };
    },
    async *allRejects(jobId: string, batch = 5000): AsyncGenerator<RejectRow> {
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const rows = await db.selectFrom('ingest_rejects').selectAll().where('job_id', '=', jobId).where('row_no', '>', after).orderBy('row_no').limit(batch).execute();
        for (const r of rows) yield r;
        if (rows.length < batch) return;
        after = Number(rows[rows.length - 1]!.row_no);
      }
    },
  };
}
export type IngestRepository = ReturnType<typeof createIngestRepository>;
