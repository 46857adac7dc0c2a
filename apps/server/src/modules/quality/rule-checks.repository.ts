import { sql, type Kysely, type RawBuilder } from 'kysely';

// The SQL of quality checks on department data tables: one set-based statement per rule, counting the checked and
// failing rows and taking up to SAMPLE_LIMIT failing keys. Rows with deleted_at set are never looked at.

export const SAMPLE_LIMIT = 20;

export interface TableRef {
  schema: string;
  table: string;
}
export interface Target extends TableRef {
  /** column used as the sample key (subject key, else null → the row's ctid) */
  keyColumn: string | null;
}
/** A column with its PostgreSQL type family: text-like, number, date, timestamp, other. */
export interface Col {
  name: string;
  family: 'text' | 'number' | 'date' | 'timestamp' | 'other';
}

export type CheckSpec =
  | { kind: 'not_null'; column: Col }
  | { kind: 'unique'; columns: Col[] }
  | { kind: 'regex'; column: Col; pattern: string }
  | { kind: 'length'; column: Col; min: number | null; max: number | null }
  | { kind: 'range'; column: Col; valueKind: 'number' | 'date'; min: string | null; max: string | null }
  | { kind: 'code_table'; column: Col; codeTableId: string }
  | { kind: 'id_number'; column: Col }
  | { kind: 'credit_code'; column: Col }
  | { kind: 'date_valid'; column: Col; today: string }
  | { kind: 'reference'; column: Col; ref: TableRef & { column: Col } }
  | { kind: 'cross_source'; column: Col; key: Col; source: TableRef & { column: Col; key: Col } }
  | { kind: 'custom_sql'; statement: string; timeoutMs: number };

export interface CheckOutcome {
  checked: number;
  failed: number;
  samples: string[];
}

const tbl = (t: TableRef) => sql.id(t.schema, t.table);
const col = (alias: string, c: Col | string) => sql.id(alias, typeof c === 'string' ? c : c.name);
const txt = (alias: string, c: Col) => (c.family === 'text' ? col(alias, c) : sql`${col(alias, c)}::text`);
/** Equality of two columns that may differ in type (compared as text then). */
const same = (a: string, ac: Col, b: string, bc: Col) => (ac.family === bc.family ? sql`${col(a, ac)} = ${col(b, bc)}` : sql`${txt(a, ac)} = ${txt(b, bc)}`);
const keyOf = (t: Target) => (t.keyColumn ? sql`t.${sql.id(t.keyColumn)}::text` : sql`t.ctid::text`);
const nonBlank = (c: Col) => (c.family === 'text' ? sql`nullif(btrim(${col('t', c)}), '')` : col('t', c));

function asDate(c: Col): RawBuilder<unknown> {
  if (c.family === 'date') return col('t', c);
  if (c.family === 'timestamp') return sql`(${col('t', c)} at time zone 'Asia/Shanghai')::date`;
  return sql`quality_try_date(btrim(${txt('t', c)}))`;
}
function asNumber(c: Col): RawBuilder<unknown> {
  if (c.family === 'number') return sql`${col('t', c)}::numeric`;
  return sql`(case when btrim(${txt('t', c)}) ~ '^-?[0-9]+(\\.[0-9]+)?$' then btrim(${txt('t', c)})::numeric end)`;
}

