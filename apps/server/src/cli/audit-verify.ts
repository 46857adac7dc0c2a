import type { Kysely } from 'kysely';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../kernel/db.ts';
import { createAuditService } from '../modules/audit/index.ts';

/** Recomputes the audit chain and returns the report as text with an exit code (0 intact, 1 broken). */
export async function auditVerifyCommand(db: Kysely<unknown>): Promise<{ code: number; output: string }> {
  const started = performance.now();
  const report = await createAuditService({ db }).verify();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (report.ok) {
    return { code: 0, output: `审计链完整 / audit chain intact: ${report.checked} records in ${seconds} s; head seq ${report.head?.seq ?? 0} hash ${report.head?.hash ?? '-'}` };
  }
  const b = report.firstBroken!;
  return {
    code: 1,
    output: `审计链断裂 / audit chain BROKEN at seq ${b.seq} (id ${b.id}): ${b.reason}; ${report.checked} records checked; last good: seq ${report.head?.seq ?? 0}`,
  };
}

// `npm run audit:verify`: the same DATA_DIR / DATABASE_URL as the server.
if (import.meta.url === `file://${process.argv[1]}`) {
  const database = await openDatabase(loadConfig());
  try {
    const { code, output } = await auditVerifyCommand(database.db as Kysely<unknown>);
    console.log(output);
    process.exitCode = code;
  } finally {
    await database.close();
  }
}
