import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../kernel/db.ts';
import { cloneTemplate, databaseUrl } from '../../../test/test-database.ts';
import { verifyCallLogChain, type CallRecord } from './call-log.ts';
import { threadWriter } from './call-log-thread.ts';

// The call log's worker-thread writer, on a real PostgreSQL database (PGlite lives in one thread: there the log is
// written inline). The route tests on PostgreSQL go through it as well (degraded mode, chain verification).

const record = (i: number): CallRecord => ({
  requestId: `req-${i}`, requestInAt: new Date(Date.now() - 5), responseOutAt: new Date(), requestSize: 0, responseSize: 100 + i, method: 'GET',
  path: '/gateway/v1/entries/:entryId/records/:key', clientIp: '127.0.0.1', credentialId: null, consumerDepartmentId: null, consumerSystemId: null,
  providerDepartmentId: null, entryId: null, grantId: `grant-${i}`, operation: 'query', status: 200, faultCode: null, faultString: null, purpose: '测试',
  caseNumber: null, operatorId: null, keyHashes: ['ab'.repeat(32)], recordCount: 1,
});

describe.skipIf(!process.env.DATABASE_URL)('call log writer thread (PostgreSQL; skipped on PGlite)', () => {
  let database: Database;
  let db: Kysely<unknown>;
  beforeAll(async () => {
    database = await cloneTemplate(inject('dbTemplate'));
    db = database.db as Kysely<unknown>;
  });
  afterAll(async () => database?.close());

  it('chains and inserts batches from its own thread, and a new worker carries the chain on after one dies', async () => {
    const writer = threadWriter(database.url!);
    try {
      await writer.write([record(1), record(2), record(3)]);
      const first = writer.worker()!;
      expect(first).not.toBeNull();
      await writer.write([record(4)]);
      expect(writer.worker()).toBe(first); // one worker for all batches

      // Dies with a batch in flight: that batch fails (the log turns unavailable), nothing half-written.
      const inFlight = writer.write([record(5), record(6)]);
      await first.terminate();
      await expect(inFlight).rejects.toThrow(/调用日志写入线程已退出|调用日志写入线程出错/);
      await writer.write([record(7)]);
      expect(writer.worker()).not.toBe(first);

      const rows = (await sql<{ seq: string; request_id: string }>`select seq, request_id from gateway_calls order by seq`.execute(db)).rows;
      const ids = rows.map((r) => r.request_id);
      expect(ids.slice(0, 4)).toEqual(['req-1', 'req-2', 'req-3', 'req-4']);
      expect(ids.at(-1)).toBe('req-7');
      expect(ids.filter((id) => id === 'req-5').length).toBe(ids.filter((id) => id === 'req-6').length); // the batch is whole or absent
      const chain = await verifyCallLogChain(db);
      expect(chain).toMatchObject({ ok: true, checked: rows.length });
    } finally {
      await writer.close();
    }
    expect(writer.worker()).toBeNull();
  });

  it('reports a write failure with the database error, and stays usable', async () => {
    const writer = threadWriter(databaseUrl(database.url!, 'no_such_database_here'));
    try {
      await expect(writer.write([record(8)])).rejects.toThrow(/no_such_database_here/);
      await expect(writer.write([record(9)])).rejects.toThrow(/no_such_database_here/);
    } finally {
      await writer.close();
    }
  });

  it('runs from the server bundle that npm start builds (its own entry beside main.mjs)', async () => {
    const script = '../../../../../scripts/build-server.mjs';
    const { buildServer, SERVER_BUNDLE } = (await import(script)) as { buildServer(): Promise<boolean>; SERVER_BUNDLE: string };
    await buildServer();
    const worker = new Worker(path.join(path.dirname(SERVER_BUNDLE), 'call-log.worker.mjs'), { workerData: { url: database.url } });
    try {
      const answer = await new Promise<{ id: number; error?: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id: 42, batch: [record(10)] });
      });
      expect(answer).toEqual({ id: 42 });
      expect((await sql<{ n: number }>`select count(*)::int as n from gateway_calls where request_id = 'req-10'`.execute(db)).rows[0]!.n).toBe(1);
    } finally {
      await worker.terminate();
    }
  }, 120_000);
});
