import type { Kysely } from 'kysely';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { CODE_LAYOUT, SUBCATEGORIES, type Category } from './catalog.enums.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { createCatalogRepository, type CatalogRepository, type EntryRow, type MountRow, type RuleRow } from './catalog.repository.ts';
import { codePrefix, departmentKeyOf, type ChecksResult } from './check-entry.ts';
import { contentFromRow, contentOfSnapshot, sameContent, type EntryContent, type Snapshot } from './entry-model.ts';
import { dimensionScores, scoreQuality } from './score-quality.ts';
import { createSearchRepository } from './search.repository.ts';
import { deadlinesOf, worstLight, type Calendar } from './track-deadlines.ts';

// What every part of the catalog service shares: dependencies, who may see and edit what, code allocation,
// the entry view, the search projection and the mount mapping check.

export interface CatalogDeps {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  calendar: Calendar;
  departments: Pick<IdentityService['departments'], 'get'>;
}

export const EDITABLE = new Set(['draft', 'returned', 'published', 'change_returned']);

// ── access ─────────────────────────────────────────────────────────────────
/** Whether the caller sees working copies of all departments (the bureau), of one department, or none. */
export function workingScope(ctx: RequestContext): { all: boolean; departmentId: string | null } {
  if (scopeOf(ctx, 'catalog.entry.review') === 'all' || scopeOf(ctx, 'catalog.entry.edit') === 'all') return { all: true, departmentId: null };
  if (scopeOf(ctx, 'catalog.entry.edit') === 'department') return { all: false, departmentId: ctx.actor?.departmentId ?? null };
  return { all: false, departmentId: null };
}

export function canSeeWorking(ctx: RequestContext, row: Pick<EntryRow, 'department_id' | 'origin'>): boolean {
  const scope = workingScope(ctx);
  return scope.all || (!!scope.departmentId && row.department_id === scope.departmentId);
}

/** Published (at least once, and not withdrawn): visible to every reader. */
export const isPublic = (row: EntryRow) => row.current_version != null && row.status !== 'withdrawn';

/** The entry if the caller may see its working copy; 404 otherwise. */
export function requireWorking(ctx: RequestContext, row: EntryRow | undefined, id: string): EntryRow {
  if (!row || !canSeeWorking(ctx, row)) throw CatalogErrors.entryNotFound(id);
  return row;
}

/** The entry if the caller may change it: own department (or edit scope all), local origin. */
export function requireOwned(ctx: RequestContext, row: EntryRow | undefined, id: string): EntryRow {
  if (!row) throw CatalogErrors.entryNotFound(id);
  // §1: provincial entries are read-only for everyone who can see them (409 before any ownership question).
  if (row.origin !== 'local') {
    if (isPublic(row) || canSeeWorking(ctx, row)) throw CatalogErrors.readOnly();
    throw CatalogErrors.entryNotFound(id);
  }
  const scope = scopeOf(ctx, 'catalog.entry.edit');
  const owns = scope === 'all' || (scope === 'department' && !!ctx.actor?.departmentId && row.department_id === ctx.actor.departmentId);
  if (!owns) {
    if (isPublic(row) || canSeeWorking(ctx, row)) throw CatalogErrors.notOwner();
    throw CatalogErrors.entryNotFound(id);
  }
  return row;
}

export function requireDepartment(ctx: RequestContext): string {
  const id = ctx.actor?.departmentId;
  if (!id) throw CatalogErrors.noDepartment();
  return id;
}

export const actorName = (ctx: RequestContext) => (ctx.actor ? ctx.actor.displayName : '系统');

// ── codes ──────────────────────────────────────────────────────────────────
/** Takes the next resource code for the prefix 类+项+目; counters only grow, so a code is never handed out twice. */
export async function allocateCode(repo: CatalogRepository, category: string, subcategory: string, departmentId: string): Promise<string> {
  const prefix = codePrefix(category, subcategory, await repo.departmentNumber(departmentId));
  for (;;) {
    const seq = await repo.nextSequence(prefix);
    if (seq >= 10 ** CODE_LAYOUT.sequence) throw new Error(`顺序码已用尽：${prefix}`);
    const code = `${prefix}${String(seq).padStart(CODE_LAYOUT.sequence, '0')}`;
    // A provincial entry imported by the cascade may already hold a code of this space: skip it.
    if (!(await repo.entryByCode(code))) return code;
  }
}

