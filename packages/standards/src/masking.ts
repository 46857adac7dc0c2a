// Display masking (脱敏) of personal and organizational data by sensitivity. Masking works on
// user-perceived characters (grapheme clusters), so a rare character outside the BMP such as
// '𠮷' or one with a variation selector counts as one character and is never split.
//
// Grades — 'low' keeps enough to recognize a record, 'high' keeps almost nothing:
//   idNumber    low: first 6 (address code) + last 4      high: first 1 + last 1
//   phone       low: first 3 + last 4 digits (≥ 11 digits; otherwise last 4)   high: last 4 digits
//   name        low: surname (compound surnames recognized) high: first character
//   address     low: divisions down to town/street level  high: down to county level
//   bankCard    low: first 6 (issuer BIN) + last 4        high: last 4
//   creditCode  low: first 8 (authority, type, division) + last 2   high: first 2
// Masked characters become '*', one per character, except for addresses, whose masked tail is
// always '****' (a house number's length is noise, not information). Separators (spaces, hyphens,
// parentheses, '+', the middle dot in names) stay in place and are not counted. A value too short
// to keep the visible parts and still hide something is masked entirely.

import { childDivisions, type Division } from './divisions.ts';

export type MaskGrade = 'low' | 'high';
export type MaskKind = 'idNumber' | 'phone' | 'name' | 'address' | 'bankCard' | 'creditCode';
/** Sensitivity level of a data item: 1 public … 4 most sensitive. */
export type SensitivityLevel = 1 | 2 | 3 | 4;

/** What level-4 values display as, whatever their length. */
export const FULL_MASK = '******';
const ADDRESS_TAIL_MASK = '****';

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
// One grapheme per UTF-16 unit, so no segmenter needed (it showed in the gateway's profile): printable ASCII (ID,
// phone and card numbers, credit codes) and the BMP Han text of names — CJK ideographs and Extension A, CJK punctuation
// without the combining tone marks U+302A–302F, the middle dot and full-width forms (UAX #29: none of these extend or
// join a cluster). Anything else (supplementary-plane characters, combining marks, emoji) goes through Intl.Segmenter.
const ONE_UNIT_GRAPHEMES = /^[\x20-\x7e\u00b7\u2010-\u2027\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]*$/;
const graphemes = (value: string): string[] =>
  ONE_UNIT_GRAPHEMES.test(value) ? value.split('') : Array.from(segmenter.segment(value), (s) => s.segment);

const isSeparator = (g: string): boolean => /^[\s\-+()（）·•・.]$/u.test(g);
const isCounted = (g: string): boolean => !isSeparator(g);

// Keeps the first `keepStart` and last `keepEnd` countable characters, stars the other countable
// ones, and leaves the rest (separators) untouched.
function maskCounted(value: string, keepStart: number, keepEnd: number): string {
  const parts = graphemes(value);
  const total = parts.filter(isCounted).length;
  const keepAny = total > keepStart + keepEnd;
  let index = 0;
  return parts
    .map((g) => {
      if (!isCounted(g)) return g;
      const i = index++;
      return keepAny && (i < keepStart || i >= total - keepEnd) ? g : '*';
    })
    .join('');
}

/** Masks a citizen ID number: low keeps the first 6 and last 4, high the first and last one. */
export function maskIdNumber(value: string, grade: MaskGrade = 'low'): string {
  return grade === 'low' ? maskCounted(value, 6, 4) : maskCounted(value, 1, 1);
}

/** Masks a phone number digit by digit ('13812345678' → '138****5678'); a +86 prefix is kept. */
export function maskPhone(value: string, grade: MaskGrade = 'low'): string {
  const prefix = /^(?:\+|00)86[\s-]?/.exec(value)?.[0] ?? '';
  const number = value.slice(prefix.length);
  const keepStart = grade === 'low' && graphemes(number).filter(isCounted).length >= 11 ? 3 : 0;
  return prefix + maskCounted(number, keepStart, 4);
}

// Compound surnames (复姓) of the 百家姓. 单于 is left out: 单 is itself a common surname.
const COMPOUND_SURNAMES = new Set(
  ('欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政 濮阳 ' +
    '公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 司寇 巫马 公西 ' +
    '颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 东郭 南门 羊舌 微生 ' +
    '梁丘 左丘 东门 西门 第五 淳于').split(' '),
);

