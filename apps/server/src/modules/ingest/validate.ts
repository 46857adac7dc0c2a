import { isKnownDivision, validateCreditCode, validateIdNumber } from '@shuzheng/standards';
import { SUBJECT_KEY_ITEMS } from '../../kernel/data-tables.ts';
import { PARSE_ERROR } from './sources.ts';

// Row validation while streaming: each mapped column gets a converter chosen once from its data item (data type,
// code name), so the per-row work is a few function calls. A converter returns the COPY text of the value or a reason.

/** A column of the target table with the data item mapped to it (from catalog.mounts.tableFor). */
export interface TargetColumn { column: string; itemCodeName: string; itemName: string; dataType: string | null }

/** target column → source column name */
export type Mapping = Record<string, string>;

export interface RowProblem { column: string; source: string | null; message: string }

type Converter = (raw: unknown) => string | { error: string } | null;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

function toText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) return raw.toISOString();
  const s = typeof raw === 'string' ? raw.trim() : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  return s === '' ? null : s;
}

const DATE_RE = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/;

function convertDate(raw: unknown): string | { error: string } | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { error: '日期无效' } : `${raw.getUTCFullYear()}-${pad(raw.getUTCMonth() + 1)}-${pad(raw.getUTCDate())}`;
  const s = toText(raw);
  if (s === null) return null;
  const m = DATE_RE.exec(s.length > 10 && /^\d{4}-\d{2}-\d{2}[ T]/.test(s) ? s.slice(0, 10) : s);
  if (!m) return { error: `日期格式不正确：${s.slice(0, 30)}（应为 YYYY-MM-DD）` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return { error: `日期无效：${s.slice(0, 30)}` };
  return `${y}-${pad(mo)}-${pad(d)}`;
}

function convertDatetime(raw: unknown): string | { error: string } | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { error: '日期时间无效' } : raw.toISOString();
  const s = toText(raw);
  if (s === null) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2} \d/.test(s) ? `${s.replace(' ', 'T')}${/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? '' : '+08:00'}` : s);
  return Number.isNaN(t) ? { error: `日期时间无效：${s.slice(0, 30)}` } : new Date(t).toISOString();
}

/** COPY text format: backslash, tab, newline and carriage return escaped. */
export function copyEscape(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** The converter of a column: by data type, then the code-name checks (ID number, credit code, *_division). */
export function converterFor(col: TargetColumn, today: string): Converter {
  const base: Converter = (() => {
    switch (col.dataType) {
      case 'date': return convertDate;
      case 'datetime': return convertDatetime;
      case 'integer': return (raw) => {
        const s = toText(raw);
        if (s === null) return null;
        return /^[-+]?\d{1,18}$/.test(s) ? s : { error: `不是整数：${s.slice(0, 30)}` };
      };
      case 'decimal': return (raw) => {
        const s = toText(raw);
        if (s === null) return null;
        return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) ? s : { error: `不是数值：${s.slice(0, 30)}` };
      };
      case 'boolean': return (raw) => {
        const s = toText(raw);
        if (s === null) return null;
        const v = s.toLowerCase();
        if (['true', 't', '1', 'y', 'yes', '是'].includes(v)) return 'true';
        if (['false', 'f', '0', 'n', 'no', '否'].includes(v)) return 'false';
        return { error: `不是布尔值：${s.slice(0, 30)}` };
      };
      case 'binary': return (raw) => {
        const s = toText(raw);
        return s === null ? null : copyEscape(s.startsWith('\\x') ? s : `\\x${Buffer.from(s, 'base64').toString('hex')}`);
      };
      default: return (raw) => {
        const s = toText(raw);
        return s === null ? null : copyEscape(s);
      };
    }
  })();
  if (col.itemCodeName === SUBJECT_KEY_ITEMS.person) {
    return (raw) => {
      const s = toText(raw);
      if (s === null) return null;
      const v = validateIdNumber(s, { today });
      return v.valid ? v.idNumber : { error: `公民身份号码不合规：${v.message}` };
    };
  }
  if (col.itemCodeName === SUBJECT_KEY_ITEMS.entity) {
    return (raw) => {
      const s = toText(raw);
      if (s === null) return null;
      const v = validateCreditCode(s);
      return v.valid ? v.creditCode : { error: `统一社会信用代码不合规：${v.message}` };
    };
  }
  if (col.itemCodeName.endsWith('_division')) {
    return (raw) => {
      const s = toText(raw);
      if (s === null) return null;
      return isKnownDivision(s) ? s : { error: `行政区划代码不在 GB/T 2260 中：${s.slice(0, 20)}` };
    };
  }
  return base;
}

export interface CompiledRow {
  /** Converts one source record; `line` is the COPY text line (without the newline). */
  convert(rec: Record<string, unknown>): { line: string; problems: null } | { line: null; problems: RowProblem[] };
}

/**
 * Compiles the row converter: the mapped columns in order, then the `deleted_at` column (set from the optional delete
 * flag column of the source). Key columns are required (not null).
 */
export function compileRow(columns: TargetColumn[], mapping: Mapping, keyColumns: string[], opts: { today: string; deleteFlagColumn?: string | null | undefined; nowIso: string }): CompiledRow {
  const mapped = columns.filter((c) => mapping[c.column]);
  const convs = mapped.map((c) => ({ column: c.column, source: mapping[c.column]!, conv: converterFor(c, opts.today), required: keyColumns.includes(c.column), label: c.itemName }));
  const flag = opts.deleteFlagColumn || null;
  return {
    convert(rec) {
      if (rec[PARSE_ERROR] !== undefined) return { line: null, problems: [{ column: '', source: null, message: String(rec[PARSE_ERROR]) }] };
      let problems: RowProblem[] | null = null;
      let line = '';
      for (let i = 0; i < convs.length; i++) {
        const c = convs[i]!;
        const out = c.conv(rec[c.source]);
        if (out === null) {
          if (c.required) (problems ??= []).push({ column: c.column, source: c.source, message: `${c.label}（${c.column}）为必填项` });
          line += i ? '\t\\N' : '\\N';
        } else if (typeof out === 'object') {
          (problems ??= []).push({ column: c.column, source: c.source, message: out.error });
        } else {
          line += i ? `\t${out}` : out;
        }
      }
      if (problems) return { line: null, problems };
      let deleted = '\\N';
      if (flag) {
        const v = toText(rec[flag]);
        if (v !== null && ['1', 'true', 't', 'y', 'yes', '是', 'd', 'deleted', '删除'].includes(v.toLowerCase())) deleted = opts.nowIso;
      }
      return { line: `${line}\t${deleted}`, problems: null };
    },
  };
}

/** Suggested mapping: a source column named like the target column, the item's code name or its Chinese name. */
export function suggestMapping(columns: TargetColumn[], sourceColumns: string[]): Mapping {
  const norm = (s: string) => s.trim().toLowerCase();
  const bySource = new Map(sourceColumns.map((s) => [norm(s), s]));
  const out: Mapping = {};
  for (const c of columns) {
    const hit = bySource.get(norm(c.column)) ?? bySource.get(norm(c.itemCodeName)) ?? bySource.get(norm(c.itemName));
    if (hit) out[c.column] = hit;
  }
  return out;
}

/** The key columns of a target: the column mapped to the subject key item (person/entity), else none. */
export function defaultKeyColumns(columns: TargetColumn[]): string[] {
  const key = columns.find((c) => c.itemCodeName === SUBJECT_KEY_ITEMS.person) ?? columns.find((c) => c.itemCodeName === SUBJECT_KEY_ITEMS.entity);
  return key ? [key.column] : [];
}