/** Field problems the schema cannot see: the subcategory of the category, the source system of the department. */
export async function validateContent(repo: CatalogRepository, c: EntryContent, departmentId: string, prefix = 'body'): Promise<FieldProblem[]> {
  const fields: FieldProblem[] = [];
  if (!SUBCATEGORIES[c.category as Category]?.some(([v]) => v === c.subcategory)) {
    fields.push({ path: `${prefix}.subcategory`, message: `项 ${c.subcategory} 不属于所选资源属性分类` });
  }
  if (c.systemId) {
    const system = await repo.systemById(c.systemId);
    if (!system || system.department_id !== departmentId) fields.push({ path: `${prefix}.systemId`, message: '来源信息系统不存在或不是本部门的系统' });
  }
  return fields;
}

// ── mounts ─────────────────────────────────────────────────────────────────
export interface TableSpec {
  datasource: string;
  schemaName: string | null;
  tableName: string;
  columns: { column: string; columnType: string | null; itemCodeName: string }[];
}

/** Problems of a table's column ↔ data item mapping, all at once. */
export function mappingProblems(spec: TableSpec, codeNames: string[], prefix: string): FieldProblem[] {
  const fields: FieldProblem[] = [];
  if (!spec.columns.length) fields.push({ path: `${prefix}.columns`, message: '至少映射一个字段' });
  const known = new Set(codeNames);
  const columns = new Map<string, number>();
  const items = new Map<string, number>();
  spec.columns.forEach((col, i) => {
    const key = col.column.toLowerCase();
    if (columns.has(key)) fields.push({ path: `${prefix}.columns.${i}.column`, message: `字段 ${col.column} 与第 ${columns.get(key)! + 1} 个字段重复` });
    else columns.set(key, i);
    if (!known.has(col.itemCodeName)) fields.push({ path: `${prefix}.columns.${i}.itemCodeName`, message: `字段 ${col.column} 映射的信息项 ${col.itemCodeName} 不在目录中` });
    else if (items.has(col.itemCodeName)) fields.push({ path: `${prefix}.columns.${i}.itemCodeName`, message: `信息项 ${col.itemCodeName} 已由第 ${items.get(col.itemCodeName)! + 1} 个字段映射` });
    else items.set(col.itemCodeName, i);
  });
  return fields;
}

/** After the data items change: table mounts whose mapping broke become `invalid`, repaired ones `registered` again. */
export async function revalidateMounts(repo: CatalogRepository, entryId: string, codeNames: string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const m of await repo.mounts(entryId)) {
    if (m.kind !== 'table' || m.status === 'disabled') continue;
    const spec = m.table_spec as TableSpec;
    const missing = spec.columns.filter((c) => !codeNames.includes(c.itemCodeName)).map((c) => c.itemCodeName);
    if (missing.length && m.status !== 'invalid') {
      await repo.updateMount(m.id, { status: 'invalid', status_note: `信息项已不存在：${missing.join('、')}` });
      changed.push(m.id);
    } else if (!missing.length && m.status === 'invalid') {
      await repo.updateMount(m.id, { status: 'registered', status_note: null });
      changed.push(m.id);
    }
  }
  return changed;
}

export const isLiveMount = (m: Pick<MountRow, 'status'>) => m.status === 'registered' || m.status === 'available';

