import type { Kysely } from 'kysely';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../kernel/db.ts';
import { verifyCallLogChain } from '../modules/gateway/index.ts';

/** Recomputes the gateway call-log chain; returns the report as text with an exit code (0 intact, 1 broken). */
export async function gatewayVerifyCommand(db: Kysely<unknown>): Promise<{ code: number; output: string }> {
  const started = performance.now();
  const report = await verifyCallLogChain(db);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (report.ok) {
    return { code: 0, output: `调用日志链完整 / gateway call log intact: ${report.checked} records in ${seconds} s; head seq ${report.head?.seq ?? 0} hash ${report.head?.hash ?? '-'}` };
  }
  const b = report.firstBroken!;
  return {
    code: 1,
    output: `调用日志链断裂 / gateway call log BROKEN at seq ${b.seq} (id ${b.id}): ${b.reason}; ${report.checked} records checked; last good: seq ${report.head?.seq ?? 0}`,
  };
}

// `node apps/server/src/cli/gateway-verify.ts`: the same DATA_DIR / DATABASE_URL as the server.
if (import.meta.url === `file://${process.argv[1]}`) {
  const database = await openDatabase(loadConfig());
  try {
    const { code, output } = await gatewayVerifyCommand(database.db as Kysely<unknown>);
    console.log(output);
    process.exitCode = code;
  } finally {
    await database.close();
  }
}
