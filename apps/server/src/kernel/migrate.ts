import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createHash } from 'node:crypto';

/** A module's migrations: SQL files NNNN_verb_object.sql in one folder, applied in name order. */
export interface MigrationSource {
  module: string;
  dir: string;
}

export interface AppliedMigration {
  module: string;
  name: string;
}

// Any constant fits; it only has to be the same in every process migrating this database.
const MIGRATION_LOCK_KEY = 7_204_001;

/** Applies pending migrations of each module in the order given; each file in its own transaction, recorded in kernel_migrations. */
export async function migrate(db: Kysely<unknown>, sources: MigrationSource[]): Promise<AppliedMigration[]> {
  await sql`create table if not exists kernel_migrations (
    module text not null,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now(),
    primary key (module, name)
  )`.execute(db);
  const applied: AppliedMigration[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      const rows = await sql<{ module: string; name: string; checksum: string }>`select module, name, checksum from kernel_migrations`.execute(conn);
      const done = new Map(rows.rows.map((r) => [`${r.module}/${r.name}`, r.checksum]));
      for (const source of sources) {
        for (const file of listMigrationFiles(source.dir)) {
          const text = fs.readFileSync(path.join(source.dir, file), 'utf8');
          const checksum = createHash('sha256').update(text).digest('hex');
          const previous = done.get(`${source.module}/${file}`);
          if (previous !== undefined) {
            if (previous !== checksum) {
              throw new Error(`migration ${source.module}/${file} was changed after it was applied; add a new migration instead`);
            }
            continue;
          }
          await conn.transaction().execute(async (trx) => {
            await sql.raw(text).execute(trx);
            await sql`insert into kernel_migrations (module, name, checksum) values (${source.module}, ${file}, ${checksum})`.execute(trx);
          });
          applied.push({ module: source.module, name: file });
        }
      }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
  return applied;
}

function listMigrationFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  for (const f of files) {
    if (!/^\d{4}_[a-z0-9_]+\.sql$/.test(f)) throw new Error(`migration file name must be NNNN_verb_object.sql: ${dir}/${f}`);
  }
  return files;
}
