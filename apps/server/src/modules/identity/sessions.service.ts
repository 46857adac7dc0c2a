import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { sm3 } from '@shuzheng/standards/crypto';
import type { Actor, RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { Authentication, Authenticator } from '../../kernel/http.ts';
import type { AuditService } from '../audit/index.ts';
import { IdentityErrors } from './identity.errors.ts';
import { createIdentityRepository } from './identity.repository.ts';
import { verifyPassword } from './password.ts';
import { resolvePermissions } from './roles.ts';

export const SESSION_COOKIE = 'sz_session';
const API_TOKEN_PREFIX = 'szt_';
// A session's expiry slides forward on use, but the row is written at most once a minute.
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionPolicy {
  ttlMinutes: number;
  maxFailures: number;
  lockMinutes: number;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

const newSecret = () => randomBytes(32).toString('base64url');
// Only the SM3 of a session secret is stored: a database leak yields no usable session.
const sessionIdOf = (secret: string) => sm3(secret);

/** Login, logout, cookie sessions and bearer API tokens; the platform's Authenticator. */
export function createSessionService(deps: {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  policy: SessionPolicy;
  grants: ReadonlyMap<string, string[]>;
}) {
  const repo = () => createIdentityRepository(deps.db);
  const ttlMs = deps.policy.ttlMinutes * 60_000;

  async function loadActor(secret: string, kind: 'web' | 'api'): Promise<Authentication | null> {
    const now = new Date();
    const row = await repo().activeSession(sessionIdOf(secret), now);
    if (!row || row.session_kind !== kind || row.status !== 'active') return null;
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await repo().touchSession(row.session_id, kind === 'web' ? new Date(now.getTime() + ttlMs) : null);
    }
    const actor = await buildActor(repo(), row, row.session_id, kind === 'web' ? 'session' : 'api-token');
    return { actor, csrfToken: kind === 'web' ? row.csrf_token : null };
  }

  const authenticator: Authenticator = {
    async authenticate(request: FastifyRequest) {
      const header = request.headers.authorization;
      if (header) {
        const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
        return token?.startsWith(API_TOKEN_PREFIX) ? loadActor(token, 'api') : null;
      }
      const cookie = request.cookies?.[SESSION_COOKIE];
      return cookie ? loadActor(cookie, 'web') : null;
    },
  };

  return {
    authenticator,

    /** Checks the password (locking the account after repeated failures) and opens a web session. */
    async login(ctx: RequestContext, username: string, password: string) {
      const r = repo();
      const user = await r.userByUsername(username);
      const now = new Date();
      if (user?.locked_until && user.locked_until > now) {
        await verifyPassword(null, password);
        throw IdentityErrors.accountLocked(user.locked_until);
      }
      const ok = await verifyPassword(user?.password_hash ?? null, password);
      if (!user || !ok) {
        if (user) {
          // Counted in its own statement: the failure must stick although the request fails.
          const state = await r.recordLoginFailure(user.id, deps.policy.maxFailures, deps.policy.lockMinutes);
          if (state.locked_until && state.locked_until > now) throw IdentityErrors.accountLocked(state.locked_until);
        }
        throw IdentityErrors.invalidCredentials();
      }
      if (user.status !== 'active') throw IdentityErrors.accountDisabled();
      const secret = newSecret();
      const csrfToken = newSecret();
      const expiresAt = new Date(now.getTime() + ttlMs);
      const actor = await inTransaction(deps.db, async (trx) => {
        const t = createIdentityRepository(trx);
        await t.insertSession({
          id: sessionIdOf(secret), user_id: user.id, kind: 'web', csrf_token: csrfToken, ip: ctx.ip,
          user_agent: ctx.userAgent?.slice(0, 300) ?? null, expires_at: expiresAt,
        });
        await t.updateUser(user.id, { failed_attempts: 0, locked_until: null, last_login_at: now });
        const actor = await buildActor(t, { ...user, user_id: user.id, department_name: null }, sessionIdOf(secret), 'session');
        await deps.audit.record(trx, { ...ctx, actor }, { action: 'identity.session.create', targetType: 'user', targetId: user.id, details: { method: 'password' } });
        return actor;
      });
      return { secret, csrfToken, expiresAt, actor };
    },

    async logout(ctx: RequestContext) {
      const actor = ctx.actor!;
      await inTransaction(deps.db, async (trx) => {
        await createIdentityRepository(trx).revokeSession(actor.sessionId);
        await deps.audit.record(trx, ctx, { action: 'identity.session.delete', targetType: 'user', targetId: actor.userId });
      });
    },

    /** Issues a bearer token for machine access by the calling user; the secret is returned once and never stored. */
    async createApiToken(ctx: RequestContext, name: string, days: number): Promise<ApiToken & { token: string }> {
      const actor = ctx.actor!;
      const token = API_TOKEN_PREFIX + newSecret();
      const id = sessionIdOf(token);
      const expiresAt = new Date(Date.now() + days * 86_400_000);
      await inTransaction(deps.db, async (trx) => {
        await createIdentityRepository(trx).insertSession({
          id, user_id: actor.userId, kind: 'api', auth_method: 'api-token', name, ip: ctx.ip, user_agent: null, expires_at: expiresAt,
        });
        await deps.audit.record(trx, ctx, { action: 'identity.token.create', targetType: 'api-token', targetId: id.slice(0, 16), details: { name, days } });
      });
      const now = new Date().toISOString();
      return { id: id.slice(0, 16), name, token, createdAt: now, lastSeenAt: now, expiresAt: expiresAt.toISOString() };
    },

    async listApiTokens(ctx: RequestContext): Promise<ApiToken[]> {
      const rows = await repo().apiTokensOf(ctx.actor!.userId);
      return rows.map((r) => ({
        id: r.id.slice(0, 16), name: r.name ?? '', createdAt: r.created_at.toISOString(), expiresAt: r.expires_at.toISOString(), lastSeenAt: r.last_seen_at.toISOString(),
      }));
    },

    async revokeApiToken(ctx: RequestContext, shortId: string) {
      const actor = ctx.actor!;
      const token = (await repo().apiTokensOf(actor.userId)).find((t) => t.id.slice(0, 16) === shortId);
      if (!token) throw IdentityErrors.tokenNotFound(shortId);
      await inTransaction(deps.db, async (trx) => {
        await createIdentityRepository(trx).revokeSession(token.id, actor.userId);
        await deps.audit.record(trx, ctx, { action: 'identity.token.revoke', targetType: 'api-token', targetId: shortId });
      });
    },

    /** Removes sessions that expired or were revoked more than a day ago (a recurring job). */
    purgeExpired: () => repo().deleteExpiredSessions(new Date(Date.now() - 86_400_000)),
  };

  async function buildActor(
    r: ReturnType<typeof createIdentityRepository>,
    u: { user_id: string; username: string; display_name: string; kind: Actor['kind']; department_id: string | null; department_name: string | null },
    sessionId: string,
    authMethod: Actor['authMethod'],
  ): Promise<Actor> {
    const roles = (await r.rolesOf([u.user_id])).get(u.user_id) ?? [];
    const departmentName = u.department_name ?? (u.department_id ? ((await r.departmentById(u.department_id))?.name ?? null) : null);
    return {
      userId: u.user_id, username: u.username, displayName: u.display_name, kind: u.kind, departmentId: u.department_id, departmentName,
      roles, permissions: resolvePermissions(roles, deps.grants), sessionId, authMethod,
    };
  }
}

export type SessionService = ReturnType<typeof createSessionService>;
