import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { maskValue } from '@shuzheng/standards';
import { createGatewayTestApp, demoGrant, grantKey, signed, type GatewayTestApp } from './gateway.test-support.ts';
import type { ActiveGrant } from './gateway-core.ts';
import { gatewayVerifyCommand } from '../../cli/gateway-verify.ts';
import { seedDemoExchange } from '../../workflows/seed-demo-exchange.ts';

// Route tests of the gateway. Grants come from an in-test GrantLookup backed by a Map (see gateway.test-support.ts);
// the wiring of the sharing module's real grants is tested with that module.

let t: GatewayTestApp;
let ids: string[];
let person: Record<string, unknown>;
const E = () => `/gateway/v1/entries/${t.entryId}`;

function grant(over: Partial<ActiveGrant> = {}) {
  const g = demoGrant(t, over);
  t.grants.set(grantKey(t.consumer.systemId, t.entryId), g);
  return g;
}

beforeAll(async () => {
  t = await createGatewayTestApp();
  const rows = await sql<Record<string, unknown>>`select * from rk.czrk_jbxx order by id_number`.execute(t.db);
  ids = rows.rows.map((r) => r.id_number as string);
  person = rows.rows[0]!;
}, 120_000);
afterAll(async () => t?.close());

describe('signature authentication', () => {
  it('serves a correctly signed query and refuses a bad signature, a replayed nonce, an old timestamp and a session cookie', async () => {
    grant();
    const ok = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().record.gender).toBe(person.gender);

    const bad = await signed(t, 'GET', `${E()}/records/${ids[0]}`, undefined, { tamper: true });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('GATEWAY_SIGNATURE_INVALID');

    const wrongSecret = await signed(t, 'GET', `${E()}/records/${ids[0]}`, undefined, { secret: 'gws_not-the-secret' });
    expect(wrongSecret.json().error.code).toBe('GATEWAY_SIGNATURE_INVALID');

    const nonce = 'replay-nonce-0001';
    expect((await signed(t, 'GET', `${E()}/records/${ids[1]}`, undefined, { nonce })).statusCode).toBe(200);
    const replay = await signed(t, 'GET', `${E()}/records/${ids[1]}`, undefined, { nonce });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('GATEWAY_NONCE_REPLAYED');

    const old = await signed(t, 'GET', `${E()}/records/${ids[0]}`, undefined, { timestamp: String(Math.floor(Date.now() / 1000) - 301) });
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('GATEWAY_TIMESTAMP_EXPIRED');

    // Session cookies are not a gateway credential.
    const steward = await t.login('mzj_steward');
    const viaCookie = await steward.get(`${E()}/records/${ids[0]}`);
    expect(viaCookie.statusCode).toBe(401);
    expect(viaCookie.json().error.code).toBe('GATEWAY_UNAUTHENTICATED');
  });

  it('refuses a caller outside the allowed IPs, without a grant, or for an operation not granted', async () => {
    grant({ allowedIps: ['10.20.0.0/16'] });
    const ip = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    expect(ip.statusCode).toBe(403);
    expect(ip.json().error.code).toBe('GATEWAY_IP_NOT_ALLOWED');
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`, undefined, { remoteAddress: '10.20.3.4' })).statusCode).toBe(200);

    grant({ operations: ['verify'] });
    const op = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    expect(op.statusCode).toBe(403);
    expect(op.json().error.code).toBe('GATEWAY_OPERATION_NOT_GRANTED');

    grant({ validUntil: '2020-12-31' });
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`)).json().error.code).toBe('GATEWAY_GRANT_NOT_VALID');

    t.grants.clear();
    const none = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('GATEWAY_NO_GRANT');
  });

  it('issues OAuth2 client-credentials tokens and accepts them as bearer tokens', async () => {
    grant();
    const bad = await t.app.inject({ method: 'POST', url: '/gateway/oauth/token', payload: { grant_type: 'client_credentials', client_id: t.consumer.appKey, client_secret: 'wrong' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toBe('invalid_client');
    const res = await t.app.inject({
      method: 'POST', url: '/gateway/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${t.consumer.appKey}&client_secret=${encodeURIComponent(t.consumer.secret)}`,
    });
    expect(res.statusCode).toBe(200);
    const { access_token: token, expires_in: ttl } = res.json();
    expect(token).toMatch(/^gwt_/);
    expect(ttl).toBeGreaterThan(0);
    const ok = await t.app.inject({ method: 'GET', url: `${E()}/records/${ids[0]}`, headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    const forged = await t.app.inject({ method: 'GET', url: `${E()}/records/${ids[0]}`, headers: { authorization: `Bearer gwt_forged` } });
    expect(forged.statusCode).toBe(401);
    // Only the hash of the token is stored.
    const stored = await sql<{ token_hash: string }>`select token_hash from gateway_tokens`.execute(t.db);
    expect(stored.rows.some((r) => r.token_hash === token)).toBe(false);
  });
});

describe('items, masking and operations', () => {
  it('returns only granted items, masked by sensitivity (ID number high, name low, 民族 fully, gender clear)', async () => {
    grant({ items: ['id_number', 'person_name', 'gender', 'nation', 'domicile_address'] });
    const res = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    expect(res.statusCode).toBe(200);
    const record = res.json().record;
    expect(Object.keys(record).sort()).toEqual(['domicile_address', 'gender', 'id_number', 'nation', 'person_name']);
    expect(record.id_number).toBe(maskValue('idNumber', ids[0]!, 3));
    expect(record.person_name).toBe(maskValue('name', person.person_name as string, 2));
    expect(record.domicile_address).toBe(maskValue('address', person.domicile_address as string, 2));
    expect(record.nation).toBe('******');
    expect(record.gender).toBe(person.gender);
    expect(res.body).not.toContain(person.birth_date instanceof Date ? 'birth_date' : String(person.birth_date));
    expect(res.body).not.toContain(ids[0]!);
  });

  it('batch-queries up to N keys, reporting keys not found', async () => {
    grant({ items: ['gender'] });
    const res = await signed(t, 'POST', `${E()}/records:batch`, { keys: [ids[0], ids[1], '110101199001011234'] });
    expect(res.statusCode).toBe(200);
    const records = res.json().records;
    expect(records.map((r: { found: boolean }) => r.found)).toEqual([true, true, false]);
    expect(Object.keys(records[0].record)).toEqual(['gender']);
    const tooMany = await signed(t, 'POST', `${E()}/records:batch`, { keys: Array.from({ length: 1001 }, (_, i) => String(i)) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('GATEWAY_INVALID_INPUT');
  });

  it('verifies values without returning data, and refuses items not granted', async () => {
    grant({ items: ['id_number', 'person_name', 'gender'] });
    const res = await signed(t, 'POST', `${E()}/verify`, { key: ids[0], values: { person_name: person.person_name, gender: person.gender === '1' ? '2' : '1' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().matches).toEqual({ person_name: true, gender: false });
    expect(res.body).not.toContain(person.person_name as string);
    const notGranted = await signed(t, 'POST', `${E()}/verify`, { key: ids[0], values: { education: '10' } });
    expect(notGranted.statusCode).toBe(403);
    expect(notGranted.json().error.code).toBe('GATEWAY_ITEMS_NOT_GRANTED');
  });

  it('marks values under dispute (存疑) once the bureau accepts a dispute, and only granted items', async () => {
    grant({ items: ['person_name', 'gender'] });
    const [mzj, reviewer] = await Promise.all([t.login('mzj_steward'), t.login('reviewer')]);
    const raised = await mzj.post('/api/v1/disputes', { entryId: t.entryId, recordKey: ids[6], items: [{ codeName: 'person_name' }, { codeName: 'nation' }], reason: '与户口簿不一致' });
    expect(raised.statusCode).toBe(201);
    const before = await signed(t, 'GET', `${E()}/records/${ids[6]}`);
    expect(before.json().disputed).toEqual([]); // raised, not yet accepted
    expect((await reviewer.post(`/api/v1/disputes/${raised.json().id}/accept`, { note: '转公安局核实' })).statusCode).toBe(200);
    const one = await signed(t, 'GET', `${E()}/records/${ids[6]}`);
    expect(one.json().disputed).toEqual(['person_name']); // nation is disputed too, but not granted
    const batch = await signed(t, 'POST', `${E()}/records:batch`, { keys: [ids[6], ids[7]] });
    expect(batch.json().records.map((r: { disputed: string[] }) => r.disputed)).toEqual([['person_name'], []]);
    const check = await signed(t, 'POST', `${E()}/verify`, { key: ids[6], values: { gender: String(person.gender), person_name: 'x' } });
    expect(check.json().disputed).toEqual(['person_name']);
    const page = await signed(t, 'GET', `${E()}/records?limit=1000`);
    expect(page.json().disputed.filter((d: string[]) => d.length)).toEqual([['person_name']]);
  });

  it('never serves a soft-deleted row; the change feed reports it as deleted', async () => {
    grant({ items: ['gender'] });
    await sql`update rk.czrk_jbxx set deleted_at = now(), updated_at = now() + interval '5 minutes' where id_number = ${ids[4]}`.execute(t.db);
    try {
      expect((await signed(t, 'GET', `${E()}/records/${ids[4]}`)).statusCode).toBe(404);
      const batch = await signed(t, 'POST', `${E()}/records:batch`, { keys: [ids[4], ids[5]] });
      expect(batch.json().records.map((r: { found: boolean }) => r.found)).toEqual([false, true]);
      const feed = await signed(t, 'GET', `${E()}/changes?limit=1000`);
      const deleted = feed.json().records.filter((r: { deleted: boolean }) => r.deleted);
      expect(deleted).toHaveLength(1);
      expect(deleted[0].disputed).toEqual([]);
    } finally {
      await sql`update rk.czrk_jbxx set deleted_at = null, updated_at = now() - interval '1 day' where id_number = ${ids[4]}`.execute(t.db);
    }
  });

  it('pages through the table and follows the change feed; 409 without updated_at', async () => {
    grant({ items: ['gender'] });
    const first = await signed(t, 'GET', `${E()}/records?limit=25`);
    expect(first.statusCode).toBe(200);
    expect(first.json().records).toHaveLength(25);
    const next = await signed(t, 'GET', `${E()}/records?limit=25&cursor=${first.json().nextCursor}`);
    expect(next.json().records.length).toBeGreaterThan(0);

    await sql`alter table rk.czrk_jbxx rename column updated_at to changed`.execute(t.db);
    const noFeed = await signed(t, 'GET', `${E()}/changes`);
    expect(noFeed.statusCode).toBe(409);
    expect(noFeed.json().error.code).toBe('GATEWAY_NO_CHANGE_FEED');
    await sql`alter table rk.czrk_jbxx rename column changed to updated_at`.execute(t.db);

    const all = await signed(t, 'GET', `${E()}/changes?limit=1000`);
    expect(all.statusCode).toBe(200);
    const cursor = all.json().nextCursor;
    await sql`update rk.czrk_jbxx set updated_at = now() + interval '1 minute' where id_number = ${ids[3]}`.execute(t.db);
    const since = await signed(t, 'GET', `${E()}/changes?cursor=${cursor}`);
    expect(since.json().records).toHaveLength(1);
  });
});

describe('demo exchange seed', () => {
  it('fills rk.czrk_jbxx with the demo city persons (the demo citizen included) and is idempotent', async () => {
    expect(ids).toHaveLength(60);
    const userId = (await sql<{ id: string }>`select id from identity_users where username = 'citizen'`.execute(t.db)).rows[0]!.id;
    expect(ids).toContain((await t.services.identity.holderOf(userId))!.id);
    const again = await seedDemoExchange(t.services, t.db, { cityDivision: '441500', people: 60 });
    expect(again).toMatchObject({ seeded: false, rows: 0, credential: null });
  });
});

describe('mount safety', () => {
  it('refuses a mount in the public schema (the platform’s own tables)', async () => {
    grant();
    const mount = (await sql<{ id: string; table_spec: Record<string, unknown> }>`select id, table_spec from catalog_mounts where entry_id = ${t.entryId} and kind = 'table'`.execute(t.db)).rows[0]!;
    const spec = { ...mount.table_spec, schemaName: 'public', tableName: 'identity_users' };
    await sql`update catalog_mounts set table_spec = ${JSON.stringify(spec)}::jsonb where id = ${mount.id}`.execute(t.db);
    try {
      const res = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('GATEWAY_MOUNT_REFUSED');
    } finally {
      await sql`update catalog_mounts set table_spec = ${JSON.stringify(mount.table_spec)}::jsonb where id = ${mount.id}`.execute(t.db);
    }
  });
});

describe('limits and required headers', () => {
  it('answers 429 past the per-minute rate and past the daily quota', async () => {
    grant({ id: 'grant-rate', rateLimitPerMinute: 2 });
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`)).statusCode).toBe(200);
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`)).statusCode).toBe(200);
    const limited = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('GATEWAY_RATE_LIMITED');

    grant({ id: 'grant-quota', dailyQuota: 2 });
    await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    const quota = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
    expect(quota.statusCode).toBe(429);
    expect(quota.json().error.code).toBe('GATEWAY_QUOTA_EXCEEDED');
  });

  it('requires a case number and operator when the grant says so, and logs them with the key hashed', async () => {
    grant({ requireCaseNumber: true, requireOperatorId: true });
    const missing = await signed(t, 'GET', `${E()}/records/${ids[2]}`, undefined, { headers: { 'x-operator-id': 'op-1' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('GATEWAY_CASE_NUMBER_REQUIRED');
    const noOperator = await signed(t, 'GET', `${E()}/records/${ids[2]}`, undefined, { headers: { 'x-case-number': 'MZ-2026-0001' } });
    expect(noOperator.json().error.code).toBe('GATEWAY_OPERATOR_REQUIRED');
    const ok = await signed(t, 'GET', `${E()}/records/${ids[2]}`, undefined, { headers: { 'x-case-number': 'MZ-2026-0001', 'x-operator-id': 'op-1' } });
    expect(ok.statusCode).toBe(200);
    await t.services.gateway.callLog.drain();
    const rows = (await sql<Record<string, unknown>>`select * from gateway_calls where request_id = ${ok.headers['x-request-id'] as string}`.execute(t.db)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ case_number: 'MZ-2026-0001', operator_id: 'op-1', operation: 'query', status: 200, purpose: '婚姻登记身份核验' });
    expect((rows[0]!.key_hashes as string[])[0]).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify((await sql`select * from gateway_calls`.execute(t.db)).rows);
    expect(everything).not.toContain(ids[2]!);
  });
});

describe('credential management API', () => {
  it('answers 401 anonymous, 403 without the permission, and hides other departments’ credentials', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/gateway/credentials' })).statusCode).toBe(401);
    const citizen = await t.login('citizen');
    expect((await citizen.get('/api/v1/gateway/credentials')).statusCode).toBe(403);

    const gaj = await t.login('gaj_steward');
    const list = await gaj.get('/api/v1/gateway/credentials');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(t.consumer.credentialId);
    expect((await gaj.get(`/api/v1/gateway/credentials/${t.consumer.credentialId}`)).statusCode).toBe(404);
    expect((await gaj.post(`/api/v1/gateway/credentials/${t.consumer.credentialId}/rotate`, {})).statusCode).toBe(404);
    const foreign = await gaj.post('/api/v1/gateway/credentials', { systemId: t.consumer.systemId });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('GATEWAY_NOT_OWN_SYSTEM');
  });

  it('creates, rotates with overlap and revokes; the secret appears once and is audited', async () => {
    grant();
    const mzj = await t.login('mzj_steward');
    const created = await mzj.post('/api/v1/gateway/credentials', { systemId: t.consumer.systemId, name: '测试' });
    expect(created.statusCode).toBe(201);
    const { appKey, secret, credential } = created.json();
    expect(secret).toMatch(/^gws_/);
    const listed = await mzj.get('/api/v1/gateway/credentials');
    expect(listed.body).not.toContain(secret);
    const stored = JSON.stringify((await sql`select * from gateway_secrets`.execute(t.db)).rows);
    expect(stored).not.toContain(secret);
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`, undefined, { appKey, secret })).statusCode).toBe(200);

    const rotated = await mzj.post(`/api/v1/gateway/credentials/${credential.id}/rotate`, { overlapMinutes: 60 });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().credential.activeSecrets).toBe(2);
    const newSecret = rotated.json().secret;
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`, undefined, { appKey, secret })).statusCode).toBe(200);
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`, undefined, { appKey, secret: newSecret })).statusCode).toBe(200);

    const revoked = await mzj.post(`/api/v1/gateway/credentials/${credential.id}/revoke`, {});
    expect(revoked.json().status).toBe('revoked');
    const audit = (await sql<{ action: string }>`select action from audit_events where target_id = ${credential.id} order by seq`.execute(t.db)).rows.map((r) => r.action);
    expect(audit).toEqual(['gateway.credential.create', 'gateway.credential.rotate', 'gateway.credential.revoke']);
  });
});

describe('call log, statistics and who used my data', () => {
  it('shows the citizen which department queried their record, when and why', async () => {
    const userId = (await sql<{ id: string }>`select id from identity_users where username = 'citizen'`.execute(t.db)).rows[0]!.id;
    const holder = await t.services.identity.holderOf(userId);
    grant({ requireCaseNumber: true });
    const res = await signed(t, 'GET', `${E()}/records/${holder!.id}`, undefined, { headers: { 'x-case-number': 'MZ-2026-0042' } });
    expect(res.statusCode).toBe(200);
    await t.services.gateway.callLog.drain();
    const citizen = await t.login('citizen');
    const uses = await citizen.get('/api/v1/gateway/my-data-uses');
    expect(uses.statusCode).toBe(200);
    const mine = uses.json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ caseNumber: 'MZ-2026-0042', purpose: '婚姻登记身份核验', entryName: '常住人口基本信息' });
    expect(mine[0].departmentName).toContain('民政局');
    const staff = await t.login('gaj_steward');
    expect((await staff.get('/api/v1/gateway/my-data-uses')).statusCode).toBe(403);
  });

  it('reports statistics with latency percentiles to the bureau and only own calls to a department', async () => {
    await t.services.gateway.callLog.drain();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const reviewer = await t.login('reviewer');
    const all = await reviewer.get(`/api/v1/gateway/stats?from=${today}&to=${today}&groupBy=consumer`);
    expect(all.statusCode).toBe(200);
    expect(all.json().scope).toBe('all');
    const row = all.json().items.find((i: { key: string }) => i.key === t.consumer.departmentId);
    expect(row.calls).toBeGreaterThan(5);
    expect(row.errors).toBeGreaterThan(0);
    expect(row.p99Ms).toBeGreaterThanOrEqual(row.p50Ms);
    const gaj = await t.login('gaj_steward');
    const own = await gaj.get(`/api/v1/gateway/stats?from=${today}&to=${today}&groupBy=consumer`);
    expect(own.json().scope).toBe('department');
    expect(own.json().items.find((i: { key: string }) => i.key === t.consumer.departmentId)).toBeUndefined();
    // By fault code: why calls failed, named in Chinese; served calls under null (成功).
    const faults = (await reviewer.get(`/api/v1/gateway/stats?from=${today}&to=${today}&groupBy=fault`)).json();
    expect(faults.groupBy).toBe('fault');
    const byKey = new Map(faults.items.map((i: { key: string | null; label: string; calls: number; errors: number }) => [i.key, i]));
    expect(byKey.get(null)).toMatchObject({ label: '成功', errors: 0 });
    expect(byKey.get('GATEWAY_RECORD_NOT_FOUND')).toMatchObject({ label: '无此记录' });
    expect((byKey.get('GATEWAY_RECORD_NOT_FOUND') as { errors: number }).errors).toBeGreaterThan(0);
    expect((await reviewer.get(`/api/v1/gateway/stats?from=${today}&to=${today}&groupBy=nonsense`)).statusCode).toBe(400);
  });

  it('refuses calls with 503 when the log store fails, raises an alarm, and recovers without losing records', async () => {
    grant({ id: 'grant-degraded' });
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`)).statusCode).toBe(200); // quota counter seeded
    await t.services.gateway.callLog.drain();
    await sql`alter table gateway_calls rename to gateway_calls_away`.execute(t.db);
    try {
      const served = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
      expect(served.statusCode).toBe(200); // queued before the failure was known; kept in the buffer
      await t.services.gateway.callLog.drain();
      expect(t.services.gateway.callLog.status().accepting).toBe(false);
      const refused = await signed(t, 'GET', `${E()}/records/${ids[0]}`);
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error.code).toBe('GATEWAY_LOG_UNAVAILABLE');
      expect(refused.body).not.toContain('record');
      // The auditor's status page: degraded, with the store's error, written by the worker thread on PostgreSQL.
      const status = await (await t.login('auditor')).get('/api/v1/gateway/call-log/status');
      expect(status.statusCode).toBe(200);
      expect(status.json()).toMatchObject({ accepting: false, failing: expect.stringContaining('gateway_calls'), writer: process.env.DATABASE_URL ? 'thread' : 'inline' });
      expect(status.json().backlog).toBeGreaterThan(0);
    } finally {
      await sql`alter table gateway_calls_away rename to gateway_calls`.execute(t.db);
    }
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 100 && !t.services.gateway.callLog.status().accepting; i++) await new Promise((r) => setTimeout(r, 100));
    expect(t.services.gateway.callLog.status()).toMatchObject({ accepting: true, backlog: 0 });
    const alarms = (await sql<{ action: string }>`select action from audit_events where action like 'gateway.log.%' order by seq`.execute(t.db)).rows.map((r) => r.action);
    expect(alarms).toEqual(expect.arrayContaining(['gateway.log.alarm', 'gateway.log.recovered']));
    expect((await signed(t, 'GET', `${E()}/records/${ids[0]}`)).statusCode).toBe(200);
  }, 30_000);

  it('proves the chain and reports the first broken link of a tampered row', async () => {
    await t.services.gateway.callLog.drain();
    const auditor = await t.login('auditor');
    const ok = await auditor.post('/api/v1/gateway/call-log/verify');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.json().checked).toBeGreaterThan(10);
    expect((await (await t.login('gaj_steward')).post('/api/v1/gateway/call-log/verify')).statusCode).toBe(403);

    await sql`update gateway_calls set purpose = '篡改' where seq = 3`.execute(t.db);
    const broken = await auditor.post('/api/v1/gateway/call-log/verify');
    expect(broken.json()).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'HASH_MISMATCH' } });
    const cli = await gatewayVerifyCommand(t.db);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain('BROKEN at seq 3');
  });
});
