import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../src/app.ts';
import { fromPglite, openPostgres, pgliteExtensions } from '../src/kernel/db.ts';
import { seedDemoCity } from '../src/workflows/seed-demo-city.ts';
import { adminQuery, databaseUrl, type TemplateRef } from './test-database.ts';
import { testConfig, TEST_SEED } from './test-config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: TemplateRef;
  }
}

/** Builds the template database once per run: migrated and seeded with a small demo city. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const runId = `sz_t${process.pid}`;
    const template = `${runId}_tpl`;
    await adminQuery(url, `drop database if exists "${template}" with (force)`);
    await adminQuery(url, `create database "${template}"`);
    const built = await buildApp(testConfig(), { database: openPostgres(databaseUrl(url, template)), logger: false });
    await seedDemoCity(built.services, TEST_SEED);
    await built.close();
    project.provide('dbTemplate', { kind: 'postgres', adminUrl: url, template, runId });
    return async () => {
      await adminQuery(url, `drop database if exists "${template}" with (force)`);
    };
  }
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  const built = await buildApp(testConfig(), { database: fromPglite(pglite), logger: false });
  await seedDemoCity(built.services, TEST_SEED);
  const dump = await pglite.dumpDataDir('none');
  const dumpPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shuzheng-test-')), 'template.tar');
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await built.close();
  project.provide('dbTemplate', { kind: 'pglite', dumpPath });
  return async () => {
    fs.rmSync(path.dirname(dumpPath), { recursive: true, force: true });
  };
}
