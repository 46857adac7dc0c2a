// Calendar dates without a time zone, as ISO 8601 'YYYY-MM-DD' strings (GB/T 7408 extended
// format) or as day numbers (days since 1970-01-01), for arithmetic. Internal helpers.

const MS_PER_DAY = 86_400_000;

const shanghaiFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Day number of a valid proleptic-Gregorian 'YYYY-MM-DD' date, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  // The round trip rejects day overflow (2026-02-30) and years 0000–0099, which Date.UTC reads
  // as 1900–1999.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return time / MS_PER_DAY;
}

/** 'YYYY-MM-DD' of a day number. */
export function formatDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `n` calendar days after (n < 0: before) a valid 'YYYY-MM-DD' date. */
export function addCalendarDays(date: string, n: number): string {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`无效日期：${date}`);
  return formatDayNumber(day + n);
}

/** Calendar year of a day number. */
export function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCDay();
}

/** The calendar date that an instant falls on in Beijing time (Asia/Shanghai), as 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('无效日期：Invalid Date');
  const parts = Object.fromEntries(shanghaiFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
