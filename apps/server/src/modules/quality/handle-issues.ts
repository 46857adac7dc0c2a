import { systemContext, type RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { xlsxOf } from '../../kernel/spreadsheet.ts';
import { DIMENSION, ISSUE_STATUS, RESOLUTION, RULE_TYPE, SEVERITY } from './quality.enums.ts';
import { QualityErrors } from './quality.errors.ts';
import { createQualityRepository, type DeadlineRuleRow, type IssueRow } from './quality.repository.ts';
import { actorName, deadlineOf, departmentFilter, departmentName, sees, today, type Deadline, type QualityDeps } from './quality-core.ts';

// 问题数据: opened by runs, explained by the provider and reviewed by the bureau, closed by a passing run; overdue
// issues escalate to the bureau.

const LIGHT_RANK: Record<string, number> = { red: 0, yellow: 1, unknown: 2, green: 3 };

export function createIssues(deps: QualityDeps) {
  const repo = () => createQualityRepository(deps.db);
  const names = new Map<string, string>();
  const deptName = async (id: string) => names.get(id) ?? names.set(id, await departmentName(deps, id)).get(id)!;

  async function view(row: IssueRow, rules: DeadlineRuleRow[], asOf?: string, withEvents = false) {
    const deadline: Deadline | null = await deadlineOf(deps, rules, row, asOf);
    return {
      id: row.id, ruleId: row.rule_id, ruleName: row.rule_name, ruleType: row.rule_type, ruleTypeLabel: RULE_TYPE.label(row.rule_type), entryId: row.entry_id, entryName: row.entry_name,
      departmentId: row.department_id, departmentName: await deptName(row.department_id), dimension: row.dimension, dimensionLabel: DIMENSION.label(row.dimension),
      severity: row.severity, status: row.status, statusLabel: ISSUE_STATUS.label(row.status), resolution: row.resolution, resolutionLabel: row.resolution ? RESOLUTION.label(row.resolution) : null,
      failed: Number(row.failed), checked: Number(row.checked), sampleKeys: row.sample_keys, firstRunId: row.first_run_id, lastRunId: row.last_run_id, startedOn: row.started_on,
      explanation: row.explanation, escalated: row.escalated, escalatedAt: row.escalated_at?.toISOString() ?? null, overdue: deadline?.light === 'red',
      deadline, createdAt: row.created_at.toISOString(), closedAt: row.closed_at?.toISOString() ?? null,
      ...(withEvents ? { history: (await repo().events(row.id)).map((e) => ({ at: e.at.toISOString(), actorName: e.actor_name, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, note: e.note })) } : {}),
    };
  }
  type IssueView = Awaited<ReturnType<typeof view>>;
  const sort = (a: IssueView, b: IssueView) =>
    (LIGHT_RANK[a.deadline?.light ?? 'green'] ?? 4) - (LIGHT_RANK[b.deadline?.light ?? 'green'] ?? 4) || (a.deadline?.dueOn ?? '9999').localeCompare(b.deadline?.dueOn ?? '9999');

  async function visible(ctx: RequestContext, id: string, permission: string) {
    const row = await repo().issue(id);
    if (!row || !sees(ctx, permission, row.department_id)) throw QualityErrors.issueNotFound(id);
    return row;
  }

  async function list(ctx: RequestContext, q: { entryId?: string | undefined; status?: string | undefined; escalated?: boolean | undefined; overdue?: boolean | undefined; departmentId?: string | undefined }, asOf?: string) {
    const scope = departmentFilter(ctx, 'quality.score.read');
    const departmentId = scope ?? q.departmentId ?? null;
    const [rows, rules] = await Promise.all([repo().issues({ departmentId, entryId: q.entryId, status: q.status, escalated: q.escalated }), repo().deadlineRules()]);
    let items = await Promise.all(rows.map((r) => view(r, rules, asOf)));
    if (q.overdue !== undefined) items = items.filter((i) => i.overdue === q.overdue);
    return { items: items.sort(sort), total: items.length };
  }

  async function transition(ctx: RequestContext, id: string, permission: string, from: string, action: string, label: string,
    patch: (row: IssueRow) => Parameters<ReturnType<typeof createQualityRepository>['updateIssue']>[1], note: string | null) {
    await inTransaction(deps.db, async (trx) => {
      const r = createQualityRepository(trx);
      const row = await r.issueForUpdate(id);
      if (!row || !sees(ctx, permission, row.department_id)) throw QualityErrors.issueNotFound(id);
      if (row.status !== from) throw QualityErrors.invalidTransition(ISSUE_STATUS.label(row.status), label);
      const p = patch(row);
      await r.updateIssue(id, p);
      await r.insertEvent({ issue_id: id, actor_name: actorName(ctx), action, from_status: row.status, to_status: p.status ?? row.status, note });
      await deps.audit.record(trx, ctx, { action: `quality.issue.${action}`, targetType: 'quality-issue', targetId: id, details: { from: row.status, to: p.status ?? row.status, note } });
    });
    return view((await repo().issue(id))!, await repo().deadlineRules(), undefined, true);
  }

  return {
    list,
    async get(ctx: RequestContext, id: string) {
      return view(await visible(ctx, id, 'quality.score.read'), await repo().deadlineRules(), undefined, true);
    },
    /** 说明: the provider explains why the failures are not errors; the bureau accepts or rejects. */
    async explain(ctx: RequestContext, id: string, input: { explanation: string }) {
      const explanation = input.explanation?.trim() ?? '';
      if (!explanation) throw QualityErrors.explanationRequired();
      const row = await visible(ctx, id, 'quality.issue.handle');
      if (ctx.actor?.departmentId !== row.department_id) throw QualityErrors.notProvider();
      return transition(ctx, id, 'quality.issue.handle', 'open', 'explain', '提交说明', () => ({ status: 'explaining', explanation, review_started_on: today(deps) }), explanation);
    },
    async review(ctx: RequestContext, id: string, input: { decision: 'accept' | 'reject'; note?: string | undefined }) {
      await visible(ctx, id, 'quality.issue.review');
      const accept = input.decision === 'accept';
      return transition(ctx, id, 'quality.issue.review', 'explaining', accept ? 'accept' : 'reject', accept ? '采纳说明' : '退回说明',
        () => (accept ? { status: 'closed', resolution: 'explained', closed_at: new Date() } : { status: 'open', review_started_on: null }), input.note?.trim() || null);
    },
    /** To-do: the provider's open issues (own department), or the bureau's explanations to review and escalated/overdue issues. */
    async todo(ctx: RequestContext, role: 'provider' | 'bureau', asOf?: string) {
      const rules = await repo().deadlineRules();
      if (role === 'provider') {
        const dept = ctx.actor?.departmentId;
        if (!dept) return { items: [], counts: { red: 0, yellow: 0, green: 0 } };
        const rows = await repo().issues({ departmentId: dept, status: 'open' });
        const items = (await Promise.all(rows.map((r) => view(r, rules, asOf)))).sort(sort);
        return { items, counts: counts(items) };
      }
      const open = await repo().issues({ departmentId: departmentFilter(ctx, 'quality.issue.review'), openOnly: true });
      const items = (await Promise.all(open.map((r) => view(r, rules, asOf)))).filter((i) => i.status === 'explaining' || i.escalated || i.overdue).sort(sort);
      return { items, counts: counts(items) };
    },
    /** Marks overdue open issues as escalated (the sweep job does this; the bureau may trigger it). Returns how many. */
    async escalateOverdue(ctx: RequestContext = systemContext('job:quality.sweep'), asOf = today(deps)) {
      const rules = await repo().deadlineRules();
      const candidates = (await repo().issues({ status: 'open', escalated: false }));
      const due: string[] = [];
      for (const row of candidates) if ((await deadlineOf(deps, rules, row, asOf))?.light === 'red') due.push(row.id);
      if (!due.length) return { escalated: 0, ids: [] as string[] };
      await inTransaction(deps.db, async (trx) => {
        const r = createQualityRepository(trx);
        for (const id of due) {
          await r.updateIssue(id, { escalated: true, escalated_at: new Date() });
          await r.insertEvent({ issue_id: id, actor_name: actorName(ctx), action: 'escalate', from_status: 'open', to_status: 'open', note: `超过整改时限（${asOf}），上报数据局督办` });
        }
        await deps.audit.record(trx, ctx, { action: 'quality.issue.escalate', targetType: 'quality-issue', targetId: due[0]!, details: { ids: due, asOf } });
      });
      return { escalated: due.length, ids: due };
    },
    /** Open and overdue issue counts per department (for the ranking). */
    async countsByDepartment(asOf?: string) {
      const [rows, rules] = await Promise.all([repo().openIssues(), repo().deadlineRules()]);
      const out = new Map<string, { open: number; overdue: number }>();
      for (const row of rows) {
        const c = out.get(row.department_id) ?? { open: 0, overdue: 0 };
        c.open++;
        if (row.escalated || (await deadlineOf(deps, rules, row, asOf))?.light === 'red') c.overdue++;
        out.set(row.department_id, c);
      }
      return out;
    },
    async exportXlsx(ctx: RequestContext, q: Parameters<typeof list>[1]) {
      const { items } = await list(ctx, q);
      const columns = [
        { header: '提供部门', width: 20 }, { header: '目录', width: 28 }, { header: '规则', width: 28 }, { header: '维度', width: 14 }, { header: '严重程度', width: 10 },
        { header: '状态', width: 12 }, { header: '问题条数', width: 10 }, { header: '检查条数', width: 10 }, { header: '发现日期', width: 12 }, { header: '整改期限', width: 12 },
        { header: '超期', width: 8 }, { header: '已督办', width: 8 }, { header: '样例主键', width: 40 },
      ];
      return xlsxOf('问题数据', columns, items.map((i) => [
        i.departmentName, i.entryName, i.ruleName, i.dimensionLabel, SEVERITY.label(i.severity), i.statusLabel, i.failed, i.checked,
        i.startedOn, i.deadline?.dueOn ?? '', i.overdue ? '是' : '', i.escalated ? '是' : '', i.sampleKeys.slice(0, 5).join(' '),
      ]));
    },
  };
}

function counts(items: { deadline: Deadline | null }[]) {
  const c = { red: 0, yellow: 0, green: 0 };
  for (const i of items) {
    const l = i.deadline?.light;
    if (l === 'red' || l === 'yellow' || l === 'green') c[l]++;
  }
  return c;
}
