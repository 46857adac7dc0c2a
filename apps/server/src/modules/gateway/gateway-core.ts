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
}

export const DEFAULT_GATEWAY_OPTIONS: GatewayOptions = {
  timestampWindowSeconds: 300,
  tokenTtlSeconds: 1800,
  maxBatchKeys: 1000,
  maxPageSize: 1000,
  logMaxBacklog: 10_000,
  logBatchSize: 500,
  logFlushDelayMs: 20,
  defaultRotationOverlapMinutes: 24 * 60,
};

export interface GatewayDeps {
  db: Kysely<unknown>;
  audit: AuditService;
  catalog: Pick<CatalogService, 'systems' | 'mounts'>;
  departments: { get(id: string): Promise<{ id: string; name: string }> };
  identity: { holderOf(userId: string): Promise<{ type: 'citizen' | 'entity'; id: string; name: string } | null> };
  grants: GrantLookup;
  /** Platform master key (hex, 16 bytes): seals signing secrets and peppers the key hashes of the call log. */
  masterKey: string;
  options: GatewayOptions;
  now: () => Date;
  log: { error(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void };
}
