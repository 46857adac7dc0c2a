import { AppError } from '../../kernel/errors.ts';
import type { MountedColumn, MountedTable } from '../catalog/index.ts';
import type { CallLog, CallRecord } from './call-log.ts';
import { GatewayErrors } from './gateway.errors.ts';
import { createGatewayRepository, type TableRef } from './gateway.repository.ts';
import type { ActiveGrant, GatewayDeps, GatewayOperation } from './gateway-core.ts';
import { createKeyReader } from './gateway-key-reads.ts';
import { createSeenNonces } from './gateway-nonces.ts';
import { createLimits } from './gateway-limits.ts';
import { maskKindOf, maskedValue, plainValue } from './gateway-masking.ts';
import { ipInCidr, keyHasher, sameHex, signRequest } from './gateway-signature.ts';
import type { Credentials, GatewayCaller } from './manage-credentials.ts';

/** What the data routes hand the gateway: the request as received, transport details included. */
export interface GatewayRequest {
  method: string;
  /** path without the query string (what the signature covers) */
  path: string;
  /** the route pattern, logged instead of the path so that no key (ID number) lands in the call log */
  route: string;
  /** raw query string without '?' */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  ip: string;
  requestId: string;
  receivedAt: Date;
}

export interface GatewayResponse {
  status: number;
  body: unknown;
  /** `body` as JSON, serialized once (its length goes into the call log; the data routes send this text as is) */
  json?: string;
  /** a proxied answer (mounted API): sent as these bytes with these headers instead of `body` as JSON */
  raw?: Buffer;
  headers?: Record<string, string>;
}

/** An authorised call: who, under which grant, on which mounted table, with which granted columns. */
interface Call {
  caller: GatewayCaller;
  grant: ActiveGrant;
  table: MountedTable;
  ref: TableRef;
  key: MountedColumn;
  granted: MountedColumn[];
}

/** What a call's work returns: the answer body (or a proxied raw answer), the keys it concerned (hashed into the log) and the record count. */
export interface Outcome {
  body: unknown;
  keys: string[];
  count: number;
  raw?: { status: number; headers: Record<string, string>; body: Buffer };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NONCE = /^[A-Za-z0-9_-]{8,64}$/;
const RESERVED_SCHEMAS = new Set(['public', 'information_schema']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const KEY_ITEMS = ['id_number', 'credit_code'];
const SEEN_NONCES_PER_GENERATION = 100_000;

const header = (req: GatewayRequest, name: string): string | null => {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? null : s;
};

const encodeCursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (check(v)) return v;
  } catch {
    /* fall through */
  }
  throw GatewayErrors.invalidInput([{ path: 'querystring.cursor', message: '游标无效' }]);
}

