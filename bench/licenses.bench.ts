import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import { sm2 } from 'sm-crypto-v2';
import { generateCreditCode } from '@shuzheng/standards';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { systemContext, type Actor, type RequestContext } from '../apps/server/src/kernel/context.ts';
import { fromPglite, openPostgres, pgliteExtensions, type Database } from '../apps/server/src/kernel/db.ts';
import { seedDemoCity } from '../apps/server/src/workflows/seed-demo-city.ts';
import { seedDemoLicenses } from '../apps/server/src/workflows/seed-demo-licenses.ts';

// 电子证照 throughput, in process, through the service (no HTTP):
//   (a) issuance: validate, take a serial, build the document, SM3 + SM2 seal signature (GB/T 38540 SES_Signature),
//       store, audit — one license per transaction — against raw sm-crypto-v2 sm2.doSignature over the same canonical
//       bytes on the same machine (the cryptographic floor of a signature);
//   (b) verification by identifier (the QR scan: load the row, rebuild the document, check the SES_Signature, the seal,
//       the maker, the status) against raw sm2.doVerifySignature;
//   (c) sealing N stock (存量) licenses through issueBatch in batches of 500: time, licenses/s, peak RSS.
// PGlite in memory always; PostgreSQL too when BENCH_DATABASE_URL is set (its public schema is wiped).

const ISSUE_N = Number(process.env.BENCH_LICENSES_N ?? 300);
const STOCK = Number(process.env.BENCH_LICENSES_STOCK ?? 100_000);
const BATCH = 500;
const PASSWORD = 'Shuzheng@2026';

const perSecond = (n: number, started: number) => n / ((performance.now() - started) / 1000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const entityCode = (n: number) => generateCreditCode({ authority: '9', orgType: '1', divisionCode: '441500', orgCode: String(10_000_000 + n) });
const fields = { entityType: '有限责任公司', legalRepresentative: '林晓峰', registeredCapital: '100万元人民币', establishedOn: '2015-06-18', businessTerm: '长期', address: '汕尾市城区香洲街道汕尾大道 88 号', businessScope: '软件开发；信息技术咨询服务' };

async function issuer(services: Awaited<ReturnType<typeof buildApp>>['services'], username: string): Promise<RequestContext> {
  const sys = systemContext('bench-licenses');
  const user = (await services.identity.users.list(sys, { q: username, kind: 'staff' }, { page: 1, pageSize: 20 })).items.find((u) => u.username === username);
  if (!user?.departmentId) throw new Error(`no demo user ${username}`);
  const actor: Actor = {
    userId: user.id, username: user.username, displayName: user.displayName, kind: 'staff', departmentId: user.departmentId, departmentName: user.departmentName,
    roles: user.roles.map((r) => r.code), permissions: new Map([['licenses.license.issue', 'department'], ['licenses.license.read', 'department']]),
    sessionId: 'bench', authMethod: 'session',
  };
  return { ...sys, actor };
}

async function measure(label: string, database: Database): Promise<string[]> {
  const config = loadConfig({}, { JOBS_ENABLED: false, LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', DATA_DIR: '/nonexistent' });
  const app = await buildApp(config, { database, logger: false });
  const lines: string[] = [];
  try {
    const { services } = app;
    await seedDemoCity(services, { cityDivision: '441500', people: 10, enterprises: 10, password: PASSWORD });
    await seedDemoLicenses(services);
    const ctx = await issuer(services, 'scjg_approver');
    const typeCode = (await services.licenses.types.list({ q: '营业执照' }, { page: 1, pageSize: 50 })).items.find((t) => t.name === '营业执照')!.code;
    let seq = 0;
    const issueOne = () => services.licenses.licenses.issue(ctx, { typeCode, holderId: entityCode(seq++), holderName: '汕尾市远航贸易有限公司', fields });

    // (a) issuance
    for (let i = 0; i < 20; i++) await issueOne(); // warm-up: JIT, caches, the seal key
    let started = performance.now();
    const issued: { id: string; identifier: string }[] = [];
    for (let i = 0; i < ISSUE_N; i++) issued.push(await issueOne());
    const issuePerSecond = perSecond(ISSUE_N, started);

    const doc = await services.licenses.licenses.signedDocument(ctx, issued[0]!.id);
    const message = new TextEncoder().encode(doc.canonical);
    const keys = sm2.generateKeyPairHex();
    const rawN = Math.max(ISSUE_N, 200);
    const signatures: string[] = [];
    for (let i = 0; i < 20; i++) sm2.doSignature(message, keys.privateKey, { hash: true, der: true });
    started = performance.now();
    for (let i = 0; i < rawN; i++) signatures.push(sm2.doSignature(message, keys.privateKey, { hash: true, der: true }));
    const rawSignPerSecond = perSecond(rawN, started);
    lines.push(`licenses issue on ${label}: ${issuePerSecond.toFixed(0)} licenses/s (one per transaction, ${ISSUE_N}) vs raw sm2.doSignature ${rawSignPerSecond.toFixed(0)}/s — ratio ${(issuePerSecond / rawSignPerSecond).toFixed(2)}`);

    // (b) verification by identifier
    for (const l of issued.slice(0, 20)) await services.licenses.verify.byIdentifier(l.identifier);
    started = performance.now();
    let valid = 0;
    for (const l of issued) if ((await services.licenses.verify.byIdentifier(l.identifier)).valid) valid++;
    const verifyPerSecond = perSecond(issued.length, started);
    if (valid !== issued.length) throw new Error(`only ${valid} of ${issued.length} licenses verified`);
    started = performance.now();
    for (let i = 0; i < rawN; i++) if (!sm2.doVerifySignature(message, signatures[i]!, keys.publicKey, { hash: true, der: true })) throw new Error('raw verify failed');
    const rawVerifyPerSecond = perSecond(rawN, started);
    lines.push(`licenses verify on ${label}: ${verifyPerSecond.toFixed(0)} verifications/s by identifier vs raw sm2.doVerifySignature ${rawVerifyPerSecond.toFixed(0)}/s — ratio ${(verifyPerSecond / rawVerifyPerSecond).toFixed(2)}`);

    // (c) stock licenses in batches
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    started = performance.now();
    try {
      for (let done = 0; done < STOCK; done += BATCH) {
        const items = Array.from({ length: Math.min(BATCH, STOCK - done) }, () => ({ holderId: entityCode(seq++), holderName: '汕尾市存量企业有限公司', fields, issuedOn: '2020-01-02' }));
        await services.licenses.licenses.issueBatch(ctx, { typeCode, items });
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    const count = Number((await sql<{ n: number }>`select count(*)::int as n from licenses_licenses`.execute(database.db as Kysely<unknown>)).rows[0]!.n);
    lines.push(`licenses stock on ${label}: ${STOCK} licenses in ${seconds.toFixed(1)} s — ${(STOCK / seconds).toFixed(0)} licenses/s (batches of ${BATCH}) vs issue one by one ${issuePerSecond.toFixed(0)}/s — ratio ${(STOCK / seconds / issuePerSecond).toFixed(2)}; peak RSS ${mb(peakRss)} (${mb(rssBefore)} before); ${count} licenses stored`);
    return lines;
  } finally {
    await app.close();
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
    lines.push('licenses on PostgreSQL: skipped (set BENCH_DATABASE_URL to a scratch database — its public schema is wiped)');
  }
  return lines;
}
