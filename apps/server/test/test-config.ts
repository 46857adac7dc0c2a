import { loadConfig, type Config } from '../src/config.ts';

export const TEST_PASSWORD = 'Shuzheng@2026';
export const TEST_SEED = { cityDivision: '441500', people: 60, enterprises: 20, password: TEST_PASSWORD };

/** Config for tests: no jobs polling, no web build, quiet. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({}, { JOBS_ENABLED: false, LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', DATA_DIR: '/nonexistent', ...overrides });
}
