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
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.title)).join(','), ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
