import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { SUBJECT_KEY_ITEMS } from '../../kernel/data-tables.ts';
import { AppError } from '../../kernel/errors.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { SharingService } from '../sharing/index.ts';
import type { LineageContributor, LineageEdge, LineageNode } from './lineage.service.ts';

/** The node id of a data table, shared by every contributor that knows the table (catalog mounts, ingest, registries). */
export const tableNodeId = (schemaName: string | null, tableName: string) => `table:${schemaName ?? 'public'}.${tableName}`;

/** Catalog: the entry, the information system it comes from, and its mounts (tables, APIs, files). Throws 404 for an entry the caller may not see. */
export function catalogLineage(catalog: Pick<CatalogService, 'entries' | 'mounts' | 'search'>): LineageContributor {
  return async (ctx: RequestContext, entryId: string) => {
    // The working copy for its own department and the bureau; the published version for everyone else.
    const entry = await catalog.entries.get(ctx, entryId).catch(async (err: unknown) => {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
      const p = await catalog.search.published(ctx, entryId);
      return { id: p.id, name: p.name, code: p.code, departmentName: p.departmentName, systemId: p.systemId, systemName: p.systemName };
    });
    const entryNode = `entry:${entry.id}`;
    const nodes: LineageNode[] = [{ id: entryNode, kind: 'entry', label: entry.name, detail: [entry.code, entry.departmentName].filter(Boolean).join(' · ') || null, link: `/catalog/entries/${entry.id}` }];
    const edges: LineageEdge[] = [];
    if (entry.systemId) {
      nodes.push({ id: `system:${entry.systemId}`, kind: 'system', label: entry.systemName ?? '信息系统', detail: entry.departmentName ?? null, link: null });
      edges.push({ from: `system:${entry.systemId}`, to: entryNode, label: '来源' });
    }
    for (const m of await catalog.mounts.list(ctx, entryId)) {
      let node: LineageNode;
      if (m.kind === 'table') {
        node = m.table
          ? { id: tableNodeId(m.table.schemaName, m.table.tableName), kind: 'table', label: `${m.table.schemaName ? `${m.table.schemaName}.` : ''}${m.table.tableName}`, detail: `${m.table.datasource} · ${m.table.columns.length} 个字段`, link: null }
          : { id: `mount:${m.id}`, kind: 'table', label: '库表', detail: '表结构仅提供部门可见', link: null };
      } else if (m.kind === 'api') {
        node = { id: `mount:${m.id}`, kind: 'api', label: m.api ? `${m.api.method} ${m.api.endpoint}` : '接口', detail: '逻辑接入（不落地）', link: null };
      } else {
        node = { id: `mount:${m.id}`, kind: 'file', label: m.file?.name ?? '文件', detail: m.file ? `${m.file.size} 字节` : null, link: null };
      }
      nodes.push(node);
      edges.push({ from: entryNode, to: node.id, label: '挂接' });
    }
    return { nodes, edges };
  };
}

/** Sharing: grants on the entry (the caller sees those of its own department, the provider and the bureau see all) and who uses them. */
export function sharingLineage(sharing: Pick<SharingService, 'grants'>): LineageContributor {
  return async (ctx: RequestContext, entryId: string) => {
    if (!ctx.actor?.permissions.has('sharing.request.read')) return { nodes: [], edges: [] }; // sees no grants at all
    const grants = (await sharing.grants.list(ctx, { role: 'all', entryId }, { page: 1, pageSize: 200 })).items;
    const nodes: LineageNode[] = [];
    const edges: LineageEdge[] = [];
    for (const g of grants) {
      const id = `consumer:${g.consumerSystemId ?? g.consumerDepartmentId}`;
      if (!nodes.some((n) => n.id === id)) {
        nodes.push({ id, kind: 'consumer', label: [g.consumerDepartmentName, g.consumerSystemName].filter(Boolean).join(' · '), detail: `${g.statusLabel} · ${g.items.length} 个信息项 · 至 ${g.validUntil}`, link: '/sharing/grants' });
      }
      edges.push({ from: `entry:${entryId}`, to: id, label: '共享' });
    }
    return { nodes, edges };
  };
}

