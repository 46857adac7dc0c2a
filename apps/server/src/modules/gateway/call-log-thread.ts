import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../kernel/workers.ts';
import type { CallLogWriter, CallRecord } from './call-log.ts';

// The call log's writer on PostgreSQL: a worker thread (call-log-worker.ts) with its own connection chains, encodes
// and inserts each batch; the serving thread only posts the records (a structured clone) and waits for the answer.
// The worker starts with the first batch. If it dies, the batches in flight fail (the log turns unavailable, the
// gateway refuses calls and raises the alarm, as for any write failure) and the next write starts a new worker.
// The worker holds the process open only while a batch is in flight.

export function threadWriter(databaseUrl: string): CallLogWriter & { worker(): Worker | null } {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();

  function failAll(reason: string) {
    for (const p of pending.values()) p.reject(new Error(reason));
    pending.clear();
  }

  function start(): Worker {
    const w = startWorker('call-log-writer', { url: databaseUrl });
    w.unref();
    w.on('message', (m: { id: number; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error === undefined) p.resolve();
      else p.reject(new Error(m.error));
      if (!pending.size) w.unref();
    });
    w.on('error', (err) => {
      if (worker === w) worker = null;
      failAll(`调用日志写入线程出错：${err.message}`);
      void w.terminate();
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(`调用日志写入线程已退出（${code}）`);
    });
    return w;
  }

  return {
    kind: 'thread',
    /** The running worker, if any (tests). */
    worker: () => worker,
    write(batch: CallRecord[]) {
      const w = (worker ??= start());
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, batch });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.postMessage({ close: true });
      const timer = setTimeout(() => void w.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
