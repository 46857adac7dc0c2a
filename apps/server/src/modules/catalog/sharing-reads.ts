import type { CatalogDeps } from './catalog-core.ts';
import { createCatalogRepository } from './catalog.repository.ts';
import type { Snapshot } from './entry-model.ts';

// Reads the sharing module needs from the catalog, without touching catalog_* tables itself.

export interface SharedEntry {
  id: string;
  code: string;
  name: string;
  departmentId: string;
  providerName: string;
  /** the entry's share type in its published version */
  shareType: string | null;
  mounted: boolean;
  /** data items of the published version; shareType is the effective one (item's, else the entry's) */
  items: { name: string; codeName: string; shareType: string | null; sensitivity: string }[];
}

export interface SharedSystem {
  id: string;
  departmentId: string;
  name: string;
  status: string;
}

export function createSharingReads(deps: CatalogDeps) {
  const repo = () => createCatalogRepository(deps.db);
  return {
    /** A published (not withdrawn) local entry as of its current published version, or null. */
    async publishedEntry(id: string): Promise<SharedEntry | null> {
      const r = repo();
      const row = await r.entryById(id);
      if (!row || row.origin !== 'local' || !row.department_id || row.current_version == null || row.status === 'withdrawn') return null;
      const version = await r.version(id, row.current_version);
      if (!version) return null;
      const snap = version.snapshot as Snapshot;
      const mounted = ((await r.mountCounts([id])).get(id)?.live ?? 0) > 0;
      return {
        id, code: row.code, name: snap.name, departmentId: row.department_id, providerName: row.provider_name, shareType: snap.shareType, mounted,
        items: snap.items.map((i) => ({ name: i.name, codeName: i.codeName, shareType: i.shareType ?? snap.shareType, sensitivity: i.sensitivity })),
      };
    },
    /** Any entry's owner and name (for a demand answered by cataloguing: drafts count too). */
    async entryOwner(id: string): Promise<{ id: string; name: string; departmentId: string | null; status: string } | null> {
      const row = await repo().entryById(id);
      return row ? { id: row.id, name: row.name, departmentId: row.department_id, status: row.status } : null;
    },
    async system(id: string): Promise<SharedSystem | null> {
      const row = await repo().systemById(id);
      return row ? { id: row.id, departmentId: row.department_id, name: row.name, status: row.status } : null;
    },
  };
}
