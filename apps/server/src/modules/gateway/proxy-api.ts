import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import type { MountedApi, MountedColumn, MountedItem } from '../catalog/index.ts';
import { AppError } from '../../kernel/errors.ts';
import { GatewayErrors } from './gateway.errors.ts';
import type { ActiveGrant, GatewayDeps } from './gateway-core.ts';
import { maskKindOf, maskedValue } from './gateway-masking.ts';
import { ipInCidr } from './gateway-signature.ts';
import type { GatewayCaller } from './manage-credentials.ts';
import type { DataPath, GatewayRequest, GatewayResponse, Outcome } from './serve-data.ts';
import { upstreamAuthHeaders, type UpstreamCredentials } from './upstream-credentials.ts';

// 逻辑接入: a catalog entry mounted as an API of the provider is proxied through the gateway with the same checks as the
// table endpoints (docs/gateway-api.md §9). The pipeline (auth → grant → limits → work → call log) is serve-data's
// serveWith; here the work: forward to the mount's endpoint and filter/mask the answer by the grant's items.
//
// Answer filtering rule:
//   - JSON: every object that has at least one key equal to a data item code name of the entry is a record: only the
//     granted items are kept (every other key dropped) and masked by grade as on the table path. Objects without item
//     keys (envelopes such as { code, message, data }) are walked into; their scalar fields pass.
//     A JSON answer without any record cannot be attributed to items: treated like a non-JSON answer.
//   - Not JSON (or JSON without records): passed through only if the grant covers every item of the entry, else 403
//     GATEWAY_PROXY_NOT_FILTERABLE. Empty answers pass.

/** Link-local (cloud metadata at 169.254.169.254), Alibaba Cloud metadata, “this network”, unspecified. */
const FORBIDDEN_CIDRS = ['169.254.0.0/16', 'fe80::/10', '100.100.100.200/32', 'fd00:ec2::254/128', '0.0.0.0/8', '::/128'];
const LOOPBACK_CIDRS = ['127.0.0.0/8', '::1/128'];
/** Request headers never forwarded: hop-by-hop (RFC 9110 §7.6.1), the caller's credentials, and the ones the gateway sets. */
export const DROPPED_HEADERS: ReadonlySet<string> = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host',
  'content-length', 'expect', 'authorization', 'cookie', 'x-app-key', 'x-timestamp', 'x-nonce', 'x-signature', 'accept-encoding', 'forwarded',
  'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'x-request-id', 'x-case-number', 'x-operator-id',
]);
const ID_NUMBER = /^\d{17}[\dXx]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const MAX_DEPTH = 16;

interface Resolved {
  api: MountedApi;
  url: URL;
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const headerOf = (req: GatewayRequest, name: string) => {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? null : s;
};
const bare = (host: string) => host.replace(/^\[|\]$/g, '');
const isKeyName = (name: string) => {
  const kind = maskKindOf({ itemCodeName: name, sensitivity: 'personal' });
  return kind === 'idNumber' || kind === 'creditCode';
};
const isCidrPattern = (p: string) => p.includes('/') || net.isIP(p) !== 0;

/** Whether a host pattern of proxyAllowedHosts names this host: exact, or `*.suffix` for any subdomain of suffix. */
function nameMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.trim().toLowerCase();
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p;
}

