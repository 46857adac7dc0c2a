import { randomBytes } from 'node:crypto';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { API_AUTH } from '../catalog/index.ts';
import { inTransaction } from '../../kernel/db.ts';
import { GatewayErrors } from './gateway.errors.ts';
import { createGatewayRepository } from './gateway.repository.ts';
import type { GatewayDeps } from './gateway-core.ts';
import { newSalt, openSecret, sealSecret, secretVerifier, signRequest } from './gateway-signature.ts';

// 上游接口凭据 (docs/gateway-api.md §9.1): what the gateway presents to a provider's own API when it forwards a call to
// an entry's API mount. The provider department sets it; the secret is shown to nobody afterwards (stored SM4-sealed,
// like consumer secrets). Kinds the platform can present: a static token (Authorization: Bearer, or a named header)
// and the platform's own SM3-HMAC request signature (app key + secret, §2) — the scheme of another 数政 gateway, a
// district's or the province's. A mount registered with SM2 signatures or mutual TLS is forwarded without credentials
// until the platform can present those (the page says so).

const PERMISSION = 'gateway.upstream.manage';
/** Mount auth kinds (catalog API_AUTH) whose credential the gateway can present. */
const PRESENTABLE_AUTH = ['token', 'app_key'] as const;
type Presentable = (typeof PRESENTABLE_AUTH)[number];
const isPresentable = (auth: string): auth is Presentable => (PRESENTABLE_AUTH as readonly string[]).includes(auth);
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

export interface UpstreamCredentialInput {
  kind: 'token' | 'app_key';
  /** token: the token */
  token?: string | undefined;
  /** token: the header that carries it (default Authorization: Bearer) */
  headerName?: string | null | undefined;
  /** app_key: the platform's app key at the upstream, and its secret */
  appKey?: string | undefined;
  secret?: string | undefined;
}

/** An opened upstream credential, for the proxy only. */
export type OpenedUpstreamCredential = { kind: 'token'; headerName: string | null; token: string } | { kind: 'app_key'; appKey: string; secret: string };

