import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { OutcomeRecorder, RefusedOutcome } from '../../kernel/http.ts';
import { csvOf, xlsxOf } from '../../kernel/spreadsheet.ts';
import { GENESIS_HASH, checkLink, hashAuditRecord, type ChainBreak, type ChainedFields } from './audit-chain.ts';
import { createAuditRepository, type AuditFilter, type AuditRow } from './audit.repository.ts';

/** One thing that happened, as a service reports it. */
export interface AuditEntry {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result?: 'success' | 'failure' | 'denied';
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEvent {
  id: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[];
  departmentId: string | null;
  departmentName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: 'success' | 'failure' | 'denied';
  reason: string | null;
  requestId: string;
  details: Record<string, unknown>;
}

export interface VerificationReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken: ChainBreak | null;
}

export type AuditService = ReturnType<typeof createAuditService>;

const EXPORT_LIMIT = 200_000;
const BATCH = 2000;

/** The audit log: append (in the caller's transaction), search, export, verify the SM3 chain. */
export function createAuditService(deps: { db: Kysely<unknown> }) {
  /** Appends an entry inside the caller's transaction, so the record and the change commit or roll back together. */
  async function record(trx: Kysely<unknown>, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    if (!trx.isTransaction) throw new Error('audit.record must run inside the transaction of the change it records');
    const repo = createAuditRepository(trx);
    const head = await repo.lockHead();
    const actor = ctx.actor;
    const fields: ChainedFields = {
      seq: (head?.seq ?? 0) + 1,
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      actorId: actor?.userId ?? null,
      actorName: actor ? `${actor.displayName}（${actor.username}）` : null,
      actorRoles: actor?.roles ?? [],
      departmentId: actor?.departmentId ?? null,
      departmentName: actor?.departmentName ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      result: entry.result ?? 'success',
      reason: entry.reason ?? null,
      requestId: ctx.requestId,
      details: entry.details ?? {},
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    await repo.insert({ ...fields, hash: hashAuditRecord(fields) });
  }

  /** Appends an entry in a transaction of its own (refusals, failures, reads outside a write). */
  function recordAlone(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    return inTransaction(deps.db, (trx) => record(trx, ctx, entry));
  }

  const outcomes: OutcomeRecorder = {
    recordOutcome: (ctx: RequestContext, o: RefusedOutcome) =>
      recordAlone(ctx, { action: o.action, result: o.result, reason: o.reason, details: o.details }),
  };

  async function search(filter: AuditFilter, page: { page: number; pageSize: number }) {
    const { rows, total } = await createAuditRepository(deps.db).page(filter, page.pageSize, (page.page - 1) * page.pageSize);
    return { items: rows.map(toEvent), total, ...page };
  }

  /** Recomputes the whole chain in bounded batches and reports the first broken link. */
  async function verify(): Promise<VerificationReport> {
    const repo = createAuditRepository(deps.db);
    let previous: { seq: number; hash: string } | null = null;
    let checked = 0;
    for (;;) {
      const rows = await repo.batchAfter(previous?.seq ?? 0, BATCH);
      for (const row of rows) {
        const broken = checkLink({ ...chainedOf(row), hash: row.hash }, previous);
        checked++;
        if (broken) return { ok: false, checked, head: previous, firstBroken: broken };
        previous = { seq: row.seq, hash: row.hash };
      }
      if (rows.length < BATCH) break;
    }
    return { ok: true, checked, head: previous, firstBroken: null };
  }

  /** Exports matching events (oldest first) as xlsx or UTF-8 CSV that Excel opens correctly. */
  async function exportEvents(ctx: RequestContext, filter: AuditFilter, format: 'xlsx' | 'csv'): Promise<{ body: Buffer; count: number }> {
    const repo = createAuditRepository(deps.db);
    const rows: AuditRow[] = [];
    let after = 0;
    while (rows.length < EXPORT_LIMIT) {
      const batch = await repo.batchAfter(after, BATCH, filter);
      rows.push(...batch);
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1]!.seq;
    }
    const table = rows.slice(0, EXPORT_LIMIT).map(exportRow);
    const body = format === 'csv' ? csvOf(EXPORT_HEADER, table) : await xlsxOf('审计日志', EXPORT_HEADER, table);
    await recordAlone(ctx, { action: 'audit.event.export', details: { format, count: table.length, filter: { ...filter } } });
    return { body, count: table.length };
  }

  return { record, recordAlone, outcomes, search, verify, exportEvents, count: () => createAuditRepository(deps.db).count() };
}

function chainedOf(row: AuditRow): ChainedFields {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorRoles: row.actor_roles,
    departmentId: row.department_id,
    departmentName: row.department_name,
    ip: row.ip,
    userAgent: row.user_agent,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    result: row.result,
    reason: row.reason,
    requestId: row.request_id,
    details: row.details,
    prevHash: row.prev_hash,
  };
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorRoles: row.actor_roles,
    departmentId: row.department_id,
    departmentName: row.department_name,
    ip: row.ip,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    result: row.result,
    reason: row.reason,
    requestId: row.request_id,
    details: row.details,
  };
}

const RESULT_NAMES = { success: '成功', failure: '失败', denied: '拒绝' } as const;
const EXPORT_HEADER = ['序号', '时间', '操作人', '角色', '部门', 'IP', '操作', '对象类型', '对象', '结果', '原因', '请求编号', '详情', '哈希'];

function exportRow(r: AuditRow): string[] {
  return [
    String(r.seq), r.occurred_at.toISOString(), r.actor_name ?? '系统', r.actor_roles.join(','), r.department_name ?? '', r.ip ?? '',
    r.action, r.target_type ?? '', r.target_id ?? '', RESULT_NAMES[r.result], r.reason ?? '', r.request_id, JSON.stringify(r.details), r.hash,
  ];
}
