import { randomUUID } from 'node:crypto';
import { sm3 } from '@shuzheng/standards/crypto';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { createCatalogRepository, type MountRow } from './catalog.repository.ts';
import { canSeeWorking, isPublic, mappingProblems, refreshMounted, requireOwned, type CatalogDeps, type TableSpec } from './catalog-core.ts';

// 资源挂接 (“目录—数据”): a table with its columns mapped to the entry's data items, an API, or an uploaded file.
// The ingest and gateway modules fill in the data later; here the mount is described, validated and tracked.

export interface ApiSpec {
  endpoint: string;
  method: 'GET' | 'POST';
  openapiUrl: string | null;
  auth: string;
}

export type MountInput =
  | { kind: 'table'; table: { datasource: string; schemaName?: string | null | undefined; tableName: string; columns: { column: string; columnType?: string | null | undefined; itemCodeName: string }[] } }
  | { kind: 'api'; api: { endpoint: string; method: 'GET' | 'POST'; openapiUrl?: string | null | undefined; auth: string } };

type Kind = 'table' | 'api' | 'file';
type Status = 'registered' | 'available' | 'invalid' | 'disabled';

function view(m: MountRow, full: boolean) {
  const table = m.table_spec as TableSpec | null;
  const api = m.api_spec as ApiSpec | null;
  return {
    id: m.id,
    entryId: m.entry_id,
    kind: m.kind as Kind,
    status: m.status as Status,
    statusNote: m.status_note,
    table: full && table ? table : null,
    api: api ? { endpoint: api.endpoint, method: api.method, openapiUrl: api.openapiUrl, auth: api.auth } : null,
    file: m.kind === 'file' ? { name: m.file_name!, size: Number(m.file_size), sm3: m.file_sm3!, contentType: m.file_content_type! } : null,
    createdAt: m.created_at.toISOString(),
    updatedAt: m.updated_at.toISOString(),
  };
}
export type MountView = ReturnType<typeof view>;

/** A mapped column of a table mount with its data item, as the gateway reads it. */
export interface MountedColumn {
  column: string;
  itemCodeName: string;
  itemName: string;
  dataType: string | null;
  sensitivity: 'none' | 'personal' | 'sensitive_personal';
  authoritative: boolean;
}

/** A data item of an entry as the gateway filters and masks API answers by it (see mounts.apiFor). */
export type MountedItem = Omit<MountedColumn, 'column'>;

/** What the gateway needs of the entry behind a mount: its provider, grade and status. */
interface MountedEntry {
  entryId: string;
  entryName: string;
  mountId: string;
  providerDepartmentId: string;
  grade: string | null;
  entryStatus: string;
}

/** An entry's API mount (逻辑接入) with its data items (see mounts.apiFor). */
export interface MountedApi extends MountedEntry {
  endpoint: string;
  method: 'GET' | 'POST';
  openapiUrl: string | null;
  auth: string;
  items: MountedItem[];
}

/** An entry's table mount with its mapped columns (see mounts.tableFor). */
export interface MountedTable extends MountedEntry {
  datasource: string;
  schemaName: string | null;
  tableName: string;
  columns: MountedColumn[];
}

