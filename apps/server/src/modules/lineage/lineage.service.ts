import type { RequestContext } from '../../kernel/context.ts';

// 数据血缘 (issue 4 §5): information system → catalog entry → mounted table → ingest jobs → registries → grants and
// consumers. Nothing is stored here: each module that knows one hop contributes nodes and edges for an entry, read
// with the caller's own rights (a contributor shows only what the caller may see), and the graph is their union.

export type LineageNodeKind = 'system' | 'entry' | 'table' | 'api' | 'file' | 'source' | 'job' | 'registry' | 'consumer';

export interface LineageNode {
  /** stable across contributors: `entry:<id>`, `table:<schema>.<table>`, `job:<id>`, `registry:person`, … */
  id: string;
  kind: LineageNodeKind;
  label: string;
  /** one line of detail (department, status, counts) */
  detail: string | null;
  /** a page of the web app that shows this node, when there is one */
  link: string | null;
}

export interface LineageEdge {
  from: string;
  to: string;
  /** what flows: 来源 / 挂接 / 归集 / 汇聚 / 共享 */
  label: string;
}

export interface LineageGraph {
  entryId: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
}

/** One hop of lineage for an entry, as the caller may see it; throws the module's 404 when the caller may not see the entry. */
export type LineageContributor = (ctx: RequestContext, entryId: string) => Promise<{ nodes: LineageNode[]; edges: LineageEdge[] }>;

/** Column of each kind in a left-to-right drawing: where data comes from on the left, who uses it on the right. */
export const LINEAGE_LAYER: Record<LineageNodeKind, number> = { source: 0, system: 0, job: 1, entry: 1, table: 2, api: 2, file: 2, registry: 3, consumer: 3 };

export function createLineageService(deps: { contributors: LineageContributor[] }) {
  return {
    /** The lineage graph of one entry. The first contributor (the catalog's) decides whether the caller may see the entry. */
    async ofEntry(ctx: RequestContext, entryId: string): Promise<LineageGraph> {
      const [first, ...rest] = deps.contributors;
      const parts = first ? [await first(ctx, entryId), ...(await Promise.all(rest.map((c) => c(ctx, entryId))))] : [];
      const nodes = new Map<string, LineageNode>();
      for (const p of parts) for (const n of p.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
      const seen = new Set<string>();
      const edges: LineageEdge[] = [];
      for (const p of parts) {
        for (const e of p.edges) {
          const k = `${e.from}\u0000${e.to}`;
          if (seen.has(k) || !nodes.has(e.from) || !nodes.has(e.to)) continue;
          seen.add(k);
          edges.push(e);
        }
      }
      return { entryId, nodes: [...nodes.values()].sort((a, b) => LINEAGE_LAYER[a.kind] - LINEAGE_LAYER[b.kind] || a.id.localeCompare(b.id)), edges };
    },
  };
}

export type LineageService = ReturnType<typeof createLineageService>;
