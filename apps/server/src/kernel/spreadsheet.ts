import type ExcelJS from 'exceljs';
import { CSV_BOM, csvLine } from '@shuzheng/standards';

// Tables for staff who work in Excel: CSV (cells from @shuzheng/standards csv.ts: BOM, CRLF, formula text defused) and
// XLSX (one sheet, bold frozen header). ExcelJS is large and only exports and imports need it: it is loaded on first use.

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
