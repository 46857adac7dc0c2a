import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { createEntry, createSystem, entryBody, publishEntry, unique } from './catalog.test-support.ts';

let t: TestApp;
let steward: Client;
let reviewer: Client;
let systemId: string;

beforeAll(async () => {
  t = await createTestApp();
  steward = await t.login('gaj_steward');
  reviewer = await t.login('reviewer');
  systemId = await createSystem(steward);
});
afterAll(async () => {
  await t?.close();
});

const E = '/api/v1/catalog/entries';
const lastAudit = async (action: string) =>
  (await sql<{ result: string; target_id: string; details: Record<string, unknown> }>`
    select result, target_id, details from audit_events where action = ${action} order by seq desc limit 1`.execute(t.db)).rows[0];
const codeRecord = async (code: string) =>
  (await sql<{ status: string; entry_id: string | null }>`select status, entry_id from catalog_codes where code = ${code}`.execute(t.db)).rows[0];

describe('drafts and resource codes', () => {
  it('creates a draft in the steward\'s department with a 12-digit code 类+项+目+顺序码 and its items in order', async () => {
    const res = await steward.post(E, entryBody(systemId));
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    expect(entry).toMatchObject({ status: 'draft', origin: 'local', departmentName: '汕尾市公安局', currentVersion: null, dirty: false, systemName: expect.any(String) });
    expect(entry.code).toMatch(/^101[0-9]{3}[0-9]{6}$/);
    expect(entry.items.map((i: { codeName: string }) => i.codeName)).toEqual(['id_number', 'person_name', 'gender', 'birth_date', 'domicile']);
    expect(entry.quality.score).toBeGreaterThan(50);
    expect(await lastAudit('catalog.entry.create')).toMatchObject({ result: 'success', target_id: entry.id });
  });

  it('saves an incomplete draft (completeness is checked at submission) but needs name, category and subcategory', async () => {
    const ok = await steward.post(E, { name: unique('待补充的目录'), category: 'theme', subcategory: '11' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().code).toMatch(/^211/);
    const bad = await steward.post(E, { name: '缺少分类' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('REQUEST_INVALID');
  });

  it('rejects a subcategory that does not belong to the category, writing nothing', async () => {
    const before = Number((await sql<{ n: number }>`select count(*)::int as n from catalog_entries`.execute(t.db)).rows[0]!.n);
    const res = await steward.post(E, entryBody(systemId, { category: 'basic', subcategory: '09' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'CATALOG_INVALID_FIELD', details: { fields: [{ path: 'body.subcategory' }] } });
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from catalog_entries`.execute(t.db)).rows[0]!.n)).toBe(before);
  });

  it('gives a new code when an unpublished entry changes category, and retires the old one for good', async () => {
    const id = await createEntry(steward, entryBody(systemId));
    const oldCode = (await steward.get(`${E}/${id}`)).json().code;
    const res = await steward.patch(`${E}/${id}`, { category: 'theme', subcategory: '03' });
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toMatch(/^203/);
    expect(await codeRecord(oldCode)).toMatchObject({ status: 'retired' });
    // switching back allocates a fresh sequence number instead of reusing the retired code
    const back = await steward.patch(`${E}/${id}`, { category: 'basic', subcategory: '01' });
    expect(back.json().code).not.toBe(oldCode);
    expect(back.json().code.slice(0, 6)).toBe(oldCode.slice(0, 6));
  });

  it('deletes a never-published draft and never hands its code out again', async () => {
    const id = await createEntry(steward, entryBody(systemId));
    const code = (await steward.get(`${E}/${id}`)).json().code;
    expect((await steward.delete(`${E}/${id}`)).statusCode).toBe(204);
    expect((await steward.get(`${E}/${id}`)).statusCode).toBe(404);
    expect(await codeRecord(code)).toMatchObject({ status: 'retired', entry_id: null });
    const next = (await steward.post(E, entryBody(systemId))).json().code;
    expect(next).not.toBe(code);
  });
});

describe('lifecycle with review', () => {
  it('goes draft → submitted → returned (reasons per field) → submitted → published v1', async () => {
    const id = await createEntry(steward, entryBody(systemId));
    const submitted = await steward.post(`${E}/${id}/submissions`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', lastCheck: { passed: true } });
    expect(submitted.json().deadlines[0]).toMatchObject({ rule: 'bureau_review', responsible: 'bureau' });

    const returned = await reviewer.post(`${E}/${id}/reviews`, {
      decision: 'return', comment: '请补充', reasons: [{ path: 'summary', message: '摘要未说明数据范围' }, { path: 'items.1.sensitivity', message: '姓名应标为个人信息' }],
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().status).toBe('returned');
    const reviews = (await steward.get(`${E}/${id}/reviews`)).json().items;
    expect(reviews[0]).toMatchObject({ kind: 'publish', decision: 'returned', reviewerName: '周审核', reasons: [{ path: 'summary' }, { path: 'items.1.sensitivity' }] });

    expect((await steward.patch(`${E}/${id}`, { summary: '本市全部常住人口（含户籍与流动人口）的身份、户籍、出生等基本信息，每日更新。' })).statusCode).toBe(200);
    expect((await steward.post(`${E}/${id}/submissions`)).json().status).toBe('submitted');
    const approved = await reviewer.post(`${E}/${id}/reviews`, { decision: 'approve', comment: '同意发布' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'published', currentVersion: 1, dirty: false, reportStatus: 'not_reported' });
    expect(approved.json().publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await lastAudit('catalog.entry.approve')).toMatchObject({ target_id: id, details: { version: 1 } });
  });

  it('publishes a change as version 2 after a returned change, keeping version 1, with a field-level diff', async () => {
    const id = await publishEntry(steward, reviewer, entryBody(systemId));
    const items = (await steward.get(`${E}/${id}`)).json().items.map(({ id: _id, position: _p, ...i }: Record<string, unknown>) => i);
    const edited = await steward.patch(`${E}/${id}`, {
      updateFrequency: 'realtime',
      items: [...items.filter((i: { codeName: string }) => i.codeName !== 'domicile').map((i: { codeName: string }) => (i.codeName === 'gender' ? { ...i, shareType: 'none' } : i)),
        { name: '民族', codeName: 'ethnic', dataType: 'string', length: 2, codeTable: 'GB/T 3304-1991 民族代码', sensitivity: 'personal' }],
    });
    expect(edited.json()).toMatchObject({ status: 'published', dirty: true, currentVersion: 1 });
    // readers still see version 1 while the change is being edited
    expect((await t.login('mzj_steward').then((c) => c.get(`/api/v1/catalog/published/${id}`))).json()).toMatchObject({ version: 1, updateFrequency: 'daily' });

    expect((await steward.post(`${E}/${id}/submissions`)).json().status).toBe('change_submitted');
    const back = await reviewer.post(`${E}/${id}/reviews`, { decision: 'return', reasons: [{ path: 'updateFrequency', message: '请说明实时更新的方式' }] });
    expect(back.json().status).toBe('change_returned');
    expect((await steward.post(`${E}/${id}/submissions`)).json().status).toBe('change_submitted');
    const v2 = await reviewer.post(`${E}/${id}/reviews`, { decision: 'approve' });
    expect(v2.json()).toMatchObject({ status: 'published', currentVersion: 2, dirty: false });

    const versions = (await steward.get(`${E}/${id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await steward.get(`${E}/${id}/versions/1`)).json().snapshot).toMatchObject({ updateFrequency: 'daily', items: expect.arrayContaining([expect.objectContaining({ codeName: 'domicile' })]) });

    const diff = (await steward.get(`${E}/${id}/diff?from=1&to=2`)).json();
    expect(diff.fields).toEqual([{ field: 'updateFrequency', label: '更新周期', before: 'daily', after: 'realtime' }]);
    expect(diff.items.added.map((i: { codeName: string }) => i.codeName)).toEqual(['ethnic']);
    expect(diff.items.removed.map((i: { codeName: string }) => i.codeName)).toEqual(['domicile']);
    expect(diff.items.changed).toEqual([{ codeName: 'gender', name: '性别', fields: [{ field: 'shareType', label: '共享类型', before: null, after: 'none' }] }]);
  });

  it('withdraws a published entry only after review: refused back to published, then approved to withdrawn', async () => {
    const id = await publishEntry(steward, reviewer, entryBody(systemId));
    const code = (await steward.get(`${E}/${id}`)).json().code;
    expect((await steward.post(`${E}/${id}/withdrawals`, { reason: '业务已停止' })).json()).toMatchObject({ status: 'withdrawal_submitted', withdrawalReason: '业务已停止' });
    const refused = await reviewer.post(`${E}/${id}/reviews`, { decision: 'return', reasons: [{ path: 'entry', message: '仍有部门在使用，暂不撤销' }] });
    expect(refused.json().status).toBe('published');

    await steward.post(`${E}/${id}/withdrawals`, { reason: '职责已划转' });
    const withdrawn = await reviewer.post(`${E}/${id}/reviews`, { decision: 'approve' });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(await codeRecord(code)).toMatchObject({ status: 'retired' });
    expect((await reviewer.get(`/api/v1/catalog/published/${id}`)).statusCode).toBe(404);
    expect((await reviewer.get(`/api/v1/catalog/search?q=${encodeURIComponent(code)}`)).json().total).toBe(0);
  });

  it('answers 409 to transitions the status does not allow', async () => {
    const id = await createEntry(steward, entryBody(systemId));
    const review = await reviewer.post(`${E}/${id}/reviews`, { decision: 'approve' });
    expect(review.statusCode).toBe(409);
    expect(review.json().error).toMatchObject({ code: 'CATALOG_INVALID_TRANSITION', details: { status: 'draft', action: 'review' } });
    expect((await steward.post(`${E}/${id}/withdrawals`, { reason: '不需要了' })).json().error.code).toBe('CATALOG_INVALID_TRANSITION');

    await steward.post(`${E}/${id}/submissions`);
    const edit = await steward.patch(`${E}/${id}`, { summary: '审核中修改' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('CATALOG_ENTRY_NOT_EDITABLE');
    expect((await steward.post(`${E}/${id}/submissions`)).statusCode).toBe(409);

    await reviewer.post(`${E}/${id}/reviews`, { decision: 'approve' });
    const again = await steward.post(`${E}/${id}/submissions`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CATALOG_NO_CHANGES');
    expect((await steward.delete(`${E}/${id}`)).statusCode).toBe(409);
    const relabel = await steward.patch(`${E}/${id}`, { category: 'theme', subcategory: '01' });
    expect(relabel.statusCode).toBe(409);
    expect(relabel.json().error.code).toBe('CATALOG_CATEGORY_LOCKED');
  });

  it('refuses a return without reasons and leaves the entry under review', async () => {
    const id = await createEntry(steward, entryBody(systemId));
    await steward.post(`${E}/${id}/submissions`);
    const res = await reviewer.post(`${E}/${id}/reviews`, { decision: 'return', reasons: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CATALOG_REASONS_REQUIRED');
    const unknownField = await reviewer.post(`${E}/${id}/reviews`, { decision: 'return', reasons: [{ path: 'colour', message: '?' }] });
    expect(unknownField.json().error.details.fields[0].path).toBe('body.reasons.0.path');
    expect((await reviewer.get(`${E}/${id}`)).json().status).toBe('submitted');
  });
});

describe('permissions', () => {
  let draftId: string;
  let publishedId: string;
  beforeAll(async () => {
    draftId = await createEntry(steward, entryBody(systemId));
    publishedId = await publishEntry(steward, reviewer, entryBody(systemId));
  });

  it('hides another department\'s draft from a steward (404) and refuses edits to its published entry (403)', async () => {
    const mzj = await t.login('mzj_steward');
    expect((await mzj.get(`${E}/${draftId}`)).statusCode).toBe(404);
    expect((await mzj.patch(`${E}/${draftId}`, { summary: '改别人的' })).statusCode).toBe(404);
    expect((await mzj.post(`${E}/${draftId}/submissions`)).statusCode).toBe(404);
    expect((await mzj.get(`${E}/${draftId}/versions`)).statusCode).toBe(404);
    expect((await mzj.get(`${E}?status=draft`)).json().items.map((e: { id: string }) => e.id)).not.toContain(draftId);

    expect((await mzj.get(`${E}/${publishedId}`)).statusCode).toBe(404);
    expect((await mzj.get(`/api/v1/catalog/published/${publishedId}`)).statusCode).toBe(200);
    const edit = await mzj.patch(`${E}/${publishedId}`, { summary: '改别人的' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.code).toBe('CATALOG_NOT_OWNER');
  });

  it('lets the chief data officer of the same department edit, and the bureau see every working copy', async () => {
    const cdo = await t.login('gaj_cdo');
    expect((await cdo.patch(`${E}/${draftId}`, { keywords: ['人口', '户籍', '身份'] })).statusCode).toBe(200);
    expect((await reviewer.get(`${E}/${draftId}`)).statusCode).toBe(200);
    expect((await reviewer.get(`${E}?status=draft`)).json().total).toBeGreaterThan(0);
  });

  it('lets only the bureau review', async () => {
    await steward.post(`${E}/${draftId}/submissions`);
    const self = await steward.post(`${E}/${draftId}/reviews`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    expect((await (await t.login('gaj_cdo')).post(`${E}/${draftId}/reviews`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await (await t.login('leader')).post(`${E}/${draftId}/reviews`, { decision: 'approve' })).statusCode).toBe(403);
  });

  it('shows other staff only the published catalog, refuses citizens (403) and anonymous callers (401)', async () => {
    const leader = await t.login('leader');
    expect((await leader.get(E)).json().total).toBe(0);
    expect((await leader.get(`${E}/${draftId}`)).statusCode).toBe(404);
    expect((await leader.get('/api/v1/catalog/search')).statusCode).toBe(200);
    const citizen = await t.login('citizen');
    expect((await citizen.get('/api/v1/catalog/search')).statusCode).toBe(403);
    expect((await citizen.get(`/api/v1/catalog/published/${publishedId}`)).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/catalog/search')).statusCode).toBe(401);
    expect((await t.anonymous.post(E, entryBody(systemId))).statusCode).toBe(401);
  });

  it('keeps a steward from creating entries without a department-scoped edit permission', async () => {
    expect((await reviewer.post(E, entryBody(systemId))).statusCode).toBe(403);
    expect((await (await t.login('leader')).post('/api/v1/catalog/systems', { name: '某系统', purpose: '', deployment: 'gov_cloud', network: 'extranet', status: 'running' })).statusCode).toBe(403);
  });
});
