import { sql, type ColumnType, type Generated, type Kysely, type RawBuilder } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export type RegistryKind = 'person' | 'entity';

// A type alias (not an interface) so Kysely's withTables accepts it.
export type RegistryTables = {
  registry_settings: { registry: RegistryKind; precedence: string[]; updated_at: Generated<Date>; updated_by: string | null; updated_by_name: string | null };
  registry_builds: {
    id: string;
    registry: RegistryKind;
    status: 'queued' | 'running' | 'succeeded' | 'failed';
    trigger: 'manual' | 'schedule' | 'seed';
    step: Generated<number>;
    total_steps: Generated<number>;
    step_label: string | null;
    sources: Json<unknown>;
    subjects: number | null;
    conflicts: number | null;
    error: string | null;
    requested_by: string | null;
    requested_by_name: string | null;
    created_at: Generated<Date>;
    started_at: Date | null;
    finished_at: Date | null;
  };
  registry_records: {
    registry: RegistryKind;
    subject_key: string;
    golden: Json<unknown>;
    others: Json<unknown>;
    source_count: number;
    conflict_count: number;
    build_id: string;
    built_at: Date;
  };
  registry_comparisons: {
    registry: RegistryKind;
    build_id: string;
    item: string;
    entry_a: string;
    entry_b: string;
    department_a: string;
    department_b: string;
    compared: number;
    disagreed: number;
  };
};

/** A source table as the build and the readers address it: identifiers checked by the caller (isDataIdent). */
export interface SourceTable {
  entryId: string;
  departmentId: string;
  schemaName: string;
  tableName: string;
  keyColumn: string;
  /** Mapped columns besides the key: item code name, column, precedence rank (0 = authoritative). */
  items: { item: string; column: string; rank: number }[];
}

/** Normalisation before comparing values: no whitespace (incl. the ideographic space), lower case. */
const norm = (expr: RawBuilder<unknown>) => sql`lower(regexp_replace(${expr}, '[[:space:]　]+', '', 'g'))`;

const tableOf = (s: Pick<SourceTable, 'schemaName' | 'tableName'>) => sql.id(s.schemaName, s.tableName);

/** The newest live row per key of a source, the key and the given columns as text. */
function latestPerKey(s: SourceTable, columns: { alias: string; column: string }[]) {
  const cols = columns.map((c) => sql`${sql.id(c.column)}::text as ${sql.id(c.alias)}`);
  return sql`(select distinct on (${sql.id(s.keyColumn)}) ${sql.id(s.keyColumn)}::text as k, ${sql.join([...cols, sql`updated_at as u`])}
    from ${tableOf(s)} where deleted_at is null and ${sql.id(s.keyColumn)} is not null order by ${sql.id(s.keyColumn)}, updated_at desc)`;
}