// ── projection ─────────────────────────────────────────────────────────────
/** Writes the published snapshot into the search projection. */
export async function project(db: Kysely<unknown>, row: EntryRow, snapshot: Snapshot, version: number, publishedAt: Date) {
  const repo = createCatalogRepository(db);
  const mounted = ((await repo.mountCounts([row.id])).get(row.id)?.live ?? 0) > 0;
  const content = contentOfSnapshot(snapshot);
  const quality = scoreQuality(content, { mounted, published: true });
  const itemNames = content.items.map((i) => i.name);
  await createSearchRepository(db).upsert(
    {
      entry_id: row.id,
      code: row.code,
      name: content.name,
      summary: content.summary,
      keywords: content.keywords,
      item_names: itemNames,
      doc: [content.name, content.keywords.join(' '), itemNames.join(' '), content.summary].join(' '),
      department_id: row.department_id,
      department_key: departmentKeyOf(row),
      department_name: row.provider_name,
      origin: row.origin,
      category: content.category,
      subcategory: content.subcategory,
      share_type: content.shareType,
      open_type: content.openType,
      format_class: content.formatClass,
      update_frequency: content.updateFrequency,
      grade: content.grade,
      mounted,
      version,
      published_on: snapshot.publishedOn,
      last_published_at: publishedAt,
      item_count: content.items.length,
      quality_score: quality.score,
      quality: JSON.stringify(dimensionScores(quality)),
    },
    content.items.map((i) => ({ name: i.name, code_name: i.codeName, authoritative: i.authoritative })),
  );
}

/** After a mount change: the projection's `mounted` flag and quality of a published entry. */
export async function refreshMounted(db: Kysely<unknown>, entryId: string) {
  const repo = createCatalogRepository(db);
  const search = createSearchRepository(db);
  if (!(await search.isPublished(entryId))) return;
  const row = await repo.entryById(entryId);
  if (!row?.current_version) return;
  const version = await repo.version(entryId, row.current_version);
  if (!version) return;
  const mounted = ((await repo.mountCounts([entryId])).get(entryId)?.live ?? 0) > 0;
  const quality = scoreQuality(contentOfSnapshot(version.snapshot as Snapshot), { mounted, published: true });
  await search.setMounted(entryId, mounted, quality.score, JSON.stringify(dimensionScores(quality)));
}

// ── the entry view ─────────────────────────────────────────────────────────
export async function entryView(deps: CatalogDeps, row: EntryRow, rules?: RuleRow[]) {
  const repo = createCatalogRepository(deps.db);
  const [items, system, latest, mounts, allRules] = await Promise.all([
    repo.items(row.id),
    row.system_id ? repo.systemById(row.system_id) : Promise.resolve(undefined),
    row.current_version ? repo.version(row.id, row.current_version) : Promise.resolve(undefined),
    repo.mountCounts([row.id]),
    rules ? Promise.resolve(rules) : repo.rules(),
  ]);
  const content = contentFromRow(row, items);
  const counts = mounts.get(row.id) ?? { total: 0, live: 0 };
  const deadlines = await deadlinesOf(row, allRules, deps.calendar);
  return {
    id: row.id,
    code: row.code,
    departmentId: row.department_id,
    departmentName: row.provider_name,
    providerName: row.provider_name,
    providerCode: row.provider_code,
    ...content,
    items: items.map((r, position) => ({ id: r.id, position, ...content.items[position]! })),
    status: row.status,
    origin: row.origin,
    currentVersion: row.current_version,
    dirty: latest ? !sameContent(content, contentOfSnapshot(latest.snapshot as Snapshot)) : false,
    publishedOn: row.published_on,
    lastPublishedAt: row.last_published_at?.toISOString() ?? null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    withdrawalReason: row.withdrawal_reason,
    reportStatus: row.report_status,
    reportNote: row.report_note,
    reportedAt: row.reported_at?.toISOString() ?? null,
    systemName: system?.name ?? null,
    lastCheck: (row.last_check as ChecksResult | null) ?? null,
    quality: scoreQuality(content, { mounted: counts.live > 0, published: row.current_version != null }),
    deadlines,
    worstLight: worstLight(deadlines.map((d) => d.light)),
    mountCount: counts.total,
    mounted: counts.live > 0,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type EntryView = Awaited<ReturnType<typeof entryView>>;
