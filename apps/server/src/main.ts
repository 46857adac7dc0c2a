import { buildApp } from './app.ts';
import { ConfigError, configWarnings, loadConfig } from './config.ts';
import { DataDirLockedError } from './kernel/db.ts';
import { seedDemoCatalog, type DemoCatalogResult } from './workflows/seed-demo-catalog.ts';
import { DEMO_LOGINS, seedDemoCity } from './workflows/seed-demo-city.ts';
import { seedDemoLicenses, type DemoLicensesResult } from './workflows/seed-demo-licenses.ts';
import { seedDemoSharing, type DemoSharingResult } from './workflows/seed-demo-sharing.ts';
import { seedDemoExchange, type DemoExchangeResult } from './workflows/seed-demo-exchange.ts';
import { seedDemoRegistries, type DemoRegistriesResult } from './workflows/seed-demo-registries.ts';
import { seedDemoQuality, type DemoQualityResult } from './workflows/seed-demo-quality.ts';

// Entry point: load config, build, seed the demo city and its catalog on first start, listen, shut down gracefully.
const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
for (const warning of configWarnings(config)) console.warn(`警告 warning: ${warning}`);

let built;
try {
  built = await buildApp(config);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(3);
  }
  throw err;
}
const { app, services } = built;

const seeded = config.SEED_DEMO
  ? await seedDemoCity(services, { cityDivision: config.DEMO_CITY_DIVISION, people: config.SEED_PEOPLE, enterprises: config.SEED_ENTERPRISES, password: config.DEMO_PASSWORD })
  : false;
// The demo catalog only with a freshly seeded city (an existing data directory keeps whatever catalog it has).
const catalogSeed: DemoCatalogResult | null = seeded ? await seedDemoCatalog(services, { password: config.DEMO_PASSWORD }) : null;
// Demo share requests and a grant on the demo catalog, likewise only with a freshly seeded city.
const sharingSeed: DemoSharingResult | null = catalogSeed?.seeded ? await seedDemoSharing(services) : null;
// The mounted population table (rk.czrk_jbxx) and 民政局's gateway credential, after the catalog that mounts it.
const exchangeSeed: DemoExchangeResult | null = catalogSeed?.seeded
  ? await seedDemoExchange(services, built.database.db as never, { cityDivision: config.DEMO_CITY_DIVISION, people: config.SEED_PEOPLE })
  : null;
// The registries' demo source tables (社保, 低保, 学籍, 医保, 医疗机构, 食品经营, 排污许可) and the first build, after the exchange seed.
const registriesSeed: DemoRegistriesResult | null = catalogSeed?.seeded
  ? await seedDemoRegistries(services, built.database.db as never, { cityDivision: config.DEMO_CITY_DIVISION, people: config.SEED_PEOPLE, enterprises: config.SEED_ENTERPRISES })
  : null;
// Demo quality rules on the tables just filled, and a first run (scores, issues, the ranking).
const qualitySeed: DemoQualityResult | null = catalogSeed?.seeded ? await seedDemoQuality(services) : null;
// The demo license types and the issuing departments' seals, likewise only with a freshly seeded city.
const licensesSeed: DemoLicensesResult | null = seeded ? await seedDemoLicenses(services) : null;

await app.listen({ port: config.PORT, host: config.HOST });
const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${(app.server.address() as { port: number }).port}`;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const database = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `嵌入式 PostgreSQL (PGlite) ${config.DATA_DIR}`;
const lines = [
  '',
  `数政 已启动 / Shuzheng is ready in ${seconds} s`,
  `  网址 URL        ${url}`,
  `  接口文档 API    ${url}/api/docs`,
  `  数据库 DB       ${database}`,
];
if (config.SEED_DEMO) {
  lines.push(`  演示账号 demo logins (密码 password: ${config.DEMO_PASSWORD})${seeded ? '' : ' — 演示数据已存在 / already seeded'}`);
  for (const l of DEMO_LOGINS) lines.push(`    ${l.username.padEnd(16)} ${l.roles}`);
  if (catalogSeed?.stewardsCreated.length) lines.push(`    ${'*_steward'.padEnd(16)} data_steward: ${catalogSeed.stewardsCreated.join(', ')}`);
  if (catalogSeed?.seeded) lines.push(`  演示目录 catalog ${catalogSeed.entries} 条目录 entries, ${catalogSeed.published} 条已发布 published`);
  if (exchangeSeed?.seeded) lines.push(`  演示交换 exchange rk.czrk_jbxx ${exchangeSeed.rows} 行 rows`);
  if (exchangeSeed?.credential) lines.push(`    网关凭据 ${exchangeSeed.credential.systemName}: X-App-Key ${exchangeSeed.credential.appKey}  密钥 secret ${exchangeSeed.credential.secret}（仅显示一次 shown once）`);
  if (registriesSeed?.seeded) lines.push(`  演示基础库 registries 人口库 ${registriesSeed.subjects.person ?? '-'} 人, 法人库 ${registriesSeed.subjects.entity ?? '-'} 个主体 subjects`);
  if (qualitySeed?.seeded) lines.push(`  演示质量 quality ${qualitySeed.entries} 条目录 entries, ${qualitySeed.rules} 条规则 rules, ${qualitySeed.issues} 个问题 issues`);
  if (sharingSeed?.seeded) lines.push(`  演示共享 sharing ${sharingSeed.requests} 件共享申请 requests, ${sharingSeed.grants} 项授权 grants`);
  if (licensesSeed?.seeded) lines.push(`  演示证照 licenses ${licensesSeed.types} 种证照类型 types, ${licensesSeed.seals} 枚电子印章 seals`);
}
console.log(lines.join('\n') + '\n');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000).unref();
    await built.close();
    clearTimeout(timer);
    process.exit(0);
  });
}
