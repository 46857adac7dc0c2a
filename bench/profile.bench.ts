import { scratchDatabase } from './scratch-database.ts';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { Actor, RequestContext } from '../apps/server/src/kernel/context.ts';
import { openPostgres } from '../apps/server/src/kernel/db.ts';
import type { MountedTable } from '../apps/server/src/modules/catalog/index.ts';
import { createRegistryService } from '../apps/server/src/modules/registry/index.ts';

// Base registries on PostgreSQL (issue 4 §2, "profile lookup p95 with 8 sources"):
//   (a) building the population registry (golden records + pairwise comparison counts, set-based SQL) from SOURCES
//       department tables of PER_TABLE persons each (the same persons in every table; names differ in 2% of rows per
//       table, addresses in 1%), person_name authoritative in the first table;
//   (b) profile lookups (一人一档) through the registry service for LOOKUPS random keys, one at a time: each reads the
//       8 sources by key (unique index), the golden record, masks, and appends an SM3-chained audit record.
// The tables are filled by one INSERT … SELECT from generate_series each, indexes built after the load, then ANALYZE.
// The catalog is stubbed (tablesWithItem answers the 8 mounts): what is measured is the registry's own work.

const PER_TABLE = Number(process.env.BENCH_PROFILE_ROWS ?? 1_000_000);
const SOURCES = 8;
const LOOKUPS = Number(process.env.BENCH_PROFILE_LOOKUPS ?? 1000);
const LIMIT = { p95Ms: 50 };


const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function run(): Promise<string[]> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return ['profile: skipped (set BENCH_DATABASE_URL; the bench creates and drops <database>_registry next to it)'];
  const target = await scratchDatabase(url, 'registry');
  const lines: string[] = [];
  const built = await buildApp(loadConfig({}, { JOBS_ENABLED: false, LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', DATA_DIR: '/nonexistent' }), {
    database: openPostgres(target.url, { max: 4 }), logger: false,
  });
  try {
    const db = built.database.db as Kysely<unknown>;
    const departments = Array.from({ length: SOURCES }, () => randomUUID());
    const mounts: MountedTable[] = [];
    let t0 = performance.now();
    await sql`create schema bench_src`.execute(db);
    for (let s = 1; s <= SOURCES; s++) {
      const table = sql.id('bench_src', `t${s}`);
      await sql`create table ${table} (sfzh text not null, xm text, dz text, zt text, updated_at timestamptz not null default now(), deleted_at timestamptz)`.execute(db);
      await sql`insert into ${table} (sfzh, xm, dz, zt, updated_at)
        select '4415' || lpad(i::text, 14, '0'),
          '姓名' || i || case when i % 50 = ${s} then '甲' else '' end,
          '汕尾市城区' || (i % 997) || '号' || case when i % 100 = ${s} then '之一' else '' end,
          (i % 3)::text, now() - ((i % 365) || ' days')::interval
        from generate_series(1, ${PER_TABLE}::int) as i`.execute(db);
      await sql`create unique index ${sql.id(`t${s}_key`)} on ${table} (sfzh)`.execute(db);
      await sql`analyze ${table}`.execute(db);
      mounts.push({
        entryId: randomUUID(), entryName: `数据源${s}`, mountId: randomUUID(), providerDepartmentId: departments[s - 1]!, grade: 'general', entryStatus: 'published',
        datasource: `库${s}`, schemaName: 'bench_src', tableName: `t${s}`,
        columns: [
          { column: 'sfzh', itemCodeName: 'id_number', itemName: '公民身份号码', dataType: 'string', sensitivity: 'sensitive_personal', authoritative: s === 1 },
          { column: 'xm', itemCodeName: 'person_name', itemName: '姓名', dataType: 'string', sensitivity: 'personal', authoritative: s === 1 },
          { column: 'dz', itemCodeName: 'domicile_address', itemName: '户籍地址', dataType: 'string', sensitivity: 'personal', authoritative: false },
          { column: 'zt', itemCodeName: 'status', itemName: '状态', dataType: 'string', sensitivity: 'none', authoritative: false },
        ],
      });
    }
    const loadS = (performance.now() - t0) / 1000;
    lines.push(`profile: ${SOURCES} source tables × ${PER_TABLE.toLocaleString('en')} persons generated in ${loadS.toFixed(1)} s`);

    const registry = createRegistryService({
      db, audit: built.services.audit,
      catalog: { mounts: { tablesWithItem: async (item: string) => (item === 'id_number' ? mounts : []) } },
      departments: { get: async (id: string) => ({ id, name: `部门${(departments as string[]).indexOf(id) + 1}` }) as never },
      holders: { holderOf: async () => null },
    });

    // (a) build
    t0 = performance.now();
    const build = await registry.builds.runNow('person', 'schedule');
    const buildS = (performance.now() - t0) / 1000;
    if (!build || build.status !== 'succeeded') throw new Error(`build failed: ${JSON.stringify(build)}`);
    const subjectsPerS = build.subjects! / buildS;
    lines.push(`profile: registry build ${buildS.toFixed(1)} s for ${(SOURCES * PER_TABLE).toLocaleString('en')} source rows → ${build.subjects!.toLocaleString('en')} golden records (${Math.round(subjectsPerS).toLocaleString('en')} subjects/s), ${build.conflicts!.toLocaleString('en')} with disagreements`);

    // (b) lookups
    const actor: Actor = {
      userId: randomUUID(), username: 'bench', displayName: '压测', kind: 'staff', departmentId: null, departmentName: null, roles: ['bureau_reviewer'],
      permissions: new Map([['registry.profile.read', 'all'], ['registry.profile.read_sensitive', 'all']]), sessionId: 'bench', authMethod: 'session',
    };
    const ctx: RequestContext = { actor, ip: '127.0.0.1', requestId: 'bench-profile', userAgent: null };
    // audit_events.actor_id references no table (free text uuid), so a synthetic actor is fine.
    const key = () => `4415${String(1 + Math.floor(Math.random() * PER_TABLE)).padStart(14, '0')}`;
    for (let i = 0; i < 20; i++) await registry.profiles.read(ctx, 'person', key(), '压测预热');
    const times: number[] = [];
    let sources = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const k = key();
      const s = performance.now();
      const p = await registry.profiles.read(ctx, 'person', k, '压测：一人一档查询');
      times.push(performance.now() - s);
      sources += p.sources.length;
    }
    times.sort((a, b) => a - b);
    const p50 = pct(times, 50);
    const p95 = pct(times, 95);
    lines.push(`profile: lookup (8 sources + golden record + masking + SM3-chained audit) over ${LOOKUPS} random keys: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms; avg ${(sources / LOOKUPS).toFixed(1)} sources/profile`);
    lines.push(`profile: p95 / limit ${LIMIT.p95Ms} ms = ${(p95 / LIMIT.p95Ms).toFixed(2)} → ${p95 < LIMIT.p95Ms ? 'within the limit' : 'OVER the limit'}`);
  } finally {
    await built.close();
    await target.drop();
  }
  return lines;
}
