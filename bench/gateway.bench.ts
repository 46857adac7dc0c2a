import os from 'node:os';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { validateIdNumber } from '@shuzheng/standards';
import { buildApp, type Services } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { systemContext, type RequestContext } from '../apps/server/src/kernel/context.ts';
import { openPostgres } from '../apps/server/src/kernel/db.ts';
import { catalogModule } from '../apps/server/src/modules/catalog/index.ts';
import { signRequest } from '../apps/server/src/modules/gateway/index.ts';
import { sharingModule } from '../apps/server/src/modules/sharing/index.ts';
import { seedDemoCatalog } from '../apps/server/src/workflows/seed-demo-catalog.ts';
import { seedDemoCity } from '../apps/server/src/workflows/seed-demo-city.ts';
import { seedDemoExchange } from '../apps/server/src/workflows/seed-demo-exchange.ts';
import { actingAs as demoActor } from '../apps/server/src/workflows/demo-actor.ts';

// The exchange gateway's data path over real HTTP on PostgreSQL (issue 5 §4):
//   (a) authorised point query GET /gateway/v1/entries/{e}/records/{key} — SM3-HMAC signature check, nonce claim,
//       grant check, mount lookup, rate limit + quota, read, item filter + masking, call log — with CONCURRENCY
//       keep-alive connections for DURATION seconds, next to a bare Fastify + pg handler running the same SELECT on
//       the same table with a pg pool of the same size and the same keys, in the same run (the framework baseline);
//   (b) the verification endpoint (核验) at the same concurrency: req/s and latency;
//   (c) batch query of 1,000 keys, one at a time: latency over BATCH_SECONDS.
// The load generator is wrk replaying requests signed beforehand (see below); the baseline gets signed requests too.
// The person table rk.czrk_jbxx (the demo catalog's mount of 常住人口基本信息) is filled with ROWS rows by one
// set-based INSERT … SELECT from generate_series, with valid GB 11643 ID numbers (check digit computed in SQL).

const ROWS = Number(process.env.BENCH_GATEWAY_ROWS ?? 10_000_000);
const CONCURRENCY = Number(process.env.BENCH_GATEWAY_CONCURRENCY ?? 50);
const DURATION_S = Number(process.env.BENCH_GATEWAY_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 3);
const WARMUP_S = Number(process.env.BENCH_GATEWAY_WARMUP ?? 5);
const VERIFY_S = Number(process.env.BENCH_GATEWAY_VERIFY_SECONDS ?? 10);
const POOL = Number(process.env.BENCH_GATEWAY_POOL ?? 20);
const BATCH_S = Number(process.env.BENCH_GATEWAY_BATCH_SECONDS ?? 10);
const BATCH_KEYS = 1000;
const QUERY_KEYS = 10_000;
const GOAL = { ratio: 0.8, p99Ms: 20 };
const PASSWORD = 'Shuzheng@2026';
const MAX_ROWS = 100_000_000; // the generator's key space: 4 divisions × 25,000 birth dates × 1,000 sequence codes

// ── load generator: wrk ─────────────────────────────────────────────────────
// wrk (C, one event-loop thread) drives the keep-alive connections, so the load generator takes as little as possible
// of the 2 cores the servers and PostgreSQL share. Requests are signed here beforehand, each with its own nonce and the
// current timestamp (valid for the gateway's 300 s window), written to a file and replayed once each by
// bench/gateway-wrk.lua; the baseline gets the same signed requests. wrk measures latency from sending to the last
// byte of the answer. Each measured run follows a warm-up run whose rate sizes the measured run's request file.
type Mode = 'get' | 'verify' | 'batch';
interface LoadJob {
  mode: Mode;
  port: number;
  /** path prefix: `/gateway/v1/entries/{e}` or `/bare` */
  prefix: string;
  keys: string[];
  verifyValues?: Record<string, string>[];
  appKey: string;
  secret: string;
  concurrency: number;
  warmupS: number;
  seconds: number;
}
interface LoadResult {
  /** CPU per answered request during the measured run, µs: this process (the servers) and PostgreSQL's processes */
  cpu?: { node: number; thread: number | null; postgres: number | null };
  requests: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  socketErrors: number;
  firstError: string | null;
}

