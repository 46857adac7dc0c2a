import type ExcelJS from 'exceljs';
import { Value } from 'typebox/value';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { loadExcel } from '../../kernel/spreadsheet.ts';
import { describeValidationErrors } from '../../kernel/validation-messages.ts';
import {
  CATEGORY, DATA_TYPE, ENTRY_STATUS, FORMAT_CLASS, GRADE, NO_SHARE_BASIS, OPEN_TYPE, SENSITIVITY, SHARE_CHANNEL, SHARE_METHOD, SHARE_TYPE,
  SUBCATEGORIES, UPDATE_FREQUENCY, subcategoryLabel, type Category, type Labelled,
} from './catalog.enums.ts';
import { CatalogErrors, type ImportProblem } from './catalog.errors.ts';
import { createCatalogRepository } from './catalog.repository.ts';
import { CreateEntryBody } from './catalog.schemas.ts';
import { requireDepartment, workingScope, type CatalogDeps } from './catalog-core.ts';
import { createDraft } from './edit-entry.ts';
import { applyInput, contentFromRow, todayInChina, type EntryContent, type EntryInput, type ItemData } from './entry-model.ts';

// 部门目录模板 (docs/catalog-api.md §4.8): one column table drives the export, the empty template and the import, so
// the three cannot drift apart. Enumerations are written and read by their Chinese labels (catalog.enums.ts).

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ENTRY_SHEET = '信息资源';
const ITEM_SHEET = '信息项';
/** Data rows per sheet an import accepts (and the rows the dropdowns cover). */
const MAX_ROWS = 10_000;
/** Parts of a sheet the import never needs; skipping them keeps a hostile file from inflating huge validation ranges. */
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'mergeCells', 'drawing', 'picture', 'tableParts'];

// ── cell codecs ────────────────────────────────────────────────────────────
type Read = { value: unknown } | { error: string };
interface Codec {
  list?: readonly string[];
  write(value: unknown): ExcelJS.CellValue;
  read(text: string): Read;
}
interface Labels {
  pairs: Labelled<string>;
  label(v: string | null | undefined): string;
  fromLabel(l: string): string | undefined;
}

// §4.8: lists are separated by “；” or “,” (full- or half-width); enumeration lists also by “、”.
const splitList = (s: string, separators = /[；;,，\n]+/) => s.split(separators).map((x) => x.trim()).filter(Boolean);
const pad2 = (s: string) => s.padStart(2, '0');

const text: Codec = { write: (v) => (v as string | null) ?? null, read: (s) => ({ value: s }) };
const number: Codec = {
  write: (v) => (v as number | null) ?? null,
  read: (s) => (Number.isFinite(Number(s.replace(/,/g, ''))) ? { value: Number(s.replace(/,/g, '')) } : { error: '应为数字' }),
};
const level: Codec = { ...number, list: ['1', '2', '3', '4'] };
const date: Codec = {
  write: (v) => (v as string | null) ?? null,
  read: (s) => {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
    return m ? { value: `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}` } : { error: '应为日期，如 2026-10-12' };
  },
};
const yesNo: Codec = {
  list: ['是', '否'],
  write: (v) => (v ? '是' : '否'),
  read: (s) => (s === '是' ? { value: true } : s === '否' ? { value: false } : { error: '应为“是”或“否”' }),
};
const words: Codec = { write: (v) => ((v as string[] | null) ?? []).join('；'), read: (s) => ({ value: splitList(s) }) };

