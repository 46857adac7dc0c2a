import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { sql, type Kysely } from 'kysely';
import { childDivisions, generateIdNumber, shanghaiDate } from '@shuzheng/standards';
import { openPostgres } from '../apps/server/src/kernel/db.ts';
import { ensureDataTable, type DataTableSpec } from '../apps/server/src/kernel/data-tables.ts';
import { loadIntoTable, openSource } from '../apps/server/src/modules/ingest/index.ts';

// Ingest throughput (issue 4, “Tests and numbers”): a CSV of ROWS synthetic persons (GB 11643 ID number, name, gender,
// birth date, GB/T 2260 division, address) on disk is loaded
//   (a) through the real ingest path — the code the `ingest.run` job runs: streaming CSV parse, per-row validation
//       (ID number check digit, date, division code), COPY into a staging table in batches, key index, atomic swap —
//       into an empty table, and
//   (b) by a raw `COPY … FROM STDIN (FORMAT csv)` of the same file into an identical table (same columns, same unique
//       key index) on the same database: the physical baseline.
// Printed: rows/s of both, the ratio (goal ≥ 0.5) and the peak RSS of this process during (a) (goal: flat, i.e. not
// growing with ROWS). Needs BENCH_DATABASE_URL (PostgreSQL); schema `bench_ingest` there is dropped and recreated.

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000);
const SCHEMA = 'bench_ingest';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const STREETS = ['人民路', '中山路', '香洲街', '海滨大道', '新港路', '东风路'];
const DAYS = 21_900; // birth dates from 1950-01-01 over 60 years

async function generate(file: string, rows: number) {
  const divisions = childDivisions('441500').map((d) => d.code);
  const base = Date.UTC(1950, 0, 1);
  const out = fs.createWriteStream(file);
  out.write('公民身份号码,姓名,性别,出生日期,出生地,户籍地址\n');
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    const division = divisions[i % divisions.length]!;
    const k2 = Math.floor(i / divisions.length);
    const day = k2 % DAYS;
    const k3 = Math.floor(k2 / DAYS);
    const gender = k3 % 2 ? 'female' : 'male';
    const sequence = Math.floor(k3 / 2);
    const birthDate = new Date(base + day * 86_400_000).toISOString().slice(0, 10);
    const idNumber = generateIdNumber({ divisionCode: division, birthDate, gender, sequence });
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : '');
    chunk.push(`${idNumber},${name},${gender === 'male' ? '1' : '2'},${birthDate},${division},广东省汕尾市${STREETS[i % STREETS.length]}${(i % 999) + 1}号`);
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

const spec = (tableName: string): DataTableSpec => ({
  schemaName: SCHEMA, tableName, keyColumns: ['sfzh'],
  columns: [
    { column: 'sfzh', dataType: 'string' }, { column: 'xm', dataType: 'string' }, { column: 'xb', dataType: 'string' },
    { column: 'csrq', dataType: 'date' }, { column: 'csd', dataType: 'string' }, { column: 'hjdz', dataType: 'string' },
  ],
});
const ITEMS: Record<string, { item: string; name: string; source: string }> = {
  sfzh: { item: 'id_number', name: '公民身份号码', source: '公民身份号码' },
  xm: { item: 'person_name', name: '姓名', source: '姓名' },
  xb: { item: 'gender', name: '性别', source: '性别' },
  csrq: { item: 'birth_date', name: '出生日期', source: '出生日期' },
  csd: { item: 'birthplace_division', name: '出生地', source: '出生地' },
  hjdz: { item: 'domicile_address', name: '户籍地址', source: '户籍地址' },
};

async function measure(url: string): Promise<string[]> {
  const file = path.join(os.tmpdir(), `shuzheng-ingest-bench-${ROWS}-${process.pid}.csv`);
  const t0 = performance.now();
  await generate(file, ROWS);
  const size = fs.statSync(file).size;
  const genSeconds = (performance.now() - t0) / 1000;

  const database = openPostgres(url, { max: 4 });
  const db = database.db as Kysely<unknown>;
  try {
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(db);
    await ensureDataTable(db, spec('via_ingest'));
    await ensureDataTable(db, spec('raw_copy'));

    // (a) the real ingest path, sampling RSS.
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const target = { ...spec('via_ingest'), columns: spec('via_ingest').columns.map((c) => ({ ...c, itemCodeName: ITEMS[c.column]!.item, itemName: ITEMS[c.column]!.name })) };
    const a0 = performance.now();
    let rejected = 0;
    const counts = await loadIntoTable({
      database, target, mapping: Object.fromEntries(Object.entries(ITEMS).map(([c, v]) => [c, v.source])), mode: 'full', tag: 'bench', today: shanghaiDate(new Date()),
      source: openSource({ kind: 'file', uploadId: 'bench', format: 'csv', encoding: 'utf8' }, { path: file, name: path.basename(file), size }, { timeoutMs: 30_000 }),
      onReject: () => {
        rejected++;
      },
    });
    const aSeconds = (performance.now() - a0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    // (b) raw COPY of the same file into an identical table.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const b0 = performance.now();
    const copy = client.query(copyStreams.from(`COPY "${SCHEMA}"."raw_copy" (sfzh, xm, xb, csrq, csd, hjdz) FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), copy);
    const bSeconds = (performance.now() - b0) / 1000;
    await client.end();

    const check = await sql<{ a: number; b: number }>`select (select count(*) from ${sql.id(SCHEMA, 'via_ingest')})::bigint as a, (select count(*) from ${sql.id(SCHEMA, 'raw_copy')})::bigint as b`.execute(db);
    const ingestRate = counts.read / aSeconds;
    const rawRate = ROWS / bSeconds;
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    return [
      `ingest bench: ${ROWS.toLocaleString('en')} person rows, CSV ${mb(size)} on disk (generated in ${genSeconds.toFixed(1)} s)`,
      `ingest path (parse + ID/date/division validation + COPY to staging + key index + swap): ${Math.round(ingestRate).toLocaleString('en')} rows/s (${aSeconds.toFixed(1)} s; loaded ${Number(check.rows[0]!.a).toLocaleString('en')}, rejected ${rejected})`,
      `raw COPY FROM STDIN (csv) into an identical table with the same key index: ${Math.round(rawRate).toLocaleString('en')} rows/s (${bSeconds.toFixed(1)} s; ${Number(check.rows[0]!.b).toLocaleString('en')} rows)`,
      `ratio ingest / raw COPY: ${(ingestRate / rawRate).toFixed(2)} (goal ≥ 0.50)`,
      `peak RSS during ingest: ${mb(peak)} (before: ${mb(rssBefore)}; file ${mb(size)})`,
    ];
  } finally {
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(db).catch(() => {});
    await database.close();
    fs.rmSync(file, { force: true });
  }
}

export async function run(): Promise<string[]> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return [`ingest on PostgreSQL: skipped (set BENCH_DATABASE_URL to a scratch database — schema ${SCHEMA} is wiped)`];
  return measure(url);
}
