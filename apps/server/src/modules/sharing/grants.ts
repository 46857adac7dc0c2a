import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { offsetOf, type Page } from '../../kernel/schemas.ts';
import type { Operation } from './sharing.enums.ts';
import { SharingErrors } from './sharing.errors.ts';
import { createSharingRepository, type GrantRow } from './sharing.repository.ts';
import { grantStatus, grantView, holds, isBureau, recordStep, requestView, sees, today, visibility, type SharingDeps } from './sharing-core.ts';
import type { ShareRequests } from './share-requests.ts';

/** What the gateway needs of a grant (docs/sharing-api.md §5). */
export interface ActiveGrant {
  id: string;
  entryId: string;
  providerDepartmentId: string;
  consumerDepartmentId: string;
  consumerSystemId: string;
  /** data item code names */
  items: string[];
  operations: ('query' | 'batch' | 'verify' | 'read' | 'subscribe')[];
  allowedIps: string[];
  validFrom: string;
  validUntil: string;
  rateLimitPerMinute: number;
  dailyQuota: number;
  requireCaseNumber: boolean;
  requireOperatorId: boolean;
  purpose: string;
}

const active = (g: GrantRow): ActiveGrant => ({
  id: g.id, entryId: g.entry_id, providerDepartmentId: g.provider_department_id, consumerDepartmentId: g.consumer_department_id, consumerSystemId: g.consumer_system_id,
  items: [...g.items], operations: g.operations as Operation[], allowedIps: [...g.allowed_ips], validFrom: g.valid_from, validUntil: g.valid_until,
  rateLimitPerMinute: g.rate_limit_per_minute, dailyQuota: g.daily_quota, requireCaseNumber: g.require_case_number, requireOperatorId: g.require_operator_id, purpose: g.purpose,
});

// 授权: the approved right; expiry is computed at read time; revocation by the provider or the bureau; renewal by the consumer.
export function createGrants(deps: SharingDeps, requests: ShareRequests) {
  const repo = () => createSharingRepository(deps.db);
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  async function visible(ctx: RequestContext, id: string) {
    const row = await repo().grant(id);
    if (!row || !sees(visibility(ctx), row.consumer_department_id, row.provider_department_id)) throw SharingErrors.grantNotFound(id);
    return row;
  }

  return {
    /** The active grant of a consumer system on an entry, or null (gateway). */
    async activeFor(consumerSystemId: string, entryId: string): Promise<ActiveGrant | null> {
      if (!UUID.test(consumerSystemId) || !UUID.test(entryId)) return null;
      const rows = await repo().activeGrants(consumerSystemId, today(deps), entryId);
      return rows[0] ? active(rows[0]) : null;
    },
    /** Every active grant of a consumer system (gateway). */
    async activeForSystem(consumerSystemId: string): Promise<ActiveGrant[]> {
      if (!UUID.test(consumerSystemId)) return [];
      return (await repo().activeGrants(consumerSystemId, today(deps))).map(active);
    },

    async list(ctx: RequestContext, f: { role?: 'consumer' | 'provider' | 'all' | undefined; status?: string | undefined; entryId?: string | undefined }, page: Page) {
      const { rows, total } = await repo().listGrants({ role: f.role ?? 'all', vis: visibility(ctx), status: f.status, entryId: f.entryId, today: today(deps) }, page.pageSize, offsetOf(page));
      return { items: await Promise.all(rows.map((r) => grantView(deps, r))), total, ...page };
    },

    async get(ctx: RequestContext, id: string) {
      return grantView(deps, await visible(ctx, id));
    },

    async revoke(ctx: RequestContext, id: string, input: { reason: string }) {
      await inTransaction(deps.db, async (trx) => {
        const r = createSharingRepository(trx);
        const row = await r.grantForUpdate(id);
        if (!row || !sees(visibility(ctx), row.consumer_department_id, row.provider_department_id)) throw SharingErrors.grantNotFound(id);
        const provider = holds(ctx, 'sharing.request.review') && ctx.actor?.departmentId === row.provider_department_id;
        if (!provider && !isBureau(ctx)) throw SharingErrors.notProvider();
        const status = grantStatus(row, today(deps));
        if (status !== 'active') throw SharingErrors.invalidTransition(status === 'revoked' ? '已撤销' : '已过期', '撤销');
        await r.updateGrant(id, { status: 'revoked', revoked_at: new Date(), revoked_by: ctx.actor?.userId ?? null, revoke_reason: input.reason.trim() });
        await recordStep(deps, r, trx, ctx, { subject: 'grant', id, action: 'grant.revoke', from: 'active', to: 'revoked', note: input.reason.trim(), historyOf: row.request_id });
      });
      return grantView(deps, (await repo().grant(id))!);
    },

    async renew(ctx: RequestContext, id: string, input: { validUntil: string; note?: string | undefined }) {
      let requestId = '';
      await inTransaction(deps.db, async (trx) => {
        const r = createSharingRepository(trx);
        const row = await r.grantForUpdate(id);
        if (!row || !sees(visibility(ctx), row.consumer_department_id, row.provider_department_id)) throw SharingErrors.grantNotFound(id);
        if (!(holds(ctx, 'sharing.request.create') && ctx.actor?.departmentId === row.consumer_department_id)) throw SharingErrors.notRequester();
        if (row.status === 'revoked') throw SharingErrors.invalidTransition('已撤销', '续期');
        if (await r.openRenewal(id)) throw SharingErrors.renewalOpen();
        const settings = await r.settings();
        const now = today(deps);
        const max = requests.addDays(now, settings.max_validity_days);
        if (!requests.validDate(input.validUntil) || input.validUntil <= row.valid_until || input.validUntil > max) {
          throw SharingErrors.requestInvalid([{ path: 'body.validUntil', message: `续期后的有效期须晚于 ${row.valid_until}，且不晚于 ${max}` }]);
        }
        const source = (await r.request(row.request_id))!;
        requestId = await requests.createRenewal(ctx, r, trx, source, id, input.validUntil, input.note?.trim() || null);
      });
      return requestView(deps, (await repo().request(requestId))!);
    },
  };
}
