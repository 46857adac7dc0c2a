import { scratchDatabase } from './scratch-database.ts';
import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import { fromPglite, openPostgres, pgliteExtensions, type Database } from '../apps/server/src/kernel/db.ts';
import { migrate } from '../apps/server/src/kernel/migrate.ts';
import { migrationSources } from '../apps/server/src/app.ts';
import { createAuditService } from '../apps/server/src/modules/audit/index.ts';
import { createCalendarService } from '../apps/server/src/modules/calendar/index.ts';
import { createCatalogService, type CatalogService } from '../apps/server/src/modules/catalog/index.ts';
import { DEPARTMENTS, DIVISIONS, DOMAINS, FREQUENCIES, QUALIFIERS, SUBJECTS, USES } from './catalog-search.vocab.ts';

// Search over a provincial-size published catalog: ENTRIES published entries with ITEMS data items each, written
// straight into the search projection (catalog_search, catalog_search_items, and the catalog_entries rows they
// reference) with set-based SQL. Then realistic Chinese queries go through the real service (catalog.search.search,
// with its facets), several times each, next to a plain ILIKE '%q%' scan over name, summary, keywords and item names.
// Goal: p95 under 50 ms.

const ENTRIES = Number(process.env.BENCH_CATALOG_ENTRIES ?? 100_000);
const ITEMS = 20;
const REPS = Number(process.env.BENCH_CATALOG_REPS ?? 10);
const GOAL_MS = 50;

type Query = { q: string; label?: string; filter?: (ids: Ids) => Record<string, unknown> };
type Ids = { scjg: string };

// What people type into the catalog search box of a city data platform.
const QUERIES: Query[] = [
  { q: '人口' },
  { q: '身份证号' },
  { q: '营业执照' },
  { q: '婚姻登记' },
  { q: '社保缴费' },
  { q: '不动产' },
  { q: '企业信用' },
  { q: '婚烟登记', label: '婚烟登记 (typo)' },
  { q: '户籍地', label: '户籍地 (substring)' },
  { q: '社保', label: '社保 (2 chars)' },
  { q: '企业 信用', label: '企业 信用 (two words)' },
  { q: '统一社会信用代码', label: '统一社会信用代码 (common item)' },
  { q: '公民身份号码', label: '公民身份号码 (common item)' },
  { q: '空气质量' },
  { q: '出生医学证明' },
  { q: '医保结算' },
  { q: '学籍' },
  { q: '低保' },
  { q: '不动产', label: '不动产 + 有条件共享', filter: () => ({ shareType: 'conditional' }) },
  { q: '许可', label: '许可 + 市场监管局', filter: (ids) => ({ department: ids.scjg }) },
];

const ms = (from: number) => performance.now() - from;
/** Pads to a display width (CJK characters take two columns). */
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)));
const fmt = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
/** Nearest-rank percentile of sorted values. */
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

