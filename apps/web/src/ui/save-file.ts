import { CSV_BOM, csvLine } from '@shuzheng/standards';

// Files made in the browser (a table as CSV, an API answer kept as a file). Exports the server builds are plain
// links instead (`downloadUrl` in api.ts), so the browser streams them itself.

/** Saves text or bytes as a file in the browser's downloads. */
export function saveFile(content: string | Blob, fileName: string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface CsvColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
}

/**
 * RFC 4180 CSV with a UTF-8 byte order mark, so that Excel (zh-CN) opens the Chinese text correctly.
 * Cells that start with = + - @ are prefixed with ' so that a spreadsheet never runs them as formulas.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  return CSV_BOM + csvLine(columns.map((c) => c.title)) + rows.map((r) => csvLine(columns.map((c) => c.value(r)))).join('');
}