/** An enumeration by its Chinese labels (the code value is accepted too). */
function labelled(l: Labels, many = false): Codec {
  const names = l.pairs.map(([, name]) => name);
  const valueOf = (s: string) => l.fromLabel(s) ?? (l.pairs.some(([v]) => v === s) ? s : undefined);
  const bad = (s: string) => ({ error: `不能为“${s}”，可选：${names.join('、')}` });
  if (many) {
    return {
      write: (v) => ((v as string[] | null) ?? []).map((x) => l.label(x)).join('、'),
      read: (s) => {
        const parts = splitList(s, /[；;,，、\s]+/);
        const wrong = parts.find((p) => !valueOf(p));
        return wrong ? bad(wrong) : { value: parts.map(valueOf) };
      },
    };
  }
  return { list: names, write: (v) => (v == null ? null : l.label(v as string)), read: (s) => (valueOf(s) ? { value: valueOf(s) } : bad(s)) };
}

// 项: “01 人口”; the two digits count, a label must match the category (checked once the category is known).
const SUBCATEGORY_LIST = Object.values(SUBCATEGORIES).flatMap((list) => list.map(([v, l]) => `${v} ${l}`));
const subcategoryCodec: Codec = {
  list: SUBCATEGORY_LIST,
  write: (v) => v as string,
  read: (s) => (/^\d{2}(\s|$)/.test(s) ? { value: s } : { error: '应为两位数字加名称，如“01 人口”' }),
};

// ── columns ────────────────────────────────────────────────────────────────
interface Column<R> {
  key: string;
  header: string;
  hint: string;
  required?: boolean;
  width?: number;
  list?: readonly string[] | undefined;
  out(row: R): ExcelJS.CellValue;
  /** Absent for export-only columns, which the import ignores. */
  read?: ((text: string) => Read) | undefined;
}

interface EntryOut { seq: number; code: string; status: string; content: EntryContent; systemName: string | null }
interface ItemOut { seq: number; entrySeq: number; item: ItemData }

const fieldOf = <R>(pick: (r: R) => object) =>
  (key: string, header: string, codec: Codec, hint: string, opts: { required?: boolean; width?: number } = {}): Column<R> => ({
    key, header, hint, ...opts, list: codec.list, out: (r) => codec.write((pick(r) as Record<string, unknown>)[key]), read: codec.read,
  });
const entryField = fieldOf<EntryOut>((r) => r.content);
const itemField = fieldOf<ItemOut>((r) => r.item);
const seqColumn = <R extends { seq: number }>(hint: string): Column<R> => ({ key: 'seq', header: '序号', hint, width: 8, out: (r) => r.seq, read: number.read });

