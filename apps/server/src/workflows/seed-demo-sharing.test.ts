import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/helpers.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { signRequest } from '../modules/gateway/index.ts';
import { seedDemoExchange } from './seed-demo-exchange.ts';
import { seedDemoSharing } from './seed-demo-sharing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.services, { password: TEST_PASSWORD });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('the demo sharing seed', () => {
  it('creates requests in several states and an active grant for 民政局, once', async () => {
    const first = await seedDemoSharing(t.services);
    expect(first).toMatchObject({ seeded: true, requests: 3, grants: 1 });
    expect((await seedDemoSharing(t.services)).seeded).toBe(false);
    const reviewer = await t.login('reviewer');
    const list = (await reviewer.get('/api/v1/sharing/requests')).json();
    expect(list.items.map((r: { status: string }) => r.status).sort()).toEqual(['checking', 'granted', 'reviewing']);
    const grant = (await reviewer.get('/api/v1/sharing/grants?status=active')).json().items[0];
    expect(grant).toMatchObject({ consumerDepartmentName: '汕尾市民政局', providerDepartmentName: '汕尾市公安局', requireCaseNumber: true });
    expect(await t.services.sharing.grants.activeFor(grant.consumerSystemId, grant.entryId)).toMatchObject({ id: grant.id });
  }, 60_000);
});

describe('the demo exchange on the demo grant', () => {
  it('lets the 民政局 credential query the granted items of a person through the gateway, with the grant of the sharing module', async () => {
    const exchange = await seedDemoExchange(t.services, t.db, { cityDivision: '441500', people: 40 });
    expect(exchange.credential).not.toBeNull();
    const { appKey, secret } = exchange.credential!;
    const entryId = exchange.entryId!;
    const table = (await t.services.catalog.mounts.tableFor(entryId))!;
    const keyColumn = table.columns.find((c) => c.itemCodeName === 'id_number')!.column;
    const person = (await sql<{ key: string }>`select ${sql.ref(keyColumn)} as key from ${sql.table(`${table.schemaName}.${table.tableName}`)} limit 1`.execute(t.db)).rows[0]!;

    const call = async (headers: Record<string, string> = {}) => {
      const path = `/gateway/v1/entries/${entryId}/records/${person.key}`;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomUUID().replaceAll('-', '');
      const signature = signRequest(secret, { method: 'GET', path, query: '', timestamp, nonce, body: '' });
      return t.app.inject({ method: 'GET', url: path, headers: { 'x-app-key': appKey, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature, ...headers } });
    };
    // The demo grant requires a case number and an operator (X-Road-Issue / X-Road-UserId style).
    expect((await call()).statusCode).toBe(400);
    const res = await call({ 'x-case-number': 'DB2026-0001', 'x-operator-id': 'mzj-0007' });
    expect(res.statusCode, res.body).toBe(200);
    const reviewer = await t.login('reviewer');
    const granted = (await reviewer.get('/api/v1/sharing/grants?status=active')).json().items[0] as { items: string[] };
    // Exactly the granted items come back (masked by grade), nothing else of the row.
    expect(Object.keys(res.json().record).sort()).toEqual([...granted.items].sort());
  }, 60_000);
});