async function generate(db: Kysely<unknown>): Promise<string> {
  const domainNames = Object.keys(DOMAINS);
  for (const [name, pool] of Object.entries(DOMAINS)) {
    if (pool.length !== 30 || new Set(pool.map(([n]) => n)).size !== 30) throw new Error(`domain ${name} needs 30 distinct items`);
  }
  const poolNames = domainNames.flatMap((d) => DOMAINS[d]!.map(([n]) => n));
  const poolCodes = domainNames.flatMap((d) => DOMAINS[d]!.map(([, c]) => c));
  const started = performance.now();
  const phases: string[] = [];
  const phase = async (label: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    phases.push(`${label} ${(ms(t) / 1000).toFixed(1)} s`);
  };

  await db.transaction().execute(async (trx) => {
    // The data is consistent by construction; row-by-row foreign key triggers would dominate the load.
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    // Secondary indexes are dropped for the load and rebuilt from their own definitions afterwards.
    const indexes = (
      await sql<{ indexname: string; indexdef: string }>`
        select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = current_schema() and i.tablename in ('catalog_entries', 'catalog_search', 'catalog_search_items')
          and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`.execute(trx)
    ).rows;
    for (const i of indexes) await sql`drop index ${sql.id(i.indexname)}`.execute(trx);

    await phase('departments', () => sql`
      insert into identity_departments (id, name, credit_code, division_code, kind, sort_order)
      select gen_random_uuid(), v.prefix || d.name, '11' || v.code || lpad((d.ord * 10 + v.ord)::text, 10, '0'), v.code,
             case when v.ord = 1 then 'municipal' else 'county' end, (d.ord * 10 + v.ord)::int
      from unnest(${DEPARTMENTS.map(([n]) => n)}::text[]) with ordinality d(name, ord),
           unnest(${DIVISIONS.map(([c]) => c)}::text[], ${DIVISIONS.map(([, p]) => p)}::text[]) with ordinality v(code, prefix, ord)`.execute(trx));

    await phase('entries', async () => {
      // One row per entry with everything derived from its number i: subject, department, items, texts, facets.
      await sql`
        create unlogged table bench_gen as
        with p as (
          select ${SUBJECTS.map((s) => s[0])}::text[] as subject, ${SUBJECTS.map((s) => DEPARTMENTS.findIndex(([, k]) => k === s[1]) + 1)}::int[] as owner,
                 ${SUBJECTS.map((s) => domainNames.indexOf(s[2]) + 1)}::int[] as dom, ${SUBJECTS.map((s) => s[3])}::text[] as category,
                 ${SUBJECTS.map((s) => s[4])}::text[] as subcategory, ${SUBJECTS.map((s) => s[5])}::text[] as business,
                 ${SUBJECTS.map((s) => s[6][0]!)}::text[] as kw1, ${SUBJECTS.map((s) => s[6][1]!)}::text[] as kw2,
                 ${QUALIFIERS}::text[] as qualifier, ${USES}::text[] as use_, ${FREQUENCIES.map(([v]) => v)}::text[] as freq,
                 ${FREQUENCIES.map(([, l]) => l)}::text[] as freq_label, ${DEPARTMENTS.map(([n]) => n)}::text[] as dept, ${DIVISIONS.map(([, p]) => p)}::text[] as div_prefix,
                 ${poolNames}::text[] as pool
        ), g as (
          select i, (i * 7919) % ${SUBJECTS.length} + 1 as s, ((i / ${SUBJECTS.length}) * 5 + i) % ${QUALIFIERS.length} + 1 as q, i % ${DIVISIONS.length} + 1 as dv,
                 (i * 11) % 30 as o
          from generate_series(1, ${ENTRIES}::int) i
        ), n as (
          select g.i, g.o, p.dom[g.s] as dom, p.category[g.s] as category, p.subcategory[g.s] as subcategory, p.business[g.s] as business,
                 array[p.subject[g.s], p.kw1[g.s], p.kw2[g.s]] as keywords,
                 (case when g.i % 4 = 0 then (2016 + g.i % 9)::text || '年' else '' end) || p.subject[g.s] || p.qualifier[g.q] as name,
                 p.div_prefix[g.dv] || p.dept[p.owner[g.s]] as department_name, p.use_[g.i % ${USES.length} + 1] as use_,
                 p.freq[g.i % ${FREQUENCIES.length} + 1] as freq, p.freq_label[g.i % ${FREQUENCIES.length} + 1] as freq_label,
                 array(select (p.dom[g.s] - 1) * 30 + (g.o + k) % 30 + 1 from generate_series(0, ${ITEMS - 1}::int) k order by k) as item_idx
          from g, p
        )
        select n.*, gen_random_uuid() as id, d.id as department_id, d.credit_code, d.sort_order,
               array(select p.pool[x] from unnest(n.item_idx) with ordinality u(x, k) order by k) as items
        from n join identity_departments d on d.name = n.department_name, p`.execute(trx);
      await sql`
        insert into catalog_entries (id, code, origin, department_id, provider_name, provider_code, status, category, subcategory, name, summary, keywords,
                                     share_type, open_type, format_class, update_frequency, grade, sensitivity_level, current_version, published_on, last_published_at)
        select id, (case category when 'basic' then '1' when 'theme' then '2' else '3' end) || subcategory || lpad((sort_order % 1000)::text, 3, '0') || lpad(i::text, 6, '0'),
               'local', department_id, department_name, credit_code, 'published', category, subcategory, name, '', keywords,
               case when i % 10 < 3 then 'unconditional' when i % 10 < 9 then 'conditional' else 'none' end, 'none', 'database', freq, 'general', 2,
               1 + (i % 7 = 0)::int, date '2020-01-01' + (i % 2000), timestamptz '2020-01-01 09:00+08' + (i % 2000) * interval '1 day' + (i % 600) * interval '1 minute'
        from bench_gen`.execute(trx);
    });

    await phase('search rows', () => sql`
      insert into catalog_search (entry_id, code, name, summary, keywords, item_names, doc, department_id, department_key, department_name, origin, category,
                                  subcategory, share_type, open_type, format_class, update_frequency, grade, mounted, version, published_on, last_published_at,
                                  item_count, quality_score, quality)
      select e.id, e.code, e.name, x.summary, e.keywords, g.items,
             lower(concat_ws(' ', e.name, array_to_string(e.keywords, ' '), array_to_string(g.items, ' '), x.summary)),
             e.department_id, e.department_id::text, e.provider_name, 'local', e.category, e.subcategory, e.share_type,
             case when e.share_type = 'unconditional' and g.i % 2 = 0 then 'unconditional' when g.i % 5 = 0 then 'conditional' else 'none' end,
             (array['database', 'database', 'database', 'spreadsheet', 'self_describing', 'electronic_file'])[g.i % 6 + 1], e.update_frequency,
             case when g.i % 20 = 0 then 'important' else 'general' end, g.i % 3 <> 0, e.current_version, e.published_on, e.last_published_at,
             ${ITEMS}, 55 + g.i % 45, '{"findability":20,"accessibility":15,"interoperability":15,"reusability":15,"contextuality":10}'::jsonb
      from bench_gen g join catalog_entries e on e.id = g.id
      cross join lateral (select format('%s由%s在%s业务中产生，主要包括%s、%s、%s等%s项信息，用于%s，%s更新。',
        e.name, e.provider_name, g.business, g.items[1], g.items[2], g.items[3], ${ITEMS}::int, g.use_, g.freq_label) as summary) x`.execute(trx));

    await phase('items', () => sql`
      insert into catalog_search_items (entry_id, name, code_name, authoritative)
      select g.id, (${poolNames}::text[])[u.x], (${poolCodes}::text[])[u.x], u.k = 1 and g.i % 97 = 0
      from bench_gen g cross join lateral unnest(g.item_idx) with ordinality u(x, k)`.execute(trx));
    await sql`drop table bench_gen`.execute(trx);

    await phase('indexes', async () => {
      for (const i of indexes) await sql.raw(i.indexdef).execute(trx);
    });
  });
  // As autovacuum would leave it on a server (PGlite has no autovacuum: its visibility map stays unset until a VACUUM).
  await phase('vacuum', () => sql`vacuum analyze catalog_entries, catalog_search, catalog_search_items`.execute(db));
  return `${(ms(started) / 1000).toFixed(1)} s (${phases.join(', ')})`;
}

