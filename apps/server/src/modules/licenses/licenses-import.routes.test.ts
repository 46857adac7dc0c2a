import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Client } from '../../../test/helpers.ts';
import { createLicensesTestApp, entityCode, foodFields, L, typeNamed, type LicensesTestApp } from './licenses.test-support.ts';

// 存量证照导入 (docs/licenses-api.md §4.1): template, upload, background issuing in sealed batches, progress, rejected rows.

let s: LicensesTestApp;
let approver: Client; // 市场监督管理局 审批人员
let mzj: Client; // 民政局 数据专员
let reviewer: Client; // 数据局 (bureau)
let window: Client; // 窗口人员: reads licenses, does not issue
let food: { code: string };

beforeAll(async () => {
  s = await createLicensesTestApp();
  [approver, mzj, reviewer, window] = await Promise.all(['scjg_approver', 'mzj_steward', 'reviewer', 'window'].map((u) => s.login(u))) as [Client, Client, Client, Client];
  food = await typeNamed(reviewer, '食品经营许可证');
}, 120_000);
afterAll(async () => {
  await s?.t.services.licenses.imports.idle();
  await s?.t.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const I = `${L}/licenses/imports`;
const count = async (table: 'licenses_licenses' | 'licenses_imports') => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(s.t.db)).rows[0]!.n);
const upload = (client: Pick<Client, 'request'>, body: Buffer | string, query = `typeCode=${food.code}&fileName=${encodeURIComponent('存量.xlsx')}`, type = XLSX) =>
  client.request({ method: 'POST', url: `${I}?${query}`, payload: body, headers: { 'content-type': type } });

async function load(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as never);
  return book;
}
const headersOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v));

