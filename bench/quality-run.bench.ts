import { scratchDatabase } from './scratch-database.ts';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { RequestContext } from '../apps/server/src/kernel/context.ts';
import { ensureDataTable } from '../apps/server/src/kernel/data-tables.ts';
import { openPostgres, type Database } from '../apps/server/src/kernel/db.ts';
import { createQualityService, type QualityService } from '../apps/server/src/modules/quality/index.ts';

// A full quality run (issue 4 §3) over BENCH_QUALITY_ROWS (default 10,000,000) synthetic person rows on PostgreSQL:
// five rules — not_null (姓名), id_number (GB 11643 check digit in SQL), code_table (GB/T 2260 divisions), date_valid
// (出生日期), unique (身份证号) — each one set-based statement, through the quality service (results, score, issues).
// The rows are generated in SQL with generate_series: valid GB 11643 numbers (check digit computed in SQL) with
// ~0.5% wrong check digits, ~0.3% unknown divisions, ~0.2% birth dates in the future, ~0.5% missing names,
// ~0.1% duplicate ID numbers and ~0.1% soft-deleted rows (which every rule skips).
// Limit: 60 s for 10,000,000 rows (scaled linearly for other sizes).

const ROWS = Number(process.env.BENCH_QUALITY_ROWS ?? 10_000_000);
const LIMIT_S = 60 * (ROWS / 10_000_000);

/** A scratch database `<name>_quality` next to BENCH_DATABASE_URL's, created and dropped here. */
async function scratchPostgres(url: string): Promise<{ database: Database; drop(): Promise<void> }> {
  const scratch = await scratchDatabase(url, 'quality');
  return { database: openPostgres(scratch.url, { max: 4 }), drop: scratch.drop };
}

async function fill(db: Kysely<unknown>, rows: number) {
  const cols = ['id_number', 'person_name', 'gender', 'birth_date', 'division_code'];
  await ensureDataTable(db, { schemaName: 'qbench', tableName: 'persons', keyColumns: [], columns: cols.map((c) => ({ column: c, dataType: c === 'birth_date' ? 'date' : 'string' })) });
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checksum = weights.map((w, i) => `substr(b17, ${i + 1}, 1)::int * ${w}`).join(' + ');
  // g → a unique 17-digit body (division × birth date × sequence); every 200th row gets a wrong check digit, every
  // 1000th row repeats the previous row's ID number.
  await sql.raw(`
    insert into qbench.persons (id_number, person_name, gender, birth_date, division_code, deleted_at)
    select case when g % 1000 = 0 then prev_id when g % 200 = 0 then b17 || case when chk = '0' then '1' else '0' end else b17 || chk end,
           case when g % 200 = 7 then null else '人员' || g end,
           (array['1','2','0','9'])[g % 4 + 1],
           case when g % 500 = 3 then date '2099-01-01' + (g % 300) else birth end,
           case when g % 333 = 5 then '999999' else div end,
           case when g % 1000 = 11 then now() else null end
    from (
      select g, b17, div, birth, substr('10X98765432', ((${checksum}) % 11) + 1, 1) as chk, prev_b17 || substr('10X98765432', ((${checksum.replaceAll('b17', 'prev_b17')}) % 11) + 1, 1) as prev_id
      from (
        select g, div, birth, div || to_char(birth, 'YYYYMMDD') || lpad(((g - 1) % 1000)::text, 3, '0') as b17,
               pdiv || to_char(pbirth, 'YYYYMMDD') || lpad(((g - 2) % 1000)::text, 3, '0') as prev_b17
        from (
          select g, (array['441502','441521','441523','441581'])[((g - 1) / 25000000) % 4 + 1] as div,
                 date '1940-01-01' + (((((g - 1) / 1000) % 25000) * 7919) % 25000)::int as birth,
                 (array['441502','441521','441523','441581'])[((g - 2) / 25000000) % 4 + 1] as pdiv,
                 date '1940-01-01' + (((((g - 2) / 1000) % 25000) * 7919) % 25000)::int as pbirth
          from generate_series(1, ${rows}) g
        ) a
      ) b
    ) c`).execute(db);
  await sql.raw('vacuum analyze qbench.persons').execute(db);
}

