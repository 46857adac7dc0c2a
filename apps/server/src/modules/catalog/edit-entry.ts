import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { Page } from '../../kernel/schemas.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { createCatalogRepository, type EntryFilter } from './catalog.repository.ts';
import {
  EDITABLE, allocateCode, entryView, requireDepartment, requireOwned, requireWorking, revalidateMounts, validateContent, workingScope,
  type CatalogDeps,
} from './catalog-core.ts';
import { checkEntry } from './check-entry.ts';
import {
  applyInput, CONTENT_FIELDS, contentColumns, contentFromRow, contentOfSnapshot, itemRows, sameContent, type EntryContent, type EntryInput, type Snapshot,
} from './entry-model.ts';
import { createSearchRepository } from './search.repository.ts';
import { deadlinesOf, worstLight } from './track-deadlines.ts';

/** The department a draft is created in (identity's `Department`, narrowed). */
export type DraftDepartment = { id: string; name: string; creditCode: string };

/**
 * Creates one draft of the department inside the caller's transaction: validates, allocates the code, stores the items
 * and audits. The one path for new entries (POST /entries, the Excel import).
 */
export async function createDraft(deps: Pick<CatalogDeps, 'audit'>, trx: Transaction<unknown>, ctx: RequestContext, department: DraftDepartment, content: EntryContent, source?: 'excel') {
  const r = createCatalogRepository(trx);
  const problems = await validateContent(r, content, department.id);
  if (problems.length) throw CatalogErrors.invalidField(problems);
  const id = randomUUID();
  const code = await allocateCode(r, content.category, content.subcategory, department.id);
  await r.insertEntry({
    id, code, origin: 'local', department_id: department.id, provider_name: department.name, provider_code: department.creditCode, status: 'draft',
    ...contentColumns(content), created_by: ctx.actor?.userId ?? null,
  });
  await r.insertCode(code, id);
  await r.replaceItems(id, itemRows(content.items));
  await deps.audit.record(trx, ctx, {
    action: 'catalog.entry.create', targetType: 'catalog-entry', targetId: id,
    details: { code, name: content.name, category: content.category, subcategory: content.subcategory, items: content.items.length, ...(source && { source }) },
  });
  return { id, code, name: content.name };
}

/** Cataloguing by the department: list, read, create, edit and delete working copies, and run the machine checks. */
export function createEntryEditing(deps: CatalogDeps) {
  const repo = () => createCatalogRepository(deps.db);

  async function get(ctx: RequestContext, id: string) {
    return entryView(deps, requireWorking(ctx, await repo().entryById(id), id));
  }

  return {
    get,

    async list(ctx: RequestContext, filter: EntryFilter, page: Page) {
      const scope = workingScope(ctx);
      if (!scope.all && !scope.departmentId) return { items: [], total: 0, ...page };
      if (!scope.all && filter.departmentId && filter.departmentId !== scope.departmentId) return { items: [], total: 0, ...page };
      const r = repo();
      const { rows, total } = await r.listEntries({ ...filter, departmentId: scope.all ? filter.departmentId : scope.departmentId! }, page.pageSize, (page.page - 1) * page.pageSize);
      const rules = await r.rules();
      const latest = new Map((await r.latestSnapshots(rows.filter((x) => x.current_version).map((x) => x.id))).map((v) => [v.entry_id, v]));
      const items = await r.itemsOf(rows.filter((x) => latest.has(x.id)).map((x) => x.id));
      const out = [];
      for (const row of rows) {
        const snap = latest.get(row.id);
        const dirty = snap ? !sameContent(contentFromRow(row, items.filter((i) => i.entry_id === row.id)), contentOfSnapshot(snap.snapshot as Snapshot)) : false;
        const deadlines = await deadlinesOf(row, rules, deps.calendar);
        out.push({
          id: row.id, code: row.code, name: row.name, departmentId: row.department_id, departmentName: row.provider_name, category: row.category,
          subcategory: row.subcategory, status: row.status, origin: row.origin, currentVersion: row.current_version, dirty,
          shareType: row.share_type, openType: row.open_type, itemCount: Number(row.item_count ?? 0), submittedAt: row.submitted_at?.toISOString() ?? null,
          updatedAt: row.updated_at.toISOString(), reportStatus: row.report_status, worstLight: worstLight(deadlines.map((d) => d.light)),
        });
      }
      return { items: out, total, ...page };
    },

    async create(ctx: RequestContext, input: EntryInput & { name: string; category: string; subcategory: string }) {
      const department = await deps.departments.get(requireDepartment(ctx));
      const { id } = await inTransaction(deps.db, (trx) => createDraft(deps, trx, ctx, department, applyInput(null, input)));
      return get(ctx, id);
    },

    async update(ctx: RequestContext, id: string, input: EntryInput) {
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = requireOwned(ctx, await r.entryForUpdate(id), id);
        if (!EDITABLE.has(row.status)) throw CatalogErrors.notEditable(row.status);
        const before = contentFromRow(row, await r.items(id));
        const after = applyInput(before, input);
        const problems = await validateContent(r, after, row.department_id!);
        if (problems.length) throw CatalogErrors.invalidField(problems);
        let code = row.code;
        if (after.category !== before.category || after.subcategory !== before.subcategory) {
          if (row.current_version != null) throw CatalogErrors.categoryLocked();
          code = await allocateCode(r, after.category, after.subcategory, row.department_id!);
          await r.retireCode(row.code, `分类调整为 ${after.category}/${after.subcategory}，改用 ${code}`);
        }
        await r.updateEntry(id, { ...contentColumns(after), code });
        if (code !== row.code) await r.insertCode(code, id);
        if (input.items) {
          await r.replaceItems(id, itemRows(after.items));
          await revalidateMounts(r, id, after.items.map((i) => i.codeName));
        }
        const changed = CONTENT_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
        await deps.audit.record(trx, ctx, {
          action: 'catalog.entry.update', targetType: 'catalog-entry', targetId: id,
          details: { code, changed, ...(code !== row.code && { previousCode: row.code }), ...(input.items && { items: after.items.length }) },
        });
      });
      return get(ctx, id);
    },

    async remove(ctx: RequestContext, id: string) {
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = requireOwned(ctx, await r.entryForUpdate(id), id);
        if (row.current_version != null || !['draft', 'returned'].includes(row.status)) throw CatalogErrors.invalidTransition(row.status, 'delete');
        await r.retireCode(row.code, '草稿删除');
        await r.deleteEntry(id);
        await deps.audit.record(trx, ctx, { action: 'catalog.entry.delete', targetType: 'catalog-entry', targetId: id, details: { code: row.code, name: row.name } });
      });
    },

    /** Runs the machine checks on the working copy and keeps the result as `lastCheck`. */
    async check(ctx: RequestContext, id: string) {
      return inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = requireWorking(ctx, await r.entryForUpdate(id), id);
        if (row.origin !== 'local') throw CatalogErrors.readOnly();
        const result = await checkEntry(r, createSearchRepository(trx), row, contentFromRow(row, await r.items(id)));
        await r.updateEntry(id, { last_check: JSON.stringify(result), updated_at: row.updated_at });
        return result;
      });
    },
  };
}
