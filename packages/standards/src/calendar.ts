// Working-day calendar on the official schedule: Monday–Friday are working days except public
// holidays, and weekend days declared working days (调休上班) are working days. The schedule is
// published yearly by the State Council General Office (国务院办公厅关于部分节假日安排的通知);
// a year without a published schedule is an error, never a Monday–Friday guess.

import holidayData from './data/holidays.json' with { type: 'json' };
import {
  formatDayNumber,
  parseIsoDate,
  shanghaiDate,
  weekdayOfDayNumber,
  yearOfDayNumber,
} from './civil-date.ts';

/** 'YYYY-MM-DD', or a Date taken as its calendar date in Beijing time (Asia/Shanghai). */
export type CalendarDate = string | Date;

export interface YearSchedule {
  /** Official days off, weekend days inside a holiday period included. */
  readonly holidays: readonly string[];
  /** Weekend days that are working days (调休上班). */
  readonly workdays: readonly string[];
}

/** Schedules keyed by four-digit year. */
export type HolidaySchedule = Readonly<Record<string, YearSchedule>>;

export interface WorkingCalendar {
  /** Whether the date is a working day. */
  isWorkingDay(date: CalendarDate): boolean;
  /**
   * The n-th working day after the date (n > 0) or before it (n < 0); for n = 0 the date itself
   * if it is a working day, else the next working day. Returns 'YYYY-MM-DD'.
   */
  addWorkingDays(date: CalendarDate, n: number): string;
  /**
   * Working days d with from < d ≤ to (the start day excluded, the end day included), negated
   * when to < from. So for a working day `to` after `from`,
   * addWorkingDays(from, workingDaysBetween(from, to)) === to.
   */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number;
  /** Years with a schedule, ascending. */
  years(): number[];
}

/** Thrown when a date falls in a year whose holiday schedule has not been entered. */
export class CalendarYearMissingError extends Error {
  override readonly name = 'CalendarYearMissingError';
  readonly year: number;

  constructor(year: number) {
    super(`${year} 年的节假日安排尚未录入`);
    this.year = year;
  }
}

/** The official schedule bundled with this package (see scripts/build-holidays.ts). */
export const officialSchedule: HolidaySchedule = holidayData;

function toDayNumber(date: CalendarDate): number {
  const text = typeof date === 'string' ? date : shanghaiDate(date);
  const day = parseIsoDate(text);
  if (day === undefined) throw new RangeError(`无效日期：${text}`);
  return day;
}

/** Builds a calendar from per-year schedules; throws RangeError on malformed schedule data. */
export function createWorkingCalendar(schedule: HolidaySchedule): WorkingCalendar {
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  const years = new Set<number>();

  for (const [key, yearSchedule] of Object.entries(schedule)) {
    if (!/^\d{4}$/.test(key)) throw new RangeError(`节假日安排的年份无效：${key}`);
    const year = Number(key);
    const dayInYear = (date: string): number => {
      const day = parseIsoDate(date);
      if (day === undefined || yearOfDayNumber(day) !== year) {
        throw new RangeError(`${year} 年节假日安排中的日期无效：${date}`);
      }
      return day;
    };
    for (const date of yearSchedule.holidays) holidays.add(dayInYear(date));
    for (const date of yearSchedule.workdays) {
      const day = dayInYear(date);
      const weekday = weekdayOfDayNumber(day);
      if (weekday !== 0 && weekday !== 6) throw new RangeError(`调休上班日 ${date} 不是周末`);
      if (holidays.has(day)) throw new RangeError(`${date} 同时被列为放假日和上班日`);
      workdays.add(day);
    }
    years.add(year);
  }

  const checkYear = (day: number): void => {
    const year = yearOfDayNumber(day);
    if (!years.has(year)) throw new CalendarYearMissingError(year);
  };

  const isWorking = (day: number): boolean => {
    checkYear(day);
    if (workdays.has(day)) return true;
    if (holidays.has(day)) return false;
    const weekday = weekdayOfDayNumber(day);
    return weekday !== 0 && weekday !== 6;
  };

  const countWorking = (from: number, to: number): number => {
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (isWorking(day)) count++;
    return count;
  };

  return {
    isWorkingDay: (date) => isWorking(toDayNumber(date)),

    addWorkingDays(date, n) {
      if (!Number.isSafeInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
      let day = toDayNumber(date);
      checkYear(day);
      if (n === 0) {
        while (!isWorking(day)) day++;
        return formatDayNumber(day);
      }
      const step = Math.sign(n);
      for (let remaining = Math.abs(n); remaining > 0; ) {
        day += step;
        if (isWorking(day)) remaining--;
      }
      return formatDayNumber(day);
    },

    workingDaysBetween(from, to) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      checkYear(a);
      checkYear(b);
      return b >= a ? countWorking(a, b) : -countWorking(b, a);
    },

    years: () => [...years].sort((x, y) => x - y),
  };
}
