import { addCalendarDays, parseIsoDate } from '@shuzheng/standards';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { offsetOf, type Page } from '../../kernel/schemas.ts';
import { PURPOSE_TYPE, REFUSAL_REASON, REQUEST_STATUS, type Operation } from './sharing.enums.ts';
import { SharingErrors } from './sharing.errors.ts';
import { createSharingRepository, type RequestRow, type SharingRepository } from './sharing.repository.ts';
import { actorName, departmentName, isBureau, recordStep, requestView, requireDepartment, sees, today, visibility, type SharingDeps } from './sharing-core.ts';

// 共享申请: a department asks for items of another department's published entry; the bureau checks compliance, the
// provider reviews (conditional entries), the bureau arbitrates refusals. Every step is audited with its history.

export interface CreateRequestInput {
  entryId: string;
  items: string[];
  purposeType: string;
  purposeText: string;
  legalBasis: string;
  scenario: string;
  consumerSystemId: string;
  allowedIps: string[];
  validUntil: string;
  expectedDailyVolume: number;
  operations: Operation[];
}

export interface GrantTerms {
  items?: string[] | undefined;
  operations?: Operation[] | undefined;
  allowedIps?: string[] | undefined;
  validUntil?: string | undefined;
  rateLimitPerMinute?: number | undefined;
  dailyQuota?: number | undefined;
  requireCaseNumber?: boolean | undefined;
  requireOperatorId?: boolean | undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export function ipProblem(ip: string): string | null {
  const [addr, bits, extra] = ip.split('/');
  if (extra !== undefined || !addr || !IPV4.test(addr)) return `${ip} 不是 IPv4 地址或 CIDR 网段`;
  if (bits !== undefined && !(/^\d{1,2}$/.test(bits) && Number(bits) <= 32)) return `${ip} 的网段前缀应为 0–32`;
  return null;
}
const addDays = addCalendarDays;
const validDate = (d: string) => parseIsoDate(d) !== undefined;

export function createShareRequests(deps: SharingDeps) {
  const repo = () => createSharingRepository(deps.db);

  async function visible(ctx: RequestContext, id: string): Promise<RequestRow> {
    const row = await repo().request(id);
    if (!row || !sees(visibility(ctx), row.requester_department_id, row.provider_department_id)) throw SharingErrors.requestNotFound(id);
    return row;
  }

  /** The request under lock, visible to the caller, in one of the given states. */
  async function locked(ctx: RequestContext, r: SharingRepository, id: string, from: string[], action: string) {
    const row = await r.requestForUpdate(id);
    if (!row || !sees(visibility(ctx), row.requester_department_id, row.provider_department_id)) throw SharingErrors.requestNotFound(id);
    if (!from.includes(row.status)) throw SharingErrors.invalidTransition(REQUEST_STATUS.label(row.status), action);
    return row;
  }

  const isProvider = (ctx: RequestContext, row: RequestRow) => scopeOf(ctx, 'sharing.request.review') != null && ctx.actor?.departmentId === row.provider_department_id;
  const isRequester = (ctx: RequestContext, row: RequestRow) => scopeOf(ctx, 'sharing.request.create') != null && ctx.actor?.departmentId === row.requester_department_id;
  const reviewRule = (row: Pick<RequestRow, 'kind' | 'mounted'>) => (row.kind === 'renewal' ? 'renewal_review' : row.mounted ? 'provider_review_mounted' : 'provider_review_unmounted');

  function termsOf(row: RequestRow, terms: GrantTerms | undefined, defaultRate: number) {
    const t = terms ?? {};
    const fields: FieldProblem[] = [];
    const subset = (list: string[] | undefined, of: string[], path: string, what: string) => {
      if (!list) return of;
      if (!list.length) fields.push({ path, message: `${what}不能为空` });
      list.forEach((v, i) => { if (!of.includes(v)) fields.push({ path: `${path}.${i}`, message: `${v} 不在申请的${what}内` }); });
      return [...new Set(list)];
    };
    const items = subset(t.items, row.items, 'body.grant.items', '信息项');
    const operations = subset(t.operations, row.operations, 'body.grant.operations', '操作');
    const allowedIps = subset(t.allowedIps, row.allowed_ips, 'body.grant.allowedIps', 'IP');
    const validUntil = t.validUntil ?? row.valid_until;
    if (t.validUntil && (!validDate(t.validUntil) || t.validUntil > row.valid_until)) fields.push({ path: 'body.grant.validUntil', message: `有效期不能晚于申请的 ${row.valid_until}` });
    if (t.validUntil && t.validUntil < today(deps)) fields.push({ path: 'body.grant.validUntil', message: '有效期不能早于今天' });
    const rate = t.rateLimitPerMinute ?? defaultRate;
    if (rate > defaultRate) fields.push({ path: 'body.grant.rateLimitPerMinute', message: `每分钟限流不能超过 ${defaultRate}` });
    const quota = t.dailyQuota ?? row.expected_daily_volume;
    if (quota > row.expected_daily_volume) fields.push({ path: 'body.grant.dailyQuota', message: `每日限额不能超过申请的 ${row.expected_daily_volume}` });
    if (fields.length) throw SharingErrors.grantTermsInvalid(fields);
    return { items, operations, allowedIps, validUntil, rate, quota, requireCaseNumber: t.requireCaseNumber ?? false, requireOperatorId: t.requireOperatorId ?? false };
  }

  /** Grants the request (new grant, or a renewal extending its grant), in the transaction. */
  async function grant(ctx: RequestContext, r: SharingRepository, trx: Kysely<unknown>, row: RequestRow, terms: GrantTerms | undefined) {
    const settings = await r.settings();
    const t = termsOf(row, terms, settings.default_rate_limit_per_minute);
    if (row.kind === 'renewal' && row.grant_id) {
      const g = await r.grantForUpdate(row.grant_id);
      if (!g || g.status === 'revoked') throw SharingErrors.invalidTransition('已撤销', '续期');
      await r.updateGrant(g.id, { valid_until: t.validUntil });
      await recordStep(deps, r, trx, ctx, { subject: 'grant', id: g.id, action: 'grant.renew', from: g.valid_until, to: t.validUntil, details: { requestId: row.id } });
      return g.id;
    }
    const id = randomUUID();
    await r.insertGrant({
      id, request_id: row.id, entry_id: row.entry_id, entry_code: row.entry_code, entry_name: row.entry_name, provider_department_id: row.provider_department_id,
      consumer_department_id: row.requester_department_id, consumer_system_id: row.consumer_system_id, items: t.items, operations: t.operations, allowed_ips: t.allowedIps,
      purpose: `${PURPOSE_TYPE.label(row.purpose_type)}：${row.purpose_text}`, valid_from: today(deps), valid_until: t.validUntil, rate_limit_per_minute: t.rate,
      daily_quota: t.quota, require_case_number: t.requireCaseNumber, require_operator_id: t.requireOperatorId, status: 'active', revoked_at: null, revoked_by: null, revoke_reason: null,
    });
    await r.updateRequest(row.id, { grant_id: id });
    await recordStep(deps, r, trx, ctx, { subject: 'grant', id, action: 'grant.create', from: null, to: 'active', details: { requestId: row.id, items: t.items, operations: t.operations, validUntil: t.validUntil } });
    return id;
  }

  async function transition(ctx: RequestContext, id: string, from: string[], action: string, label: string, fn: (r: SharingRepository, trx: Kysely<unknown>, row: RequestRow) => Promise<{ to: string; note?: string | null; details?: Record<string, unknown> }>) {
    await inTransaction(deps.db, async (trx) => {
      const r = createSharingRepository(trx);
      const row = await locked(ctx, r, id, from, label);
      const out = await fn(r, trx, row);
      await recordStep(deps, r, trx, ctx, { subject: 'request', id, action: `request.${action}`, from: row.status, to: out.to, note: out.note ?? null, details: out.details ?? {} });
    });
    return requestView(deps, (await repo().request(id))!);
  }

  return {
    async list(ctx: RequestContext, f: { box?: 'outgoing' | 'incoming' | 'all' | undefined; status?: string | undefined; q?: string | undefined }, page: Page) {
      const r = repo();
      const [{ rows, total }, rules] = await Promise.all([r.listRequests({ box: f.box ?? 'all', vis: visibility(ctx), status: f.status, q: f.q }, page.pageSize, offsetOf(page)), r.rules()]);
      return { items: await Promise.all(rows.map((row) => requestView(deps, row, rules))), total, ...page };
    },

    async get(ctx: RequestContext, id: string) {
      return requestView(deps, await visible(ctx, id));
    },

    async create(ctx: RequestContext, input: CreateRequestInput) {
      const departmentId = requireDepartment(ctx);
      const entry = await deps.catalog.forSharing.publishedEntry(input.entryId);
      if (!entry) throw SharingErrors.entryNotFound(input.entryId);
      if (entry.departmentId === departmentId) throw SharingErrors.ownEntry();
      const settings = await repo().settings();
      const fields: FieldProblem[] = [];
      const byCode = new Map(entry.items.map((i) => [i.codeName, i]));
      const items = [...new Set(input.items)];
      items.forEach((code, i) => { if (!byCode.has(code)) fields.push({ path: `body.items.${i}`, message: `信息项 ${code} 不在该目录中` }); });
      const notShareable = items.flatMap((c) => { const it = byCode.get(c); return it && (it.shareType === 'none' || !it.shareType) ? [{ codeName: c, name: it.name }] : []; });
      if (notShareable.length) throw SharingErrors.itemsNotShareable(notShareable);
      if (!PURPOSE_TYPE.values.includes(input.purposeType as never)) fields.push({ path: 'body.purposeType', message: '用途不在可选范围内' });
      const system = await deps.catalog.forSharing.system(input.consumerSystemId);
      if (!system || system.departmentId !== departmentId) fields.push({ path: 'body.consumerSystemId', message: '调用系统不存在或不是本部门登记的政务信息系统' });
      else if (system.status === 'retired') fields.push({ path: 'body.consumerSystemId', message: '调用系统已停用' });
      input.allowedIps.forEach((ip, i) => { const p = ipProblem(ip.trim()); if (p) fields.push({ path: `body.allowedIps.${i}`, message: p }); });
      const now = today(deps);
      const max = addDays(now, settings.max_validity_days);
      if (!validDate(input.validUntil) || input.validUntil <= now) fields.push({ path: 'body.validUntil', message: '有效期须晚于今天' });
      else if (input.validUntil > max) fields.push({ path: 'body.validUntil', message: `有效期最长 ${settings.max_validity_days} 天（至 ${max}）` });
      if (fields.length) throw SharingErrors.requestInvalid(fields);

      const unconditional = items.every((c) => byCode.get(c)!.shareType === 'unconditional');
      const auto = unconditional && settings.unconditional_mode === 'auto';
      const id = randomUUID();
      const [requesterName, providerName] = await Promise.all([departmentName(deps, departmentId), departmentName(deps, entry.departmentId)]);
      await inTransaction(deps.db, async (trx) => {
        const r = createSharingRepository(trx);
        await r.insertRequest({
          id, kind: 'new', grant_id: null, entry_id: entry.id, entry_code: entry.code, entry_name: entry.name, share_type: unconditional ? 'unconditional' : 'conditional',
          mounted: entry.mounted, provider_department_id: entry.departmentId, provider_department_name: providerName ?? entry.providerName,
          requester_department_id: departmentId, requester_department_name: requesterName ?? ctx.actor?.departmentName ?? '', requester_user_id: ctx.actor?.userId ?? null,
          requester_name: actorName(ctx), items, item_names: items.map((c) => byCode.get(c)!.name), purpose_type: input.purposeType, purpose_text: input.purposeText.trim(),
          legal_basis: input.legalBasis.trim(), scenario: input.scenario.trim(), consumer_system_id: system!.id, consumer_system_name: system!.name,
          allowed_ips: [...new Set(input.allowedIps.map((ip) => ip.trim()))], valid_until: input.validUntil, expected_daily_volume: input.expectedDailyVolume,
          operations: [...new Set(input.operations)], status: auto ? 'granted' : 'checking', step_rule: auto ? null : 'compliance_check', step_started_on: auto ? null : now,
          refusal_code: null, refusal_text: null, arbitration_reason: null, decision_note: auto ? '无条件共享，机器校验通过后自动授权' : null, decided_at: auto ? new Date() : null,
        });
        await recordStep(deps, r, trx, ctx, { subject: 'request', id, action: 'request.create', from: null, to: 'checking', details: { entryId: entry.id, items, shareType: unconditional ? 'unconditional' : 'conditional' } });
        if (auto) {
          const row = (await r.request(id))!;
          await grant(ctx, r, trx, row, undefined);
          await recordStep(deps, r, trx, ctx, { subject: 'request', id, action: 'request.auto_grant', from: 'checking', to: 'granted', note: '无条件共享，机器校验通过后自动授权' });
        }
      });
      return requestView(deps, (await repo().request(id))!);
    },

    check(ctx: RequestContext, id: string, input: { decision: 'pass' | 'reject'; note?: string | undefined }) {
      if (input.decision === 'reject' && !input.note?.trim()) throw SharingErrors.requestInvalid([{ path: 'body.note', message: '审查不通过须说明理由' }]);
      return transition(ctx, id, ['checking'], 'check', '审查', async (r, trx, row) => {
        const note = input.note?.trim() || null;
        if (input.decision === 'reject') {
          await r.updateRequest(id, { status: 'rejected', step_rule: null, step_started_on: null, decision_note: note, decided_at: new Date() });
          return { to: 'rejected', note };
        }
        if (row.share_type === 'unconditional') {
          await r.updateRequest(id, { status: 'granted', step_rule: null, step_started_on: null, decision_note: note, decided_at: new Date() });
          await grant(ctx, r, trx, { ...row, status: 'granted' }, undefined);
          return { to: 'granted', note };
        }
        await r.updateRequest(id, { status: 'reviewing', step_rule: reviewRule(row), step_started_on: today(deps), decision_note: note });
        return { to: 'reviewing', note };
      });
    },

    review(ctx: RequestContext, id: string, input: { decision: 'approve' | 'refuse'; reasonCode?: string | undefined; reasonText?: string | undefined; grant?: GrantTerms | undefined }) {
      if (input.decision === 'refuse' && (!input.reasonCode || !REFUSAL_REASON.values.includes(input.reasonCode as never) || (input.reasonText?.trim().length ?? 0) < 4)) {
        throw SharingErrors.refusalReasonRequired();
      }
      return transition(ctx, id, ['reviewing'], 'review', '审核', async (r, trx, row) => {
        if (!isProvider(ctx, row)) throw SharingErrors.notProvider();
        if (input.decision === 'refuse') {
          await r.updateRequest(id, { status: 'refused', step_rule: null, step_started_on: null, refusal_code: input.reasonCode!, refusal_text: input.reasonText!.trim(), decided_at: new Date() });
          return { to: 'refused', note: `${REFUSAL_REASON.label(input.reasonCode)}：${input.reasonText!.trim()}`, details: { reasonCode: input.reasonCode } };
        }
        await r.updateRequest(id, { status: 'granted', step_rule: null, step_started_on: null, decided_at: new Date() });
        const grantId = await grant(ctx, r, trx, row, input.grant);
        return { to: 'granted', details: { grantId } };
      });
    },

    async transfer(ctx: RequestContext, id: string, input: { departmentId: string; note: string }) {
      const name = await departmentName(deps, input.departmentId);
      if (!name) throw SharingErrors.requestInvalid([{ path: 'body.departmentId', message: '部门不存在' }]);
      return transition(ctx, id, ['checking', 'reviewing'], 'transfer', '转交', async (r, _trx, row) => {
        const bureau = isBureau(ctx);
        if (!bureau && !(row.status === 'reviewing' && isProvider(ctx, row))) throw SharingErrors.notProvider();
        if (input.departmentId === row.provider_department_id || input.departmentId === row.requester_department_id) {
          throw SharingErrors.requestInvalid([{ path: 'body.departmentId', message: '请选择申请部门和当前提供部门以外的部门' }]);
        }
        await r.updateRequest(id, { provider_department_id: input.departmentId, provider_department_name: name, status: 'reviewing', step_rule: reviewRule(row), step_started_on: today(deps) });
        return { to: 'reviewing', note: `转交${name}：${input.note.trim()}`, details: { fromDepartmentId: row.provider_department_id, toDepartmentId: input.departmentId } };
      });
    },

    withdraw(ctx: RequestContext, id: string, input: { note?: string | undefined }) {
      return transition(ctx, id, ['checking', 'reviewing'], 'withdraw', '撤回', async (r, _trx, row) => {
        if (!isRequester(ctx, row)) throw SharingErrors.notRequester();
        await r.updateRequest(id, { status: 'withdrawn', step_rule: null, step_started_on: null, decided_at: new Date() });
        return { to: 'withdrawn', note: input.note?.trim() || null };
      });
    },

    askArbitration(ctx: RequestContext, id: string, input: { reason: string }) {
      return transition(ctx, id, ['refused'], 'arbitration.request', '申请协调', async (r, _trx, row) => {
        if (!isRequester(ctx, row)) throw SharingErrors.notRequester();
        await r.updateRequest(id, { status: 'arbitrating', arbitration_reason: input.reason.trim(), step_rule: 'arbitration', step_started_on: today(deps) });
        return { to: 'arbitrating', note: input.reason.trim() };
      });
    },

    arbitrate(ctx: RequestContext, id: string, input: { decision: 'grant' | 'uphold'; note: string; grant?: GrantTerms | undefined }) {
      return transition(ctx, id, ['arbitrating'], 'arbitration.decide', '协调', async (r, trx, row) => {
        const note = input.note.trim();
        if (input.decision === 'uphold') {
          await r.updateRequest(id, { status: 'upheld', step_rule: null, step_started_on: null, decision_note: note, decided_at: new Date() });
          return { to: 'upheld', note };
        }
        await r.updateRequest(id, { status: 'granted', step_rule: null, step_started_on: null, decision_note: note, decided_at: new Date() });
        const grantId = await grant(ctx, r, trx, row, input.grant);
        return { to: 'granted', note, details: { grantId } };
      });
    },

    /** A renewal request of a grant (used by the grants part). */
    async createRenewal(ctx: RequestContext, r: SharingRepository, trx: Kysely<unknown>, source: RequestRow, grantId: string, validUntil: string, note: string | null) {
      const id = randomUUID();
      await r.insertRequest({
        ...source, id, kind: 'renewal', grant_id: grantId, valid_until: validUntil, status: 'reviewing', step_rule: 'renewal_review', step_started_on: today(deps),
        refusal_code: null, refusal_text: null, arbitration_reason: null, decision_note: note, decided_at: null, requester_user_id: ctx.actor?.userId ?? null,
        requester_name: actorName(ctx), created_at: new Date(), updated_at: new Date(),
      });
      await recordStep(deps, r, trx, ctx, { subject: 'request', id, action: 'request.create', from: null, to: 'reviewing', note, details: { renewalOf: grantId, validUntil } });
      return id;
    },
    validDate,
    addDays,
  };
}
export type ShareRequests = ReturnType<typeof createShareRequests>;
