import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('applies defaults and converts types', () => {
    const c = loadConfig({ PORT: '9090', SEED_DEMO: 'false' });
    expect(c).toMatchObject({ PORT: 9090, SEED_DEMO: false, SEED_PEOPLE: 2000, LOG_LEVEL: 'info' });
    expect(c.DATA_DIR.startsWith('/')).toBe(true);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    }
  });
});
