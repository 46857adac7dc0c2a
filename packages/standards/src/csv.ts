// CSV as Excel (zh-CN) opens it and RFC 4180 writes it, shared by the server's exports and the browser's downloads.

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * One CSV cell. Text starting with = + - @ (or a tab or carriage return) is prefixed with ' so that a spreadsheet never
 * runs it as a formula (CSV injection, OWASP); numbers stay numbers. Quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: unknown): string {
  const s = text(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line with its CRLF. */
export const csvLine = (row: readonly unknown[]): string => `${row.map(csvCell).join(',')}\r\n`;

/** The byte-order mark that starts every CSV we write (Excel then reads it as UTF-8). */
export const CSV_BOM = '\uFEFF';
