import type { TableRef } from './gateway.repository.ts';

// Point reads, grouped (the DataLoader pattern, like the nonce claims in gateway-nonces.ts). Each call still waits for
// its own rows from the table, read at that moment; only the travel is shared: the keys asked of one table layout in
// the same turn of the event loop go out together as one `… where key = any($1)` (sent from setImmediate, after the
// turn's I/O callbacks — no timer, so a call alone waits microseconds), and while reads are in flight the keys that
// arrive queue up for the next one. On the 2-core bench machine the socket write of each query to PostgreSQL was the
// largest single cost of a call; under load one statement now serves many calls.

type Row = Record<string, unknown> & { __gw_key: string };
type ReadRows = (t: TableRef, columns: string[], keyColumn: string, keys: string[]) => Promise<Row[]>;

interface Waiting {
  key: string;
  resolve: (rows: Row[]) => void;
  reject: (err: unknown) => void;
}
interface Layout {
  ref: TableRef;
  columns: string[];
  keyColumn: string;
  queue: Waiting[];
  inFlight: number;
  /** a send is scheduled for the end of this turn */
  scheduled: boolean;
}

export interface KeyReadOptions {
  /** reads of one layout in flight at once (more spread the work over PostgreSQL's backends, fewer group more) */
  maxInFlight: number;
  /** most keys in one statement */
  maxKeys: number;
}

export function createKeyReader(read: ReadRows, opts: KeyReadOptions = { maxInFlight: 2, maxKeys: 500 }) {
  const layouts = new Map<string, Layout>();

  async function send(layout: Layout, shape: string): Promise<void> {
    layout.inFlight++;
    try {
      while (layout.queue.length) {
        const group = layout.queue.splice(0, opts.maxKeys);
        try {
          const rows = await read(layout.ref, layout.columns, layout.keyColumn, [...new Set(group.map((g) => g.key))]);
          const byKey = new Map<string, Row[]>();
          for (const row of rows) {
            const list = byKey.get(row.__gw_key);
            if (list) list.push(row);
            else byKey.set(row.__gw_key, [row]);
          }
          for (const g of group) g.resolve(byKey.get(g.key) ?? []);
        } catch (err) {
          for (const g of group) g.reject(err);
        }
      }
    } finally {
      layout.inFlight--;
      if (!layout.inFlight && !layout.queue.length && !layout.scheduled) layouts.delete(shape);
    }
  }

  return {
    /** The live rows with this key (usually one), read with the calls that ask the same layout at the same time. */
    rows(ref: TableRef, columns: string[], keyColumn: string, key: string): Promise<Row[]> {
      const shape = `${ref.schema}\u0000${ref.table}\u0000${ref.softDelete}\u0000${keyColumn}\u0000${columns.join('\u0000')}`;
      let layout = layouts.get(shape);
      if (!layout) layouts.set(shape, (layout = { ref, columns, keyColumn, queue: [], inFlight: 0, scheduled: false }));
      const l = layout;
      return new Promise<Row[]>((resolve, reject) => {
        l.queue.push({ key, resolve, reject });
        if (l.inFlight < opts.maxInFlight && !l.scheduled) {
          l.scheduled = true;
          setImmediate(() => {
            l.scheduled = false;
            // Each send takes its group synchronously: a long queue fills up to maxInFlight statements at once.
            while (l.queue.length && l.inFlight < opts.maxInFlight) void send(l, shape);
            if (!l.inFlight && !l.queue.length) layouts.delete(shape);
          });
        }
      });
    },
  };
}

export type KeyReader = ReturnType<typeof createKeyReader>;
