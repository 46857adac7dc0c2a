import { addCalendarDays, parseIsoDate, shanghaiDate, validateCreditCode, validateIdNumber } from '@shuzheng/standards';
import type { FieldProblem } from '../../kernel/errors.ts';

// The license's data model without I/O: field schemas and their validation, validity rules, the computed status,
// and the canonical signed document (docs/licenses-api.md §Canonical form).

// ── holders ──────────────────────────────────────────────────────────────────
export type HolderType = 'citizen' | 'entity';

/**
 * 持证主体代码类型 (GB/T 36903-2018 per the reference notes, [S]): 111 = 公民身份号码, 001 = 统一社会信用代码.
 */
export const HOLDER_CODES: Record<HolderType, '111' | '001'> = { citizen: '111', entity: '001' };

// ── field schemas ────────────────────────────────────────────────────────────
export type FieldType = 'string' | 'date' | 'number' | 'enum';
export type Sensitivity = 1 | 2 | 3 | 4;

/** One field of a license type: what the issuer fills in, whether it is printed on the face, how sensitive it is. */
export interface FieldDef {
  /** Key in the license data: a letter, then letters, digits or underscores. */
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Printed on the license face (证照照面). */
  onFace: boolean;
  /** 1 public … 4 most sensitive (the masking levels of @shuzheng/standards); only level 1 is shown to the public. */
  sensitivity: Sensitivity;
  /** The allowed values of an enum field. */
  options?: string[] | undefined;
  /** Longest string accepted; STRING_MAX_LENGTH when absent. */
  maxLength?: number | undefined;
}

export type FieldValue = string | number;
export type FieldValues = Record<string, FieldValue>;

export const FIELD_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,62}$';
const STRING_MAX_LENGTH = 2000;
// Control characters never belong in license text (and PostgreSQL's jsonb cannot hold U+0000); a lone surrogate
// cannot be stored as UTF-8 unchanged, so the signed text and the stored text would differ.
const UNSTORABLE = /[\u0000-\u001f\u007f]|[\uD800-\uDFFF]/u; // eslint-disable-line no-control-regex

/** Problems of a type's field schema itself (names unique, enum options present). */
export function fieldSchemaProblems(defs: FieldDef[], prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  defs.forEach((f, i) => {
    const key = f.name.toLowerCase();
    if (seen.has(key)) problems.push({ path: `${prefix}.${i}.name`, message: `字段名 ${f.name} 与第 ${seen.get(key)! + 1} 个字段重复` });
    else seen.set(key, i);
    if (f.type === 'enum' && !(f.options && f.options.length > 0)) problems.push({ path: `${prefix}.${i}.options`, message: `枚举字段「${f.label}」须列出可选值` });
    if (f.type !== 'enum' && f.options?.length) problems.push({ path: `${prefix}.${i}.options`, message: `只有枚举字段才有可选值（「${f.label}」为 ${f.type}）` });
    if (f.options && new Set(f.options).size !== f.options.length) problems.push({ path: `${prefix}.${i}.options`, message: `「${f.label}」的可选值有重复` });
  });
  return problems;
}

function textProblem(value: string, maxLength: number): string | null {
  if (UNSTORABLE.test(value)) return '不能包含控制字符或不成对的代理字符';
  if ([...value].length > maxLength) return `长度不能超过 ${maxLength} 个字符`;
  return null;
}

/**
 * Checks field values against a type's schema and returns every problem at once, with the cleaned values (strings
 * trimmed, empty optional values dropped). Unknown keys are problems, not silently dropped: a typo must not lose data.
 */
export function validateFieldValues(defs: FieldDef[], values: Record<string, unknown>, prefix: string): { problems: FieldProblem[]; clean: FieldValues } {
  const problems: FieldProblem[] = [];
  const clean: FieldValues = {};
  const byName = new Map(defs.map((d) => [d.name, d]));
  for (const key of Object.keys(values)) {
    if (!byName.has(key)) problems.push({ path: `${prefix}.${key}`, message: `证照类型没有字段「${key}」` });
  }
  for (const def of defs) {
    const path = `${prefix}.${def.name}`;
    let value = values[def.name];
    if (typeof value === 'string') value = value.trim();
    if (value === undefined || value === null || value === '') {
      if (def.required) problems.push({ path, message: `「${def.label}」必填` });
      continue;
    }
    switch (def.type) {
      case 'string': {
        if (typeof value !== 'string') { problems.push({ path, message: `「${def.label}」应为文本` }); break; }
        const p = textProblem(value, def.maxLength ?? STRING_MAX_LENGTH);
        if (p) problems.push({ path, message: `「${def.label}」${p}` });
        else clean[def.name] = value;
        break;
      }
      case 'date':
        if (typeof value !== 'string' || !isIsoDate(value)) problems.push({ path, message: `「${def.label}」应为有效日期（YYYY-MM-DD）` });
        else clean[def.name] = value;
        break;
      case 'number':
        // A JSON number only: "12" is a problem rather than a guess. Integers must be exact in a double.
        if (typeof value !== 'number' || !Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
          problems.push({ path, message: `「${def.label}」应为数字` });
        } else clean[def.name] = Object.is(value, -0) ? 0 : value;
        break;
      case 'enum':
        if (typeof value !== 'string' || !def.options?.includes(value)) {
          problems.push({ path, message: `「${def.label}」应为以下之一：${(def.options ?? []).join('、')}` });
        } else clean[def.name] = value;
        break;
    }
  }
  return { problems, clean };
}

