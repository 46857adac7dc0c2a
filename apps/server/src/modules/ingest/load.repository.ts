import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../kernel/db.ts';
import { compileRow, type Mapping, type RowProblem, type TargetColumn } from './validate.ts';
import type { OpenedSource, SourceProgress } from './sources.ts';

// The loading path of an ingest job, shared by the job runner and bench/ingest.bench.ts:
//   source records → validation (rejects aside) → COPY (text format, batches) into a staging table in the target's
//   schema → duplicates of the key removed (the last row wins, each duplicate key reported) → then, in ONE short
//   transaction, either the swap (full: the staging table becomes the table by rename, the old one is dropped) or the
//   merge (upsert: INSERT … ON CONFLICT DO UPDATE, soft deletes). Until that transaction commits, readers see the old
//   data; a failure or a cancellation anywhere before it drops the staging table and leaves the table as it was.

export type LoadMode = 'full' | 'upsert';

export interface LoadTarget { schemaName: string; tableName: string; columns: TargetColumn[]; keyColumns: string[] }

export interface LoadTick extends SourceProgress { read: number; rejected: number; elapsedMs: number }

export interface LoadParams {
  database: Pick<Database, 'db' | 'copyFrom'>;
  target: LoadTarget;
  mapping: Mapping;
  mode: LoadMode;
  /** upsert: rows of the table absent from this (full snapshot) source are soft-deleted */
  softDeleteMissing?: boolean | undefined;
  /** a source column whose truthy value marks the row deleted */
  deleteFlagColumn?: string | null | undefined;
  /** unique per job (hex): names the staging table */
  tag: string;
  source: OpenedSource;
  today: string;
  onReject(rowNo: number, problems: RowProblem[], record: Record<string, unknown>): void | Promise<void>;
  /** called at most every tickMs while loading (and once at the end of the source); may throw to stop the load */
  onTick?(tick: LoadTick): Promise<void>;
  /** last chance to stop (e.g. a cancellation) before the swap/merge commits */
  beforeCommit?(): Promise<void>;
  tickMs?: number;
  rowsPerChunk?: number;
}

export interface LoadCounts { read: number; loaded: number; inserted: number; updated: number; deleted: number; rejected: number; duplicates: number; previousRows: number }

const id = (schema: string, name: string) => sql.id(schema, name);
const cols = (names: string[]) => sql.join(names.map((c) => sql.id(c)));
const keyMatch = (a: string, b: string, keys: string[]) => sql.join(keys.map((k) => sql`${sql.ref(`${a}.${k}`)} = ${sql.ref(`${b}.${k}`)}`), sql` and `);

export function stagingName(tag: string) {
  return `ingest_stg_${tag}`;
}

/** Drops a job's staging table (after a failure, a cancellation or a crashed earlier attempt). */
export async function dropStaging(db: Kysely<unknown>, schemaName: string, tag: string): Promise<void> {
  await sql`drop table if exists ${id(schemaName, stagingName(tag))}`.execute(db);
  await sql`drop table if exists ${id(schemaName, `ingest_old_${tag}`)}`.execute(db);
}

