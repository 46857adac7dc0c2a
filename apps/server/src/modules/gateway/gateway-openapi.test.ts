import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';

// The data path in the OpenAPI document, and proof that documenting it changed nothing on the wire: the schemas are
// not used to validate (bad input still reaches the gateway, which authenticates first) nor to serialize.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const E = '00000000-0000-4000-8000-000000000000';

describe('the gateway data path in OpenAPI', () => {
  it('lists every data operation under its tag with operationId, signature headers, security, bodies and answers', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    const ops = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)
      .filter(([p]) => p.startsWith('/gateway/'))
      .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op: op as Record<string, any> })));
    expect(ops.map((o) => o.key).sort()).toEqual([
      'GET /gateway/v1/entries/{entryId}/api/{*}',
      'GET /gateway/v1/entries/{entryId}/changes',
      'GET /gateway/v1/entries/{entryId}/records',
      'GET /gateway/v1/entries/{entryId}/records/{key}',
      'POST /gateway/oauth/token',
      'POST /gateway/v1/entries/{entryId}/api/{*}',
      'POST /gateway/v1/entries/{entryId}/records:batch',
      'POST /gateway/v1/entries/{entryId}/verify',
    ]);
    for (const { op } of ops) {
      expect(op.tags).toEqual(['共享网关（数据通道）']);
      expect(op.operationId).toMatch(/^gateway[A-Z]/);
      expect(op.summary).toBeTruthy();
      expect(op.responses['200'].description).toBeTruthy();
    }
    const query = ops.find((o) => o.key === 'GET /gateway/v1/entries/{entryId}/records/{key}')!.op;
    const params = (query.parameters as { in: string; name: string }[]).map((p) => `${p.in}:${p.name.toLowerCase()}`);
    // X-Signature is the apiKey of the gatewaySignature security scheme (fastify-swagger lists it there, not twice).
    for (const h of ['x-app-key', 'x-timestamp', 'x-nonce', 'authorization', 'x-case-number', 'x-operator-id']) expect(params).toContain(`header:${h}`);
    expect(params).toEqual(expect.arrayContaining(['path:entryid', 'path:key']));
    expect(query.security).toEqual([{ gatewaySignature: [] }, { gatewayToken: [] }]);
    expect(JSON.stringify(query.responses['403'])).toContain('ErrorBody');
    expect(JSON.stringify(query.responses['200'])).toContain('"additionalProperties":true');
    const batch = ops.find((o) => o.key === 'POST /gateway/v1/entries/{entryId}/records:batch')!.op;
    expect(batch.requestBody.content['application/json'].schema.properties.keys.maxItems).toBe(1000);
    expect(ops.find((o) => o.key === 'POST /gateway/oauth/token')!.op.security).toEqual([]);
    expect(doc.components.securitySchemes).toMatchObject({ gatewaySignature: { in: 'header', name: 'X-Signature' }, gatewayToken: { scheme: 'bearer' } });
  });

  it('still lets the gateway answer bad input itself: authentication first, its own error codes, nothing from the schema validator', async () => {
    // A body that breaks the documented schema, a key too long, a query limit out of range: 401 from the gateway.
    const bad = await t.app.inject({ method: 'POST', url: `/gateway/v1/entries/not-a-uuid/verify`, headers: { 'content-type': 'application/json' }, payload: '{"key":5,"values":[]}' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('GATEWAY_UNAUTHENTICATED');
    const page = await t.app.inject({ method: 'GET', url: `/gateway/v1/entries/${E}/records?limit=99999`, headers: { 'x-app-key': 'gwk_x', 'x-timestamp': '1', 'x-nonce': 'abcdefgh', 'x-signature': 'ff' } });
    expect(page.json().error.code).toBe('GATEWAY_TIMESTAMP_EXPIRED');
    const token = await t.app.inject({ method: 'POST', url: '/gateway/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=password' });
    expect(token.statusCode).toBe(400);
    expect(token.json()).toEqual({ error: 'unsupported_grant_type', error_description: expect.any(String) });
  });
});
