import { describe, expect, it } from 'vitest';
import { addCalendarDays, parseIsoDate, shanghaiDate } from './civil-date.ts';

describe('civil dates', () => {
  it('adds calendar days across month, leap-day and year ends, and refuses an invalid date', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('reads only real dates', () => {
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2028-02-29')).toBeDefined();
  });

  it('gives the China calendar day of an instant (UTC+8)', () => {
    expect(shanghaiDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(shanghaiDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });
});