/** SQL of the registry module: its own tables, and set-based reads of the department data tables it assembles. */
export function createRegistryRepository(raw: Kysely<unknown>) {
  const db = raw as unknown as Kysely<RegistryTables>;
  return {
    // ── settings ──
    settings: (registry: RegistryKind) => db.selectFrom('registry_settings').selectAll().where('registry', '=', registry).executeTakeFirstOrThrow(),
    async updateSettings(registry: RegistryKind, precedence: string[], by: { id: string | null; name: string | null }) {
      await db.updateTable('registry_settings').set({ precedence, updated_at: new Date(), updated_by: by.id, updated_by_name: by.name }).where('registry', '=', registry).execute();
    },

    // ── builds ──
    async insertBuild(row: { id: string; registry: RegistryKind; trigger: 'manual' | 'schedule' | 'seed'; requested_by: string | null; requested_by_name: string | null }) {
      await db.insertInto('registry_builds').values({ ...row, status: 'queued', sources: '[]', step_label: '排队中', subjects: null, conflicts: null, error: null, started_at: null, finished_at: null }).execute();
    },
    async updateBuild(id: string, patch: { status?: 'running' | 'succeeded' | 'failed'; step?: number; total_steps?: number; step_label?: string | null; sources?: string; subjects?: number; conflicts?: number; error?: string | null; started_at?: Date; finished_at?: Date }) {
      await db.updateTable('registry_builds').set(patch).where('id', '=', id).execute();
    },
    build: (id: string) => db.selectFrom('registry_builds').selectAll().where('id', '=', id).executeTakeFirst(),
    builds: (registry: RegistryKind, limit: number) => db.selectFrom('registry_builds').selectAll().where('registry', '=', registry).orderBy('created_at', 'desc').limit(limit).execute(),
    activeBuild: (registry: RegistryKind) =>
      db.selectFrom('registry_builds').selectAll().where('registry', '=', registry).where('status', 'in', ['queued', 'running']).orderBy('created_at', 'desc').executeTakeFirst(),
    lastSucceeded: (registry: RegistryKind) =>
      db.selectFrom('registry_builds').selectAll().where('registry', '=', registry).where('status', '=', 'succeeded').orderBy('finished_at', 'desc').executeTakeFirst(),
    async failStale(registry: RegistryKind, exceptIds: string[], reason: string) {
      let q = db.updateTable('registry_builds').set({ status: 'failed', error: reason, finished_at: new Date() }).where('registry', '=', registry).where('status', 'in', ['queued', 'running']);
      if (exceptIds.length) q = q.where('id', 'not in', exceptIds);
      await q.execute();
    },

    // ── build steps (set-based) ──
    /** Stages one source: the newest live row per key, one row per mapped item with a value. Returns the subjects read. */
    async stageSource(buildId: string, s: SourceTable): Promise<number> {
      const columns = s.items.map((i, n) => ({ alias: `c${n}`, column: i.column }));
      const values = [sql`('__key__'::text, s.k, -1)`, ...s.items.map((i, n) => sql`(${i.item}::text, ${sql.id(`c${n}`)}, ${i.rank}::int)`)];
      const r = await sql<{ n: string | number }>`
        with s as ${latestPerKey(s, columns)},
        ins as (
          insert into registry_stage (build_id, subject_key, item, entry_id, department_id, value, norm, updated_at, rank)
          select ${buildId}::uuid, s.k, v.item, ${s.entryId}::uuid, ${s.departmentId}::uuid, v.value, ${norm(sql`v.value`)}, s.u, v.rank
          from s cross join lateral (values ${sql.join(values)}) as v (item, value, rank)
          where v.value is not null and btrim(v.value) <> ''
        )
        select count(*) as n from s`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },

    /** Fresh planner statistics of the staged rows (the table is empty between builds) and room for the build's sorts. */
    async prepareStaged() {
      await sql`analyze registry_stage`.execute(db);
    },

    /** Replaces the registry's golden records with the staged build (one statement, inside the caller's transaction). */
    async writeGolden(registry: RegistryKind, buildId: string, keyItem: string): Promise<{ subjects: number; conflicts: number }> {
      await sql`set local work_mem = '128MB'`.execute(db);
      await db.deleteFrom('registry_records').where('registry', '=', registry).execute();
      await sql`
        with ranked as (
          select subject_key, item, entry_id, department_id, value, norm, updated_at, rank,
            row_number() over w as rn, first_value(norm) over w as gnorm
          from registry_stage where build_id = ${buildId}::uuid
          window w as (partition by subject_key, item order by rank, updated_at desc, entry_id)
        ),
        per_item as (
          select subject_key, item, count(*)::int as n,
            (array_agg(jsonb_build_object('value', value, 'entryId', entry_id, 'departmentId', department_id, 'updatedAt', updated_at,
              'basis', case when rank <= 0 then 'authoritative' when rank < 1000 then 'precedence' else 'latest' end)) filter (where rn = 1))[1] as golden,
            jsonb_agg(jsonb_build_object('value', value, 'entryId', entry_id, 'departmentId', department_id, 'updatedAt', updated_at) order by rn)
              filter (where rn > 1 and norm <> gnorm) as others
          from ranked group by subject_key, item
        )
        insert into registry_records (registry, subject_key, golden, others, source_count, conflict_count, build_id, built_at)
        select ${registry}::text, subject_key,
          jsonb_object_agg(case when item = '__key__' then ${keyItem}::text else item end, golden),
          coalesce(jsonb_object_agg(item, others) filter (where others is not null), '{}'::jsonb),
          max(n) filter (where item = '__key__'), count(*) filter (where others is not null), ${buildId}::uuid, now()
        from per_item group by subject_key`.execute(db);
      const r = await sql<{ subjects: string | number; conflicts: string | number }>`
        select count(*) as subjects, count(*) filter (where conflict_count > 0) as conflicts from registry_records where registry = ${registry}::text`.execute(db);
      return { subjects: Number(r.rows[0]?.subjects ?? 0), conflicts: Number(r.rows[0]?.conflicts ?? 0) };
    },

    /** Replaces the pairwise comparison counts with those of the staged build (inside the caller's transaction). */
    async writeComparisons(registry: RegistryKind, buildId: string) {
      await db.deleteFrom('registry_comparisons').where('registry', '=', registry).execute();
      await sql`
        insert into registry_comparisons (registry, build_id, item, entry_a, entry_b, department_a, department_b, compared, disagreed)
        select ${registry}::text, ${buildId}::uuid, a.item, a.entry_id, b.entry_id, min(a.department_id::text)::uuid, min(b.department_id::text)::uuid,
          count(*), count(*) filter (where a.norm <> b.norm)
        from registry_stage a
        join registry_stage b on b.build_id = a.build_id and b.subject_key = a.subject_key and b.item = a.item and b.entry_id > a.entry_id
        where a.build_id = ${buildId}::uuid and a.item <> '__key__'
        group by a.item, a.entry_id, b.entry_id`.execute(db);
    },

    async clearStage(buildId: string) {
      await sql`delete from registry_stage where build_id = ${buildId}::uuid`.execute(db);
    },

    // ── reads ──
    record: (registry: RegistryKind, key: string) => db.selectFrom('registry_records').selectAll().where('registry', '=', registry).where('subject_key', '=', key).executeTakeFirst(),
    comparisons: (registry: RegistryKind) => db.selectFrom('registry_comparisons').selectAll().where('registry', '=', registry).orderBy('item').orderBy('disagreed', 'desc').execute(),
    comparison: (registry: RegistryKind, item: string, entryA: string, entryB: string) =>
      db.selectFrom('registry_comparisons').selectAll().where('registry', '=', registry).where('item', '=', item).where('entry_a', '=', entryA).where('entry_b', '=', entryB).executeTakeFirst(),
    async recordCount(registry: RegistryKind) {
      const r = await db.selectFrom('registry_records').select((eb) => eb.fn.countAll<number>().as('n')).where('registry', '=', registry).executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** The live rows of one source for one subject (newest first, at most `limit`), every mapped column as text. */
    async subjectRows(s: SourceTable, key: string, limit: number): Promise<{ values: Record<string, string | null>; updatedAt: Date }[]> {
      const cols = s.items.map((i, n) => sql`${sql.id(i.column)}::text as ${sql.id(`c${n}`)}`);
      const r = await sql<Record<string, string | null> & { u: Date }>`
        select ${sql.join([sql`${sql.id(s.keyColumn)}::text as k`, ...cols, sql`updated_at as u`])}
        from ${tableOf(s)} where ${sql.id(s.keyColumn)} = ${key} and deleted_at is null order by updated_at desc limit ${limit}`.execute(db);
      return r.rows.map((row) => ({ values: Object.fromEntries(s.items.map((i, n) => [i.item, row[`c${n}`] ?? null])), updatedAt: row.u }));
    },

    /** Keys where two sources disagree on one item (newest live row per key in each), by key, with the total. */
    async disagreements(a: SourceTable, aColumn: string, b: SourceTable, bColumn: string, limit: number, offset: number) {
      const r = await sql<{ k: string; va: string; vb: string; ua: Date; ub: Date; total: string | number }>`
        select a.k, a.v as va, b.v as vb, a.u as ua, b.u as ub, count(*) over () as total
        from ${latestPerKey(a, [{ alias: 'v', column: aColumn }])} a
        join ${latestPerKey(b, [{ alias: 'v', column: bColumn }])} b on b.k = a.k
        where a.v is not null and b.v is not null and btrim(a.v) <> '' and btrim(b.v) <> '' and ${norm(sql`a.v`)} <> ${norm(sql`b.v`)}
        order by a.k limit ${limit} offset ${offset}`.execute(db);
      return { rows: r.rows.map((x) => ({ key: x.k, valueA: x.va, valueB: x.vb, updatedAtA: x.ua, updatedAtB: x.ub })), total: Number(r.rows[0]?.total ?? 0) };
    },

    /** Whether the data table exists (a mount may name a table ingest has not created yet). */
    async tableExists(schemaName: string, tableName: string) {
      const r = await sql<{ n: number }>`select 1 as n from information_schema.tables where table_schema = ${schemaName} and table_name = ${tableName}`.execute(db);
      return r.rows.length > 0;
    },
  };
}

export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
