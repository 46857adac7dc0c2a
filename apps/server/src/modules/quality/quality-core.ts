import { shanghaiDate } from '@shuzheng/standards';
import type { Kysely } from 'kysely';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import type { AuditService } from '../audit/index.ts';
import type { CalendarService, DeadlineStanding } from '../calendar/index.ts';
import type { CatalogService, MountedTable } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { QualityErrors } from './quality.errors.ts';
import type { DeadlineRuleRow, IssueRow } from './quality.repository.ts';

// What every part of the quality service shares: dependencies, who sees what, deadlines.

/** Last successful load of an entry's table: the ingest module's jobs (app.ts passes ingest.jobs). */
export interface FreshnessSource {
  lastSuccess(entryId: string): Promise<{ jobId: string; finishedAt: Date } | null>;
}

export interface QualityDeps {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  calendar: Pick<CalendarService, 'addWorkingDays' | 'workingDaysBetween' | 'standing'>;
  catalog: { mounts: Pick<CatalogService['mounts'], 'tableFor'>; forSharing: Pick<CatalogService['forSharing'], 'entryOwner'> };
  departments: Pick<IdentityService['departments'], 'get'>;
  freshness: FreshnessSource;
  /** today in China (YYYY-MM-DD); tests may fix it */
  today?: () => string;
  /** now (freshness checks); tests may fix it */
  now?: () => Date;
  /** statement_timeout of custom SQL rules, ms (default 30 000) */
  customSqlTimeoutMs?: number;
}

export const today = (deps: QualityDeps) => (deps.today ?? (() => shanghaiDate(new Date())))();
export const now = (deps: QualityDeps) => (deps.now ?? (() => new Date()))();
export const actorName = (ctx: RequestContext) => ctx.actor?.displayName ?? '系统';

/** Whether the actor may act on a department's records under a permission (scope all, or their own department). */
export function sees(ctx: RequestContext, permission: string, departmentId: string): boolean {
  const scope = scopeOf(ctx, permission);
  if (scope === 'all') return true;
  return scope != null && !!ctx.actor?.departmentId && ctx.actor.departmentId === departmentId;
}
/** The department filter for lists: null = all departments. */
export function departmentFilter(ctx: RequestContext, permission: string): string | null {
  return scopeOf(ctx, permission) === 'all' ? null : (ctx.actor?.departmentId ?? '00000000-0000-0000-0000-000000000000');
}

/** An entry's table mount, if the actor may see it under the permission; 404 otherwise, 409 when it has no table. */
export async function mountedEntry(deps: QualityDeps, ctx: RequestContext, entryId: string, permission: string): Promise<MountedTable> {
  const mount = await deps.catalog.mounts.tableFor(entryId);
  if (mount) {
    if (!sees(ctx, permission, mount.providerDepartmentId)) throw QualityErrors.entryNotFound(entryId);
    return mount;
  }
  const owner = await deps.catalog.forSharing.entryOwner(entryId);
  if (!owner || !owner.departmentId || !sees(ctx, permission, owner.departmentId)) throw QualityErrors.entryNotFound(entryId);
  throw QualityErrors.entryNotMounted(entryId);
}

export async function departmentName(deps: QualityDeps, id: string): Promise<string> {
  try {
    return (await deps.departments.get(id)).name;
  } catch {
    return id;
  }
}

// ── deadlines (computed at read time from quality_deadline_rules and the working-day calendar) ──
export type Light = DeadlineStanding['light'];
/** A step's deadline: which rule, who must act, since when, and where it stands (calendar.standing). */
export interface Deadline extends DeadlineStanding {
  rule: string;
  ruleName: string;
  responsible: 'provider' | 'bureau';
  startedOn: string;
}

export async function deadlineOf(deps: QualityDeps, rules: DeadlineRuleRow[], issue: Pick<IssueRow, 'status' | 'severity' | 'started_on' | 'review_started_on'>, asOf = today(deps)): Promise<Deadline | null> {
  if (issue.status === 'closed') return null;
  const reviewing = issue.status === 'explaining';
  const code = reviewing ? 'explanation_review' : `rectify_${issue.severity}`;
  const startedOn = reviewing ? issue.review_started_on : issue.started_on;
  const rule = rules.find((r) => r.code === code);
  if (!rule || !rule.enabled || !startedOn) return null;
  const base = { rule: rule.code, ruleName: rule.name, responsible: reviewing ? 'bureau' as const : 'provider' as const, startedOn };
  return { ...base, ...(await deps.calendar.standing({ startedOn, workingDays: rule.working_days }, rule.yellow_days, asOf)) };
}
