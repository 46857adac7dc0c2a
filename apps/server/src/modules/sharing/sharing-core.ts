import { shanghaiDate } from '@shuzheng/standards';
import type { Kysely } from 'kysely';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import type { AuditService } from '../audit/index.ts';
import type { CalendarService, DeadlineStanding } from '../calendar/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { DEMAND_STATUS, GRANT_STATUS, REFUSAL_REASON, REQUEST_STATUS } from './sharing.enums.ts';
import { SharingErrors } from './sharing.errors.ts';
import { createSharingRepository, type DemandRow, type EventRow, type GrantRow, type RequestRow, type RuleRow, type SharingRepository, type Visibility } from './sharing.repository.ts';

// What every part of the sharing service shares: dependencies, who sees what, deadlines, history + audit, views.

export interface SharingDeps {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  calendar: Pick<CalendarService, 'addWorkingDays' | 'workingDaysBetween' | 'standing'>;
  catalog: Pick<CatalogService, 'forSharing'>;
  departments: Pick<IdentityService['departments'], 'get'>;
  /** today in China (YYYY-MM-DD); tests may fix it */
  today?: () => string;
}

export const today = (deps: SharingDeps) => (deps.today ?? (() => shanghaiDate(new Date())))();

export const isBureau = (ctx: RequestContext) => scopeOf(ctx, 'sharing.request.check') === 'all';
export function visibility(ctx: RequestContext): Visibility {
  const all = isBureau(ctx) || scopeOf(ctx, 'sharing.request.read') === 'all';
  return { all, departmentId: ctx.actor?.departmentId ?? null };
}
export function requireDepartment(ctx: RequestContext): string {
  const id = ctx.actor?.departmentId;
  if (!id) throw SharingErrors.noDepartment();
  return id;
}
export const actorName = (ctx: RequestContext) => ctx.actor?.displayName ?? '系统';
export const sees = (vis: Visibility, ...departments: (string | null)[]) => vis.all || (!!vis.departmentId && departments.includes(vis.departmentId));
export const holds = (ctx: RequestContext, permission: string) => scopeOf(ctx, permission) != null;

export async function departmentName(deps: SharingDeps, id: string): Promise<string | null> {
  try {
    return (await deps.departments.get(id)).name;
  } catch {
    return null;
  }
}

// ── deadlines ──
export type Light = DeadlineStanding['light'];
/** A step's deadline: which rule, who must act, since when, and where it stands (calendar.standing). */
export interface Deadline extends DeadlineStanding {
  rule: string;
  ruleName: string;
  responsible: 'bureau' | 'provider' | 'requester';
  startedOn: string;
}
const RESPONSIBLE: Record<string, Deadline['responsible']> = {
  compliance_check: 'bureau', arbitration: 'bureau', demand_route: 'bureau',
  provider_review_mounted: 'provider', provider_review_unmounted: 'provider', renewal_review: 'provider', demand_answer: 'provider',
};

export async function deadlineOf(deps: SharingDeps, rules: RuleRow[], ruleCode: string | null, startedOn: string | null, asOf = today(deps)): Promise<Deadline | null> {
  if (!ruleCode || !startedOn) return null;
  const rule = rules.find((r) => r.code === ruleCode);
  if (!rule || !rule.enabled) return null;
  const base = { rule: rule.code, ruleName: rule.name, responsible: RESPONSIBLE[rule.code] ?? 'provider', startedOn };
  return { ...base, ...(await deps.calendar.standing({ startedOn, workingDays: rule.working_days }, rule.yellow_days, asOf)) };
}

// ── history + audit, in the caller's transaction ──
export async function recordStep(
  deps: SharingDeps, repo: SharingRepository, trx: Kysely<unknown>, ctx: RequestContext,
  e: { subject: 'request' | 'demand' | 'grant'; id: string; action: string; from: string | null; to: string | null; note?: string | null; details?: Record<string, unknown>; historyOf?: string },
) {
  const historyId = e.historyOf ?? (e.subject === 'grant' ? null : e.id);
  if (historyId) {
    await repo.insertEvent({
      subject_type: e.subject === 'demand' ? 'demand' : 'request', subject_id: historyId, actor_id: ctx.actor?.userId ?? null, actor_name: actorName(ctx),
      action: e.action, from_status: e.from, to_status: e.to, note: e.note ?? null,
    });
  }
  await deps.audit.record(trx as never, ctx, {
    action: `sharing.${e.action}`, targetType: `sharing-${e.subject}`, targetId: e.id, details: { from: e.from, to: e.to, ...(e.note ? { note: e.note } : {}), ...(e.details ?? {}) },
  });
}

