import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { createEntry, createSystem, entryBody, publishEntry, unique } from './catalog.test-support.ts';

// 部门目录模板 (docs/catalog-api.md §4.8): template, export, import (all or nothing), and who may do what.

let t: TestApp;
let steward: Client;
let mzj: Client;
let reviewer: Client;
let systemId: string;
let systemName: string;

beforeAll(async () => {
  t = await createTestApp();
  [steward, mzj, reviewer] = (await Promise.all(['gaj_steward', 'mzj_steward', 'reviewer'].map((u) => t.login(u)))) as [Client, Client, Client];
  systemName = unique('人口信息管理系统');
  systemId = await createSystem(steward, systemName);
});
afterAll(async () => {
  await t?.close();
});

const C = '/api/v1/catalog';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ENTRY_HEADERS = [
  '序号', '信息资源代码', '信息资源名称', '资源属性分类', '项', '信息资源摘要', '关键字', '来源信息系统', '格式分类', '格式类型', '共享类型', '共享条件', '共享方式',
  '共享方式类型', '其他共享方式', '不予共享依据类型', '不予共享依据', '开放类型', '开放条件', '更新周期', '数据分级', '敏感级别', '是否涉密', '关联资源代码',
  '三定职责', '责任清单编号', '资源确认日期', '职责变更日期', '数据量(条)', '存储量(MB)', '联系人', '联系电话', '电子邮箱', '状态',
];
const ITEM_HEADERS = ['序号', '所属信息资源序号', '信息项名称', '信息项代码', '数据类型', '长度', '描述', '代码表', '共享类型', '开放类型', '个人信息属性', '是否权威来源'];
const CONTENT_FIELDS = [
  'name', 'category', 'subcategory', 'summary', 'keywords', 'systemId', 'formatClass', 'formatType', 'shareType', 'shareCondition', 'shareMethod',
  'shareChannels', 'shareOtherMethod', 'noShareBasisType', 'noShareBasisText', 'openType', 'openCondition', 'updateFrequency', 'grade',
  'sensitivityLevel', 'classified', 'relatedCodes', 'dutyText', 'dutyListRef', 'identifiedOn', 'dutyChangedOn', 'recordCount', 'storageMb',
  'contactName', 'contactPhone', 'contactEmail',
];

const upload = (client: Client, body: Buffer | string, type = XLSX) =>
  client.request({ method: 'POST', url: `${C}/excel`, payload: body, headers: { 'content-type': type } });
async function load(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as never);
  return book;
}
const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v).replace('*', ''));
const countEntries = async () => (await sql<{ n: number }>`select count(*)::int as n from catalog_entries`.execute(t.db)).rows[0]!.n;
/** Fills a data row by header name, as a person would in the template. */
function fill(sheet: ExcelJS.Worksheet, row: number, values: Record<string, string | number>) {
  const names = headers(sheet);
  for (const [header, value] of Object.entries(values)) sheet.getCell(row, names.indexOf(header) + 1).value = value;
}
/** What an import must reproduce: every content field and the items, not ids, codes or state. */
const contentOf = (e: Record<string, unknown>) => ({
  ...Object.fromEntries(CONTENT_FIELDS.map((f) => [f, e[f]])),
  items: (e.items as Record<string, unknown>[]).map(({ id: _id, ...item }) => item),
});

