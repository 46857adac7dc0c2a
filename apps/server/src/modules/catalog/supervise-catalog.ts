import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { ENTRY_STATUS, type Light } from './catalog.enums.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { createCatalogRepository, type EntryRow, type RuleRow } from './catalog.repository.ts';
import { actorName, workingScope, type CatalogDeps } from './catalog-core.ts';
import { todayInChina } from './entry-model.ts';
import { createSearchRepository } from './search.repository.ts';
import { deadlinesOf, lightOrder, type Deadline } from './track-deadlines.ts';

// Supervision: deadline rules, the department's to-do list, the bureau's supervision list, statistics and quality
// averages per department and city-wide.

type Counts = Record<Light, number>;

function ruleView(r: RuleRow) {
  return {
    code: r.code, name: r.name, description: r.description, workingDays: r.working_days, yellowDays: r.yellow_days, enabled: r.enabled,
    updatedAt: r.updated_at.toISOString(), updatedBy: r.updated_by_name,
  };
}

export function createSupervision(deps: CatalogDeps) {
  const repo = () => createCatalogRepository(deps.db);

  async function openDeadlines(rows: EntryRow[], asOf: string) {
    const rules = await repo().rules();
    const out: { row: EntryRow; deadline: Deadline }[] = [];
    for (const row of rows) for (const deadline of await deadlinesOf(row, rules, deps.calendar, asOf)) out.push({ row, deadline });
    out.sort((a, b) => lightOrder(b.deadline.light) - lightOrder(a.deadline.light) || (a.deadline.dueOn ?? '').localeCompare(b.deadline.dueOn ?? ''));
    return out;
  }

  function todoList(list: { row: EntryRow; deadline: Deadline }[], asOf: string) {
    const counts: Counts = { green: 0, yellow: 0, red: 0, unknown: 0 };
    for (const x of list) counts[x.deadline.light]++;
    return {
      asOf,
      items: list.map(({ row, deadline }) => ({
        entryId: row.id, code: row.code, name: row.name, departmentId: row.department_id, departmentName: row.provider_name,
        status: row.status as (typeof ENTRY_STATUS.values)[number], deadline,
      })),
      counts,
    };
  }

  return {
    rules: async () => (await repo().rules()).map(ruleView),

    async updateRule(ctx: RequestContext, code: string, input: { workingDays: number; yellowDays: number; enabled: boolean }) {
      if (input.yellowDays > input.workingDays) throw CatalogErrors.invalidField([{ path: 'body.yellowDays', message: '黄灯提醒天数不能超过时限天数' }]);
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const before = await r.rule(code);
        if (!before) throw CatalogErrors.ruleNotFound(code);
        await r.updateRule(code, { working_days: input.workingDays, yellow_days: input.yellowDays, enabled: input.enabled, updated_by: ctx.actor?.userId ?? null, updated_by_name: actorName(ctx) });
        await deps.audit.record(trx, ctx, {
          action: 'catalog.rule.update', targetType: 'catalog-deadline-rule', targetId: code,
          details: { before: { workingDays: before.working_days, yellowDays: before.yellow_days, enabled: before.enabled }, after: input },
        });
      });
      return ruleView((await repo().rule(code))!);
    },

    /** The open deadlines of a department's entries (the bureau may look at any department, or all). */
    async todo(ctx: RequestContext, departmentId: string | undefined, asOf = todayInChina()) {
      const scope = workingScope(ctx);
      if (!scope.all && (!scope.departmentId || (departmentId && departmentId !== scope.departmentId))) return todoList([], asOf);
      const rows = await repo().deadlineCandidates(scope.all ? departmentId ?? null : scope.departmentId);
      return todoList(await openDeadlines(rows, asOf), asOf);
    },

    /** Everything yellow or red across all departments (or one light), worst first. */
    async supervision(asOf = todayInChina(), light?: Light) {
      const list = await openDeadlines(await repo().deadlineCandidates(null), asOf);
      return todoList(list.filter((x) => (light ? x.deadline.light === light : x.deadline.light === 'yellow' || x.deadline.light === 'red')), asOf);
    },

    async stats(ctx: RequestContext, departmentId: string | undefined, asOf = todayInChina()) {
      const scope = scopeOf(ctx, 'catalog.stats.read');
      const own = scope === 'all' ? null : ctx.actor?.departmentId ?? null;
      if (scope !== 'all' && !own) throw CatalogErrors.noDepartment();
      const only = own ?? departmentId ?? null;

      const blank = () => ({
        entries: 0, byStatus: Object.fromEntries(ENTRY_STATUS.values.map((s) => [s, 0])) as Record<string, number>, published: 0, dataItems: 0,
        mounted: 0, mountedRatio: 0, shareTypes: { unconditional: 0, conditional: 0, none: 0 } as Record<string, number>, overdue: 0,
        qualityAverage: null as number | null, qualitySum: 0,
      });
      const byDept = new Map<string, ReturnType<typeof blank> & { departmentId: string; departmentName: string }>();
      const slot = (id: string, name: string) => {
        if (!byDept.has(id)) byDept.set(id, { ...blank(), departmentId: id, departmentName: name });
        return byDept.get(id)!;
      };
      if (only) slot(only, (await deps.departments.get(only)).name);

      for (const c of await repo().statusCounts()) {
        if (!c.department_id || (only && c.department_id !== only)) continue;
        const s = slot(c.department_id, c.provider_name);
        s.entries += Number(c.n);
        s.byStatus[c.status] = (s.byStatus[c.status] ?? 0) + Number(c.n);
      }
      for (const f of await createSearchRepository(deps.db).departmentFigures()) {
        if (!f.department_id || (only && f.department_id !== only)) continue;
        const s = slot(f.department_id, f.department_name);
        s.published = f.published;
        s.dataItems = f.items;
        s.mounted = f.mounted;
        s.shareTypes = { unconditional: f.unconditional, conditional: f.conditional, none: f.none };
        s.qualitySum = f.quality_sum;
      }
      for (const { row, deadline } of await openDeadlines(await repo().deadlineCandidates(only), asOf)) {
        if (deadline.light === 'red' && row.department_id) slot(row.department_id, row.provider_name).overdue++;
      }

      const finish = <T extends ReturnType<typeof blank>>(s: T) => {
        const { qualitySum, ...rest } = s;
        return {
          ...rest,
          mountedRatio: s.published ? Math.round((s.mounted / s.published) * 1000) / 1000 : 0,
          qualityAverage: s.published ? Math.round((qualitySum / s.published) * 10) / 10 : null,
        };
      };
      const departments = [...byDept.values()].sort((a, b) => b.entries - a.entries || a.departmentName.localeCompare(b.departmentName, 'zh'));
      let city = null;
      if (scope === 'all' && !departmentId) {
        const total = blank();
        for (const d of departments) {
          total.entries += d.entries;
          for (const [k, v] of Object.entries(d.byStatus)) total.byStatus[k] = (total.byStatus[k] ?? 0) + v;
          total.published += d.published;
          total.dataItems += d.dataItems;
          total.mounted += d.mounted;
          for (const [k, v] of Object.entries(d.shareTypes)) total.shareTypes[k] = (total.shareTypes[k] ?? 0) + v;
          total.overdue += d.overdue;
          total.qualitySum += d.qualitySum;
        }
        city = finish(total);
      }
      return { city, departments: departments.map(finish) };
    },

    async qualityByDepartment(ctx: RequestContext) {
      const own = scopeOf(ctx, 'catalog.stats.read') === 'all' ? null : ctx.actor?.departmentId ?? 'none';
      const round = (n: number | null) => Math.round(Number(n ?? 0) * 10) / 10;
      return {
        items: (await createSearchRepository(deps.db).departmentFigures())
          .filter((f) => f.department_id && (own === null || f.department_id === own))
          .map((f) => ({
            departmentId: f.department_id!, departmentName: f.department_name, entries: f.published, averageScore: round(f.quality_sum / f.published),
            dimensions: {
              findability: round(f.findability), accessibility: round(f.accessibility), interoperability: round(f.interoperability),
              reusability: round(f.reusability), contextuality: round(f.contextuality),
            },
          }))
          .sort((a, b) => b.averageScore - a.averageScore),
      };
    },
  };
}
