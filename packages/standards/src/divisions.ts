// Administrative divisions (GB/T 2260 codes to county level for the whole country, plus the
// GB/T 10114 乡级 codes of 汕尾市). Data: src/data/divisions.json, built by
// scripts/build-divisions.ts, which documents the source and what was removed.
//
// GB/T 2260 summary codes are not divisions and are absent: the counties of a municipality's
// 市辖区 (110100) and of a 省直辖县级行政区划 (e.g. 469000) have the province as parent, so
// divisionPath('110101') is [北京市, 东城区] and getDivision('110100') is undefined.

import data from './data/divisions.json' with { type: 'json' };

export type DivisionLevel = 'province' | 'city' | 'county' | 'town';

export interface Division {
  /** 6 digits (GB/T 2260) or 9 digits for a town or street (GB/T 10114). */
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  /** Nearest enclosing division in the table; null for a province. */
  readonly parentCode: string | null;
}

/** Provenance of the bundled table (edition and cut-off date). */
export const DIVISION_SOURCE: string = data.source;

// GB/T 2260 code structure: digits 1–2 province, 3–4 prefecture, 5–6 county, each "00" when
// the code names the enclosing level; GB/T 10114 appends three digits for the town.
function levelOf(code: string): DivisionLevel {
  if (code.length === 9) return 'town';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

function parentOf(code: string, level: DivisionLevel, exists: (code: string) => boolean): string | null {
  if (level === 'province') return null;
  if (level === 'town') return code.slice(0, 6);
  const city = `${code.slice(0, 4)}00`;
  return level === 'county' && exists(city) ? city : `${code.slice(0, 2)}0000`;
}

const names = new Map<string, string>();
for (const row of data.divisions) {
  const [code, name] = row;
  if (row.length !== 2 || code === undefined || name === undefined || !/^(\d{6}|\d{9})$/.test(code)) {
    throw new Error(`divisions.json: malformed row ${JSON.stringify(row)}`);
  }
  names.set(code, name);
}

const divisions = new Map<string, Division>();
const children = new Map<string | null, Division[]>();
for (const [code, name] of names) {
  const level = levelOf(code);
  const parentCode = parentOf(code, level, (c) => names.has(c));
  if (parentCode !== null && !names.has(parentCode)) {
    throw new Error(`divisions.json: ${code} has no parent ${parentCode}`);
  }
  const division: Division = Object.freeze({ code, name, level, parentCode });
  divisions.set(code, division);
  const siblings = children.get(parentCode);
  if (siblings) siblings.push(division);
  else children.set(parentCode, [division]);
}

/** Looks up a division by its 6- or 9-digit code. */
export function getDivision(code: string): Division | undefined {
  return divisions.get(code);
}

/** Whether the code is in the bundled table. */
export function isKnownDivision(code: string): boolean {
  return divisions.has(code);
}

/** Divisions from the province down to the given one; empty for an unknown code. */
export function divisionPath(code: string): Division[] {
  const path: Division[] = [];
  for (let d = divisions.get(code); d; d = d.parentCode === null ? undefined : divisions.get(d.parentCode)) {
    path.unshift(d);
  }
  return path;
}

/** Concatenated names from the province down, e.g. '广东省汕尾市海丰县'; undefined if unknown. */
export function divisionFullName(code: string): string | undefined {
  const path = divisionPath(code);
  return path.length === 0 ? undefined : path.map((d) => d.name).join('');
}

/** Direct children in code order; pass null for the provinces. */
export function childDivisions(parentCode: string | null): Division[] {
  return [...(children.get(parentCode) ?? [])];
}