const ENTRY_COLUMNS: Column<EntryOut>[] = [
  seqColumn('信息项按此序号关联'),
  { key: 'code', header: '信息资源代码', hint: '导入时忽略，系统重新分配', width: 16, out: (r) => r.code },
  entryField('name', '信息资源名称', text, '必填', { required: true, width: 28 }),
  entryField('category', '资源属性分类', labelled(CATEGORY), '必填，下拉选择', { required: true }),
  { ...entryField('subcategory', '项', subcategoryCodec, '必填，如“01 人口”', { required: true }), out: (r) => `${r.content.subcategory} ${subcategoryLabel(r.content.category, r.content.subcategory) ?? ''}`.trim() },
  entryField('summary', '信息资源摘要', text, '建议不少于 30 字', { width: 40 }),
  entryField('keywords', '关键字', words, '多个用“；”或“,”分隔', { width: 20 }),
  { key: 'systemId', header: '来源信息系统', hint: '本部门已登记的系统名称', width: 20, out: (r) => r.systemName, read: text.read },
  entryField('formatClass', '格式分类', labelled(FORMAT_CLASS), '下拉选择'),
  entryField('formatType', '格式类型', text, '如 PostgreSQL、xlsx、json'),
  entryField('shareType', '共享类型', labelled(SHARE_TYPE), '下拉选择'),
  entryField('shareCondition', '共享条件', text, '有条件共享时必填', { width: 24 }),
  entryField('shareMethod', '共享方式', labelled(SHARE_METHOD), '下拉选择'),
  entryField('shareChannels', '共享方式类型', labelled(SHARE_CHANNEL, true), '库表、接口、文件，可多个，用“、”分隔'),
  entryField('shareOtherMethod', '其他共享方式', text, '邮件、拷盘、介质交换等'),
  entryField('noShareBasisType', '不予共享依据类型', labelled(NO_SHARE_BASIS), '不予共享时必填'),
  entryField('noShareBasisText', '不予共享依据', text, '不予共享时必填', { width: 24 }),
  entryField('openType', '开放类型', labelled(OPEN_TYPE), '下拉选择'),
  entryField('openCondition', '开放条件', text, '有条件开放时必填', { width: 24 }),
  entryField('updateFrequency', '更新周期', labelled(UPDATE_FREQUENCY), '下拉选择'),
  entryField('grade', '数据分级', labelled(GRADE), '下拉选择（GB/T 43697）'),
  entryField('sensitivityLevel', '敏感级别', level, '一般数据填 1–4'),
  entryField('classified', '是否涉密', yesNo, '是/否（涉密资源不在本平台编目）'),
  entryField('relatedCodes', '关联资源代码', words, '多个用“；”分隔', { width: 20 }),
  entryField('dutyText', '三定职责', text, '对应的三定职责', { width: 24 }),
  entryField('dutyListRef', '责任清单编号', text, ''),
  entryField('identifiedOn', '资源确认日期', date, '如 2026-10-12'),
  entryField('dutyChangedOn', '职责变更日期', date, '如 2026-10-12'),
  entryField('recordCount', '数据量(条)', number, '整数'),
  entryField('storageMb', '存储量(MB)', number, '数字'),
  entryField('contactName', '联系人', text, ''),
  entryField('contactPhone', '联系电话', text, '如 0660-3300001'),
  entryField('contactEmail', '电子邮箱', text, ''),
  { key: 'status', header: '状态', hint: '导入时忽略', out: (r) => ENTRY_STATUS.label(r.status) },
];

const ITEM_COLUMNS: Column<ItemOut>[] = [
  seqColumn(''),
  { key: 'entrySeq', header: '所属信息资源序号', hint: '“信息资源”表中的序号', required: true, width: 10, out: (r) => r.entrySeq, read: number.read },
  itemField('name', '信息项名称', text, '必填', { required: true, width: 20 }),
  itemField('codeName', '信息项代码', text, '必填，小写字母开头，字母、数字、下划线', { required: true, width: 20 }),
  itemField('dataType', '数据类型', labelled(DATA_TYPE), '必填，下拉选择', { required: true }),
  itemField('length', '长度', number, '字符型、数值型必填'),
  itemField('description', '描述', text, '', { width: 24 }),
  itemField('codeTable', '代码表', text, '如 GB/T 2261.1-2003', { width: 20 }),
  itemField('shareType', '共享类型', labelled(SHARE_TYPE), '空为同所属资源'),
  itemField('openType', '开放类型', labelled(OPEN_TYPE), '空为同所属资源'),
  itemField('sensitivity', '个人信息属性', labelled(SENSITIVITY), '下拉选择（GB/T 35273）'),
  itemField('authoritative', '是否权威来源', yesNo, '是/否（一数一源）'),
];

const headerOf = (c: Column<unknown>) => (c.required ? `${c.header}*` : c.header);
const normalizeHeader = (s: string) => s.replace(/[*\s]/g, '').replace(/（/g, '(').replace(/）/g, ')');

// ── writing ────────────────────────────────────────────────────────────────
type WithValidations = { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

function addSheet<R>(book: ExcelJS.Workbook, name: string, columns: Column<R>[], rows: R[]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ header: headerOf(c as Column<unknown>), key: c.key, width: c.width ?? 14 }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  const hints = sheet.addRow(columns.map((c) => c.hint));
  hints.font = { italic: true, color: { argb: 'FF808080' } };
  for (const r of rows) sheet.addRow(columns.map((c) => c.out(r)));
  columns.forEach((c, i) => {
    if (!c.list) return;
    const letter = sheet.getColumn(i + 1).letter;
    (sheet as unknown as WithValidations).dataValidations.add(`${letter}3:${letter}${MAX_ROWS + 2}`, {
      type: 'list', allowBlank: true, formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: `${c.header}取值不正确`, error: `请从下拉列表中选择：${c.list.join('、')}`,
    });
  });
}

