import { CompiledQuery, sql, type Generated, type Insertable, type Kysely, type RawBuilder, type Selectable } from 'kysely';

// A type alias (not an interface) so Kysely's withTables accepts it.
export type GatewayTables = {
  gateway_credentials: {
    id: string;
    app_key: string;
    system_id: string;
    department_id: string;
    name: string;
    status: 'active' | 'revoked';
    created_by: string | null;
    created_at: Generated<Date>;
    revoked_at: Date | null;
  };
  gateway_secrets: { id: string; credential_id: string; salt: string; secret_hash: string; secret_enc: Buffer; created_at: Generated<Date>; expires_at: Date | null };
  gateway_tokens: { token_hash: string; credential_id: string; expires_at: Date; created_at: Generated<Date> };
  gateway_upstream_credentials: {
    entry_id: string;
    department_id: string;
    kind: 'token' | 'app_key';
    header_name: string | null;
    app_key: string | null;
    salt: string;
    secret_hash: string;
    secret_enc: Buffer;
    updated_by: string | null;
    updated_at: Date;
  };
  gateway_nonces: { app_key: string; nonce: string; expires_at: Date };
  gateway_calls: {
    seq: number;
    id: string;
    request_id: string;
    request_in_at: Date;
    response_out_at: Date;
    duration_ms: number;
    request_size: number;
    response_size: number;
    method: string;
    path: string;
    client_ip: string | null;
    credential_id: string | null;
    consumer_department_id: string | null;
    consumer_system_id: string | null;
    provider_department_id: string | null;
    entry_id: string | null;
    grant_id: string | null;
    operation: string | null;
    status: number;
    succeeded: boolean;
    fault_code: string | null;
    fault_string: string | null;
    purpose: string | null;
    case_number: string | null;
    operator_id: string | null;
    key_hashes: string[];
    record_count: number;
    prev_hash: string;
    hash: string;
  };
};

export type CredentialRow = Selectable<GatewayTables['gateway_credentials']>;
export type SecretRow = Selectable<GatewayTables['gateway_secrets']>;
export type CallRow = Selectable<GatewayTables['gateway_calls']>;

/** What the gateway statistics group calls by (fault: the fault code of failed calls, null for served ones). */
export type StatsGroupBy = 'grant' | 'consumer' | 'provider' | 'entry' | 'fault';

/** SQL text of reads by key, by table layout (schema, table, key column, columns): see rowsByKeys. */
const keyReads = new Map<string, string>();

/** A quoted SQL identifier ("schema"."table"); the caller has already validated the names. */
const ident = (name: string) => sql.id(name);