const WRK_SCRIPT = fileURLToPath(new URL('./gateway-wrk.lua', import.meta.url));
/** Requests per second assumed for the warm-up's file: above what 2 cores can answer, so the warm-up never repeats one. */
const WARMUP_RATE = Number(process.env.BENCH_GATEWAY_WARMUP_RATE ?? 20_000);
let signed = 0;
/** The highest request rate any run of this bench has reached (sizes the request files). */
let fastest = 0;

async function writeRequests(job: LoadJob, count: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  const salt = randomBytes(6).toString('hex');
  const pick = (i: number) => (i * 7919) % job.keys.length;
  for (let i = 0; i < count; i++) {
    const seq = signed++;
    let method = 'GET', path: string, body = '';
    if (job.mode === 'get') path = `${job.prefix}/records/${job.keys[pick(seq)]}`;
    else if (job.mode === 'verify') {
      method = 'POST';
      path = `${job.prefix}/verify`;
      body = JSON.stringify({ key: job.keys[pick(seq)], values: job.verifyValues![pick(seq)] });
    } else {
      method = 'POST';
      path = `${job.prefix}/records:batch`;
      body = JSON.stringify({ keys: Array.from({ length: BATCH_KEYS }, (_, j) => job.keys[pick(seq * BATCH_KEYS + j)]) });
    }
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = `${salt}${seq.toString(36)}`;
    const signature = signRequest(job.secret, { method, path, query: '', timestamp, nonce, body });
    if (!out.write(`${method}\t${path}\t${job.appKey}\t${timestamp}\t${nonce}\t${signature}\t${body}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

function wrk(job: LoadJob, file: string, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const args = ['-t1', `-c${job.concurrency}`, `-d${seconds}s`, '--timeout', '10s', '-s', WRK_SCRIPT, `http://127.0.0.1:${job.port}`, '--', file, '1'];
    execFile('wrk', args, { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the gateway bench needs wrk (apt-get install wrk)' : `wrk failed: ${stderr || err.message}`));
      const fields = new Map(stdout.split('\n').filter((l) => l.startsWith('WRK ')).map((l) => { const [, k, ...v] = l.split(' '); return [k!, v.join(' ')]; }));
      const num = (k: string) => Number(fields.get(k));
      const statuses = Object.fromEntries([...fields].filter(([k]) => k.startsWith('status_')).map(([k, v]) => [k.slice(7), Number(v)]));
      resolve({ requests: num('requests'), seconds: num('seconds'), p50: num('p50'), p95: num('p95'), p99: num('p99'), statuses, socketErrors: num('socket_errors'), firstError: fields.get('first_error') || null });
    });
  });
}

const TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux
const cpuOfStat = (stat: string) => {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_US; // utime + stime
};
/**
 * CPU time of this process's main thread, µs (Linux /proc; null elsewhere): the thread that serves the calls. The
 * process figure also counts the call log's worker thread and libuv's pool; the main thread's share is what one
 * process can serve at most (1 s / its CPU per call) on a machine with cores to spare.
 */
const servingThreadCpuMicros = () => readFile(`/proc/self/task/${process.pid}/stat`, 'utf8').then(cpuOfStat, () => null);

/**
 * CPU time of each process named postgres on this machine, µs by pid (Linux /proc; null elsewhere). Throughput on a
 * shared 2-core machine moves from minute to minute; CPU per request hardly does, so it is printed next to it.
 */
async function postgresCpuMicros(): Promise<Map<string, number> | null> {
  try {
    const byPid = new Map<string, number>();
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      byPid.set(pid, cpuOfStat(stat));
    }
    return byPid;
  } catch {
    return null;
  }
}
/** PostgreSQL CPU between two readings: per pid (backends started in between count whole). */
const postgresCpuBetween = (a: Map<string, number> | null, b: Map<string, number> | null) =>
  a && b ? [...b].reduce((sum, [pid, us]) => sum + us - (a.get(pid) ?? 0), 0) : null;

