import { randomUUID } from 'node:crypto';
import { systemContext, type RequestContext } from '../../kernel/context.ts';
import { dataTableColumns, SUBJECT_KEY_ITEMS } from '../../kernel/data-tables.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { MountedTable } from '../catalog/index.ts';
import { DIMENSION, RULE_TYPE, TRIGGER } from './quality.enums.ts';
import { QualityErrors } from './quality.errors.ts';
import { createQualityRepository, type ResultRow, type RuleRow, type RunRow, type SettingsRow } from './quality.repository.ts';
import { actorName, mountedEntry, now, sees, today, type QualityDeps } from './quality-core.ts';
import { createRuleChecks, type CheckOutcome, type CheckSpec, type Col } from './rule-checks.repository.ts';

// 质量检测: all enabled rules of an entry, one set-based statement per rule; results, scores, and the issues they
// open, update or close, written in one transaction.

export type Trigger = 'manual' | 'ingest' | 'schedule';

function family(pgType: string | undefined): Col['family'] {
  if (!pgType) return 'other';
  if (/char|text/.test(pgType)) return 'text';
  if (/int|numeric|real|double/.test(pgType)) return 'number';
  if (pgType === 'date') return 'date';
  if (/timestamp/.test(pgType)) return 'timestamp';
  return 'other';
}

export interface Scored {
  pass_rate: number | null;
  severity: string;
  dimension: string;
}
/** Weighted pass rate (0–100, 2 decimals) of results with a pass rate; null when none has one. */
export function weightedScore(results: Scored[], s: Pick<SettingsRow, 'weight_high' | 'weight_medium' | 'weight_low'>): number | null {
  const w = (sev: string) => (sev === 'high' ? s.weight_high : sev === 'low' ? s.weight_low : s.weight_medium);
  let sum = 0, weights = 0;
  for (const r of results) {
    if (r.pass_rate === null) continue;
    sum += w(r.severity) * r.pass_rate;
    weights += w(r.severity);
  }
  return weights ? Math.round((sum / weights) * 10_000) / 100 : null;
}
export function dimensionScores(results: Scored[], s: Pick<SettingsRow, 'weight_high' | 'weight_medium' | 'weight_low'>) {
  return Object.fromEntries(DIMENSION.values.map((d) => [d, weightedScore(results.filter((r) => r.dimension === d), s)])) as Record<string, number | null>;
}

const passRate = (o: { checked: number; failed: number }) => (o.checked > 0 ? Math.max(0, 1 - o.failed / o.checked) : null);

export function runView(r: RunRow, results?: ResultRow[]) {
  return {
    id: r.id, entryId: r.entry_id, entryName: r.entry_name, departmentId: r.department_id, trigger: r.trigger, triggerLabel: TRIGGER.label(r.trigger), ingestJobId: r.ingest_job_id,
    status: r.status, rowCount: r.row_count === null ? null : Number(r.row_count), score: r.score === null ? null : Number(r.score),
    dimensionScores: (r.dimension_scores ?? {}) as Record<string, number | null>, error: r.error, startedAt: r.started_at.toISOString(), finishedAt: r.finished_at.toISOString(),
    ...(results ? {
      results: results.map((x) => ({
        ruleId: x.rule_id, ruleType: x.rule_type, ruleTypeLabel: RULE_TYPE.label(x.rule_type), ruleName: x.rule_name, dimension: x.dimension, severity: x.severity,
        checked: Number(x.checked), failed: Number(x.failed), passRate: x.pass_rate === null ? null : Number(x.pass_rate), sampleKeys: x.sample_keys, error: x.error, durationMs: x.duration_ms,
      })),
    } : {}),
  };
}

