import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { TEST_PASSWORD, TEST_SEED } from '../../../test/test-config.ts';
import { seedDemoCatalog } from '../../workflows/seed-demo-catalog.ts';
import { seedDemoExchange } from '../../workflows/seed-demo-exchange.ts';
import { seedDemoSharing } from '../../workflows/seed-demo-sharing.ts';
import { createSystem, createEntry, entryBody } from '../catalog/catalog.test-support.ts';

// Lineage of the demo entry 常住人口基本信息 (公安局): system → entry → rk.czrk_jbxx → … → 民政局's grant.

let t: TestApp;
let entryId: string;
let gaj: Client, mzj: Client, scjg: Client;

interface Graph { nodes: { id: string; kind: string; label: string; detail: string | null }[]; edges: { from: string; to: string; label: string }[] }
const lineageOf = async (c: Client, id: string) => c.get(`/api/v1/lineage/entries/${id}`);

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.services, { password: TEST_PASSWORD });
  entryId = (await seedDemoExchange(t.services, t.db, { cityDivision: TEST_SEED.cityDivision, people: 50 })).entryId!;
  await seedDemoSharing(t.services);
  [gaj, mzj, scjg] = await Promise.all([t.login('gaj_steward'), t.login('mzj_steward'), t.login('scjg_approver')]);
}, 120_000);
afterAll(async () => t?.close());

describe('lineage of an entry', () => {
  it('401 without a session, 403 without the permission', async () => {
    expect((await t.anonymous.get(`/api/v1/lineage/entries/${entryId}`)).statusCode).toBe(401);
    expect((await lineageOf(await t.login('citizen'), entryId)).statusCode).toBe(403);
  });

  it('the provider sees source system → entry → mounted table and the consumer its grant leads to', async () => {
    const res = await lineageOf(gaj, entryId);
    expect(res.statusCode).toBe(200);
    const g: Graph = res.json();
    const kinds = (kind: string) => g.nodes.filter((n) => n.kind === kind);
    expect(kinds('entry').map((n) => n.label)).toEqual(['常住人口基本信息']);
    expect(kinds('system').map((n) => n.label)).toEqual(['人口信息管理系统']);
    expect(kinds('table').map((n) => n.id)).toEqual(['table:rk.czrk_jbxx']);
    expect(kinds('consumer').map((n) => n.label)).toEqual([expect.stringContaining('民政局')]);
    const edge = (from: string, to: string) => g.edges.find((e) => e.from === from && e.to === to)?.label;
    expect(edge(kinds('system')[0]!.id, `entry:${entryId}`)).toBe('来源');
    expect(edge(`entry:${entryId}`, 'table:rk.czrk_jbxx')).toBe('挂接');
    expect(edge(`entry:${entryId}`, kinds('consumer')[0]!.id)).toBe('共享');
    for (const e of g.edges) expect(g.nodes.some((n) => n.id === e.from) && g.nodes.some((n) => n.id === e.to)).toBe(true);
  });

  it('another department sees the published entry without the table layout or others’ grants', async () => {
    const res = await lineageOf(scjg, entryId);
    expect(res.statusCode, res.body).toBe(200);
    const g: Graph = res.json();
    expect(g.nodes.some((n) => n.id === 'table:rk.czrk_jbxx')).toBe(false);
    expect(g.nodes.filter((n) => n.kind === 'table').map((n) => n.detail)).toEqual(['表结构仅提供部门可见']);
    expect(g.nodes.some((n) => n.kind === 'consumer')).toBe(false);
    // the consumer sees its own grant
    expect((await lineageOf(mzj, entryId)).json().nodes.some((n: { kind: string }) => n.kind === 'consumer')).toBe(true);
  });

  it('shows the ingest job that loaded the table, its source, and the registry the table feeds', async () => {
    const [p1, p2] = (await sql<{ id_number: string; person_name: string }>`select id_number, person_name from rk.czrk_jbxx order by id_number limit 2`.execute(t.db)).rows;
    const file = `id_number,person_name\r\n${p1!.id_number},${p1!.person_name}\r\n${p2!.id_number},${p2!.person_name}\r\n`;
    const up = await gaj.request({ method: 'POST', url: '/api/v1/ingest/uploads?fileName=czrk.csv', payload: file, headers: { 'content-type': 'application/octet-stream' } });
    expect(up.statusCode, up.body).toBe(201);
    const job = await gaj.post('/api/v1/ingest/jobs', {
      entryId, mapping: { id_number: 'id_number', person_name: 'person_name' }, mode: 'upsert', source: { kind: 'file', uploadId: up.json().uploadId, format: 'csv', encoding: 'utf8' },
    });
    expect(job.statusCode, job.body).toBe(202);
    await t.jobs.runDue();
    const g: Graph = (await lineageOf(gaj, entryId)).json();
    const jobNode = g.nodes.find((n) => n.id === `job:${job.json().id}`)!;
    expect(jobNode.detail).toMatch(/^成功 · 读取 2 /);
    const source = g.edges.find((e) => e.to === jobNode.id && e.label === '读取')!;
    expect(g.nodes.find((n) => n.id === source.from)).toMatchObject({ kind: 'source', label: expect.stringContaining('czrk.csv') });
    expect(g.edges).toContainEqual({ from: jobNode.id, to: 'table:rk.czrk_jbxx', label: '归集' });
    expect(g.edges).toContainEqual({ from: 'table:rk.czrk_jbxx', to: 'registry:person', label: '汇聚' });
    // 民政局 reads jobs of its own department only: none of 公安局's
    expect((await lineageOf(mzj, entryId)).json().nodes.some((n: { kind: string }) => n.kind === 'job')).toBe(false);
  });

  it('another department’s draft is 404, as if it did not exist', async () => {
    const draft = await createEntry(gaj, entryBody(await createSystem(gaj)));
    expect((await lineageOf(gaj, draft)).statusCode).toBe(200);
    expect((await lineageOf(mzj, draft)).statusCode).toBe(404);
    expect((await lineageOf(gaj, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