/** Masks a personal name, keeping the surname: '张三' → '张*', '欧阳娜娜' → '欧阳**'. */
export function maskName(value: string, grade: MaskGrade = 'low'): string {
  const parts = graphemes(value);
  const letters = parts.filter(isCounted);
  // A two-character name is surname + given name even if it spells a compound surname.
  const compound =
    grade === 'low' &&
    letters.length >= 3 &&
    !parts.some(isSeparator) &&
    COMPOUND_SURNAMES.has(parts.slice(0, 2).join(''));
  const keep = letters.length <= 1 ? 0 : compound ? 2 : 1;
  return maskCounted(value, keep, 0);
}

// Province-, city- and county-level divisions, plus the towns in the table, longest name first
// so that '海丰县' wins over a shorter name that happens to match.
const addressDivisions: Division[] = [];
(function collect(parentCode: string | null): void {
  for (const d of childDivisions(parentCode)) {
    addressDivisions.push(d);
    collect(d.code);
  }
})(null);
addressDivisions.sort((a, b) => b.name.length - a.name.length);
// The same list split by first character (order kept): a lookup scans only the names that can match at that position.
const divisionsByFirst = new Map<string, Division[]>();
for (const d of addressDivisions) {
  const list = divisionsByFirst.get(d.name[0]!) ?? [];
  list.push(d);
  divisionsByFirst.set(d.name[0]!, list);
}

// GB/T 10114 乡级 units not in the table: a short name ending in 街道, 镇, 乡 or 苏木.
const TOWN_PATTERN = /^\p{Script=Han}{1,8}?(?:街道|镇|乡|苏木)/u;

const DEPTH: Readonly<Record<Division['level'], number>> = { province: 1, city: 2, county: 3, town: 4 };

// Length of the leading division names of an address, down to county level and down to town
// level. Each name must lie inside the previous one (its code starts with the previous one's
// significant digits); levels may be skipped, as in '汕尾市海丰县'.
function divisionPrefix(address: string): { county: number; town: number } {
  let end = 0;
  let county = 0;
  let town = 0;
  let scope = '';
  let depth = 0;
  for (;;) {
    const match = divisionsByFirst.get(address[end] ?? '')?.find(
      (d) => DEPTH[d.level] > depth && d.code.startsWith(scope) && address.startsWith(d.name, end),
    );
    if (!match) break;
    end += match.name.length;
    depth = DEPTH[match.level];
    if (match.level === 'town') {
      town = end;
      break;
    }
    county = end;
    scope = match.code.slice(0, 2 * depth);
  }
  if (town === 0 && county > 0) {
    const unlisted = TOWN_PATTERN.exec(address.slice(county));
    if (unlisted) town = county + unlisted[0].length;
  }
  return { county, town: town || county };
}

/** Masks an address after its division names: low keeps down to the town/street, high to the county. */
export function maskAddress(value: string, grade: MaskGrade = 'low'): string {
  if (value === '') return '';
  const prefix = divisionPrefix(value);
  const keep = grade === 'low' ? prefix.town : prefix.county;
  return keep === value.length ? value : value.slice(0, keep) + ADDRESS_TAIL_MASK;
}

/** Masks a bank card number: low keeps the first 6 and last 4 digits, high the last 4. */
export function maskBankCard(value: string, grade: MaskGrade = 'low'): string {
  return grade === 'low' ? maskCounted(value, 6, 4) : maskCounted(value, 0, 4);
}

/** Masks a unified social credit code: low keeps the first 8 and last 2, high the first 2. */
export function maskCreditCode(value: string, grade: MaskGrade = 'low'): string {
  return grade === 'low' ? maskCounted(value, 8, 2) : maskCounted(value, 2, 0);
}

const MASKERS: Readonly<Record<MaskKind, (value: string, grade: MaskGrade) => string>> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  name: maskName,
  address: maskAddress,
  bankCard: maskBankCard,
  creditCode: maskCreditCode,
};

/**
 * Masks a value for display by its data item's sensitivity level: 1 unchanged, 2 the kind's
 * 'low' grade, 3 its 'high' grade, 4 FULL_MASK. Empty values stay empty at every level.
 */
export function maskValue(kind: MaskKind, value: string, level: SensitivityLevel): string {
  if (value === '' || level === 1) return value;
  if (level === 2) return MASKERS[kind](value, 'low');
  if (level === 3) return MASKERS[kind](value, 'high');
  if (level === 4) return FULL_MASK;
  throw new RangeError(`敏感级别应为 1–4：${String(level)}`);
}
