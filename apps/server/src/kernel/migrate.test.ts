import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/helpers.ts';
import { migrate } from './migrate.ts';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('applies new files in order once, each recorded', async () => {
    fs.writeFileSync(path.join(dir, '0001_create_things.sql'), 'create table test_things (id int primary key);');
    fs.writeFileSync(path.join(dir, '0002_add_name.sql'), 'alter table test_things add column name text;\ninsert into test_things values (1, $$a$$);');
    expect(await migrate(t.db, [{ module: 'test', dir }])).toEqual([
      { module: 'test', name: '0001_create_things.sql' },
      { module: 'test', name: '0002_add_name.sql' },
    ]);
    expect(await migrate(t.db, [{ module: 'test', dir }])).toEqual([]);
    expect((await sql<{ name: string }>`select name from test_things`.execute(t.db)).rows).toEqual([{ name: 'a' }]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    fs.writeFileSync(path.join(dir, '0001_create_things.sql'), 'create table test_things (id bigint primary key);');
    await expect(migrate(t.db, [{ module: 'test', dir }])).rejects.toThrow(/was changed after it was applied/);
  });

  it('rolls back a failing migration as a whole', async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-bad-'));
    fs.writeFileSync(path.join(bad, '0001_half_done.sql'), 'create table test_half (id int);\nselect no_such_function();');
    await expect(migrate(t.db, [{ module: 'bad', dir: bad }])).rejects.toThrow();
    const exists = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'test_half'`.execute(t.db);
    expect(exists.rows[0]!.n).toBe(0);
    fs.rmSync(bad, { recursive: true, force: true });
  });

  it('rejects a file name that does not follow NNNN_verb_object.sql', async () => {
    const odd = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-odd-'));
    fs.writeFileSync(path.join(odd, 'CreateThings.sql'), 'select 1;');
    await expect(migrate(t.db, [{ module: 'odd', dir: odd }])).rejects.toThrow(/NNNN_verb_object/);
    fs.rmSync(odd, { recursive: true, force: true });
  });
});