/** What lineage reads of ingest: an entry's latest jobs (ingest's IngestJobSummary, narrowed). */
export interface IngestJobsForLineage {
  forEntry(entryId: string, limit: number): Promise<{
    jobId: string; name: string; status: string; sourceKind: string; sourceDescription: string; schemaName: string; tableName: string;
    counts: { read: number; inserted: number; updated: number; rejected: number }; finishedAt: string | null;
  }[]>;
}

const JOB_STATUS: Record<string, string> = { queued: '排队中', running: '运行中', succeeded: '成功', failed: '失败', cancelled: '已取消' };
const SOURCE_KIND: Record<string, string> = { file: '上传文件', postgres: 'PostgreSQL 数据源', http: 'HTTP 接口' };

/**
 * Ingest: the latest jobs that loaded the entry's table and the sources they read. Shown to whoever may read ingest
 * jobs of the entry's department (its own staff, the bureau), as ingest's own pages do.
 */
export function ingestJobsLineage(ingest: IngestJobsForLineage, catalog: Pick<CatalogService, 'mounts'>, latest = 5): LineageContributor {
  return async (ctx: RequestContext, entryId: string) => {
    const scope = scopeOf(ctx, 'ingest.job.read');
    if (!scope) return { nodes: [], edges: [] };
    if (scope !== 'all') {
      const table = await catalog.mounts.tableFor(entryId);
      if (!table || table.providerDepartmentId !== ctx.actor?.departmentId) return { nodes: [], edges: [] };
    }
    const nodes: LineageNode[] = [];
    const edges: LineageEdge[] = [];
    for (const j of await ingest.forEntry(entryId, latest)) {
      const source = `source:${j.sourceKind}:${j.sourceDescription}`;
      if (!nodes.some((n) => n.id === source)) nodes.push({ id: source, kind: 'source', label: j.sourceDescription, detail: SOURCE_KIND[j.sourceKind] ?? j.sourceKind, link: null });
      const job = `job:${j.jobId}`;
      const c = j.counts;
      nodes.push({
        id: job, kind: 'job', label: j.name, link: `/ingest/jobs/${j.jobId}`,
        detail: `${JOB_STATUS[j.status] ?? j.status} · 读取 ${c.read} 新增 ${c.inserted} 更新 ${c.updated} 拒绝 ${c.rejected}${j.finishedAt ? ` · ${j.finishedAt.slice(0, 16).replace('T', ' ')}` : ''}`,
      });
      edges.push({ from: source, to: job, label: '读取' }, { from: job, to: tableNodeId(j.schemaName, j.tableName), label: '归集' });
    }
    return { nodes, edges };
  };
}

const REGISTRY_NAME: Record<keyof typeof SUBJECT_KEY_ITEMS, string> = { person: '人口库', entity: '法人库' };

/**
 * Base registries: a published entry whose table maps a subject key (ID number, credit code) is a source of the
 * population or legal-entity registry (the registry module assembles from exactly those tables).
 */
export function registryLineage(catalog: Pick<CatalogService, 'mounts'>): LineageContributor {
  return async (ctx: RequestContext, entryId: string) => {
    if (!scopeOf(ctx, 'registry.read')) return { nodes: [], edges: [] };
    const table = await catalog.mounts.tableFor(entryId);
    if (!table || table.entryStatus !== 'published') return { nodes: [], edges: [] };
    const nodes: LineageNode[] = [];
    const edges: LineageEdge[] = [];
    for (const [kind, item] of Object.entries(SUBJECT_KEY_ITEMS) as [keyof typeof SUBJECT_KEY_ITEMS, string][]) {
      if (!table.columns.some((c) => c.itemCodeName === item)) continue;
      nodes.push({ id: `registry:${kind}`, kind: 'registry', label: REGISTRY_NAME[kind], detail: `按${item === 'id_number' ? '公民身份号码' : '统一社会信用代码'}汇聚`, link: '/registry/registries' });
      // From the table when the caller sees its layout (the provider, the bureau), else from the entry.
      const own = ctx.actor?.departmentId === table.providerDepartmentId || scopeOf(ctx, 'catalog.entry.review') === 'all';
      edges.push({ from: own ? tableNodeId(table.schemaName, table.tableName) : `entry:${entryId}`, to: `registry:${kind}`, label: '汇聚' });
    }
    return { nodes, edges };
  };
}