/** Holder identity checks: GB 11643 for citizens, GB 32100 for entities; returns the normalised code. */
export function validateHolder(holderType: HolderType, holderId: string, holderName: string, prefix: string, today: string): { problems: FieldProblem[]; holderId: string; holderName: string } {
  const problems: FieldProblem[] = [];
  const id = holderId.trim().toUpperCase();
  if (holderType === 'citizen') {
    const check = validateIdNumber(id, { today });
    if (!check.valid) problems.push({ path: `${prefix}.holderId`, message: `持证人公民身份号码不正确：${check.message}` });
  } else {
    const check = validateCreditCode(id);
    if (!check.valid) problems.push({ path: `${prefix}.holderId`, message: `持证单位统一社会信用代码不正确：${check.message}` });
  }
  const name = holderName.trim();
  if (name === '') problems.push({ path: `${prefix}.holderName`, message: '持证主体名称必填' });
  else {
    const p = textProblem(name, 200);
    if (p) problems.push({ path: `${prefix}.holderName`, message: `持证主体名称${p}` });
  }
  return { problems, holderId: id, holderName: name };
}

// ── dates ────────────────────────────────────────────────────────────────────
/** The calendar day in China (UTC+8, no daylight saving) at an instant, 'YYYY-MM-DD'. */
export const chinaDate = (at: Date): string => shanghaiDate(at);

/** A real calendar date written 'YYYY-MM-DD' (years 1900–2999). */
export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== undefined && s >= '1900-01-01' && s <= '2999-12-31';
}

const fmt = (t: Date) => t.toISOString().slice(0, 10);

/** date ± n days. */
export const addDays = (date: string, n: number): string => addCalendarDays(date, n);

/**
 * The last day of a term of `months` starting on `from`: the day before the corresponding day `months` later; when
 * that day does not exist (31st, 29 February) the term ends on the last day of the shorter month
 * (2024-02-29 + 1 year → 2025-02-28; 2024-01-31 + 1 month → 2024-02-29; 2024-03-01 + 1 month → 2024-03-31).
 */
export function termEnd(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index % 12;
  const daysInTarget = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const corresponding = d > daysInTarget ? new Date(Date.UTC(ty, tm + 1, 1)) : new Date(Date.UTC(ty, tm, d));
  return fmt(new Date(corresponding.getTime() - 86_400_000));
}

// ── validity rules ───────────────────────────────────────────────────────────
/** How long a license of a type is valid: a fixed term, until a date, or permanently (长期有效). */
export interface ValidityRule {
  kind: 'term' | 'until' | 'permanent';
  years?: number | undefined;
  months?: number | undefined;
  /** For kind 'until': the last valid day. */
  until?: string | undefined;
}

export function validityProblems(rule: ValidityRule, prefix: string): FieldProblem[] {
  if (rule.kind === 'term') {
    const months = (rule.years ?? 0) * 12 + (rule.months ?? 0);
    if (months <= 0) return [{ path: `${prefix}.years`, message: '固定期限须给出年数或月数（大于 0）' }];
    if (rule.until !== undefined) return [{ path: `${prefix}.until`, message: '固定期限不能同时给出截止日期' }];
  } else if (rule.kind === 'until') {
    if (!rule.until || !isIsoDate(rule.until)) return [{ path: `${prefix}.until`, message: '截止日期须为有效日期（YYYY-MM-DD）' }];
    if (rule.years !== undefined || rule.months !== undefined) return [{ path: `${prefix}.years`, message: '截止日期规则不能同时给出年数或月数' }];
  } else if (rule.years !== undefined || rule.months !== undefined || rule.until !== undefined) {
    return [{ path: `${prefix}.kind`, message: '长期有效不能同时给出期限或截止日期' }];
  }
  return [];
}