export function createMounting(deps: CatalogDeps) {
  const repo = () => createCatalogRepository(deps.db);

  async function ownedEntry(ctx: RequestContext, r: ReturnType<typeof createCatalogRepository>, id: string) {
    const row = requireOwned(ctx, await r.entryForUpdate(id), id);
    if (row.status === 'withdrawn') throw CatalogErrors.invalidTransition(row.status, 'mount');
    return row;
  }

  return {
    /**
     * The table mount of an entry for the gateway (internal, no caller check: the gateway checks the grant): the table,
     * and each mapped column's data item (name, data type, sensitivity) with the entry's grade and provider department.
     * Null when the entry has no usable (registered/available) table mount.
     */
    async tableFor(entryId: string): Promise<MountedTable | null> {
      const r = repo();
      const entry = await r.entryById(entryId);
      if (!entry || entry.department_id === null) return null;
      const mounts = (await r.mounts(entryId)).filter((m) => m.kind === 'table' && (m.status === 'available' || m.status === 'registered'));
      const mount = mounts.find((m) => m.status === 'available') ?? mounts[0];
      if (!mount) return null;
      const spec = mount.table_spec as TableSpec;
      const items = new Map((await r.items(entryId)).map((i) => [i.code_name, i]));
      return {
        entryId, entryName: entry.name, mountId: mount.id, providerDepartmentId: entry.department_id, grade: entry.grade, entryStatus: entry.status,
        datasource: spec.datasource, schemaName: spec.schemaName, tableName: spec.tableName,
        columns: spec.columns.flatMap((c) => {
          const item = items.get(c.itemCodeName);
          return item ? [{ column: c.column, itemCodeName: c.itemCodeName, itemName: item.name, dataType: item.data_type, sensitivity: item.sensitivity as MountedColumn['sensitivity'], authoritative: item.authoritative }] : [];
        }),
      };
    },

    /**
     * Table mounts of published entries whose mapped columns include the data item `codeName` (internal, no caller
     * check), e.g. every source of the population registry by `id_number`; each as tableFor gives it.
     */
    async tablesWithItem(codeName: string): Promise<MountedTable[]> {
      const ids = await repo().publishedEntriesMappingItem(codeName);
      const tables = await Promise.all(ids.map((id) => this.tableFor(id)));
      return tables.filter((t): t is MountedTable => !!t && t.columns.some((c) => c.itemCodeName === codeName));
    },

    /**
     * The API mount of an entry for the gateway's proxy (internal, no caller check: the gateway checks the grant): the
     * endpoint and method, and every data item of the entry (name, data type, sensitivity) with the entry's grade and
     * provider department. Null when the entry has no usable (registered/available) API mount.
     */
    async apiFor(entryId: string): Promise<MountedApi | null> {
      const r = repo();
      const entry = await r.entryById(entryId);
      if (!entry || entry.department_id === null) return null;
      const mounts = (await r.mounts(entryId)).filter((m) => m.kind === 'api' && m.api_spec && (m.status === 'available' || m.status === 'registered'));
      const mount = mounts.find((m) => m.status === 'available') ?? mounts[0];
      if (!mount) return null;
      const spec = mount.api_spec as ApiSpec;
      return {
        entryId, entryName: entry.name, mountId: mount.id, providerDepartmentId: entry.department_id, grade: entry.grade, entryStatus: entry.status,
        endpoint: spec.endpoint, method: spec.method, openapiUrl: spec.openapiUrl, auth: spec.auth,
        items: (await r.items(entryId)).map((i) => ({ itemCodeName: i.code_name, itemName: i.name, dataType: i.data_type, sensitivity: i.sensitivity as MountedItem['sensitivity'], authoritative: i.authoritative })),
      };
    },

    /**
     * The API mounts (逻辑接入) of a department's entries, or (null) of all, one per entry (an available mount before a
     * registered one), for the gateway's upstream-credential page (internal: the gateway checks the caller).
     */
    async apisOf(departmentId: string | null): Promise<{ entryId: string; entryName: string; providerDepartmentId: string; endpoint: string; method: string; auth: string }[]> {
      const byEntry = new Map<string, { entryId: string; entryName: string; providerDepartmentId: string; endpoint: string; method: string; auth: string; available: boolean }>();
      for (const m of await repo().apiMounts(departmentId)) {
        const spec = m.api_spec as ApiSpec | null;
        if (!spec || m.department_id === null) continue;
        const have = byEntry.get(m.entry_id);
        if (have && (have.available || m.status !== 'available')) continue;
        byEntry.set(m.entry_id, { entryId: m.entry_id, entryName: m.entry_name, providerDepartmentId: m.department_id, endpoint: spec.endpoint, method: spec.method, auth: spec.auth, available: m.status === 'available' });
      }
      return [...byEntry.values()].map(({ available: _, ...rest }) => rest);
    },

    /** Mounts of an entry: full detail for working-copy readers, a summary (no table layout) for other readers. */
    async list(ctx: RequestContext, entryId: string) {
      const row = await repo().entryById(entryId);
      if (!row) throw CatalogErrors.entryNotFound(entryId);
      const full = canSeeWorking(ctx, row);
      if (!full && !isPublic(row)) throw CatalogErrors.entryNotFound(entryId);
      return (await repo().mounts(entryId)).map((m) => view(m, full));
    },

    async create(ctx: RequestContext, entryId: string, input: MountInput) {
      const id = randomUUID();
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = await ownedEntry(ctx, r, entryId);
        let spec: { table_spec: string | null; api_spec: string | null };
        if (input.kind === 'table') {
          const table: TableSpec = {
            datasource: input.table.datasource.trim(), schemaName: input.table.schemaName?.trim() || null, tableName: input.table.tableName.trim(),
            columns: input.table.columns.map((c) => ({ column: c.column.trim(), columnType: c.columnType?.trim() || null, itemCodeName: c.itemCodeName.trim() })),
          };
          const problems = mappingProblems(table, (await r.items(entryId)).map((i) => i.code_name), 'body.table');
          if (problems.length) throw CatalogErrors.mountMappingInvalid(problems);
          spec = { table_spec: JSON.stringify(table), api_spec: null };
        } else {
          const api: ApiSpec = { endpoint: input.api.endpoint.trim(), method: input.api.method, openapiUrl: input.api.openapiUrl?.trim() || null, auth: input.api.auth };
          spec = { table_spec: null, api_spec: JSON.stringify(api) };
        }
        await r.insertMount({
          id, entry_id: entryId, kind: input.kind, status: 'registered', status_note: null, ...spec, file_name: null, file_size: null, file_sm3: null,
          file_content_type: null, file_content: null, created_by: ctx.actor?.userId ?? null,
        });
        await refreshMounted(trx, entryId);
        await deps.audit.record(trx, ctx, { action: 'catalog.mount.create', targetType: 'catalog-entry', targetId: entryId, details: { mountId: id, kind: input.kind, code: row.code } });
      });
      return view((await repo().mount(entryId, id))!, true);
    },

    /** An uploaded file: its SM3 checksum and size are computed here; the file is available at once. */
    async upload(ctx: RequestContext, entryId: string, fileName: string, contentType: string, body: Buffer) {
      const id = randomUUID();
      const checksum = sm3(body);
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = await ownedEntry(ctx, r, entryId);
        if (!body.length) throw CatalogErrors.invalidField([{ path: 'body', message: '上传的文件为空' }]);
        await r.insertMount({
          id, entry_id: entryId, kind: 'file', status: 'available', status_note: null, table_spec: null, api_spec: null, file_name: fileName.trim(),
          file_size: body.length, file_sm3: checksum, file_content_type: contentType, file_content: body, created_by: ctx.actor?.userId ?? null,
        });
        await refreshMounted(trx, entryId);
        await deps.audit.record(trx, ctx, {
          action: 'catalog.mount.create', targetType: 'catalog-entry', targetId: entryId, details: { mountId: id, kind: 'file', code: row.code, fileName, size: body.length, sm3: checksum },
        });
      });
      return view((await repo().mount(entryId, id))!, true);
    },

    async download(ctx: RequestContext, entryId: string, mountId: string) {
      const row = await repo().entryById(entryId);
      if (!row || !canSeeWorking(ctx, row)) throw CatalogErrors.entryNotFound(entryId);
      const file = await repo().mountFile(entryId, mountId);
      if (!file?.file_content) throw CatalogErrors.mountNotFound(mountId);
      return { name: file.file_name!, contentType: file.file_content_type ?? 'application/octet-stream', body: file.file_content };
    },

    async remove(ctx: RequestContext, entryId: string, mountId: string) {
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = requireOwned(ctx, await r.entryForUpdate(entryId), entryId);
        const mount = await r.mount(entryId, mountId);
        if (!mount) throw CatalogErrors.mountNotFound(mountId);
        await r.deleteMount(mountId);
        await refreshMounted(trx, entryId);
        await deps.audit.record(trx, ctx, { action: 'catalog.mount.delete', targetType: 'catalog-entry', targetId: entryId, details: { mountId, kind: mount.kind, code: row.code } });
      });
    },
  };
}