/** Checked-rows scope and failing-row condition of the simple one-table checks. */
function condition(s: Exclude<CheckSpec, { kind: 'unique' | 'cross_source' | 'custom_sql' }>): { scope: RawBuilder<unknown>; fail: RawBuilder<unknown> } {
  const c = s.column;
  const present = sql`${nonBlank(c)} is not null`;
  switch (s.kind) {
    case 'not_null':
      return { scope: sql`true`, fail: sql`${nonBlank(c)} is null` };
    case 'regex':
      return { scope: present, fail: sql`${txt('t', c)} !~ ${s.pattern}` };
    case 'length': {
      const len = sql`char_length(${txt('t', c)})`;
      const parts = [s.min != null ? sql`${len} < ${s.min}` : null, s.max != null ? sql`${len} > ${s.max}` : null].filter((x) => x !== null);
      return { scope: present, fail: parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false` };
    }
    case 'range': {
      const v = s.valueKind === 'date' ? asDate(c) : asNumber(c);
      const cast = s.valueKind === 'date' ? sql.raw('date') : sql.raw('numeric');
      const parts = [sql`${v} is null`];
      if (s.min != null) parts.push(sql`${v} < ${s.min}::${cast}`);
      if (s.max != null) parts.push(sql`${v} > ${s.max}::${cast}`);
      return { scope: present, fail: sql`(${sql.join(parts, sql` or `)})` };
    }
    case 'code_table':
      // NOT IN over an uncorrelated subquery: a hashed subplan (values are never null), not a lookup per row.
      return { scope: present, fail: sql`btrim(${txt('t', c)}) not in (select v.value from quality_code_values v where v.table_id = ${s.codeTableId}::uuid)` };
    case 'id_number':
      return { scope: present, fail: sql`not quality_id_number_valid(${txt('t', c)})` }; // surrounding spaces make a number invalid
    case 'credit_code':
      return { scope: present, fail: sql`not quality_credit_code_valid(${txt('t', c)})` };
    case 'date_valid':
      return { scope: present, fail: sql`coalesce(${asDate(c)} > ${s.today}::date, true)` };
    case 'reference':
      return {
        scope: present,
        fail: sql`not exists (select 1 from ${tbl(s.ref)} r where r.deleted_at is null and ${same('r', s.ref.column, 't', c)})`,
      };
  }
}

const outcome = (row: { checked: unknown; failed: unknown; samples: unknown } | undefined): CheckOutcome => ({
  checked: Number(row?.checked ?? 0),
  failed: Number(row?.failed ?? 0),
  samples: ((row?.samples as (string | null)[] | null) ?? []).map((x) => x ?? '').slice(0, SAMPLE_LIMIT),
});

type Row = { checked: string; failed: string; samples: string[] };

/** Words that may follow `{table}` and are not an alias the statement gives it. */
const NOT_ALIAS = /^(where|join|inner|left|right|full|cross|natural|on|using|group|order|limit|offset|fetch|having|window|union|intersect|except|for|as)$/i;

/**
 * A custom statement with each `{table}` replaced by the entry's live rows as a derived table. PostgreSQL before 16
 * requires an alias on a subquery in FROM: the statement's own alias is kept (`{table} p`, `{table} as p`), otherwise
 * `t`, `t2`, … are given.
 */
function spliceTable(statement: string, target: Target): RawBuilder<unknown> {
  const live = sql`(select * from ${tbl(target)} where deleted_at is null)`;
  const parts: RawBuilder<unknown>[] = [];
  const re = /\{table\}(\s+(?:as\s+)?([A-Za-z_][A-Za-z0-9_]*))?/g;
  let last = 0;
  let n = 0;
  for (let m = re.exec(statement); m; m = re.exec(statement)) {
    parts.push(sql.raw(statement.slice(last, m.index)));
    const own = m[2] && !NOT_ALIAS.test(m[2]) ? m[2] : null;
    n += 1;
    parts.push(sql`${live} as ${sql.id(own ?? (n === 1 ? 't' : `t${n}`))}`);
    last = own ? re.lastIndex : m.index + '{table}'.length;
    re.lastIndex = last;
  }
  parts.push(sql.raw(statement.slice(last)));
  return sql.join(parts, sql``);
}

export function createRuleChecks(db: Kysely<unknown>) {
  let jit: Promise<boolean> | null = null;
  /**
   * Runs a check query; on PostgreSQL with JIT, in a transaction with JIT off (compiling these wide expressions costs
   * more than it saves) and, for grouping checks, a larger work_mem so the hash aggregate does not spill.
   */
  async function query<R>(q: RawBuilder<R>, opts: { grouping?: boolean } = {}) {
    jit ??= sql<{ n: number }>`select count(*)::int as n from pg_settings where name = 'jit' and setting = 'on'`.execute(db).then((r) => Number(r.rows[0]?.n) > 0, () => false);
    if (db.isTransaction || !(await jit)) return q.execute(db);
    return db.transaction().execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      if (opts.grouping) await sql`set local work_mem = '256MB'`.execute(trx);
      return q.execute(trx);
    });
  }
  return {
    /** Live rows of a data table. */
    async rowCount(t: TableRef): Promise<number> {
      const r = await sql<{ n: string }>`select count(*) as n from ${tbl(t)} where deleted_at is null`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },

    /** Runs one check; throws on a database error (the caller records it on the rule's result). */
    async run(target: Target, spec: CheckSpec): Promise<CheckOutcome> {
      const key = keyOf(target);
      if (spec.kind === 'unique') {
        const cols = spec.columns.map((c) => col('t', c));
        const names = spec.columns.map((c) => sql.id(c.name));
        const notNull = sql.join(spec.columns.map((c) => sql`${nonBlank(c)} is not null`), sql` and `);
        const r = await query(sql<Row>`
          with g as materialized (select ${sql.join(cols)}, count(*) as n from ${tbl(target)} t where t.deleted_at is null and ${notNull} group by ${sql.join(cols)})
          select coalesce(sum(n), 0) as checked, coalesce(sum(n) filter (where n > 1), 0) as failed,
            array(select ${key} from ${tbl(target)} t where t.deleted_at is null
              and (${sql.join(cols)}) in (select ${sql.join(names)} from g where n > 1 limit ${SAMPLE_LIMIT}) limit ${SAMPLE_LIMIT}) as samples
          from g`, { grouping: true });
        return outcome(r.rows[0]);
      }
      if (spec.kind === 'cross_source') {
        const s = spec.source;
        const join = sql`${tbl(target)} t join ${tbl(s)} s on ${same('s', s.key, 't', spec.key)} and s.deleted_at is null`;
        const fail = spec.column.family === s.column.family ? sql`s.${sql.id(s.column.name)} is distinct from t.${sql.id(spec.column.name)}` : sql`s.${sql.id(s.column.name)}::text is distinct from t.${sql.id(spec.column.name)}::text`;
        const r = await query(sql<Row>`
          select count(*) as checked, count(*) filter (where ${fail}) as failed,
            array(select ${key} from ${join} where t.deleted_at is null and ${fail} limit ${SAMPLE_LIMIT}) as samples
          from ${join} where t.deleted_at is null and t.${sql.id(spec.key.name)} is not null`);
        return outcome(r.rows[0]);
      }
      if (spec.kind === 'custom_sql') {
        // {table} stands for the entry's live rows; the statement is spliced in after the static checks of the service.
        const user = spliceTable(spec.statement, target);
        return db.transaction().execute(async (trx) => {
          await sql`set transaction read only`.execute(trx);
          await sql.raw(`set local statement_timeout = ${Math.max(100, Math.floor(spec.timeoutMs))}`).execute(trx);
          const r = await sql<Row>`
            with f as materialized (select f0.k::text as k from (${user}) as f0(k))
            select (select count(*) from ${tbl(target)} where deleted_at is null) as checked, (select count(*) from f) as failed,
              array(select k from f limit ${SAMPLE_LIMIT}) as samples`.execute(trx);
          return outcome(r.rows[0]);
        });
      }
      const { scope, fail } = condition(spec);
      const r = await query(sql<Row>`
        select count(*) filter (where ${scope}) as checked, count(*) filter (where ${scope} and ${fail}) as failed,
          array(select ${key} from ${tbl(target)} t where t.deleted_at is null and ${scope} and ${fail} limit ${SAMPLE_LIMIT}) as samples
        from ${tbl(target)} t where t.deleted_at is null`);
      return outcome(r.rows[0]);
    },

    /** The database's complaint about a regular expression, or null when PostgreSQL accepts it. */
    async regexProblem(pattern: string): Promise<string | null> {
      try {
        await sql`select ''::text ~ ${pattern}`.execute(db);
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    },

    /** Plans a custom statement read-only (EXPLAIN, not run); returns the database's complaint or null. */
    async customSqlProblem(target: Target, statement: string): Promise<string | null> {
      const user = spliceTable(statement, target);
      try {
        await db.transaction().execute(async (trx) => {
          await sql`set transaction read only`.execute(trx);
          await sql`set local statement_timeout = 5000`.execute(trx);
          await sql`explain select f0.k::text from (${user}) as f0(k)`.execute(trx);
        });
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    },
  };
}
export type RuleChecks = ReturnType<typeof createRuleChecks>;