async function runLoad(job: LoadJob, profile?: string): Promise<LoadResult> {
  const dir = await mkdtemp(join(os.tmpdir(), 'sz-bench-gw-'));
  try {
    const warmupFile = join(dir, 'warmup.tsv');
    await writeRequests(job, Math.ceil(job.warmupS * WARMUP_RATE / (job.mode === 'batch' ? 100 : 1)), warmupFile);
    const warm = await wrk(job, warmupFile, job.warmupS);
    const file = join(dir, 'run.tsv');
    // Sized by the faster of the warm-up and every run so far, twice over: a run that outpaced a slow warm-up used to
    // reach the end of its file and replay nonces (refused with 401, and counted, but they made the run look faster).
    fastest = Math.max(fastest, warm.requests / warm.seconds);
    await writeRequests(job, Math.ceil(fastest * job.seconds * 2) + 1000, file);
    const [node0, thread0, pg0] = [process.cpuUsage(), await servingThreadCpuMicros(), await postgresCpuMicros()];
    const result = await (profile ? profiled(profile, () => wrk(job, file, job.seconds)) : wrk(job, file, job.seconds));
    fastest = Math.max(fastest, result.requests / result.seconds);
    const [node1, thread1, pg1] = [process.cpuUsage(node0), await servingThreadCpuMicros(), await postgresCpuMicros()];
    const per = (us: number) => us / Math.max(1, result.requests);
    const pg = postgresCpuBetween(pg0, pg1);
    return { ...result, cpu: { node: per(node1.user + node1.system), thread: thread0 === null || thread1 === null ? null : per(thread1 - thread0), postgres: pg === null ? null : per(pg) } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * With BENCH_GATEWAY_PROFILE=dir, the CPU profile of this process's main thread (the servers') during a measured run
 * — not its warm-up, nor the signing of its requests — is written to dir/gateway-<name>.cpuprofile (open it in Chrome
 * DevTools). The load generator is another process; the call log's worker thread is not profiled.
 */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_GATEWAY_PROFILE;
  if (!dir) return fn();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(dir, `gateway-${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

// ── figures ─────────────────────────────────────────────────────────────────
const f1 = (n: number) => n.toFixed(1);
function summary(r: LoadResult) {
  const ok = r.statuses['200'] ?? 0;
  return { rps: r.requests / r.seconds, p50: r.p50, p95: r.p95, p99: r.p99, ok, errors: r.requests - ok + r.socketErrors, socketErrors: r.socketErrors, statuses: r.statuses, firstError: r.firstError, cpu: r.cpu };
}
const cpuText = (s: ReturnType<typeof summary>) =>
  s.cpu ? `; CPU per request ${f1(s.cpu.node)} µs server${s.cpu.thread === null ? '' : ` (${f1(s.cpu.thread)} µs in its main thread)`}${s.cpu.postgres === null ? '' : ` + ${f1(s.cpu.postgres)} µs PostgreSQL`}` : '';
const statusText = (s: ReturnType<typeof summary>) =>
  s.errors ? `; ${s.errors} non-200 (${Object.entries(s.statuses).map(([k, v]) => `${k}×${v}`).join(', ')}; first: ${s.firstError})` : '; all 200';

// ── setup ───────────────────────────────────────────────────────────────────
async function actingAs(services: Services, username: string, role: string): Promise<RequestContext> {
  const user = (await services.identity.users.list(systemContext('bench-gateway'), { role, kind: 'staff', status: 'active' }, { page: 1, pageSize: 100 })).items.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return demoActor(user, [catalogModule, sharingModule], 'bench-gateway');
}

/** A share request of 民政局's 社会救助信息系统 for 常住人口基本信息, checked by the bureau and approved by 公安局. */
async function createGrant(services: Services, db: Kysely<unknown>, entryId: string, systemId: string) {
  const { sharing, catalog } = services;
  const [bureau, gaj, mzj] = [await actingAs(services, 'reviewer', 'bureau_reviewer'), await actingAs(services, 'gaj_steward', 'data_steward'), await actingAs(services, 'mzj_steward', 'data_steward')];
  const items = (await catalog.forSharing.publishedEntry(entryId))!.items.filter((i) => i.shareType !== 'none').map((i) => i.codeName);
  const until = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  const r = await sharing.requests.create(mzj, {
    entryId, items, purposeType: 'administrative_basis', purposeText: '最低生活保障申请家庭的户籍与身份核对（性能测试）', legalBasis: '《社会救助暂行办法》第十一条',
    scenario: '最低生活保障审核确认', consumerSystemId: systemId, allowedIps: ['127.0.0.1'], expectedDailyVolume: 100_000_000,
    operations: ['query', 'batch', 'verify'], validUntil: until,
  });
  if (r.status === 'checking') await sharing.requests.check(bureau, r.id, { decision: 'pass', note: '性能测试' });
  if ((await sharing.requests.get(bureau, r.id)).status === 'reviewing') await sharing.requests.review(gaj, r.id, { decision: 'approve' });
  const grant = (await sharing.grants.list(bureau, { status: 'active', entryId }, { page: 1, pageSize: 10 })).items.find((g) => g.consumerSystemId === systemId);
  if (!grant) throw new Error('no active grant after approval');
  // The settings cap a grant's rate at 100,000/min (1,667/s with a 100,000 burst); the bench lifts this grant's limit so
  // that the limiter — still consulted on every call — never refuses during the run.
  await sql`update sharing_grants set rate_limit_per_minute = 1000000000, daily_quota = 1000000000 where id = ${grant.id}`.execute(db);
  return { grantId: grant.id as string, items };
}

const NAMES_FAMILY = ['陈', '林', '黄', '李', '张', '吴', '王', '刘', '蔡', '郑', '许', '杨', '彭', '钟', '庄', '卓', '曾', '邱', '罗', '叶'];
const NAMES_GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '华', '建', '文', '辉', '玲', '海', '晓', '志'];
const TOWNS = ['香洲街道', '凤山街道', '新港街道', '东涌镇', '红草镇', '马宫街道', '可塘镇', '梅陇镇', '碣石镇', '甲子镇'];
const ROADS = ['汕尾大道', '香城路', '通港路', '二马路', '海滨大道', '红海湾路', '凤山路', '金町路'];

/** SQL for a column's value from the generated row (s.g, s.div, s.birth, s.seq, s.id), by the item it maps. */
function columnSql(itemCodeName: string): string {
  const arr = (xs: string[]) => `(array[${xs.map((x) => `'${x}'`).join(',')}])`;
  switch (itemCodeName) {
    case 'id_number': return 's.id';
    case 'person_name': return `${arr(NAMES_FAMILY)}[s.g % 20 + 1] || ${arr(NAMES_GIVEN)}[(s.g / 20) % 30 + 1] || case when s.g % 3 = 0 then '' else ${arr(NAMES_GIVEN)}[(s.g / 600) % 30 + 1] end`;
    case 'former_name': return `case when s.g % 37 = 0 then ${arr(NAMES_FAMILY)}[s.g % 20 + 1] || '小' || ${arr(NAMES_GIVEN)}[(s.g / 20) % 30 + 1] end`;
    case 'gender': return `case when s.seq % 2 = 1 then '1' else '2' end`;
    case 'nation': return `${arr(['01', '01', '01', '01', '01', '01', '01', '01', '02', '03', '04', '05'])}[s.g % 12 + 1]`;
    case 'birth_date': return 's.birth';
    case 'birthplace_division': return 's.div';
    case 'domicile_address': return `'汕尾市' || ${arr(TOWNS)}[s.g % 10 + 1] || ${arr(ROADS)}[(s.g / 10) % 8 + 1] || ((s.g / 80) % 300 + 1) || '号'`;
    case 'household_no': return `lpad(((s.g / 3) % 1000000000)::text, 9, '0')`;
    case 'relation_to_head': return `case when s.g % 3 = 0 then '01' else ${arr(['01', '02', '10', '20', '30'])}[s.g % 5 + 1] end`;
    case 'education': return `${arr(['10', '20', '30', '40', '60', '70', '80', '90'])}[s.g % 8 + 1]`;
    default: return 'null';
  }
}

/** Fills the mounted table with `rows` generated persons (replacing the demo rows), keys indexed. */
async function fillTable(db: Kysely<unknown>, schema: string, table: string, columns: { column: string; itemCodeName: string }[], keyColumn: string, rows: number) {
  const types = new Map(
    (await sql<{ column_name: string; t: string }>`select column_name, format_type(atttypid, atttypmod) as t from information_schema.columns c
      join pg_attribute a on a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass and a.attname = c.column_name
      where table_schema = ${schema} and table_name = ${table}`.execute(db)).rows.map((r) => [r.column_name, r.t]),
  );
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checksum = weights.map((w, i) => `substr(b17, ${i + 1}, 1)::int * ${w}`).join(' + ');
  const target = `"${schema}"."${table}"`;
  const indexes = (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where schemaname = ${schema} and tablename = ${table}`.execute(db)).rows;
  const pkey = (await sql<{ conname: string; def: string }>`select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = ${`"${schema}"."${table}"`}::regclass and contype = 'p'`.execute(db)).rows[0];
  await db.transaction().execute(async (trx) => {
    await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
    await sql.raw(`truncate ${target}`).execute(trx);
    if (pkey) await sql.raw(`alter table ${target} drop constraint "${pkey.conname}"`).execute(trx);
    for (const i of indexes) if (i.indexname !== pkey?.conname) await sql.raw(`drop index "${schema}"."${i.indexname}"`).execute(trx);
    const list = columns.map((c) => `"${c.column}"`).join(', ');
    const values = columns.map((c) => `(${columnSql(c.itemCodeName)})::${types.get(c.column) ?? 'text'}`).join(', ');
    // i = g - 1 → sequence code i % 1000, birth date index (i / 1000) % 25000 scattered by × 7919 (coprime with 25000,
    // so a bijection), division i / 25,000,000: unique keys for up to 100,000,000 rows.
    await sql.raw(`
      insert into ${target} (${list})
      select ${values} from (
        select k.*, k.b17 || substr('10X98765432', ((${checksum}) % 11) + 1, 1) as id from (
          select g, div, birth, seq, div || to_char(birth, 'YYYYMMDD') || lpad(seq::text, 3, '0') as b17 from (
            select g, (array['441502','441521','441523','441581'])[((g - 1) / 25000000) % 4 + 1] as div,
                   date '1940-01-01' + (((((g - 1) / 1000) % 25000) * 7919) % 25000)::int as birth, (g - 1) % 1000 as seq
            from generate_series(1, ${rows}) g
          ) x
        ) k
      ) s`).execute(trx);
    if (pkey) await sql.raw(`alter table ${target} add constraint "${pkey.conname}" ${pkey.def}`).execute(trx);
    else await sql.raw(`create unique index on ${target} ("${keyColumn}")`).execute(trx);
    for (const i of indexes) if (i.indexname !== pkey?.conname) await sql.raw(i.indexdef).execute(trx);
  });
  await sql.raw(`vacuum analyze ${target}`).execute(db);
}

// ── the run ─────────────────────────────────────────────────────────────────
async function measure(url: string): Promise<string[]> {
  const lines: string[] = [];
  const database = openPostgres(url, { max: POOL });
  await sql`drop schema if exists rk cascade; drop schema public cascade; create schema public`.execute(database.db).catch(() => {});
  // GATEWAY_LOG_THREAD=false measures the call log written in the serving thread (default: its worker thread).
  const config = loadConfig({ GATEWAY_LOG_THREAD: process.env.GATEWAY_LOG_THREAD }, { JOBS_ENABLED: false, LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', DATA_DIR: '/nonexistent' });
  const built = await buildApp(config, { database, logger: false });
  const { app, services } = built;
  const db = database.db as Kysely<unknown>;
  const bare = Fastify({ logger: false });
  const barePool = new pg.Pool({ connectionString: url, max: POOL });
  try {
    let t = performance.now();
    await seedDemoCity(services, { cityDivision: '441500', people: 10, enterprises: 10, password: PASSWORD });
    await seedDemoCatalog(services, { password: PASSWORD });
    const exchange = await seedDemoExchange(services, db, { cityDivision: '441500', people: 10 });
    if (!exchange.entryId || !exchange.credential) throw new Error('the demo exchange seed created no mounted entry or no credential');
    const entryId = exchange.entryId;
    const { appKey, secret } = exchange.credential;
    const mzj = await actingAs(services, 'mzj_steward', 'data_steward');
    (mzj.actor!.permissions as Map<string, string>).set('gateway.credential.manage', 'department');
    const credential = (await services.gateway.credentials.list(mzj)).items.find((c) => c.appKey === appKey)!;
    const { items } = await createGrant(services, db, entryId, credential.systemId);
    const mount = (await services.catalog.mounts.tableFor(entryId))!;
    const key = mount.columns.find((c) => c.itemCodeName === 'id_number')!;
    const seeded = (performance.now() - t) / 1000;

    t = performance.now();
    await fillTable(db, mount.schemaName!, mount.tableName, mount.columns, key.column, ROWS);
    const filled = (performance.now() - t) / 1000;
    const size = (await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size(${`"${mount.schemaName}"."${mount.tableName}"`}::regclass)) as s`.execute(db)).rows[0]!.s;

    // The query set: QUERY_KEYS persons spread over the whole table (every key checked against GB 11643 in JS).
    const nameCol = mount.columns.find((c) => c.itemCodeName === 'person_name');
    const genderCol = mount.columns.find((c) => c.itemCodeName === 'gender');
    const sample = (await sql.raw<Record<string, string>>(`
      select "${key.column}" as k${nameCol ? `, "${nameCol.column}" as n` : ''}${genderCol ? `, "${genderCol.column}" as gd` : ''}
      from "${mount.schemaName}"."${mount.tableName}" where "${key.column}" in (
        select "${key.column}" from "${mount.schemaName}"."${mount.tableName}" tablesample system (${Math.min(100, (100 * QUERY_KEYS * 2) / ROWS)}) limit ${QUERY_KEYS})`).execute(db)).rows;
    const keys = sample.map((r) => r.k!);
    const validKeys = keys.filter((k) => validateIdNumber(k).valid).length;
    if (validKeys !== keys.length) throw new Error(`${keys.length - validKeys} of ${keys.length} generated ID numbers fail GB 11643`);
    const verifyValues = sample.map((r, i) => {
      const v: Record<string, string> = {};
      if (nameCol && items.includes('person_name')) v.person_name = i % 10 === 0 ? '张冒名' : r.n!; // one in ten does not match
      if (genderCol && items.includes('gender')) v.gender = r.gd!;
      return v;
    });
    lines.push(`gateway setup on PostgreSQL: demo seeds + grant ${seeded.toFixed(1)} s; ${ROWS.toLocaleString('en')} persons in ${mount.schemaName}.${mount.tableName} generated in ${filled.toFixed(1)} s (${size} with indexes); ${keys.length} query keys, all valid GB 11643 numbers; pg pools of ${POOL}; call log written ${config.GATEWAY_LOG_THREAD ? 'by its worker thread' : 'in the serving thread (GATEWAY_LOG_THREAD=false)'}; ${CONCURRENCY} keep-alive connections; ${WARMUP_S} s warm-up + ${DURATION_S} s per run; ${os.cpus().length} cores shared with the load generator (wrk, one thread), PostgreSQL and other processes (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} before the runs)`);

    // The framework baseline: the same SELECT (text the gateway's repository sends) of the same columns, no checks.
    const columns = [...new Set([key.column, ...mount.columns.filter((c) => items.includes(c.itemCodeName)).map((c) => c.column)])];
    const select = `select ${columns.map((c) => `"${c}"`).join(', ')} from "${mount.schemaName}"."${mount.tableName}" where "${key.column}"::text in ($1) and deleted_at is null`;
    bare.get<{ Params: { key: string } }>('/bare/records/:key', async (req, reply) => {
      const r = await barePool.query(select, [req.params.key]);
      if (!r.rows[0]) return reply.status(404).send({ error: 'not found' });
      return { record: r.rows[0] };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;
    const appPort = (app.server.address() as { port: number }).port;
    const prefix = `/gateway/v1/entries/${entryId}`;
    const common = { appKey, secret, concurrency: CONCURRENCY, warmupS: WARMUP_S, seconds: DURATION_S, keys };

    // Rounds alternate baseline and gateway, so that a slow minute of the shared machine hits both; the figures are
    // each side's median round (the ratio is the median of the rounds' ratios).
    const rounds: { base: ReturnType<typeof summary>; gw: ReturnType<typeof summary> }[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const base = summary(await runLoad({ ...common, mode: 'get', port: barePort, prefix: '/bare' }, `bare-${r}`));
      const gw = summary(await runLoad({ ...common, mode: 'get', port: appPort, prefix }, `point-query-${r}`));
      rounds.push({ base, gw });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
    const mid = <T extends ReturnType<typeof summary>>(xs: T[]) => xs.find((x) => x.rps === median(xs.map((y) => y.rps)))!;
    const gw = mid(rounds.map((r) => r.gw));
    const base = mid(rounds.map((r) => r.base));
    const ratio = median(rounds.map((r) => r.gw.rps / r.base.rps));
    const worstP99 = Math.max(...rounds.map((r) => r.gw.p99));
    const errors = rounds.reduce((n, r) => n + r.gw.errors + r.base.errors, 0);
    const met = ratio >= GOAL.ratio && gw.p99 < GOAL.p99Ms && errors === 0;
    lines.push(`gateway point query on PostgreSQL (${ROWS.toLocaleString('en')} rows, median of ${ROUNDS} rounds): ${gw.rps.toFixed(0)} req/s, p50 ${f1(gw.p50)} ms, p99 ${f1(gw.p99)} ms (worst round ${f1(worstP99)} ms)${cpuText(gw)}${statusText(gw)}`);
    lines.push(`  bare Fastify + pg, same SELECT: ${base.rps.toFixed(0)} req/s, p50 ${f1(base.p50)} ms, p99 ${f1(base.p99)} ms${cpuText(base)}${statusText(base)}`);
    const codes = (x: ReturnType<typeof summary>) => (x.errors ? ` (${Object.entries(x.statuses).filter(([k]) => k !== '200').map(([k, v]) => `${k}×${v}`).join(', ')}${x.socketErrors ? `, ${x.socketErrors} socket errors` : ''})` : '');
    lines.push(`  rounds (gateway / bare req/s, p99): ${rounds.map((r) => `${r.gw.rps.toFixed(0)}${codes(r.gw)} / ${r.base.rps.toFixed(0)}${codes(r.base)}, ${f1(r.gw.p99)} / ${f1(r.base.p99)} ms`).join('; ')}`);
    const logStatus = services.gateway.callLog.status();
    if (!logStatus.accepting) lines.push(`  the call log is NOT accepting: ${logStatus.failing ?? `backlog ${logStatus.backlog} of ${logStatus.maxBacklog}`}`);
    lines.push(`  ratio ${ratio.toFixed(2)} of the baseline's throughput — goal ≥ ${GOAL.ratio} with p99 < ${GOAL.p99Ms} ms: ${met ? 'met' : 'NOT met'}${errors ? ` (${errors} non-200 answers in the rounds)` : ''}`);

    const ver = summary(await runLoad({ ...common, mode: 'verify', port: appPort, prefix, verifyValues, seconds: VERIFY_S }));
    lines.push(`gateway verify (核验 ${Object.keys(verifyValues[0] ?? {}).join(' + ')}, 1 in 10 mismatching) on PostgreSQL: ${ver.rps.toFixed(0)} req/s, p50 ${f1(ver.p50)} ms, p99 ${f1(ver.p99)} ms over ${VERIFY_S} s${cpuText(ver)}${statusText(ver)}`);

    const batch = summary(await runLoad({ ...common, mode: 'batch', port: appPort, prefix, concurrency: 1, warmupS: 2, seconds: BATCH_S }));
    lines.push(`gateway batch query of ${BATCH_KEYS} keys on PostgreSQL: p50 ${f1(batch.p50)} ms, p95 ${f1(batch.p95)} ms over ${batch.ok} runs in ${BATCH_S} s, one at a time${statusText(batch)}`);

    await services.gateway.callLog.drain();
    const logged = (await sql<{ n: number }>`select count(*)::int as n from gateway_calls`.execute(db)).rows[0]!.n;
    t = performance.now();
    const chain = await services.gateway.callLog.verify();
    lines.push(`  call log: ${logged.toLocaleString('en')} calls written, SM3 chain ${chain.ok ? 'intact' : 'BROKEN'} (${chain.checked.toLocaleString('en')} verified in ${((performance.now() - t) / 1000).toFixed(1)} s); load average after ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    return lines;
  } finally {
    await bare.close();
    await barePool.end();
    await app.close();
  }
}

export async function run(): Promise<string[]> {
  const lines = ['gateway on PGlite: skipped — PGlite is one in-process backend (50 connections would queue on a single session in the server\'s own thread) and the issue asks for the figure on PostgreSQL'];
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return [...lines, 'gateway on PostgreSQL: skipped (set BENCH_DATABASE_URL to a scratch database — its public schema and schema rk are wiped)'];
  if (ROWS > MAX_ROWS) throw new Error(`BENCH_GATEWAY_ROWS is at most ${MAX_ROWS}`);
  return [...lines, ...(await measure(url))];
}