const history = (events: EventRow[]) =>
  events.map((e) => ({ at: e.at.toISOString(), actorName: e.actor_name, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, note: e.note }));

// ── views ──
export async function requestView(deps: SharingDeps, row: RequestRow, rules?: RuleRow[]) {
  const repo = createSharingRepository(deps.db);
  const [allRules, events] = await Promise.all([rules ? Promise.resolve(rules) : repo.rules(), repo.events(row.id)]);
  return {
    id: row.id, kind: row.kind, grantId: row.grant_id, entryId: row.entry_id, entryCode: row.entry_code, entryName: row.entry_name, shareType: row.share_type,
    mounted: row.mounted, providerDepartmentId: row.provider_department_id, providerDepartmentName: row.provider_department_name,
    requesterDepartmentId: row.requester_department_id, requesterDepartmentName: row.requester_department_name, requesterName: row.requester_name,
    items: row.items, itemNames: row.item_names, purposeType: row.purpose_type, purposeText: row.purpose_text, legalBasis: row.legal_basis, scenario: row.scenario,
    consumerSystemId: row.consumer_system_id, consumerSystemName: row.consumer_system_name, allowedIps: row.allowed_ips, validUntil: row.valid_until,
    expectedDailyVolume: row.expected_daily_volume, operations: row.operations, status: row.status, statusLabel: REQUEST_STATUS.label(row.status),
    refusal: row.refusal_code ? { code: row.refusal_code, label: REFUSAL_REASON.label(row.refusal_code), text: row.refusal_text ?? '' } : null,
    arbitrationReason: row.arbitration_reason, decisionNote: row.decision_note,
    deadline: await deadlineOf(deps, allRules, row.step_rule, row.step_started_on),
    history: history(events),
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(), decidedAt: row.decided_at?.toISOString() ?? null,
  };
}
export type RequestView = Awaited<ReturnType<typeof requestView>>;

export const grantStatus = (row: GrantRow, asOf: string): 'active' | 'expired' | 'revoked' =>
  row.status === 'revoked' ? 'revoked' : row.valid_until < asOf ? 'expired' : 'active';

export async function grantView(deps: SharingDeps, row: GrantRow) {
  const request = await createSharingRepository(deps.db).request(row.request_id);
  const status = grantStatus(row, today(deps));
  return {
    id: row.id, requestId: row.request_id, entryId: row.entry_id, entryCode: row.entry_code, entryName: row.entry_name,
    providerDepartmentId: row.provider_department_id, providerDepartmentName: request?.provider_department_name ?? (await departmentName(deps, row.provider_department_id)) ?? '',
    consumerDepartmentId: row.consumer_department_id, consumerDepartmentName: request?.requester_department_name ?? '',
    consumerSystemId: row.consumer_system_id, consumerSystemName: request?.consumer_system_name ?? '',
    items: row.items, operations: row.operations, allowedIps: row.allowed_ips, purpose: row.purpose, validFrom: row.valid_from, validUntil: row.valid_until,
    rateLimitPerMinute: row.rate_limit_per_minute, dailyQuota: row.daily_quota, requireCaseNumber: row.require_case_number, requireOperatorId: row.require_operator_id,
    status, statusLabel: GRANT_STATUS.label(status), revokedAt: row.revoked_at?.toISOString() ?? null, revokeReason: row.revoke_reason,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

export async function demandView(deps: SharingDeps, row: DemandRow, rules?: RuleRow[]) {
  const repo = createSharingRepository(deps.db);
  const [allRules, events] = await Promise.all([rules ? Promise.resolve(rules) : repo.rules(), repo.events(row.id)]);
  return {
    id: row.id, title: row.title, description: row.description, items: row.items, purpose: row.purpose, legalBasis: row.legal_basis,
    requesterDepartmentId: row.requester_department_id, requesterDepartmentName: row.requester_department_name,
    targetDepartmentId: row.target_department_id, targetDepartmentName: row.target_department_name,
    providerDepartmentId: row.provider_department_id, providerDepartmentName: row.provider_department_name,
    status: row.status, statusLabel: DEMAND_STATUS.label(row.status),
    answer: row.answer_outcome
      ? { outcome: row.answer_outcome, entryId: row.answer_entry_id, entryName: row.answer_entry_name, reasonCode: row.answer_reason_code,
          reasonLabel: row.answer_reason_code ? REFUSAL_REASON.label(row.answer_reason_code) : null, text: row.answer_text }
      : null,
    satisfied: row.satisfied,
    deadline: await deadlineOf(deps, allRules, row.step_rule, row.step_started_on),
    history: history(events),
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}
