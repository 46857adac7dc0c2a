import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';

/**
 * The LICENSE_MASTER_KEY used when none is configured: fine for development and tests, refused in production
 * (NODE_ENV=production) because anyone with this source code knows it.
 */
export const DEV_LICENSE_MASTER_KEY = '7368757a68656e672d6465762d6b6579'; // 'shuzheng-dev-key' in ASCII

// One schema for every environment variable the server reads. Parsed once at start.
const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ default: './data' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  TRUST_PROXY: Type.Boolean({ default: false }),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  SESSION_TTL_MINUTES: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60, default: 480 }),
  LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  LOGIN_LOCK_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 15 }),
  PASSWORD_MIN_LENGTH: Type.Integer({ minimum: 8, maximum: 64, default: 8 }),
  SEED_DEMO: Type.Boolean({ default: true }),
  SEED_PEOPLE: Type.Integer({ minimum: 0, maximum: 50_000_000, default: 2000 }),
  SEED_ENTERPRISES: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 500 }),
  DEMO_PASSWORD: Type.String({ minLength: 8, default: 'Shuzheng@2026' }),
  DEMO_CITY_DIVISION: Type.String({ pattern: '^[0-9]{6}$', default: '441500' }),
  JOBS_ENABLED: Type.Boolean({ default: true }),
  JOBS_POLL_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 1000 }),
  WEB_DIST: Type.Optional(Type.String()),
  NODE_ENV: Type.Optional(Type.String()),
  // SM4 key (16 bytes as 32 hex digits) that encrypts the electronic seals' private keys at rest.
  LICENSE_MASTER_KEY: Type.String({ pattern: '^[0-9a-fA-F]{32}$', default: DEV_LICENSE_MASTER_KEY }),
  // How long a server process keeps a gateway grant / an entry's mount layout between lookups (0 = every call).
  GATEWAY_GRANT_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 300, default: 5 }),
  GATEWAY_MOUNT_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 30 }),
  // On PostgreSQL, chain and write the gateway's call log from a worker thread (false: in the serving thread).
  GATEWAY_LOG_THREAD: Type.Boolean({ default: true }),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses environment variables (or overrides, for tests) into a typed config; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw));
  const candidate = { ...(converted as object), ...overrides };
  const problems = [...Value.Errors(ConfigSchema, candidate)].map(
    (e) => `${e.instancePath.replace(/^\//, '') || '(root)'}: ${e.message} (got ${JSON.stringify(valueAt(candidate, e.instancePath))})`,
  );
  const config = candidate as Config;
  if (config.NODE_ENV === 'production' && String(config.LICENSE_MASTER_KEY).toLowerCase() === DEV_LICENSE_MASTER_KEY) {
    problems.push('LICENSE_MASTER_KEY: 生产环境必须配置自己的证照主密钥（32 位十六进制），不能使用开发默认值 / the development default is refused in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, DATA_DIR: path.resolve(config.DATA_DIR) };
}

function valueAt(obj: unknown, pointer: string): unknown {
  return pointer.split('/').filter(Boolean).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

/** Settings that work but should not reach production, to print at start. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.LICENSE_MASTER_KEY.toLowerCase() === DEV_LICENSE_MASTER_KEY) {
    warnings.push('LICENSE_MASTER_KEY 未配置，电子印章私钥正用开发默认主密钥加密；生产环境请设置 32 位十六进制的主密钥 / using the development license master key');
  }
  return warnings;
}
