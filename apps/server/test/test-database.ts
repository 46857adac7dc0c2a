import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite, openPostgres, pgliteExtensions, type Database } from '../src/kernel/db.ts';

// Test databases: one migrated and seeded template per run, a fresh copy per test file.

export type TemplateRef = { kind: 'pglite'; dumpPath: string } | { kind: 'postgres'; adminUrl: string; template: string; runId: string };

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh database with the template's contents, isolated from every other test file. */
export async function cloneTemplate(ref: TemplateRef): Promise<Database> {
  if (ref.kind === 'pglite') {
    const blob = new Blob([fs.readFileSync(ref.dumpPath)]);
    const pglite = await PGlite.create({ loadDataDir: blob, extensions: pgliteExtensions });
    return fromPglite(pglite);
  }
  const name = `${ref.template.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
  // CREATE DATABASE … TEMPLATE fails while another clone of the same template is being made; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(ref.adminUrl, `create database "${name}" template "${ref.template}"`);
      break;
    } catch (err) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const database = openPostgres(databaseUrl(ref.adminUrl, name), { max: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(ref.adminUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}
