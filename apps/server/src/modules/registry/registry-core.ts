import type { Kysely } from 'kysely';
import { FULL_MASK, maskValue, type MaskKind, type SensitivityLevel } from '@shuzheng/standards';
import { scopeOf, type RequestContext, type Scope } from '../../kernel/context.ts';
import { dataTableColumns, isDataIdent, SUBJECT_KEY_ITEMS } from '../../kernel/data-tables.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService, MountedColumn, MountedTable } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { createRegistryRepository, type RegistryKind, type SourceTable } from './registry.repository.ts';

export interface RegistryDeps {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  catalog: { mounts: Pick<CatalogService['mounts'], 'tablesWithItem'> };
  departments: Pick<IdentityService['departments'], 'get'>;
  /** The subject an account stands for (citizen → ID number, enterprise → credit code): the self scope. */
  holders: Pick<IdentityService, 'holderOf'>;
  /** Values under dispute (存疑, the disputes module): the open marks of one record of an entry. */
  disputes?: { forRecord(entryId: string, key: string): Promise<{ itemCodeName: string }[]> };
  /** How long the list of sources (catalog mounts, table columns) is reused; default 30 s, 0 = always fresh. */
  sourceCacheSeconds?: number;
}

export const REGISTRIES: Record<RegistryKind, { name: string; keyItem: string; keyName: string }> = {
  person: { name: '人口库', keyItem: SUBJECT_KEY_ITEMS.person, keyName: '公民身份号码' },
  entity: { name: '法人库', keyItem: SUBJECT_KEY_ITEMS.entity, keyName: '统一社会信用代码' },
};

export const PERMISSIONS = {
  read: 'registry.read',
  manage: 'registry.manage',
  profile: 'registry.profile.read',
  sensitive: 'registry.profile.read_sensitive',
  compare: 'registry.compare.read',
} as const;

/** Rank of a source for an item: 0 authoritative (一数一源), 1… by the registry's precedence list, 1000 otherwise. */
export const UNRANKED = 1000;
export function rankOf(column: Pick<MountedColumn, 'authoritative'>, departmentId: string, precedence: string[]): number {
  if (column.authoritative) return 0;
  const i = precedence.indexOf(departmentId);
  return i >= 0 ? i + 1 : UNRANKED;
}

/** A source of a registry: the mounted table with the key column and the other mapped items. */
export interface RegistrySource extends SourceTable {
  entryName: string;
  datasource: string;
  grade: string | null;
  columns: MountedColumn[];
}

const sourceCache = new WeakMap<RegistryDeps, Map<string, { at: number; sources: Promise<RegistrySource[]> }>>();

/**
 * Every usable source of a registry: published entries whose table mount maps the key item and whose table exists.
 * Cached per registry and precedence for `sourceCacheSeconds` (default 30; 0 = no cache), like the gateway's mounts.
 */
