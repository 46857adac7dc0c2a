import { randomUUID } from 'node:crypto';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { isUniqueViolation } from '../../kernel/errors.ts';
import type { Page } from '../../kernel/schemas.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { createCatalogRepository, type SystemRow } from './catalog.repository.ts';
import { requireDepartment, type CatalogDeps } from './catalog-core.ts';

export interface SystemInput {
  name: string;
  purpose: string;
  deployment: 'gov_cloud' | 'self_hosted';
  network: 'extranet' | 'internet' | 'private';
  status: 'building' | 'running' | 'retired';
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
}

/** 政务信息系统: each department registers the systems that produce its resources (“数据—系统”). */
export function createSystemRegistry(deps: CatalogDeps) {
  const repo = () => createCatalogRepository(deps.db);

  /** Department-scoped readers see their own department's systems; scope `all` sees every department's. */
  function visibleDepartment(ctx: RequestContext): string | null | 'none' {
    if (scopeOf(ctx, 'catalog.entry.read') === 'all' || scopeOf(ctx, 'catalog.system.manage') === 'all') return null;
    return ctx.actor?.departmentId ?? 'none';
  }

  async function view(rows: SystemRow[]) {
    const counts = await repo().systemEntryCounts(rows.map((r) => r.id));
    const names = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.department_id))) names.set(id, (await deps.departments.get(id)).name);
    return rows.map((r) => ({
      id: r.id, departmentId: r.department_id, departmentName: names.get(r.department_id)!, name: r.name, purpose: r.purpose,
      deployment: r.deployment as SystemInput['deployment'], network: r.network as SystemInput['network'], status: r.status as SystemInput['status'],
      contactName: r.contact_name, contactPhone: r.contact_phone, entryCount: counts.get(r.id) ?? 0,
      createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    }));
  }

  async function get(ctx: RequestContext, id: string) {
    const row = await repo().systemById(id);
    const dept = visibleDepartment(ctx);
    if (!row || (dept !== null && row.department_id !== dept)) throw CatalogErrors.systemNotFound(id);
    return (await view([row]))[0]!;
  }

  const translate = (name: string) => (err: unknown): never => {
    if (isUniqueViolation(err, 'catalog_systems_name')) throw CatalogErrors.systemNameTaken(name);
    throw err;
  };

  return {
    get,

    /** A system's department and status, for other modules (no caller check); null when unknown. */
    async find(id: string): Promise<{ id: string; departmentId: string; name: string; status: SystemInput['status'] } | null> {
      const row = await repo().systemById(id);
      return row ? { id: row.id, departmentId: row.department_id, name: row.name, status: row.status as SystemInput['status'] } : null;
    },

    async list(ctx: RequestContext, filter: { q?: string | undefined; departmentId?: string | undefined; status?: string | undefined }, page: Page) {
      const dept = visibleDepartment(ctx);
      if (dept === 'none' || (dept !== null && filter.departmentId && filter.departmentId !== dept)) return { items: [], total: 0, ...page };
      const { rows, total } = await repo().listSystems({ ...filter, departmentId: dept ?? filter.departmentId }, page.pageSize, (page.page - 1) * page.pageSize);
      return { items: await view(rows), total, ...page };
    },

    async create(ctx: RequestContext, input: SystemInput) {
      const departmentId = requireDepartment(ctx);
      const id = randomUUID();
      const name = input.name.trim();
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        if (await r.systemByName(departmentId, name)) throw CatalogErrors.systemNameTaken(name);
        await r
          .insertSystem({
            id, department_id: departmentId, name, purpose: input.purpose.trim(), deployment: input.deployment, network: input.network, status: input.status,
            contact_name: input.contactName ?? null, contact_phone: input.contactPhone ?? null, created_by: ctx.actor?.userId ?? null,
          })
          .catch(translate(name));
        await deps.audit.record(trx, ctx, { action: 'catalog.system.create', targetType: 'catalog-system', targetId: id, details: { ...input, name } });
      });
      return get(ctx, id);
    },

    async update(ctx: RequestContext, id: string, patch: Partial<SystemInput>) {
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = await r.systemById(id);
        const dept = visibleDepartment(ctx);
        if (!row || (dept !== null && row.department_id !== dept)) throw CatalogErrors.systemNotFound(id);
        const manage = scopeOf(ctx, 'catalog.system.manage');
        if (!(manage === 'all' || (manage === 'department' && row.department_id === ctx.actor?.departmentId))) throw CatalogErrors.notOwner();
        const name = patch.name?.trim() ?? row.name;
        if (name !== row.name && (await r.systemByName(row.department_id, name))) throw CatalogErrors.systemNameTaken(name);
        await r
          .updateSystem(id, {
            ...(patch.name !== undefined && { name }),
            ...(patch.purpose !== undefined && { purpose: patch.purpose.trim() }),
            ...(patch.deployment !== undefined && { deployment: patch.deployment }),
            ...(patch.network !== undefined && { network: patch.network }),
            ...(patch.status !== undefined && { status: patch.status }),
            ...(patch.contactName !== undefined && { contact_name: patch.contactName }),
            ...(patch.contactPhone !== undefined && { contact_phone: patch.contactPhone }),
          })
          .catch(translate(name));
        await deps.audit.record(trx, ctx, {
          action: 'catalog.system.update', targetType: 'catalog-system', targetId: id,
          details: { before: { name: row.name, status: row.status, deployment: row.deployment, network: row.network }, patch },
        });
      });
      return get(ctx, id);
    },
  };
}
