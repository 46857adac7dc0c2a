import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import { getDivision } from '@shuzheng/standards';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { isUniqueViolation, type FieldProblem } from '../../kernel/errors.ts';
import { CATEGORY, ENTRY_STATUS, FORMAT_CLASS, MOUNT_KIND, SUBCATEGORIES, type Category } from './catalog.enums.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { createCatalogRepository, type EntryRow, type MountRow } from './catalog.repository.ts';
import type { CascadeDcat, CascadeEntry, CascadeExportJson, CascadeImportBody } from './catalog.schemas.ts';
import { actorName, isLiveMount, isPublic, project, requireDepartment, type CatalogDeps } from './catalog-core.ts';
import { applyInput, contentColumns, contentFromRow, itemRows, sameContent, snapshotOf, todayInChina, type EntryInput, type Snapshot } from './entry-model.ts';
import type { ApiSpec } from './mount-resources.ts';
import { createSearchRepository } from './search.repository.ts';

// 目录级联 with the provincial platform (docs/catalog-api.md §4.9): an incremental export of the local catalog (our JSON
// or DCAT-AP 3), the province's feedback per entry, and the import of the provincial catalog as read-only entries.

export type CascadeFile = Static<typeof CascadeImportBody>;
type JsonEntry = Static<typeof CascadeEntry>;
type ReportStatus = 'reported' | 'synced' | 'rejected';

// ── cursor ─────────────────────────────────────────────────────────────────
// Opaque to callers: the last cascade sequence number they have seen (catalog_entries.cascade_seq).
const encodeCursor = (seq: number) => Buffer.from(JSON.stringify({ seq })).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const seq = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { seq?: unknown }).seq;
    if (Number.isSafeInteger(seq) && (seq as number) >= 0) return seq as number;
  } catch {
    // fall through to the 400 below
  }
  throw CatalogErrors.cascadeInvalid([{ path: 'querystring.since', message: '游标无效：请使用上次导出返回的 nextCursor，或省略 since 全量导出' }]);
}

// ── our JSON format (shuzheng.catalog.v1) ────────────────────────────────────
const JSON_FIELDS = [
  'name', 'category', 'subcategory', 'summary', 'keywords', 'providerName', 'providerCode', 'formatClass', 'formatType', 'shareType', 'shareCondition',
  'shareMethod', 'shareChannels', 'noShareBasisType', 'noShareBasisText', 'openType', 'openCondition', 'updateFrequency', 'grade',
  'sensitivityLevel', 'relatedCodes', 'publishedOn', 'recordCount', 'storageMb',
] as const;

/** An entry as its last published version says (withdrawn ones too, flagged). */
function jsonEntry(row: EntryRow, snap: Snapshot): JsonEntry {
  const fields = Object.fromEntries(JSON_FIELDS.map((f) => [f, snap[f] ?? null]));
  return {
    code: row.code, ...fields, version: row.current_version!, withdrawn: row.status === 'withdrawn',
    items: snap.items.map(({ position: _p, ...item }) => item),
  } as JsonEntry;
}

// ── DCAT-AP 3 ────────────────────────────────────────────────────────────────
const EU = 'http://publications.europa.eu/resource/authority';
// EU Publications Office authority tables: frequency and access-right (DCAT-AP 3 controlled vocabularies).
const FREQUENCY: Record<string, string> = {
  realtime: 'CONT', daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', quarterly: 'QUARTERLY', half_yearly: 'BIANNUAL', yearly: 'ANNUAL', irregular: 'IRREG',
};
const ACCESS_RIGHTS: Record<string, string> = { unconditional: 'PUBLIC', conditional: 'RESTRICTED', none: 'NON_PUBLIC' };
const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', adms: 'http://www.w3.org/ns/adms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#', vcard: 'http://www.w3.org/2006/vcard/ns#', owl: 'http://www.w3.org/2002/07/owl#', shuzheng: 'urn:shuzheng:ns:',
};
const zh = (value: string) => ({ '@language': 'zh', '@value': value });
const iri = (id: string) => ({ '@id': id });
const datasetIri = (code: string) => `urn:shuzheng:dataset:${code}`;
type Dataset = Static<typeof CascadeDcat>['dcat:dataset'][number];

