import { sql, type Kysely } from 'kysely';

// Department data tables (数据表): the tables catalog entries mount and that ingest fills, registries read,
// quality rules check and the gateway serves. They live in a department's own schema (e.g. `rk.czrk_jbxx`), never in
// `public` where module tables live. One convention for every module that touches them:
// - a column per mapped data item, typed by the item's data type (sqlTypeFor);
// - `updated_at timestamptz not null default now()`: last change of the row (the gateway's change feed orders by it);
// - `deleted_at timestamptz`: soft delete by incremental ingest (readers skip rows where it is set);
// - a unique index on the key columns (the entry's subject key: ID number, credit code, …).

/** Names of the system columns every data table has besides its mapped columns. */
export const DATA_SYSTEM_COLUMNS = { updatedAt: 'updated_at', deletedAt: 'deleted_at' } as const;

/** Data items that identify a subject (一人一档 / 一企一档): by their catalog code name. */
export const SUBJECT_KEY_ITEMS = { person: 'id_number', entity: 'credit_code' } as const;

/** A safe SQL identifier for data tables: lower-case letters, digits, underscore; not starting with a digit. */
export const DATA_IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export const isDataIdent = (name: string) => DATA_IDENT.test(name) && name !== 'public';

/** The PostgreSQL type of a catalog data type (catalog DATA_TYPE; unknown → text). */
export function sqlTypeFor(dataType: string | null | undefined): string {
  return ({ date: 'date', datetime: 'timestamptz', integer: 'bigint', decimal: 'numeric', boolean: 'boolean', binary: 'bytea' } as Record<string, string>)[dataType ?? ''] ?? 'text';
}

export interface DataTableSpec {
  schemaName: string;
  tableName: string;
  columns: { column: string; dataType: string | null }[];
  /** Columns that identify a row (unique); empty = no key (append-only tables). */
  keyColumns: string[];
}

/** Problems with a spec's identifiers (empty = fine): every name must match DATA_IDENT, the schema must not be public. */
export function dataTableSpecProblems(spec: DataTableSpec): string[] {
  const problems: string[] = [];
  if (!isDataIdent(spec.schemaName)) problems.push(`模式名 ${spec.schemaName} 不合规（小写字母、数字、下划线，且不能是 public）`);
  if (!isDataIdent(spec.tableName)) problems.push(`表名 ${spec.tableName} 不合规（小写字母、数字、下划线）`);
  const system = new Set<string>(Object.values(DATA_SYSTEM_COLUMNS));
  for (const c of spec.columns) {
    if (!isDataIdent(c.column)) problems.push(`字段名 ${c.column} 不合规（小写字母、数字、下划线）`);
    if (system.has(c.column)) problems.push(`字段名 ${c.column} 是系统保留字段`);
  }
  for (const k of spec.keyColumns) if (!spec.columns.some((c) => c.column === k)) problems.push(`主键字段 ${k} 不在映射字段中`);
  return problems;
}

/**
 * Creates the schema and table if missing (columns typed by sqlTypeFor, the system columns, a unique index on the
 * key columns); on an existing table adds missing mapped and system columns. Throws on a spec with problems.
 * Run it inside the caller's transaction when it must commit with other work.
 */
export async function ensureDataTable(db: Kysely<unknown>, spec: DataTableSpec): Promise<void> {
  const problems = dataTableSpecProblems(spec);
  if (problems.length) throw new Error(problems.join('；'));
  const table = sql.id(spec.schemaName, spec.tableName);
  await sql`create schema if not exists ${sql.id(spec.schemaName)}`.execute(db);
  const columns = spec.columns.map((c) => sql`${sql.id(c.column)} ${sql.raw(sqlTypeFor(c.dataType))}`);
  await sql`create table if not exists ${table} (${sql.join(columns)}, updated_at timestamptz not null default now(), deleted_at timestamptz)`.execute(db);
  for (const c of spec.columns) await sql`alter table ${table} add column if not exists ${sql.id(c.column)} ${sql.raw(sqlTypeFor(c.dataType))}`.execute(db);
  await sql`alter table ${table} add column if not exists updated_at timestamptz not null default now()`.execute(db);
  await sql`alter table ${table} add column if not exists deleted_at timestamptz`.execute(db);
  if (spec.keyColumns.length) {
    await sql`create unique index if not exists ${sql.id(`${spec.tableName}_key`)} on ${table} (${sql.join(spec.keyColumns.map((k) => sql.id(k)))})`.execute(db);
    await sql`create index if not exists ${sql.id(`${spec.tableName}_updated`)} on ${table} (updated_at, ${sql.id(spec.keyColumns[0]!)})`.execute(db);
  }
}

/** The columns a data table has (information_schema), in order; empty when the table does not exist. */
export async function dataTableColumns(db: Kysely<unknown>, schemaName: string, tableName: string): Promise<{ column: string; type: string }[]> {
  const r = await sql<{ column_name: string; data_type: string }>`
    select column_name, data_type from information_schema.columns where table_schema = ${schemaName} and table_name = ${tableName} order by ordinal_position`.execute(db);
  return r.rows.map((x) => ({ column: x.column_name, type: x.data_type }));
}
