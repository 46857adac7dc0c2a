import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { offsetOf, type Page } from '../../kernel/schemas.ts';
import { DEMAND_STATUS, REFUSAL_REASON } from './sharing.enums.ts';
import { SharingErrors } from './sharing.errors.ts';
import { createSharingRepository, type DemandRow, type SharingRepository } from './sharing.repository.ts';
import { departmentName, demandView, holds, isBureau, recordStep, requireDepartment, sees, today, visibility, type SharingDeps } from './sharing-core.ts';

// 供需对接: a department posts a need the catalog does not meet; the bureau routes it; the provider catalogues the data or
// refuses with a legal reason; the requester confirms whether the need is met (共享需求满足率).

export interface DemandInput {
  title: string;
  description: string;
  items: string[];
  purpose: string;
  legalBasis: string;
  targetDepartmentId?: string | undefined;
}

export function createDemands(deps: SharingDeps) {
  const repo = () => createSharingRepository(deps.db);

  async function step(ctx: RequestContext, id: string, from: string[], action: string, label: string,
    fn: (r: SharingRepository, trx: Kysely<unknown>, row: DemandRow) => Promise<{ to: string; note?: string | null; details?: Record<string, unknown> }>) {
    await inTransaction(deps.db, async (trx) => {
      const r = createSharingRepository(trx);
      const row = await r.demandForUpdate(id);
      if (!row || !sees(visibility(ctx), row.requester_department_id, row.provider_department_id)) throw SharingErrors.demandNotFound(id);
      if (!from.includes(row.status)) throw SharingErrors.invalidTransition(DEMAND_STATUS.label(row.status), label);
      const out = await fn(r, trx, row);
      await recordStep(deps, r, trx, ctx, { subject: 'demand', id, action: `demand.${action}`, from: row.status, to: out.to, note: out.note ?? null, details: out.details ?? {} });
    });
    return demandView(deps, (await repo().demand(id))!);
  }

  const isRequester = (ctx: RequestContext, row: DemandRow) => holds(ctx, 'sharing.demand.create') && ctx.actor?.departmentId === row.requester_department_id;
  const isProvider = (ctx: RequestContext, row: DemandRow) => holds(ctx, 'sharing.demand.answer') && !!row.provider_department_id && ctx.actor?.departmentId === row.provider_department_id;
  async function department(id: string) {
    const name = await departmentName(deps, id);
    if (!name) throw SharingErrors.demandInvalid([{ path: 'body.departmentId', message: '部门不存在' }]);
    return name;
  }

  return {
    async list(ctx: RequestContext, f: { box?: 'outgoing' | 'incoming' | 'all' | undefined; status?: string | undefined }, page: Page) {
      const r = repo();
      const [{ rows, total }, rules] = await Promise.all([r.listDemands({ box: f.box ?? 'all', vis: visibility(ctx), status: f.status }, page.pageSize, offsetOf(page)), r.rules()]);
      return { items: await Promise.all(rows.map((row) => demandView(deps, row, rules))), total, ...page };
    },
    async get(ctx: RequestContext, id: string) {
      const row = await repo().demand(id);
      if (!row || !sees(visibility(ctx), row.requester_department_id, row.provider_department_id)) throw SharingErrors.demandNotFound(id);
      return demandView(deps, row);
    },

    async create(ctx: RequestContext, input: DemandInput) {
      const departmentId = requireDepartment(ctx);
      const items = [...new Set(input.items.map((i) => i.trim()).filter(Boolean))];
      if (!items.length) throw SharingErrors.demandInvalid([{ path: 'body.items', message: '至少填写一个所需信息项' }]);
      const target = input.targetDepartmentId ? await departmentName(deps, input.targetDepartmentId) : null;
      if (input.targetDepartmentId && !target) throw SharingErrors.demandInvalid([{ path: 'body.targetDepartmentId', message: '部门不存在' }]);
      const id = randomUUID();
      const requesterName = (await departmentName(deps, departmentId)) ?? '';
      await inTransaction(deps.db, async (trx) => {
        const r = createSharingRepository(trx);
        await r.insertDemand({
          id, title: input.title.trim(), description: input.description.trim(), items, purpose: input.purpose.trim(), legal_basis: input.legalBasis.trim(),
          requester_department_id: departmentId, requester_department_name: requesterName, requester_user_id: ctx.actor?.userId ?? null,
          target_department_id: input.targetDepartmentId ?? null, target_department_name: target, provider_department_id: null, provider_department_name: null,
          status: 'submitted', step_rule: 'demand_route', step_started_on: today(deps), answer_outcome: null, answer_entry_id: null, answer_entry_name: null,
          answer_reason_code: null, answer_text: null, satisfied: null,
        });
        await recordStep(deps, r, trx, ctx, { subject: 'demand', id, action: 'demand.create', from: null, to: 'submitted', details: { items } });
      });
      return demandView(deps, (await repo().demand(id))!);
    },

    async route(ctx: RequestContext, id: string, input: { departmentId: string; note?: string | undefined }) {
      const name = await department(input.departmentId);
      return step(ctx, id, ['submitted', 'assigned'], 'route', '分派', async (r, _trx, row) => {
        if (input.departmentId === row.requester_department_id) throw SharingErrors.demandInvalid([{ path: 'body.departmentId', message: '不能分派给需求部门本身' }]);
        await r.updateDemand(id, { provider_department_id: input.departmentId, provider_department_name: name, status: 'assigned', step_rule: 'demand_answer', step_started_on: today(deps) });
        return { to: 'assigned', note: `分派至${name}${input.note?.trim() ? `：${input.note.trim()}` : ''}`, details: { departmentId: input.departmentId } };
      });
    },

    async transfer(ctx: RequestContext, id: string, input: { departmentId: string; note: string }) {
      const name = await department(input.departmentId);
      return step(ctx, id, ['assigned'], 'transfer', '转交', async (r, _trx, row) => {
        if (!isProvider(ctx, row) && !isBureau(ctx)) throw SharingErrors.notProvider();
        if (input.departmentId === row.provider_department_id || input.departmentId === row.requester_department_id) {
          throw SharingErrors.demandInvalid([{ path: 'body.departmentId', message: '请选择需求部门和当前部门以外的部门' }]);
        }
        await r.updateDemand(id, { provider_department_id: input.departmentId, provider_department_name: name, step_rule: 'demand_answer', step_started_on: today(deps) });
        return { to: 'assigned', note: `转交${name}：${input.note.trim()}`, details: { fromDepartmentId: row.provider_department_id, toDepartmentId: input.departmentId } };
      });
    },

    async answer(ctx: RequestContext, id: string, input: { outcome: 'catalogued' | 'refused'; entryId?: string | undefined; reasonCode?: string | undefined; reasonText?: string | undefined; note?: string | undefined }) {
      if (input.outcome === 'refused' && (!input.reasonCode || !REFUSAL_REASON.values.includes(input.reasonCode as never) || (input.reasonText?.trim().length ?? 0) < 4)) {
        throw SharingErrors.refusalReasonRequired();
      }
      if (input.outcome === 'catalogued' && !input.entryId) throw SharingErrors.demandInvalid([{ path: 'body.entryId', message: '请关联已编目的目录' }]);
      const entry = input.entryId ? await deps.catalog.forSharing.entryOwner(input.entryId) : null;
      return step(ctx, id, ['assigned'], 'answer', '答复', async (r, _trx, row) => {
        if (!isProvider(ctx, row)) throw SharingErrors.notProvider();
        if (input.outcome === 'catalogued') {
          if (!entry || entry.departmentId !== row.provider_department_id || entry.status === 'withdrawn') {
            throw SharingErrors.demandInvalid([{ path: 'body.entryId', message: '目录不存在或不是本部门的目录' }]);
          }
          await r.updateDemand(id, { status: 'catalogued', step_rule: null, step_started_on: null, answer_outcome: 'catalogued', answer_entry_id: entry.id, answer_entry_name: entry.name, answer_text: input.note?.trim() || null });
          return { to: 'catalogued', note: `已编目：${entry.name}`, details: { entryId: entry.id } };
        }
        await r.updateDemand(id, { status: 'refused', step_rule: null, step_started_on: null, answer_outcome: 'refused', answer_reason_code: input.reasonCode!, answer_text: input.reasonText!.trim() });
        return { to: 'refused', note: `${REFUSAL_REASON.label(input.reasonCode)}：${input.reasonText!.trim()}`, details: { reasonCode: input.reasonCode } };
      });
    },

    confirm(ctx: RequestContext, id: string, input: { satisfied: boolean; note?: string | undefined }) {
      return step(ctx, id, ['catalogued', 'refused'], 'confirm', '确认', async (r, _trx, row) => {
        if (!isRequester(ctx, row)) throw SharingErrors.notRequester();
        await r.updateDemand(id, { status: 'closed', satisfied: input.satisfied });
        return { to: 'closed', note: `${input.satisfied ? '已满足' : '未满足'}${input.note?.trim() ? `：${input.note.trim()}` : ''}`, details: { satisfied: input.satisfied } };
      });
    },

    withdraw(ctx: RequestContext, id: string) {
      return step(ctx, id, ['submitted', 'assigned'], 'withdraw', '撤回', async (r, _trx, row) => {
        if (!isRequester(ctx, row)) throw SharingErrors.notRequester();
        await r.updateDemand(id, { status: 'withdrawn', step_rule: null, step_started_on: null });
        return { to: 'withdrawn' };
      });
    },
  };
}
