import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { SUBJECT_KEY_ITEMS } from '../../kernel/data-tables.ts';
import type { MountedTable } from '../catalog/index.ts';
import { DEFAULT_DIMENSION, DIMENSION, FREQUENCY_MAX_AGE, ITEM_RULES, RULE_TYPE, SEVERITY, type RuleType } from './quality.enums.ts';
import { QualityErrors } from './quality.errors.ts';
import { createQualityRepository, type RuleRow } from './quality.repository.ts';
import { actorName, departmentFilter, mountedEntry, sees, today, type QualityDeps } from './quality-core.ts';
import { createRuleChecks } from './rule-checks.repository.ts';

// 质量规则: per data item or per table, validated as a whole (every problem listed) before anything is written.

export interface RuleInput {
  type: string;
  name?: string | undefined;
  items?: string[] | undefined;
  dimension?: string | undefined;
  severity?: string | undefined;
  enabled?: boolean | undefined;
  params?: Record<string, unknown> | undefined;
}

export const PERM_MANAGE = 'quality.rule.manage';
const FORBIDDEN_SQL = /\b(insert|update|delete|merge|truncate|drop|alter|create|grant|revoke|copy|call|do|vacuum|analyze|lock|set|reset|listen|notify|unlisten|refresh|reindex|cluster|comment|security|execute|prepare|deallocate|discard|into|pg_read_file|pg_read_binary_file|pg_ls_dir|pg_stat_file|lo_import|lo_export|dblink\w*|pg_terminate_backend|pg_cancel_backend|set_config|nextval|setval|pg_sleep\w*|pg_advisory\w*)\b/i;

/** Static checks of a custom SQL statement: one SELECT (or WITH … SELECT), nothing that writes or reaches outside. */
export function customSqlProblems(statement: string): string[] {
  const s = statement.trim().replace(/;\s*$/, '');
  const problems: string[] = [];
  if (!s) return ['须填写 SQL 语句'];
  if (s.includes(';')) problems.push('只能是一条语句（不能含分号）');
  if (/--|\/\*/.test(s)) problems.push('不能含注释');
  if (!/^(select|with)\b/i.test(s)) problems.push('只能是 SELECT 查询');
  const bad = s.match(FORBIDDEN_SQL);
  if (bad) problems.push(`不允许使用 ${bad[1]!.toUpperCase()}（只读查询）`);
  if (s.length > 10_000) problems.push('语句过长（最多 10000 字符）');
  return problems;
}
export const normalizeSql = (statement: string) => statement.trim().replace(/;\s*$/, '');

const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : typeof v === 'number' ? v : Number(v));
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : v == null ? '' : String(v));