export function createUpstreamCredentials(deps: GatewayDeps, reservedHeaders: ReadonlySet<string>) {
  const repo = () => createGatewayRepository(deps.db);

  const may = (ctx: RequestContext, departmentId: string) => {
    const scope = scopeOf(ctx, PERMISSION);
    return scope === 'all' || (scope === 'department' && departmentId === ctx.actor?.departmentId);
  };

  /** The entry's API mount if the caller manages it; 404 otherwise (another department's mounts are not shown). */
  async function ownApi(ctx: RequestContext, entryId: string) {
    const api = await deps.catalog.mounts.apiFor(entryId);
    if (!api || !may(ctx, api.providerDepartmentId)) throw GatewayErrors.apiNotMounted(entryId);
    return api;
  }

  function view(api: { entryId: string; entryName: string; providerDepartmentId: string; endpoint: string; method: string; auth: string }, row: Awaited<ReturnType<ReturnType<typeof repo>['upstreamCredential']>>) {
    return {
      entryId: api.entryId, entryName: api.entryName, departmentId: api.providerDepartmentId, endpoint: api.endpoint, method: api.method, auth: api.auth,
      presentable: isPresentable(api.auth),
      credential: row ? { kind: row.kind, headerName: row.header_name, appKey: row.app_key, updatedAt: row.updated_at.toISOString() } : null,
    };
  }

  function checkInput(auth: string, input: UpstreamCredentialInput): { kind: Presentable; headerName: string | null; appKey: string | null; secret: string } {
    if (!isPresentable(auth)) throw GatewayErrors.upstreamAuthUnsupported(auth);
    if (input.kind !== auth) throw GatewayErrors.invalidInput([{ path: 'body.kind', message: `该目录挂接登记的鉴权方式为 ${API_AUTH.label(auth)}，凭据类型须一致` }]);
    if (input.kind === 'token') {
      const token = (input.token ?? '').trim();
      const headerName = input.headerName?.trim() || null;
      if (!token || /[\r\n]/.test(token)) throw GatewayErrors.invalidInput([{ path: 'body.token', message: '令牌不能为空，也不能含换行' }]);
      if (headerName && (!HEADER_NAME.test(headerName) || reservedHeaders.has(headerName.toLowerCase()) || headerName.toLowerCase().startsWith('x-shuzheng-'))) {
        throw GatewayErrors.invalidInput([{ path: 'body.headerName', message: '请求头名称须为字母开头的字母、数字或连字符，且不能是网关自用或逐跳的请求头' }]);
      }
      return { kind: 'token', headerName: headerName?.toLowerCase() === 'authorization' ? null : headerName, appKey: null, secret: token };
    }
    const appKey = (input.appKey ?? '').trim();
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(appKey)) throw GatewayErrors.invalidInput([{ path: 'body.appKey', message: 'AppKey 须为 1–128 位字母、数字、下划线或连字符' }]);
    if (!input.secret || /[\r\n]/.test(input.secret)) throw GatewayErrors.invalidInput([{ path: 'body.secret', message: '密钥不能为空，也不能含换行' }]);
    return { kind: 'app_key', headerName: null, appKey, secret: input.secret };
  }

  return {
    /** The API mounts of the caller's department (all departments for scope all) with their credential status. */
    async list(ctx: RequestContext) {
      const scope = scopeOf(ctx, PERMISSION);
      if (scope !== 'all' && !(scope === 'department' && ctx.actor?.departmentId)) return { items: [] };
      const apis = await deps.catalog.mounts.apisOf(scope === 'all' ? null : ctx.actor!.departmentId!);
      const rows = new Map((await repo().upstreamCredentials(apis.map((a) => a.entryId))).map((r) => [r.entry_id, r]));
      return { items: apis.map((a) => view(a, rows.get(a.entryId))) };
    },

    async get(ctx: RequestContext, entryId: string) {
      const api = await ownApi(ctx, entryId);
      return view(api, await repo().upstreamCredential(entryId));
    },

    /** Sets (or replaces) the entry's upstream credential; the secret is sealed and never shown again. */
    async set(ctx: RequestContext, entryId: string, input: UpstreamCredentialInput) {
      const api = await ownApi(ctx, entryId);
      const c = checkInput(api.auth, input);
      const salt = newSalt();
      await inTransaction(deps.db, async (trx) => {
        const r = createGatewayRepository(trx);
        const replaced = Boolean(await r.upstreamCredential(entryId));
        await r.saveUpstreamCredential({
          entry_id: entryId, department_id: api.providerDepartmentId, kind: c.kind, header_name: c.headerName, app_key: c.appKey, salt,
          secret_hash: secretVerifier(salt, c.secret), secret_enc: sealSecret(deps.masterKey, c.secret), updated_by: ctx.actor?.userId ?? null, updated_at: deps.now(),
        });
        await deps.audit.record(trx, ctx, {
          action: 'gateway.upstream.set', targetType: 'catalog-entry', targetId: entryId,
          details: { entryName: api.entryName, endpoint: api.endpoint, kind: c.kind, headerName: c.headerName, appKey: c.appKey, replaced },
        });
      });
      return this.get(ctx, entryId);
    },

    async clear(ctx: RequestContext, entryId: string) {
      const api = await ownApi(ctx, entryId);
      await inTransaction(deps.db, async (trx) => {
        const removed = await createGatewayRepository(trx).deleteUpstreamCredential(entryId);
        if (Number(removed.numDeletedRows) === 0) throw GatewayErrors.upstreamCredentialNotSet(entryId);
        await deps.audit.record(trx, ctx, { action: 'gateway.upstream.clear', targetType: 'catalog-entry', targetId: entryId, details: { entryName: api.entryName, endpoint: api.endpoint } });
      });
      return this.get(ctx, entryId);
    },

    /** For the proxy: the entry's credential, opened, when the mount's auth kind is one the gateway presents. */
    async opened(entryId: string, auth: string): Promise<OpenedUpstreamCredential | null> {
      if (!isPresentable(auth)) return null;
      const row = await repo().upstreamCredential(entryId);
      if (!row || row.kind !== auth) return null;
      const secret = openSecret(deps.masterKey, row.secret_enc, row.salt, row.secret_hash);
      if (secret === null) throw GatewayErrors.upstreamError('上游接口凭据无法解密（主密钥与保存时不同），请提供部门重新设置');
      return row.kind === 'token' ? { kind: 'token', headerName: row.header_name, token: secret } : { kind: 'app_key', appKey: row.app_key!, secret };
    },
  };
}

export type UpstreamCredentials = ReturnType<typeof createUpstreamCredentials>;

/** The headers that present an upstream credential on a forwarded request (signature over the upstream's own URL). */
export function upstreamAuthHeaders(c: OpenedUpstreamCredential, method: string, url: URL, body: Buffer | null, now: Date): Record<string, string> {
  if (c.kind === 'token') return c.headerName ? { [c.headerName.toLowerCase()]: c.token } : { authorization: `Bearer ${c.token}` };
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(16).toString('base64url');
  const signature = signRequest(c.secret, { method, path: url.pathname, query: url.search.replace(/^\?/, ''), timestamp, nonce, body: body ?? '' });
  return { 'x-app-key': c.appKey, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature };
}
