import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { generateIdNumber } from '@shuzheng/standards';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { createSystem, entryBody, personItems, publishEntry } from '../catalog/catalog.test-support.ts';

// Route tests of 归集: every source (CSV UTF-8/GBK, XLSX, JSON Lines, PostgreSQL when DATABASE_URL is set, HTTP),
// both modes, rejected rows, a cancelled and a failed job leaving the data intact, permissions, OpenLineage.

let t: TestApp;
let steward: Client;
let reviewer: Client;
let other: Client;
let entryId: string;
let dataDir: string;
const SCHEMA = 'gaj_ingest_t';
const TABLE = 'czrk';

const id = (n: number, gender: 'male' | 'female' = n % 2 ? 'male' : 'female') =>
  generateIdNumber({ divisionCode: '441502', birthDate: `19${60 + (n % 40)}-0${1 + (n % 9)}-1${n % 9}`, gender, sequence: n % 400 });
const person = (n: number, over: Record<string, string> = {}) => ({
  公民身份号码: id(n), 姓名: `测试${n}`, 性别: n % 2 ? '1' : '2', 出生日期: `19${60 + (n % 40)}-0${1 + (n % 9)}-1${n % 9}`, 户籍地址: `广东省汕尾市城区香洲街道${n}号`, 出生地: '441502', ...over,
});
const csv = (rows: Record<string, string>[]) => {
  const cols = Object.keys(rows[0]!);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => r[c] ?? '').join(','))].join('\r\n') + '\r\n';
};

