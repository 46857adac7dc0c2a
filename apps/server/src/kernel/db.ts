import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';

// Tables are declared by the module that owns them; a module widens this with `db.withTables<ModuleTables>()`.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KernelTables {}

/** Anything queries can run on: the database or an open transaction. */
export type Db<T = KernelTables> = Kysely<T>;
export type Trx<T = KernelTables> = Transaction<T>;

export interface Database {
  db: Kysely<KernelTables>;
  kind: 'pglite' | 'postgres';
  /** The connection string (PostgreSQL): what a worker thread opens its own connection with. */
  url?: string;
  close(): Promise<void>;
  /**
   * Bulk load: runs `copySql` (`COPY t (cols) FROM STDIN`, text format) fed by `chunks`, each holding whole lines.
   * PostgreSQL: pg-copy-streams on a pool client (one COPY, streamed with backpressure). PGlite: one
   * `COPY … FROM '/dev/blob'` per chunk on its single connection (held per chunk). Runs outside any
   * transaction (load into a staging table, then swap/merge in a short transaction). Returns the rows copied.
   */
  copyFrom?(copySql: string, chunks: AsyncIterable<string | Buffer>): Promise<number>;
}

// Dates come back as ISO strings at the API edge; keep `date` columns as plain 'YYYY-MM-DD' strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// date[] (oid 1182) parsed like text[] (oid 1009), so its elements stay 'YYYY-MM-DD' too.
pg.types.setTypeParser(1182 as never, pg.types.getTypeParser(1009 as never));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

export const pgliteExtensions = { pg_trgm };

/** Opens PostgreSQL from DATABASE_URL. */
export function openPostgres(url: string, opts: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<KernelTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db, kind: 'postgres', url, close: () => db.destroy(),
    async copyFrom(copySql, chunks) {
      const client = await pool.connect();
      try {
        const stream = client.query(copyStreams.from(copySql));
        await pipeline(Readable.from(chunks, { highWaterMark: 2 }), stream); // at most 2 batches buffered
        client.release();
        return Number(stream.rowCount ?? 0);
      } catch (err) {
        client.release(err as Error); // a COPY broken off mid-stream: discard the connection
        throw err;
      }
    },
  };
}

/** Wraps an open PGlite instance in Kysely through the node-postgres adapter (one connection: queries queue). */
export function fromPglite(pglite: PGlite, onClose: () => Promise<void> = async () => {}): Database {
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<KernelTables>({ dialect: new PostgresDialect({ pool }) });
  const blobSql = (copySql: string) => copySql.replace(/\bFROM\s+STDIN\b/i, `FROM '/dev/blob'`);
  return {
    db,
    kind: 'pglite',
    async copyFrom(copySql, chunks) {
      // Each COPY holds the single pool client, so no other query (or open transaction) interleaves on PGlite's one
      // session; between chunks other work goes on (the producer of the chunks may query too).
      let rows = 0;
      for await (const chunk of chunks) {
        const blob = new Blob([chunk]);
        const r = await db.connection().execute(() => pglite.query(blobSql(copySql), [], { blob }));
        rows += r.affectedRows ?? 0;
      }
      return rows;
    },
    async close() {
      await db.destroy();
      await pglite.close();
      await onClose();
    },
  };
}

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `数据目录 ${dataDir} 正被进程 ${pid} 使用：嵌入式数据库同一时间只能由一个进程打开。` +
        `请先停止该进程，或用 DATA_DIR 指定另一个目录。 / data directory is locked by pid ${pid}`,
    );
  }
}

/** Opens the embedded PostgreSQL (PGlite) in dataDir, holding a lock file so a second process fails clearly. */
export async function openPglite(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const release = takeLock(path.join(dataDir, 'shuzheng.lock'), dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: pgliteExtensions });
    return fromPglite(pglite, async () => release());
  } catch (err) {
    release();
    throw err;
  }
}

function takeLock(lockPath: string, dataDir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        fs.rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      // Stale lock from a process that died: take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens the database the config names: PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR. */
export async function openDatabase(config: { DATABASE_URL?: string | undefined; DATA_DIR: string }): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.DATA_DIR);
}

/** Runs fn in one transaction: every multi-row write goes through here so bad input never half-writes. */
export function inTransaction<T, R>(db: Kysely<T>, fn: (trx: Transaction<T>) => Promise<R>): Promise<R> {
  if (db.isTransaction) return fn(db as Transaction<T>);
  return db.transaction().execute(fn);
}

/** Cheap liveness probe for /api/health. */
export async function pingDatabase(db: Kysely<unknown>): Promise<number> {
  const started = performance.now();
  await sql`select 1`.execute(db);
  return Math.round((performance.now() - started) * 10) / 10;
}
