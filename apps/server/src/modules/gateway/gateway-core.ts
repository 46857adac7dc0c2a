import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { ActiveGrant } from '../sharing/index.ts';

/** A grant the sharing module reports as active for a consumer system and an entry. */
export type { ActiveGrant };

export type GatewayOperation = ActiveGrant['operations'][number];

/** Where the gateway finds grants: the sharing module's `grants` (wired in app.ts). */
export interface GrantLookup {
  activeFor(consumerSystemId: string, entryId: string): Promise<ActiveGrant | null>;
}

export interface GatewayOptions {
  /** Accepted clock difference of X-Timestamp, seconds (±). */
  timestampWindowSeconds: number;
  /**
   * How long a node keeps a grant lookup (and its absence) before asking sharing again, seconds: a revocation or a new
   * grant takes effect within this time. 0 asks on every call.
   */
  grantCacheSeconds: number;
  /** How long a node keeps an entry's mounted table layout, seconds (a changed mount takes effect within it). */
  mountCacheSeconds: number;
  /** Bearer token lifetime, seconds. */
  tokenTtlSeconds: number;
  /** Most keys in one batch query. */
  maxBatchKeys: number;
  /** Largest page of a table read or change feed. */
  maxPageSize: number;
  /** Call-log records waiting to be written beyond which the gateway refuses calls (503). */
  logMaxBacklog: number;
  logBatchSize: number;
  logFlushDelayMs: number;
  /** Overlap of old and new secrets after a rotation when the caller names none, minutes. */
  defaultRotationOverlapMinutes: number;
  /** API proxy (逻辑接入): upstream timeout, connection to last byte, ms. */
  proxyTimeoutMs: number;
  /** API proxy: largest upstream answer, bytes (beyond → 502). */
  proxyMaxResponseBytes: number;
  /**
   * API proxy: upstream hosts allowed, as patterns — an exact host name, `*.suffix` (any subdomain), or an IPv4/IPv6
   * CIDR matched against the resolved address. Empty: any host. Link-local/metadata addresses and the platform's own
   * listen address are refused whatever this says (docs/gateway-api.md §9).
   */
  proxyAllowedHosts: string[];
  /** The platform's own listen address and port (config HOST/PORT), refused as an upstream. */
  platformListen: { host: string; port: number } | null;
}

export const DEFAULT_GATEWAY_OPTIONS: GatewayOptions = {
  timestampWindowSeconds: 300,
  grantCacheSeconds: 5,
  mountCacheSeconds: 30,
  tokenTtlSeconds: 1800,
  maxBatchKeys: 1000,
  maxPageSize: 1000,
  logMaxBacklog: 10_000,
  logBatchSize: 500,
  logFlushDelayMs: 20,
  defaultRotationOverlapMinutes: 24 * 60,
  proxyTimeoutMs: 10_000,
  proxyMaxResponseBytes: 5 * 1024 * 1024,
  proxyAllowedHosts: [],
  platformListen: null,
};

/** What the gateway asks of the disputes module: the open 存疑 marks of some records of an entry. */
export interface DisputeMarks {
  openFor(entryId: string, keys: string[]): Promise<Map<string, string[]>>;
}

export interface GatewayDeps {
  db: Kysely<unknown>;
  audit: AuditService;
  catalog: Pick<CatalogService, 'systems' | 'mounts'>;
  departments: { get(id: string): Promise<{ id: string; name: string }> };
  identity: { holderOf(userId: string): Promise<{ type: 'citizen' | 'entity'; id: string; name: string } | null> };
  grants: GrantLookup;
  /** Values under dispute (存疑, the disputes module): per key, the item code names marked; absent = none are marked. */
  disputes?: DisputeMarks;
  /** When set (PostgreSQL), the call log is chained and written by a worker thread with its own connection to this database. */
  callLogDatabaseUrl?: string;
  /** Platform master key (hex, 16 bytes): seals signing secrets and peppers the key hashes of the call log. */
  masterKey: string;
  options: GatewayOptions;
  now: () => Date;
  log: { error(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void };
}