async function upload(client: Client, name: string, body: Buffer | string) {
  const res = await client.request({ method: 'POST', url: `/api/v1/ingest/uploads?fileName=${encodeURIComponent(name)}`, payload: body, headers: { 'content-type': 'application/octet-stream' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().uploadId as string;
}

const MAPPING = { sfzh: '公民身份号码', xm: '姓名', xb: '性别', csrq: '出生日期', hjdz: '户籍地址', csd: '出生地' };

async function runJob(body: Record<string, unknown>, client = steward) {
  const res = await client.post('/api/v1/ingest/jobs', { entryId, mapping: MAPPING, mode: 'full', ...body });
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe('queued');
  await t.jobs.runDue();
  const job = await client.get(`/api/v1/ingest/jobs/${res.json().id}`);
  return job.json();
}

async function rows() {
  const r = await sql<{ sfzh: string; xm: string; csrq: string; deleted_at: Date | null }>`select sfzh, xm, csrq, deleted_at from ${sql.id(SCHEMA, TABLE)} order by sfzh`.execute(t.db);
  return r.rows;
}
const live = async () => (await rows()).filter((r) => !r.deleted_at);

/** A paged JSON API on 127.0.0.1; `onPage` may throw (→ 500) or act before answering. */
async function httpSource(records: Record<string, unknown>[], onPage: (page: number) => Promise<void> | void = () => {}) {
  const server = http.createServer(async (req, res) => {
    const u = new URL(req.url!, 'http://x');
    const page = Number(u.searchParams.get('p'));
    const size = Number(u.searchParams.get('n'));
    try {
      await onPage(page);
    } catch {
      res.writeHead(500).end('boom');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { total: records.length, list: records.slice((page - 1) * size, page * size) } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/people?token=secret-token`;
  return { server, source: { kind: 'http', url, pageParam: 'p', pageSizeParam: 'n', pageSize: 2, recordsPath: 'data.list', totalPath: 'data.total' } };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-test-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  steward = await t.login('gaj_steward');
  reviewer = await t.login('reviewer');
  other = await t.login('mzj_steward');
  const systemId = await createSystem(steward);
  entryId = await publishEntry(steward, reviewer, entryBody(systemId, {
    items: [...personItems(), { name: '出生地', codeName: 'birthplace_division', dataType: 'string', length: 6, sensitivity: 'personal' }],
  }));
  const items = { sfzh: 'id_number', xm: 'person_name', xb: 'gender', csrq: 'birth_date', hjdz: 'domicile', csd: 'birthplace_division' };
  const mount = await steward.post(`/api/v1/catalog/entries/${entryId}/mounts`, {
    kind: 'table', table: { datasource: 'shuzheng', schemaName: SCHEMA, tableName: TABLE, columns: Object.entries(items).map(([column, itemCodeName]) => ({ column, itemCodeName })) },
  });
  expect(mount.statusCode, mount.body).toBe(201);
}, 180_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('file sources and the preview', () => {
  it('previews a UTF-8 CSV: suggested mapping by item names, problems before loading', async () => {
    const uploadId = await upload(steward, 'people.csv', csv([{ ...person(1), 多余列: 'x' }, person(2, { 出生日期: '1990-02-30' }), person(3)]));
    const res = await steward.post('/api/v1/ingest/previews', { entryId, source: { kind: 'file', uploadId, format: 'csv', encoding: 'auto' } });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.encoding).toBe('utf8');
    expect(p.suggestedMapping).toEqual(MAPPING);
    expect(p.keyColumns).toEqual(['sfzh']);
    expect(p.problems.some((x: { code: string; row: number }) => x.code === 'SAMPLE_INVALID' && x.row === 2)).toBe(true);
    expect(p.problems.some((x: { code: string; message: string }) => x.code === 'UNKNOWN_SOURCE_COLUMN' && x.message.includes('多余列'))).toBe(true);
    expect(p.ok).toBe(true);

    // An explicit mapping without the key column: an error before anything is loaded.
    const bad = await steward.post('/api/v1/ingest/previews', { entryId, source: { kind: 'file', uploadId, format: 'csv' }, mapping: { xm: '姓名', hjdz: '不存在的列' } });
    expect(bad.statusCode, bad.body).toBe(200);
    const codes = bad.json().problems.map((x: { code: string }) => x.code);
    expect(codes).toContain('UNMAPPED_REQUIRED');
    expect(codes).toContain('MISSING_SOURCE_COLUMN');
    expect(bad.json().ok).toBe(false);

    // Creating a job without the key mapped is refused, listing every problem.
    const refused = await steward.post('/api/v1/ingest/jobs', { entryId, source: { kind: 'file', uploadId, format: 'csv' }, mapping: { xm: '姓名', nope: 'x' }, mode: 'upsert' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('INGEST_INVALID');
    expect(refused.json().error.details.fields.length).toBeGreaterThanOrEqual(2);
  });

  it('loads a UTF-8 CSV in full mode; rejected rows are kept with reasons and downloadable', async () => {
    const uploadId = await upload(steward, 'people.csv', csv([
      person(1), person(2), person(3),
      person(4, { 出生日期: '1990-02-30' }),
      person(5, { 公民身份号码: '441502199001011234' }),
      person(6, { 公民身份号码: '' }),
      person(7, { 出生地: '999999' }),
      person(3, { 姓名: '重复3' }),
    ]));
    const job = await runJob({ source: { kind: 'file', uploadId, format: 'csv', encoding: 'utf8' } });
    expect(job.status, job.error).toBe('succeeded');
    expect(job.counts).toMatchObject({ read: 8, inserted: 3, rejected: 5 });
    expect(job.progress.percent).toBe(100);
    expect(job.durationSeconds).toBeGreaterThanOrEqual(0);
    expect((await live()).map((r) => r.sfzh)).toEqual([id(1), id(2), id(3)].sort());
    expect((await live()).find((r) => r.sfzh === id(3))!.xm).toBe('重复3'); // duplicate key: the last row wins

    const rej = (await steward.get(`/api/v1/ingest/jobs/${job.id}/rejects`)).json();
    expect(rej.total).toBe(5);
    expect(rej.items[0].rowNo).toBe(-1);
    expect(rej.items[0].reasons[0].message).toContain('主键重复');
    const reasons = rej.items.slice(1).map((r: { rowNo: number; reasons: { message: string }[] }) => `${r.rowNo}:${r.reasons.map((x) => x.message).join()}`);
    expect(reasons[0]).toMatch(/^4:日期无效/);
    expect(reasons[1]).toMatch(/^5:公民身份号码不合规/);
    expect(reasons[2]).toMatch(/^6:.*必填/);
    expect(reasons[3]).toMatch(/^7:行政区划代码不在 GB\/T 2260/);
    const csvOut = await steward.get(`/api/v1/ingest/jobs/${job.id}/rejects/export?format=csv`);
    expect(csvOut.statusCode).toBe(200);
    expect(csvOut.headers['content-disposition']).toContain('attachment');
    expect(csvOut.body).toContain('日期无效');
    const xlsx = await steward.get(`/api/v1/ingest/jobs/${job.id}/rejects/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount).toBe(6);

    // A quality run is queued for the entry after the successful load.
    const q = await sql<{ n: number }>`select count(*)::int as n from kernel_jobs where kind = 'quality.run-entry' and payload->>'entryId' = ${entryId} and payload->>'ingestJobId' = ${job.id}`.execute(t.db);
    expect(q.rows[0]!.n).toBe(1);
  });

  it('loads a GBK CSV (auto-detected) and replaces the table in full mode', async () => {
    const body = iconv.encode(csv([person(10, { 姓名: '黄晓明' }), person(11, { 户籍地址: '广东省汕尾市海丰县附城镇' })]), 'gbk');
    const uploadId = await upload(steward, 'gbk.csv', body);
    const preview = (await steward.post('/api/v1/ingest/previews', { entryId, source: { kind: 'file', uploadId, format: 'csv', encoding: 'auto' } })).json();
    expect(preview.encoding).toBe('gbk');
    expect(preview.sample[0].姓名).toBe('黄晓明');
    const job = await runJob({ source: { kind: 'file', uploadId, format: 'csv', encoding: 'auto' } });
    expect(job.status, job.error).toBe('succeeded');
    const now = await rows();
    expect(now.map((r) => r.sfzh)).toEqual([id(10), id(11)].sort());
    expect(now.find((r) => r.sfzh === id(10))!.xm).toBe('黄晓明');
  });

  it('loads an XLSX workbook (first sheet, header row) and JSON Lines with a bad line', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人口');
    ws.addRow(Object.keys(person(20)));
    ws.addRow(Object.values(person(20)));
    const p21 = person(21);
    ws.addRow([p21.公民身份号码, p21.姓名, p21.性别, new Date(Date.UTC(1975, 4, 6)), p21.户籍地址, p21.出生地]);
    const uploadId = await upload(steward, 'people.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const job = await runJob({ source: { kind: 'file', uploadId, format: 'xlsx' } });
    expect(job.status, job.error).toBe('succeeded');
    expect(job.counts.inserted).toBe(2);
    expect((await rows()).find((r) => r.sfzh === id(21))!.csrq).toBe('1975-05-06');

    const jsonl = [JSON.stringify(person(30)), '{not json', '', JSON.stringify(person(31))].join('\n');
    const up2 = await upload(steward, 'people.jsonl', jsonl);
    const job2 = await runJob({ source: { kind: 'file', uploadId: up2, format: 'jsonl' } });
    expect(job2.status, job2.error).toBe('succeeded');
    expect(job2.counts).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect((await live()).map((r) => r.sfzh)).toEqual([id(30), id(31)].sort());
  });
});

describe('incremental upsert with soft deletes', () => {
  it('inserts, updates changed rows only, soft-deletes by flag and rows absent from a snapshot', async () => {
    const base = await upload(steward, 'base.csv', csv([person(40), person(41), person(42), person(43)]));
    expect((await runJob({ source: { kind: 'file', uploadId: base, format: 'csv' } })).status).toBe('succeeded');

    const inc = await upload(steward, 'inc.csv', csv([
      { ...person(40), 删除: '' }, // unchanged
      { ...person(41, { 姓名: '改名41' }), 删除: '' }, // updated
      { ...person(42), 删除: '1' }, // deleted by flag
      { ...person(44), 删除: '' }, // new
      { ...person(44, { 姓名: '后来的44' }), 删除: '' }, // duplicate key: the last row wins
    ]));
    const job = await runJob({ source: { kind: 'file', uploadId: inc, format: 'csv' }, mode: 'upsert', options: { deleteFlagColumn: '删除' } });
    expect(job.status, job.error).toBe('succeeded');
    expect(job.counts).toMatchObject({ read: 5, inserted: 1, updated: 1, deleted: 1, rejected: 1 });
    const now = await rows();
    expect(now.find((r) => r.sfzh === id(41))!.xm).toBe('改名41');
    expect(now.find((r) => r.sfzh === id(42))!.deleted_at).not.toBeNull();
    expect(now.find((r) => r.sfzh === id(43))!.deleted_at).toBeNull();
    expect(now.find((r) => r.sfzh === id(44))!.xm).toBe('后来的44');

    // A full snapshot in upsert mode: rows not in it are soft-deleted; a reappearing row is revived.
    const snap = await upload(steward, 'snap.csv', csv([person(40), person(42)]));
    const job2 = await runJob({ source: { kind: 'file', uploadId: snap, format: 'csv' }, mode: 'upsert', options: { softDeleteMissing: true } });
    expect(job2.status, job2.error).toBe('succeeded');
    expect(job2.counts).toMatchObject({ inserted: 0, updated: 1, deleted: 3 });
    expect((await live()).map((r) => r.sfzh)).toEqual([id(40), id(42)].sort());
  });
});

describe('HTTP and PostgreSQL sources; cancelled and failed jobs', () => {
  it('pulls a paged HTTP JSON API; the token in the URL is never shown', async () => {
    const { server, source } = await httpSource([50, 51, 52, 53, 54].map((n) => person(n)));
    try {
      const job = await runJob({ source });
      expect(job.status, job.error).toBe('succeeded');
      expect(job.counts.inserted).toBe(5);
      expect(job.progress.pagesRead).toBe(3);
      expect(JSON.stringify(job)).not.toContain('secret-token');
      expect((await live()).length).toBe(5);
    } finally {
      server.close();
    }
  });

  it('a job cancelled mid-way and a job whose source fails mid-way leave the data unchanged', async () => {
    const before = await rows();
    let jobId = '';
    const cancelling = await httpSource([60, 61, 62, 63, 64].map((n) => person(n)), async (page) => {
      if (page === 2) {
        const res = await steward.post(`/api/v1/ingest/jobs/${jobId}/cancel`);
        expect(res.statusCode, res.body).toBe(200);
      }
    });
    try {
      const res = await steward.post('/api/v1/ingest/jobs', { entryId, mapping: MAPPING, mode: 'full', source: cancelling.source });
      jobId = res.json().id;
      await t.jobs.runDue();
      const job = (await steward.get(`/api/v1/ingest/jobs/${jobId}`)).json();
      expect(job.status).toBe('cancelled');
      expect(job.error).toContain('原有数据未改变');
      expect(await rows()).toEqual(before);
    } finally {
      cancelling.server.close();
    }

    const failing = await httpSource([70, 71, 72, 73, 74].map((n) => person(n)), (page) => {
      if (page === 3) throw new Error('down');
    });
    try {
      const job = await runJob({ source: failing.source, mode: 'upsert' });
      expect(job.status).toBe('failed');
      expect(job.error).toContain('HTTP 500');
      expect(job.counts.read).toBeGreaterThanOrEqual(0);
      expect(await rows()).toEqual(before);
      // No staging table is left behind.
      const left = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${SCHEMA} and table_name like 'ingest_%'`.execute(t.db);
      expect(left.rows[0]!.n).toBe(0);
    } finally {
      failing.server.close();
    }
  });

  it('cancels a queued job before it runs; a second job for the same entry is refused while one is pending', async () => {
    const uploadId = await upload(steward, 'q.csv', csv([person(80)]));
    const a = await steward.post('/api/v1/ingest/jobs', { entryId, mapping: MAPPING, mode: 'full', source: { kind: 'file', uploadId, format: 'csv' } });
    const b = await steward.post('/api/v1/ingest/jobs', { entryId, mapping: MAPPING, mode: 'full', source: { kind: 'file', uploadId, format: 'csv' } });
    expect(b.statusCode).toBe(409);
    expect(b.json().error.code).toBe('INGEST_JOB_ACTIVE');
    const c = await steward.post(`/api/v1/ingest/jobs/${a.json().id}/cancel`);
    expect(c.json().status).toBe('cancelled');
    await t.jobs.runDue();
    expect((await steward.get(`/api/v1/ingest/jobs/${a.json().id}`)).json().status).toBe('cancelled');
    expect((await steward.post(`/api/v1/ingest/jobs/${a.json().id}/cancel`)).statusCode).toBe(409);
  });

  it.skipIf(!process.env.DATABASE_URL)('pulls a PostgreSQL query through a cursor; the password is masked (skipped on PGlite: needs DATABASE_URL)', async () => {
    const url = process.env.DATABASE_URL!;
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const src = `ingest_src_${process.pid}`;
    try {
      await c.query(`create table if not exists public.${src} (zjhm text, xm text, xb text, csrq date, dz text, csd text)`);
      await c.query(`truncate public.${src}`);
      for (const n of [90, 91, 92]) {
        const p = person(n);
        await c.query(`insert into public.${src} values ($1,$2,$3,$4,$5,$6)`, [p.公民身份号码, p.姓名, p.性别, p.出生日期, p.户籍地址, p.出生地]);
      }
      const u = new URL(url);
      if (!u.password) u.password = 'not-needed';
      const job = await runJob({
        source: { kind: 'postgres', connectionString: u.toString(), query: `select * from public.${src}`, batchSize: 100 },
        mapping: { sfzh: 'zjhm', xm: 'xm', xb: 'xb', csrq: 'csrq', hjdz: 'dz', csd: 'csd' },
      });
      expect(job.status, job.error).toBe('succeeded');
      expect(job.counts.inserted).toBe(3);
      expect(job.source.connectionString).toContain('***');
      expect(JSON.stringify(job)).not.toContain(`:${u.password}@`);
    } finally {
      await c.query(`drop table if exists public.${src}`);
      await c.end();
    }
  });
});

describe('definitions, schedules and the service API', () => {
  it('saves a scheduled HTTP definition, the schedule tick queues it, lastSuccess/forEntry report it', async () => {
    const { server, source } = await httpSource([100, 101].map((n) => person(n)));
    try {
      const bad = await steward.post('/api/v1/ingest/definitions', { entryId, name: '文件不能定时', mapping: MAPPING, mode: 'full', source: { kind: 'file', uploadId: '00000000-0000-4000-8000-000000000000', format: 'csv' }, schedule: { kind: 'interval', minutes: 60 } });
      expect(bad.statusCode).toBe(400);
      const res = await steward.post('/api/v1/ingest/definitions', {
        entryId, name: '公安人口每日归集', mapping: MAPPING, mode: 'upsert', source: { ...source, headers: { authorization: 'Bearer top-secret' } }, schedule: { kind: 'entry_frequency' },
      });
      expect(res.statusCode, res.body).toBe(201);
      const def = res.json();
      expect(def.schedule).toEqual({ kind: 'entry_frequency', minutes: 1440 });
      expect(JSON.stringify(def)).not.toContain('top-secret');
      expect(JSON.stringify(def)).not.toContain('secret-token');

      expect(await t.services.ingest.scheduleTick(new Date(Date.now() + 1441 * 60_000))).toBe(1);
      await t.jobs.runDue();
      const jobs = (await steward.get(`/api/v1/ingest/jobs?definitionId=${def.id}`)).json();
      expect(jobs.total).toBe(1);
      expect(jobs.items[0]).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
      // At rest the source is SM4-sealed: no stored definition or job holds the token or the header in clear.
      const stored = await sql<{ s: string }>`select source::text as s from ingest_definitions union all select source::text from ingest_jobs`.execute(t.db);
      expect(stored.rows.some((r) => r.s.includes('"sealed"'))).toBe(true);
      expect(stored.rows.map((r) => r.s).join('\n')).not.toMatch(/top-secret|secret-token/);

      const last = await t.services.ingest.jobs.lastSuccess(entryId);
      expect(last?.jobId).toBe(jobs.items[0].id);
      expect(last?.finishedAt).toBeInstanceOf(Date);
      const forEntry = await t.services.ingest.jobs.forEntry(entryId, 3);
      expect(forEntry[0]).toMatchObject({ jobId: jobs.items[0].id, name: '公安人口每日归集', schemaName: SCHEMA, tableName: TABLE, status: 'succeeded' });
      expect(await t.services.ingest.jobs.lastSuccess('00000000-0000-4000-8000-000000000000')).toBeNull();

      const run = await steward.post(`/api/v1/ingest/definitions/${def.id}/runs`);
      expect(run.statusCode, run.body).toBe(202);
      await t.jobs.runDue();
      expect((await steward.patch(`/api/v1/ingest/definitions/${def.id}`, { enabled: false })).json().enabled).toBe(false);
      expect((await steward.get('/api/v1/ingest/definitions')).json().items.some((d: { id: string }) => d.id === def.id)).toBe(true);
    } finally {
      server.close();
    }
  });

  it('shows the entry overview with logical access (API mount, no copy)', async () => {
    const api = await steward.post(`/api/v1/catalog/entries/${entryId}/mounts`, { kind: 'api', api: { endpoint: 'https://gaj.example.gov.cn/api/people', method: 'GET', auth: 'token' } });
    expect(api.statusCode, api.body).toBe(201);
    const o = (await steward.get(`/api/v1/ingest/entries/${entryId}`)).json();
    expect(o.table).toMatchObject({ schemaName: SCHEMA, tableName: TABLE, keyColumns: ['sfzh'] });
    expect(o.logicalAccess[0]).toMatchObject({ label: '逻辑接入（不落地）', endpoint: 'https://gaj.example.gov.cn/api/people' });
    expect(o.canRun).toBe(true);
    expect(o.recentJobs.length).toBeGreaterThan(0);
  });
});

describe('OpenLineage and permissions', () => {
  it('exports a RunEvent for a succeeded and a failed job', async () => {
    const list = (await steward.get(`/api/v1/ingest/jobs?entryId=${entryId}&pageSize=100`)).json().items as { id: string; status: string }[];
    const ok = list.find((j) => j.status === 'succeeded')!;
    const ev = (await steward.get(`/api/v1/ingest/jobs/${ok.id}/openlineage`)).json();
    expect(ev).toMatchObject({ eventType: 'COMPLETE', run: { runId: ok.id }, job: { namespace: 'shuzheng' } });
    expect(ev.schemaURL).toBe('https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent');
    expect(ev.outputs[0].name).toBe(`shuzheng.${SCHEMA}.${TABLE}`);
    expect(ev.outputs[0].namespace).toMatch(/^postgres:\/\//);
    expect(ev.outputs[0].facets.schema.fields.map((f: { name: string }) => f.name)).toContain('sfzh');
    expect(typeof ev.outputs[0].outputFacets.outputStatistics.rowCount).toBe('number');
    expect(ev.inputs).toHaveLength(1);
    const failed = list.find((j) => j.status === 'failed')!;
    const fe = (await steward.get(`/api/v1/ingest/jobs/${failed.id}/openlineage`)).json();
    expect(fe.eventType).toBe('FAIL');
    expect(fe.run.facets.errorMessage.message).toContain('HTTP 500');
  });

  it('401 without a session, 403 without the permission, 404 for another department', async () => {
    const job = (await steward.get(`/api/v1/ingest/jobs?entryId=${entryId}`)).json().items[0];
    expect((await t.anonymous.get('/api/v1/ingest/jobs')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/v1/ingest/uploads?fileName=a.csv', 'x')).statusCode).toBe(401);
    const citizen = await t.login('citizen');
    expect((await citizen.get('/api/v1/ingest/jobs')).statusCode).toBe(403);
    // The bureau sees every department's jobs but does not run them.
    expect((await reviewer.get(`/api/v1/ingest/jobs/${job.id}`)).statusCode).toBe(200);
    expect((await reviewer.get(`/api/v1/ingest/jobs?entryId=${entryId}`)).json().total).toBeGreaterThan(0);
    expect((await reviewer.post('/api/v1/ingest/jobs', { entryId, mapping: MAPPING, mode: 'full', source: { kind: 'http', url: 'http://127.0.0.1:1/x' } })).statusCode).toBe(403);
    // Another department: the job, the entry, its rejects and lineage answer 404; it cannot queue or cancel.
    expect((await other.get(`/api/v1/ingest/jobs/${job.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/ingest/jobs/${job.id}/rejects`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/ingest/jobs/${job.id}/openlineage`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/ingest/jobs/${job.id}/cancel`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/ingest/entries/${entryId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/ingest/jobs?entryId=${entryId}`)).json().total).toBe(0);
    const queued = await other.post('/api/v1/ingest/jobs', { entryId, mapping: MAPPING, mode: 'full', source: { kind: 'http', url: 'http://127.0.0.1:1/x' } });
    expect(queued.statusCode).toBe(404);
    // Another department's upload cannot be used.
    const theirs = await upload(other, 'x.csv', csv([person(1)]));
    const stolen = await steward.post('/api/v1/ingest/previews', { entryId, source: { kind: 'file', uploadId: theirs, format: 'csv' } });
    expect(stolen.statusCode).toBe(404);
  });
});

describe('CSV reader', () => {
  it('splits quoted fields with delimiters, doubled quotes and newlines, CRLF and a last line without newline', async () => {
    const { csvRecords } = await import('./sources.ts');
    async function* chunks() {
      yield 'a,b,c\r\n1,"x, y",3\r\n';
      yield '4,"he said ""hi""",6\n7,"multi\nline';
      yield '",9\n10,11,12';
    }
    const out: string[][] = [];
    for await (const r of csvRecords(chunks(), ',')) out.push(r);
    expect(out).toEqual([['a', 'b', 'c'], ['1', 'x, y', '3'], ['4', 'he said "hi"', '6'], ['7', 'multi\nline', '9'], ['10', '11', '12']]);
  });
});