/** SQL of the gateway: credentials, secrets, tokens, nonces, the call log and reads of mounted data tables. */
export function createGatewayRepository(base: Kysely<unknown>) {
  const db = base.withTables<GatewayTables>();

  return {
    // ── credentials ────────────────────────────────────────────────────────
    insertCredential: (row: Insertable<GatewayTables['gateway_credentials']>) => db.insertInto('gateway_credentials').values(row).execute(),
    insertSecret: (row: Insertable<GatewayTables['gateway_secrets']>) => db.insertInto('gateway_secrets').values(row).execute(),
    credential: (id: string) => db.selectFrom('gateway_credentials').selectAll().where('id', '=', id).executeTakeFirst(),
    credentialByKey: (appKey: string) => db.selectFrom('gateway_credentials').selectAll().where('app_key', '=', appKey).executeTakeFirst(),
    credentialForUpdate: (id: string) => db.selectFrom('gateway_credentials').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    listCredentials: (departmentId: string | null) => {
      let q = db.selectFrom('gateway_credentials').selectAll().orderBy('created_at', 'desc');
      if (departmentId) q = q.where('department_id', '=', departmentId);
      return q.execute();
    },
    credentialsOfSystem: (systemId: string) => db.selectFrom('gateway_credentials').selectAll().where('system_id', '=', systemId).where('status', '=', 'active').execute(),
    /** Secrets still usable at `now` (no expiry or expiring later), newest first. */
    usableSecrets: (credentialId: string, now: Date) =>
      db
        .selectFrom('gateway_secrets')
        .selectAll()
        .where('credential_id', '=', credentialId)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .orderBy('created_at', 'desc')
        .execute(),
    expireSecrets: (credentialId: string, at: Date) =>
      db.updateTable('gateway_secrets').set({ expires_at: at }).where('credential_id', '=', credentialId).where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)])).execute(),
    revokeCredential: async (id: string, at: Date) => {
      await db.updateTable('gateway_credentials').set({ status: 'revoked', revoked_at: at }).where('id', '=', id).execute();
      await db.updateTable('gateway_secrets').set({ expires_at: at }).where('credential_id', '=', id).where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)])).execute();
      await db.deleteFrom('gateway_tokens').where('credential_id', '=', id).execute();
    },
    secretCounts: async (ids: string[], now: Date) => {
      if (!ids.length) return new Map<string, number>();
      const rows = await db
        .selectFrom('gateway_secrets')
        .select(['credential_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('credential_id', 'in', ids)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .groupBy('credential_id')
        .execute();
      return new Map(rows.map((r) => [r.credential_id, Number(r.n)]));
    },

    // ── tokens and nonces ──────────────────────────────────────────────────
    insertToken: (row: Insertable<GatewayTables['gateway_tokens']>) => db.insertInto('gateway_tokens').values(row).execute(),

    // ── upstream credentials (API proxy) ───────────────────────────────────
    upstreamCredential: (entryId: string) => db.selectFrom('gateway_upstream_credentials').selectAll().where('entry_id', '=', entryId).executeTakeFirst(),
    upstreamCredentials: (entryIds: string[]) =>
      entryIds.length ? db.selectFrom('gateway_upstream_credentials').selectAll().where('entry_id', 'in', entryIds).execute() : Promise.resolve([]),
    async saveUpstreamCredential(row: Selectable<GatewayTables['gateway_upstream_credentials']>) {
      const { entry_id: _, ...rest } = row;
      await db.insertInto('gateway_upstream_credentials').values(row).onConflict((oc) => oc.column('entry_id').doUpdateSet(rest)).execute();
    },
    deleteUpstreamCredential: (entryId: string) => db.deleteFrom('gateway_upstream_credentials').where('entry_id', '=', entryId).executeTakeFirst(),
    token: (hash: string, now: Date) => db.selectFrom('gateway_tokens').selectAll().where('token_hash', '=', hash).where('expires_at', '>', now).executeTakeFirst(),
    /** Claims many nonces in one statement (gateway-nonces.ts); the `appKey\nnonce` pairs that were new (inserted). */
    async claimNonces(claims: { appKey: string; nonce: string; expiresAt: Date }[]): Promise<Set<string>> {
      if (!claims.length) return new Set();
      const values = sql.join(claims.map((c) => sql`(${c.appKey}::text, ${c.nonce}::text, ${c.expiresAt}::timestamptz)`));
      // Committed without waiting for the WAL flush (synchronous_commit off for this statement's transaction only): a
      // nonce lost in a crash can only be replayed within its few minutes, and the call itself is logged.
      const r = await sql<{ app_key: string; nonce: string }>`insert into gateway_nonces (app_key, nonce, expires_at)
        select v.app_key, v.nonce, v.expires_at from (values ${values}) as v (app_key, nonce, expires_at), (select set_config('synchronous_commit', 'off', true)) s
        on conflict do nothing returning app_key, nonce`.execute(db);
      return new Set(r.rows.map((x) => `${x.app_key}\n${x.nonce}`));
    },
    async purgeExpired(now: Date) {
      await db.deleteFrom('gateway_nonces').where('expires_at', '<', now).execute();
      await db.deleteFrom('gateway_tokens').where('expires_at', '<', now).execute();
    },

    // ── call log ───────────────────────────────────────────────────────────
    /** The chain head, locked for the batch being appended (a transaction-level advisory lock serialises writers). */
    async lockHead(): Promise<{ seq: number; hash: string } | null> {
      await sql`select pg_advisory_xact_lock(${GATEWAY_LOG_LOCK})`.execute(db);
      const row = await db.selectFrom('gateway_calls').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row ? { seq: Number(row.seq), hash: row.hash } : null;
    },
    /**
     * Appends a batch of chained calls. The rows travel as one JSON text expanded by jsonb_to_recordset: one parameter
     * serialised by V8 instead of 29 arrays element by element (the driver's array encoding showed in the gateway's
     * CPU profile). Dates go as ISO text with their milliseconds, as the chain hash reads them back.
     */
    async insertCalls(rows: CallRow[]): Promise<void> {
      if (!rows.length) return;
      await sql`insert into gateway_calls (seq, id, request_id, request_in_at, response_out_at, duration_ms, request_size, response_size, method, path,
          client_ip, credential_id, consumer_department_id, consumer_system_id, provider_department_id, entry_id, grant_id, operation, status, succeeded,
          fault_code, fault_string, purpose, case_number, operator_id, key_hashes, record_count, prev_hash, hash)
        select seq, id, request_id, request_in_at, response_out_at, duration_ms, request_size, response_size, method, path,
          client_ip, credential_id, consumer_department_id, consumer_system_id, provider_department_id, entry_id, grant_id, operation, status, succeeded,
          fault_code, fault_string, purpose, case_number, operator_id, key_hashes, record_count, prev_hash, hash
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as t (seq bigint, id uuid, request_id text, request_in_at timestamptz,
          response_out_at timestamptz, duration_ms float8, request_size int, response_size int, method text, path text, client_ip text,
          credential_id uuid, consumer_department_id uuid, consumer_system_id uuid, provider_department_id uuid, entry_id uuid, grant_id text,
          operation text, status int, succeeded bool, fault_code text, fault_string text, purpose text, case_number text, operator_id text,
          key_hashes text[], record_count int, prev_hash text, hash text)
        order by seq`.execute(db);
    },
    callsAfter: (seq: number, limit: number) => db.selectFrom('gateway_calls').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute(),
    async callsToday(grantId: string, since: Date): Promise<number> {
      const r = await db.selectFrom('gateway_calls').select((eb) => eb.fn.countAll<string>().as('n')).where('grant_id', '=', grantId).where('request_in_at', '>=', since).where('succeeded', '=', true).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    usesOfKey: (keyHash: string, limit: number) =>
      db
        .selectFrom('gateway_calls')
        .select(['id', 'request_in_at', 'consumer_department_id', 'consumer_system_id', 'provider_department_id', 'entry_id', 'operation', 'purpose', 'case_number'])
        .where('key_hashes', '@>', sql<string[]>`array[${keyHash}]::text[]`)
        .where('succeeded', '=', true)
        .orderBy('request_in_at', 'desc')
        .limit(limit)
        .execute(),

    /** Calls grouped by day and a dimension, with error counts and latency percentiles (ms). */
    async stats(filter: { from: Date; to: Date; departmentId: string | null }, groupBy: StatsGroupBy) {
      const column = { grant: 'grant_id', consumer: 'consumer_department_id', provider: 'provider_department_id', entry: 'entry_id', fault: 'fault_code' }[groupBy];
      const own = filter.departmentId
        ? sql`and (consumer_department_id = ${filter.departmentId} or provider_department_id = ${filter.departmentId})`
        : sql``;
      const rows = await sql<{ day: string; key: string | null; calls: string; errors: string; p50: number | null; p95: number | null; p99: number | null }>`
        select to_char(request_in_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, ${sql.ref(column)}::text as key,
          count(*) as calls, count(*) filter (where not succeeded) as errors,
          percentile_cont(0.5) within group (order by duration_ms) as p50,
          percentile_cont(0.95) within group (order by duration_ms) as p95,
          percentile_cont(0.99) within group (order by duration_ms) as p99
        from gateway_calls
        where request_in_at >= ${filter.from} and request_in_at < ${filter.to} ${own}
        group by 1, 2 order by 1, 2`.execute(db);
      return rows.rows;
    },

    // ── mounted data tables (quoted identifiers, values as parameters) ────
    async tableColumns(schema: string, table: string): Promise<string[]> {
      const r = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_schema = ${schema} and table_name = ${table}`.execute(db);
      return r.rows.map((x) => x.column_name);
    },
    /**
     * The live rows of these keys, each with its key as text in `__gw_key` (the column compared, so a caller can tell
     * the rows of one key from another's). One statement for any number of keys (`= any($1)`), its text built once
     * per table layout and reused: it serves every point query and verification, grouped or alone.
     */
    async rowsByKeys(t: TableRef, columns: string[], keyColumn: string, keys: string[]): Promise<(Record<string, unknown> & { __gw_key: string })[]> {
      if (!keys.length) return [];
      const shape = `${t.schema}\u0000${t.table}\u0000${t.softDelete}\u0000${keyColumn}\u0000${columns.join('\u0000')}`;
      let text = keyReads.get(shape);
      if (text === undefined) {
        text = sql`select ${ident(keyColumn)}::text as __gw_key, ${sql.join(columns.map(ident))} from ${sql.id(t.schema, t.table)}
          where ${ident(keyColumn)}::text = any(${keys}::text[])${live(t, sql` and `)}`.compile(db).sql;
        if (keyReads.size > 1000) keyReads.clear();
        keyReads.set(shape, text);
      }
      return (await db.executeQuery<Record<string, unknown> & { __gw_key: string }>(CompiledQuery.raw(text, [keys]))).rows;
    },
    async rowsAfterKey(t: TableRef, columns: string[], keyColumn: string, after: string | null, limit: number): Promise<Record<string, unknown>[]> {
      const where = after === null ? live(t, sql`where `) : sql`where ${ident(keyColumn)}::text > ${after}${live(t, sql` and `)}`;
      const r = await sql<Record<string, unknown>>`
        select ${sql.join(columns.map(ident))} from ${sql.id(t.schema, t.table)} ${where}
        order by ${ident(keyColumn)}::text limit ${limit}`.execute(db);
      return r.rows;
    },
    async rowsChangedAfter(t: TableRef, columns: string[], keyColumn: string, after: { at: string; key: string } | null, limit: number) {
      const where = after === null ? sql`` : sql`where (updated_at, ${ident(keyColumn)}::text) > (${after.at}::timestamptz, ${after.key})`;
      // The change time travels as text with its microseconds: a cursor rounded to milliseconds (a JS Date) would
      // hand back every row changed later in the same millisecond again.
      const r = await sql<Record<string, unknown> & { __updated_at: string; __deleted: boolean }>`
        select ${sql.join(columns.map(ident))}, to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as __updated_at,
          ${t.softDelete ? sql`deleted_at is not null` : sql`false`} as __deleted
        from ${sql.id(t.schema, t.table)} ${where}
        order by updated_at, ${ident(keyColumn)}::text limit ${limit}`.execute(db);
      return r.rows;
    },
  };
}

export interface TableRef {
  schema: string;
  table: string;
  /** the table has deleted_at (kernel/data-tables.ts): soft-deleted rows are not served, the change feed reports them */
  softDelete: boolean;
  /** the table has updated_at: the change feed can follow it */
  changeFeed: boolean;
}

/** The condition that skips soft-deleted rows, after `prefix`; nothing for tables without deleted_at. */
const live = (t: TableRef, prefix: RawBuilder<unknown>) => (t.softDelete ? sql`${prefix}deleted_at is null` : sql``);

const GATEWAY_LOG_LOCK = 0x67617465; // 'gate'

export type GatewayRepository = ReturnType<typeof createGatewayRepository>;
