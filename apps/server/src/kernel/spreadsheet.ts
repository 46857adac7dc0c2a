import type ExcelJS from 'exceljs';

// Tables for staff who work in Excel: CSV (UTF-8 with a BOM, so Excel opens Chinese text correctly; CRLF) and XLSX
// (one sheet, bold frozen header). ExcelJS is large and only exports and imports need it: it is loaded on first use.

let excel: Promise<typeof ExcelJS> | null = null;
/** ExcelJS, imported the first time something needs it. */
export const loadExcel = (): Promise<typeof ExcelJS> => (excel ??= import('exceljs').then((m) => m.default));

export interface SheetColumn {
  header: string;
  /** in characters */
  width?: number;
}
type Columns = (string | SheetColumn)[];
const title = (c: string | SheetColumn) => (typeof c === 'string' ? c : c.header);

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * One CSV cell. Text starting with = + - @ is prefixed with ' so that a spreadsheet never runs it as a formula
 * (CSV injection, OWASP); numbers stay numbers. Quoted when it holds a comma, quote or line break (RFC 4180).
 */
export function csvCell(value: unknown): string {
  const s = text(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line with its CRLF. */
export const csvLine = (row: unknown[]): string => `${row.map(csvCell).join(',')}\r\n`;

/** The byte-order mark that starts every CSV we write. */
export const CSV_BOM = '\uFEFF';

/** A whole table as CSV: header line, then the rows. */
export function csvOf(columns: Columns, rows: unknown[][]): Buffer {
  return Buffer.from(CSV_BOM + csvLine(columns.map(title)) + rows.map(csvLine).join(''), 'utf8');
}

/** A whole table as an XLSX workbook of one sheet: bold frozen header, column widths when given. */
export async function xlsxOf(sheetName: string, columns: Columns, rows: unknown[][]): Promise<Buffer> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  book.creator = '数政';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(columns.map(title)).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = typeof c === 'string' ? Math.max(10, Math.min(40, c.length * 2 + 4)) : (c.width ?? 16);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
