import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { createDemands } from './demands.ts';
import { createGrants } from './grants.ts';
import { createShareRequests } from './share-requests.ts';
import { DEMAND_STATUS, GRANT_STATUS, OPERATION, PURPOSE_TYPE, REFUSAL_REASON, REQUEST_STATUS, RULE_CODES } from './sharing.enums.ts';
import { SharingErrors } from './sharing.errors.ts';
import { createSharingRepository, type RuleRow } from './sharing.repository.ts';
import { deadlineOf, grantStatus, holds, isBureau, today, type Deadline, type SharingDeps } from './sharing-core.ts';

export type { SharingDeps } from './sharing-core.ts';
export type SharingService = ReturnType<typeof createSharingService>;

type Role = 'bureau' | 'provider' | 'requester';
export interface TodoItem {
  kind: 'request' | 'demand';
  id: string;
  title: string;
  role: Role;
  status: string;
  statusLabel: string;
  counterpartName: string;
  deadline: Deadline | null;
}
const LIGHT_RANK: Record<string, number> = { red: 0, yellow: 1, unknown: 2, green: 3 };
const rank = (t: TodoItem) => (t.deadline ? (LIGHT_RANK[t.deadline.light] ?? 4) : 5);
const sortTodo = (a: TodoItem, b: TodoItem) => rank(a) - rank(b) || (a.deadline?.dueOn ?? '9999').localeCompare(b.deadline?.dueOn ?? '9999');

