import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Page } from '../../kernel/schemas.ts';
import { loadExcel } from '../../kernel/spreadsheet.ts';
import type { FieldDef } from './license-model.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createImportRepository, type ImportRow, type ImportSummaryRow, type RejectedRow } from './licenses-import.repository.ts';
import type { TypeRow } from './licenses.repository.ts';
import { departmentCache, nowOf, readableDepartment, todayOf, type DepartmentRef, type LicensesDeps } from './licenses-core.ts';
import { prepareRow, type createIssuance, type IssueRow } from './issue-license.ts';

// 存量证照导入 (docs/licenses-api.md §4.1): a workbook of licenses issued on paper before the platform, one sheet per
// type. The upload is read at once (streaming, WorkbookReader) so that a bad file is a 400 with nothing written; the
// rows are then checked with the issuance rules (prepareRow) and issued in the background in batches of at most 500
// through the ordinary batch path — each batch one transaction, sealed with the department's active seal, audited as
// licenses.license.issue-batch. An earlier 发证日期 (issuedOn) is what marks a license as stock. Rows with problems are
// collected with their row number and every problem, and can be downloaded as a workbook to fix and upload again.
//
// The work runs in this process, one import at a time (the embedded database has one connection anyway); the file
// is held in memory until its import ends. An import whose process died stays 'queued'/'running' in the table and is
// shown as failed once it has made no progress for STALE_MS (see importView); it is not resumed.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Data rows one workbook may hold. */
export const IMPORT_MAX_ROWS = 100_000;
/** Rows per issuing transaction (the batch path's limit). */
export const IMPORT_BATCH_SIZE = 500;
/** Rejected rows kept for the report (rejected_rows counts all of them). */
export const IMPORT_REJECTED_KEPT = 10_000;
/** An import without progress for this long is taken as interrupted. */
const STALE_MS = 10 * 60_000;
const DATA_SHEET = '证照数据';
const HELP_SHEET = '说明';
const OPTIONS_SHEET = '可选值';
/** Column of the rejected-rows workbook; ignored on upload so a fixed file can go straight back in. */
const PROBLEM_HEADER = '问题';

type Issuance = ReturnType<typeof createIssuance>;
type Cell = string | number | null;

interface Column {
  key: 'holderId' | 'holderName' | 'issuedOn' | 'validFrom' | `field:${string}`;
  header: string;
  required: boolean;
  kind: 'code' | 'text' | 'date' | 'number' | 'enum';
  field?: FieldDef;
  hint: string;
}

const normalizeHeader = (s: string) => s.replace(/[*＊\s]/g, '').replace(/（/g, '(').replace(/）/g, ')');
const headerOf = (c: Column) => (c.required ? `${c.header}*` : c.header);

/** The template's columns for a type: holder code and name, 发证日期, 有效期起始, then every field of the type. */
export function columnsOf(type: Pick<TypeRow, 'holder_type' | 'fields'>): Column[] {
  const citizen = type.holder_type === 'citizen';
  const columns: Column[] = [
    { key: 'holderId', header: citizen ? '持证人公民身份号码' : '持证单位统一社会信用代码', required: true, kind: 'code', hint: citizen ? '18 位公民身份号码（GB 11643），末位 X 大写小写均可' : '18 位统一社会信用代码（GB 32100）' },
    { key: 'holderName', header: citizen ? '持证人姓名' : '持证单位名称', required: true, kind: 'text', hint: '与证照原件一致' },
    { key: 'issuedOn', header: '发证日期', required: true, kind: 'date', hint: '原纸质证照的发证日期，不晚于今天；日期单元格或 YYYY-MM-DD 文本' },
    { key: 'validFrom', header: '有效期起始', required: false, kind: 'date', hint: '空为发证日期；有效期截止由证照类型的有效期规则计算' },
  ];
  const taken = new Set(columns.map((c) => normalizeHeader(c.header)));
  for (const f of type.fields as FieldDef[]) {
    // A label that repeats another column's gets the field name, so every header stays unique.
    let header = f.label;
    if (taken.has(normalizeHeader(header))) header = `${f.label}(${f.name})`;
    taken.add(normalizeHeader(header));
    const kind = f.type === 'string' ? 'text' : f.type;
    const hint = f.type === 'date' ? '日期单元格或 YYYY-MM-DD 文本' : f.type === 'number' ? '数字' : f.type === 'enum' ? `下拉选择：${(f.options ?? []).join('、')}` : f.maxLength ? `文本，最多 ${f.maxLength} 字` : '文本';
    columns.push({ key: `field:${f.name}`, header, required: f.required, kind, field: f, hint });
  }
  return columns;
}

