import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sm3 } from '@shuzheng/standards/crypto';
import { inTransaction } from '../../kernel/db.ts';
import { createGatewayRepository, type CallRow } from './gateway.repository.ts';

// 调用日志: every gateway call becomes one record, chained with SM3 (each hash covers the record and the previous
// hash). The data path only appends to a bounded in-memory buffer; a writer flushes it in batches in the background —
// on PostgreSQL from a worker thread with its own connection (call-log-thread.ts), so that hashing, encoding and the
// database round trips of the log take no time from the thread that serves calls.
// When the buffer passes the backlog limit or the store is failing, `accepting()` turns false and the gateway refuses
// new calls (503) — it never serves data whose call could not be logged. An alarm is raised once per failure episode.

export const GENESIS_HASH = '0'.repeat(64);

export interface CallRecord {
  requestId: string;
  requestInAt: Date;
  responseOutAt: Date;
  requestSize: number;
  responseSize: number;
  method: string;
  path: string;
  clientIp: string | null;
  credentialId: string | null;
  consumerDepartmentId: string | null;
  consumerSystemId: string | null;
  providerDepartmentId: string | null;
  entryId: string | null;
  grantId: string | null;
  operation: string | null;
  status: number;
  faultCode: string | null;
  faultString: string | null;
  purpose: string | null;
  caseNumber: string | null;
  operatorId: string | null;
  keyHashes: string[];
  recordCount: number;
}

/** The chained fields of a stored call, in hash order. */
function chainFields(r: Omit<CallRow, 'hash'>): unknown[] {
  return [
    Number(r.seq), r.id, r.request_id, r.request_in_at.toISOString(), r.response_out_at.toISOString(), Number(r.duration_ms), r.request_size, r.response_size,
    r.method, r.path, r.client_ip, r.credential_id, r.consumer_department_id, r.consumer_system_id, r.provider_department_id, r.entry_id, r.grant_id,
    r.operation, r.status, r.succeeded, r.fault_code, r.fault_string, r.purpose, r.case_number, r.operator_id, [...r.key_hashes], r.record_count, r.prev_hash,
  ];
}

export const hashCall = (r: Omit<CallRow, 'hash'>) => sm3(JSON.stringify(chainFields(r)));

export interface CallLogOptions {
  /** Records waiting to be written beyond which new calls are refused. */
  maxBacklog: number;
  /** Records per insert batch. */
  batchSize: number;
  /** How long the writer waits to gather a batch (ms). */
  flushDelayMs: number;
  /** Alarm sink (logger + audit); called once when the log becomes unavailable and once when it recovers. */
  onAlarm: (event: { state: 'unavailable' | 'recovered'; reason: string; backlog: number }) => void;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken: { seq: number; id: string; reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP' } | null;
}

/**
 * Appends a batch to the chain in one transaction: the advisory lock serialises writers (server processes, worker
 * threads), each record is hashed over its fields and the previous hash, and the batch goes in as one statement.
 */
export async function writeChainedBatch(db: Kysely<unknown>, batch: CallRecord[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    const repo = createGatewayRepository(trx);
    let head = await repo.lockHead();
    const rows: CallRow[] = [];
    for (const c of batch) {
      const row: Omit<CallRow, 'hash'> = {
        seq: (head?.seq ?? 0) + 1, id: randomUUID(), request_id: c.requestId, request_in_at: c.requestInAt, response_out_at: c.responseOutAt,
        duration_ms: Math.max(0, c.responseOutAt.getTime() - c.requestInAt.getTime()), request_size: c.requestSize, response_size: c.responseSize,
        method: c.method, path: c.path.slice(0, 500), client_ip: c.clientIp, credential_id: c.credentialId, consumer_department_id: c.consumerDepartmentId,
        consumer_system_id: c.consumerSystemId, provider_department_id: c.providerDepartmentId, entry_id: c.entryId, grant_id: c.grantId, operation: c.operation,
        status: c.status, succeeded: c.status < 400, fault_code: c.faultCode, fault_string: c.faultString?.slice(0, 500) ?? null, purpose: c.purpose,
        case_number: c.caseNumber, operator_id: c.operatorId, key_hashes: c.keyHashes, record_count: c.recordCount, prev_hash: head?.hash ?? GENESIS_HASH,
      };
      const full = { ...row, hash: hashCall(row) };
      rows.push(full);
      head = { seq: full.seq, hash: full.hash };
    }
    await repo.insertCalls(rows);
  });
}