export function createApiProxy(deps: GatewayDeps, data: DataPath, upstreams: UpstreamCredentials) {
  const o = deps.options;

  /** The entry's API mount, refused (409) unless its endpoint is an absolute http(s) URL. */
  async function mountedApi(entryId: string): Promise<Resolved> {
    const api = await deps.catalog.mounts.apiFor(entryId);
    if (!api) throw GatewayErrors.apiNotMounted(entryId);
    let url: URL;
    try {
      url = new URL(api.endpoint);
    } catch {
      throw GatewayErrors.apiMountRefused(`接口地址“${api.endpoint.slice(0, 200)}”不是完整的 http(s) 地址（相对地址无法转发），请提供部门在目录挂接中登记可访问的完整地址`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw GatewayErrors.apiMountRefused(`只能转发 http 或 https 接口，不支持 ${url.protocol.replace(/:$/, '')}`);
    if (url.username || url.password) throw GatewayErrors.apiMountRefused('接口地址不能包含用户名或密码');
    return { api, url };
  }

  /** Refuses link-local/metadata addresses and the platform's own listen address (SSRF), and hosts outside the allowlist. */
  async function vetUpstream(url: URL): Promise<{ address: string; family: number }> {
    const host = bare(url.hostname);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    let addresses: { address: string; family: number }[];
    if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) }];
    else {
      try {
        addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
      } catch {
        throw GatewayErrors.upstreamError(`无法解析接口主机名 ${host}`);
      }
    }
    if (!addresses.length) throw GatewayErrors.upstreamError(`无法解析接口主机名 ${host}`);
    const own = o.platformListen;
    const local = own ? new Set([own.host, ...Object.values(os.networkInterfaces()).flatMap((l) => (l ?? []).map((i) => i.address))]) : new Set<string>();
    for (const { address } of addresses) {
      if (FORBIDDEN_CIDRS.some((c) => ipInCidr(address, c))) throw GatewayErrors.apiMountRefused('接口地址指向链路本地或云平台元数据地址（169.254.0.0/16 等），已拒绝');
      // The platform listens on its HOST (often 0.0.0.0: every interface) and PORT: loopback or any own address on that port.
      if (own && port === own.port && (LOOPBACK_CIDRS.some((c) => ipInCidr(address, c)) || local.has(address))) {
        throw GatewayErrors.apiMountRefused('接口地址指向本平台自身的服务地址，已拒绝');
      }
    }
    if (o.proxyAllowedHosts.length) {
      const ok = o.proxyAllowedHosts.some((p) => (isCidrPattern(p) ? addresses.every((a) => ipInCidr(a.address, p.trim())) : nameMatches(host, p)));
      if (!ok) throw GatewayErrors.apiMountRefused(`接口主机 ${host} 不在网关允许转发的主机范围内（proxyAllowedHosts）`);
    }
    return addresses[0]!;
  }

  /** The wildcard part of the path, still percent-encoded; refuses segments that could climb out of the endpoint's path. */
  function restOf(req: GatewayRequest): string {
    const m = /\/entries\/[^/]+\/api(\/.*)?$/.exec(req.path);
    const rest = m?.[1] ?? '';
    const bad = () => GatewayErrors.invalidInput([{ path: 'params.*', message: '接口路径不能包含 .、..、反斜杠或编码的斜杠' }]);
    if (/%2f|%5c|\\/i.test(rest)) throw bad();
    for (const seg of rest.split('/')) {
      let s: string;
      try {
        s = decodeURIComponent(seg);
      } catch {
        throw bad();
      }
      if (s === '.' || s === '..') throw bad();
    }
    return rest;
  }

  function forwardHeaders(req: GatewayRequest, caller: GatewayCaller, grant: ActiveGrant, body: Buffer | null): Record<string, string> {
    const listed = new Set(String(headerOf(req, 'connection') ?? '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean));
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      const n = name.toLowerCase();
      if (value === undefined || DROPPED_HEADERS.has(n) || listed.has(n) || n.startsWith('x-shuzheng-')) continue;
      out[n] = Array.isArray(value) ? value.join(', ') : value;
    }
    out['accept-encoding'] = 'identity';
    out['x-shuzheng-consumer'] = `${caller.departmentId}/${caller.systemId}`;
    out['x-shuzheng-grant'] = grant.id;
    out['x-request-id'] = req.requestId;
    const caseNumber = headerOf(req, 'x-case-number');
    const operator = headerOf(req, 'x-operator-id');
    if (caseNumber) out['x-case-number'] = caseNumber.slice(0, 100);
    if (operator) out['x-operator-id'] = operator.slice(0, 100);
    if (body) out['content-length'] = String(body.length);
    return out;
  }

  /** One upstream exchange: the vetted address only, no redirects, a deadline to the last byte, a size cap. */
  function callUpstream(url: URL, method: string, headers: Record<string, string>, body: Buffer | null, to: { address: string; family: number }): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      let timedOut = false;
      let done = false;
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        f();
      };
      const mod = url.protocol === 'https:' ? https : http;
      const host = bare(url.hostname);
      const request = mod.request({
        protocol: url.protocol, hostname: host, port: url.port || undefined, path: `${url.pathname}${url.search}`, method, agent: false,
        headers: { ...headers, host: url.host }, ...(net.isIP(host) ? {} : { servername: host }),
        // Connect to the address vetted above, never to a second DNS answer (DNS rebinding).
        lookup: ((_h: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => (opts?.all ? cb(null, [to]) : cb(null, to.address, to.family))) as never,
      }, (res) => {
        const max = o.proxyMaxResponseBytes;
        const tooBig = () => GatewayErrors.upstreamError(`应答超过网关允许的 ${(max / 1024 / 1024).toFixed(max % (1024 * 1024) ? 1 : 0)} MB 上限`);
        if (Number(res.headers['content-length'] ?? 0) > max) {
          request.destroy();
          return finish(() => reject(tooBig()));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > max) {
            request.destroy();
            finish(() => reject(tooBig()));
          } else chunks.push(c);
        });
        res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) })));
        res.on('aborted', () => finish(() => reject(timedOut ? GatewayErrors.upstreamTimeout(o.proxyTimeoutMs) : GatewayErrors.upstreamError('连接中断'))));
        res.on('error', () => finish(() => reject(timedOut ? GatewayErrors.upstreamTimeout(o.proxyTimeoutMs) : GatewayErrors.upstreamError('连接中断'))));
      });
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy();
        finish(() => reject(GatewayErrors.upstreamTimeout(o.proxyTimeoutMs)));
      }, o.proxyTimeoutMs);
      request.on('error', (err: NodeJS.ErrnoException) =>
        finish(() => reject(timedOut ? GatewayErrors.upstreamTimeout(o.proxyTimeoutMs) : GatewayErrors.upstreamError(err.code === 'ECONNREFUSED' ? '连接被拒绝' : `连接失败（${err.code ?? '未知错误'}）`))));
      request.end(body ?? undefined);
    });
  }

  /** Keys named in the request (query, JSON/form body fields named like ID number / credit code, ID-like path segments). */
  function requestKeys(req: GatewayRequest, rest: string): string[] {
    const keys: string[] = [];
    const take = (v: unknown) => {
      for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string' && x.trim() && x.length <= 64) keys.push(x.trim().toUpperCase());
    };
    for (const [k, v] of new URLSearchParams(req.query)) if (isKeyName(k)) take(v);
    if (req.rawBody) {
      let body: unknown = null;
      try {
        body = JSON.parse(req.rawBody);
      } catch {
        if (/application\/x-www-form-urlencoded/i.test(headerOf(req, 'content-type') ?? '')) body = Object.fromEntries(new URLSearchParams(req.rawBody));
      }
      const visit = (v: unknown, depth: number) => {
        if (depth > 3 || !v || typeof v !== 'object') return;
        if (Array.isArray(v)) return v.slice(0, 1000).forEach((x) => visit(x, depth + 1));
        for (const [k, x] of Object.entries(v)) if (isKeyName(k)) take(x);
        else visit(x, depth + 1);
      };
      visit(body, 0);
    }
    for (const seg of rest.split('/')) {
      const s = (() => {
        try {
          return decodeURIComponent(seg);
        } catch {
          return '';
        }
      })();
      if (ID_NUMBER.test(s) || CREDIT_CODE.test(s)) take(s);
    }
    return keys;
  }

  /** Filters a JSON answer by the grant (see the rule above); counts records and collects their keys. */
  function filterJson(value: unknown, api: MountedApi, grant: ActiveGrant) {
    const items = new Map<string, MountedItem>(api.items.map((i) => [i.itemCodeName, i]));
    const granted = new Set(grant.items);
    let records = 0;
    const keys: string[] = [];
    const walk = (v: unknown, depth: number): unknown => {
      if (depth > MAX_DEPTH) throw GatewayErrors.upstreamError('应答的 JSON 嵌套过深');
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      if (!v || typeof v !== 'object') return v;
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.some(([k]) => items.has(k))) {
        records++;
        const out: Record<string, unknown> = {};
        for (const [k, x] of entries) {
          const item = items.get(k);
          if (!item) continue;
          if (isKeyName(k) && typeof x === 'string') keys.push(x.trim().toUpperCase());
          if (!granted.has(k) || (x !== null && typeof x === 'object')) continue;
          out[k] = maskedValue({ ...item, column: k } as MountedColumn, api.grade, x);
        }
        return out;
      }
      return Object.fromEntries(entries.map(([k, x]) => [k, walk(x, depth + 1)]));
    };
    return { body: walk(value, 0), records, keys };
  }

  async function forward(req: GatewayRequest, caller: GatewayCaller, grant: ActiveGrant, { api, url }: Resolved): Promise<Outcome> {
    if (req.method !== api.method) throw GatewayErrors.methodNotAllowed(req.method, api.method);
    const rest = restOf(req);
    const target = new URL(url.href);
    target.pathname = `${url.pathname.replace(/\/+$/, '')}${rest}` || '/';
    target.search = [url.search.replace(/^\?/, ''), req.query].filter(Boolean).join('&');
    target.hash = '';
    const to = await vetUpstream(target);
    const body = req.method === 'GET' ? null : Buffer.from(req.rawBody, 'utf8');
    // The provider's own credential for its API (§9.1), when one is set for the mount's auth kind.
    const credential = await upstreams.opened(api.entryId, api.auth);
    const headers = forwardHeaders(req, caller, grant, body);
    if (credential) Object.assign(headers, upstreamAuthHeaders(credential, req.method, target, body, deps.now()));
    const upstream = await callUpstream(target, req.method, headers, body, to);
    if (upstream.status >= 300 && upstream.status < 400) throw GatewayErrors.upstreamError(`上游返回重定向（HTTP ${upstream.status}），网关不跟随重定向`);
    if (upstream.status >= 500 || upstream.status < 200) throw GatewayErrors.upstreamError(`上游返回 HTTP ${upstream.status}`);
    const keys = requestKeys(req, rest);
    const contentType = String(upstream.headers['content-type'] ?? '');
    const fullGrant = api.items.every((i) => grant.items.includes(i.itemCodeName));
    const answerHeaders: Record<string, string> = { 'x-request-id': req.requestId };
    if (!upstream.body.length) return { body: null, keys, count: 0, raw: { status: upstream.status, headers: answerHeaders, body: upstream.body } };
    if (/^(application\/([\w.+-]*\+)?json|text\/json)\b/i.test(contentType)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(upstream.body.toString('utf8'));
      } catch {
        throw GatewayErrors.upstreamError('应答声明为 JSON 但格式有误');
      }
      const filtered = filterJson(parsed, api, grant);
      if (filtered.records > 0 || fullGrant) {
        const out = Buffer.from(JSON.stringify(filtered.body), 'utf8');
        return { body: null, keys: [...keys, ...filtered.keys], count: filtered.records, raw: { status: upstream.status, headers: { ...answerHeaders, 'content-type': 'application/json; charset=utf-8' }, body: out } };
      }
    }
    if (!fullGrant) throw GatewayErrors.notFilterable();
    if (contentType) answerHeaders['content-type'] = contentType;
    const disposition = upstream.headers['content-disposition'];
    if (typeof disposition === 'string') answerHeaders['content-disposition'] = disposition;
    return { body: null, keys, count: 0, raw: { status: upstream.status, headers: answerHeaders, body: upstream.body } };
  }

  return {
    /** ANY /gateway/v1/entries/:entryId/api/*: operation 'query' whatever the method (docs/gateway-api.md §9). */
    call: (req: GatewayRequest, entryId: string): Promise<GatewayResponse> =>
      data.serveWith(req, entryId, 'query', mountedApi, (caller, grant, resolved) =>
        forward(req, caller, grant, resolved).catch((err: unknown) => {
          if (err instanceof AppError) throw err;
          deps.log.error({ err, requestId: req.requestId }, 'gateway proxy failed');
          throw GatewayErrors.upstreamError('转发失败');
        })),
  };
}

export type ApiProxy = ReturnType<typeof createApiProxy>;
