// Reading the dates people paste (from the State Council notice, a spreadsheet, …) into ISO dates of one year.

export interface ParsedDates {
  /** Distinct ISO dates (YYYY-MM-DD), ascending. */
  dates: string[];
  /** Chinese problems, one per bad entry. */
  errors: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const FULL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const MONTH_DAY = /^(\d{1,2})[-/.月](\d{1,2})日?$/;
const DAY_ONLY = /^(\d{1,2})日?$/;

/** One date; `context` supplies the year (and the month for a bare day at the end of a range). */
function parseOne(token: string, year: number, month?: number): { date: string } | { error: string } {
  let m = FULL.exec(token);
  if (m) {
    const y = Number(m[1]);
    const date = isoDate(y, Number(m[2]), Number(m[3]));
    if (!date) return { error: `“${token}”不是有效日期` };
    if (y !== year) return { error: `“${token}”不在 ${year} 年` };
    return { date };
  }
  m = MONTH_DAY.exec(token);
  if (m) {
    const date = isoDate(year, Number(m[1]), Number(m[2]));
    return date ? { date } : { error: `“${token}”不是有效日期` };
  }
  m = DAY_ONLY.exec(token);
  if (m && month !== undefined) {
    const date = isoDate(year, month, Number(m[1]));
    return date ? { date } : { error: `“${token}”不是有效日期` };
  }
  return { error: `无法识别“${token}”，请使用 ${year}-10-01 这样的格式` };
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Accepts dates separated by new lines, spaces, commas or 、; ranges with ~ 至 到 —;
 * formats 2026-10-01, 2026/10/1, 2026.10.1, 2026年10月1日, 10月1日, 10-1 and, at the end of a range, 8日.
 */
export function parseDates(text: string, year: number): ParsedDates {
  const normalized = text.replace(/\s*(~|～|至|到|—|–)\s*/g, '~');
  const tokens = normalized.split(/[\s,，、;；]+/).filter(Boolean);
  const dates = new Set<string>();
  const errors: string[] = [];
  for (const token of tokens) {
    const parts = token.split('~');
    if (parts.length === 1) {
      const r = parseOne(token, year);
      if ('date' in r) dates.add(r.date);
      else errors.push(r.error);
      continue;
    }
    const [a, b] = parts;
    if (parts.length !== 2 || !a || !b) {
      errors.push(`无法识别“${token}”`);
      continue;
    }
    const start = parseOne(a, year);
    if ('error' in start) {
      errors.push(start.error);
      continue;
    }
    const end = parseOne(b, year, Number(start.date.slice(5, 7)));
    if ('error' in end) {
      errors.push(end.error);
      continue;
    }
    if (end.date < start.date) {
      errors.push(`“${token}”的结束日期早于开始日期`);
      continue;
    }
    for (let d = start.date, i = 0; d <= end.date && i < 366; d = addDays(d, 1), i++) dates.add(d);
  }
  return { dates: [...dates].sort(), errors };
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayMondayFirst(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return (d + 6) % 7;
}

export const isWeekend = (iso: string) => weekdayMondayFirst(iso) >= 5;
