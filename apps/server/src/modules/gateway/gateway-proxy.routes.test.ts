import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createGatewayTestApp, demoGrant, grantKey, signed, type GatewayTestApp } from './gateway.test-support.ts';
import type { ActiveGrant } from './gateway-core.ts';
import { signRequest } from './gateway-signature.ts';

// Route tests of the API proxy (逻辑接入, proxy-api.ts) against a real upstream: a node:http server on an ephemeral port.
// The demo entry gets an API mount (inserted next to its table mount, as the catalog's own rows) pointing at it.

let t: GatewayTestApp;
let upstream: http.Server;
let base: string;
let people: Record<string, unknown>[];
let lastHeaders: http.IncomingHttpHeaders = {};
let lastUrl = '';
let lastBody = '';
const mountId = '7d6c1f4e-0000-4000-8000-00000000a9e1';
const P = () => `/gateway/v1/entries/${t.entryId}/api`;

function grant(over: Partial<ActiveGrant> = {}) {
  const g = demoGrant(t, over);
  t.grants.set(grantKey(t.consumer.systemId, t.entryId), g);
  return g;
}

async function mountApi(endpoint: string, method: 'GET' | 'POST' = 'GET', auth = 'app_key') {
  const spec = JSON.stringify({ endpoint, method, openapiUrl: null, auth });
  await sql`insert into catalog_mounts (id, entry_id, kind, status, api_spec) values (${mountId}, ${t.entryId}, 'api', 'available', ${spec}::jsonb)
            on conflict (id) do update set api_spec = excluded.api_spec`.execute(t.db);
}

async function logged(requestId: string) {
  await t.services.gateway.callLog.drain();
  return (await sql<Record<string, unknown>>`select * from gateway_calls where request_id = ${requestId}`.execute(t.db)).rows;
}