async function workbook(entries: EntryOut[], items: ItemOut[]): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook();
  book.creator = '数政';
  addSheet(book, ENTRY_SHEET, ENTRY_COLUMNS, entries);
  addSheet(book, ITEM_SHEET, ITEM_COLUMNS, items);
  return Buffer.from(await book.xlsx.writeBuffer());
}

// ── reading ────────────────────────────────────────────────────────────────
function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
    return '';
  }
  return String(v).trim();
}

interface SheetRow {
  row: number;
  values: Record<string, unknown>;
}
interface ReadSheet {
  rows: SheetRow[];
  letter(key: string): string;
}

/** Reads a sheet by its header names (a reordered or trimmed sheet still reads), collecting every cell problem. */
function readSheet<R>(book: ExcelJS.Workbook, name: string, columns: Column<R>[], problems: ImportProblem[]): ReadSheet | null {
  const sheet = book.getWorksheet(name);
  if (!sheet) {
    problems.push({ sheet: name, row: 1, column: 'A', message: `缺少工作表“${name}”，请使用下载的导入模板` });
    return null;
  }
  const found = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => found.set(normalizeHeader(cellText(cell.value)), col));
  const at = new Map<string, number>();
  columns.forEach((c, i) => {
    const col = found.get(normalizeHeader(c.header));
    if (col) at.set(c.key, col);
    else if (c.required) problems.push({ sheet: name, row: 1, column: sheet.getColumn(i + 1).letter, message: `缺少“${c.header}”列` });
  });
  const letter = (key: string) => sheet.getColumn(at.get(key) ?? columns.findIndex((c) => c.key === key) + 1).letter;
  const readable = columns.filter((c) => c.read && at.has(c.key));
  const rows: SheetRow[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const texts = readable.map((c) => [c, cellText(row.getCell(at.get(c.key)!).value)] as const);
    if (!texts.some(([, t]) => t)) return;
    // Row 2 holds the grey hints (§4.8); it is skipped only when it still is the hint row, so no data is lost.
    if (n === 2 && texts.some(([c, t]) => t && t === c.hint)) return;
    const values: Record<string, unknown> = {};
    for (const [c, t] of texts) {
      if (!t) {
        if (c.required) problems.push({ sheet: name, row: n, column: letter(c.key), message: `“${c.header}”必填` });
        continue;
      }
      const read = c.read!(t);
      if ('error' in read) problems.push({ sheet: name, row: n, column: letter(c.key), message: `“${c.header}”${read.error}` });
      else values[c.key] = read.value;
    }
    rows.push({ row: n, values });
  });
  return { rows, letter };
}

interface ParsedEntry {
  row: number;
  input: Record<string, unknown> & { items: Record<string, unknown>[] };
  itemRows: number[];
}

/** Problems the API schema finds in a parsed entry (lengths, patterns, ranges), placed on their cells. */
function schemaProblems(e: ParsedEntry, entries: ReadSheet, items: ReadSheet | null): ImportProblem[] {
  const out: ImportProblem[] = [];
  for (const err of Value.Errors(CreateEntryBody, e.input)) {
    // Missing required cells are reported by readSheet; a nullable field reports its non-null branch, the union adds nothing.
    if (err.keyword === 'required' || err.keyword === 'anyOf' || (err.keyword === 'type' && (err.params as { type?: string }).type === 'null')) continue;
    const [field, index, itemField] = err.instancePath.split('/').filter(Boolean);
    const isItem = field === 'items' && index !== undefined && items;
    const column = (isItem ? ITEM_COLUMNS : ENTRY_COLUMNS).find((c) => c.key === (isItem ? itemField : field)) as Column<unknown> | undefined;
    const described = describeValidationErrors([err as never], 'body')[0]!.message;
    const message = `“${column?.header ?? (isItem ? '信息项' : '信息资源')}”${described}${err.keyword === 'pattern' && column?.hint ? `（${column.hint}）` : ''}`;
    if (isItem) out.push({ sheet: ITEM_SHEET, row: e.itemRows[Number(index)] ?? e.row, column: items.letter(itemField ?? 'name'), message });
    else out.push({ sheet: ENTRY_SHEET, row: e.row, column: entries.letter(field ?? 'name'), message });
  }
  return out;
}

