import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp, type App } from '../../app.ts';
import { cloneTemplate } from '../../../test/test-database.ts';
import { testConfig, TEST_PASSWORD, TEST_SEED } from '../../../test/test-config.ts';
import { seedDemoCatalog } from '../../workflows/seed-demo-catalog.ts';
import { seedDemoExchange } from '../../workflows/seed-demo-exchange.ts';
import type { ActiveGrant, GrantLookup } from './gateway-core.ts';
import { signRequest } from './gateway-signature.ts';

// Fixtures of the gateway route tests. Grants come from a small in-test GrantLookup backed by a Map (the sharing
// module's real `grants` is wired in app.ts and tested with the sharing module).

export interface GatewayTestApp extends App {
  db: Kysely<unknown>;
  grants: Map<string, ActiveGrant>;
  entryId: string;
  consumer: { appKey: string; secret: string; systemId: string; departmentId: string; credentialId: string };
  login(username: string): Promise<{ request(o: InjectOptions): Promise<LightMyRequestResponse>; get(url: string): Promise<LightMyRequestResponse>; post(url: string, body?: unknown): Promise<LightMyRequestResponse> }>;
}

export const grantKey = (systemId: string, entryId: string) => `${systemId}|${entryId}`;

export async function createGatewayTestApp(): Promise<GatewayTestApp> {
  const grants = new Map<string, ActiveGrant>();
  const lookup: GrantLookup = { activeFor: async (systemId, entryId) => grants.get(grantKey(systemId, entryId)) ?? null };
  const database = await cloneTemplate(inject('dbTemplate'));
  // The tests change grants and mounts between calls: no caching of either.
  const built = await buildApp(testConfig({ GATEWAY_GRANT_CACHE_SECONDS: 0, GATEWAY_MOUNT_CACHE_SECONDS: 0 }), { database, logger: false, gatewayGrants: lookup });
  const db = database.db as Kysely<unknown>;
  await seedDemoCatalog(built.services, { password: TEST_PASSWORD });
  const seeded = await seedDemoExchange(built.services, db, { cityDivision: TEST_SEED.cityDivision, people: TEST_SEED.people });
  if (!seeded.credential || !seeded.entryId) throw new Error(`demo exchange seed incomplete: ${JSON.stringify(seeded)}`);
  const cred = (await built.services.gateway.credentials.list({ actor: { permissions: new Map([['gateway.credential.manage', 'all']]) } as never, ip: '127.0.0.1', requestId: 't', userAgent: null })).items.find((c) => c.appKey === seeded.credential!.appKey)!;
  return {
    ...built,
    db,
    grants,
    entryId: seeded.entryId,
    consumer: { appKey: cred.appKey, secret: seeded.credential.secret, systemId: cred.systemId, departmentId: cred.departmentId, credentialId: cred.id },
    async login(username: string) {
      const res = await built.app.inject({ method: 'POST', url: '/api/v1/identity/sessions', payload: { username, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
      const headers = { cookie: `sz_session=${res.cookies.find((c) => c.name === 'sz_session')!.value}`, 'x-csrf-token': res.json().csrfToken };
      const request = (o: InjectOptions) => built.app.inject({ ...o, headers: { ...headers, ...(o.headers ?? {}) } as never });
      return { request, get: (url: string) => request({ method: 'GET', url }), post: (url: string, body?: unknown) => request({ method: 'POST', url, payload: body as never }) };
    },
  };
}

/** A grant for the demo consumer on the demo entry, with overrides. */
export function demoGrant(t: GatewayTestApp, over: Partial<ActiveGrant> = {}): ActiveGrant {
  return {
    id: `grant-${randomBytes(4).toString('hex')}`, entryId: t.entryId, providerDepartmentId: '00000000-0000-0000-0000-000000000000',
    consumerDepartmentId: t.consumer.departmentId, consumerSystemId: t.consumer.systemId,
    items: ['id_number', 'person_name', 'gender', 'nation', 'birth_date', 'domicile_address'],
    operations: ['query', 'batch', 'verify', 'read', 'subscribe'], allowedIps: ['127.0.0.0/8'], validFrom: '2020-01-01', validUntil: '2099-12-31',
    rateLimitPerMinute: 1000, dailyQuota: 100_000, requireCaseNumber: false, requireOperatorId: false, purpose: '婚姻登记身份核验', ...over,
  };
}

export interface SignOptions {
  appKey?: string;
  secret?: string;
  timestamp?: string;
  nonce?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
  tamper?: boolean;
}

/** Sends a signed gateway request as the demo consumer (or with the given key/secret). */
export function signed(t: GatewayTestApp, method: 'GET' | 'POST', url: string, body?: unknown, o: SignOptions = {}) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const q = url.indexOf('?');
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? randomBytes(12).toString('hex');
  const secret = o.secret ?? t.consumer.secret;
  let signature = signRequest(secret, { method, path: q < 0 ? url : url.slice(0, q), query: q < 0 ? '' : url.slice(q + 1), timestamp, nonce, body: raw });
  if (o.tamper) signature = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  return t.app.inject({
    method, url, ...(raw ? { payload: raw } : {}), remoteAddress: o.remoteAddress ?? '127.0.0.1',
    headers: {
      ...(raw ? { 'content-type': 'application/json' } : {}), 'x-app-key': o.appKey ?? t.consumer.appKey, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature,
      ...(o.headers ?? {}),
    },
  });
}