async function rulesOn(quality: QualityService, ctx: RequestContext, entryId: string) {
  const DIVISIONS = '00000000-0000-4000-8000-000000002260';
  await quality.rules.create(ctx, entryId, { type: 'not_null', items: ['person_name'], severity: 'high' });
  await quality.rules.create(ctx, entryId, { type: 'id_number', items: ['id_number'], severity: 'high' });
  await quality.rules.create(ctx, entryId, { type: 'code_table', items: ['division_code'], params: { codeTableId: DIVISIONS } });
  await quality.rules.create(ctx, entryId, { type: 'date_valid', items: ['birth_date'] });
  await quality.rules.create(ctx, entryId, { type: 'unique', items: ['id_number'] });
}

export async function run(): Promise<string[]> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return ['quality run on PostgreSQL: skipped (set BENCH_DATABASE_URL; the bench creates and drops <database>_quality next to it)'];
  const lines: string[] = [];
  const { database, drop } = await scratchPostgres(url);
  const config = loadConfig({}, { JOBS_ENABLED: false, LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', DATA_DIR: '/nonexistent' });
  const built = await buildApp(config, { database, logger: false });
  try {
    const db = database.db as Kysely<unknown>;
    const s = built.services;
    // The bench's own department and user (no demo seed): the owner of the entry and the actor of the run.
    const dept = (await sql<{ id: string }>`insert into identity_departments (id, name, credit_code, division_code, kind)
      values (gen_random_uuid(), '质量基准测试局', '11441500MB0000000X', '441500', 'municipal') returning id`.execute(db)).rows[0]!.id;
    const userId = (await sql<{ id: string }>`insert into identity_users (id, username, display_name, kind, department_id, password_hash)
      values (gen_random_uuid(), 'quality_bench', '基准测试', 'staff', ${dept}, 'x') returning id`.execute(db)).rows[0]!.id;
    const entryId = '11111111-1111-4111-8111-111111111111';
    const mount = {
      entryId, entryName: '质量基准人口表', mountId: entryId, providerDepartmentId: dept, grade: null, entryStatus: 'published', datasource: 'platform', schemaName: 'qbench', tableName: 'persons',
      columns: [['id_number', '公民身份号码'], ['person_name', '姓名'], ['gender', '性别'], ['birth_date', '出生日期'], ['division_code', '行政区划']].map(([c, n]) => ({
        column: c!, itemCodeName: c!, itemName: n!, dataType: c === 'birth_date' ? 'date' : 'string', sensitivity: 'none' as const, authoritative: false,
      })),
    };
    const quality = createQualityService({
      db, audit: s.audit, calendar: s.calendar, departments: s.identity.departments, freshness: { lastSuccess: async () => null },
      catalog: { mounts: { tableFor: async (id) => (id === entryId ? mount : null) }, forSharing: { entryOwner: async () => null } },
    });
    const ctx: RequestContext = {
      actor: { userId, username: 'bench', displayName: '基准测试', kind: 'staff', departmentId: dept, departmentName: null, roles: ['bureau_reviewer'], permissions: new Map([['quality.rule.manage', 'all'], ['quality.run.execute', 'all']]), sessionId: '', authMethod: 'api-token' },
      ip: '127.0.0.1', requestId: 'bench', userAgent: null,
    };
    let t = performance.now();
    await fill(db, ROWS);
    lines.push(`quality-run: generated ${ROWS.toLocaleString('en')} person rows in ${((performance.now() - t) / 1000).toFixed(1)} s (generate_series, not timed below)`);
    await rulesOn(quality, ctx, entryId);
    t = performance.now();
    const result = await quality.runs.run(ctx, entryId);
    const seconds = (performance.now() - t) / 1000;
    for (const r of result.results ?? []) lines.push(`  ${r.ruleName.padEnd(24)} checked ${String(r.checked).padStart(10)}  failed ${String(r.failed).padStart(8)}  ${(r.durationMs / 1000).toFixed(1)} s${r.error ? `  ERROR ${r.error}` : ''}`);
    lines.push(`quality-run: full run of 5 rules over ${ROWS.toLocaleString('en')} rows: ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s (score ${result.score}); limit ${LIMIT_S.toFixed(0)} s → ${(seconds / LIMIT_S).toFixed(2)} of the limit ${seconds <= LIMIT_S ? 'OK' : 'OVER'}`);
  } finally {
    await built.close();
    await drop();
  }
  return lines;
}