/** Reads the uploaded workbook into entry inputs; every problem of every row is collected, none is thrown early. */
async function parseWorkbook(body: Buffer, systems: Map<string, string>): Promise<{ entries: ParsedEntry[]; problems: ImportProblem[] }> {
  const book = new (await loadExcel()).Workbook();
  try {
    await book.xlsx.load(body as never, { ignoreNodes: IGNORED_NODES, maxRows: MAX_ROWS + 2 } as never);
  } catch (err) {
    if (/count \(\d+\) exceeded/.test(String(err))) throw CatalogErrors.notWorkbook(`每个工作表最多导入 ${MAX_ROWS} 行`);
    throw CatalogErrors.notWorkbook('无法读取该 Excel 文件：文件已损坏、已加密或不是 .xlsx 格式（.xls 请先另存为 .xlsx）');
  }
  const problems: ImportProblem[] = [];
  const entrySheet = readSheet(book, ENTRY_SHEET, ENTRY_COLUMNS, problems);
  const itemSheet = readSheet(book, ITEM_SHEET, ITEM_COLUMNS, problems);
  if (!entrySheet) return { entries: [], problems };

  const entries: ParsedEntry[] = [];
  const bySeq = new Map<number, ParsedEntry>();
  for (const { row, values } of entrySheet.rows) {
    const { seq, ...input } = values;
    const entry: ParsedEntry = { row, input: { ...input, items: [] }, itemRows: [] };
    entries.push(entry);
    const problem = (key: string, message: string) => problems.push({ sheet: ENTRY_SHEET, row, column: entrySheet.letter(key), message });
    if (seq !== undefined) {
      if (!Number.isInteger(seq) || (seq as number) < 1) problem('seq', '“序号”应为正整数');
      else if (bySeq.has(seq as number)) problem('seq', `“序号”${seq} 与第 ${bySeq.get(seq as number)!.row} 行重复`);
      else bySeq.set(seq as number, entry);
    }
    const { category, subcategory, systemId } = input as { category?: Category; subcategory?: string; systemId?: string };
    if (subcategory) {
      entry.input.subcategory = subcategory.slice(0, 2);
      const label = category && subcategoryLabel(category, subcategory.slice(0, 2));
      const name = subcategory.slice(2).trim();
      if (category && (!label || (name && name !== label))) {
        problem('subcategory', `“项”${subcategory} 不属于${CATEGORY.label(category)}，可选：${SUBCATEGORIES[category].map(([v, l]) => `${v} ${l}`).join('、')}`);
      }
    }
    if (systemId !== undefined) {
      const id = systems.get(systemId);
      if (id) entry.input.systemId = id;
      else problem('systemId', `“来源信息系统”${systemId} 不是本部门已登记的信息系统`);
    }
  }
  for (const { row, values } of itemSheet?.rows ?? []) {
    const { seq: _seq, entrySeq, ...item } = values;
    if (entrySeq === undefined) continue; // reported as a missing required cell
    const owner = bySeq.get(entrySeq as number);
    if (!owner) {
      problems.push({ sheet: ITEM_SHEET, row, column: itemSheet!.letter('entrySeq'), message: `“所属信息资源序号”${entrySeq} 在“${ENTRY_SHEET}”表中不存在` });
      continue;
    }
    owner.input.items.push(item);
    owner.itemRows.push(row);
  }
  if (!entries.length && !problems.length) problems.push({ sheet: ENTRY_SHEET, row: 3, column: 'A', message: '没有可导入的目录（数据从第 3 行开始）' });
  for (const e of entries) problems.push(...schemaProblems(e, entrySheet, itemSheet));
  return { entries, problems: dedupe(problems) };
}

