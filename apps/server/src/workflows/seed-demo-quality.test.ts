import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.ts';
import { TEST_PASSWORD, TEST_SEED } from '../../test/test-config.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';
import { seedDemoExchange } from './seed-demo-exchange.ts';
import { seedDemoQuality } from './seed-demo-quality.ts';
import { seedDemoRegistries } from './seed-demo-registries.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.services, { password: TEST_PASSWORD });
  await seedDemoExchange(t.services, t.db, { cityDivision: TEST_SEED.cityDivision, people: TEST_SEED.people });
  await seedDemoRegistries(t.services, t.db, { cityDivision: TEST_SEED.cityDivision, people: TEST_SEED.people, enterprises: TEST_SEED.enterprises });
}, 180_000);
afterAll(async () => t?.close());

it('puts starting rules on the demo tables, runs them once (the bad demo values open issues), and runs only once', async () => {
  const first = await seedDemoQuality(t.services);
  expect(first.seeded).toBe(true);
  expect(first.entries).toBeGreaterThanOrEqual(4);
  expect(first.issues).toBeGreaterThan(0);
  const reviewer = await t.login('reviewer');
  const issues = (await reviewer.get('/api/v1/quality/issues')).json();
  expect(issues.total).toBe(first.issues);
  // the 人社 table has two invalid ID numbers: an open validity issue for 人力资源和社会保障局
  expect(issues.items.some((i: { ruleType?: string; departmentName?: string }) => /人力资源/.test(i.departmentName ?? ''))).toBe(true);
  expect(await seedDemoQuality(t.services)).toMatchObject({ seeded: false });
});
