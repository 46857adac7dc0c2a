import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { EntryStatus } from './catalog.enums.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { createCatalogRepository, type EntryRow } from './catalog.repository.ts';
import { actorName, canSeeWorking, entryView, isPublic, project, requireOwned, requireWorking, type CatalogDeps } from './catalog-core.ts';
import { checkEntry } from './check-entry.ts';
import { CONTENT_FIELDS, ITEM_LABELS, contentFromRow, contentOfSnapshot, diffContents, sameContent, snapshotOf, todayInChina, type Snapshot } from './entry-model.ts';
import { createSearchRepository } from './search.repository.ts';

// The lifecycle: submission (with machine checks), withdrawal requests, the bureau's review (approve → a new published
// version with its snapshot and search projection; return → reasons per field), and the published versions with diffs.

type ReviewKind = 'publish' | 'change' | 'withdrawal';
const KIND_OF: Record<string, ReviewKind> = { submitted: 'publish', change_submitted: 'change', withdrawal_submitted: 'withdrawal' };
const RETURNED_TO: Record<ReviewKind, EntryStatus> = { publish: 'returned', change: 'change_returned', withdrawal: 'published' };

const ITEM_FIELD_NAMES = new Set(Object.keys(ITEM_LABELS));
/** A reason's path names the whole entry, a metadata field, the item list, an item or an item's field. */
function validReasonPath(path: string): boolean {
  if (path === 'entry' || path === 'items' || (CONTENT_FIELDS as string[]).includes(path)) return true;
  const m = /^items\.(\d+)(?:\.(\w+))?$/.exec(path);
  return !!m && (!m[2] || ITEM_FIELD_NAMES.has(m[2]));
}

export interface ReviewInput {
  decision: 'approve' | 'return';
  comment?: string | undefined;
  reasons?: { path: string; message: string }[] | undefined;
}

