import { randomUUID } from 'node:crypto';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { GatewayErrors } from './gateway.errors.ts';
import { createGatewayRepository, type CredentialRow } from './gateway.repository.ts';
import type { GatewayDeps } from './gateway-core.ts';
import { createNonceClaimer } from './gateway-nonces.ts';
import { newAppKey, newSalt, newSecret, newToken, openSecret, sameHex, sealSecret, secretVerifier, tokenHash } from './gateway-signature.ts';

const PERMISSION = 'gateway.credential.manage';

/** A consumer system's identity at the gateway, once its credential is verified. */
export interface GatewayCaller {
  credentialId: string;
  appKey: string;
  systemId: string;
  departmentId: string;
}

interface CachedCredential {
  row: CredentialRow;
  /** opened secrets with the instant they stop being usable (null: no expiry), checked on every call */
  secrets: { secret: string; expiresAt: number | null }[];
  loadedAt: number;
}

/**
 * 调用凭据: an app key per consumer information system with one or two usable secrets (two during a rotation's
 * overlap window), and OAuth2 client-credentials bearer tokens. Managed by the consumer department's stewards.
 */
export function createCredentials(deps: GatewayDeps) {
  const repository = createGatewayRepository(deps.db);
  const repo = () => repository;
  // Credentials with their opened secrets, kept briefly (CACHE_MS) so the data path neither queries nor decrypts (SM4)
  // on every call. Trade-off: a revocation or rotation drops the entry at once on the node that made it, but another
  // node may go on accepting a revoked credential's signatures for up to CACHE_MS (docs/gateway-api.md §2.1). The
  // opened secrets live only in this process's memory, as the master key that opens them already does.
  const cache = new Map<string, CachedCredential>();
  const CACHE_MS = 10_000;
  const nonces = createNonceClaimer(deps.db);

  async function view(rows: CredentialRow[]) {
    const now = deps.now();
    const counts = await repo().secretCounts(rows.map((r) => r.id), now);
    const out = [];
    for (const r of rows) {
      const system = await deps.catalog.systems.find(r.system_id);
      out.push({
        id: r.id, appKey: r.app_key, name: r.name, systemId: r.system_id, systemName: system?.name ?? '', departmentId: r.department_id,
        departmentName: (await deps.departments.get(r.department_id)).name, status: r.status, activeSecrets: counts.get(r.id) ?? 0,
        createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null,
      });
    }
    return out;
  }

  /** The credential if the caller may manage it: scope all, or department scope and the consumer department's own. */
  function requireManageable(ctx: RequestContext, row: CredentialRow | undefined, id: string): CredentialRow {
    const scope = scopeOf(ctx, PERMISSION);
    if (!row || !(scope === 'all' || (scope === 'department' && row.department_id === ctx.actor?.departmentId))) throw GatewayErrors.credentialNotFound(id);
    return row;
  }

  async function addSecret(r: ReturnType<typeof createGatewayRepository>, credentialId: string) {
    const secret = newSecret();
    const salt = newSalt();
    await r.insertSecret({ id: randomUUID(), credential_id: credentialId, salt, secret_hash: secretVerifier(salt, secret), secret_enc: sealSecret(deps.masterKey, secret), expires_at: null });
    return secret;
  }

  async function load(appKey: string): Promise<CachedCredential | null> {
    const hit = cache.get(appKey);
    if (hit && Date.now() - hit.loadedAt < CACHE_MS) return hit;
    const row = await repo().credentialByKey(appKey);
    if (!row || row.status !== 'active') {
      cache.delete(appKey);
      return null;
    }
    const secrets = (await repo().usableSecrets(row.id, deps.now()))
      .map((s) => ({ secret: openSecret(deps.masterKey, s.secret_enc, s.salt, s.secret_hash), expiresAt: s.expires_at ? s.expires_at.getTime() : null }))
      .filter((s): s is { secret: string; expiresAt: number | null } => s.secret !== null);
    const entry = { row, secrets, loadedAt: Date.now() };
    if (cache.size > 10_000) cache.clear();
    cache.set(appKey, entry);
    return entry;
  }

  const callerOf = (row: CredentialRow): GatewayCaller => ({ credentialId: row.id, appKey: row.app_key, systemId: row.system_id, departmentId: row.department_id });

  return {
    async list(ctx: RequestContext) {
      const scope = scopeOf(ctx, PERMISSION);
      const dept = scope === 'all' ? null : ctx.actor?.departmentId;
      if (dept === undefined || dept === null && scope !== 'all') return { items: [] };
      return { items: await view(await repo().listCredentials(dept)) };
    },

    async get(ctx: RequestContext, id: string) {
      return (await view([requireManageable(ctx, await repo().credential(id), id)]))[0]!;
    },

    /** Creates an app key and secret for one of the department's systems; the secret is returned only here. */
    async create(ctx: RequestContext, input: { systemId: string; name?: string | undefined }) {
      const system = await deps.catalog.systems.find(input.systemId);
      const scope = scopeOf(ctx, PERMISSION);
      if (!system) throw GatewayErrors.systemNotFound(input.systemId);
      if (!(scope === 'all' || (scope === 'department' && system.departmentId === ctx.actor?.departmentId))) throw GatewayErrors.notOwnSystem();
      const id = randomUUID();
      const appKey = newAppKey();
      let secret = '';
      await inTransaction(deps.db, async (trx) => {
        const r = createGatewayRepository(trx);
        await r.insertCredential({ id, app_key: appKey, system_id: system.id, department_id: system.departmentId, name: input.name?.trim() ?? '', status: 'active', created_by: ctx.actor?.userId ?? null, revoked_at: null });
        secret = await addSecret(r, id);
        await deps.audit.record(trx, ctx, { action: 'gateway.credential.create', targetType: 'gateway-credential', targetId: id, details: { appKey, systemId: system.id, systemName: system.name } });
      });
      return { credential: (await view([(await repo().credential(id))!]))[0]!, appKey, secret };
    },

    /** A new secret; the old ones keep working until the overlap window ends (rotation without downtime). */
    async rotate(ctx: RequestContext, id: string, overlapMinutes: number) {
      let secret = '';
      let appKey = '';
      const until = new Date(deps.now().getTime() + overlapMinutes * 60_000);
      await inTransaction(deps.db, async (trx) => {
        const r = createGatewayRepository(trx);
        const row = requireManageable(ctx, await r.credentialForUpdate(id), id);
        if (row.status !== 'active') throw GatewayErrors.credentialRevoked();
        appKey = row.app_key;
        await r.expireSecrets(id, until);
        secret = await addSecret(r, id);
        await deps.audit.record(trx, ctx, { action: 'gateway.credential.rotate', targetType: 'gateway-credential', targetId: id, details: { appKey, overlapMinutes, oldSecretsExpireAt: until.toISOString() } });
      });
      cache.delete(appKey);
      return { credential: await this.get(ctx, id), appKey, secret, previousSecretsExpireAt: until.toISOString() };
    },

    async revoke(ctx: RequestContext, id: string) {
      let appKey = '';
      await inTransaction(deps.db, async (trx) => {
        const r = createGatewayRepository(trx);
        const row = requireManageable(ctx, await r.credentialForUpdate(id), id);
        if (row.status !== 'active') throw GatewayErrors.credentialRevoked();
        appKey = row.app_key;
        await r.revokeCredential(id, deps.now());
        await deps.audit.record(trx, ctx, { action: 'gateway.credential.revoke', targetType: 'gateway-credential', targetId: id, details: { appKey } });
      });
      cache.delete(appKey);
      return this.get(ctx, id);
    },

    // ── used by the data path ──────────────────────────────────────────────
    /** The caller whose secret produced `signature` over `payload` (any usable secret: rotation overlap), or null. */
    async verifySignature(appKey: string, check: (secret: string) => boolean): Promise<GatewayCaller | null> {
      const c = await load(appKey);
      if (!c) return null;
      // The end of a rotation's overlap is exact even for a cached credential: each secret carries its expiry.
      const now = deps.now().getTime();
      return c.secrets.some((s) => (s.expiresAt === null || s.expiresAt > now) && check(s.secret)) ? callerOf(c.row) : null;
    },

    async callerOfToken(token: string): Promise<GatewayCaller | null> {
      const t = await repo().token(tokenHash(token), deps.now());
      if (!t) return null;
      const row = await repo().credential(t.credential_id);
      return row && row.status === 'active' ? callerOf(row) : null;
    },

    /** OAuth2 client credentials: a short-lived bearer token for a valid app key + secret. */
    async issueToken(clientId: string, clientSecret: string, ttlSeconds: number) {
      const row = await repo().credentialByKey(clientId);
      if (!row || row.status !== 'active') throw GatewayErrors.clientInvalid();
      const secrets = await repo().usableSecrets(row.id, deps.now());
      if (!secrets.some((s) => sameHex(secretVerifier(s.salt, clientSecret), s.secret_hash))) throw GatewayErrors.clientInvalid();
      const token = newToken();
      await repo().insertToken({ token_hash: tokenHash(token), credential_id: row.id, expires_at: new Date(deps.now().getTime() + ttlSeconds * 1000) });
      return { access_token: token, token_type: 'Bearer' as const, expires_in: ttlSeconds };
    },

    /**
     * Nonces: an in-memory set answers repeats at once; the table is the authority across nodes and restarts. Claims of
     * concurrent calls are grouped into one INSERT (gateway-nonces.ts); each call still waits for its own answer.
     */
    claimNonce: (appKey: string, nonce: string, expiresAt: Date) => nonces.claim({ appKey, nonce, expiresAt }),
  };
}

export type Credentials = ReturnType<typeof createCredentials>;
