import { CHECK_CODES, CODE_LAYOUT, ENUMS, FORMAT_TYPES, SUBCATEGORIES } from './catalog.enums.ts';
import type { CatalogDeps } from './catalog-core.ts';
import { createCascade } from './cascade-catalog.ts';
import { createEntryEditing } from './edit-entry.ts';
import { createExcelCatalog } from './excel-catalog.ts';
import { createSystemRegistry } from './manage-systems.ts';
import { createMounting } from './mount-resources.ts';
import { createEntryReview } from './review-entry.ts';
import { qualityWeights } from './score-quality.ts';
import { createCatalogSearch } from './search-catalog.ts';
import { createSupervision } from './supervise-catalog.ts';
import { createSharingReads } from './sharing-reads.ts';

export type { CatalogDeps } from './catalog-core.ts';
export type CatalogService = ReturnType<typeof createCatalogService>;

const pairs = (list: readonly (readonly [string, string])[]) => list.map(([value, label]) => ({ value, label }));

/**
 * 政务数据目录“一本账”: systems, entries and items, checks, review and versions, mounts, search, deadlines, statistics,
 * the department workbook (Excel) and the cascade with the provincial platform.
 */
export function createCatalogService(deps: CatalogDeps) {
  return {
    systems: createSystemRegistry(deps),
    entries: createEntryEditing(deps),
    lifecycle: createEntryReview(deps),
    mounts: createMounting(deps),
    search: createCatalogSearch(deps),
    supervision: createSupervision(deps),
    excel: createExcelCatalog(deps),
    cascade: createCascade(deps),
    /** Narrow reads for the sharing module (published entries with their items and mount status, systems). */
    forSharing: createSharingReads(deps),

    /** Enumerations with their labels, for forms and filters. */
    meta() {
      return {
        enums: Object.fromEntries(Object.entries(ENUMS).map(([k, v]) => [k, pairs(v)])),
        subcategories: Object.fromEntries(Object.entries(SUBCATEGORIES).map(([k, v]) => [k, pairs(v)])),
        formatTypes: Object.fromEntries(Object.entries(FORMAT_TYPES).map(([k, v]) => [k, [...v]])),
        checkCodes: CHECK_CODES.map(([value, label, severity]) => ({ value, label, severity })),
        qualityWeights: qualityWeights(),
        codeLayout: { ...CODE_LAYOUT },
      };
    },
  };
}
