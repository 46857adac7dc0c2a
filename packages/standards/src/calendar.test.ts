import { describe, expect, it } from 'vitest';
import { CalendarYearMissingError, createWorkingCalendar, officialSchedule, type HolidaySchedule } from './calendar.ts';

const calendar = createWorkingCalendar(officialSchedule);

describe('official schedule', () => {
  it('covers 2004–2026', () => {
    expect(calendar.years()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  // 国务院办公厅关于2026年部分节假日安排的通知: 国庆节 10月1日至7日放假调休，9月20日（周日）、
  // 10月10日（周六）上班.
  it('follows the 2026 National Day arrangement', () => {
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // Sunday, make-up working day
    expect(calendar.isWorkingDay('2026-09-30')).toBe(true);
    for (let day = 1; day <= 7; day++) expect(calendar.isWorkingDay(`2026-10-0${day}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up working day
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false);
    expect(calendar.addWorkingDays('2026-09-28', 5)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
  });

  // 春节：2月15日（周日）至23日（周一）放假调休，共9天；2月14日（周六）、2月28日（周六）上班.
  it('follows the 2026 Spring Festival arrangement', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    // (02-13, 02-28]: 02-14, 02-24 … 02-27, 02-28.
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false);
  });

  // 国办发明电〔2024〕12号 (2025): 1月26日（周日）、2月8日（周六）上班; 国庆中秋 10月1日至8日,
  // 10月11日（周六）上班.
  it('follows the 2025 arrangement', () => {
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
  });

  // 2020: the Spring Festival holiday was extended to 2 February, cancelling the 1 February make-up day.
  it('includes the 2020 Spring Festival extension', () => {
    expect(calendar.isWorkingDay('2020-01-31')).toBe(false);
    expect(calendar.isWorkingDay('2020-02-01')).toBe(false);
    expect(calendar.addWorkingDays('2020-01-23', 1)).toBe('2020-02-03');
  });
});

describe('addWorkingDays', () => {
  it('crosses the 2025–2026 year boundary', () => {
    // 2026-01-01 … 01-03 off, Sunday 2026-01-04 is a make-up working day.
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(calendar.addWorkingDays('2026-01-04', -1)).toBe('2025-12-31');
  });

  it('counts backwards for negative n', () => {
    expect(calendar.addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(calendar.addWorkingDays('2026-10-10', -5)).toBe('2026-09-28');
    expect(calendar.addWorkingDays('2026-10-04', -1)).toBe('2026-09-30');
  });

  it('returns the same day or the next working day for n = 0', () => {
    expect(calendar.addWorkingDays('2026-10-09', 0)).toBe('2026-10-09');
    expect(calendar.addWorkingDays('2026-10-03', 0)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-10-10', 0)).toBe('2026-10-10');
  });

  it('rejects a non-integer n and invalid dates', () => {
    expect(() => calendar.addWorkingDays('2026-10-09', 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-2-3', 1)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('excludes the start day and includes the end day', () => {
    expect(calendar.workingDaysBetween('2026-10-09', '2026-10-09')).toBe(0);
    expect(calendar.workingDaysBetween('2026-10-08', '2026-10-09')).toBe(1);
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
  });

  it('counts across the 2025–2026 year boundary', () => {
    // 2025-12-29/30/31, 2026-01-04 (Sunday make-up), 2026-01-05 … 01-09.
    expect(calendar.workingDaysBetween('2025-12-26', '2026-01-09')).toBe(9);
    expect(calendar.workingDaysBetween('2026-01-09', '2025-12-26')).toBe(-9);
  });

  it('inverts addWorkingDays', () => {
    for (const n of [1, 5, 17, 60, 250]) {
      const to = calendar.addWorkingDays('2025-03-03', n);
      expect(calendar.workingDaysBetween('2025-03-03', to)).toBe(n);
    }
  });
});

describe('years without a schedule', () => {
  it('throw CalendarYearMissingError instead of guessing', () => {
    const error = (() => {
      try {
        calendar.isWorkingDay('2027-03-01');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CalendarYearMissingError);
    expect(error).toMatchObject({ year: 2027, message: '2027 年的节假日安排尚未录入' });
    expect(() => calendar.addWorkingDays('2026-12-31', 1)).toThrow(CalendarYearMissingError);
    expect(() => calendar.addWorkingDays('2027-01-04', -3)).toThrow(CalendarYearMissingError);
    expect(() => calendar.workingDaysBetween('2026-12-31', '2027-01-01')).toThrow(CalendarYearMissingError);
    expect(() => calendar.workingDaysBetween('2003-12-31', '2003-12-31')).toThrow(CalendarYearMissingError);
  });
});

describe('Date arguments', () => {
  it('use the calendar date in Beijing time', () => {
    // 2026-09-30T16:30Z is 2026-10-01 00:30 in Beijing: a holiday.
    expect(calendar.isWorkingDay(new Date('2026-09-30T16:30:00Z'))).toBe(false);
    expect(calendar.isWorkingDay(new Date('2026-09-30T15:59:00Z'))).toBe(true);
    expect(calendar.addWorkingDays(new Date('2026-09-30T15:59:00Z'), 1)).toBe('2026-10-08');
  });
});

describe('createWorkingCalendar', () => {
  it('accepts a custom schedule', () => {
    const custom = createWorkingCalendar({ '2030': { holidays: ['2030-01-01'], workdays: ['2030-01-05'] } });
    expect(custom.isWorkingDay('2030-01-01')).toBe(false); // Tuesday, holiday
    expect(custom.isWorkingDay('2030-01-05')).toBe(true); // Saturday, make-up
    expect(custom.isWorkingDay('2030-01-06')).toBe(false); // Sunday
    expect(custom.years()).toEqual([2030]);
  });

  it.each<HolidaySchedule>([
    { '30': { holidays: [], workdays: [] } },
    { '2030': { holidays: ['2031-01-01'], workdays: [] } },
    { '2030': { holidays: ['2030-02-30'], workdays: [] } },
    { '2030': { holidays: [], workdays: ['2030-01-07'] } }, // a Monday
    { '2030': { holidays: ['2030-01-05'], workdays: ['2030-01-05'] } },
  ])('rejects malformed schedule %o', (schedule) => {
    expect(() => createWorkingCalendar(schedule)).toThrow(RangeError);
  });
});