/** A plain search: ILIKE '%q%' over name, summary, keywords and item names, one page and the total. */
async function plainIlike(db: Kysely<unknown>, q: string) {
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  const where = sql`name ilike ${like} or summary ilike ${like} or array_to_string(keywords, ' ') ilike ${like} or array_to_string(item_names, ' ') ilike ${like}`;
  await sql`select entry_id, name from catalog_search where ${where} order by last_published_at desc limit 20`.execute(db);
  return Number((await sql<{ n: number }>`select count(*)::int as n from catalog_search where ${where}`.execute(db)).rows[0]!.n);
}

async function timeQueries(run: (query: Query) => Promise<number>, reps = REPS) {
  const all: number[] = [];
  const perQuery: { label: string; p50: number; max: number; total: number }[] = [];
  for (const query of QUERIES) {
    const total = await run(query); // warm-up
    const times: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t = performance.now();
      await run(query);
      times.push(ms(t));
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    perQuery.push({ label: query.label ?? query.q, p50: pct(times, 50), max: times[times.length - 1]!, total });
  }
  all.sort((a, b) => a - b);
  return { p50: pct(all, 50), p95: pct(all, 95), perQuery };
}

async function measure(label: string, database: Database): Promise<string[]> {
  const db = database.db as Kysely<unknown>;
  try {
    await migrate(db, migrationSources());
    const generated = await generate(db);
    const audit = createAuditService({ db });
    const catalog: CatalogService = createCatalogService({
      db, audit, calendar: createCalendarService({ db, audit }),
      departments: { get: async () => { throw new Error('not used by search'); } },
    });
    const scjg = (await sql<{ id: string }>`select id from identity_departments where name = '汕尾市市场监督管理局'`.execute(db)).rows[0]!.id;
    const search = await timeQueries(async (query) => {
      const res = await catalog.search.search({ q: query.q, ...query.filter?.({ scjg }) }, { page: 1, pageSize: 20 });
      return res.total;
    });
    // The baseline takes seconds per query: fewer repetitions.
    const plain = await timeQueries(async (query) => plainIlike(db, query.q), Math.min(REPS, 3));
    // Browsing without a query: the newest page and the facets of the whole catalog.
    const browse: number[] = [];
    for (let r = 0; r <= REPS; r++) {
      const t = performance.now();
      await catalog.search.search({}, { page: 1, pageSize: 20 });
      if (r > 0) browse.push(ms(t));
    }
    browse.sort((a, b) => a - b);
    const lines = [
      `catalog search on ${label}: ${ENTRIES.toLocaleString('en')} published entries, ${(ENTRIES * ITEMS).toLocaleString('en')} data items generated in ${generated}`,
      `catalog search on ${label}: p50 ${fmt(search.p50)} ms, p95 ${fmt(search.p95)} ms (${QUERIES.length} queries × ${REPS}, page of 20 with 8 facets) — ` +
        `${(search.p95 / GOAL_MS).toFixed(2)} of the ${GOAL_MS} ms goal`,
      `plain ILIKE '%q%' scan on ${label}: p50 ${fmt(plain.p50)} ms, p95 ${fmt(plain.p95)} ms (page of 20 + total, no facets; ${Math.min(REPS, 3)} runs each) — ` +
        `search/ILIKE p95 ratio ${(search.p95 / plain.p95).toFixed(2)}`,
      `catalog browse without a query on ${label}: p50 ${fmt(pct(browse, 50))} ms, p95 ${fmt(pct(browse, 95))} ms (newest page with the facets of all entries)`,
    ];
    for (const [i, s] of search.perQuery.entries()) {
      const b = plain.perQuery[i]!;
      lines.push(`  ${pad(s.label, 32)} search p50 ${fmt(s.p50).padStart(5)} ms max ${fmt(s.max).padStart(5)} ms, ${String(s.total).padStart(6)} hits | ILIKE p50 ${fmt(b.p50).padStart(5)} ms, ${String(b.total).padStart(6)} hits`);
    }
    return lines;
  } finally {
    await database.close();
  }
}

/** A scratch database `<name>_catalog` next to BENCH_DATABASE_URL's, created here and dropped when closed. */
async function scratchPostgres(url: string): Promise<{ database: Database; name: string }> {
  const scratch = await scratchDatabase(url, 'catalog');
  const database = openPostgres(scratch.url, { max: 4 });
  return {
    name: scratch.name,
    database: {
      ...database,
      async close() {
        await database.close();
        await scratch.drop();
      },
    },
  };
}

export async function run(): Promise<string[]> {
  const lines: string[] = [];
  if (process.env.BENCH_CATALOG_PGLITE !== '0') {
    lines.push(...(await measure('PGlite', fromPglite(await PGlite.create({ extensions: pgliteExtensions })))));
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const { database, name } = await scratchPostgres(url);
    lines.push(...(await measure(`PostgreSQL (${name})`, database)));
  } else {
    lines.push('catalog search on PostgreSQL: skipped (set BENCH_DATABASE_URL; the bench creates and drops <database>_catalog next to it)');
  }
  return lines;
}
