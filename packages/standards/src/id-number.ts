// Citizen identification number (公民身份号码), GB 11643-1999: 6-digit address code (GB/T 2260),
// 8-digit birth date YYYYMMDD, 3-digit sequence code (odd for men, even for women) and an
// ISO 7064 MOD 11-2 check character.

import { formatDayNumber, parseIsoDate, shanghaiDate } from './civil-date.ts';
import { getDivision, isKnownDivision } from './divisions.ts';
import { mod11_2 } from './iso7064.ts';
import type { Rng } from './rng.ts';

export type Gender = 'male' | 'female';

export interface IdNumberInfo {
  /** The number with a lower-case check 'x' upper-cased. */
  idNumber: string;
  /** Address code (digits 1–6). */
  divisionCode: string;
  /** Whether the full address code is in the current division table (old codes are not). */
  knownDivision: boolean;
  /** 'YYYY-MM-DD'. */
  birthDate: string;
  gender: Gender;
}

export type IdNumberInvalidReason =
  | 'length'
  | 'charset'
  | 'division'
  | 'birth_date'
  | 'birth_date_future'
  | 'birth_date_too_early'
  | 'check_digit';

export type IdNumberValidation =
  | ({ valid: true } & IdNumberInfo)
  | { valid: false; reason: IdNumberInvalidReason; message: string };

export interface IdNumberOptions {
  /** Reference date for the "not in the future" rule; defaults to today in Beijing time. */
  today?: string;
}

/** Thrown by parseIdNumber; carries the machine-readable reason. */
export class InvalidIdNumberError extends Error {
  override readonly name = 'InvalidIdNumberError';
  readonly reason: IdNumberInvalidReason;

  constructor(reason: IdNumberInvalidReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Earliest birth year accepted: no living person, and no record worth migrating, is older. */
const MIN_BIRTH_YEAR = 1850;

function resolveToday(options: IdNumberOptions): { today: string; todayDay: number } {
  const today = options.today ?? shanghaiDate(new Date());
  const todayDay = parseIsoDate(today);
  if (todayDay === undefined) throw new RangeError(`today 应为 YYYY-MM-DD：${today}`);
  return { today, todayDay };
}

const invalid = (reason: IdNumberInvalidReason, message: string): IdNumberValidation => ({
  valid: false,
  reason,
  message,
});

/** Checks an 18-character citizen ID number (lower-case check 'x' accepted). */
export function validateIdNumber(input: string, options: IdNumberOptions = {}): IdNumberValidation {
  if (input.length !== 18) return invalid('length', `公民身份号码应为 18 位，实际为 ${input.length} 位`);
  // GB 11643-1999 「号码的结构」: 17 digits then a check character 0–9 or X.
  if (!/^\d{17}[\dXx]$/.test(input)) return invalid('charset', '公民身份号码前 17 位应为数字，末位应为数字或 X');
  const idNumber = input.toUpperCase();

  // GB 11643-1999 「地址码」: the GB/T 2260 code of the county of residence at registration.
  // Codes of abolished counties stay in use, so only the province must exist.
  const divisionCode = idNumber.slice(0, 6);
  if (getDivision(`${divisionCode.slice(0, 2)}0000`)?.level !== 'province') {
    return invalid('division', `地址码 ${divisionCode} 的省级代码 ${divisionCode.slice(0, 2)} 不存在`);
  }

  // GB 11643-1999 「出生日期码」: YYYYMMDD per GB/T 7408.
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (Number(birthDate.slice(0, 4)) < MIN_BIRTH_YEAR) {
    return invalid('birth_date_too_early', `出生日期 ${birthDate} 早于 ${MIN_BIRTH_YEAR} 年`);
  }
  const birthDay = parseIsoDate(birthDate);
  if (birthDay === undefined) return invalid('birth_date', `出生日期 ${birthDate} 不是有效日期`);
  if (birthDay > resolveToday(options).todayDay) {
    return invalid('birth_date_future', `出生日期 ${birthDate} 晚于今天`);
  }

  if (mod11_2(idNumber.slice(0, 17)) !== idNumber.charAt(17)) return invalid('check_digit', '校验码错误');

  return {
    valid: true,
    idNumber,
    divisionCode,
    knownDivision: isKnownDivision(divisionCode),
    birthDate,
    // GB 11643-1999 「顺序码」: odd sequence codes are assigned to men, even ones to women.
    gender: Number(idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

/** Like validateIdNumber but returns the details or throws InvalidIdNumberError. */
export function parseIdNumber(input: string, options: IdNumberOptions = {}): IdNumberInfo {
  const result = validateIdNumber(input, options);
  if (!result.valid) throw new InvalidIdNumberError(result.reason, result.message);
  const { valid: _valid, ...info } = result;
  return info;
}

export interface IdNumberSpec {
  /** 6-digit address code. */
  divisionCode: string;
  /** 'YYYY-MM-DD'. */
  birthDate: string;
  gender: Gender;
  /** 0–499: the person's index among same-gender people with the same code and birth date. */
  sequence: number;
}

/** Builds a valid ID number (synthetic data); throws RangeError if the spec cannot yield one. */
export function generateIdNumber(spec: IdNumberSpec, options: IdNumberOptions = {}): string {
  const { divisionCode, birthDate, gender, sequence } = spec;
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`地址码应为 6 位数字：${divisionCode}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 499) {
    throw new RangeError(`sequence 应为 0–499 的整数：${sequence}`);
  }
  if (parseIsoDate(birthDate) === undefined) throw new RangeError(`出生日期应为有效的 YYYY-MM-DD：${birthDate}`);
  // Sequence codes 2k+1 are the k-th man's, 2k the k-th woman's.
  const sequenceCode = String(sequence * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const body = `${divisionCode}${birthDate.replaceAll('-', '')}${sequenceCode}`;
  const idNumber = body + mod11_2(body);
  const result = validateIdNumber(idNumber, options);
  if (!result.valid) throw new RangeError(result.message);
  return idNumber;
}

export interface RandomIdNumberOptions extends IdNumberOptions {
  /** Address codes to choose from, uniformly. */
  divisionCodes: readonly string[];
  /** Birth years, inclusive; dates after `today` are never produced. */
  minYear: number;
  maxYear: number;
}

/** A random valid ID number with uniform birth date, gender and sequence (synthetic data). */
export function randomIdNumber(rng: Rng, options: RandomIdNumberOptions): string {
  const { today, todayDay } = resolveToday(options);
  const first = parseIsoDate(`${String(options.minYear).padStart(4, '0')}-01-01`);
  const endOfMaxYear = parseIsoDate(`${String(options.maxYear).padStart(4, '0')}-12-31`);
  const last = Math.min(endOfMaxYear ?? Number.NEGATIVE_INFINITY, todayDay);
  if (first === undefined || first > last) {
    throw new RangeError(`出生年份范围无效：${options.minYear}–${options.maxYear}（今天 ${today}）`);
  }
  return generateIdNumber(
    {
      divisionCode: rng.pick(options.divisionCodes),
      birthDate: formatDayNumber(rng.int(first, last)),
      gender: rng.next() < 0.5 ? 'male' : 'female',
      sequence: rng.int(0, 499),
    },
    { today },
  );
}