/** 共享交换 (issue 5 §1–2): share requests with review and arbitration, grants, demands, deadlines and statistics. */
export function createSharingService(deps: SharingDeps) {
  const repo = () => createSharingRepository(deps.db);
  const requests = createShareRequests(deps);
  const grants = createGrants(deps, requests);
  const demands = createDemands(deps);

  const ruleView = (r: RuleRow) => ({ code: r.code, name: r.name, description: r.description, workingDays: r.working_days, yellowDays: r.yellow_days, enabled: r.enabled });
  async function settings() {
    const r = repo();
    const [s, rules] = await Promise.all([r.settings(), r.rules()]);
    return { unconditionalMode: s.unconditional_mode, maxValidityDays: s.max_validity_days, defaultRateLimitPerMinute: s.default_rate_limit_per_minute, rules: rules.map(ruleView) };
  }

  /** Open steps as to-do items, for the roles given. */
  async function openSteps(ctx: RequestContext, roles: Set<Role>): Promise<TodoItem[]> {
    const r = repo();
    const dept = ctx.actor?.departmentId ?? null;
    const [reqs, dems, rules] = await Promise.all([
      r.openRequests(['checking', 'reviewing', 'arbitrating', 'refused']), r.openDemands(['submitted', 'assigned', 'catalogued', 'refused']), r.rules(),
    ]);
    const out: TodoItem[] = [];
    for (const q of reqs) {
      const role: Role | null =
        roles.has('bureau') && (q.status === 'checking' || q.status === 'arbitrating') ? 'bureau'
          : roles.has('provider') && q.status === 'reviewing' && q.provider_department_id === dept ? 'provider'
            : roles.has('requester') && q.requester_department_id === dept ? 'requester' : null;
      if (!role) continue;
      out.push({
        kind: 'request', id: q.id, title: `${q.requester_department_name} 申请 ${q.entry_name}${q.kind === 'renewal' ? '（续期）' : ''}`, role, status: q.status,
        statusLabel: REQUEST_STATUS.label(q.status), counterpartName: role === 'requester' ? q.provider_department_name : q.requester_department_name,
        deadline: await deadlineOf(deps, rules, q.step_rule, q.step_started_on),
      });
    }
    for (const d of dems) {
      const role: Role | null =
        roles.has('bureau') && d.status === 'submitted' ? 'bureau'
          : roles.has('provider') && d.status === 'assigned' && d.provider_department_id === dept ? 'provider'
            : roles.has('requester') && (d.status === 'catalogued' || d.status === 'refused') && d.requester_department_id === dept ? 'requester' : null;
      if (!role) continue;
      out.push({
        kind: 'demand', id: d.id, title: `共享需求：${d.title}`, role, status: d.status, statusLabel: DEMAND_STATUS.label(d.status),
        counterpartName: role === 'requester' ? (d.provider_department_name ?? '') : d.requester_department_name,
        deadline: await deadlineOf(deps, rules, d.step_rule, d.step_started_on),
      });
    }
    return out.sort(sortTodo);
  }

  return {
    requests,
    grants,
    demands,

    meta: async () => ({
      purposeTypes: PURPOSE_TYPE.pairs, operations: OPERATION.pairs, refusalReasons: REFUSAL_REASON.pairs, requestStatus: REQUEST_STATUS.pairs,
      grantStatus: GRANT_STATUS.pairs, demandStatus: DEMAND_STATUS.pairs, settings: await settings(),
    }),
    settings,

    async updateSettings(ctx: RequestContext, input: { unconditionalMode?: 'auto' | 'check' | undefined; maxValidityDays?: number | undefined; defaultRateLimitPerMinute?: number | undefined; rules?: { code: string; workingDays: number; yellowDays: number; enabled?: boolean | undefined }[] | undefined }) {
      const fields: FieldProblem[] = [];
      (input.rules ?? []).forEach((rule, i) => {
        if (!RULE_CODES.includes(rule.code as never)) fields.push({ path: `body.rules.${i}.code`, message: `未知的时限规则 ${rule.code}` });
        if (rule.yellowDays > rule.workingDays) fields.push({ path: `body.rules.${i}.yellowDays`, message: '黄灯提前天数不能超过时限' });
      });
      if (fields.length) throw SharingErrors.settingsInvalid(fields);
      await inTransaction(deps.db, async (trx) => {
        const r = createSharingRepository(trx);
        const before = await r.settings();
        await r.updateSettings({
          unconditional_mode: input.unconditionalMode ?? before.unconditional_mode, max_validity_days: input.maxValidityDays ?? before.max_validity_days,
          default_rate_limit_per_minute: input.defaultRateLimitPerMinute ?? before.default_rate_limit_per_minute, updated_by: ctx.actor?.userId ?? null,
        });
        for (const rule of input.rules ?? []) {
          await r.updateRule(rule.code, { working_days: rule.workingDays, yellow_days: rule.yellowDays, ...(rule.enabled === undefined ? {} : { enabled: rule.enabled }) });
        }
        await deps.audit.record(trx as never, ctx, { action: 'sharing.settings.update', targetType: 'sharing-settings', targetId: '1', details: { ...input } });
      });
      return settings();
    },

    async todo(ctx: RequestContext, role?: Role) {
      const roles = new Set<Role>();
      if (isBureau(ctx) || holds(ctx, 'sharing.demand.route')) roles.add('bureau');
      if (holds(ctx, 'sharing.request.review') || holds(ctx, 'sharing.demand.answer')) roles.add('provider');
      if (holds(ctx, 'sharing.request.create') || holds(ctx, 'sharing.demand.create')) roles.add('requester');
      if (role) for (const r of [...roles]) if (r !== role) roles.delete(r);
      const items = await openSteps(ctx, roles);
      const counts = { red: 0, yellow: 0, green: 0, none: 0 };
      for (const t of items) {
        const l = t.deadline?.light;
        if (l === 'red' || l === 'yellow' || l === 'green') counts[l]++;
        else counts.none++;
      }
      return { items, counts };
    },

    /** Every overdue open step of every department (the bureau's 督办 list), most overdue first. */
    async escalations(ctx: RequestContext) {
      const items = (await allOpen(ctx)).filter((i) => i.deadline?.light === 'red');
      return { items: items.sort((a, b) => (a.deadline!.dueOn ?? '').localeCompare(b.deadline!.dueOn ?? '')) };
    },

    async stats() {
      const r = repo();
      const [dems, reqs, grantRows, rules] = await Promise.all([r.demandCounts(), r.requestCounts(), r.allGrantStatus(), r.rules()]);
      const closed = dems.filter((d) => d.status === 'closed');
      const satisfied = closed.filter((d) => d.satisfied).length;
      const byStatus: Record<string, number> = {};
      for (const q of reqs) byStatus[q.status] = Number(q.n);
      const open = await r.openRequests(['checking', 'reviewing', 'arbitrating']);
      let overdue = 0;
      for (const q of open) if ((await deadlineOf(deps, rules, q.step_rule, q.step_started_on))?.light === 'red') overdue++;
      const now = today(deps);
      const grantsBy = { active: 0, expired: 0, revoked: 0 };
      for (const g of grantRows) grantsBy[grantStatus(g as never, now)]++;
      return {
        demands: { total: dems.length, closed: closed.length, satisfied, satisfactionRate: closed.length ? satisfied / closed.length : null, goal: 0.95 },
        requests: { total: reqs.reduce((n, q) => n + Number(q.n), 0), byStatus, overdue },
        grants: grantsBy,
      };
    },
  };

  /** Every open step with a deadline, whoever is responsible (for the bureau's escalation list). */
  async function allOpen(_ctx: RequestContext): Promise<TodoItem[]> {
    const r = repo();
    const [reqs, dems, rules] = await Promise.all([r.openRequests(['checking', 'reviewing', 'arbitrating']), r.openDemands(['submitted', 'assigned']), r.rules()]);
    const out: TodoItem[] = [];
    for (const q of reqs) {
      const deadline = await deadlineOf(deps, rules, q.step_rule, q.step_started_on);
      out.push({ kind: 'request', id: q.id, title: `${q.requester_department_name} 申请 ${q.entry_name}`, role: deadline?.responsible ?? 'provider', status: q.status, statusLabel: REQUEST_STATUS.label(q.status), counterpartName: q.provider_department_name, deadline });
    }
    for (const d of dems) {
      const deadline = await deadlineOf(deps, rules, d.step_rule, d.step_started_on);
      out.push({ kind: 'demand', id: d.id, title: `共享需求：${d.title}`, role: deadline?.responsible ?? 'provider', status: d.status, statusLabel: DEMAND_STATUS.label(d.status), counterpartName: d.provider_department_name ?? d.requester_department_name, deadline });
    }
    return out;
  }
}