/** One problem per cell (the first found is the most specific), in sheet, row and column order. */
function dedupe(problems: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  const sheetOrder = (p: ImportProblem) => (p.sheet === ENTRY_SHEET ? 0 : 1);
  return problems
    .filter((p) => {
      const key = `${p.sheet}!${p.column}${p.row}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => sheetOrder(a) - sheetOrder(b) || a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column));
}

/** The department catalog workbook: export, empty template and import. */
export function createExcelCatalog(deps: CatalogDeps) {
  const repo = () => createCatalogRepository(deps.db);

  return {
    /** The department's working copies except withdrawn ones; stewards export their own department, the bureau any. */
    async export(ctx: RequestContext, departmentId?: string) {
      const scope = workingScope(ctx);
      const target = departmentId ?? ctx.actor?.departmentId;
      if (!target) throw CatalogErrors.invalidField([{ path: 'querystring.departmentId', message: '请指定要导出的部门' }]);
      if (!scope.all && target !== scope.departmentId) throw CatalogErrors.notOwner('只能导出本部门的目录');
      const department = await deps.departments.get(target);
      const r = repo();
      const rows = await r.entriesOfDepartment(target, { excludeWithdrawn: true });
      const [items, systems] = await Promise.all([r.itemsOf(rows.map((x) => x.id)), r.systemsOfDepartment(target)]);
      const systemName = new Map(systems.map((s) => [s.id, s.name]));
      const entries: EntryOut[] = [];
      const itemsOut: ItemOut[] = [];
      rows.forEach((row, i) => {
        const content = contentFromRow(row, items.filter((x) => x.entry_id === row.id));
        entries.push({ seq: i + 1, code: row.code, status: row.status, content, systemName: row.system_id ? systemName.get(row.system_id) ?? null : null });
        for (const item of content.items) itemsOut.push({ seq: itemsOut.length + 1, entrySeq: i + 1, item });
      });
      return { fileName: `政务数据目录-${department.name}-${todayInChina()}.xlsx`, body: await workbook(entries, itemsOut) };
    },

    async template() {
      return { fileName: '政务数据目录导入模板.xlsx', body: await workbook([], []) };
    },

    /** Every row becomes a new draft of the caller's department, all in one transaction; any problem writes nothing. */
    async import(ctx: RequestContext, contentType: string, body: unknown) {
      const departmentId = requireDepartment(ctx);
      const isZip = Buffer.isBuffer(body) && body.length > 4 && body.readUInt32LE(0) === 0x04034b50;
      if (![XLSX_TYPE, 'application/octet-stream'].includes(contentType) || !isZip) {
        throw CatalogErrors.notWorkbook(`请求体应为 Excel 工作簿（.xlsx，Content-Type: ${XLSX_TYPE}），请使用下载的导入模板填写后上传`);
      }
      const systems = new Map((await repo().systemsOfDepartment(departmentId)).map((s) => [s.name, s.id]));
      const { entries, problems } = await parseWorkbook(body, systems);
      if (problems.length) throw CatalogErrors.importInvalid(problems);
      const department = await deps.departments.get(departmentId);
      const created = await inTransaction(deps.db, async (trx) => {
        const out = [];
        for (const e of entries) out.push(await createDraft(deps, trx, ctx, department, applyInput(null, e.input as EntryInput), 'excel'));
        return out;
      });
      return { created: created.length, entries: created };
    },
  };
}