export function ruleView(r: RuleRow) {
  return {
    id: r.id, entryId: r.entry_id, entryName: r.entry_name, departmentId: r.department_id, type: r.rule_type, typeLabel: RULE_TYPE.label(r.rule_type), name: r.name,
    items: r.item_code_names, dimension: r.dimension, severity: r.severity, params: (r.params ?? {}) as Record<string, unknown>, enabled: r.enabled,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

export function createRuleManagement(deps: QualityDeps) {
  const repo = () => createQualityRepository(deps.db);
  const checks = () => createRuleChecks(deps.db);

  /** Every problem of a rule on an entry's mount; the normalized rule when there is none. */
  async function validate(mount: MountedTable, input: RuleInput) {
    const f: FieldProblem[] = [];
    const type = input.type as RuleType;
    if (!RULE_TYPE.values.includes(type)) {
      f.push({ path: 'body.type', message: `未知的规则类型 ${input.type}` });
      throw QualityErrors.ruleInvalid(f);
    }
    if (input.dimension !== undefined && !DIMENSION.values.includes(input.dimension as never)) f.push({ path: 'body.dimension', message: `未知的质量维度 ${input.dimension}` });
    if (input.severity !== undefined && !SEVERITY.values.includes(input.severity as never)) f.push({ path: 'body.severity', message: `未知的严重程度 ${input.severity}` });
    const items = [...new Set(input.items ?? [])];
    const columns = new Map(mount.columns.map((c) => [c.itemCodeName, c]));
    if (ITEM_RULES.includes(type)) {
      if (!items.length) f.push({ path: 'body.items', message: '须选择要检查的信息项' });
      if (type !== 'unique' && items.length > 1) f.push({ path: 'body.items', message: '此类规则只能检查一个信息项' });
      items.forEach((it, i) => {
        if (!columns.has(it)) f.push({ path: `body.items.${i}`, message: `信息项 ${it} 未映射到挂接的数据表` });
      });
    } else if (items.length) f.push({ path: 'body.items', message: '此类规则针对整表，不选信息项' });
    const p = input.params ?? {};
    const params: Record<string, unknown> = {};
    switch (type) {
      case 'regex': {
        const pattern = str(p.pattern);
        if (!pattern) f.push({ path: 'body.params.pattern', message: '须填写正则表达式' });
        else {
          const problem = await checks().regexProblem(pattern);
          if (problem) f.push({ path: 'body.params.pattern', message: `正则表达式无效：${problem}` });
        }
        params.pattern = pattern;
        break;
      }
      case 'length': {
        const min = num(p.min), max = num(p.max);
        if (min === null && max === null) f.push({ path: 'body.params', message: '最小长度和最大长度至少填一个' });
        if (min !== null && (!Number.isInteger(min) || min < 0)) f.push({ path: 'body.params.min', message: '最小长度须为非负整数' });
        if (max !== null && (!Number.isInteger(max) || max < 1)) f.push({ path: 'body.params.max', message: '最大长度须为正整数' });
        if (min !== null && max !== null && min > max) f.push({ path: 'body.params.max', message: '最大长度不能小于最小长度' });
        Object.assign(params, { min, max });
        break;
      }
      case 'range': {
        const valueKind = p.valueKind === 'date' ? 'date' : p.valueKind === 'number' || p.valueKind === undefined ? 'number' : null;
        if (!valueKind) f.push({ path: 'body.params.valueKind', message: '取值类型须为 number 或 date' });
        const min = p.min == null || p.min === '' ? null : str(p.min), max = p.max == null || p.max === '' ? null : str(p.max);
        if (min === null && max === null) f.push({ path: 'body.params', message: '最小值和最大值至少填一个' });
        const ok = (v: string) => (valueKind === 'date' ? /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) : /^-?\d+(\.\d+)?$/.test(v));
        if (min !== null && !ok(min)) f.push({ path: 'body.params.min', message: valueKind === 'date' ? '最小值须为日期 YYYY-MM-DD' : '最小值须为数字' });
        if (max !== null && !ok(max)) f.push({ path: 'body.params.max', message: valueKind === 'date' ? '最大值须为日期 YYYY-MM-DD' : '最大值须为数字' });
        if (min !== null && max !== null && ok(min) && ok(max) && (valueKind === 'date' ? min > max : Number(min) > Number(max))) f.push({ path: 'body.params.max', message: '最大值不能小于最小值' });
        Object.assign(params, { valueKind, min, max });
        break;
      }
      case 'code_table': {
        const id = str(p.codeTableId);
        const table = id ? (/^[0-9a-f-]{36}$/i.test(id) ? await repo().codeTable(id) : undefined) ?? (await repo().codeTableByCode(id)) : undefined;
        if (!table) f.push({ path: 'body.params.codeTableId', message: id ? `代码表 ${id} 不存在` : '须选择代码表' });
        Object.assign(params, { codeTableId: table?.id ?? id, codeTableName: table?.name ?? null });
        break;
      }
      case 'reference':
      case 'cross_source': {
        const refEntry = str(p.entryId);
        const refItem = str(p.itemCodeName) || items[0] || '';
        let other: MountedTable | null = null;
        if (!/^[0-9a-f-]{36}$/i.test(refEntry)) f.push({ path: 'body.params.entryId', message: '须选择参照的目录' });
        else if (refEntry === mount.entryId) f.push({ path: 'body.params.entryId', message: '不能参照本目录自身' });
        else {
          other = await deps.catalog.mounts.tableFor(refEntry);
          if (!other || !other.schemaName) f.push({ path: 'body.params.entryId', message: '参照的目录不存在或未挂接数据表' });
          else if (!other.columns.some((c) => c.itemCodeName === refItem)) f.push({ path: 'body.params.itemCodeName', message: `参照目录没有映射信息项 ${refItem}` });
        }
        Object.assign(params, { entryId: refEntry, entryName: other?.entryName ?? null, itemCodeName: refItem });
        if (type === 'cross_source') {
          const keyItem = str(p.keyItem) || SUBJECT_KEY_ITEMS.person;
          if (!(Object.values(SUBJECT_KEY_ITEMS) as string[]).includes(keyItem)) f.push({ path: 'body.params.keyItem', message: '关联主键须为 id_number（公民身份号码）或 credit_code（统一社会信用代码）' });
          else {
            if (!columns.has(keyItem)) f.push({ path: 'body.params.keyItem', message: `本目录没有映射主键信息项 ${keyItem}` });
            if (other && !other.columns.some((c) => c.itemCodeName === keyItem)) f.push({ path: 'body.params.keyItem', message: `参照目录没有映射主键信息项 ${keyItem}` });
          }
          params.keyItem = keyItem;
          params.authoritative = other?.columns.find((c) => c.itemCodeName === refItem)?.authoritative ?? null;
        }
        break;
      }
      case 'freshness': {
        const frequency = p.frequency == null || p.frequency === '' ? null : str(p.frequency);
        const maxAgeDays = num(p.maxAgeDays);
        if (frequency !== null && !(frequency in FREQUENCY_MAX_AGE)) f.push({ path: 'body.params.frequency', message: `未知的更新周期 ${frequency}` });
        if (maxAgeDays !== null && (!Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays > 3660)) f.push({ path: 'body.params.maxAgeDays', message: '最长间隔须为 1–3660 天' });
        const days = maxAgeDays ?? FREQUENCY_MAX_AGE[frequency ?? 'daily'] ?? 1;
        Object.assign(params, { frequency: frequency ?? (maxAgeDays === null ? 'daily' : null), maxAgeDays: days });
        break;
      }
      case 'row_count_change': {
        const t = num(p.thresholdPercent);
        if (t === null || Number.isNaN(t) || t <= 0 || t > 10_000) f.push({ path: 'body.params.thresholdPercent', message: '波动阈值须为大于 0 的百分比' });
        params.thresholdPercent = t;
        break;
      }
      case 'custom_sql': {
        const statement = str(p.sql);
        const problems = customSqlProblems(statement);
        problems.forEach((m) => f.push({ path: 'body.params.sql', message: m }));
        if (!problems.length && mount.schemaName) {
          const problem = await checks().customSqlProblem({ schema: mount.schemaName, table: mount.tableName, keyColumn: null }, normalizeSql(statement));
          if (problem) f.push({ path: 'body.params.sql', message: `SQL 无法执行：${problem}` });
        }
        params.sql = normalizeSql(statement);
        break;
      }
      default:
        break;
    }
    const name = input.name?.trim() || `${items.length ? `${items.map((i) => columns.get(i)?.itemName ?? i).join('、')}：` : ''}${RULE_TYPE.label(type)}`;
    if (name.length > 200) f.push({ path: 'body.name', message: '规则名称最多 200 字' });
    if (f.length) throw QualityErrors.ruleInvalid(f);
    return { type, name, items, dimension: input.dimension ?? DEFAULT_DIMENSION[type], severity: input.severity ?? 'medium', enabled: input.enabled ?? true, params };
  }

  async function ownedRule(ctx: RequestContext, id: string) {
    const rule = await repo().rule(id);
    if (!rule || !sees(ctx, PERM_MANAGE, rule.department_id)) throw QualityErrors.ruleNotFound(id);
    return rule;
  }

  /** Open issues of a rule that is removed or disabled close as rule_removed (in the caller's transaction). */
  async function closeIssuesOf(trx: Parameters<Parameters<typeof inTransaction>[1]>[0], ctx: RequestContext, ruleId: string) {
    const r = createQualityRepository(trx as never);
    const open = await r.openIssueForRule(ruleId);
    if (!open) return;
    await r.updateIssue(open.id, { status: 'closed', resolution: 'rule_removed', closed_at: new Date() });
    await r.insertEvent({ issue_id: open.id, actor_name: actorName(ctx), action: 'close', from_status: open.status, to_status: 'closed', note: '规则已删除或停用' });
  }

  return {
    async list(ctx: RequestContext, entryId: string) {
      const mount = await mountedEntry(deps, ctx, entryId, 'quality.score.read').catch(async (err) => {
        if ((err as { code?: string }).code === 'QUALITY_ENTRY_NOT_MOUNTED') return null;
        throw err;
      });
      return {
        entryId, entryName: mount?.entryName ?? null, mounted: !!mount,
        columns: (mount?.columns ?? []).map((c) => ({ itemCodeName: c.itemCodeName, itemName: c.itemName, column: c.column, dataType: c.dataType, authoritative: c.authoritative })),
        items: (await repo().rules(entryId)).map(ruleView),
      };
    },
    async get(ctx: RequestContext, id: string) {
      const rule = await repo().rule(id);
      if (!rule || !sees(ctx, 'quality.score.read', rule.department_id)) throw QualityErrors.ruleNotFound(id);
      return ruleView(rule);
    },
    async create(ctx: RequestContext, entryId: string, input: RuleInput) {
      const mount = await mountedEntry(deps, ctx, entryId, PERM_MANAGE);
      const v = await validate(mount, input);
      const id = randomUUID();
      await inTransaction(deps.db, async (trx) => {
        await createQualityRepository(trx).insertRule({
          id, entry_id: entryId, entry_name: mount.entryName, department_id: mount.providerDepartmentId, rule_type: v.type, name: v.name, item_code_names: v.items,
          dimension: v.dimension, severity: v.severity, params: v.params, enabled: v.enabled, created_by: ctx.actor?.userId ?? null,
        });
        await deps.audit.record(trx, ctx, { action: 'quality.rule.create', targetType: 'quality-rule', targetId: id, details: { entryId, ...v } });
      });
      return ruleView((await repo().rule(id))!);
    },
    async update(ctx: RequestContext, id: string, input: RuleInput) {
      const rule = await ownedRule(ctx, id);
      const mount = await mountedEntry(deps, ctx, rule.entry_id, PERM_MANAGE);
      const v = await validate(mount, { ...input, type: rule.rule_type });
      await inTransaction(deps.db, async (trx) => {
        await createQualityRepository(trx).updateRule(id, { name: v.name, item_code_names: v.items, dimension: v.dimension, severity: v.severity, params: v.params, enabled: v.enabled });
        if (!v.enabled) await closeIssuesOf(trx, ctx, id);
        await deps.audit.record(trx, ctx, { action: 'quality.rule.update', targetType: 'quality-rule', targetId: id, details: { entryId: rule.entry_id, ...v } });
      });
      return ruleView((await repo().rule(id))!);
    },
    async remove(ctx: RequestContext, id: string) {
      const rule = await ownedRule(ctx, id);
      await inTransaction(deps.db, async (trx) => {
        await closeIssuesOf(trx, ctx, id);
        await createQualityRepository(trx).deleteRule(id);
        await deps.audit.record(trx, ctx, { action: 'quality.rule.delete', targetType: 'quality-rule', targetId: id, details: { entryId: rule.entry_id, name: rule.name, type: rule.rule_type } });
      });
    },
    /** Entries known to the quality module (with rules or runs), with their latest score. */
    async entries(ctx: RequestContext) {
      const rows = await repo().entries(departmentFilter(ctx, 'quality.score.read'));
      return {
        items: rows.map((r) => ({ entryId: r.entry_id, entryName: r.entry_name, departmentId: r.department_id, rules: r.rules, lastRunId: r.last_run_id, lastRunAt: r.last_run_at?.toISOString() ?? null, score: r.score === null ? null : Number(r.score) })),
        today: today(deps),
      };
    },
  };
}