/** The data path: authenticate, check the grant, read, filter and mask, and log every call (never serving unlogged data). */
export function createDataPath(deps: GatewayDeps, credentials: Credentials, log: CallLog) {
  const repository = createGatewayRepository(deps.db);
  const repo = () => repository;
  const limits = createLimits({ now: deps.now, countToday: (grantId, since) => repo().callsToday(grantId, since) });
  const hashKey = keyHasher(deps.masterKey);
  // Point queries and verifications of the same table arriving together share one statement (gateway-key-reads.ts).
  const keyReads = createKeyReader((t, columns, keyColumn, keys) => repo().rowsByKeys(t, columns, keyColumn, keys));
  const seenNonces = createSeenNonces(SEEN_NONCES_PER_GENERATION);
  // Which system columns (kernel/data-tables.ts) a mounted table has: updated_at (change feed), deleted_at (soft delete).
  const systemColumns = new Map<string, { updatedAt: boolean; deletedAt: boolean; at: number }>();
  async function systemColumnsOf(schema: string, table: string) {
    const cacheKey = `${schema}.${table}`;
    let hit = systemColumns.get(cacheKey);
    if (!hit || Date.now() - hit.at > 60_000) {
      const columns = new Set((await repo().tableColumns(schema, table)));
      hit = { updatedAt: columns.has('updated_at'), deletedAt: columns.has('deleted_at'), at: Date.now() };
      if (systemColumns.size > 10_000) systemColumns.clear();
      systemColumns.set(cacheKey, hit);
    }
    return hit;
  }
  // Grants and mount layouts change rarely and are read on every call: each node keeps them briefly (options).
  const grantCache = new Map<string, { grant: ActiveGrant | null; until: number }>();
  const mountCache = new Map<string, { table: MountedTable | null; until: number }>();

  async function grantFor(systemId: string, entryId: string): Promise<ActiveGrant | null> {
    const key = `${systemId}:${entryId}`;
    const now = Date.now();
    const hit = grantCache.get(key);
    if (hit && hit.until > now) return hit.grant;
    const grant = await deps.grants.activeFor(systemId, entryId);
    if (grantCache.size > 10_000) grantCache.clear();
    if (deps.options.grantCacheSeconds > 0) grantCache.set(key, { grant, until: now + deps.options.grantCacheSeconds * 1000 });
    return grant;
  }

  async function tableOf(entryId: string): Promise<MountedTable | null> {
    const now = Date.now();
    const hit = mountCache.get(entryId);
    if (hit && hit.until > now) return hit.table;
    const table = await deps.catalog.mounts.tableFor(entryId);
    if (mountCache.size > 10_000) mountCache.clear();
    if (deps.options.mountCacheSeconds > 0) mountCache.set(entryId, { table, until: now + deps.options.mountCacheSeconds * 1000 });
    return table;
  }

  // ── authentication ──────────────────────────────────────────────────────
  async function authenticate(req: GatewayRequest): Promise<GatewayCaller> {
    const authorization = header(req, 'authorization');
    if (authorization) {
      const m = /^Bearer\s+(gwt_[A-Za-z0-9_-]+)$/.exec(authorization);
      if (!m) throw GatewayErrors.tokenInvalid();
      const caller = await credentials.callerOfToken(m[1]!);
      if (!caller) throw GatewayErrors.tokenInvalid();
      return caller;
    }
    const appKey = header(req, 'x-app-key');
    const timestamp = header(req, 'x-timestamp');
    const nonce = header(req, 'x-nonce');
    const signature = header(req, 'x-signature');
    if (!appKey || !timestamp || !nonce || !signature) throw GatewayErrors.unauthenticated('缺少 X-App-Key、X-Timestamp、X-Nonce、X-Signature 请求头或 Authorization: Bearer 令牌');
    const window = deps.options.timestampWindowSeconds;
    const now = deps.now().getTime();
    if (!/^\d{10}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > window) throw GatewayErrors.timestampSkew(window);
    if (!NONCE.test(nonce)) throw GatewayErrors.unauthenticated('X-Nonce 应为 8–64 位字母、数字、下划线或连字符');
    const payload = { method: req.method, path: req.path, query: req.query, timestamp, nonce, body: req.rawBody };
    const caller = await credentials.verifySignature(appKey, (secret) => sameHex(signRequest(secret, payload), signature.toLowerCase()));
    if (!caller) throw GatewayErrors.badSignature();
    // Replay: the memory set answers repeats on this node at once; the table is the authority (other nodes, restarts).
    const nonceKey = `${appKey}:${nonce}`;
    if (seenNonces.seen(nonceKey, now)) throw GatewayErrors.nonceReplayed();
    const expires = now + 2 * window * 1000;
    seenNonces.add(nonceKey, expires);
    if (!(await credentials.claimNonce(appKey, nonce, new Date(expires)))) throw GatewayErrors.nonceReplayed();
    return caller;
  }

  // ── grant checks ────────────────────────────────────────────────────────
  function checkGrant(req: GatewayRequest, caller: GatewayCaller, grant: ActiveGrant | null, operation: GatewayOperation): ActiveGrant {
    if (!grant || grant.consumerSystemId !== caller.systemId) throw GatewayErrors.noGrant();
    const now = deps.now().getTime();
    const until = grant.validUntil.length === 10 ? Date.parse(`${grant.validUntil}T23:59:59.999+08:00`) : Date.parse(grant.validUntil);
    const from = grant.validFrom.length === 10 ? Date.parse(`${grant.validFrom}T00:00:00+08:00`) : Date.parse(grant.validFrom);
    if (!(now >= from && now <= until)) throw GatewayErrors.grantNotValid();
    if (!grant.operations.includes(operation)) throw GatewayErrors.operationNotGranted(operation);
    if (!grant.allowedIps.some((cidr) => cidr === '*' || ipInCidr(req.ip, cidr))) throw GatewayErrors.ipNotAllowed(req.ip);
    if (grant.requireCaseNumber && !header(req, 'x-case-number')) throw GatewayErrors.caseNumberRequired();
    if (grant.requireOperatorId && !header(req, 'x-operator-id')) throw GatewayErrors.operatorRequired();
    return grant;
  }

  async function mountedTable(entryId: string): Promise<{ table: MountedTable; ref: TableRef; key: MountedColumn }> {
    const table = await tableOf(entryId);
    if (!table) throw GatewayErrors.entryNotMounted(entryId);
    const schema = table.schemaName;
    if (!schema || RESERVED_SCHEMAS.has(schema.toLowerCase()) || schema.toLowerCase().startsWith('pg_')) {
      throw GatewayErrors.mountRefused('数据表须在独立的模式（schema）中，平台自身的表（public 模式）和系统表不能挂接读取');
    }
    if (!IDENT.test(schema) || !IDENT.test(table.tableName) || !table.columns.every((c) => IDENT.test(c.column))) throw GatewayErrors.mountRefused('表名或字段名不合规');
    const key = KEY_ITEMS.map((k) => table.columns.find((c) => c.itemCodeName === k)).find(Boolean) ?? table.columns.find((c) => c.authoritative) ?? table.columns[0];
    if (!key) throw GatewayErrors.mountRefused('没有映射任何字段');
    const system = await systemColumnsOf(schema, table.tableName);
    return { table, ref: { schema, table: table.tableName, softDelete: system.deletedAt, changeFeed: system.updatedAt }, key };
  }

  function shape(call: Call, row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of call.granted) out[c.itemCodeName] = maskedValue(c, call.table.grade, row[c.column]);
    return out;
  }

  /** A call on a mounted table: the table is resolved after the grant check, then the work runs on its granted columns. */
  function serve(req: GatewayRequest, entryId: string, operation: GatewayOperation, work: (call: Call) => Promise<Outcome>): Promise<GatewayResponse> {
    return serveWith(req, entryId, operation, mountedTable, (caller, grant, { table, ref, key }) => {
      const grantedItems = new Set(grant.items);
      return work({ caller, grant, table, ref, key, granted: table.columns.filter((c) => grantedItems.has(c.itemCodeName)) });
    });
  }

  /**
   * Runs one call end to end and logs it: authenticate, check the grant, resolve the entry's resource, rate limit and
   * quota, the work, and the call-log record, which is queued before anything is returned.
   */
  async function serveWith<R>(
    req: GatewayRequest, entryId: string, operation: GatewayOperation, resolve: (entryId: string) => Promise<R>,
    work: (caller: GatewayCaller, grant: ActiveGrant, resource: R) => Promise<Outcome>,
  ): Promise<GatewayResponse> {
    const record: CallRecord = {
      requestId: req.requestId, requestInAt: req.receivedAt, responseOutAt: req.receivedAt, requestSize: Buffer.byteLength(req.rawBody) + Buffer.byteLength(req.query),
      responseSize: 0, method: req.method, path: req.route, clientIp: req.ip, credentialId: null, consumerDepartmentId: null, consumerSystemId: null,
      // entry_id is a uuid column: a malformed id from the URL would fail the whole batch and stop the gateway.
      providerDepartmentId: null, entryId: UUID.test(entryId) ? entryId : null, grantId: null, operation, status: 200, faultCode: null, faultString: null, purpose: null,
      caseNumber: header(req, 'x-case-number')?.slice(0, 100) ?? null, operatorId: header(req, 'x-operator-id')?.slice(0, 100) ?? null, keyHashes: [], recordCount: 0,
    };
    let response: GatewayResponse;
    try {
      if (!log.accepting()) throw GatewayErrors.logUnavailable();
      const caller = await authenticate(req);
      Object.assign(record, { credentialId: caller.credentialId, consumerDepartmentId: caller.departmentId, consumerSystemId: caller.systemId });
      if (!UUID.test(entryId)) throw GatewayErrors.entryNotMounted(entryId);
      const grant = checkGrant(req, caller, await grantFor(caller.systemId, entryId), operation);
      Object.assign(record, { grantId: grant.id, providerDepartmentId: grant.providerDepartmentId, purpose: grant.purpose });
      const resource = await resolve(entryId);
      if (!limits.takeToken(grant.id, grant.rateLimitPerMinute)) throw GatewayErrors.rateLimited(grant.rateLimitPerMinute);
      // The quota counter is seeded from the call log: if that store cannot be read, the log is unavailable too.
      const withinQuota = await limits.takeQuota(grant.id, grant.dailyQuota).catch((err: unknown) => {
        deps.log.error({ err }, 'gateway quota counter unavailable');
        throw GatewayErrors.logUnavailable();
      });
      if (!withinQuota) throw GatewayErrors.quotaExceeded(grant.dailyQuota);
      const outcome = await work(caller, grant, resource);
      record.keyHashes = [...new Set(outcome.keys.map(hashKey))];
      record.recordCount = outcome.count;
      response = outcome.raw
        ? { status: outcome.raw.status, body: null, raw: outcome.raw.body, headers: outcome.raw.headers }
        : { status: 200, body: { requestId: req.requestId, ...(outcome.body as object) } };
    } catch (err) {
      if (!(err instanceof AppError)) deps.log.error({ err, requestId: req.requestId }, 'gateway call failed');
      const e = err instanceof AppError ? err : new AppError('GATEWAY_INTERNAL_ERROR', 500, `网关内部错误，请联系管理员并提供请求编号 ${req.requestId}`);
      response = { status: e.status, body: { error: { code: e.code, message: e.message, details: e.details } } };
      record.faultCode = e.code;
      record.faultString = e.message;
    }
    record.status = response.status;
    record.responseOutAt = deps.now();
    if (!response.raw) response.json = JSON.stringify(response.body);
    record.responseSize = response.raw ? response.raw.length : Buffer.byteLength(response.json!);
    if (!log.append(record) && response.status < 400) {
      // The call could not be logged: its data is not served.
      deps.log.error({ requestId: req.requestId, backlog: log.status().backlog }, 'gateway call log full: call refused');
      const e = GatewayErrors.logUnavailable();
      return { status: e.status, body: { error: { code: e.code, message: e.message, details: e.details } } };
    }
    return response;
  }

  const keyOf = (call: Call, row: Record<string, unknown>) => String(plainValue(row[call.key.column], call.key.dataType) ?? '');

  /** 存疑: per key, the granted items whose values are under dispute (the disputes module's open marks). */
  async function disputedOf(call: Call, keys: string[]): Promise<(key: string) => string[]> {
    const marks = deps.disputes && keys.length ? await deps.disputes.openFor(call.table.entryId, keys) : null;
    if (!marks?.size) return () => [];
    const granted = new Set(call.granted.map((c) => c.itemCodeName));
    return (key) => (marks.get(key) ?? []).filter((item) => granted.has(item));
  }
  const columnsOf = (call: Call) => [...new Set([call.key.column, ...call.granted.map((c) => c.column)])];

  function checkKeys(keys: unknown[], path: string): string[] {
    const bad = keys.map((k, i) => (typeof k === 'string' && k.trim() && k.length <= 64 ? null : { path: `${path}.${i}`, message: '标识应为 1–64 位字符串' })).filter((x) => x !== null);
    if (bad.length) throw GatewayErrors.invalidInput(bad);
    return keys.map((k) => (k as string).trim());
  }

  return {
    accepting: () => log.accepting(),

    /** The pipeline for other resources of an entry (the API proxy, proxy-api.ts). */
    serveWith,

    /** 按标识查询: the granted items of the record with this key. */
    query: (req: GatewayRequest, entryId: string, key: string) =>
      serve(req, entryId, 'query', async (call) => {
        const [k] = checkKeys([key], 'params.key');
        const rows = await keyReads.rows(call.ref, columnsOf(call), call.key.column, k!);
        if (!rows[0]) throw GatewayErrors.recordNotFound();
        const disputed = await disputedOf(call, [k!]);
        return { body: { entryId, record: shape(call, rows[0]), disputed: disputed(k!) }, keys: [k!], count: 1 };
      }),

    /** 批量查询: up to maxBatchKeys keys; each answered found or not. */
    batch: (req: GatewayRequest, entryId: string, keys: unknown) =>
      serve(req, entryId, 'batch', async (call) => {
        if (!Array.isArray(keys) || !keys.length) throw GatewayErrors.invalidInput([{ path: 'body.keys', message: '应为非空的标识数组' }]);
        if (keys.length > deps.options.maxBatchKeys) throw GatewayErrors.invalidInput([{ path: 'body.keys', message: `一次最多查询 ${deps.options.maxBatchKeys} 个标识` }]);
        const list = [...new Set(checkKeys(keys, 'body.keys'))];
        const rows = await repo().rowsByKeys(call.ref, columnsOf(call), call.key.column, list);
        const byKey = new Map(rows.map((r) => [r.__gw_key, r]));
        const disputed = await disputedOf(call, [...byKey.keys()]);
        const records = list.map((k) => {
          const row = byKey.get(k);
          return row ? { key: k, found: true, record: shape(call, row), disputed: disputed(k) } : { key: k, found: false, record: null, disputed: [] };
        });
        return { body: { entryId, records }, keys: list, count: rows.length };
      }),

    /** 核验: does each given value match the record? Only true/false per item, never the data. */
    verify: (req: GatewayRequest, entryId: string, key: unknown, input: unknown) =>
      serve(req, entryId, 'verify', async (call) => {
        const [k] = checkKeys([key], 'body.key');
        if (!input || typeof input !== 'object' || Array.isArray(input)) throw GatewayErrors.invalidInput([{ path: 'body.values', message: '应为 { 信息项: 值 } 对象' }]);
        const values = input as Record<string, unknown>;
        const names = Object.keys(values);
        if (!names.length) throw GatewayErrors.invalidInput([{ path: 'body.values', message: '至少给出一个待核验的信息项' }]);
        const granted = new Map(call.granted.map((c) => [c.itemCodeName, c]));
        const missing = names.filter((n) => !granted.has(n));
        if (missing.length) throw GatewayErrors.itemsNotGranted(missing);
        const row = (await keyReads.rows(call.ref, columnsOf(call), call.key.column, k!))[0];
        const norm = (c: MountedColumn, v: unknown) => {
          const s = v === null || v === undefined ? '' : String(v).trim();
          return maskKindOf(c) === 'idNumber' || maskKindOf(c) === 'creditCode' ? s.toUpperCase() : s;
        };
        const matches = Object.fromEntries(names.map((n) => {
          const c = granted.get(n)!;
          return [n, row ? norm(c, plainValue(row[c.column], c.dataType)) === norm(c, values[n]) && norm(c, values[n]) !== '' : false];
        }));
        const disputed = row ? (await disputedOf(call, [k!]))(k!).filter((n) => names.includes(n)) : [];
        return { body: { entryId, found: Boolean(row), matches, disputed }, keys: [k!], count: row ? 1 : 0 };
      }),

    /** 分页读取 (bulk grants): keyset pages ordered by the key. */
    read: (req: GatewayRequest, entryId: string, cursor: string | undefined, limit: number) =>
      serve(req, entryId, 'read', async (call) => {
        const after = decodeCursor(cursor, (v): v is { k: string } => typeof (v as { k?: unknown })?.k === 'string');
        const size = Math.min(limit, deps.options.maxPageSize);
        const rows = await repo().rowsAfterKey(call.ref, columnsOf(call), call.key.column, after?.k ?? null, size);
        const keys = rows.map((r) => keyOf(call, r));
        const nextCursor = rows.length === size ? encodeCursor({ k: keys[keys.length - 1] }) : null;
        const disputed = await disputedOf(call, keys);
        return { body: { entryId, records: rows.map((r) => shape(call, r)), disputed: keys.map(disputed), nextCursor }, keys, count: rows.length };
      }),

    /** 增量订阅: rows changed after the cursor, oldest first (tables with an updated_at column only). */
    changes: (req: GatewayRequest, entryId: string, cursor: string | undefined, limit: number) =>
      serve(req, entryId, 'subscribe', async (call) => {
        if (!call.ref.changeFeed) {
          // A table without updated_at may gain it: look again rather than trust the cached layout.
          systemColumns.delete(`${call.ref.schema}.${call.ref.table}`);
          call.ref.changeFeed = (await systemColumnsOf(call.ref.schema, call.ref.table)).updatedAt;
          if (!call.ref.changeFeed) throw GatewayErrors.noChangeFeed();
        }
        const after = decodeCursor(cursor, (v): v is { at: string; k: string } => typeof (v as { at?: unknown })?.at === 'string' && typeof (v as { k?: unknown }).k === 'string');
        const size = Math.min(limit, deps.options.maxPageSize);
        const rows = await repo().rowsChangedAfter(call.ref, columnsOf(call), call.key.column, after ? { at: after.at, key: after.k } : null, size).catch(async (err: unknown) => {
          // The table lost a column since its layout was cached (undefined_column): look again before answering.
          if ((err as { code?: string }).code !== '42703') throw err;
          systemColumns.delete(`${call.ref.schema}.${call.ref.table}`);
          if (!(await systemColumnsOf(call.ref.schema, call.ref.table)).updatedAt) throw GatewayErrors.noChangeFeed();
          throw err;
        });
        const keys = rows.map((r) => keyOf(call, r));
        const last = rows[rows.length - 1];
        const lastAt = last ? last.__updated_at : null;
        const nextCursor = last ? encodeCursor({ at: lastAt, k: keys[keys.length - 1] }) : (cursor ?? null);
        const disputed = await disputedOf(call, keys);
        const records = rows.map((r, i) => ({ changedAt: r.__updated_at, deleted: r.__deleted === true, record: shape(call, r), disputed: disputed(keys[i]!) }));
        return { body: { entryId, records, nextCursor, more: rows.length === size }, keys, count: rows.length };
      }),
  };
}

export type DataPath = ReturnType<typeof createDataPath>;