beforeAll(async () => {
  t = await createGatewayTestApp();
  people = (await sql<{ p: Record<string, unknown> }>`select to_jsonb(c) - 'updated_at' - 'deleted_at' as p from rk.czrk_jbxx c order by id_number limit 3`.execute(t.db)).rows.map((r) => r.p);
  upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      lastHeaders = req.headers;
      lastUrl = req.url ?? '';
      lastBody = body;
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, v: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
      if (url.pathname === '/svc/person') {
        const wanted = url.searchParams.get('id_number') ?? (body ? (JSON.parse(body) as { id_number?: string }).id_number : undefined);
        const p = people.find((x) => x.id_number === wanted);
        return p ? json(200, { code: 0, message: 'ok', data: { ...p, internal_note: '内部备注' } }) : json(404, { code: 404, message: '无此人' });
      }
      if (url.pathname === '/svc/list') return json(200, people.map((p) => ({ ...p })));
      if (url.pathname === '/svc/text') return res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`姓名：${people[0]!.person_name as string}`);
      if (url.pathname === '/svc/fail') return json(500, { message: 'database down' });
      if (url.pathname === '/svc/redirect') return res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      if (url.pathname === '/svc/slow') return void setTimeout(() => json(200, { data: people[0] }), 1500);
      if (url.pathname === '/svc/big') return json(200, { data: people[0], padding: 'x'.repeat(20_000) });
      return json(404, { message: 'no route' });
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/svc`;
  await mountApi(base);
}, 120_000);
afterAll(async () => {
  upstream?.closeAllConnections();
  await new Promise((r) => upstream?.close(r));
  await t?.close();
});

describe('API proxy (逻辑接入)', () => {
  it('forwards a signed query, filters and masks the answer like the table path, forwards audit headers and logs the call', async () => {
    grant({ requireCaseNumber: true });
    const id = people[0]!.id_number as string;
    const res = await signed(t, 'GET', `${P()}/person?id_number=${id}`, undefined, { headers: { 'x-case-number': 'MZ-2026-0042', 'x-operator-id': 'op-7', cookie: 'sz_session=abc', 'x-shuzheng-grant': 'forged' } });
    expect(res.statusCode).toBe(200);
    const table = await signed(t, 'GET', `/gateway/v1/entries/${t.entryId}/records/${id}`, undefined, { headers: { 'x-case-number': 'MZ-2026-0042' } });
    const body = res.json();
    expect(body).toEqual({ code: 0, message: 'ok', data: table.json().record });
    expect(body.data.internal_note).toBeUndefined();
    expect(body.data.id_number).not.toBe(id); // masked (personal data)

    expect(lastUrl).toBe(`/svc/person?id_number=${id}`);
    expect(lastHeaders).toMatchObject({
      'x-shuzheng-consumer': `${t.consumer.departmentId}/${t.consumer.systemId}`, 'x-shuzheng-grant': t.grants.get(grantKey(t.consumer.systemId, t.entryId))!.id,
      'x-case-number': 'MZ-2026-0042', 'x-operator-id': 'op-7', 'x-request-id': res.headers['x-request-id'],
    });
    for (const h of ['x-app-key', 'x-signature', 'x-nonce', 'x-timestamp', 'cookie', 'authorization']) expect(lastHeaders[h]).toBeUndefined();

    const rows = await logged(res.headers['x-request-id'] as string);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operation: 'query', status: 200, case_number: 'MZ-2026-0042', record_count: 1, fault_code: null });
    expect((rows[0]!.key_hashes as string[]).length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  it('never passes an item that is not granted, in a single record or a list', async () => {
    grant({ items: ['id_number', 'person_name', 'gender'] });
    const one = await signed(t, 'GET', `${P()}/person?id_number=${people[1]!.id_number as string}`);
    expect(one.statusCode).toBe(200);
    expect(Object.keys(one.json().data).sort()).toEqual(['gender', 'id_number', 'person_name']);
    const list = await signed(t, 'GET', `${P()}/list`);
    expect(list.json()).toHaveLength(3);
    for (const r of list.json()) expect(Object.keys(r).sort()).toEqual(['gender', 'id_number', 'person_name']);
    expect((await logged(list.headers['x-request-id'] as string))[0]).toMatchObject({ record_count: 3 });
  });

  it('passes a non-JSON answer only to a grant covering every item of the entry', async () => {
    grant();
    const partial = await signed(t, 'GET', `${P()}/text`);
    expect(partial.statusCode).toBe(403);
    expect(partial.json().error.code).toBe('GATEWAY_PROXY_NOT_FILTERABLE');
    const all = (await t.services.catalog.mounts.apiFor(t.entryId))!.items.map((i) => i.itemCodeName);
    grant({ items: all });
    const full = await signed(t, 'GET', `${P()}/text`);
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(people[0]!.person_name as string);
  });

  it('answers upstream failures with 502 / 504 and logs them as faults', async () => {
    grant();
    const fail = await signed(t, 'GET', `${P()}/fail`);
    expect(fail.statusCode).toBe(502);
    expect(fail.json().error.code).toBe('GATEWAY_UPSTREAM_ERROR');
    expect(fail.body).not.toContain('database down');
    expect((await logged(fail.headers['x-request-id'] as string))[0]).toMatchObject({ status: 502, fault_code: 'GATEWAY_UPSTREAM_ERROR' });

    const redirect = await signed(t, 'GET', `${P()}/redirect`);
    expect(redirect.statusCode).toBe(502);

    const options = t.services.gateway.options;
    const { proxyTimeoutMs, proxyMaxResponseBytes } = options;
    try {
      options.proxyTimeoutMs = 300;
      const slow = await signed(t, 'GET', `${P()}/slow`);
      expect(slow.statusCode).toBe(504);
      expect(slow.json().error.code).toBe('GATEWAY_UPSTREAM_TIMEOUT');
      expect((await logged(slow.headers['x-request-id'] as string))[0]).toMatchObject({ status: 504, fault_code: 'GATEWAY_UPSTREAM_TIMEOUT' });

      options.proxyMaxResponseBytes = 10_000;
      const big = await signed(t, 'GET', `${P()}/big`);
      expect(big.statusCode).toBe(502);
      expect(big.json().error.message).toContain('上限');
    } finally {
      Object.assign(options, { proxyTimeoutMs, proxyMaxResponseBytes });
    }
  });

  it('forwards POST bodies to a POST mount and refuses a method the mount does not take', async () => {
    grant();
    const id = people[2]!.id_number as string;
    const get = await signed(t, 'GET', `${P()}/person?id_number=${id}`);
    expect(get.statusCode).toBe(200);
    const wrong = await signed(t, 'POST', `${P()}/person`, { id_number: id });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.json().error.code).toBe('GATEWAY_METHOD_NOT_ALLOWED');
    await mountApi(base, 'POST');
    try {
      const post = await signed(t, 'POST', `${P()}/person`, { id_number: id });
      expect(post.statusCode).toBe(200);
      expect(JSON.parse(lastBody)).toEqual({ id_number: id });
      expect(post.json().data.gender).toBe(people[2]!.gender);
      expect((await logged(post.headers['x-request-id'] as string))[0]!.key_hashes).toHaveLength(1);
    } finally {
      await mountApi(base);
    }
  });

  it('refuses relative, non-http, link-local and platform-own endpoints with 409, and path traversal with 400', async () => {
    grant();
    try {
      await mountApi('/gaj/hukou/migrations');
      const relative = await signed(t, 'GET', `${P()}/x`);
      expect(relative.statusCode).toBe(409);
      expect(relative.json().error.code).toBe('GATEWAY_MOUNT_REFUSED');
      expect(relative.json().error.message).toContain('相对地址');

      await mountApi('ftp://files.example.gov.cn/data');
      expect((await signed(t, 'GET', `${P()}/x`)).statusCode).toBe(409);

      await mountApi('http://169.254.169.254/latest/meta-data');
      const metadata = await signed(t, 'GET', `${P()}/x`);
      expect(metadata.statusCode).toBe(409);
      expect(metadata.json().error.message).toContain('元数据');

      await mountApi(`http://127.0.0.1:${t.services.gateway.options.platformListen!.port}/api/v1`);
      const self = await signed(t, 'GET', `${P()}/health`);
      expect(self.statusCode).toBe(409);
      expect(self.json().error.message).toContain('平台自身');

      t.services.gateway.options.proxyAllowedHosts = ['*.gov.cn'];
      await mountApi(base);
      const outside = await signed(t, 'GET', `${P()}/list`);
      expect(outside.statusCode).toBe(409);
      expect(outside.json().error.message).toContain('proxyAllowedHosts');
      t.services.gateway.options.proxyAllowedHosts = ['127.0.0.0/8'];
      expect((await signed(t, 'GET', `${P()}/list`)).statusCode).toBe(200);
    } finally {
      t.services.gateway.options.proxyAllowedHosts = [];
      await mountApi(base);
    }
    const traversal = await signed(t, 'GET', `${P()}/a%2F..%2Fadmin`);
    expect(traversal.statusCode).toBe(400);
  });

  it('refuses a caller without a grant (403) or with a bad signature (401), without calling the upstream', async () => {
    lastUrl = '';
    t.grants.clear();
    const none = await signed(t, 'GET', `${P()}/list`);
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('GATEWAY_NO_GRANT');
    grant();
    const bad = await signed(t, 'GET', `${P()}/list`, undefined, { tamper: true });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('GATEWAY_SIGNATURE_INVALID');
    expect(lastUrl).toBe('');
    expect((await logged(none.headers['x-request-id'] as string))[0]).toMatchObject({ status: 403, fault_code: 'GATEWAY_NO_GRANT' });
  });
});