/** The last valid day of a license that starts on validFrom, or null for 长期有效. */
export function validUntilOf(rule: ValidityRule, validFrom: string): string | null {
  if (rule.kind === 'permanent') return null;
  if (rule.kind === 'until') return rule.until!;
  return termEnd(validFrom, (rule.years ?? 0) * 12 + (rule.months ?? 0));
}

/** Chinese description of a validity rule, e.g. “自颁发之日起 5 年”. */
export function describeValidity(rule: ValidityRule): string {
  if (rule.kind === 'permanent') return '长期有效';
  if (rule.kind === 'until') return `有效期至 ${rule.until}`;
  return `自生效之日起${rule.years ? ` ${rule.years} 年` : ''}${rule.months ? ` ${rule.months} 个月` : ''}`;
}

// ── status ───────────────────────────────────────────────────────────────────
export type LicenseState = 'active' | 'superseded' | 'revoked' | 'cancelled';
export type StatusCode = 'valid' | 'expired' | 'not_yet_valid' | 'revoked' | 'cancelled' | 'superseded';

export const STATUS_LABELS: Record<StatusCode, string> = {
  valid: '有效', expired: '已过期', not_yet_valid: '尚未生效', revoked: '已吊销', cancelled: '已注销', superseded: '已换发新版本',
};

export interface LicenseStatus {
  code: StatusCode;
  label: string;
  /** The first day of this status: valid_from, the day after valid_until, the revocation date, the replacement day. */
  since: string | null;
}

/**
 * The status a license has on `today` (China date). Expiry is a query-time rule, not a stored state: a license whose
 * valid_until lies before today is 已过期 on every read, with no job that could lag behind. Revocation, cancellation
 * and replacement are stored states and win over dates.
 */
export function statusOf(row: { state: LicenseState; valid_from: string; valid_until: string | null; ended_on: string | null; superseded_at: Date | null }, today: string): LicenseStatus {
  const make = (code: StatusCode, since: string | null): LicenseStatus => ({ code, label: STATUS_LABELS[code], since });
  if (row.state === 'revoked' || row.state === 'cancelled') return make(row.state, row.ended_on);
  if (row.state === 'superseded') return make('superseded', row.superseded_at ? chinaDate(row.superseded_at) : null);
  if (today < row.valid_from) return make('not_yet_valid', row.valid_from);
  if (row.valid_until !== null && today > row.valid_until) return make('expired', addDays(row.valid_until, 1));
  return make('valid', row.valid_from);
}

// ── the signed document ──────────────────────────────────────────────────────
/** Tag of the signed document's layout; a new layout gets a new tag and both stay verifiable. */
export const DOCUMENT_FORMAT = 'shuzheng-license/1';

/** What is signed for a license: built only from the license row, never from data that may change later. */
export interface LicenseDocument {
  format: typeof DOCUMENT_FORMAT;
  identifier: string;
  version: number;
  type: { code: string; name: string };
  issuer: { code: string; name: string };
  holder: { type: '111' | '001'; id: string; name: string };
  fields: FieldValues;
  issuedOn: string;
  validFrom: string;
  /** null = 长期有效 */
  validUntil: string | null;
}

export interface DocumentSource {
  identifier: string;
  version: number;
  type_code: string;
  type_name: string;
  issuer_code: string;
  issuer_name: string;
  holder_type: HolderType;
  holder_id: string;
  holder_name: string;
  fields: FieldValues;
  issued_on: string;
  valid_from: string;
  valid_until: string | null;
}

export function licenseDocument(row: DocumentSource): LicenseDocument {
  return {
    format: DOCUMENT_FORMAT,
    identifier: row.identifier,
    version: row.version,
    type: { code: row.type_code, name: row.type_name },
    issuer: { code: row.issuer_code, name: row.issuer_name },
    holder: { type: HOLDER_CODES[row.holder_type], id: row.holder_id, name: row.holder_name },
    fields: row.fields,
    issuedOn: row.issued_on,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
  };
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers written as
 * ECMAScript's JSON.stringify writes them, `undefined` members left out. For the values used here (strings, finite
 * numbers, booleans, null, arrays, plain objects) this is RFC 8785 (JCS). Signed as its UTF-8 bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('规范化 JSON 不能包含 NaN 或无穷大');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`规范化 JSON 不支持 ${typeof value} 类型的值`);
  }
}

/** The bytes that are hashed (SM3) and sealed for a license. */
export const documentBytes = (row: DocumentSource): Buffer => Buffer.from(canonicalJson(licenseDocument(row)), 'utf8');