/** The downloaded template with data rows filled by header name (without the *), as staff would fill it. */
async function workbookFrom(template: Buffer, rows: Record<string, string | number | Date | null>[]): Promise<Buffer> {
  const book = await load(template);
  const sheet = book.getWorksheet('证照数据')!;
  const names = headersOf(sheet).map((h) => h.replace('*', ''));
  rows.forEach((values, r) => {
    for (const [header, value] of Object.entries(values)) {
      const col = names.indexOf(header);
      if (col === -1) throw new Error(`no column ${header}`);
      sheet.getCell(r + 2, col + 1).value = value;
    }
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const foodRow = (n: number, over: Record<string, string | number | Date | null> = {}) => {
  const f = foodFields({ licenseNumber: `JY1441502${String(n).padStart(7, '0')}` });
  return {
    持证单位统一社会信用代码: entityCode(5000 + n), 持证单位名称: `汕尾市海丰美食${n}号店`, 发证日期: new Date(Date.UTC(2022, 2, 15)), 有效期起始: null,
    许可证编号: f.licenseNumber, '法定代表人（负责人）': f.legalRepresentative, 经营场所: f.premises, 主体业态: f.mainBusiness, 经营项目: f.businessItems, ...over,
  };
};

/** Polls the import until it has ended (bounded). */
async function finished(client: Client, id: string) {
  for (let i = 0; i < 300; i++) {
    const res = await client.get(`${I}/${id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not end within 30 s`);
}

let template: Buffer;

describe('template', () => {
  it('has the holder, date and field columns (required marked *), a 说明 sheet, dropdowns for enum fields and date formats', async () => {
    const res = await approver.get(`${I}/template?typeCode=${food.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('存量证照导入模板-食品经营许可证'));
    template = res.rawPayload;
    const book = await load(template);
    const sheet = book.getWorksheet('证照数据')!;
    expect(headersOf(sheet)).toEqual(['持证单位统一社会信用代码*', '持证单位名称*', '发证日期*', '有效期起始', '许可证编号*', '法定代表人（负责人）*', '经营场所*', '主体业态*', '经营项目*']);
    expect(book.getWorksheet('说明')!.getCell('A1').value).toBe('证照类型');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } }).dataValidations.model;
    // exceljs spreads a range over its cells when it reads: the 主体业态 column (H) has the list from row 2 to the row cap.
    for (const cell of ['H2', 'H100001']) expect(validations[cell]).toMatchObject({ type: 'list' });
    expect(String(validations.H2!.formulae[0])).toContain('可选值');
    expect(validations.C2).toMatchObject({ type: 'date' });
    expect(sheet.getColumn(3).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getColumn(1).numFmt).toBe('@');
  });

  it('needs a login and the issue permission', async () => {
    expect((await s.anonymous.get(`${I}/template?typeCode=${food.code}`)).statusCode).toBe(401);
    expect((await window.get(`${I}/template?typeCode=${food.code}`)).statusCode).toBe(403);
  });
});

describe('import', () => {
  let importId: string;
  let existingHolder: string;

  it('issues the valid rows, rejects bad rows and duplicates with their row numbers, and reaches succeeded', async () => {
    // A holder who already has a current license of the type (issued the ordinary way).
    existingHolder = entityCode(5100);
    const pre = await approver.post(`${L}/licenses`, { typeCode: food.code, holderId: existingHolder, holderName: '汕尾市已有证照餐饮店', fields: foodFields() });
    expect(pre.statusCode).toBe(201);
    const before = await count('licenses_licenses');
    const file = await workbookFrom(template, [
      foodRow(1), // row 2: ok
      foodRow(2, { 发证日期: '2020/7/1', 有效期起始: '2020-08-01' }), // row 3: ok, text dates
      foodRow(3, { 持证单位统一社会信用代码: '91441500XXXXXXXXXX', 主体业态: '网吧' }), // row 4: two problems
      foodRow(4, { 发证日期: null }), // row 5: no issue date
      foodRow(5, { 持证单位统一社会信用代码: entityCode(5001) }), // row 6: same holder as row 2
      foodRow(6, { 持证单位统一社会信用代码: existingHolder }), // row 7: already holds one
      foodRow(7, { 发证日期: '2099-01-01' }), // row 8: issued in the future
      foodRow(8), // row 9: ok
    ]);
    const res = await upload(approver, file);
    expect(res.statusCode).toBe(202);
    importId = res.json().id;
    const done = await finished(approver, importId);
    expect(done).toMatchObject({ status: 'succeeded', total: 8, done: 8, issued: 3, rejected: 5, percent: 100, etaSeconds: 0, typeCode: food.code, fileName: '存量.xlsx', error: null });
    expect(done.rowsPerSecond).toBeGreaterThan(0);
    expect(await count('licenses_licenses')).toBe(before + 3);

    // Issued as stock licenses: the old issue date, validity from the type's rule, verifiable.
    const listed = (await approver.get(`${L}/licenses?holderId=${entityCode(5002)}&typeCode=${food.code}`)).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ issuedOn: '2020-07-01', validFrom: '2020-08-01', validUntil: '2025-07-31', holder: { name: '汕尾市海丰美食2号店' } });
    const first = (await approver.get(`${L}/licenses?holderId=${entityCode(5001)}&typeCode=${food.code}`)).json().items[0];
    expect(first).toMatchObject({ issuedOn: '2022-03-15', validFrom: '2022-03-15', validUntil: '2027-03-14', fields: { mainBusiness: '餐饮服务经营者' } });
    const verified = (await s.anonymous.get(`${L}/verify/${first.identifier}`)).json();
    expect(verified).toMatchObject({ valid: true, verdict: '有效', signature: { valid: true } });

    // Rejected rows are not issued.
    for (const n of [3, 4, 7]) expect((await approver.get(`${L}/licenses?holderId=${entityCode(5000 + n)}`)).json().total).toBe(0);
    expect((await approver.get(`${L}/licenses?holderId=${existingHolder}`)).json().total).toBe(1);

    // Audited: the import, and each sealed batch.
    const audit = (await sql<{ action: string; target_id: string; details: Record<string, unknown> }>`
      select action, target_id, details from audit_events where action in ('licenses.license.import', 'licenses.license.issue-batch') order by seq`.execute(s.t.db)).rows;
    expect(audit.find((a) => a.action === 'licenses.license.import')).toMatchObject({ target_id: importId, details: { typeCode: food.code, rows: 8 } });
    expect(audit.filter((a) => a.action === 'licenses.license.issue-batch').at(-1)).toMatchObject({ details: { count: 3 } });
  });

  it('gives the rejected rows as a workbook with the row numbers and every problem, which uploads again', async () => {
    const res = await approver.get(`${I}/${importId}/rejected.xlsx`);
    expect(res.statusCode).toBe(200);
    const book = await load(res.rawPayload);
    const sheet = book.getWorksheet('证照数据')!;
    const headers = headersOf(sheet);
    expect(headers.at(-1)).toBe('问题');
    const problems = [2, 3, 4, 5, 6].map((r) => String(sheet.getRow(r).getCell(headers.length).value));
    expect(problems[0]).toMatch(/^第 4 行：.*统一社会信用代码不正确.*主体业态.*应为以下之一/);
    expect(problems[1]).toMatch(/^第 5 行：.*发证日期.*必填/);
    expect(problems[2]).toMatch(/^第 6 行：与第 2 行的持证主体相同/);
    expect(problems[3]).toMatch(/^第 7 行：该持证主体已有本类型的现行证照/);
    expect(problems[4]).toMatch(/^第 8 行：发证日期不能晚于今天/);
    expect(sheet.getRow(2).getCell(2).value).toBe('汕尾市海丰美食3号店');

    // Fix row 5 (the missing issue date) and upload the file as it is: the 问题 column is ignored.
    const fixed = new ExcelJS.Workbook();
    await fixed.xlsx.load(res.rawPayload as never);
    const data = fixed.getWorksheet('证照数据')!;
    data.getCell(3, 3).value = '2021-05-05';
    const again = await upload(approver, Buffer.from(await fixed.xlsx.writeBuffer()));
    expect(again.statusCode).toBe(202);
    const done = await finished(approver, again.json().id);
    expect(done).toMatchObject({ status: 'succeeded', total: 5, issued: 1, rejected: 4 });
    expect((await approver.get(`${L}/licenses?holderId=${entityCode(5004)}`)).json().items[0]).toMatchObject({ issuedOn: '2021-05-05' });
  });

  it('lists imports of the own department, all of them for the bureau, and hides another department’s (404)', async () => {
    const own = (await approver.get(I)).json();
    expect(own.items.map((i: { id: string }) => i.id)).toContain(importId);
    expect((await reviewer.get(I)).json().items.map((i: { id: string }) => i.id)).toContain(importId);
    expect((await mzj.get(I)).json().items).toEqual([]);
    expect((await mzj.get(`${I}/${importId}`)).statusCode).toBe(404);
    expect((await mzj.get(`${I}/${importId}/rejected.xlsx`)).statusCode).toBe(404);
    expect((await reviewer.get(`${I}/${importId}`)).statusCode).toBe(200);
  });

  it('refuses callers without login or issue permission, and departments that do not issue the type', async () => {
    const file = await workbookFrom(template, [foodRow(20)]);
    expect((await upload(s.anonymous, file)).statusCode).toBe(401);
    expect((await upload(window, file)).statusCode).toBe(403);
    const other = await upload(mzj, file);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('LICENSES_NOT_ISSUER');
    expect((await s.anonymous.get(I)).statusCode).toBe(401);
  });

  it('answers 400 with a Chinese message and writes nothing for a file that is not a workbook, has wrong headers or no rows', async () => {
    const [licenses, imports] = [await count('licenses_licenses'), await count('licenses_imports')];
    const notXlsx = await upload(approver, 'holderId,holderName\n1,2', undefined, 'text/csv');
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error).toMatchObject({ code: 'LICENSES_IMPORT_FILE_INVALID', message: expect.stringContaining('.xlsx') });

    const corrupt = await upload(approver, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json().error.message).toContain('无法读取');

    const wrong = new ExcelJS.Workbook();
    const sheet = wrong.addWorksheet('证照数据');
    sheet.addRow(['持证单位统一社会信用代码', '名称', '发证日期', '许可证编号']);
    sheet.addRow([entityCode(30), '某店', '2020-01-01', 'JY1']);
    const badHeaders = await upload(approver, Buffer.from(await wrong.xlsx.writeBuffer()));
    expect(badHeaders.statusCode).toBe(400);
    expect(badHeaders.json().error).toMatchObject({ code: 'LICENSES_IMPORT_FILE_INVALID' });
    expect(badHeaders.json().error.message).toMatch(/缺少必填列：持证单位名称、法定代表人（负责人）.*不认识的列：名称/);

    const empty = await upload(approver, template);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('没有数据');

    expect(await count('licenses_licenses')).toBe(licenses);
    expect(await count('licenses_imports')).toBe(imports);
  });
});
