import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { Page } from '../../kernel/schemas.ts';
import { csvOf, xlsxOf } from '../../kernel/spreadsheet.ts';
import { buildView, createBuilds } from './build-registry.ts';
import { createProfiles } from './read-profile.ts';
import { RegistryErrors } from './registry.errors.ts';
import { createRegistryRepository, type RegistryKind } from './registry.repository.ts';
import { clearFor, departmentNames, PERMISSIONS, REGISTRIES, repoOf, resolveSources, seesDepartment, shown, visibilityOf, type RegistryDeps, type RegistrySource } from './registry-core.ts';

/** Rows an export of disagreements holds at most. */
export const EXPORT_LIMIT = 50_000;

/** 基础库: registries (overview, settings, builds), profiles (一人一档 / 一企一档) and multi-source comparison (多源比对). */
export function createRegistryService(deps: RegistryDeps) {
  const builds = createBuilds(deps);
  const profiles = createProfiles(deps);

  async function overview(registry: RegistryKind) {
    const repo = repoOf(deps);
    const names = departmentNames(deps);
    const settings = await repo.settings(registry);
    const sources = await resolveSources(deps, registry, settings.precedence);
    const last = await repo.lastSucceeded(registry);
    const active = await repo.activeBuild(registry);
    const counted = new Map(((last?.sources ?? []) as { entryId: string; subjects: number }[]).map((s) => [s.entryId, s.subjects]));
    return {
      registry, name: REGISTRIES[registry].name, keyItem: REGISTRIES[registry].keyItem, keyName: REGISTRIES[registry].keyName,
      records: await repo.recordCount(registry),
      sources: await Promise.all(sources.map(async (s) => ({
        entryId: s.entryId, entryName: s.entryName, departmentId: s.departmentId, departmentName: await names(s.departmentId), table: `${s.schemaName}.${s.tableName}`,
        datasource: s.datasource, subjects: counted.get(s.entryId) ?? null,
        items: s.items.map((i) => ({ item: i.item, itemName: s.columns.find((c) => c.itemCodeName === i.item)?.itemName ?? i.item, authoritative: i.rank === 0 })),
      }))),
      precedence: await Promise.all(settings.precedence.map(async (id) => ({ departmentId: id, departmentName: await names(id) }))),
      lastBuild: last ? buildView(last as never) : null,
      activeBuild: active ? buildView(active as never) : null,
    };
  }

  function pairSources(sources: RegistrySource[], item: string, entryA: string, entryB: string) {
    const a = sources.find((s) => s.entryId === entryA);
    const b = sources.find((s) => s.entryId === entryB);
    const problems = [];
    if (!a || !a.items.some((i) => i.item === item)) problems.push({ path: 'query.entryA', message: '数据源 A 不是该基础库中含此数据项的数据源' });
    if (!b || !b.items.some((i) => i.item === item)) problems.push({ path: 'query.entryB', message: '数据源 B 不是该基础库中含此数据项的数据源' });
    if (entryA === entryB) problems.push({ path: 'query.entryB', message: '须选择两个不同的数据源' });
    if (problems.length) throw RegistryErrors.pairInvalid(problems);
    return { a: a!, b: b!, colA: a!.items.find((i) => i.item === item)!.column, colB: b!.items.find((i) => i.item === item)!.column };
  }

  async function disagreementRows(ctx: RequestContext, registry: RegistryKind, q: { item: string; entryA: string; entryB: string }, limit: number, offset: number) {
    const vis = visibilityOf(ctx, PERMISSIONS.compare)!;
    const settings = await repoOf(deps).settings(registry);
    const sources = await resolveSources(deps, registry, settings.precedence);
    const { a, b, colA, colB } = pairSources(sources, q.item, q.entryA, q.entryB);
    // A department-scoped caller compares only pairs that include their own department.
    if (!seesDepartment(vis, a.departmentId) && !seesDepartment(vis, b.departmentId)) throw RegistryErrors.pairInvalid([{ path: 'query.entryA', message: '只能查看涉及本部门数据源的比对' }]);
    const { rows, total } = await repoOf(deps).disagreements(a, colA, b, colB, limit, offset);
    const keyColumn = a.columns.find((c) => c.itemCodeName === REGISTRIES[registry].keyItem)!;
    const column = (s: RegistrySource) => s.columns.find((c) => c.itemCodeName === q.item)!;
    const clearKey = vis.sensitive;
    return {
      a, b, total,
      rows: rows.map((r) => ({
        key: shown(r.key, keyColumn, null, clearKey).value!,
        valueA: shown(r.valueA, column(a), a.grade, clearFor(vis, a.departmentId)).value,
        valueB: shown(r.valueB, column(b), b.grade, clearFor(vis, b.departmentId)).value,
        updatedAtA: r.updatedAtA.toISOString(), updatedAtB: r.updatedAtB.toISOString(),
      })),
    };
  }

  return {
    builds,
    profiles,

    async list() {
      return { items: await Promise.all((['person', 'entity'] as const).map(overview)) };
    },
    overview,

    /** The precedence list of departments for items without an authoritative source (audited). */
    async updateSettings(ctx: RequestContext, registry: RegistryKind, input: { precedence: string[] }) {
      const problems = [];
      const seen = new Set<string>();
      for (const [i, id] of input.precedence.entries()) {
        if (seen.has(id)) problems.push({ path: `body.precedence.${i}`, message: '部门重复' });
        seen.add(id);
        try {
          await deps.departments.get(id);
        } catch {
          problems.push({ path: `body.precedence.${i}`, message: '部门不存在' });
        }
      }
      if (problems.length) throw RegistryErrors.settingsInvalid(problems);
      await inTransaction(deps.db, async (trx) => {
        const r = createRegistryRepository(trx);
        const before = await r.settings(registry);
        await r.updateSettings(registry, input.precedence, { id: ctx.actor?.userId ?? null, name: ctx.actor?.displayName ?? null });
        await deps.audit.record(trx, ctx, { action: 'registry.settings.update', targetType: 'registry', targetId: registry, details: { before: before.precedence, after: input.precedence } });
      });
      return overview(registry);
    },

    /** 多源比对: counts per data item and pair of sources from the last build, and per department pair. */
    async comparisons(ctx: RequestContext, registry: RegistryKind) {
      const vis = visibilityOf(ctx, PERMISSIONS.compare)!;
      const repo = repoOf(deps);
      const names = departmentNames(deps);
      const settings = await repo.settings(registry);
      const sources = new Map((await resolveSources(deps, registry, settings.precedence)).map((s) => [s.entryId, s]));
      const last = await repo.lastSucceeded(registry);
      const rows = (await repo.comparisons(registry)).filter((r) => seesDepartment(vis, r.department_a) || seesDepartment(vis, r.department_b));
      const itemName = (item: string) => [...sources.values()].flatMap((s) => s.columns).find((c) => c.itemCodeName === item)?.itemName ?? item;
      const authoritativeIn = (entryId: string, item: string) => !!sources.get(entryId)?.items.some((i) => i.item === item && i.rank === 0);
      const pairs = await Promise.all(rows.map(async (r) => ({
        item: r.item, itemName: itemName(r.item),
        entryA: r.entry_a, entryAName: sources.get(r.entry_a)?.entryName ?? '（已下线）', departmentA: r.department_a, departmentAName: await names(r.department_a),
        entryB: r.entry_b, entryBName: sources.get(r.entry_b)?.entryName ?? '（已下线）', departmentB: r.department_b, departmentBName: await names(r.department_b),
        authoritative: authoritativeIn(r.entry_a, r.item) ? 'a' as const : authoritativeIn(r.entry_b, r.item) ? 'b' as const : null,
        compared: Number(r.compared), disagreed: Number(r.disagreed),
      })));
      const byDept = new Map<string, { departmentA: string; departmentAName: string; departmentB: string; departmentBName: string; compared: number; disagreed: number }>();
      for (const p of pairs) {
        const [x, y] = ([[p.departmentA, p.departmentAName], [p.departmentB, p.departmentBName]] as [string, string][]).sort((m, n) => m[0].localeCompare(n[0])) as [[string, string], [string, string]];
        const k = `${x[0]}|${y[0]}`;
        const acc = byDept.get(k) ?? { departmentA: x[0], departmentAName: x[1], departmentB: y[0], departmentBName: y[1], compared: 0, disagreed: 0 };
        acc.compared += p.compared;
        acc.disagreed += p.disagreed;
        byDept.set(k, acc);
      }
      return {
        registry, buildId: last?.id ?? null, builtAt: last?.finished_at?.toISOString() ?? null,
        pairs, departmentPairs: [...byDept.values()].sort((m, n) => n.disagreed - m.disagreed),
      };
    },

    /** Sample rows where two sources disagree on an item, live from the sources, masked by the caller's rights. */
    async samples(ctx: RequestContext, registry: RegistryKind, q: { item: string; entryA: string; entryB: string }, page: Page) {
      const r = await disagreementRows(ctx, registry, q, page.pageSize, (page.page - 1) * page.pageSize);
      return { items: r.rows, total: r.total, ...page };
    },

    /** The disagreements as CSV or XLSX (at most EXPORT_LIMIT rows; audited). */
    async exportSamples(ctx: RequestContext, registry: RegistryKind, q: { item: string; entryA: string; entryB: string; format: 'csv' | 'xlsx' }) {
      const r = await disagreementRows(ctx, registry, q, EXPORT_LIMIT, 0);
      const names = departmentNames(deps);
      const header = [REGISTRIES[registry].keyName, `${await names(r.a.departmentId)}·${r.a.entryName}`, `${await names(r.b.departmentId)}·${r.b.entryName}`, 'A 更新时间', 'B 更新时间'];
      const data = r.rows.map((x) => [x.key, x.valueA ?? '', x.valueB ?? '', x.updatedAtA, x.updatedAtB]);
      await inTransaction(deps.db, (trx) => deps.audit.record(trx, ctx, {
        action: 'registry.comparison.export', targetType: 'registry', targetId: registry, details: { item: q.item, entryA: q.entryA, entryB: q.entryB, rows: data.length, format: q.format },
      }));
      const fileBase = `多源比对-${REGISTRIES[registry].name}-${q.item}`;
      return q.format === 'csv'
        ? { fileName: `${fileBase}.csv`, contentType: 'text/csv; charset=utf-8', body: csvOf(header, data) }
        : { fileName: `${fileBase}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await xlsxOf('比对结果', header.map((h) => ({ header: h, width: 24 })), data) };
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