export async function loadIntoTable(p: LoadParams): Promise<LoadCounts> {
  const db = p.database.db as Kysely<unknown>;
  if (!p.database.copyFrom) throw new Error('当前数据库不支持批量装载（COPY）');
  const { schemaName, tableName, keyColumns } = p.target;
  const mappedColumns = p.target.columns.filter((c) => p.mapping[c.column]).map((c) => c.column);
  const staging = stagingName(p.tag);
  const table = id(schemaName, tableName);
  const stg = id(schemaName, staging);
  const started = Date.now();
  const tickMs = p.tickMs ?? 1000;
  const rowsPerChunk = p.rowsPerChunk ?? 10_000;
  let read = 0;
  let rejected = 0;
  let duplicates = 0;

  await dropStaging(db, schemaName, p.tag);
  await sql`create ${sql.raw(p.mode === 'upsert' ? 'unlogged ' : '')}table ${stg} (like ${table} including defaults)`.execute(db);
  try {
    const row = compileRow(p.target.columns, p.mapping, keyColumns, { today: p.today, deleteFlagColumn: p.deleteFlagColumn, nowIso: new Date().toISOString() });
    let lastTick = Date.now();
    const tick = async () => {
      lastTick = Date.now();
      await p.onTick?.({ ...p.source.progress(), read, rejected, elapsedMs: Date.now() - started });
    };
    async function* chunks(): AsyncGenerator<string> {
      let lines: string[] = [];
      for await (const rec of p.source.records) {
        read++;
        const out = row.convert(rec);
        if (out.line === null) {
          rejected++;
          await p.onReject(read, out.problems, rec);
        } else {
          lines.push(out.line);
        }
        if (lines.length >= rowsPerChunk) {
          yield `${lines.join('\n')}\n`;
          lines = [];
        }
        if ((read & 1023) === 0 && Date.now() - lastTick >= tickMs) await tick();
      }
      if (lines.length) yield `${lines.join('\n')}\n`;
      await tick();
    }
    const copySql = `COPY "${schemaName}"."${staging}" (${[...mappedColumns, 'deleted_at'].map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
    let loaded = await p.database.copyFrom(copySql, chunks());

    // Duplicate keys inside the source: the last row wins; each duplicate key is reported once. Full mode first just
    // tries the unique index (the usual case: no duplicates, no extra scan); a unique violation means duplicates.
    if (keyColumns.length) {
      let indexed = false;
      if (p.mode === 'full') {
        try {
          await sql`create unique index ${sql.id(`${staging}_key`)} on ${stg} (${cols(keyColumns)})`.execute(db);
          indexed = true;
        } catch (err) {
          if ((err as { code?: string }).code !== '23505') throw err;
        }
      }
      if (!indexed) {
        const dups = await sql<Record<string, unknown> & { n: number }>`
          select ${cols(keyColumns)}, count(*)::int as n from ${stg} group by ${cols(keyColumns)} having count(*) > 1 limit 1000`.execute(db);
        if (dups.rows.length) {
          const del = await sql`delete from ${stg} where ctid = any(array(
              select ctid from (select ctid, row_number() over (partition by ${cols(keyColumns)} order by ctid desc) as rn from ${stg}) as x where rn > 1))`.execute(db);
          duplicates = Number(del.numAffectedRows ?? 0);
          loaded -= duplicates;
          for (const [i, d] of dups.rows.entries()) {
            const { n, ...key } = d;
            await p.onReject(-(i + 1), [{ column: keyColumns.join(','), source: null, message: `主键重复：同一主键出现 ${n} 次，保留最后一行` }], key);
          }
        }
        if (p.mode === 'full') await sql`create unique index ${sql.id(`${staging}_key`)} on ${stg} (${cols(keyColumns)})`.execute(db);
      }
    }

    let counts: Omit<LoadCounts, 'read' | 'rejected' | 'duplicates' | 'loaded'>;
    if (p.mode === 'full') counts = await swap(db, p, staging);
    else counts = await merge(db, p, staging, mappedColumns);
    return { read, loaded, rejected: rejected + duplicates, duplicates, ...counts };
  } catch (err) {
    await dropStaging(db, schemaName, p.tag).catch(() => {});
    throw err;
  }
}

/** Full replace: index the staging table, then rename it into place and drop the old table in one transaction. */
async function swap(db: Kysely<unknown>, p: LoadParams, staging: string) {
  const { schemaName, tableName, keyColumns } = p.target;
  const stg = id(schemaName, staging);
  if (keyColumns.length) await sql`create index ${sql.id(`${staging}_upd`)} on ${stg} (updated_at, ${sql.id(keyColumns[0]!)})`.execute(db);
  const old = `ingest_old_${p.tag}`;
  // Checked just before the transaction: on PGlite's single connection nothing else may query inside it.
  await p.beforeCommit?.();
  return db.transaction().execute(async (trx) => {
    const table = id(schemaName, tableName);
    await sql`lock table ${table} in access exclusive mode`.execute(trx);
    const prev = await sql<{ n: number }>`select count(*)::bigint as n from ${table} where deleted_at is null`.execute(trx);
    const inserted = await sql<{ n: number }>`select count(*)::bigint as n from ${stg} where deleted_at is null`.execute(trx);
    await sql`alter table ${table} rename to ${sql.id(old)}`.execute(trx);
    await sql`alter index if exists ${id(schemaName, `${tableName}_key`)} rename to ${sql.id(`${old}_key`)}`.execute(trx);
    await sql`alter index if exists ${id(schemaName, `${tableName}_updated`)} rename to ${sql.id(`${old}_upd`)}`.execute(trx);
    await sql`alter table ${stg} rename to ${sql.id(tableName)}`.execute(trx);
    if (keyColumns.length) {
      await sql`alter index ${id(schemaName, `${staging}_key`)} rename to ${sql.id(`${tableName}_key`)}`.execute(trx);
      await sql`alter index ${id(schemaName, `${staging}_upd`)} rename to ${sql.id(`${tableName}_updated`)}`.execute(trx);
    }
    await sql`drop table ${id(schemaName, old)}`.execute(trx);
    return { inserted: Number(inserted.rows[0]!.n), updated: 0, deleted: 0, previousRows: Number(prev.rows[0]!.n) };
  });
}

/** Upsert by key with soft deletes, in one transaction. */
async function merge(db: Kysely<unknown>, p: LoadParams, staging: string, mapped: string[]) {
  const { schemaName, tableName, keyColumns } = p.target;
  const stg = id(schemaName, staging);
  const table = id(schemaName, tableName);
  await sql`create index ${sql.id(`${staging}_key`)} on ${stg} (${cols(keyColumns)})`.execute(db);
  await sql`analyze ${stg}`.execute(db);
  const nonKey = mapped.filter((c) => !keyColumns.includes(c));
  const setList: RawBuilder<unknown>[] = [...nonKey.map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`), sql`updated_at = now()`, sql`deleted_at = null`];
  const changed = nonKey.length
    ? sql`(${sql.join(nonKey.map((c) => sql`t.${sql.id(c)}`))}, t.deleted_at) is distinct from (${sql.join(nonKey.map((c) => sql`excluded.${sql.id(c)}`))}, null::timestamptz)`
    : sql`t.deleted_at is not null`;
  await p.beforeCommit?.();
  return db.transaction().execute(async (trx) => {
      const prev = await sql<{ n: number }>`select count(*)::bigint as n from ${table} where deleted_at is null`.execute(trx);
      const up = await sql<{ inserted: number; updated: number }>`
        with up as (
          insert into ${table} as t (${cols(mapped)}, updated_at, deleted_at)
          select ${cols(mapped)}, now(), null from ${stg} where deleted_at is null
          on conflict (${cols(keyColumns)}) do update set ${sql.join(setList)} where ${changed}
          returning (xmax = 0) as ins
        )
        select count(*) filter (where ins)::bigint as inserted, count(*) filter (where not ins)::bigint as updated from up`.execute(trx);
      let deleted = 0;
      const flagged = await sql`update ${table} as t set deleted_at = now(), updated_at = now() from ${stg} as s
        where s.deleted_at is not null and t.deleted_at is null and ${keyMatch('t', 's', keyColumns)}`.execute(trx);
      deleted += Number(flagged.numAffectedRows ?? 0);
      if (p.softDeleteMissing) {
        const missing = await sql`update ${table} as t set deleted_at = now(), updated_at = now()
          where t.deleted_at is null and not exists (select 1 from ${stg} as s where ${keyMatch('s', 't', keyColumns)})`.execute(trx);
        deleted += Number(missing.numAffectedRows ?? 0);
      }
      await sql`drop table ${stg}`.execute(trx);
      return { inserted: Number(up.rows[0]!.inserted), updated: Number(up.rows[0]!.updated), deleted, previousRows: Number(prev.rows[0]!.n) };
  });
}
