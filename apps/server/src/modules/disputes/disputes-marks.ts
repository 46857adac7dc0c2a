import type { Kysely } from 'kysely';
import { createDisputesRepository } from './disputes.repository.ts';

// 存疑 marks as readers see them (gateway answers, profile pages). The set of entry ids with ANY open mark is kept in
// memory: a call for an entry without marks answers without a query. The set is reloaded when this process changes a
// mark (invalidate) and at most every `refreshMs` otherwise (marks changed by another process show up within that time).

export interface DisputeMark {
  itemCodeName: string;
  disputeId: string;
  markedAt: string;
}

export interface DisputeMarks {
  /** For each key with open marks on the entry: the data item code names marked 存疑 (sorted). Keys without marks are absent. */
  openFor(entryId: string, keys: string[]): Promise<Map<string, string[]>>;
  /** The open marks of one record (profile pages). */
  forRecord(entryId: string, key: string): Promise<DisputeMark[]>;
}

export function createDisputeMarks(db: Kysely<unknown>, opts: { refreshMs?: number; now?: () => number } = {}) {
  const refreshMs = opts.refreshMs ?? 3000;
  const now = opts.now ?? Date.now;
  let entries = new Set<string>();
  let loadedAt = -Infinity;
  let generation = 0;
  let loading: Promise<void> | null = null;

  async function load() {
    for (let attempt = 0; attempt < 3; attempt++) {
      const gen = generation;
      const started = now();
      const ids = await createDisputesRepository(db).markedEntries();
      entries = new Set(ids);
      loadedAt = started;
      if (gen === generation) return; // nothing changed while loading
    }
  }
  async function fresh() {
    if (now() - loadedAt < refreshMs) return;
    loading ??= load().finally(() => { loading = null; });
    await loading;
  }

  const marks: DisputeMarks = {
    async openFor(entryId, keys) {
      const out = new Map<string, string[]>();
      if (!keys.length) return out;
      await fresh();
      if (!entries.has(entryId)) return out;
      const rows = await createDisputesRepository(db).marksFor(entryId, [...new Set(keys)]);
      for (const r of rows) {
        const list = out.get(r.record_key) ?? [];
        if (!list.includes(r.item_code)) list.push(r.item_code);
        out.set(r.record_key, list);
      }
      return out;
    },
    async forRecord(entryId, key) {
      await fresh();
      if (!entries.has(entryId)) return [];
      const rows = await createDisputesRepository(db).marksFor(entryId, [key]);
      return rows.map((r) => ({ itemCodeName: r.item_code, disputeId: r.dispute_id, markedAt: r.marked_at.toISOString() }));
    },
  };

  return {
    marks,
    /** Called after a change to marks commits in this process: the next read reloads the set. */
    invalidate() {
      generation++;
      loadedAt = -Infinity;
    },
  };
}
