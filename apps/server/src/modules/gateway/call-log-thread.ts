import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../kernel/workers.ts';
import type { CallLogWriter, CallRecord } from './call-log.ts';

// The call log's writer on PostgreSQL: a worker thread (call-log.worker.ts) with its own connection chains, encodes
// and inserts each batch; the serving thread only posts the records (a structured clone) and waits for the answer.
// The worker starts with the first batch. If it dies, the batches in flight fail (the log turns unavailable, the
// gateway refuses calls and raises the alarm, as for any write failure) and the next write starts a new worker.
// The worker holds the process open only while a batch is in flight.

type Pending = Map<number, { resolve: () => void; reject: (err: Error) => void }>;

export function threadWriter(databaseUrl: string): CallLogWriter & { worker(): Worker | null } {
  let current: { worker: Worker; pending: Pending } | null = null;
  let nextId = 1;

  function start() {
    const w = startWorker(new URL('./call-log.worker.ts', import.meta.url), { url: databaseUrl });
    // The batches this worker holds: only they fail when it dies (a successor has its own).
    const pending: Pending = new Map();
    const failAll = (reason: string) => {
      if (current?.worker === w) current = null;
      for (const p of pending.values()) p.reject(new Error(reason));
      pending.clear();
    };
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
      failAll(`调用日志写入线程出错：${err.message}`);
      void w.terminate();
    });
    w.on('exit', (code) => failAll(`调用日志写入线程已退出（${code}）`));
    return { worker: w, pending };
  }

  return {
    kind: 'thread',
    /** The running worker, if any (tests). */
    worker: () => current?.worker ?? null,
    write(batch: CallRecord[]) {
      const { worker, pending } = (current ??= start());
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, batch });
      });
    },
    async close() {
      const w = current?.worker;
      current = null;
      if (!w) return;
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.postMessage({ close: true });
      const timer = setTimeout(() => void w.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
