import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createGatewayTestApp, demoGrant, grantKey, signed, type GatewayTestApp } from './gateway.test-support.ts';
import { createNonceClaimer, createSeenNonces } from './gateway-nonces.ts';

// The data path's per-node caches and grouped writes (docs/gateway-api.md §2.2): nonce claims grouped into one INSERT
// still answer each call on its own and still see other nodes' claims; the credential cache never outlives a
// revocation or the end of a rotation's overlap on the node that made the change.

let t: GatewayTestApp;
let key: string;
const E = () => `/gateway/v1/entries/${t.entryId}`;

beforeAll(async () => {
  t = await createGatewayTestApp();
  t.grants.set(grantKey(t.consumer.systemId, t.entryId), demoGrant(t));
  key = (await sql<{ id_number: string }>`select id_number from rk.czrk_jbxx order by id_number limit 1`.execute(t.db)).rows[0]!.id_number;
}, 120_000);
afterAll(async () => t?.close());

describe('grouped nonce claims', () => {
  it('answers every claim of a group: new ones true, repeats in the group, earlier claims and other nodes\' claims false', async () => {
    const expiresAt = new Date(Date.now() + 600_000);
    await sql`insert into gateway_nonces (app_key, nonce, expires_at) values ('gwk_other', 'claimed-by-another-node', ${expiresAt})`.execute(t.db);
    const claimer = createNonceClaimer(t.db);
    const names = ['n-group-0001', 'n-group-0002', 'n-group-0001', 'claimed-by-another-node', 'n-group-0003'];
    // Claimed in one turn: they go out as one statement.
    const answers = await Promise.all(names.map((nonce) => claimer.claim({ appKey: 'gwk_other', nonce, expiresAt })));
    expect(answers).toEqual([true, true, false, false, true]);
    expect(await claimer.claim({ appKey: 'gwk_other', nonce: 'n-group-0002', expiresAt })).toBe(false);
    // The same nonce under another app key is another claim.
    expect(await claimer.claim({ appKey: 'gwk_third', nonce: 'n-group-0002', expiresAt })).toBe(true);
    const stored = (await sql<{ n: number }>`select count(*)::int as n from gateway_nonces where nonce like 'n-group-%'`.execute(t.db)).rows[0]!.n;
    expect(stored).toBe(4);
  });

  it('refuses a nonce another node already claimed (in the table, not in this node\'s memory)', async () => {
    const nonce = 'seen-on-node-b-0001';
    await sql`insert into gateway_nonces (app_key, nonce, expires_at) values (${t.consumer.appKey}, ${nonce}, ${new Date(Date.now() + 600_000)})`.execute(t.db);
    const res = await signed(t, 'GET', `${E()}/records/${key}`, undefined, { nonce });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('GATEWAY_NONCE_REPLAYED');
  });

  it('serves concurrent signed calls, each with its own nonce, and refuses the concurrent replays', async () => {
    const calls = Array.from({ length: 12 }, (_, i) => signed(t, 'GET', `${E()}/records/${key}`, undefined, { nonce: `concurrent-${i % 6}-abcdef` }));
    const statuses = (await Promise.all(calls)).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([...Array(6).fill(200), ...Array(6).fill(401)]);
  });
});

describe('nonces seen by a node', () => {
  it('remembers the newest nonces in bounded memory and forgets expired ones', () => {
    const seen = createSeenNonces(1000);
    const now = 1_000_000;
    for (let i = 0; i < 10_500; i++) seen.add(`k${i}`, now + 600_000);
    expect(seen.size()).toBeLessThanOrEqual(2000); // not 10,500: two generations at most
    expect(seen.seen('k10499', now)).toBe(true);
    expect(seen.seen('k9600', now)).toBe(true); // in the old generation
    expect(seen.seen('k0', now)).toBe(false); // dropped from memory (the table still refuses it)
    expect(seen.seen('k10499', now + 600_001)).toBe(false); // expired
  });
});

describe('credential cache', () => {
  it('stops a revoked credential at once on the node that revoked it, though its secret was cached', async () => {
    const mzj = await t.login('mzj_steward');
    const created = (await mzj.post('/api/v1/gateway/credentials', { systemId: t.consumer.systemId, name: '缓存测试' })).json();
    const { appKey, secret } = created;
    expect((await signed(t, 'GET', `${E()}/records/${key}`, undefined, { appKey, secret })).statusCode).toBe(200); // now cached
    expect((await mzj.post(`/api/v1/gateway/credentials/${created.credential.id}/revoke`, {})).statusCode).toBe(200);
    const after = await signed(t, 'GET', `${E()}/records/${key}`, undefined, { appKey, secret });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('GATEWAY_SIGNATURE_INVALID');
  });

  it('drops the old secret at once when a rotation has no overlap', async () => {
    const mzj = await t.login('mzj_steward');
    const created = (await mzj.post('/api/v1/gateway/credentials', { systemId: t.consumer.systemId, name: '轮换测试' })).json();
    const { appKey, secret } = created;
    expect((await signed(t, 'GET', `${E()}/records/${key}`, undefined, { appKey, secret })).statusCode).toBe(200); // now cached
    const rotated = await mzj.post(`/api/v1/gateway/credentials/${created.credential.id}/rotate`, { overlapMinutes: 0 });
    expect(rotated.statusCode).toBe(200);
    expect((await signed(t, 'GET', `${E()}/records/${key}`, undefined, { appKey, secret })).statusCode).toBe(401);
    expect((await signed(t, 'GET', `${E()}/records/${key}`, undefined, { appKey, secret: rotated.json().secret })).statusCode).toBe(200);
  });
});

describe('call log', () => {
  it('logs a call on an entry id that is not a UUID without failing the log writer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/gateway/v1/entries/not-a-uuid/records/x' });
    expect(res.statusCode).toBe(401);
    await t.services.gateway.callLog.drain();
    expect(t.services.gateway.callLog.status().failing).toBeNull();
    const logged = (await sql<{ n: number }>`select count(*)::int as n from gateway_calls where path like '%/entries/:entryId/records/:key' and fault_code = 'GATEWAY_UNAUTHENTICATED'`.execute(t.db)).rows[0]!.n;
    expect(logged).toBeGreaterThan(0);
  });
});