describe('template', () => {
  it('is a workbook with the two sheets, the §4.8 headers, grey hints, enumeration dropdowns and a frozen header', async () => {
    const res = await steward.get(`${C}/excel/template`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('政务数据目录导入模板.xlsx'));
    const book = await load(res.rawPayload);
    expect(book.worksheets.map((s) => s.name)).toEqual(['信息资源', '信息项']);
    const [entries, items] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(headers(entries)).toEqual(ENTRY_HEADERS);
    expect(headers(items)).toEqual(ITEM_HEADERS);
    expect(entries.getCell('C1').value).toBe('信息资源名称*');
    expect(entries.getRow(2).font?.color?.argb).toBe('FF808080');
    expect(entries.rowCount).toBe(2);
    expect(entries.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(entries.getCell('D3').dataValidation).toMatchObject({ type: 'list', formulae: ['"基础信息资源,主题信息资源,部门信息资源"'] });
    expect(entries.getCell('K500').dataValidation.formulae[0]).toContain('有条件共享');
    expect(items.getCell('E3').dataValidation.formulae[0]).toContain('字符型');
  });
});

describe('export and import', () => {
  it('exports the working copies except withdrawn ones and imports them back as new drafts with the same content', async () => {
    const full = await createEntry(steward, entryBody(systemId, {
      identifiedOn: '2026-09-25', dutyChangedOn: '2026-10-09', storageMb: 1536.5, contactEmail: 'gaj@shanwei.gov.cn', relatedCodes: ['102001000001', '105001000003'],
    }));
    const other = await createEntry(steward, entryBody(systemId, {
      category: 'theme', subcategory: '10', shareType: 'none', shareCondition: null, noShareBasisType: 'law', noShareBasisText: '《中华人民共和国治安管理处罚法》第八十条',
      shareMethod: 'other', shareChannels: [], shareOtherMethod: '介质交换', openType: 'none', grade: 'important', sensitivityLevel: null, classified: true,
      formatClass: 'spreadsheet', formatType: 'xlsx', updateFrequency: 'half_yearly', keywords: ['社区', '网格'],
      items: [{ name: '网格编码', codeName: 'grid_code', dataType: 'string', length: 20, shareType: 'none', openType: 'none', authoritative: true }],
    }));
    const bare = await createEntry(steward, { name: unique('仅有名称的草稿'), category: 'department', subcategory: '01' });
    const withdrawn = await publishEntry(steward, reviewer, entryBody(systemId));
    await steward.post(`${C}/entries/${withdrawn}/withdrawals`, { reason: '职责已划转' });
    expect((await reviewer.post(`${C}/entries/${withdrawn}/reviews`, { decision: 'approve' })).json().status).toBe('withdrawn');

    const res = await steward.get(`${C}/excel`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('政务数据目录-汕尾市公安局-'));
    const book = await load(res.rawPayload);
    const sheet = book.getWorksheet('信息资源')!;
    const codes = Array.from({ length: sheet.rowCount - 2 }, (_, i) => String(sheet.getCell(i + 3, 2).value));
    const originals = await Promise.all([full, other, bare, withdrawn].map(async (id) => (await steward.get(`${C}/entries/${id}`)).json()));
    expect(codes).toEqual(expect.arrayContaining(originals.slice(0, 3).map((e) => e.code)));
    expect(codes).not.toContain(originals[3].code);
    const column = (ws: ExcelJS.Worksheet, header: string, headerList: string[]) =>
      Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getCell(i + 3, headerList.indexOf(header) + 1).value);
    expect(column(sheet, '状态', ENTRY_HEADERS)).toContain('草稿');
    expect(column(sheet, '项', ENTRY_HEADERS).every((v) => /^\d{2} \S/.test(String(v)))).toBe(true);
    expect(column(book.getWorksheet('信息项')!, '信息项代码', ITEM_HEADERS)).toEqual(expect.arrayContaining(['id_number', 'grid_code']));

    const before = await countEntries();
    const imported = await upload(steward, res.rawPayload);
    expect(imported.statusCode).toBe(201);
    const body = imported.json();
    expect(body.created).toBe(codes.length);
    expect(await countEntries()).toBe(before + codes.length);
    for (const [i, code] of codes.entries()) {
      const original = (await steward.get(`${C}/entries/${(await steward.get(`${C}/entries?q=${code}`)).json().items[0].id}`)).json();
      const copy = (await steward.get(`${C}/entries/${body.entries[i].id}`)).json();
      expect(copy).toMatchObject({ status: 'draft', origin: 'local', departmentName: '汕尾市公安局' });
      expect(copy.code).not.toBe(code);
      expect(contentOf(copy)).toEqual(contentOf(original));
    }
    const audit = (await sql<{ details: { source?: string } }>`
      select details from audit_events where action = 'catalog.entry.create' and target_id = ${body.entries[0].id}`.execute(t.db)).rows[0];
    expect(audit?.details.source).toBe('excel');
  });

  it('lists every problem of every bad row with its cell, and writes nothing', async () => {
    const book = await load((await steward.get(`${C}/excel/template`)).rawPayload);
    const entries = book.getWorksheet('信息资源')!;
    const items = book.getWorksheet('信息项')!;
    fill(entries, 3, { 序号: 1, 资源属性分类: '基础', 项: '01 人口', 共享类型: '看情况共享', 联系电话: '打电话给我' });
    fill(entries, 4, { 序号: 2, 信息资源名称: '城乡网格', 资源属性分类: '基础信息资源', 项: '09 城乡建设', 来源信息系统: '不存在的系统', 资源确认日期: '2026-13-45' });
    fill(entries, 5, { 序号: 2, 信息资源名称: '重复序号', 资源属性分类: '部门信息资源', 项: '01', 来源信息系统: systemName, '数据量(条)': 12 });
    fill(items, 3, { 序号: 1, 所属信息资源序号: 99, 信息项名称: '姓名', 信息项代码: 'person_name', 数据类型: '字符型' });
    fill(items, 4, { 序号: 2, 所属信息资源序号: 1, 信息项名称: '身份证号', 信息项代码: 'ID Number', 数据类型: '文本', 是否权威来源: '也许' });
    const before = await countEntries();

    const res = await upload(steward, Buffer.from(await book.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('CATALOG_IMPORT_INVALID');
    const cells = error.details.problems.map((p: { sheet: string; row: number; column: string }) => `${p.sheet}!${p.column}${p.row}`);
    expect(cells).toEqual(expect.arrayContaining([
      '信息资源!C3', // name missing
      '信息资源!D3', // unknown category label
      '信息资源!K3', // unknown share type label
      '信息资源!AF3', // phone pattern (schema)
      '信息资源!E4', // 项 not under 基础信息资源
      '信息资源!H4', // not a system of the department
      '信息资源!AA4', // not a date
      '信息资源!A5', // 序号 twice
      '信息项!B3', // no such 信息资源序号
      '信息项!D4', // code name pattern (schema)
      '信息项!E4', // unknown data type
      '信息项!L4', // 是/否
    ]));
    expect(error.details.fields).toContainEqual({ path: '信息资源!H4', message: expect.stringContaining('不存在的系统') });
    expect(error.details.problems.every((p: { message: string }) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
    expect(error.message).toContain('未导入任何目录');
    expect(await countEntries()).toBe(before);
  });

  it('refuses a body that is not an xlsx workbook with a clear 400', async () => {
    const before = await countEntries();
    const json = await steward.post(`${C}/excel`, { name: '不是文件' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toMatchObject({ code: 'CATALOG_IMPORT_INVALID', message: expect.stringContaining('xlsx') });
    const text = await upload(steward, 'a,b,c\n1,2,3', 'text/csv');
    expect(text.json().error.code).toBe('CATALOG_IMPORT_INVALID');
    const broken = await upload(steward, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain('无法读取');
    const empty = await upload(steward, (await steward.get(`${C}/excel/template`)).rawPayload);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.problems[0].message).toContain('没有可导入的目录');
    const tooBig = await upload(steward, Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(tooBig.statusCode).toBe(413);
    expect(await countEntries()).toBe(before);
  });
});

describe('permissions', () => {
  it('lets a steward export only the own department, the bureau any department, and nobody else', async () => {
    const gajId = steward.user.departmentId!;
    const other = await mzj.get(`${C}/excel?departmentId=${gajId}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('CATALOG_NOT_OWNER');
    expect((await mzj.get(`${C}/excel`)).statusCode).toBe(200);
    expect((await reviewer.get(`${C}/excel?departmentId=${gajId}`)).statusCode).toBe(200);
    expect((await (await t.login('leader')).get(`${C}/excel?departmentId=${gajId}`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`${C}/excel`)).statusCode).toBe(401);
  });

  it('keeps the template and the import to the department cataloguers', async () => {
    expect((await reviewer.get(`${C}/excel/template`)).statusCode).toBe(403);
    const book = (await steward.get(`${C}/excel/template`)).rawPayload;
    expect((await upload(reviewer, book)).statusCode).toBe(403);
    expect((await t.anonymous.request({ method: 'POST', url: `${C}/excel`, payload: book, headers: { 'content-type': XLSX } })).statusCode).toBe(401);
  });
});