export function createRuns(deps: QualityDeps) {
  const repo = () => createQualityRepository(deps.db);
  const checks = () => createRuleChecks(deps.db);

  /** The SQL check of a rule on the entry's table; throws a Chinese message when the rule no longer fits the mount. */
  async function specOf(rule: RuleRow, mount: MountedTable, types: Map<string, string>): Promise<CheckSpec> {
    const p = (rule.params ?? {}) as Record<string, unknown>;
    const colOf = (m: MountedTable, item: string, typesOf: Map<string, string>): Col => {
      const c = m.columns.find((x) => x.itemCodeName === item);
      if (!c) throw new Error(`信息项 ${item} 未映射到 ${m.entryName} 的数据表`);
      if (!typesOf.has(c.column)) throw new Error(`数据表缺少字段 ${c.column}`);
      return { name: c.column, family: family(typesOf.get(c.column)) };
    };
    const column = () => colOf(mount, rule.item_code_names[0] ?? '', types);
    const otherMount = async () => {
      const other = await deps.catalog.mounts.tableFor(String(p.entryId));
      if (!other?.schemaName) throw new Error('参照的目录未挂接数据表');
      const otherTypes = new Map((await dataTableColumns(deps.db, other.schemaName, other.tableName)).map((c) => [c.column, c.type]));
      if (!otherTypes.size) throw new Error(`参照的数据表 ${other.schemaName}.${other.tableName} 不存在`);
      return { other, otherTypes };
    };
    switch (rule.rule_type) {
      case 'not_null': case 'id_number': case 'credit_code':
        return { kind: rule.rule_type, column: column() } as CheckSpec;
      case 'unique':
        return { kind: 'unique', columns: rule.item_code_names.map((i) => colOf(mount, i, types)) };
      case 'regex':
        return { kind: 'regex', column: column(), pattern: String(p.pattern) };
      case 'length':
        return { kind: 'length', column: column(), min: (p.min as number | null) ?? null, max: (p.max as number | null) ?? null };
      case 'range':
        return { kind: 'range', column: column(), valueKind: p.valueKind === 'date' ? 'date' : 'number', min: (p.min as string | null) ?? null, max: (p.max as string | null) ?? null };
      case 'code_table':
        return { kind: 'code_table', column: column(), codeTableId: String(p.codeTableId) };
      case 'date_valid':
        return { kind: 'date_valid', column: column(), today: today(deps) };
      case 'reference': {
        const { other, otherTypes } = await otherMount();
        return { kind: 'reference', column: column(), ref: { schema: other.schemaName!, table: other.tableName, column: colOf(other, String(p.itemCodeName), otherTypes) } };
      }
      case 'cross_source': {
        const { other, otherTypes } = await otherMount();
        const keyItem = String(p.keyItem);
        return {
          kind: 'cross_source', column: column(), key: colOf(mount, keyItem, types),
          source: { schema: other.schemaName!, table: other.tableName, column: colOf(other, String(p.itemCodeName), otherTypes), key: colOf(other, keyItem, otherTypes) },
        };
      }
      case 'custom_sql':
        return { kind: 'custom_sql', statement: String(p.sql), timeoutMs: deps.customSqlTimeoutMs ?? 30_000 };
      default:
        throw new Error(`规则类型 ${rule.rule_type} 不在表上检查`);
    }
  }

  /** Freshness and row-count rules: not a scan of the table. */
  async function tableLevel(rule: RuleRow, rowCount: number, previous: RunRow | undefined): Promise<CheckOutcome> {
    const p = (rule.params ?? {}) as Record<string, unknown>;
    if (rule.rule_type === 'freshness') {
      const last = await deps.freshness.lastSuccess(rule.entry_id);
      const maxAgeDays = Number(p.maxAgeDays ?? 1);
      if (!last) return { checked: 1, failed: 1, samples: ['没有成功的归集记录'] };
      const ageDays = (now(deps).getTime() - last.finishedAt.getTime()) / 86_400_000;
      return { checked: 1, failed: ageDays > maxAgeDays ? 1 : 0, samples: ageDays > maxAgeDays ? [`最近一次成功归集 ${last.finishedAt.toISOString()}（任务 ${last.jobId}），已超过 ${maxAgeDays} 天`] : [] };
    }
    // row_count_change
    const prev = previous?.row_count == null ? null : Number(previous.row_count);
    if (prev === null) return { checked: 0, failed: 0, samples: [] };
    const change = prev === 0 ? (rowCount === 0 ? 0 : 100) : (Math.abs(rowCount - prev) / prev) * 100;
    const over = change > Number(p.thresholdPercent);
    return { checked: 1, failed: over ? 1 : 0, samples: over ? [`上次 ${prev} 行，本次 ${rowCount} 行，变化 ${change.toFixed(2)}%`] : [] };
  }

  /** Runs every enabled rule of an entry and records the run; the caller has checked access. */
  async function execute(ctx: RequestContext, mount: MountedTable, trigger: Trigger, ingestJobId: string | null) {
    const r = repo();
    const [rules, settings, previous] = await Promise.all([r.rules(mount.entryId), r.settings(), r.lastRun(mount.entryId)]);
    const enabled = rules.filter((x) => x.enabled);
    const runId = randomUUID();
    const startedAt = now(deps);
    const results: (ResultRow & { pass: number | null })[] = [];
    let rowCount: number | null = null;
    let error: string | null = null;
    const types = mount.schemaName ? new Map((await dataTableColumns(deps.db, mount.schemaName, mount.tableName)).map((c) => [c.column, c.type])) : new Map<string, string>();
    if (!mount.schemaName || !types.size) error = `数据表 ${mount.schemaName ?? '?'}.${mount.tableName} 不存在`;
    else {
      const target = { schema: mount.schemaName, table: mount.tableName, keyColumn: null as string | null };
      const key = mount.columns.find((c) => c.itemCodeName === SUBJECT_KEY_ITEMS.person) ?? mount.columns.find((c) => c.itemCodeName === SUBJECT_KEY_ITEMS.entity);
      target.keyColumn = key && types.has(key.column) ? key.column : null;
      rowCount = await checks().rowCount(target);
      for (const rule of enabled) {
        const started = performance.now();
        let o: CheckOutcome = { checked: 0, failed: 0, samples: [] };
        let ruleError: string | null = null;
        try {
          o = rule.rule_type === 'freshness' || rule.rule_type === 'row_count_change' ? await tableLevel(rule, rowCount, previous) : await checks().run(target, await specOf(rule, mount, types));
        } catch (err) {
          ruleError = (err as Error).message.slice(0, 500);
        }
        const pass = ruleError ? null : passRate(o);
        results.push({
          run_id: runId, rule_id: rule.id, rule_type: rule.rule_type, rule_name: rule.name, dimension: rule.dimension, severity: rule.severity, checked: o.checked,
          failed: o.failed, pass_rate: pass === null ? null : pass.toFixed(6), sample_keys: o.samples, error: ruleError, duration_ms: Math.round(performance.now() - started), pass,
        });
      }
    }
    const scored = results.map((x) => ({ pass_rate: x.pass, severity: x.severity, dimension: x.dimension }));
    const score = weightedScore(scored, settings);
    const dims = dimensionScores(scored, settings);
    const day = today(deps);
    const opened: string[] = [], updated: string[] = [], closed: string[] = [];
    await inTransaction(deps.db, async (trx) => {
      const t = createQualityRepository(trx);
      await t.insertRun({
        id: runId, entry_id: mount.entryId, entry_name: mount.entryName, department_id: mount.providerDepartmentId, trigger, ingest_job_id: ingestJobId,
        status: error ? 'failed' : 'done', row_count: rowCount, score: score === null ? null : score.toFixed(2), dimension_scores: dims, error, started_at: startedAt,
        created_by: ctx.actor?.userId ?? null,
      });
      await t.insertResults(results.map(({ pass: _pass, ...row }) => row));
      for (const res of results) {
        if (res.error || res.pass === null) continue;
        const open = await t.openIssueForRule(res.rule_id);
        const rule = enabled.find((x) => x.id === res.rule_id)!;
        if (res.failed > 0) {
          if (open) {
            await t.updateIssue(open.id, { failed: res.failed, checked: res.checked, sample_keys: res.sample_keys, last_run_id: runId, rule_name: rule.name, severity: rule.severity, dimension: rule.dimension });
            updated.push(open.id);
            continue;
          }
          // An accepted explanation covers the rule until the failures grow.
          const last = await t.lastClosedIssueForRule(res.rule_id);
          if (last?.resolution === 'explained' && res.failed <= Number(last.failed)) continue;
          const id = randomUUID();
          await t.insertIssue({
            id, rule_id: rule.id, entry_id: mount.entryId, entry_name: mount.entryName, department_id: mount.providerDepartmentId, rule_name: rule.name, rule_type: rule.rule_type,
            dimension: rule.dimension, severity: rule.severity, status: 'open', resolution: null, failed: res.failed, checked: res.checked, sample_keys: res.sample_keys,
            first_run_id: runId, last_run_id: runId, started_on: day, review_started_on: null, explanation: null, escalated: false, escalated_at: null, closed_at: null,
          });
          await t.insertEvent({ issue_id: id, actor_name: actorName(ctx), action: 'open', from_status: null, to_status: 'open', note: `检测发现 ${res.failed} 条问题数据（共检查 ${res.checked} 条）` });
          opened.push(id);
        } else if (open) {
          await t.updateIssue(open.id, { status: 'closed', resolution: 'fixed', failed: 0, checked: res.checked, sample_keys: [], last_run_id: runId, closed_at: new Date() });
          await t.insertEvent({ issue_id: open.id, actor_name: actorName(ctx), action: 'close', from_status: open.status, to_status: 'closed', note: '复检通过，自动关闭' });
          closed.push(open.id);
        }
      }
      await deps.audit.record(trx, ctx, {
        action: 'quality.run.execute', targetType: 'quality-run', targetId: runId,
        details: { entryId: mount.entryId, trigger, ingestJobId, score, rules: results.length, issuesOpened: opened, issuesUpdated: updated, issuesClosed: closed, error },
      });
    });
    return { ...runView((await repo().run(runId))!, await repo().results(runId)), issuesOpened: opened.length, issuesClosed: closed.length };
  }

  return {
    /** 手动检测: an entry's rules now (quality.run.execute on the entry's department). */
    async run(ctx: RequestContext, entryId: string) {
      const mount = await mountedEntry(deps, ctx, entryId, 'quality.run.execute');
      return execute(ctx, mount, 'manual', null);
    },
    /** The kernel job `quality.run-entry` (after an ingest load, or the schedule): no caller, audited as the system. */
    async runFromJob(payload: Record<string, unknown>) {
      const entryId = typeof payload.entryId === 'string' ? payload.entryId : '';
      if (!/^[0-9a-f-]{36}$/i.test(entryId)) return null;
      const mount = await deps.catalog.mounts.tableFor(entryId);
      if (!mount) return null; // unmounted since: nothing to check, no retry
      const trigger: Trigger = payload.trigger === 'ingest' ? 'ingest' : payload.trigger === 'manual' ? 'manual' : 'schedule';
      const ingestJobId = payload.ingestJobId == null ? null : String(payload.ingestJobId);
      return execute(systemContext(`job:quality.run-entry:${entryId}`), mount, trigger, ingestJobId);
    },
    /** Entries with enabled rules whose last run is older than the configured interval. */
    async staleEntries() {
      const s = await repo().settings();
      return repo().staleEntries(new Date(now(deps).getTime() - s.schedule_interval_hours * 3_600_000));
    },
    async list(ctx: RequestContext, entryId: string, limit = 50) {
      await mountedEntry(deps, ctx, entryId, 'quality.score.read').catch((err) => {
        if ((err as { code?: string }).code !== 'QUALITY_ENTRY_NOT_MOUNTED') throw err;
      });
      return { items: (await repo().runs(entryId, limit)).map((x) => runView(x)) };
    },
    async get(ctx: RequestContext, id: string) {
      const run = await repo().run(id);
      if (!run || !sees(ctx, 'quality.score.read', run.department_id)) throw QualityErrors.runNotFound(id);
      return runView(run, await repo().results(id));
    },
  };
}