// ── template ─────────────────────────────────────────────────────────────────
async function templateWorkbook(type: TypeRow, columns: Column[]): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook();
  book.creator = '数政';
  const sheet = book.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: headerOf(c), key: c.key, width: c.kind === 'code' ? 24 : c.kind === 'date' ? 14 : 18,
    // Codes as text, or Excel turns an 18-digit ID number into 4.41502E+17 and loses its last digits.
    style: c.kind === 'code' || c.kind === 'text' || c.kind === 'enum' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = c.hint;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });

  // Dropdowns for enum fields read their options from a hidden sheet (an inline list is limited to 255 characters).
  const enums = columns.filter((c) => c.kind === 'enum');
  if (enums.length) {
    const options = book.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
    enums.forEach((c, j) => {
      const list = c.field?.options ?? [];
      options.getRow(1).getCell(j + 1).value = c.header;
      list.forEach((o, k) => (options.getRow(k + 2).getCell(j + 1).value = o));
      const letter = options.getColumn(j + 1).letter;
      const target = sheet.getColumn(columns.indexOf(c) + 1).letter;
      (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${target}2:${target}${IMPORT_MAX_ROWS + 1}`, {
        type: 'list', allowBlank: true, formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${list.length + 1}`],
        showErrorMessage: true, errorStyle: 'stop', errorTitle: `${c.header}取值不正确`, error: `请从下拉列表中选择：${list.join('、')}`,
      });
    });
  }
  columns.forEach((c, i) => {
    if (c.kind !== 'date') return;
    const letter = sheet.getColumn(i + 1).letter;
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${IMPORT_MAX_ROWS + 1}`, {
      type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(1949, 8, 30))],
      showErrorMessage: true, errorStyle: 'warning', errorTitle: `${c.header}应为日期`, error: '请填写日期，如 2019-06-18',
    });
  });

  const help = book.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 26 }, { width: 90 }];
  const lines: [string, string][] = [
    ['证照类型', `${type.name}（${type.code}）`],
    ['用途', '导入本部门以往颁发的纸质证照（存量证照）：每行一本，逐行校验后制成电子证照并加盖本部门电子印章。'],
    ['填写', `在“${DATA_SHEET}”表第 2 行起每行填写一本证照；第 1 行表头不要修改（可调整列的顺序，带 * 的列必填）。最多 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行。`],
    ['日期', '使用日期单元格，或文本 YYYY-MM-DD（如 2019-06-18），也接受 2019/6/18、2019年6月18日。'],
    ['发证日期', '原证照的发证日期，必填，不能晚于今天。有效期截止日期按证照类型的有效期规则计算。'],
    ['持证主体', type.holder_type === 'citizen' ? '公民身份号码须通过 GB 11643 校验。' : '统一社会信用代码须通过 GB 32100 校验。'],
    ['不重复制证', '同一持证主体已有本类型的现行证照（未注销、吊销、换发，未过期）的行不导入；同一文件中同一持证主体出现多次，只导入第一行。'],
    ['问题行', '有问题的行不制证，其余行照常制证。导入完成后可下载“问题行”文件：保留原列并在最后加“问题”列，改正后可直接再次上传。'],
  ];
  for (const c of columns) lines.push([headerOf(c), c.hint]);
  for (const [k, v] of lines) {
    const row = help.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

// ── reading ──────────────────────────────────────────────────────────────────
const pad2 = (s: string) => s.padStart(2, '0');
/** Excel's day 0 (serial 1 = 1900-01-01, with the 1900 leap-year bug folded in for dates after February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v == null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim() || null;
    if ('result' in v) return cellValue((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim() || null;
    if ('error' in v) return null;
    return null;
  }
  return String(v).trim() || null;
}

const cellText = (c: Cell) => (c === null ? '' : String(c));

/** A date cell's 'YYYY-MM-DD', from a date cell, a bare Excel serial or common written forms; anything else as written. */
function dateOf(c: Cell): string | undefined {
  if (c === null) return undefined;
  if (typeof c === 'number') {
    if (c > 0 && c < 2_958_466) return new Date(EXCEL_EPOCH + Math.floor(c) * 86_400_000).toISOString().slice(0, 10);
    return String(c);
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(c);
  return m ? `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}` : c;
}

interface ParsedFile {
  rows: { row: number; cells: Cell[] }[];
}

/** Reads the data sheet by its header names; a bad file, unknown or missing columns and an empty sheet are 400s. */
async function readWorkbook(body: Buffer, columns: Column[]): Promise<ParsedFile> {
  const bad = LicensesErrors.importFileInvalid;
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(Readable.from([body]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let chosen = false;
  let at: number[] | null = null; // sheet column (1-based) of each template column, 0 = absent
  const rows: ParsedFile['rows'] = [];
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name;
      // The data sheet by name, else the first sheet (a file saved from another program may rename it).
      if (chosen || (name !== DATA_SHEET && name !== undefined && [HELP_SHEET, OPTIONS_SHEET].includes(name))) {
        for await (const _row of sheet) void _row; // drain
        continue;
      }
      chosen = true;
      for await (const row of sheet) {
        if (!at) {
          at = headerMap(row, columns);
          continue;
        }
        const cells = columns.map((_, i) => (at![i] ? cellValue(row.getCell(at![i]!).value) : null));
        if (cells.every((c) => c === null)) continue;
        if (rows.length >= IMPORT_MAX_ROWS) throw bad(`每个文件最多导入 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行，请拆分后分批上传`);
        rows.push({ row: row.number, cells });
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bad('无法读取该 Excel 文件：文件已损坏、已加密或不是 .xlsx 格式（.xls 请先另存为 .xlsx）');
  }
  if (!at) throw bad(`文件中没有“${DATA_SHEET}”表或表头为空，请使用下载的导入模板`);
  if (!rows.length) throw bad(`“${DATA_SHEET}”表没有数据（数据从第 2 行开始）`);
  return { rows };
}

function headerMap(row: ExcelJS.Row, columns: Column[]): number[] {
  const found = new Map<string, number>();
  const unknown: string[] = [];
  const byHeader = new Map(columns.map((c, i) => [normalizeHeader(c.header), i]));
  row.eachCell((cell, col) => {
    const text = cellText(cellValue(cell.value));
    if (!text) return;
    const key = normalizeHeader(text);
    if (key === PROBLEM_HEADER) return;
    if (!byHeader.has(key)) unknown.push(text);
    else if (found.has(key)) unknown.push(`${text}（重复）`);
    else found.set(key, col);
  });
  const missing = columns.filter((c) => c.required && !found.has(normalizeHeader(c.header))).map((c) => c.header);
  const problems = [
    ...(missing.length ? [`缺少必填列：${missing.join('、')}`] : []),
    ...(unknown.length ? [`不认识的列：${unknown.join('、')}`] : []),
  ];
  if (problems.length) throw LicensesErrors.importFileInvalid(`表头与该证照类型的导入模板不符（${problems.join('；')}），请下载模板后填写`);
  return columns.map((c) => found.get(normalizeHeader(c.header)) ?? 0);
}

/** One sheet row as an issuance row; numbers written as text in number columns are read as numbers. */
function issueRowOf(columns: Column[], cells: Cell[]): IssueRow {
  const fields: Record<string, unknown> = {};
  const out: IssueRow = { holderId: '', holderName: '', fields };
  columns.forEach((c, i) => {
    const v = cells[i] ?? null;
    if (c.key === 'holderId') out.holderId = cellText(v);
    else if (c.key === 'holderName') out.holderName = cellText(v);
    else if (c.key === 'issuedOn') out.issuedOn = dateOf(v);
    else if (c.key === 'validFrom') out.validFrom = dateOf(v);
    else if (v !== null) {
      const name = c.field!.name;
      if (c.kind === 'date') fields[name] = dateOf(v);
      else if (c.kind === 'number') fields[name] = typeof v === 'number' ? v : /^-?\d+(\.\d+)?$/.test(v.replace(/,/g, '')) ? Number(v.replace(/,/g, '')) : v;
      else fields[name] = typeof v === 'number' ? String(v) : v;
    }
  });
  return out;
}

// ── the service part ─────────────────────────────────────────────────────────
interface Job {
  id: string;
  ctx: RequestContext;
  type: TypeRow;
  department: DepartmentRef;
  columns: Column[];
  rows: ParsedFile['rows'];
}

/** 存量证照导入: template, upload, background issuing with progress, the rejected rows as a workbook. */
export function createStockImports(deps: LicensesDeps, issuance: Issuance) {
  const repo = () => createImportRepository(deps.db);
  let queue: Promise<void> = Promise.resolve();
  /** Imports this process has queued or is running; any other unfinished import without recent progress was cut off. */
  const mine = new Set<string>();

  async function importView(row: ImportSummaryRow) {
    const department = await departmentCache(deps)(row.department_id);
    const now = nowOf(deps).getTime();
    let status = row.status;
    let error = row.error;
    if ((status === 'queued' || status === 'running') && !mine.has(row.id) && now - row.updated_at.getTime() > STALE_MS) {
      status = 'failed';
      error = `导入中断（服务重启或进程退出），已制证 ${row.issued_rows} 本；请下载问题行并核对后，将未处理的行重新导入`;
    }
    const started = row.started_at?.getTime();
    const until = row.finished_at?.getTime() ?? now;
    const seconds = started !== undefined ? Math.max((until - started) / 1000, 0.001) : null;
    const rate = seconds !== null && row.done_rows > 0 ? row.done_rows / seconds : null;
    return {
      id: row.id,
      typeCode: row.type_code,
      typeName: row.type_name,
      department: { id: row.department_id, name: department?.name ?? '' },
      createdBy: { id: row.created_by, name: row.created_by_name ?? '' },
      fileName: row.file_name,
      status,
      total: row.total_rows,
      done: row.done_rows,
      issued: row.issued_rows,
      rejected: row.rejected_rows,
      percent: row.total_rows ? Math.floor((row.done_rows / row.total_rows) * 100) : 100,
      rowsPerSecond: rate === null ? null : Math.round(rate * 10) / 10,
      etaSeconds: status === 'succeeded' ? 0 : status === 'running' && rate ? Math.ceil((row.total_rows - row.done_rows) / rate) : null,
      error,
      createdAt: row.created_at.toISOString(),
      startedAt: row.started_at?.toISOString() ?? null,
      finishedAt: row.finished_at?.toISOString() ?? null,
    };
  }

  async function visible(ctx: RequestContext, id: string): Promise<ImportRow> {
    const row = await repo().importById(id);
    const dept = readableDepartment(ctx);
    if (!row || dept === 'none' || (dept !== null && dept !== row.department_id)) throw LicensesErrors.importNotFound(id);
    return row;
  }

  /** Checks one slice of rows and issues the good ones in one batch; returns what became of each row. */
  async function step(job: Job, slice: ParsedFile['rows'], seen: Map<string, number>, today: string) {
    const rejected: RejectedRow[] = [];
    const candidates: { row: number; cells: Cell[]; item: IssueRow; holderId: string }[] = [];
    for (const { row, cells } of slice) {
      const item = issueRowOf(job.columns, cells);
      const missingIssuedOn = item.issuedOn === undefined;
      const checked = prepareRow(job.type, item, 'row', today);
      // Issuance names the dates 颁发日期 / 生效日期; the template's columns are 发证日期 / 有效期起始.
      const problems = checked.problems.map((p) =>
        p.path === 'row.issuedOn' ? p.message.replace('颁发日期', '发证日期') : p.path === 'row.validFrom' ? p.message.replace('生效日期', '有效期起始') : p.message);
      if (missingIssuedOn) problems.unshift('“发证日期”必填（存量证照须填写原证照的发证日期）');
      const holderId = checked.prepared.holderId;
      if (holderId && seen.has(holderId)) problems.push(`与第 ${seen.get(holderId)} 行的持证主体相同（同一持证主体的同类证照只导入一本）`);
      else if (holderId) seen.set(holderId, row);
      if (problems.length) rejected.push({ row, problems, cells: cells.map(cellText) });
      else candidates.push({ row, cells, item, holderId });
    }
    // Issuance itself does not refuse a second license of a type for a holder; the import does (docs §4.1).
    const holding = await repo().holdersWithCurrent(job.type.code, candidates.map((c) => c.holderId), today);
    let pending = candidates.filter((c) => {
      if (!holding.has(c.holderId)) return true;
      rejected.push({ row: c.row, problems: ['该持证主体已有本类型的现行证照，未重复制证'], cells: c.cells.map(cellText) });
      return false;
    });
    let issued = 0;
    // A row the batch path still refuses (e.g. the day turned between the checks) is rejected and the rest retried.
    for (let attempt = 0; pending.length && attempt < 3; attempt++) {
      try {
        const result = await issuance.issueBatch(job.ctx, { typeCode: job.type.code, issuerDepartmentId: job.department.id, items: pending.map((c) => c.item) });
        issued += result.count;
        pending = [];
      } catch (err) {
        const rows = err instanceof AppError && err.code === 'LICENSES_BATCH_INVALID' ? (err.details.rows as { row: number; problems: { message: string }[] }[] | undefined) : undefined;
        if (!rows?.length) throw err;
        const bad = new Map(rows.map((r) => [r.row, r.problems.map((p) => p.message)]));
        for (const [i, c] of pending.entries()) if (bad.has(i)) rejected.push({ row: c.row, problems: bad.get(i)!, cells: c.cells.map(cellText) });
        pending = pending.filter((_, i) => !bad.has(i));
      }
    }
    for (const c of pending) rejected.push({ row: c.row, problems: ['多次制证未成功，请重新导入该行'], cells: c.cells.map(cellText) });
    return { issued, rejected: rejected.sort((a, b) => a.row - b.row) };
  }

  async function run(job: Job) {
    const r = repo();
    let kept = 0;
    try {
      await r.markRunning(job.id, nowOf(deps));
      const today = todayOf(deps);
      const seen = new Map<string, number>();
      for (let i = 0; i < job.rows.length; i += IMPORT_BATCH_SIZE) {
        const slice = job.rows.slice(i, i + IMPORT_BATCH_SIZE);
        const { issued, rejected } = await step(job, slice, seen, today);
        const keep = rejected.slice(0, Math.max(0, IMPORT_REJECTED_KEPT - kept));
        kept += keep.length;
        await r.addProgress(job.id, { done: slice.length, issued, rejected: rejected.length, rejectedRows: keep }, nowOf(deps));
      }
      await r.finish(job.id, 'succeeded', null, nowOf(deps));
    } catch (err) {
      const message = err instanceof AppError ? err.message : '导入意外中止，请联系管理员查看服务日志';
      if (!(err instanceof AppError)) console.error('licenses import failed', job.id, err); // eslint-disable-line no-console
      await r.finish(job.id, 'failed', `${message}（已处理的行保持不变）`, nowOf(deps)).catch(() => {});
    }
  }

  return {
    /** An empty workbook for a type: the columns, dropdowns for enum fields, date formats, and a 说明 sheet. */
    async template(typeCode: string) {
      const type = await issuance.issuableType(typeCode);
      return { fileName: `存量证照导入模板-${type.name}.xlsx`, body: await templateWorkbook(type, columnsOf(type)) };
    },

    /**
     * Reads the workbook (400 and nothing written when the file, its header or its rows cannot be used), records the
     * import and starts it in the background; answers at once with the import's id.
     */
    async start(ctx: RequestContext, input: { typeCode: string; issuerDepartmentId?: string | undefined; fileName?: string | undefined; contentType: string; body: unknown }) {
      const type = await issuance.issuableType(input.typeCode);
      const department = await issuance.issuingDepartment(ctx, type, input.issuerDepartmentId);
      const body = input.body;
      const isZip = Buffer.isBuffer(body) && body.length > 4 && body.readUInt32LE(0) === 0x04034b50;
      if (![XLSX_TYPE, 'application/octet-stream'].includes(input.contentType) || !isZip) {
        throw LicensesErrors.importFileInvalid(`请上传 Excel 工作簿（.xlsx，Content-Type: ${XLSX_TYPE}），请使用下载的导入模板填写`);
      }
      const columns = columnsOf(type);
      const { rows } = await readWorkbook(body, columns);
      const id = randomUUID();
      const fileName = (input.fileName?.trim() || `${type.name}.xlsx`).slice(0, 200);
      await inTransaction(deps.db, async (trx) => {
        await createImportRepository(trx).insertImport({
          id, type_id: type.id, type_code: type.code, type_name: type.name, department_id: department.id, created_by: ctx.actor?.userId ?? null,
          created_by_name: ctx.actor?.displayName ?? null, file_name: fileName, status: 'queued', total_rows: rows.length,
          columns: JSON.stringify(columns.map(headerOf)), error: null, started_at: null, finished_at: null,
        });
        await deps.audit.record(trx, ctx, {
          action: 'licenses.license.import', targetType: 'license-import', targetId: id,
          details: { typeCode: type.code, departmentId: department.id, fileName, rows: rows.length },
        });
      });
      const job: Job = { id, ctx, type, department, columns, rows };
      mine.add(id);
      queue = queue.then(() => run(job)).finally(() => mine.delete(id));
      return { id };
    },

    async list(ctx: RequestContext, filter: { typeCode?: string | undefined; departmentId?: string | undefined }, page: Page) {
      const dept = readableDepartment(ctx);
      if (dept === 'none' || (dept !== null && filter.departmentId && filter.departmentId !== dept)) return { items: [], total: 0, ...page };
      const { rows, total } = await repo().listImports({ typeCode: filter.typeCode, departmentId: dept ?? filter.departmentId }, page.pageSize, (page.page - 1) * page.pageSize);
      return { items: await Promise.all(rows.map(importView)), total, ...page };
    },

    async get(ctx: RequestContext, id: string) {
      return importView(await visible(ctx, id));
    },

    /** The rejected rows with the template's columns and a 问题 column, ready to fix and upload again. */
    async rejectedWorkbook(ctx: RequestContext, id: string) {
      const row = await visible(ctx, id);
      const book = new (await loadExcel()).Workbook();
      book.creator = '数政';
      const sheet = book.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
      const headers = [...(row.columns as string[]), PROBLEM_HEADER];
      sheet.columns = headers.map((h, i) => ({ header: h, width: i === headers.length - 1 ? 60 : 18, style: { numFmt: '@' } }));
      sheet.getRow(1).font = { bold: true };
      for (const r of row.rejected) {
        const added = sheet.addRow([...r.cells.map((c) => c || null), `第 ${r.row} 行：${r.problems.join('；')}`]);
        added.getCell(headers.length).font = { color: { argb: 'FFC00000' } };
      }
      // The note goes on its own sheet, which an upload skips, so the file can be fixed and uploaded as it is.
      const note = book.addWorksheet(HELP_SHEET);
      note.addRow([`${row.file_name}：共 ${row.total_rows} 行，制证 ${row.issued_rows} 本，问题行 ${row.rejected_rows} 行。改正“${PROBLEM_HEADER}”列所述问题后，可将本文件直接再次上传（“${PROBLEM_HEADER}”列会被忽略）。`]);
      if (row.rejected_rows > row.rejected.length) note.addRow([`另有 ${row.rejected_rows - row.rejected.length} 行问题行未列出（只保留前 ${IMPORT_REJECTED_KEPT} 行）。`]);
      return { fileName: `存量证照问题行-${row.type_name}-${row.created_at.toISOString().slice(0, 10)}.xlsx`, body: Buffer.from(await book.xlsx.writeBuffer()) };
    },

    /** Resolves when every import started so far has ended (tests, shutdown). */
    idle: () => queue,
  };
}

export type StockImports = ReturnType<typeof createStockImports>;
