import type { Kysely } from 'kysely';
import { createGatewayRepository } from './gateway.repository.ts';

// Nonce claims, grouped (docs/gateway-api.md §2.2). Every signed call still waits until its nonce is inserted into
// gateway_nonces — the table stays the authority across nodes and restarts, nothing is weakened — but the claims of
// concurrent calls travel together: the claims of one turn of the event loop go out as one multi-row
// `INSERT … ON CONFLICT DO NOTHING RETURNING` (sent from setImmediate, after the turn's I/O callbacks — no timer, so a
// call alone waits microseconds), and while one INSERT is in flight the claims that arrive queue up for the next.
// Under load, one statement (one socket write, one round trip, one commit) serves many calls. Measured on
// the 2-core bench machine, the separate per-call INSERT was the largest cost of the data path after the read itself.

export interface NonceClaim {
  appKey: string;
  nonce: string;
  expiresAt: Date;
}

/** Most claims in one statement (3 parameters each; far below PostgreSQL's 65,535). */
const MAX_GROUP = 1000;

export function createNonceClaimer(db: Kysely<unknown>) {
  let queue: { claim: NonceClaim; resolve: (fresh: boolean) => void; reject: (err: unknown) => void }[] = [];
  let inFlight = false;
  let scheduled = false;

  async function send(): Promise<void> {
    inFlight = true;
    try {
      while (queue.length) {
        const group = queue.slice(0, MAX_GROUP);
        queue = queue.slice(group.length);
        // A nonce twice in one group: only its first claim may win (the second is a replay).
        const first = new Map<string, number>();
        group.forEach((g, i) => {
          const k = `${g.claim.appKey}\n${g.claim.nonce}`;
          if (!first.has(k)) first.set(k, i);
        });
        try {
          const unique = [...first.values()].map((i) => group[i]!.claim);
          const inserted = await createGatewayRepository(db).claimNonces(unique);
          group.forEach((g, i) => {
            const k = `${g.claim.appKey}\n${g.claim.nonce}`;
            g.resolve(first.get(k) === i && inserted.has(k));
          });
        } catch (err) {
          for (const g of group) g.reject(err);
        }
      }
    } finally {
      inFlight = false;
    }
  }

  return {
    /** True when the nonce was new (claimed now), false when it was claimed before (a replay). */
    claim(claim: NonceClaim): Promise<boolean> {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ claim, resolve, reject });
        if (!inFlight && !scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            if (!inFlight) void send();
          });
        }
      });
    },
  };
}

export type NonceClaimer = ReturnType<typeof createNonceClaimer>;

/**
 * The nonces one node has seen, to refuse a repeat without a round trip: two generations of at most `perGeneration`
 * each — when the young one fills up it becomes the old one and the old one is dropped, so memory and the time per
 * call stay bounded at any call rate (a sweep of expired entries on every call past a size limit once made a busy
 * gateway slow down round after round). A nonce that has left memory is still refused by the table.
 */
export function createSeenNonces(perGeneration: number) {
  let young = new Map<string, number>();
  let old = new Map<string, number>();
  return {
    /** Seen before and not yet expired (`now`, `expiresAt`: epoch ms). */
    seen: (key: string, now: number) => (young.get(key) ?? old.get(key) ?? 0) > now,
    add(key: string, expiresAt: number) {
      if (young.size >= perGeneration) {
        old = young;
        young = new Map();
      }
      young.set(key, expiresAt);
    },
    size: () => young.size + old.size,
  };
}
