import { describe, expect, it } from 'vitest';
import { createKeyReader } from './gateway-key-reads.ts';
import type { TableRef } from './gateway.repository.ts';

const ref: TableRef = { schema: 'rk', table: 'czrk', softDelete: true, changeFeed: true };
const other: TableRef = { ...ref, table: 'other' };

/** A fake table: answers after the test releases each read; records every statement's keys. */
function table(rows: Record<string, { name: string }>) {
  const reads: { table: string; keys: string[] }[] = [];
  const pending: (() => void)[] = [];
  let failNext: Error | null = null;
  const read = (t: TableRef, _columns: string[], _key: string, keys: string[]) => {
    reads.push({ table: t.table, keys });
    const err = failNext;
    failNext = null;
    return new Promise<(Record<string, unknown> & { __gw_key: string })[]>((resolve, reject) =>
      pending.push(() => (err ? reject(err) : resolve(keys.filter((k) => rows[k]).map((k) => ({ __gw_key: k, ...rows[k]! }))))));
  };
  const releaseAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { read, reads, releaseAll, failOnce: (e: Error) => (failNext = e) };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('grouped point reads', () => {
  it('sends the reads asked in one turn as one statement at the end of the turn, queues those asked while it is in flight, and answers each call its own rows', async () => {
    const t = table({ a: { name: '甲' }, b: { name: '乙' }, c: { name: '丙' } });
    const reader = createKeyReader(t.read, { maxInFlight: 1, maxKeys: 500 });
    const first = ['a', 'b'].map((k) => reader.rows(ref, ['name'], 'id', k));
    expect(t.reads).toEqual([]); // not before the turn ends
    await turn();
    expect(t.reads).toEqual([{ table: 'czrk', keys: ['a', 'b'] }]); // no timer: sent right after the turn
    const rest = ['c', 'missing', 'b', 'c'].map((k) => reader.rows(ref, ['name'], 'id', k));
    await turn();
    expect(t.reads).toHaveLength(1); // queued behind the read in flight
    await t.releaseAll();
    expect(t.reads).toEqual([{ table: 'czrk', keys: ['a', 'b'] }, { table: 'czrk', keys: ['c', 'missing', 'b'] }]);
    expect(await Promise.all(first)).toEqual([[{ __gw_key: 'a', name: '甲' }], [{ __gw_key: 'b', name: '乙' }]]);
    expect(await Promise.all(rest)).toEqual([[{ __gw_key: 'c', name: '丙' }], [], [{ __gw_key: 'b', name: '乙' }], [{ __gw_key: 'c', name: '丙' }]]);
  });

  it('never mixes table layouts, allows maxInFlight reads at once and splits groups at maxKeys', async () => {
    const t = table({});
    const reader = createKeyReader(t.read, { maxInFlight: 2, maxKeys: 2 });
    const calls = [
      reader.rows(ref, ['name'], 'id', '1'),
      reader.rows(other, ['name'], 'id', '2'),
      reader.rows(ref, ['name', 'gender'], 'id', '3'),
      reader.rows(ref, ['name'], 'id', '4'),
      reader.rows(ref, ['name'], 'id', '5'),
      reader.rows(ref, ['name'], 'id', '6'),
      reader.rows(ref, ['name'], 'id', '7'),
    ];
    await turn();
    await t.releaseAll();
    await Promise.all(calls);
    // ref/name: 1,4,5,6,7 → two statements of maxKeys at once, the rest when one returns; the other layouts apart.
    expect(t.reads.map((r) => `${r.table}:${r.keys.join(',')}`)).toEqual(['czrk:1,4', 'czrk:5,6', 'other:2', 'czrk:3', 'czrk:7']);
  });

  it('fails only the calls of the statement that failed; the next group reads again', async () => {
    const t = table({ a: { name: '甲' }, b: { name: '乙' } });
    const reader = createKeyReader(t.read, { maxInFlight: 1, maxKeys: 500 });
    t.failOnce(new Error('connection lost'));
    const failed = reader.rows(ref, ['name'], 'id', 'a').then(() => 'answered', (err: Error) => err.message);
    await turn();
    const next = reader.rows(ref, ['name'], 'id', 'b');
    await t.releaseAll();
    expect(await failed).toBe('connection lost');
    expect(await next).toEqual([{ __gw_key: 'b', name: '乙' }]);
  });
});
