import type { Kysely } from 'kysely';
import { CalendarYearMissingError, createWorkingCalendar, officialSchedule, type WorkingCalendar } from '@shuzheng/standards';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { badInput, notFound } from '../../kernel/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { createCalendarRepository } from './calendar.repository.ts';

export interface YearSummary {
  year: number;
  holidayCount: number;
  workdayCount: number;
  source: 'official' | 'local';
  note: string | null;
  updatedAt: string;
}

const CACHE_MS = 60_000;

export type CalendarService = ReturnType<typeof createCalendarService>;

/** Where a working-day deadline stands on a day: the traffic light every to-do list shows. */
export interface DeadlineStanding {
  dueOn: string | null;
  /** working days left (negative: working days overdue); null when the calendar lacks a year */
  remainingWorkingDays: number | null;
  light: 'red' | 'yellow' | 'green' | 'unknown';
}

/** The working-day calendar every deadline in the platform counts on (调休 included). */
export function createCalendarService(deps: { db: Kysely<unknown>; audit: Pick<AuditService, 'record'> }) {
  const repo = () => createCalendarRepository(deps.db);
  // Cached per process; other server processes pick up an edit within CACHE_MS.
  let cached: Promise<WorkingCalendar> | null = null;
  let cachedAt = 0;

  function current(): Promise<WorkingCalendar> {
    if (Date.now() - cachedAt > CACHE_MS) cached = null;
    if (!cached) cachedAt = Date.now();
    cached ??= repo()
      .all()
      .then((rows) => createWorkingCalendar(Object.fromEntries(rows.map((r) => [String(r.year), { holidays: r.holidays, workdays: r.workdays }]))))
      .catch((err) => {
        cached = null;
        throw err;
      });
    return cached;
  }

  /** Runs a calendar computation; a year without a schedule becomes a clear 409 instead of a guess. */
  async function compute<T>(fn: (cal: WorkingCalendar) => T): Promise<T> {
    const cal = await current();
    try {
      return fn(cal);
    } catch (err) {
      if (err instanceof CalendarYearMissingError) {
        throw badInput('CALENDAR_YEAR_MISSING', `${err.message}，请由系统管理员在“工作日历”中录入`, [], { year: err.year });
      }
      throw err;
    }
  }

  async function getYear(year: number) {
    const row = await repo().byYear(year);
    if (!row) throw notFound('CALENDAR_YEAR_NOT_FOUND', `${year} 年的节假日安排尚未录入`, { year });
    return { year, holidays: row.holidays, workdays: row.workdays, source: row.source, note: row.note };
  }

  return {
    addWorkingDays: (date: string | Date, n: number) => compute((c) => c.addWorkingDays(date, n)),
    workingDaysBetween: (from: string | Date, to: string | Date) => compute((c) => c.workingDaysBetween(from, to)),
    isWorkingDay: (date: string | Date) => compute((c) => c.isWorkingDay(date)),

    /**
     * A deadline of `workingDays` from `startedOn` (or a known `dueOn`) as it stands on `asOf`: red once past, yellow
     * within `yellowDays` working days, else green; 'unknown' (no due date or no count) when the calendar lacks a year.
     */
    async standing(due: { startedOn: string; workingDays: number } | { dueOn: string }, yellowDays: number, asOf: string): Promise<DeadlineStanding> {
      let dueOn: string | null = 'dueOn' in due ? due.dueOn : null;
      try {
        dueOn ??= await compute((c) => c.addWorkingDays((due as { startedOn: string }).startedOn, (due as { workingDays: number }).workingDays));
        if (asOf > dueOn) return { dueOn, remainingWorkingDays: -(await compute((c) => c.workingDaysBetween(dueOn!, asOf))), light: 'red' };
        const remaining = await compute((c) => c.workingDaysBetween(asOf, dueOn!));
        return { dueOn, remainingWorkingDays: remaining, light: remaining <= yellowDays ? 'yellow' : 'green' };
      } catch (err) {
        if ((err as { code?: string })?.code === 'CALENDAR_YEAR_MISSING') return { dueOn, remainingWorkingDays: null, light: 'unknown' };
        throw err;
      }
    },

    /** Loads the bundled official schedules for years the table does not have yet (never overwrites local edits). */
    async seedOfficial(): Promise<void> {
      const now = new Date();
      await repo().insertMissing(
        Object.entries(officialSchedule).map(([year, s]) => ({
          year: Number(year), holidays: [...s.holidays], workdays: [...s.workdays], source: 'official' as const, note: '国务院办公厅节假日安排', updated_by: null, updated_at: now,
        })),
      );
      cached = null;
    },

    async listYears(): Promise<YearSummary[]> {
      return (await repo().all()).map((r) => ({
        year: r.year, holidayCount: r.holidays.length, workdayCount: r.workdays.length, source: r.source, note: r.note, updatedAt: r.updated_at.toISOString(),
      }));
    },

    getYear,

    /** Enters or replaces a year's schedule (a newly published year, or local extra days off). */
    async putYear(ctx: RequestContext, year: number, input: { holidays: string[]; workdays: string[]; note?: string | undefined }) {
      const holidays = [...new Set(input.holidays)].sort();
      const workdays = [...new Set(input.workdays)].sort();
      const fields: { path: string; message: string }[] = [];
      holidays.forEach((d, i) => {
        if (!d.startsWith(`${year}-`)) fields.push({ path: `body.holidays.${i}`, message: `${d} 不在 ${year} 年内` });
      });
      workdays.forEach((d, i) => {
        if (!d.startsWith(`${year}-`)) fields.push({ path: `body.workdays.${i}`, message: `${d} 不在 ${year} 年内` });
        else if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) fields.push({ path: `body.workdays.${i}`, message: `${d} 不是周末，无须设为调休上班日` });
        if (holidays.includes(d)) fields.push({ path: `body.workdays.${i}`, message: `${d} 同时被设为放假和上班` });
      });
      if (fields.length) throw badInput('CALENDAR_INVALID_SCHEDULE', `节假日安排有误：${fields.map((f) => f.message).join('；')}`, fields);
      await inTransaction(deps.db, async (trx) => {
        const r = createCalendarRepository(trx);
        const before = await r.byYear(year);
        await r.upsert({ year, holidays, workdays, source: 'local', note: input.note ?? null, updated_by: ctx.actor?.userId ?? null, updated_at: new Date() });
        await deps.audit.record(trx, ctx, {
          action: 'calendar.year.put', targetType: 'calendar-year', targetId: String(year),
          details: { before: before ? { holidays: before.holidays, workdays: before.workdays } : null, after: { holidays, workdays } },
        });
      });
      cached = null;
      return getYear(year);
    },
  };
}
