import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import { fromPglite, inTransaction, openPostgres, pgliteExtensions, type Database } from '../apps/server/src/kernel/db.ts';
import { migrate } from '../apps/server/src/kernel/migrate.ts';
import { migrationSources } from '../apps/server/src/app.ts';
import { createAuditService } from '../apps/server/src/modules/audit/index.ts';
import { systemContext } from '../apps/server/src/kernel/context.ts';

// What the tamper-evident audit log costs a write: N single-row transactions that each also append an
// SM3-chained audit record, against the same N transactions without it (the baseline), on the same database.

const N = Number(process.env.BENCH_AUDIT_N ?? 2000);

async function timeWrites(db: Kysely<unknown>, withAudit: boolean): Promise<number> {
  const audit = createAuditService({ db });
  const ctx = systemContext('bench');
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    await inTransaction(db, async (trx) => {
      await sql`insert into bench_rows (n, payload) values (${i}, ${'行政区划代码 441500'})`.execute(trx);
      if (withAudit) await audit.record(trx, ctx, { action: 'bench.write', targetType: 'row', targetId: String(i), details: { n: i } });
    });
  }
  return N / ((performance.now() - started) / 1000);
}

async function measure(label: string, database: Database): Promise<string[]> {
  const db = database.db as Kysely<unknown>;
  try {
    await migrate(db, migrationSources());
    await sql`create table if not exists bench_rows (id bigint generated always as identity primary key, n int, payload text)`.execute(db);
    await timeWrites(db, false); // warm-up
    const bare = await timeWrites(db, false);
    const audited = await timeWrites(db, true);
    const started = performance.now();
    const report = await createAuditService({ db }).verify();
    const verifyPerSecond = report.checked / ((performance.now() - started) / 1000);
    return [
      `audit append on ${label}: ${audited.toFixed(0)} audited writes/s vs ${bare.toFixed(0)} bare writes/s — ratio ${(audited / bare).toFixed(2)}`,
      `audit verify on ${label}: ${verifyPerSecond.toFixed(0)} records/s (${report.checked} records, ok=${report.ok})`,
    ];
  } finally {
    await database.close();
  }
}

export async function run(): Promise<string[]> {
  const lines = await measure('PGlite', fromPglite(await PGlite.create({ extensions: pgliteExtensions })));
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const database = openPostgres(url);
    await sql`drop schema public cascade; create schema public`.execute(database.db).catch(() => {});
    lines.push(...(await measure('PostgreSQL', database)));
  } else {
    lines.push('audit append on PostgreSQL: skipped (set BENCH_DATABASE_URL to a scratch database — its public schema is wiped)');
  }
  return lines;
}