export function resolveSources(deps: RegistryDeps, registry: RegistryKind, precedence: string[]): Promise<RegistrySource[]> {
  const ttl = (deps.sourceCacheSeconds ?? 30) * 1000;
  if (ttl <= 0) return loadSources(deps, registry, precedence);
  let cache = sourceCache.get(deps);
  if (!cache) sourceCache.set(deps, (cache = new Map()));
  const key = `${registry}|${precedence.join(',')}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < ttl) return hit.sources;
  const sources = loadSources(deps, registry, precedence);
  cache.set(key, { at: Date.now(), sources });
  sources.catch(() => cache.delete(key));
  return sources;
}

/** Forgets cached sources (a build always reads them afresh). */
export const forgetSources = (deps: RegistryDeps) => sourceCache.delete(deps);

async function loadSources(deps: RegistryDeps, registry: RegistryKind, precedence: string[]): Promise<RegistrySource[]> {
  const keyItem = REGISTRIES[registry].keyItem;
  const tables = await deps.catalog.mounts.tablesWithItem(keyItem);
  const out: RegistrySource[] = [];
  for (const t of tables) {
    const source = await sourceOf(deps.db, t, keyItem, precedence);
    if (source) out.push(source);
  }
  return out;
}

async function sourceOf(db: Kysely<unknown>, t: MountedTable, keyItem: string, precedence: string[]): Promise<RegistrySource | null> {
  if (!t.schemaName || !isDataIdent(t.schemaName) || !isDataIdent(t.tableName)) return null;
  const present = new Set((await dataTableColumns(db, t.schemaName, t.tableName)).map((c) => c.column));
  if (!present.has('updated_at') || !present.has('deleted_at')) return null;
  const columns = t.columns.filter((c) => isDataIdent(c.column) && present.has(c.column));
  const key = columns.find((c) => c.itemCodeName === keyItem);
  if (!key) return null;
  const seen = new Set<string>([keyItem]);
  const items = columns.filter((c) => !seen.has(c.itemCodeName) && (seen.add(c.itemCodeName), true));
  return {
    entryId: t.entryId, entryName: t.entryName, departmentId: t.providerDepartmentId, datasource: t.datasource, grade: t.grade,
    schemaName: t.schemaName, tableName: t.tableName, keyColumn: key.column, columns,
    items: items.map((c) => ({ item: c.itemCodeName, column: c.column, rank: rankOf(c, t.providerDepartmentId, precedence) })),
  };
}

export const repoOf = (deps: RegistryDeps) => createRegistryRepository(deps.db);

/** Department names, looked up once per call. */
export function departmentNames(deps: RegistryDeps) {
  const cache = new Map<string, Promise<string>>();
  return (id: string | null | undefined): Promise<string> => {
    if (!id) return Promise.resolve('');
    if (!cache.has(id)) cache.set(id, deps.departments.get(id).then((d) => d.name, () => '（未知部门）'));
    return cache.get(id)!;
  };
}

/** What the caller may see of a registry's data: every department's, their own department's, or only their own record. */
export interface Visibility {
  scope: Scope;
  departmentId: string | null;
  sensitive: boolean;
}
export function visibilityOf(ctx: RequestContext, permission: string): Visibility | null {
  const scope = scopeOf(ctx, permission);
  if (!scope) return null;
  return { scope, departmentId: ctx.actor?.departmentId ?? null, sensitive: !!scopeOf(ctx, PERMISSIONS.sensitive) };
}
export const seesDepartment = (v: Visibility, departmentId: string) => v.scope === 'all' || v.scope === 'self' || (!!v.departmentId && v.departmentId === departmentId);

// ── masking (脱敏), the same rule as the gateway's (docs/gateway-api.md §5) ──
export function maskKindOf(codeName: string, sensitivity: string): MaskKind | null {
  const c = codeName.toLowerCase();
  if (/id_?number|id_?card|sfzh/.test(c)) return 'idNumber';
  if (/credit_?code|uscc/.test(c)) return 'creditCode';
  if (/phone|mobile|tel(ephone)?$/.test(c)) return 'phone';
  if (/bank|card_no|account_no/.test(c)) return 'bankCard';
  if (/address|domicile|residence_addr/.test(c)) return 'address';
  if (sensitivity !== 'none' && /(^|_)name$/.test(c)) return 'name';
  return null;
}

/** A value as the caller may see it: sensitive items (personal / sensitive_personal) masked unless the caller may see them in clear. */
export function shown(value: string | null, column: Pick<MountedColumn, 'itemCodeName' | 'sensitivity'>, grade: string | null, clear: boolean): { value: string | null; masked: boolean } {
  if (value === null || clear || column.sensitivity === 'none') return { value, masked: false };
  const level = Math.min(4, (column.sensitivity === 'sensitive_personal' ? 3 : 2) + (grade === 'core' ? 1 : 0)) as SensitivityLevel;
  const kind = maskKindOf(column.itemCodeName, column.sensitivity);
  if (kind) return { value: maskValue(kind, value, level), masked: true };
  return { value: level >= 3 ? FULL_MASK : value, masked: level >= 3 };
}

/** Whether the caller sees a source's values in clear: the right to sensitive values, their own department, or their own record. */
export const clearFor = (v: Visibility, departmentId: string) => v.sensitive || v.scope === 'self' || (!!v.departmentId && v.departmentId === departmentId);
