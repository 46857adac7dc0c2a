import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { shanghaiDate } from '@shuzheng/standards';
import { sm3 } from '@shuzheng/standards/crypto';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { SUBJECT_KEY_ITEMS } from '../../kernel/data-tables.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { offsetOf, type Page } from '../../kernel/schemas.ts';
import { csvOf, xlsxOf } from '../../kernel/spreadsheet.ts';
import type { AuditService } from '../audit/index.ts';
import type { CalendarService, DeadlineStanding } from '../calendar/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { createDisputeMarks, type DisputeMarks } from './disputes-marks.ts';
import { DISPUTE_STATUS, OPEN_STATUSES, RULE_CODES, type DisputeStatus } from './disputes.enums.ts';
import { DisputesErrors } from './disputes.errors.ts';
import { createDisputesRepository, type DisputeRow, type DisputesRepository, type ListFilter, type RuleRow, type Visibility } from './disputes.repository.ts';

// 异议核实 (issue 4 §4, in the manner of Huai'an DB3208/T 219-2024 公共数据异议处理工作规范): a consumer raises a dispute on
// one record's data items with evidence → the bureau accepts and routes it to the provider (or rejects it as invalid) →
// the items are marked 存疑 → the provider verifies within the configured working days and corrects (at source; this
// module records the corrected value, it never writes into the data table) or refutes → the mark is removed → the
// raiser is notified. Every step is audited and kept as the dispute's history; closed disputes are the archive.

export interface DisputesDeps {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  calendar: Pick<CalendarService, 'addWorkingDays' | 'workingDaysBetween' | 'standing'>;
  catalog: { mounts: Pick<CatalogService['mounts'], 'tableFor'> };
  departments: Pick<IdentityService['departments'], 'get'>;
  /** today in China (YYYY-MM-DD); tests may fix it */
  today?: () => string;
  /** how long the in-memory set of marked entries is trusted (ms, default 3000) */
  marksRefreshMs?: number;
}

export interface RaiseInput {
  entryId: string;
  recordKey: string;
  items: { codeName: string; seenValue?: string | null | undefined; expectedValue?: string | null | undefined }[];
  reason: string;
}

export interface ListQuery {
  box?: 'mine' | 'accept' | 'verify' | 'all' | undefined;
  status?: string | undefined;
  q?: string | undefined;
  entryId?: string | undefined;
  overdue?: boolean | undefined;
}

export type Light = DeadlineStanding['light'];
/** A step's deadline: which rule, who must act, since when, and where it stands (calendar.standing). */
export interface Deadline extends DeadlineStanding {
  rule: string;
  ruleName: string;
  responsible: 'bureau' | 'provider';
  startedOn: string;
  overdue: boolean;
}

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const EXPORT_MAX = 10_000;
const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/** A value of a data table as text (dates as YYYY-MM-DD, timestamps ISO); null stays null. */
export function valueText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `(${v.length} 字节)`;
  return String(v);
}

export type DisputesService = ReturnType<typeof createDisputesService>;

