import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pino from 'pino';
import { createTestApp, type TestApp } from '../../test/helpers.ts';
import { createJobRunner } from './jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const runner = () => createJobRunner({ db: t.db, log: pino({ level: 'silent' }), pollMs: 1000 });
const jobRow = async (kind: string) =>
  (await sql<{ status: string; attempts: number; last_error: string | null }>`select status, attempts, last_error from kernel_jobs where kind = ${kind} order by id desc limit 1`.execute(t.db)).rows[0];

describe('job runner', () => {
  it('runs a due job once with its payload', async () => {
    const jobs = runner();
    const seen: unknown[] = [];
    jobs.register('test.echo', async (job) => void seen.push(job.payload));
    await jobs.enqueue(t.db, 'test.echo', { n: 1 });
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    expect((await jobRow('test.echo'))!.status).toBe('done');
  });

  it('does not run a job before its time', async () => {
    const jobs = runner();
    jobs.register('test.later', async () => {});
    await jobs.enqueue(t.db, 'test.later', {}, { runAt: new Date(Date.now() + 3_600_000) });
    expect(await jobs.runDue()).toBe(0);
  });

  it('retries a failing job with backoff and gives up after max attempts', async () => {
    const jobs = runner();
    jobs.register('test.flaky', async () => {
      throw new Error('source unavailable');
    });
    await jobs.enqueue(t.db, 'test.flaky', {}, { maxAttempts: 2 });
    expect(await jobs.runDue()).toBe(1);
    expect(await jobRow('test.flaky')).toMatchObject({ status: 'pending', attempts: 1, last_error: 'source unavailable' });
    await sql`update kernel_jobs set run_at = now() where kind = 'test.flaky'`.execute(t.db);
    expect(await jobs.runDue()).toBe(1);
    expect(await jobRow('test.flaky')).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('keeps one pending job per dedupe key', async () => {
    const jobs = runner();
    jobs.register('test.dedupe', async () => {});
    await jobs.enqueue(t.db, 'test.dedupe', {}, { dedupeKey: 'k1' });
    await jobs.enqueue(t.db, 'test.dedupe', {}, { dedupeKey: 'k1' });
    expect(await jobs.runDue()).toBe(1);
  });

  it('hands out a job to one of two concurrent runners only', async () => {
    const a = runner();
    const b = runner();
    let runs = 0;
    for (const r of [a, b]) r.register('test.once', async () => void runs++);
    await a.enqueue(t.db, 'test.once');
    await Promise.all([a.runDue(), b.runDue()]);
    expect(runs).toBe(1);
  });
});
