import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { RegistryErrors } from './registry.errors.ts';
import type { RegistryKind } from './registry.repository.ts';
import { clearFor, departmentNames, PERMISSIONS, REGISTRIES, repoOf, resolveSources, seesDepartment, shown, UNRANKED, visibilityOf, type RegistryDeps, type RegistrySource } from './registry-core.ts';

// 一人一档 / 一企一档: everything the platform holds about one subject, grouped by source, read live from the sources'
// tables (index lookups on the key), with the golden value per item from the last registry build (or, for a subject
// the build has not seen yet, computed the same way from the live rows). Every read is audited with its purpose.

/** Rows per source in a profile (a table with several rows per subject, e.g. settlements, shows the newest). */
const ROWS_PER_SOURCE = 20;

type Basis = 'authoritative' | 'precedence' | 'latest';
interface GoldenJson { value: string; entryId: string; departmentId: string; updatedAt: string; basis: Basis }

/** A key as typed: trimmed, upper case (the check character X, credit-code letters). */
export function normaliseKey(registry: RegistryKind, raw: string): string {
  const key = raw.trim().toUpperCase();
  if (!/^[0-9A-Z]{1,64}$/.test(key)) {
    throw RegistryErrors.keyInvalid('params.key', `${REGISTRIES[registry].keyName}只能由数字和大写字母组成`);
  }
  return key;
}

export function createProfiles(deps: RegistryDeps) {
  async function read(ctx: RequestContext, registry: RegistryKind, rawKey: string, purpose: string) {
    const key = normaliseKey(registry, rawKey);
    const vis = visibilityOf(ctx, PERMISSIONS.profile);
    if (!vis) throw RegistryErrors.subjectNotFound();
    const audit = (found: boolean, sources: string[]) =>
      inTransaction(deps.db, (trx) => deps.audit.record(trx, ctx, {
        action: 'registry.profile.read', targetType: `registry-${registry}`, targetId: key, result: found ? 'success' : 'failure',
        reason: found ? null : '未找到或无权查看', details: { purpose, sources },
      }));
    // Self scope: a citizen (enterprise) reads only the profile of the person (entity) their account stands for.
    if (vis.scope === 'self') {
      const holder = ctx.actor ? await deps.holders.holderOf(ctx.actor.userId) : null;
      const own = holder && (registry === 'person' ? holder.type === 'citizen' : holder.type === 'entity') && holder.id.toUpperCase() === key;
      if (!own) {
        await audit(false, []);
        throw RegistryErrors.subjectNotFound();
      }
    }
    const repo = repoOf(deps);
    const names = departmentNames(deps);
    const settings = await repo.settings(registry);
    const all = await resolveSources(deps, registry, settings.precedence);
    const visible = all.filter((s) => seesDepartment(vis, s.departmentId));
    const found: { source: RegistrySource; rows: Awaited<ReturnType<typeof repo.subjectRows>> }[] = [];
    for (const s of visible) {
      const rows = await repo.subjectRows(s, key, ROWS_PER_SOURCE);
      if (rows.length) found.push({ source: s, rows });
    }
    if (!found.length) {
      await audit(false, []);
      throw RegistryErrors.subjectNotFound();
    }
    const columnOf = (s: RegistrySource, item: string) => s.columns.find((c) => c.itemCodeName === item)!;
    const itemNames = new Map(all.flatMap((s) => s.columns.map((c) => [c.itemCodeName, c.itemName] as const)));

    const sources = await Promise.all(found.map(async ({ source: s, rows }) => {
      const clear = clearFor(vis, s.departmentId);
      // 存疑: items of this record under dispute are marked for every reader (the disputes module's open marks).
      const disputed = new Set((await deps.disputes?.forRecord(s.entryId, key) ?? []).map((m) => m.itemCodeName));
      return {
        entryId: s.entryId, entryName: s.entryName, departmentId: s.departmentId, departmentName: await names(s.departmentId), datasource: s.datasource, grade: s.grade,
        rows: rows.map((r) => ({
          updatedAt: r.updatedAt.toISOString(),
          values: s.items.map((i) => {
            const c = columnOf(s, i.item);
            return { item: i.item, itemName: c.itemName, sensitivity: c.sensitivity, authoritative: c.authoritative, disputed: disputed.has(i.item), ...shown(r.values[i.item] ?? null, c, s.grade, clear) };
          }),
        })),
      };
    }));

    // Golden values: from the last build when it holds the subject, else ranked the same way from the live rows.
    const record = await repo.record(registry, key);
    let golden: Record<string, GoldenJson>;
    let others: Record<string, { value: string; entryId: string; departmentId: string }[]> = {};
    if (record) {
      golden = record.golden as Record<string, GoldenJson>;
      others = record.others as typeof others;
    } else {
      golden = {};
      const candidates = found.flatMap(({ source: s, rows }) => s.items.flatMap((i) => {
        const v = rows[0]!.values[i.item];
        return v === null || v === undefined || v.trim() === '' ? [] : [{ item: i.item, value: v, rank: i.rank, entryId: s.entryId, departmentId: s.departmentId, updatedAt: rows[0]!.updatedAt }];
      }));
      candidates.sort((a, b) => a.rank - b.rank || b.updatedAt.getTime() - a.updatedAt.getTime() || a.entryId.localeCompare(b.entryId));
      for (const c of candidates) {
        if (!golden[c.item]) golden[c.item] = { value: c.value, entryId: c.entryId, departmentId: c.departmentId, updatedAt: c.updatedAt.toISOString(), basis: c.rank === 0 ? 'authoritative' : c.rank < UNRANKED ? 'precedence' : 'latest' };
      }
    }
    const byEntry = new Map(all.map((s) => [s.entryId, s]));
    const goldenView = [];
    for (const [item, g] of Object.entries(golden)) {
      const s = byEntry.get(g.entryId);
      if (!s || !seesDepartment(vis, s.departmentId) || item === REGISTRIES[registry].keyItem) continue;
      const c = columnOf(s, item);
      if (!c) continue;
      const alternatives = (others[item] ?? []).filter((o) => byEntry.has(o.entryId) && seesDepartment(vis, o.departmentId));
      goldenView.push({
        item, itemName: itemNames.get(item) ?? item, ...shown(g.value, c, s.grade, clearFor(vis, s.departmentId)), basis: g.basis, updatedAt: g.updatedAt,
        sourceEntryId: s.entryId, sourceEntryName: s.entryName, sourceDepartmentId: s.departmentId, sourceDepartmentName: await names(s.departmentId),
        authoritative: g.basis === 'authoritative',
        alternatives: await Promise.all(alternatives.map(async (o) => {
          const os = byEntry.get(o.entryId)!;
          return { entryId: o.entryId, entryName: os.entryName, departmentName: await names(o.departmentId), ...shown(o.value, columnOf(os, item) ?? c, os.grade, clearFor(vis, o.departmentId)) };
        })),
      });
    }
    await audit(true, found.map((f) => f.source.entryId));
    return {
      registry, subjectKey: key, purpose, builtAt: record?.built_at.toISOString() ?? null,
      golden: goldenView, sources, hiddenSources: all.length - visible.length, masked: !vis.sensitive,
    };
  }

  return { read };
}