describe('upstream credentials (上游接口凭据, §9.1)', () => {
  const U = () => `/api/v1/gateway/upstreams/${t.entryId}`;
  const audited = async (action: string) =>
    (await sql<{ details: unknown }>`select details from audit_events where action = ${action} and target_id = ${t.entryId} order by seq`.execute(t.db)).rows;

  it('lets the provider set a token the proxy presents upstream, never shows or logs it again, and clears it', async () => {
    grant();
    await mountApi(base, 'GET', 'token');
    const gaj = await t.login('gaj_steward');
    const listed = (await gaj.get('/api/v1/gateway/upstreams')).json().items.find((i: { entryId: string }) => i.entryId === t.entryId);
    expect(listed).toMatchObject({ auth: 'token', presentable: true, credential: null, endpoint: base });

    const set = await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'token', token: 'up-token-4711' } });
    expect(set.statusCode).toBe(200);
    expect(set.json().credential).toMatchObject({ kind: 'token', headerName: null, appKey: null });
    expect(set.body).not.toContain('up-token-4711');
    expect((await signed(t, 'GET', `${P()}/list`)).statusCode).toBe(200);
    expect(lastHeaders.authorization).toBe('Bearer up-token-4711');

    // A named header instead of Authorization; the stored secret is sealed, the audit trail names no secret.
    expect((await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'token', token: 'tok-0815', headerName: 'X-Api-Token' } })).statusCode).toBe(200);
    await signed(t, 'GET', `${P()}/list`);
    expect(lastHeaders['x-api-token']).toBe('tok-0815');
    expect(lastHeaders.authorization).toBeUndefined();
    const stored = (await sql<{ secret_enc: Buffer }>`select secret_enc from gateway_upstream_credentials where entry_id = ${t.entryId}`.execute(t.db)).rows[0]!;
    expect(Buffer.from(stored.secret_enc).toString('latin1')).not.toContain('tok-0815');
    const sets = await audited('gateway.upstream.set');
    expect(sets).toHaveLength(2);
    expect(JSON.stringify(sets)).not.toMatch(/up-token-4711|tok-0815/);

    const cleared = await gaj.request({ method: 'DELETE', url: U() });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().credential).toBeNull();
    expect(await audited('gateway.upstream.clear')).toHaveLength(1);
    await signed(t, 'GET', `${P()}/list`);
    expect(lastHeaders['x-api-token']).toBeUndefined();
    const again = await gaj.request({ method: 'DELETE', url: U() });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('GATEWAY_UPSTREAM_CREDENTIAL_NOT_SET');
  });

  it('signs each forwarded call with the platform scheme for an app_key mount, verifiable by the upstream', async () => {
    grant();
    await mountApi(base, 'GET', 'app_key');
    const gaj = await t.login('gaj_steward');
    expect((await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'app_key', appKey: 'gwk_platform_up', secret: 'gws_upstream-secret' } })).statusCode).toBe(200);
    const id = people[0]!.id_number as string;
    expect((await signed(t, 'GET', `${P()}/person?id_number=${id}`)).statusCode).toBe(200);
    expect(lastHeaders['x-app-key']).toBe('gwk_platform_up');
    const expected = signRequest('gws_upstream-secret', {
      method: 'GET', path: '/svc/person', query: `id_number=${id}`, timestamp: String(lastHeaders['x-timestamp']), nonce: String(lastHeaders['x-nonce']), body: '',
    });
    expect(lastHeaders['x-signature']).toBe(expected);
    expect(Math.abs(Number(lastHeaders['x-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect((await gaj.request({ method: 'DELETE', url: U() })).statusCode).toBe(200);
  });

  it('refuses another department, a kind the mount does not declare, reserved headers, and mounts whose auth it cannot present', async () => {
    await mountApi(base, 'GET', 'token');
    const mzj = await t.login('mzj_steward');
    const other = await mzj.request({ method: 'PUT', url: U(), payload: { kind: 'token', token: 'x' } });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('GATEWAY_API_NOT_MOUNTED');
    expect((await mzj.get(U())).statusCode).toBe(404);
    expect((await mzj.get('/api/v1/gateway/upstreams')).json().items.map((i: { entryId: string }) => i.entryId)).not.toContain(t.entryId);

    const gaj = await t.login('gaj_steward');
    const wrongKind = await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'app_key', appKey: 'k', secret: 's' } });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details.fields[0].path).toBe('body.kind');
    for (const headerName of ['Host', 'X-Shuzheng-Grant', 'Cookie', 'bad header']) {
      const res = await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'token', token: 'x', headerName } });
      expect(res.statusCode, headerName).toBe(400);
    }
    expect((await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'token', token: '' } })).statusCode).toBe(400);
    expect((await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'token', token: 'two\nlines' } })).statusCode).toBe(400);
    expect((await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'nope', token: 'x' } })).statusCode).toBe(400);

    await mountApi(base, 'GET', 'sm2');
    const sm2 = await gaj.request({ method: 'PUT', url: U(), payload: { kind: 'token', token: 'x' } });
    expect(sm2.statusCode).toBe(409);
    expect(sm2.json().error.code).toBe('GATEWAY_UPSTREAM_AUTH_UNSUPPORTED');
    expect((await gaj.get(U())).json()).toMatchObject({ auth: 'sm2', presentable: false, credential: null });
    expect((await sql<{ n: number }>`select count(*)::int as n from gateway_upstream_credentials`.execute(t.db)).rows[0]!.n).toBe(0);
    await mountApi(base);
  });
});
