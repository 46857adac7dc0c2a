import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/helpers.ts';
import { TEST_SEED } from '../../test/test-config.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';
import { seedDemoExchange } from './seed-demo-exchange.ts';
import { seedDemoRegistries } from './seed-demo-registries.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.services, { password: TEST_PASSWORD });
  await seedDemoExchange(t.services, t.db, { cityDivision: TEST_SEED.cityDivision, people: TEST_SEED.people });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('seedDemoRegistries', () => {
  it('fills the source tables, builds both registries with disagreements to compare, fast and idempotently', async () => {
    const started = performance.now();
    const first = await seedDemoRegistries(t.services, t.db, { cityDivision: TEST_SEED.cityDivision, people: TEST_SEED.people, enterprises: TEST_SEED.enterprises });
    const ms = performance.now() - started;
    expect(first.seeded).toBe(true);
    expect(Object.keys(first.tables).sort()).toEqual(['jy.xs_xjxx', 'pwxk.xkz', 'shjz.db_dx', 'si.ac02_cbdj', 'spaq.spjy_xk', 'wszy.yljg_zydj', 'yb.setl_d']);
    expect(first.subjects.person).toBeGreaterThan(TEST_SEED.people - 1);
    expect(first.subjects.entity).toBeGreaterThan(0);
    expect(ms).toBeLessThan(10_000); // < 2 s on an idle machine; generous under parallel test load
    const reviewer = await t.login('reviewer');
    const c = (await reviewer.get('/api/v1/registry/registries/person/comparisons')).json();
    expect(c.pairs.some((p: { item: string; disagreed: number }) => p.item === 'person_name' && p.disagreed > 0)).toBe(true);
    const overview = (await reviewer.get('/api/v1/registry/registries/person')).json();
    expect(overview.sources.map((s: { table: string }) => s.table)).toEqual(expect.arrayContaining(['rk.czrk_jbxx', 'si.ac02_cbdj', 'shjz.db_dx', 'jy.xs_xjxx', 'yb.setl_d']));
    const again = await seedDemoRegistries(t.services, t.db, { cityDivision: TEST_SEED.cityDivision, people: TEST_SEED.people, enterprises: TEST_SEED.enterprises });
    expect(again.seeded).toBe(false);
    expect(again.subjects).toEqual({ person: null, entity: null });
  });
});
