import { randomUUID } from 'node:crypto';
import { childDivisions, type Division } from '@shuzheng/standards';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { xlsxOf } from '../../kernel/spreadsheet.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { createIssues } from './handle-issues.ts';
import { createRuleManagement } from './manage-rules.ts';
import { DEADLINE_RULE_CODES, DIMENSION, FREQUENCY_DAYS, ISSUE_STATUS, RESOLUTION, RULE_TYPE, SEVERITY, TRIGGER } from './quality.enums.ts';
import { QualityErrors } from './quality.errors.ts';
import { createQualityRepository, type CodeTableRow } from './quality.repository.ts';
import { departmentFilter, departmentName, mountedEntry, now, sees, type QualityDeps } from './quality-core.ts';
import { createRuns } from './run-quality.ts';

export type { QualityDeps, FreshnessSource } from './quality-core.ts';
export type QualityService = ReturnType<typeof createQualityService>;

export const DIVISIONS_TABLE_ID = '00000000-0000-4000-8000-000000002260';
export const GENDER_TABLE_ID = '00000000-0000-4000-8000-000000002261';

function allDivisions(): Division[] {
  const out: Division[] = [];
  const walk = (parent: string | null) => {
    for (const d of childDivisions(parent)) {
      out.push(d);
      walk(d.code);
    }
  };
  walk(null);
  return out;
}

const codeTableView = (t: CodeTableRow & { value_count?: number | null }) => ({
  id: t.id, code: t.code, name: t.name, description: t.description, builtin: t.builtin, departmentId: t.department_id, valueCount: Number(t.value_count ?? 0),
  updatedAt: t.updated_at.toISOString(),
});