/** One distribution per live mount; with none, one describing the declared format (§4.9). */
function distributions(row: EntryRow, snap: Snapshot, mounts: MountRow[]): Dataset['dcat:distribution'] {
  const live = mounts.filter(isLiveMount);
  if (!live.length) {
    return [{
      '@type': 'dcat:Distribution', 'dcat:accessURL': iri(datasetIri(row.code)), ...(snap.formatType && { 'dct:format': snap.formatType }),
      'dct:title': zh(`${snap.name}（${snap.formatClass ? FORMAT_CLASS.label(snap.formatClass) : '未声明格式'}）`),
    }];
  }
  return live.map((m) => {
    const endpoint = (m.api_spec as ApiSpec | null)?.endpoint;
    const format = m.kind === 'api' ? 'API' : m.kind === 'file' ? m.file_content_type : snap.formatType;
    return {
      '@type': 'dcat:Distribution', 'dcat:accessURL': iri(endpoint ?? `urn:shuzheng:mount:${m.id}`), ...(format && { 'dct:format': format }),
      'dct:title': zh(m.kind === 'file' ? m.file_name! : `${snap.name}（${MOUNT_KIND.label(m.kind)}）`),
    };
  });
}

function dcatDataset(row: EntryRow, snap: Snapshot, mounts: MountRow[]): Dataset {
  const phone = snap.contactPhone?.replace(/[^0-9+]/g, '');
  return {
    '@id': datasetIri(row.code), '@type': 'dcat:Dataset', 'dct:identifier': row.code,
    'dct:title': zh(snap.name), 'dct:description': zh(snap.summary || snap.name),
    'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': snap.providerName, 'dct:identifier': snap.providerCode },
    'dcat:keyword': snap.keywords.map(zh),
    'dcat:theme': [iri(`urn:shuzheng:category:${snap.category}:${snap.subcategory}`)],
    ...(snap.updateFrequency && { 'dct:accrualPeriodicity': iri(`${EU}/frequency/${FREQUENCY[snap.updateFrequency]}`) }),
    ...(snap.publishedOn && { 'dct:issued': { '@type': 'xsd:date', '@value': snap.publishedOn } }),
    'dct:modified': { '@type': 'xsd:dateTime', '@value': row.last_published_at!.toISOString() },
    'owl:versionInfo': String(row.current_version),
    ...(snap.shareType && { 'dct:accessRights': iri(`${EU}/access-right/${ACCESS_RIGHTS[snap.shareType]}`) }),
    ...((snap.contactName || phone) && {
      'dcat:contactPoint': {
        '@type': 'vcard:Kind', 'vcard:fn': snap.contactName ?? snap.providerName,
        ...(phone && { 'vcard:hasTelephone': iri(`tel:${phone}`) }), ...(snap.contactEmail && { 'vcard:hasEmail': iri(`mailto:${snap.contactEmail}`) }),
      },
    }),
    ...(snap.relatedCodes.length && { 'dct:relation': snap.relatedCodes.map((c) => iri(datasetIri(c))) }),
    'dcat:distribution': distributions(row, snap, mounts),
  };
}

// ── import validation ────────────────────────────────────────────────────────
/**
 * What the schema cannot see: codes twice in the file, 项 outside the 类, a data item code twice in an entry. Runs on
 * whatever arrived (also when the schema failed), so one answer lists every problem of the file.
 */
function fileProblems(file: CascadeFile): FieldProblem[] {
  const fields: FieldProblem[] = [];
  const seen = new Map<string, number>();
  (Array.isArray(file?.entries) ? file.entries : []).forEach((e, i) => {
    const at = `body.entries.${i}`;
    if (typeof e?.code !== 'string') return;
    if (seen.has(e.code)) fields.push({ path: `${at}.code`, message: `信息资源代码 ${e.code} 与第 ${seen.get(e.code)! + 1} 条重复` });
    else seen.set(e.code, i);
    if (SUBCATEGORIES[e.category as Category] && !SUBCATEGORIES[e.category as Category].some(([v]) => v === e.subcategory)) {
      fields.push({ path: `${at}.subcategory`, message: `项 ${e.subcategory} 不属于${CATEGORY.label(e.category)}` });
    }
    const codeNames = new Set<string>();
    (Array.isArray(e.items) ? e.items : []).forEach((item, j) => {
      if (codeNames.has(item?.codeName)) fields.push({ path: `${at}.items.${j}.codeName`, message: `信息项代码 ${item.codeName} 重复` });
      codeNames.add(item?.codeName);
    });
  });
  return fields;
}

