import { sm3 } from '@shuzheng/standards/crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit record that its hash covers. */
export interface ChainedFields {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[];
  departmentId: string | null;
  departmentName: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  reason: string | null;
  requestId: string;
  details: unknown;
  prevHash: string;
}

/** SM3 (GB/T 32905) over a canonical serialisation of the record and the previous record's hash. */
export function hashAuditRecord(r: ChainedFields): string {
  return sm3(
    canonicalJson([
      r.seq, r.id, r.occurredAt, r.actorId, r.actorName, r.actorRoles, r.departmentId, r.departmentName, r.ip,
      r.userAgent, r.action, r.targetType, r.targetId, r.result, r.reason, r.requestId, r.details, r.prevHash,
    ]),
  );
}

/** JSON with object keys sorted at every level, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ChainBreak {
  seq: number;
  id: string;
  reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP';
}

/** Checks one record against its predecessor; returns the break or null. */
export function checkLink(record: ChainedFields & { hash: string }, previous: { seq: number; hash: string } | null): ChainBreak | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (record.seq !== expectedSeq) return { seq: record.seq, id: record.id, reason: 'SEQUENCE_GAP' };
  if (record.prevHash !== (previous?.hash ?? GENESIS_HASH)) return { seq: record.seq, id: record.id, reason: 'PREV_HASH_MISMATCH' };
  if (hashAuditRecord(record) !== record.hash) return { seq: record.seq, id: record.id, reason: 'HASH_MISMATCH' };
  return null;
}
