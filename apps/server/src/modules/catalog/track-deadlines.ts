import type { CalendarService } from '../calendar/index.ts';
import { DEADLINE_RULE, type DeadlineRuleCode, type Light } from './catalog.enums.ts';
import type { EntryRow, RuleRow } from './catalog.repository.ts';
import { todayInChina } from './entry-model.ts';

// Deadlines of catalog work, as configurable rules counted in working days on the platform calendar (调休 included).

export interface Deadline {
  rule: DeadlineRuleCode;
  ruleName: string;
  responsible: 'department' | 'bureau';
  startedOn: string;
  dueOn: string | null;
  remainingWorkingDays: number | null;
  light: Light;
  problem: string | null;
}

export type Calendar = Pick<CalendarService, 'addWorkingDays' | 'workingDaysBetween'>;

const REVIEWING = new Set(['submitted', 'change_submitted', 'withdrawal_submitted']);
const LIGHT_ORDER: Record<Light, number> = { red: 3, yellow: 2, unknown: 1, green: 0 };
export const worstLight = (lights: Light[]): Light | null => (lights.length ? lights.reduce((a, b) => (LIGHT_ORDER[b] > LIGHT_ORDER[a] ? b : a)) : null);
export const lightOrder = (l: Light) => LIGHT_ORDER[l];

const dateOf = (d: Date) => todayInChina(d);

/** Which rule applies to the entry now, and from which date (null: no open deadline). */
export function openObligation(row: EntryRow): { rule: DeadlineRuleCode; startedOn: string } | null {
  if (row.origin !== 'local') return null;
  if (REVIEWING.has(row.status) && row.submitted_at) return { rule: 'bureau_review', startedOn: dateOf(row.submitted_at) };
  if ((row.status === 'draft' || row.status === 'returned') && row.current_version == null && row.identified_on) {
    return { rule: 'register_new', startedOn: row.identified_on };
  }
  if ((row.status === 'published' || row.status === 'change_returned') && row.duty_changed_on && row.current_version != null) {
    const lastPublished = row.last_published_at ? dateOf(row.last_published_at) : null;
    if (!lastPublished || lastPublished < row.duty_changed_on) return { rule: 'update_after_duty_change', startedOn: row.duty_changed_on };
  }
  return null;
}

/** The open deadlines of an entry as of a date (default today in China). */
export async function deadlinesOf(row: EntryRow, rules: RuleRow[], calendar: Calendar, asOf: string = todayInChina()): Promise<Deadline[]> {
  const open = openObligation(row);
  if (!open) return [];
  const rule = rules.find((r) => r.code === open.rule);
  if (!rule || !rule.enabled) return [];
  const base = {
    rule: open.rule,
    ruleName: rule.name || DEADLINE_RULE.label(open.rule),
    responsible: open.rule === 'bureau_review' ? ('bureau' as const) : ('department' as const),
    startedOn: open.startedOn,
  };
  let dueOn: string;
  try {
    dueOn = await calendar.addWorkingDays(open.startedOn, rule.working_days);
  } catch (err) {
    return [{ ...base, dueOn: null, remainingWorkingDays: null, light: 'unknown', problem: calendarProblem(err) }];
  }
  try {
    const remaining = await calendar.workingDaysBetween(asOf, dueOn);
    const light: Light = asOf > dueOn ? 'red' : remaining <= rule.yellow_days ? 'yellow' : 'green';
    return [{ ...base, dueOn, remainingWorkingDays: remaining, light, problem: null }];
  } catch (err) {
    return [{ ...base, dueOn, remainingWorkingDays: null, light: 'unknown', problem: calendarProblem(err) }];
  }
}

function calendarProblem(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'CALENDAR_YEAR_MISSING') return e.message ?? '工作日历缺少所需年份';
  throw err;
}