/** Cascade with the provincial platform: export, report feedback, import. */
export function createCascade(deps: CatalogDeps) {
  /** The platform's own catalog: named after the caller's (the data bureau's) division. */
  async function source(ctx: RequestContext) {
    const department = await deps.departments.get(requireDepartment(ctx));
    const place = getDivision(department.divisionCode)?.name ?? department.divisionName;
    return { name: `${place}政务数据目录`, divisionCode: department.divisionCode, publisher: department };
  }

  return {
    /** Local entries whose publication changed after the cursor, oldest change first. */
    async export(ctx: RequestContext, query: { since?: string | undefined; format: 'json' | 'dcat'; limit: number }) {
      const since = decodeCursor(query.since);
      const src = await source(ctx);
      const r = createCatalogRepository(deps.db);
      const rows = await r.changedSince(since, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const nextCursor = encodeCursor(page.at(-1)?.cascade_seq ?? since);
      const hasMore = rows.length > query.limit;
      const snapshots = new Map((await r.latestSnapshots(page.map((x) => x.id))).map((v) => [v.entry_id, v.snapshot as Snapshot]));
      const generatedAt = new Date().toISOString();

      if (query.format === 'json') {
        const body: Static<typeof CascadeExportJson> = {
          format: 'shuzheng.catalog.v1', source: { name: src.name, divisionCode: src.divisionCode }, generatedAt, nextCursor, hasMore,
          entries: page.map((row) => jsonEntry(row, snapshots.get(row.id)!)),
        };
        return { format: 'json' as const, body };
      }
      // Withdrawn entries are not datasets any more; the JSON export carries deletions (§4.9).
      const live = page.filter((row) => row.status !== 'withdrawn');
      const mounts = await r.mountsOf(live.map((x) => x.id));
      const body: Static<typeof CascadeDcat> = {
        '@context': CONTEXT, '@id': `urn:shuzheng:catalog:${src.divisionCode}`, '@type': 'dcat:Catalog',
        'dct:title': zh(src.name), 'dct:description': zh(`${src.name}：本级政务部门编制、经数据局审核发布的政务数据资源目录（增量）`),
        'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': src.publisher.name, 'dct:identifier': src.publisher.creditCode },
        'dct:modified': { '@type': 'xsd:dateTime', '@value': generatedAt },
        'shuzheng:nextCursor': nextCursor, 'shuzheng:hasMore': hasMore,
        'dcat:dataset': live.map((row) => dcatDataset(row, snapshots.get(row.id)!, mounts.filter((m) => m.entry_id === row.id))),
      };
      return { format: 'dcat' as const, body };
    },

    /** Records the province's feedback on published local entries; every entry is checked before any is changed. */
    async report(ctx: RequestContext, input: { entryIds: string[]; status: ReportStatus; note?: string | undefined }) {
      const note = input.note?.trim() || null;
      if (input.status === 'rejected' && !note) throw CatalogErrors.invalidField([{ path: 'body.note', message: '省级退回须填写退回说明' }]);
      return inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const rows = new Map((await r.entriesByIds(input.entryIds)).map((x) => [x.id, x]));
        const fields = input.entryIds.flatMap((id, i) => {
          const row = rows.get(id);
          const message = !row ? '目录不存在'
            : row.origin !== 'local' ? '省级下发的目录不需上报'
            : !isPublic(row) ? `目录“${row.name}”当前为“${ENTRY_STATUS.label(row.status)}”，只有已发布的目录才登记上报状态`
            : null;
          return message ? [{ path: `body.entryIds.${i}`, message }] : [];
        });
        if (fields.length) throw CatalogErrors.invalidField(fields);
        const updated = await r.setReportStatus(input.entryIds, input.status, note);
        for (const id of input.entryIds) {
          const row = rows.get(id)!;
          await deps.audit.record(trx, ctx, {
            action: 'catalog.cascade.report', targetType: 'catalog-entry', targetId: id,
            details: { code: row.code, from: row.report_status, to: input.status, note },
          });
        }
        return { updated };
      });
    },

    /**
     * The provincial catalog file: each entry becomes (or updates, by code) a read-only published entry, with a new
     * version only when its content changed. Everything is validated before anything is written; `schemaProblems` are
     * the route's schema findings, reported together with the rest.
     */
    async importFile(ctx: RequestContext, file: CascadeFile, schemaProblems: FieldProblem[] = []) {
      const problems = [...schemaProblems, ...fileProblems(file)].filter((p, i, all) => all.findIndex((q) => q.path === p.path) === i);
      if (problems.length) throw CatalogErrors.cascadeInvalid(problems);
      // Two imports racing for the same new code: the loser gets 409, not a 500.
      const raced = (err: unknown): never => {
        if (isUniqueViolation(err)) throw CatalogErrors.codeConflict(String((err as { detail?: string }).detail ?? '').match(/\d{12}/)?.[0] ?? '（并发导入）');
        throw err;
      };
      return inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const search = createSearchRepository(trx);
        const codes = file.entries.map((e) => e.code);
        const existing = new Map((await r.entriesByCodes(codes)).map((x) => [x.code, x]));
        // A code the platform ever handed out locally (catalog_codes) is not the province's to take.
        const local = new Set(await r.localCodesAmong(codes));
        const taken = codes.find((c) => local.has(c) || existing.get(c)?.origin === 'local');
        if (taken) throw CatalogErrors.codeConflict(taken);

        const now = new Date();
        const counts = { created: 0, updated: 0, withdrawn: 0 };
        const audit = (id: string, change: keyof typeof counts, details: Record<string, unknown>) =>
          deps.audit.record(trx, ctx, { action: 'catalog.cascade.import', targetType: 'catalog-entry', targetId: id, details: { change, source: file.source.name, ...details } });

        for (const e of file.entries) {
          const row = existing.get(e.code);
          if (e.withdrawn) {
            if (!row || row.status === 'withdrawn') continue;
            await r.updateEntry(row.id, { status: 'withdrawn' });
            await search.remove(row.id);
            await audit(row.id, 'withdrawn', { code: e.code });
            counts.withdrawn++;
            continue;
          }
          const content = applyInput(null, { ...e, systemId: null } as EntryInput);
          const unchanged = row?.status === 'published' && row.provider_name === e.providerName && row.provider_code === e.providerCode
            && sameContent(content, contentFromRow(row, await r.items(row.id)));
          if (unchanged) continue;
          const id = row?.id ?? randomUUID();
          const version = (row?.current_version ?? 0) + 1;
          const publishedOn = e.publishedOn ?? row?.published_on ?? todayInChina(now);
          const columns = {
            ...contentColumns(content), provider_name: e.providerName, provider_code: e.providerCode, status: 'published' as const,
            current_version: version, published_on: publishedOn, last_published_at: now,
          };
          if (row) await r.updateEntry(id, columns);
          else await r.insertEntry({ id, code: e.code, origin: 'provincial', department_id: null, ...columns, created_by: ctx.actor?.userId ?? null });
          await r.replaceItems(id, itemRows(content.items));
          const saved = (await r.entryById(id))!;
          const snapshot = snapshotOf(saved, content, publishedOn);
          await r.insertVersion({
            entry_id: id, version, snapshot: JSON.stringify(snapshot), published_at: now, published_by: ctx.actor?.userId ?? null,
            published_by_name: `${actorName(ctx)}（省级导入：${file.source.name}）`, review_id: null,
          });
          await project(trx, saved, snapshot, version, now);
          await audit(id, row ? 'updated' : 'created', { code: e.code, name: content.name, version });
          counts[row ? 'updated' : 'created']++;
        }
        return counts;
      }).catch(raced);
    },
  };
}
