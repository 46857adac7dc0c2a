import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, checkLink, hashAuditRecord, type ChainedFields } from './audit-chain.ts';

const record = (seq: number, prevHash: string, patch: Partial<ChainedFields> = {}): ChainedFields & { hash: string } => {
  const fields: ChainedFields = {
    seq, id: `00000000-0000-4000-8000-00000000000${seq}`, occurredAt: '2026-11-23T01:02:03.456Z', actorId: null, actorName: '张三（zhang）',
    actorRoles: ['auditor'], departmentId: null, departmentName: '汕尾市政务服务数据管理局', ip: '10.0.0.1', userAgent: null, action: 'x.y',
    targetType: null, targetId: null, result: 'success', reason: null, requestId: 'r1', details: { b: 1, a: [2, { d: 4, c: 3 }] }, prevHash, ...patch,
  };
  return { ...fields, hash: hashAuditRecord(fields) };
};

describe('audit chain', () => {
  it('serialises objects with sorted keys at every level, so jsonb key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(hashAuditRecord(record(1, GENESIS_HASH))).toBe(hashAuditRecord({ ...record(1, GENESIS_HASH), details: { a: [2, { c: 3, d: 4 }], b: 1 } }));
  });

  it('produces a 64-hex SM3 digest that changes with any field', () => {
    const a = record(1, GENESIS_HASH);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(record(1, GENESIS_HASH, { ip: '10.0.0.2' }).hash).not.toBe(a.hash);
    expect(record(1, GENESIS_HASH, { details: { b: 2, a: [2, { d: 4, c: 3 }] } }).hash).not.toBe(a.hash);
  });

  it('accepts an intact link and names each kind of break', () => {
    const first = record(1, GENESIS_HASH);
    const second = record(2, first.hash);
    expect(checkLink(first, null)).toBeNull();
    expect(checkLink(second, first)).toBeNull();
    expect(checkLink({ ...second, actorName: '李四' }, first)?.reason).toBe('HASH_MISMATCH');
    expect(checkLink(record(2, GENESIS_HASH), first)?.reason).toBe('PREV_HASH_MISMATCH');
    expect(checkLink(record(3, first.hash), first)?.reason).toBe('SEQUENCE_GAP');
    expect(checkLink(record(2, GENESIS_HASH), null)?.reason).toBe('SEQUENCE_GAP');
  });
});
