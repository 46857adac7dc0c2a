import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

export interface JobRow {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

export type JobHandler = (job: JobRow) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one pending/running job per key; a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
}

export interface JobRunner {
  register(kind: string, handler: JobHandler): void;
  /** Runs `kind` every intervalMs, starting now; survives restarts through its dedupe key. */
  every(kind: string, intervalMs: number, handler: JobHandler): void;
  enqueue(db: Kysely<unknown>, kind: string, payload?: Record<string, unknown>, opts?: EnqueueOptions): Promise<void>;
  /** Claims and runs due jobs until none is left (or `limit` ran); returns how many ran. */
  runDue(limit?: number): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** A small job runner on a PostgreSQL table: claims with FOR UPDATE SKIP LOCKED, retries with backoff, works on PGlite and PostgreSQL. */
export function createJobRunner(deps: { db: Kysely<unknown>; log: Logger; pollMs: number; lockTimeoutMs?: number }): JobRunner {
  const handlers = new Map<string, JobHandler>();
  const recurring = new Map<string, number>();
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const lockTimeoutMs = deps.lockTimeoutMs ?? 10 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;

  async function enqueue(db: Kysely<unknown>, kind: string, payload: Record<string, unknown> = {}, opts: EnqueueOptions = {}) {
    await sql`insert into kernel_jobs (kind, payload, run_at, max_attempts, dedupe_key)
      values (${kind}, ${JSON.stringify(payload)}::jsonb, ${opts.runAt ?? new Date()}, ${opts.maxAttempts ?? 5}, ${opts.dedupeKey ?? null})
      on conflict do nothing`.execute(db);
  }

  async function claim(): Promise<JobRow | null> {
    // Jobs whose worker died are handed out again after the lock timeout.
    await sql`update kernel_jobs set status = 'pending', locked_by = null
      where status = 'running' and locked_at < now() - make_interval(secs => ${lockTimeoutMs / 1000})`.execute(deps.db);
    const kinds = [...handlers.keys()];
    if (kinds.length === 0) return null;
    const result = await sql<JobRow>`update kernel_jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId}, locked_at = now()
      where id = (
        select id from kernel_jobs
        where status = 'pending' and run_at <= now() and kind = any(${kinds})
        order by run_at, id
        for update skip locked
        limit 1
      )
      returning id, kind, payload, attempts, max_attempts`.execute(deps.db);
    return result.rows[0] ?? null;
  }

  async function finish(job: JobRow, error: unknown) {
    if (!error) {
      await sql`update kernel_jobs set status = 'done', finished_at = now(), locked_by = null where id = ${job.id}`.execute(deps.db);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = job.attempts >= job.max_attempts;
      const backoffSeconds = Math.min(3600, 2 ** job.attempts * 5);
      await sql`update kernel_jobs set
          status = ${giveUp ? 'failed' : 'pending'},
          last_error = ${message.slice(0, 2000)},
          run_at = now() + make_interval(secs => ${backoffSeconds}),
          finished_at = ${giveUp ? sql`now()` : null},
          locked_by = null
        where id = ${job.id}`.execute(deps.db);
      deps.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, err: message, giveUp }, 'job failed');
    }
    const interval = recurring.get(job.kind);
    if (interval !== undefined && (!error || job.attempts >= job.max_attempts)) {
      await enqueue(deps.db, job.kind, {}, { runAt: new Date(Date.now() + interval), dedupeKey: `recurring:${job.kind}` });
    }
  }

  async function drain(limit: number): Promise<number> {
    let ran = 0;
    while (ran < limit) {
      const job = await claim();
      if (!job) break;
      const handler = handlers.get(job.kind)!;
      let error: unknown = null;
      try {
        await handler(job);
      } catch (err) {
        error = err ?? new Error('job failed');
      }
      await finish(job, error);
      ran++;
    }
    return ran;
  }

  function runDue(limit = 100): Promise<number> {
    // One drain at a time per process: the poller and a caller never run the same loop twice.
    running ??= drain(limit).finally(() => {
      running = null;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await runDue();
      } catch (err) {
        deps.log.error({ err }, 'job runner poll failed');
      }
      schedule();
    }, deps.pollMs);
    timer.unref();
  }

  return {
    register(kind, handler) {
      handlers.set(kind, handler);
    },
    every(kind, intervalMs, handler) {
      handlers.set(kind, handler);
      recurring.set(kind, intervalMs);
    },
    enqueue,
    runDue,
    start() {
      if (!stopped) return;
      stopped = false;
      void (async () => {
        for (const kind of recurring.keys()) {
          await enqueue(deps.db, kind, {}, { dedupeKey: `recurring:${kind}` });
        }
        schedule();
      })().catch((err) => deps.log.error({ err }, 'job runner start failed'));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