/** Where batches go: this thread's connection, or a worker thread with its own (call-log-thread.ts). */
export interface CallLogWriter {
  kind: 'thread' | 'inline';
  write(batch: CallRecord[]): Promise<void>;
  close(): Promise<void>;
}

const inlineWriter = (db: Kysely<unknown>): CallLogWriter => ({ kind: 'inline', write: (batch) => writeChainedBatch(db, batch), close: async () => {} });

export function createCallLog(db: Kysely<unknown>, opts: CallLogOptions, writer: CallLogWriter = inlineWriter(db)) {
  let buffer: CallRecord[] = [];
  let failing: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;
  let retryMs = 100;
  let closed = false;

  function schedule(delay: number) {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
    timer.unref?.();
  }

  async function flushOnce(): Promise<void> {
    while (buffer.length) {
      const batch = buffer.slice(0, opts.batchSize);
      try {
        await writer.write(batch);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        if (!failing) opts.onAlarm({ state: 'unavailable', reason, backlog: buffer.length });
        failing = reason;
        retryMs = Math.min(retryMs * 2, 5_000);
        schedule(retryMs);
        return;
      }
      buffer = buffer.slice(batch.length);
      if (failing) {
        failing = null;
        opts.onAlarm({ state: 'recovered', reason: 'flushed', backlog: buffer.length });
      }
      retryMs = 100;
    }
  }

  function flush(): Promise<void> {
    if (!flushing) flushing = flushOnce().finally(() => (flushing = null));
    return flushing;
  }

  return {
    /** Whether new calls may be served: the store works and the backlog is under its limit. */
    accepting: () => failing === null && buffer.length < opts.maxBacklog,
    status: () => ({ accepting: failing === null && buffer.length < opts.maxBacklog, backlog: buffer.length, maxBacklog: opts.maxBacklog, failing, writer: writer.kind }),

    /** Queues a record; false when the log cannot take it (the caller must not serve the data). Never waits for I/O. */
    append(record: CallRecord): boolean {
      if (closed || buffer.length >= opts.maxBacklog) return false;
      buffer.push(record);
      schedule(failing ? retryMs : opts.flushDelayMs);
      return true;
    },

    /** Writes everything buffered now (tests, shutdown). */
    async drain(): Promise<void> {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      await flush();
      if (flushing) await flushing;
    },

    async close(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
      closed = true;
      await writer.close();
    },

    /** Recomputes the whole chain in batches; reports the first broken link. */
    async verify(): Promise<ChainReport> {
      const repo = createGatewayRepository(db);
      let previous: { seq: number; hash: string } | null = null;
      let checked = 0;
      for (;;) {
        const rows = await repo.callsAfter(previous?.seq ?? 0, 2000);
        for (const raw of rows) {
          const row = { ...raw, seq: Number(raw.seq) };
          checked++;
          const expectedSeq: number = previous ? previous.seq + 1 : 1;
          let reason: NonNullable<ChainReport['firstBroken']>['reason'] | null = null;
          if (row.seq !== expectedSeq) reason = 'SEQUENCE_GAP';
          else if (row.prev_hash !== (previous?.hash ?? GENESIS_HASH)) reason = 'PREV_HASH_MISMATCH';
          else if (hashCall(row) !== row.hash) reason = 'HASH_MISMATCH';
          if (reason) return { ok: false, checked, head: previous, firstBroken: { seq: row.seq, id: row.id, reason } };
          previous = { seq: row.seq, hash: row.hash };
        }
        if (rows.length < 2000) break;
      }
      return { ok: true, checked, head: previous, firstBroken: null };
    },
  };
}

export type CallLog = ReturnType<typeof createCallLog>;

/** Verifies the call-log chain on a database without starting the gateway (CLI). */
export function verifyCallLogChain(db: Kysely<unknown>): Promise<ChainReport> {
  return createCallLog(db, { maxBacklog: 0, batchSize: 1, flushDelayMs: 0, onAlarm: () => {} }).verify();
}
