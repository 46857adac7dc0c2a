import { sql, type Kysely, type Generated } from 'kysely';
import type { ChainedFields } from './audit-chain.ts';

// A type alias (not an interface) so Kysely's withTables accepts it.
export type AuditTables = {
  audit_events: {
    seq: number;
    id: string;
    occurred_at: Date;
    actor_id: string | null;
    actor_name: string | null;
    actor_roles: string[];
    department_id: string | null;
    department_name: string | null;
    ip: string | null;
    user_agent: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    result: 'success' | 'failure' | 'denied';
    reason: string | null;
    request_id: string;
    details: Generated<Record<string, unknown>>;
    prev_hash: string;
    hash: string;
  };
};

export type AuditRow = AuditTables['audit_events'] & { details: Record<string, unknown> };

export interface AuditFilter {
  q?: string | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
  departmentId?: string | undefined;
  result?: 'success' | 'failure' | 'denied' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

// Any constant fits; every writer of the chain takes the same transaction-scoped lock.
const CHAIN_LOCK_KEY = 7_204_002;

/** All SQL on audit_events. */
export function createAuditRepository(base: Kysely<unknown>) {
  const db = base.withTables<AuditTables>();

  function filtered(f: AuditFilter) {
    let query = db.selectFrom('audit_events');
    if (f.action) query = query.where('action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (f.actorId) query = query.where('actor_id', '=', f.actorId);
    if (f.departmentId) query = query.where('department_id', '=', f.departmentId);
    if (f.result) query = query.where('result', '=', f.result);
    if (f.from) query = query.where('occurred_at', '>=', new Date(f.from));
    if (f.to) query = query.where('occurred_at', '<=', new Date(f.to));
    if (f.q) {
      const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
      query = query.where((eb) =>
        eb.or([
          eb('actor_name', 'ilike', like),
          eb('action', 'ilike', like),
          eb('target_id', 'ilike', like),
          eb('reason', 'ilike', like),
          eb('request_id', '=', f.q!),
        ]),
      );
    }
    return query;
  }

  return {
    /** Serialises chain writers until the surrounding transaction ends, then returns the chain head. */
    async lockHead(): Promise<{ seq: number; hash: string } | null> {
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(db);
      const head = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return head ?? null;
    },

    async insert(r: ChainedFields & { hash: string }): Promise<void> {
      await db
        .insertInto('audit_events')
        .values({
          seq: r.seq,
          id: r.id,
          occurred_at: new Date(r.occurredAt),
          actor_id: r.actorId,
          actor_name: r.actorName,
          actor_roles: r.actorRoles,
          department_id: r.departmentId,
          department_name: r.departmentName,
          ip: r.ip,
          user_agent: r.userAgent,
          action: r.action,
          target_type: r.targetType,
          target_id: r.targetId,
          result: r.result as AuditRow['result'],
          reason: r.reason,
          request_id: r.requestId,
          details: JSON.stringify(r.details) as never,
          prev_hash: r.prevHash,
          hash: r.hash,
        })
        .execute();
    },

    async page(f: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(f).selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
        filtered(f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows as AuditRow[], total: Number(count.n) };
    },

    /** Rows in chain order after `afterSeq`, for verification and export in bounded batches. */
    async batchAfter(afterSeq: number, limit: number, f: AuditFilter = {}): Promise<AuditRow[]> {
      return (await filtered(f).selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()) as AuditRow[];
    },

    async count(): Promise<number> {
      const r = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
