import { parentPort, workerData } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { openPostgres } from '../../kernel/db.ts';
import { writeChainedBatch, type CallRecord } from './call-log.ts';

// The call-log writer thread (call-log-thread.ts starts it): chains and inserts the batches the serving thread posts,
// one at a time, on its own PostgreSQL connection, and answers each with its id (and the error when it failed).

type Message = { id: number; batch: CallRecord[] } | { close: true };

const port = parentPort!;
const database = openPostgres((workerData as { url: string }).url, { max: 1 });
const db = database.db as Kysely<unknown>;
let queue: Promise<void> = Promise.resolve();

port.on('message', (m: Message) => {
  if ('close' in m) {
    void queue.then(() => database.close()).finally(() => port.close());
    return;
  }
  queue = queue.then(() => writeChainedBatch(db, m.batch)).then(
    () => port.postMessage({ id: m.id }),
    (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
