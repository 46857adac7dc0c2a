import type { RequestContext } from '../../kernel/context.ts';
import type { Page } from '../../kernel/schemas.ts';
import {
  CATEGORY, FORMAT_CLASS, GRADE, OPEN_TYPE, SHARE_TYPE, UPDATE_FREQUENCY,
} from './catalog.enums.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { createCatalogRepository } from './catalog.repository.ts';
import type { CatalogDeps } from './catalog-core.ts';
import { contentOfSnapshot, type Snapshot } from './entry-model.ts';
import { createMounting } from './mount-resources.ts';
import { scoreQuality } from './score-quality.ts';
import { createSearchRepository, type FacetName, type SearchFilter } from './search.repository.ts';

// Search over the published catalog only (the projection table), with facets; and the published view of an entry.

const FACETS: FacetName[] = ['department', 'category', 'shareType', 'openType', 'formatClass', 'updateFrequency', 'grade', 'mounted'];
const FACET_LABEL: Record<Exclude<FacetName, 'department'>, (v: string) => string> = {
  category: CATEGORY.label,
  shareType: SHARE_TYPE.label,
  openType: OPEN_TYPE.label,
  formatClass: FORMAT_CLASS.label,
  updateFrequency: UPDATE_FREQUENCY.label,
  grade: GRADE.label,
  mounted: (v) => (v === 'true' ? '已挂接' : '未挂接'),
};

export function createCatalogSearch(deps: CatalogDeps) {
  return {
    async search(filter: SearchFilter & { sort?: 'relevance' | 'published' | 'name' | undefined }, page: Page) {
      const q = filter.q?.trim() || undefined;
      const f: SearchFilter = { ...filter, q };
      const sort = filter.sort ?? (q ? 'relevance' : 'published');
      return deps.db.transaction().execute(async (trx) => {
        const { rows, total, facets: counts } = await createSearchRepository(trx).searchPage(f, sort === 'relevance' && !q ? 'published' : sort, page.pageSize, (page.page - 1) * page.pageSize);
        const facets = {} as Record<FacetName, { value: string; label: string; count: number }[]>;
        for (const name of FACETS) {
          facets[name] = counts
            .filter((x) => x.facet === name && x.value !== null)
            // Most frequent first, then by value (code point order).
            .sort((a, b) => b.n - a.n || (a.value! < b.value! ? -1 : a.value! > b.value! ? 1 : 0))
            .map((x) => ({ value: x.value!, label: name === 'department' ? x.label ?? x.value! : FACET_LABEL[name](x.value!), count: x.n }));
        }
        return {
          items: rows.map((r) => ({
            id: r.entry_id, code: r.code, name: r.name, summary: r.summary, keywords: r.keywords, departmentId: r.department_id, departmentName: r.department_name,
            origin: r.origin, category: r.category, subcategory: r.subcategory, shareType: r.share_type, openType: r.open_type, formatClass: r.format_class,
            updateFrequency: r.update_frequency, grade: r.grade, mounted: r.mounted, version: r.version, publishedOn: r.published_on,
            lastPublishedAt: r.last_published_at.toISOString(), itemCount: r.item_count, matchedItems: r.matched_items, qualityScore: r.quality_score,
            score: Math.round(Number(r.score) * 1000) / 1000,
          })),
          total,
          ...page,
          facets,
        };
      });
    },

    /** The latest published version of an entry, for every reader; 404 unless currently published. */
    async published(ctx: RequestContext, id: string) {
      const repo = createCatalogRepository(deps.db);
      const row = await repo.entryById(id);
      if (!row || row.current_version == null || row.status === 'withdrawn') throw CatalogErrors.entryNotFound(id);
      const latest = (await repo.version(id, row.current_version))!;
      const snapshot = latest.snapshot as Snapshot;
      const mounts = await createMounting(deps).list(ctx, id);
      const mounted = mounts.some((m) => m.status === 'registered' || m.status === 'available');
      const system = snapshot.systemId ? await repo.systemById(snapshot.systemId) : undefined;
      const versions = (await repo.versions(id)).map((v) => ({
        version: v.version, publishedAt: v.published_at.toISOString(), publishedBy: v.published_by_name, reviewId: v.review_id, itemCount: (v.snapshot as Snapshot).items.length,
      }));
      return {
        id,
        version: latest.version,
        lastPublishedAt: latest.published_at.toISOString(),
        departmentName: row.provider_name,
        systemName: system?.name ?? null,
        origin: row.origin,
        mounted,
        ...snapshot,
        mounts,
        versions,
        quality: scoreQuality(contentOfSnapshot(snapshot), { mounted, published: true }),
      };
    },
  };
}