export function createEntryReview(deps: CatalogDeps) {
  const repo = () => createCatalogRepository(deps.db);

  /** The entry for reading its published history: working-copy readers, or anyone once it is published. */
  async function readable(ctx: RequestContext, id: string): Promise<EntryRow> {
    const row = await repo().entryById(id);
    if (!row || !(canSeeWorking(ctx, row) || isPublic(row))) throw CatalogErrors.entryNotFound(id);
    return row;
  }

  async function snapshotAt(entryId: string, version: number): Promise<Snapshot> {
    const v = await repo().version(entryId, version);
    if (!v) throw CatalogErrors.versionNotFound(version);
    return v.snapshot as Snapshot;
  }

  return {
    async submit(ctx: RequestContext, id: string) {
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = requireOwned(ctx, await r.entryForUpdate(id), id);
        const content = contentFromRow(row, await r.items(id));
        let next: EntryStatus;
        if (row.status === 'draft' || row.status === 'returned') next = 'submitted';
        else if (row.status === 'published' || row.status === 'change_returned') {
          const latest = await r.version(id, row.current_version!);
          if (latest && sameContent(content, contentOfSnapshot(latest.snapshot as Snapshot))) throw CatalogErrors.noChanges();
          next = 'change_submitted';
        } else throw CatalogErrors.invalidTransition(row.status, 'submit');
        const result = await checkEntry(r, createSearchRepository(trx), row, content);
        if (!result.passed) throw CatalogErrors.checksFailed(result.problems, 400);
        await r.updateEntry(id, { status: next, submitted_at: new Date(), last_check: JSON.stringify(result) });
        await deps.audit.record(trx, ctx, {
          action: 'catalog.entry.submit', targetType: 'catalog-entry', targetId: id,
          details: { code: row.code, from: row.status, to: next, warnings: result.problems.map((p) => p.code) },
        });
      });
      return entryView(deps, (await repo().entryById(id))!);
    },

    async requestWithdrawal(ctx: RequestContext, id: string, reason: string) {
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = requireOwned(ctx, await r.entryForUpdate(id), id);
        if (row.status !== 'published') throw CatalogErrors.invalidTransition(row.status, 'withdraw');
        await r.updateEntry(id, { status: 'withdrawal_submitted', submitted_at: new Date(), withdrawal_reason: reason.trim() });
        await deps.audit.record(trx, ctx, { action: 'catalog.entry.withdraw', targetType: 'catalog-entry', targetId: id, details: { code: row.code, reason } });
      });
      return entryView(deps, (await repo().entryById(id))!);
    },

    async review(ctx: RequestContext, id: string, input: ReviewInput) {
      await inTransaction(deps.db, async (trx) => {
        const r = createCatalogRepository(trx);
        const row = requireWorking(ctx, await r.entryForUpdate(id), id);
        if (row.origin !== 'local') throw CatalogErrors.readOnly();
        const kind = KIND_OF[row.status];
        if (!kind) throw CatalogErrors.invalidTransition(row.status, 'review');
        const reviewId = randomUUID();
        const now = new Date();
        const comment = input.comment?.trim() || null;

        if (input.decision === 'return') {
          const reasons = (input.reasons ?? []).map((x) => ({ path: x.path.trim(), message: x.message.trim() })).filter((x) => x.path && x.message);
          if (!reasons.length) throw CatalogErrors.reasonsRequired();
          const bad = reasons.map((x, i) => ({ x, i })).filter(({ x }) => !validReasonPath(x.path));
          if (bad.length) throw CatalogErrors.invalidField(bad.map(({ x, i }) => ({ path: `body.reasons.${i}.path`, message: `“${x.path}”不是目录的字段` })));
          const to = RETURNED_TO[kind];
          await r.insertReview({ id: reviewId, entry_id: id, kind, decision: 'returned', comment, reasons: JSON.stringify(reasons), reviewer_id: ctx.actor?.userId ?? null, reviewer_name: actorName(ctx), decided_at: now, version: null });
          await r.updateEntry(id, { status: to, submitted_at: null, ...(kind === 'withdrawal' && { withdrawal_reason: null }) });
          await deps.audit.record(trx, ctx, { action: 'catalog.entry.return', targetType: 'catalog-entry', targetId: id, details: { code: row.code, kind, to, reasons } });
          return;
        }

        if (kind === 'withdrawal') {
          await r.insertReview({ id: reviewId, entry_id: id, kind, decision: 'approved', comment, reasons: '[]', reviewer_id: ctx.actor?.userId ?? null, reviewer_name: actorName(ctx), decided_at: now, version: null });
          await r.updateEntry(id, { status: 'withdrawn', submitted_at: null, cascade_seq: await r.nextCascadeSeq() });
          await r.retireCode(row.code, '目录撤销');
          await createSearchRepository(trx).remove(id);
          await deps.audit.record(trx, ctx, { action: 'catalog.entry.approve', targetType: 'catalog-entry', targetId: id, details: { code: row.code, kind, to: 'withdrawn', reason: row.withdrawal_reason } });
          return;
        }

        const content = contentFromRow(row, await r.items(id));
        const checks = await checkEntry(r, createSearchRepository(trx), row, content);
        if (!checks.passed) throw CatalogErrors.checksFailed(checks.problems, 409);
        const version = (row.current_version ?? 0) + 1;
        const publishedOn = row.published_on ?? todayInChina(now);
        const snapshot = snapshotOf(row, content, publishedOn);
        await r.insertReview({ id: reviewId, entry_id: id, kind, decision: 'approved', comment, reasons: '[]', reviewer_id: ctx.actor?.userId ?? null, reviewer_name: actorName(ctx), decided_at: now, version });
        await r.insertVersion({ entry_id: id, version, snapshot: JSON.stringify(snapshot), published_at: now, published_by: ctx.actor?.userId ?? null, published_by_name: actorName(ctx), review_id: reviewId });
        await r.updateEntry(id, {
          status: 'published', current_version: version, published_on: publishedOn, last_published_at: now, submitted_at: null,
          report_status: 'not_reported', report_note: null, reported_at: null, cascade_seq: await r.nextCascadeSeq(), last_check: JSON.stringify(checks),
        });
        await project(trx, (await r.entryById(id))!, snapshot, version, now);
        await deps.audit.record(trx, ctx, { action: 'catalog.entry.approve', targetType: 'catalog-entry', targetId: id, details: { code: row.code, kind, version } });
      });
      return entryView(deps, (await repo().entryById(id))!);
    },

    async reviews(ctx: RequestContext, id: string) {
      requireWorking(ctx, await repo().entryById(id), id);
      return (await repo().reviews(id)).map((x) => ({
        id: x.id, kind: x.kind as ReviewKind, decision: x.decision as 'approved' | 'returned', comment: x.comment, reasons: x.reasons,
        reviewerId: x.reviewer_id, reviewerName: x.reviewer_name, decidedAt: x.decided_at.toISOString(), version: x.version,
      }));
    },

    async versions(ctx: RequestContext, id: string) {
      await readable(ctx, id);
      return (await repo().versions(id)).map((v) => ({
        version: v.version, publishedAt: v.published_at.toISOString(), publishedBy: v.published_by_name, reviewId: v.review_id, itemCount: (v.snapshot as Snapshot).items.length,
      }));
    },

    async version(ctx: RequestContext, id: string, version: number) {
      await readable(ctx, id);
      const v = await repo().version(id, version);
      if (!v) throw CatalogErrors.versionNotFound(version);
      return { version: v.version, publishedAt: v.published_at.toISOString(), publishedBy: v.published_by_name, snapshot: v.snapshot as Snapshot };
    },

    async diff(ctx: RequestContext, id: string, from: number, to: number | 'working') {
      const row = await readable(ctx, id);
      const before = contentOfSnapshot(await snapshotAt(id, from));
      let after;
      if (to === 'working') {
        if (!canSeeWorking(ctx, row)) throw CatalogErrors.entryNotFound(id);
        after = contentFromRow(row, await repo().items(id));
      } else after = contentOfSnapshot(await snapshotAt(id, to));
      return { from, to, ...diffContents(before, after) };
    },
  };
}
