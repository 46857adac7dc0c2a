import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { createTestApp, type TestApp } from '../../test/helpers.ts';
import { kernelFastifyOptions, registerHttpKernel, type RefusedOutcome } from './http.ts';
import { ErrorBody } from './schemas.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('HTTP kernel on the whole app', () => {
  it('reports health with the database kind', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { ok: true, kind: process.env.DATABASE_URL ? 'postgres' : 'pglite' } });
  });

  it('serves Prometheus metrics with request durations per route', async () => {
    await t.anonymous.get('/api/health');
    const res = await t.anonymous.get('/api/metrics');
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toContain('route="/api/health"');
  });

  it('publishes an OpenAPI 3.1 document in which every operation has an id, a permission and the error schema', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThan(25);
    for (const op of operations) {
      expect(op.operationId).toBeTruthy();
      expect(op['x-permission']).toBeTruthy();
      expect(JSON.stringify(op.responses)).toContain('ErrorBody');
    }
    // The platform API, and the data path of the exchange gateway (documented by gateway-data.routes.ts).
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/v1/') || p.startsWith('/gateway/'))).toBe(true);
    expect((await t.anonymous.get('/api/docs/')).statusCode).toBe(200);
  });

  it('compiles route schemas on first use, and every one of them compiles', async () => {
    // Validators and serializers are built lazily (kernel/http.ts). One built on a request still reports its problems
    // (Ajv's `errors`) as a field-level 400 …
    const res = await t.anonymous.request({ method: 'POST', url: '/api/v1/identity/sessions', payload: { username: 7 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'REQUEST_INVALID', details: { fields: [expect.objectContaining({ path: expect.stringContaining('password') })] } });
    // … and all that no request has needed yet compile now.
    expect(t.compileSchemas()).toBeGreaterThan(150);
    expect(t.compileSchemas()).toBe(0);
  });

  it('echoes a well-formed request id and makes one up otherwise', async () => {
    expect((await t.anonymous.request({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'abc-12345678' } })).headers['x-request-id']).toBe('abc-12345678');
    expect((await t.anonymous.request({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id<script>' } })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const res = await t.anonymous.get('/api/v1/nothing/here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.anonymous.request({ method: 'POST', url: '/api/v1/identity/sessions', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('REQUEST_MALFORMED');
  });

  it('answers a wrong query type with 400 and the field path', async () => {
    const admin = await t.login('admin');
    const res = await admin.get('/api/v1/identity/users?page=zero&pageSize=1000');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['querystring.page', 'querystring.pageSize']);
  });
});

describe('HTTP kernel in isolation', () => {
  async function bareApp() {
    const outcomes: RefusedOutcome[] = [];
    const app = Fastify({ logger: false, ...kernelFastifyOptions({ trustProxy: false }) });
    app.addSchema(ErrorBody);
    registerHttpKernel(app, {
      authenticator: { authenticate: async () => null },
      outcomes: { recordOutcome: async (_ctx, o) => void outcomes.push(o) },
      metrics: new Registry(),
    });
    return { app, outcomes };
  }

  it('refuses to start a route that does not declare who may call it', async () => {
    const { app } = await bareApp();
    expect(() => app.get('/api/v1/open/door', { schema: { operationId: 'openDoor' } }, async () => ({}))).toThrow(/declares no config.access/);
  });

  it('hides unexpected errors behind a generic 500 with the request id, and records failed writes', async () => {
    const { app, outcomes } = await bareApp();
    app.post('/api/v1/test/boom', { config: { access: 'public', audit: 'test.boom' }, schema: { operationId: 'boom' } }, async () => {
      throw new Error('secret internals');
    });
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/v1/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL_ERROR');
    expect(res.body).not.toContain('secret internals');
    expect(res.json().error.message).toContain(res.headers['x-request-id']);
    expect(outcomes).toEqual([expect.objectContaining({ action: 'test.boom', result: 'failure', reason: 'INTERNAL_ERROR' })]);
  });
});
