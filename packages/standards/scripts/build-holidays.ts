// Regenerates src/data/holidays.json, the official public-holiday schedule used by
// src/calendar.ts.
//
// Source: the devDependency chinese-days (github.com/vsme/chinese-days), whose table transcribes
// the State Council General Office's annual notices on public holidays (国务院办公厅关于
// 部分节假日安排的通知), each linked from its src/holidays/generate.ts.
//   npx tsx packages/standards/scripts/build-holidays.ts
//
// Output per year: `holidays` = every official day off (including weekend days inside a holiday
// period), `workdays` = weekend days declared working days (调休上班). Both sorted.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const FIRST_YEAR = 2004;
const LAST_YEAR = 2026;

interface ChineseDaysTable {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const { version } = require('chinese-days/package.json') as { version: string };
const table = JSON.parse(
  readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'),
) as ChineseDaysTable;

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

const schedule: Record<string, { holidays: string[]; workdays: string[] }> = {};
for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
  const inYear = (dates: Record<string, string>): string[] =>
    Object.keys(dates)
      .filter((d) => d.startsWith(`${year}-`))
      .sort();
  const holidays = inYear(table.holidays);
  const workdays = inYear(table.workdays);
  if (holidays.length === 0) throw new Error(`chinese-days@${version} has no holidays for ${year}`);
  for (const d of workdays) {
    if (weekday(d) !== 0 && weekday(d) !== 6) throw new Error(`make-up working day ${d} is not a weekend day`);
    if (holidays.includes(d)) throw new Error(`${d} is both a holiday and a working day`);
  }
  schedule[year] = { holidays, workdays };
}

const body = Object.entries(schedule)
  .map(([year, s]) => `${JSON.stringify(year)}:${JSON.stringify(s)}`)
  .join(',\n');
const target = new URL('../src/data/holidays.json', import.meta.url);
writeFileSync(target, `{\n${body}\n}\n`);
console.log(`wrote ${FIRST_YEAR}–${LAST_YEAR} from chinese-days@${version} to ${target.pathname}`);
