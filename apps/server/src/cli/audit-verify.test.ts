import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/helpers.ts';
import { auditVerifyCommand } from './audit-verify.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain and 1 with the first broken record after tampering', async () => {
    const ok = await auditVerifyCommand(t.db);
    expect(ok.code).toBe(0);
    expect(ok.output).toMatch(/audit chain intact: \d+ records/);

    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.db);
    await sql`update audit_events set details = '{"persons": 1}'::jsonb where seq = 7`.execute(t.db);
    const broken = await auditVerifyCommand(t.db);
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('BROKEN at seq 7');
    expect(broken.output).toContain('HASH_MISMATCH');
  });
});
