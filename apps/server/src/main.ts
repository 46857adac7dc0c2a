import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './kernel/db.ts';
import { DEMO_LOGINS, seedDemoCity } from './workflows/seed-demo-city.ts';

// Entry point: load config, build, seed the demo city on first start, listen, shut down gracefully.
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