/** 数据质量治理 (issue 4 §3): rules, runs and scores, issues with working-day deadlines, code tables, ranking. */
export function createQualityService(deps: QualityDeps) {
  const repo = () => createQualityRepository(deps.db);
  const rules = createRuleManagement(deps);
  const runs = createRuns(deps);
  const issues = createIssues(deps);

  async function settings() {
    const r = repo();
    const [s, dl] = await Promise.all([r.settings(), r.deadlineRules()]);
    return {
      scheduleIntervalHours: s.schedule_interval_hours, weights: { high: s.weight_high, medium: s.weight_medium, low: s.weight_low },
      deadlineRules: dl.map((x) => ({ code: x.code, name: x.name, description: x.description, workingDays: x.working_days, yellowDays: x.yellow_days, enabled: x.enabled })),
    };
  }

  function codeValuesProblems(values: { value: string; label: string }[]): FieldProblem[] {
    const f: FieldProblem[] = [];
    const seen = new Map<string, number>();
    values.forEach((v, i) => {
      const value = v.value.trim();
      if (!value) f.push({ path: `body.values.${i}.value`, message: `第 ${i + 1} 行代码为空` });
      else if (seen.has(value)) f.push({ path: `body.values.${i}.value`, message: `代码 ${value} 与第 ${seen.get(value)! + 1} 行重复` });
      else seen.set(value, i);
      if (!v.label.trim()) f.push({ path: `body.values.${i}.label`, message: `第 ${i + 1} 行名称为空` });
    });
    return f;
  }

  return {
    rules,
    runs,
    issues,

    meta: async () => ({
      ruleTypes: RULE_TYPE.pairs, dimensions: DIMENSION.pairs, severities: SEVERITY.pairs, issueStatus: ISSUE_STATUS.pairs, resolutions: RESOLUTION.pairs,
      triggers: TRIGGER.pairs, frequencies: FREQUENCY_DAYS.pairs, settings: await settings(),
    }),
    settings,

    async updateSettings(ctx: RequestContext, input: { scheduleIntervalHours?: number | undefined; weights?: { high: number; medium: number; low: number } | undefined; deadlineRules?: { code: string; workingDays: number; yellowDays: number; enabled?: boolean | undefined }[] | undefined }) {
      const f: FieldProblem[] = [];
      (input.deadlineRules ?? []).forEach((rule, i) => {
        if (!DEADLINE_RULE_CODES.includes(rule.code as never)) f.push({ path: `body.deadlineRules.${i}.code`, message: `未知的时限规则 ${rule.code}` });
        if (rule.yellowDays > rule.workingDays) f.push({ path: `body.deadlineRules.${i}.yellowDays`, message: '黄灯提前天数不能超过时限' });
      });
      if (f.length) throw QualityErrors.settingsInvalid(f);
      await inTransaction(deps.db, async (trx) => {
        const r = createQualityRepository(trx);
        const before = await r.settings();
        await r.updateSettings({
          schedule_interval_hours: input.scheduleIntervalHours ?? before.schedule_interval_hours, weight_high: input.weights?.high ?? before.weight_high,
          weight_medium: input.weights?.medium ?? before.weight_medium, weight_low: input.weights?.low ?? before.weight_low, updated_by: ctx.actor?.userId ?? null,
        });
        for (const rule of input.deadlineRules ?? []) {
          await r.updateDeadlineRule(rule.code, { working_days: rule.workingDays, yellow_days: rule.yellowDays, ...(rule.enabled === undefined ? {} : { enabled: rule.enabled }) });
        }
        await deps.audit.record(trx, ctx, { action: 'quality.settings.update', targetType: 'quality-settings', targetId: '1', details: { ...input } });
      });
      return settings();
    },

    // ── code tables ──
    /** Syncs the built-in GB/T 2260 table with the standards package (at startup; a no-op when unchanged). */
    async seedStandards() {
      const divisions = allDivisions();
      const r = repo();
      if ((await r.codeValueCount(DIVISIONS_TABLE_ID)) === divisions.length) return;
      await inTransaction(deps.db, async (trx) => {
        await createQualityRepository(trx).replaceCodeValues(DIVISIONS_TABLE_ID, divisions.map((d) => ({ value: d.code, label: d.name })));
      });
    },
    codeTables: {
      list: async () => ({ items: (await repo().codeTables()).map(codeTableView) }),
      async get(id: string) {
        const t = await repo().codeTable(id);
        if (!t) throw QualityErrors.codeTableNotFound(id);
        const values = await repo().codeValues(id);
        return { ...codeTableView({ ...t, value_count: values.length }), values };
      },
      async create(ctx: RequestContext, input: { code: string; name: string; description?: string | undefined; values: { value: string; label: string }[] }) {
        const f = codeValuesProblems(input.values);
        if (!input.code.trim()) f.push({ path: 'body.code', message: '须填写代码表编号' });
        if (!input.name.trim()) f.push({ path: 'body.name', message: '须填写代码表名称' });
        if (f.length) throw QualityErrors.codeTableInvalid(f);
        if (await repo().codeTableByCode(input.code.trim())) throw QualityErrors.codeTableCodeTaken(input.code.trim());
        const id = randomUUID();
        await inTransaction(deps.db, async (trx) => {
          const r = createQualityRepository(trx);
          await r.insertCodeTable({ id, code: input.code.trim(), name: input.name.trim(), description: input.description?.trim() ?? '', builtin: false, department_id: ctx.actor?.departmentId ?? null });
          await r.replaceCodeValues(id, input.values.map((v) => ({ value: v.value.trim(), label: v.label.trim() })));
          await deps.audit.record(trx, ctx, { action: 'quality.code-table.create', targetType: 'quality-code-table', targetId: id, details: { code: input.code, name: input.name, values: input.values.length } });
        });
        return this.get(id);
      },
      async update(ctx: RequestContext, id: string, input: { name?: string | undefined; description?: string | undefined; values?: { value: string; label: string }[] | undefined }) {
        const t = await repo().codeTable(id);
        if (!t) throw QualityErrors.codeTableNotFound(id);
        if (t.builtin) throw QualityErrors.codeTableBuiltin();
        const f = input.values ? codeValuesProblems(input.values) : [];
        if (input.name !== undefined && !input.name.trim()) f.push({ path: 'body.name', message: '须填写代码表名称' });
        if (f.length) throw QualityErrors.codeTableInvalid(f);
        await inTransaction(deps.db, async (trx) => {
          const r = createQualityRepository(trx);
          await r.updateCodeTable(id, { ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.description !== undefined ? { description: input.description.trim() } : {}) });
          if (input.values) await r.replaceCodeValues(id, input.values.map((v) => ({ value: v.value.trim(), label: v.label.trim() })));
          await deps.audit.record(trx, ctx, { action: 'quality.code-table.update', targetType: 'quality-code-table', targetId: id, details: { name: input.name, values: input.values?.length ?? null } });
        });
        return this.get(id);
      },
      async remove(ctx: RequestContext, id: string) {
        const t = await repo().codeTable(id);
        if (!t) throw QualityErrors.codeTableNotFound(id);
        if (t.builtin) throw QualityErrors.codeTableBuiltin();
        const using = await repo().rulesUsingCodeTable(id);
        if (using.length) throw QualityErrors.codeTableInUse(using.map((u) => u.name));
        await inTransaction(deps.db, async (trx) => {
          await createQualityRepository(trx).deleteCodeTable(id);
          await deps.audit.record(trx, ctx, { action: 'quality.code-table.delete', targetType: 'quality-code-table', targetId: id, details: { code: t.code, name: t.name } });
        });
      },
    },

    // ── scores ──
    /** An entry's latest score (overall and per dimension) and its daily history. */
    async entryScores(ctx: RequestContext, entryId: string, days = 90) {
      const mount = await deps.catalog.mounts.tableFor(entryId);
      const owner = mount ? { departmentId: mount.providerDepartmentId, name: mount.entryName } : await deps.catalog.forSharing.entryOwner(entryId);
      if (!owner?.departmentId || !sees(ctx, 'quality.score.read', owner.departmentId)) throw QualityErrors.entryNotFound(entryId);
      const last = await repo().lastRun(entryId);
      const since = new Date(now(deps).getTime() - days * 86_400_000);
      const history = (await repo().scoreHistory({ entryId }, since)).map((h) => ({ day: h.day, score: h.score === null ? null : Number(h.score) }));
      return {
        entryId, score: last?.score == null ? null : Number(last.score), dimensionScores: (last?.dimension_scores ?? {}) as Record<string, number | null>,
        lastRunId: last?.id ?? null, lastRunAt: last?.started_at.toISOString() ?? null, history,
      };
    },
    /** A department's score history (its own for department scope; any or the whole city for the bureau). */
    async departmentScores(ctx: RequestContext, departmentId: string | undefined, days = 90) {
      const scope = departmentFilter(ctx, 'quality.score.read');
      const dept = scope ?? departmentId ?? null;
      const since = new Date(now(deps).getTime() - days * 86_400_000);
      return { departmentId: dept, history: (await repo().scoreHistory({ departmentId: dept }, since)).map((h) => ({ day: h.day, score: h.score === null ? null : Number(h.score) })) };
    },
    /** 可定责: departments ranked by the average of their entries' latest scores, with dimensions and issue counts. */
    async ranking(asOf?: string) {
      const [latest, counts] = await Promise.all([repo().latestScores(), issues.countsByDepartment(asOf)]);
      const byDept = new Map<string, typeof latest>();
      for (const row of latest) byDept.set(row.department_id, [...(byDept.get(row.department_id) ?? []), row]);
      for (const d of counts.keys()) if (!byDept.has(d)) byDept.set(d, []);
      const avg = (xs: (number | null)[]) => {
        const v = xs.filter((x): x is number => x !== null && x !== undefined);
        return v.length ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 100) / 100 : null;
      };
      const rows = await Promise.all([...byDept.entries()].map(async ([departmentId, entries]) => ({
        departmentId, departmentName: await departmentName(deps, departmentId), entries: entries.length,
        score: avg(entries.map((e) => (e.score === null ? null : Number(e.score)))),
        dimensionScores: Object.fromEntries(DIMENSION.values.map((d) => [d, avg(entries.map((e) => (e.dimension_scores?.[d] ?? null)))])) as Record<string, number | null>,
        openIssues: counts.get(departmentId)?.open ?? 0, overdueIssues: counts.get(departmentId)?.overdue ?? 0,
      })));
      rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.overdueIssues - b.overdueIssues || a.departmentName.localeCompare(b.departmentName, 'zh-CN'));
      return { items: rows.map((r, i) => ({ rank: i + 1, ...r })) };
    },
    async rankingXlsx() {
      const { items } = await this.ranking();
      const columns = [
        { header: '排名', width: 6 }, { header: '部门', width: 22 }, { header: '综合得分', width: 10 }, ...DIMENSION.pairs.map((d) => ({ header: d.label, width: 12 })),
        { header: '目录数', width: 8 }, { header: '未关闭问题', width: 10 }, { header: '超期问题', width: 10 },
      ];
      return xlsxOf('质量排名', columns, items.map((r) => [
        r.rank, r.departmentName, r.score, ...DIMENSION.values.map((d) => r.dimensionScores[d]), r.entries, r.openIssues, r.overdueIssues,
      ]));
    },

    /** The recurring sweep: runs stale entries (trigger schedule) and escalates overdue issues. */
    async sweep() {
      const stale = await runs.staleEntries();
      let ran = 0;
      for (const entryId of stale) {
        if (await runs.runFromJob({ entryId, trigger: 'schedule' })) ran++;
      }
      const { escalated } = await issues.escalateOverdue();
      return { ran, escalated };
    },
    /** For routes: 404 unless the actor may see the entry under the permission. */
    checkEntry: (ctx: RequestContext, entryId: string, permission: string) => mountedEntry(deps, ctx, entryId, permission),
  };
}