export function createDisputesService(deps: DisputesDeps) {
  const repo = () => createDisputesRepository(deps.db);
  const today = () => (deps.today ?? (() => shanghaiDate(new Date())))();
  const cache = createDisputeMarks(deps.db, { refreshMs: deps.marksRefreshMs ?? 3000 });
  const marks: DisputeMarks = cache.marks;

  // ── who is who ──
  const isBureau = (ctx: RequestContext) => scopeOf(ctx, 'disputes.accept') === 'all';
  const visibility = (ctx: RequestContext): Visibility => ({
    all: isBureau(ctx) || scopeOf(ctx, 'disputes.read') === 'all', departmentId: ctx.actor?.departmentId ?? null, userId: ctx.actor?.userId ?? null,
  });
  const sees = (vis: Visibility, row: DisputeRow) =>
    vis.all || (!!vis.departmentId && (row.raiser_department_id === vis.departmentId || row.provider_department_id === vis.departmentId)) || (!!vis.userId && row.raiser_user_id === vis.userId);
  const isProvider = (ctx: RequestContext, row: DisputeRow) => scopeOf(ctx, 'disputes.verify') != null && ctx.actor?.departmentId === row.provider_department_id;
  const actorName = (ctx: RequestContext) => ctx.actor?.displayName ?? '系统';
  function requireDepartment(ctx: RequestContext) {
    const id = ctx.actor?.departmentId;
    if (!id) throw DisputesErrors.noDepartment();
    return id;
  }
  async function departmentName(id: string): Promise<string | null> {
    try {
      return (await deps.departments.get(id)).name;
    } catch {
      return null;
    }
  }

  // ── deadlines ──
  async function dueOn(rules: RuleRow[], code: string, startedOn: string): Promise<string | null> {
    const rule = rules.find((r) => r.code === code);
    if (!rule || !rule.enabled) return null;
    try {
      return await deps.calendar.addWorkingDays(startedOn, rule.working_days);
    } catch (err) {
      if ((err as { code?: string })?.code === 'CALENDAR_YEAR_MISSING') return null;
      throw err;
    }
  }
  async function deadlineOf(row: DisputeRow, rules: RuleRow[], asOf = today()): Promise<Deadline | null> {
    if (!isOpen(row.status) || !row.step_rule || !row.step_started_on) return null;
    const rule = rules.find((r) => r.code === row.step_rule);
    const base = { rule: row.step_rule, ruleName: rule?.name ?? row.step_rule, responsible: row.step_rule === 'accept' ? 'bureau' as const : 'provider' as const, startedOn: row.step_started_on };
    if (!row.step_due_on) return { ...base, dueOn: null, remainingWorkingDays: null, light: 'unknown', overdue: false };
    const standing = await deps.calendar.standing({ dueOn: row.step_due_on }, rule?.yellow_days ?? 1, asOf);
    return { ...base, ...standing, overdue: asOf > row.step_due_on };
  }


  // ── views ──
  async function summary(row: DisputeRow, rules: RuleRow[]) {
    const deadline = await deadlineOf(row, rules);
    return {
      id: row.id, entryId: row.entry_id, entryName: row.entry_name, recordKey: row.record_key, keyItem: row.key_item,
      items: row.items.map((codeName, i) => ({
        codeName, name: row.item_names[i] ?? codeName, seenValue: row.seen_values[codeName] ?? null, currentValue: row.current_values[codeName] ?? null,
        expectedValue: row.expected_values[codeName] ?? null, correctedValue: row.corrected_values?.[codeName] ?? null,
      })),
      reason: row.reason, raiserName: row.raiser_name, raiserUserId: row.raiser_user_id, raiserDepartmentId: row.raiser_department_id, raiserDepartmentName: row.raiser_department_name,
      providerDepartmentId: row.provider_department_id, providerDepartmentName: row.provider_department_name,
      status: row.status as DisputeStatus, statusLabel: DISPUTE_STATUS.label(row.status), decisionNote: row.decision_note,
      deadline, escalated: deadline?.overdue ?? false, archived: !isOpen(row.status),
      createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(), acceptedAt: row.accepted_at?.toISOString() ?? null, closedAt: row.closed_at?.toISOString() ?? null,
    };
  }
  async function detail(row: DisputeRow) {
    const r = repo();
    const [rules, events, evidence, marked] = await Promise.all([r.rules(), r.events(row.id), r.evidenceList(row.id), marks.forRecord(row.entry_id, row.record_key)]);
    return {
      ...(await summary(row, rules)),
      marks: marked.filter((m) => m.disputeId === row.id).map((m) => m.itemCodeName),
      evidence: evidence.map((e) => ({ id: e.id, fileName: e.file_name, contentType: e.content_type, size: e.size, sm3: e.sm3, uploaderName: e.uploader_name, createdAt: e.created_at.toISOString() })),
      history: events.map((e) => ({ at: e.at.toISOString(), actorName: e.actor_name, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, note: e.note })),
    };
  }

  async function visible(ctx: RequestContext, id: string) {
    const row = await repo().dispute(id);
    if (!row || !sees(visibility(ctx), row)) throw DisputesErrors.notFound(id);
    return row;
  }
  async function locked(ctx: RequestContext, r: DisputesRepository, id: string, from: readonly string[], action: string) {
    const row = await r.disputeForUpdate(id);
    if (!row || !sees(visibility(ctx), row)) throw DisputesErrors.notFound(id);
    if (!from.includes(row.status)) throw DisputesErrors.invalidTransition(DISPUTE_STATUS.label(row.status), action);
    return row;
  }

  async function step(r: DisputesRepository, trx: Kysely<unknown>, ctx: RequestContext, row: DisputeRow, action: string, to: string | null, note: string | null, details: Record<string, unknown> = {}) {
    await r.insertEvent({ dispute_id: row.id, actor_id: ctx.actor?.userId ?? null, actor_name: actorName(ctx), action, from_status: row.status, to_status: to, note });
    await deps.audit.record(trx as never, ctx, {
      action: `disputes.${action}`, targetType: 'dispute', targetId: row.id, details: { from: row.status, to, entryId: row.entry_id, ...(note ? { note } : {}), ...details },
    });
  }
  async function notify(r: DisputesRepository, row: DisputeRow, title: string, body: string) {
    if (!row.raiser_user_id) return;
    await r.insertNotification({ id: randomUUID(), user_id: row.raiser_user_id, dispute_id: row.id, title, body });
  }
  const itemList = (row: DisputeRow) => row.item_names.join('、');

  /** A transition run in one transaction; the marks cache is told after commit. */
  async function transition(ctx: RequestContext, id: string, from: readonly string[], actionLabel: string, fn: (r: DisputesRepository, trx: Kysely<unknown>, row: DisputeRow) => Promise<void>) {
    await inTransaction(deps.db, async (trx) => {
      const r = createDisputesRepository(trx);
      await fn(r, trx, await locked(ctx, r, id, from, actionLabel));
    });
    cache.invalidate();
    return detail((await repo().dispute(id))!);
  }

  return {
    /** 存疑 marks for readers (gateway, profiles): see DisputeMarks. */
    marks,

    meta: async () => ({ status: DISPUTE_STATUS.pairs, rules: (await repo().rules()).map(ruleView), maxEvidenceBytes: MAX_EVIDENCE_BYTES }),
    rules: async () => ({ rules: (await repo().rules()).map(ruleView) }),
    async updateRules(ctx: RequestContext, input: { rules: { code: string; workingDays: number; yellowDays: number; enabled?: boolean | undefined }[] }) {
      const fields: FieldProblem[] = [];
      input.rules.forEach((rule, i) => {
        if (!RULE_CODES.includes(rule.code as never)) fields.push({ path: `body.rules.${i}.code`, message: `未知的时限规则 ${rule.code}` });
        if (rule.yellowDays > rule.workingDays) fields.push({ path: `body.rules.${i}.yellowDays`, message: '黄灯提前天数不能超过时限' });
      });
      if (fields.length) throw DisputesErrors.rulesInvalid(fields);
      await inTransaction(deps.db, async (trx) => {
        const r = createDisputesRepository(trx);
        for (const rule of input.rules) {
          await r.updateRule(rule.code, { working_days: rule.workingDays, yellow_days: rule.yellowDays, ...(rule.enabled === undefined ? {} : { enabled: rule.enabled }) });
        }
        await deps.audit.record(trx as never, ctx, { action: 'disputes.rules.update', targetType: 'disputes-rules', targetId: 'rules', details: { rules: input.rules } });
      });
      return { rules: (await repo().rules()).map(ruleView) };
    },

    /** 提出异议: the server reads the current values itself; one transaction. */
    async raise(ctx: RequestContext, input: RaiseInput) {
      const dept = requireDepartment(ctx);
      const fields: FieldProblem[] = [];
      const reason = input.reason.trim();
      if (!reason) fields.push({ path: 'body.reason', message: '须填写异议理由' });
      const recordKey = input.recordKey.trim();
      if (!recordKey) fields.push({ path: 'body.recordKey', message: '须填写记录主键（身份证号或统一社会信用代码）' });
      if (!input.items.length) fields.push({ path: 'body.items', message: '至少选择一个有异议的信息项' });
      const table = await deps.catalog.mounts.tableFor(input.entryId);
      if (!table || !table.schemaName) throw DisputesErrors.entryNotMounted(input.entryId);
      if (table.providerDepartmentId === dept) throw DisputesErrors.ownData();
      const keyCodes: string[] = Object.values(SUBJECT_KEY_ITEMS);
      const keyColumn = table.columns.find((c) => keyCodes.includes(c.itemCodeName));
      if (!keyColumn) fields.push({ path: 'body.entryId', message: '该目录的数据表没有身份证号或统一社会信用代码字段，无法定位记录' });
      const byCode = new Map(table.columns.map((c) => [c.itemCodeName, c]));
      const seen = new Set<string>();
      input.items.forEach((item, i) => {
        if (!byCode.has(item.codeName)) fields.push({ path: `body.items.${i}.codeName`, message: `信息项 ${item.codeName} 不在该目录挂接的数据表中` });
        if (seen.has(item.codeName)) fields.push({ path: `body.items.${i}.codeName`, message: `信息项 ${item.codeName} 重复` });
        seen.add(item.codeName);
      });
      if (fields.length) throw DisputesErrors.invalid(fields);
      const cols = input.items.map((i) => byCode.get(i.codeName)!);
      const record = await repo().readRecord({ schema: table.schemaName, table: table.tableName }, keyColumn!.column, recordKey, cols.map((c) => c.column));
      if (!record) throw DisputesErrors.recordNotFound(recordKey);
      const codes = input.items.map((i) => i.codeName);
      const open = await repo().openOverlapping(input.entryId, recordKey, codes);
      if (open.length) throw DisputesErrors.alreadyOpen(open.map((o) => o.id));

      const id = randomUUID();
      const startedOn = today();
      const rules = await repo().rules();
      const due = await dueOn(rules, 'accept', startedOn);
      const providerName = (await departmentName(table.providerDepartmentId)) ?? '';
      await inTransaction(deps.db, async (trx) => {
        const r = createDisputesRepository(trx);
        const row = {
          id, entry_id: input.entryId, entry_name: table.entryName, record_key: recordKey, key_item: keyColumn!.itemCodeName, items: codes, item_names: cols.map((c) => c.itemName),
          seen_values: Object.fromEntries(input.items.map((i) => [i.codeName, i.seenValue ?? null])),
          current_values: Object.fromEntries(cols.map((c) => [c.itemCodeName, valueText(record[c.column])])),
          expected_values: Object.fromEntries(input.items.map((i) => [i.codeName, i.expectedValue ?? null])),
          corrected_values: null, reason, raiser_user_id: ctx.actor?.userId ?? null, raiser_name: actorName(ctx), raiser_department_id: dept,
          raiser_department_name: ctx.actor?.departmentName ?? '', provider_department_id: table.providerDepartmentId, provider_department_name: providerName,
          status: 'submitted', step_rule: 'accept', step_started_on: startedOn, step_due_on: due, decision_note: null, accepted_at: null, closed_at: null,
        };
        await r.insertDispute({ ...row, seen_values: JSON.stringify(row.seen_values) as never, current_values: JSON.stringify(row.current_values) as never, expected_values: JSON.stringify(row.expected_values) as never });
        await step(r, trx, ctx, { ...row, status: null as never, created_at: new Date(), updated_at: new Date() }, 'raise', 'submitted', reason, { recordKey, items: codes });
      });
      return detail((await repo().dispute(id))!);
    },

    async list(ctx: RequestContext, query: ListQuery, page: Page) {
      const f: ListFilter = { box: query.box ?? 'all', vis: visibility(ctx), status: query.status, q: query.q?.trim() || undefined, entryId: query.entryId, overdue: query.overdue, today: today() };
      const r = repo();
      const [{ rows, total }, rules] = await Promise.all([r.list(f, page.pageSize, offsetOf(page)), r.rules()]);
      return { items: await Promise.all(rows.map((row) => summary(row, rules))), total, page: page.page, pageSize: page.pageSize };
    },

    async export(ctx: RequestContext, query: ListQuery, format: 'csv' | 'xlsx') {
      const f: ListFilter = { box: query.box ?? 'all', vis: visibility(ctx), status: query.status, q: query.q?.trim() || undefined, entryId: query.entryId, overdue: query.overdue, today: today() };
      const r = repo();
      const [rows, rules] = await Promise.all([r.listAll(f, EXPORT_MAX), r.rules()]);
      const header = ['编号', '目录', '记录主键', '信息项', '当前值', '提出部门', '提出人', '提供部门', '状态', '办理时限', '是否超期', '理由', '处理意见', '提出时间', '办结时间'];
      const table: string[][] = [];
      for (const row of rows) {
        const v = await summary(row, rules);
        table.push([
          v.id, v.entryName, v.recordKey, v.items.map((i) => i.name).join('、'), v.items.map((i) => `${i.name}=${i.currentValue ?? ''}`).join('；'), v.raiserDepartmentName, v.raiserName,
          v.providerDepartmentName, v.statusLabel, v.deadline?.dueOn ?? '', v.escalated ? '超期' : '', v.reason, v.decisionNote ?? '', v.createdAt, v.closedAt ?? '',
        ]);
      }
      await inTransaction(deps.db, (trx) => deps.audit.record(trx as never, ctx, { action: 'disputes.export', targetType: 'dispute', targetId: null, details: { format, count: rows.length, ...query } }));
      const body = format === 'csv' ? csvOf(header, table) : await xlsxOf('异议清单', header, table);
      return { body, count: rows.length, fileName: `异议清单-${today()}.${format}` };
    },

    async get(ctx: RequestContext, id: string) {
      return detail(await visible(ctx, id));
    },

    /** 受理: the bureau routes the dispute to the provider (the entry's department by default) and marks the items 存疑. */
    async accept(ctx: RequestContext, id: string, input: { providerDepartmentId?: string | undefined; note?: string | undefined }) {
      let providerName: string | null = null;
      if (input.providerDepartmentId) {
        providerName = await departmentName(input.providerDepartmentId);
        if (providerName === null) throw DisputesErrors.departmentNotFound(input.providerDepartmentId);
      }
      const startedOn = today();
      const due = await dueOn(await repo().rules(), 'verify', startedOn);
      return transition(ctx, id, ['submitted'], '受理', async (r, trx, row) => {
        const provider = input.providerDepartmentId ?? row.provider_department_id;
        await r.updateDispute(id, {
          status: 'verifying', provider_department_id: provider, provider_department_name: providerName ?? row.provider_department_name,
          step_rule: 'verify', step_started_on: startedOn, step_due_on: due, accepted_at: new Date(),
        });
        await r.insertMarks(row.items.map((item) => ({ dispute_id: id, item_code: item, entry_id: row.entry_id, record_key: row.record_key })));
        await step(r, trx, ctx, row, 'accept', 'verifying', input.note?.trim() || null, { providerDepartmentId: provider, dueOn: due });
        await notify(r, row, '异议已受理', `您对“${row.entry_name}”记录 ${row.record_key} 的${itemList(row)}提出的异议已受理，已转${providerName ?? row.provider_department_name}核实${due ? `，应于 ${due} 前办结` : ''}。`);
      });
    },

    /** 不予受理 (bureau), with the reason. */
    async reject(ctx: RequestContext, id: string, input: { reason: string }) {
      const reason = input.reason.trim();
      if (!reason) throw DisputesErrors.invalid([{ path: 'body.reason', message: '须填写不予受理的理由' }]);
      return transition(ctx, id, ['submitted'], '不予受理', async (r, trx, row) => {
        await r.updateDispute(id, { status: 'invalid', decision_note: reason, step_rule: null, step_started_on: null, step_due_on: null, closed_at: new Date() });
        await step(r, trx, ctx, row, 'reject', 'invalid', reason);
        await notify(r, row, '异议不予受理', `您对“${row.entry_name}”记录 ${row.record_key} 提出的异议不予受理：${reason}`);
      });
    },

    /** 改派 (bureau): route a dispute under verification to another department; its clock restarts. */
    async reroute(ctx: RequestContext, id: string, input: { providerDepartmentId: string; note?: string | undefined }) {
      const providerName = await departmentName(input.providerDepartmentId);
      if (providerName === null) throw DisputesErrors.departmentNotFound(input.providerDepartmentId);
      const startedOn = today();
      const due = await dueOn(await repo().rules(), 'verify', startedOn);
      return transition(ctx, id, ['verifying'], '改派', async (r, trx, row) => {
        await r.updateDispute(id, { provider_department_id: input.providerDepartmentId, provider_department_name: providerName, step_started_on: startedOn, step_due_on: due });
        await step(r, trx, ctx, row, 'reroute', 'verifying', input.note?.trim() || null, { from: row.provider_department_id, providerDepartmentId: input.providerDepartmentId, dueOn: due });
      });
    },

    /** 核实更正 (provider): records the corrected values (the provider fixes them at source); the mark is removed. */
    async correct(ctx: RequestContext, id: string, input: { correctedValues: Record<string, string | null>; note?: string | undefined }) {
      const pre = await visible(ctx, id);
      if (!isProvider(ctx, pre)) throw DisputesErrors.notProvider();
      const fields: FieldProblem[] = [];
      const codes = Object.keys(input.correctedValues);
      if (!codes.length) fields.push({ path: 'body.correctedValues', message: '须填写至少一个信息项的更正值' });
      for (const c of codes) if (!pre.items.includes(c)) fields.push({ path: `body.correctedValues.${c}`, message: `信息项 ${c} 不在本异议范围内` });
      if (fields.length) throw DisputesErrors.invalid(fields);
      return transition(ctx, id, ['verifying'], '更正', async (r, trx, row) => {
        if (!isProvider(ctx, row)) throw DisputesErrors.notProvider();
        await r.updateDispute(id, {
          status: 'corrected', corrected_values: JSON.stringify(input.correctedValues) as never, decision_note: input.note?.trim() || null,
          step_rule: null, step_started_on: null, step_due_on: null, closed_at: new Date(),
        });
        await r.deleteMarks(id);
        await step(r, trx, ctx, row, 'correct', 'corrected', input.note?.trim() || null, { correctedValues: input.correctedValues });
        const values = codes.map((c) => `${row.item_names[row.items.indexOf(c)] ?? c}：${input.correctedValues[c] ?? '（空）'}`).join('；');
        await notify(r, row, '异议已核实更正', `您对“${row.entry_name}”记录 ${row.record_key} 提出的异议经${row.provider_department_name}核实予以更正（${values}）。`);
      });
    },

    /** 核实无误 (provider), with the reason; the mark is removed. */
    async refute(ctx: RequestContext, id: string, input: { reason: string }) {
      const pre = await visible(ctx, id);
      if (!isProvider(ctx, pre)) throw DisputesErrors.notProvider();
      const reason = input.reason.trim();
      if (!reason) throw DisputesErrors.invalid([{ path: 'body.reason', message: '须说明核实无误的理由' }]);
      return transition(ctx, id, ['verifying'], '核实无误', async (r, trx, row) => {
        if (!isProvider(ctx, row)) throw DisputesErrors.notProvider();
        await r.updateDispute(id, { status: 'refuted', decision_note: reason, step_rule: null, step_started_on: null, step_due_on: null, closed_at: new Date() });
        await r.deleteMarks(id);
        await step(r, trx, ctx, row, 'refute', 'refuted', reason);
        await notify(r, row, '异议核实无误', `您对“${row.entry_name}”记录 ${row.record_key} 提出的异议经${row.provider_department_name}核实，原数据无误：${reason}`);
      });
    },

    /** 撤回 (the raiser, while open); the mark is removed. */
    async withdraw(ctx: RequestContext, id: string, input: { note?: string | undefined }) {
      const pre = await visible(ctx, id);
      if (!ctx.actor || pre.raiser_user_id !== ctx.actor.userId) throw DisputesErrors.notRaiser();
      return transition(ctx, id, OPEN_STATUSES, '撤回', async (r, trx, row) => {
        await r.updateDispute(id, { status: 'withdrawn', decision_note: input.note?.trim() || null, step_rule: null, step_started_on: null, step_due_on: null, closed_at: new Date() });
        await r.deleteMarks(id);
        await step(r, trx, ctx, row, 'withdraw', 'withdrawn', input.note?.trim() || null);
      });
    },

    // ── evidence ──
    async uploadEvidence(ctx: RequestContext, id: string, fileName: string, contentType: string, body: Buffer) {
      const pre = await visible(ctx, id);
      const dept = ctx.actor?.departmentId;
      const party = (scopeOf(ctx, 'disputes.raise') != null && (pre.raiser_user_id === ctx.actor?.userId || pre.raiser_department_id === dept)) || isProvider(ctx, pre);
      if (!party) throw DisputesErrors.notParty();
      const name = fileName.trim();
      if (!name || name.length > 200) throw DisputesErrors.evidenceInvalid('文件名须为 1–200 个字符');
      if (!body.length) throw DisputesErrors.evidenceInvalid('文件为空');
      if (body.length > MAX_EVIDENCE_BYTES) throw DisputesErrors.evidenceInvalid('文件不能超过 10 MB');
      const evidenceId = randomUUID();
      const digest = sm3(body);
      await inTransaction(deps.db, async (trx) => {
        const r = createDisputesRepository(trx);
        const row = await locked(ctx, r, id, OPEN_STATUSES, '上传证明材料');
        await r.insertEvidence({ id: evidenceId, dispute_id: id, file_name: name, content_type: contentType || 'application/octet-stream', size: body.length, sm3: digest, content: body, uploaded_by: ctx.actor?.userId ?? null, uploader_name: actorName(ctx) });
        await step(r, trx, ctx, row, 'evidence', row.status, name, { evidenceId, size: body.length, sm3: digest });
      });
      return { id: evidenceId, fileName: name, contentType: contentType || 'application/octet-stream', size: body.length, sm3: digest };
    },
    async downloadEvidence(ctx: RequestContext, id: string, evidenceId: string) {
      await visible(ctx, id);
      const file = await repo().evidence(id, evidenceId);
      if (!file) throw DisputesErrors.evidenceNotFound(evidenceId);
      return { name: file.file_name, contentType: file.content_type, body: file.content, sm3: file.sm3 };
    },

    // ── notifications (the raiser's) ──
    async notifications(ctx: RequestContext, unreadOnly: boolean) {
      const userId = ctx.actor?.userId;
      if (!userId) return { unread: 0, items: [] };
      const r = repo();
      const [unread, rows] = await Promise.all([r.unreadCount(userId), r.notifications(userId, unreadOnly, 100)]);
      return { unread, items: rows.map((n) => ({ id: n.id, disputeId: n.dispute_id, title: n.title, body: n.body, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null })) };
    },
    async markRead(ctx: RequestContext, input: { ids?: string[] | undefined }) {
      const userId = ctx.actor?.userId;
      if (!userId) return { updated: 0 };
      return { updated: await repo().markRead(userId, input.ids ?? null) };
    },

    /** Counts by status and overdue open ones, within the caller's visibility. */
    async stats(ctx: RequestContext) {
      const rows = await repo().counts(visibility(ctx), today());
      const byStatus: Record<string, number> = {};
      let overdue = 0;
      for (const r of rows) {
        byStatus[r.status] = Number(r.n);
        if (isOpen(r.status)) overdue += Number(r.overdue);
      }
      return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, overdue };
    },
  };
}

const ruleView = (r: RuleRow) => ({ code: r.code, name: r.name, description: r.description, workingDays: r.working_days, yellowDays: r.yellow_days, enabled: r.enabled });
