import { Type, type TProperties } from 'typebox';
import { Nullable, Uuid } from '../../kernel/schemas.ts';
import { DIMENSION, RULE_TYPE, SEVERITY } from './quality.enums.ts';

// Request and response shapes of /api/v1/quality (docs/quality-api.md). Responses keep extra fields (open objects).

const Obj = <T extends TProperties>(props: T, description?: string) => Type.Object(props, { additionalProperties: true, ...(description ? { description } : {}) });
const Str = (values: readonly string[], description: string) => Type.String({ enum: [...values], description });
const Pair = Obj({ value: Type.String(), label: Type.String() });
const Num = Nullable(Type.Number());

export const EntryParams = Type.Object({ entryId: Uuid });
export const DaysQuery = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 3660, default: 90 }) });

const DeadlineRule = Obj({ code: Type.String(), name: Type.String(), description: Type.String(), workingDays: Type.Integer(), yellowDays: Type.Integer(), enabled: Type.Boolean() });
export const Settings = Obj({
  scheduleIntervalHours: Type.Integer({ description: '定时检测：上次检测早于该小时数的目录重新检测' }),
  weights: Obj({ high: Type.Integer(), medium: Type.Integer(), low: Type.Integer() }, '评分权重（按严重程度）'),
  deadlineRules: Type.Array(DeadlineRule),
});
export const SettingsBody = Type.Object({
  scheduleIntervalHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760 })),
  weights: Type.Optional(Type.Object({ high: Type.Integer({ minimum: 1, maximum: 100 }), medium: Type.Integer({ minimum: 1, maximum: 100 }), low: Type.Integer({ minimum: 1, maximum: 100 }) })),
  deadlineRules: Type.Optional(Type.Array(Type.Object({ code: Type.String(), workingDays: Type.Integer({ minimum: 1, maximum: 365 }), yellowDays: Type.Integer({ minimum: 0, maximum: 365 }), enabled: Type.Optional(Type.Boolean()) }))),
});
export const Meta = Obj({
  ruleTypes: Type.Array(Pair), dimensions: Type.Array(Pair), severities: Type.Array(Pair), issueStatus: Type.Array(Pair), resolutions: Type.Array(Pair), triggers: Type.Array(Pair),
  frequencies: Type.Array(Pair), settings: Settings,
});

// ── rules ──
const RuleParams = Type.Record(Type.String(), Type.Unknown(), {
  description: 'regex: {pattern}; length: {min,max}; range: {valueKind: number|date, min, max}; code_table: {codeTableId}; reference: {entryId, itemCodeName}; '
    + 'freshness: {frequency | maxAgeDays}; row_count_change: {thresholdPercent}; cross_source: {entryId, itemCodeName, keyItem: id_number|credit_code}; custom_sql: {sql}（{table} 代表本目录未删除的行）',
});
export const RuleBody = Type.Object({
  type: Str(RULE_TYPE.values, '规则类型'),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  items: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10, description: '检查的信息项（代码名）；整表规则不填' })),
  dimension: Type.Optional(Str(DIMENSION.values, '质量维度；默认按规则类型')),
  severity: Type.Optional(Str(SEVERITY.values, '严重程度；默认 medium')),
  enabled: Type.Optional(Type.Boolean()),
  params: Type.Optional(RuleParams),
});
export const RuleUpdateBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  items: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 })),
  dimension: Type.Optional(Str(DIMENSION.values, '质量维度')),
  severity: Type.Optional(Str(SEVERITY.values, '严重程度')),
  enabled: Type.Optional(Type.Boolean()),
  params: Type.Optional(RuleParams),
});
export const Rule = Obj({
  id: Uuid, entryId: Uuid, entryName: Type.String(), departmentId: Uuid, type: Type.String(), typeLabel: Type.String(), name: Type.String(), items: Type.Array(Type.String()),
  dimension: Type.String(), severity: Type.String(), params: Type.Record(Type.String(), Type.Unknown()), enabled: Type.Boolean(), createdAt: Type.String(), updatedAt: Type.String(),
});
export const RuleList = Obj({
  entryId: Uuid, entryName: Nullable(Type.String()), mounted: Type.Boolean(),
  columns: Type.Array(Obj({ itemCodeName: Type.String(), itemName: Type.String(), column: Type.String(), dataType: Nullable(Type.String()), authoritative: Type.Boolean() })),
  items: Type.Array(Rule),
});
export const EntryList = Obj({
  items: Type.Array(Obj({ entryId: Uuid, entryName: Type.String(), departmentId: Uuid, rules: Type.Integer(), lastRunId: Nullable(Type.String()), lastRunAt: Nullable(Type.String()), score: Num })),
  today: Type.String(),
});

// ── runs ──
const Result = Obj({
  ruleId: Uuid, ruleType: Type.String(), ruleTypeLabel: Type.String(), ruleName: Type.String(), dimension: Type.String(), severity: Type.String(), checked: Type.Number(), failed: Type.Number(),
  passRate: Num, sampleKeys: Type.Array(Type.String()), error: Nullable(Type.String()), durationMs: Type.Integer(),
});
export const Run = Obj({
  id: Uuid, entryId: Uuid, entryName: Type.String(), departmentId: Uuid, trigger: Type.String(), triggerLabel: Type.String(), ingestJobId: Nullable(Type.String()), status: Type.String(),
  rowCount: Num, score: Num, dimensionScores: Type.Record(Type.String(), Num), error: Nullable(Type.String()), startedAt: Type.String(), finishedAt: Type.String(),
  results: Type.Optional(Type.Array(Result)), issuesOpened: Type.Optional(Type.Integer()), issuesClosed: Type.Optional(Type.Integer()),
});
export const RunList = Obj({ items: Type.Array(Run) });

// ── scores ──
const History = Type.Array(Obj({ day: Type.String(), score: Num }));
export const EntryScores = Obj({ entryId: Uuid, score: Num, dimensionScores: Type.Record(Type.String(), Num), lastRunId: Nullable(Type.String()), lastRunAt: Nullable(Type.String()), history: History });
export const DepartmentScoresQuery = Type.Object({ departmentId: Type.Optional(Uuid), days: Type.Integer({ minimum: 1, maximum: 3660, default: 90 }) });
export const DepartmentScores = Obj({ departmentId: Nullable(Type.String()), history: History });
export const Ranking = Obj({
  items: Type.Array(Obj({
    rank: Type.Integer(), departmentId: Uuid, departmentName: Type.String(), entries: Type.Integer(), score: Num, dimensionScores: Type.Record(Type.String(), Num),
    openIssues: Type.Integer(), overdueIssues: Type.Integer(),
  })),
});

// ── issues ──
const Deadline = Nullable(Obj({ rule: Type.String(), ruleName: Type.String(), responsible: Type.String(), startedOn: Type.String(), dueOn: Nullable(Type.String()), remainingWorkingDays: Num, light: Type.String() }));
export const Issue = Obj({
  id: Uuid, ruleId: Uuid, ruleName: Type.String(), ruleType: Type.String(), ruleTypeLabel: Type.String(), entryId: Uuid, entryName: Type.String(), departmentId: Uuid, departmentName: Type.String(),
  dimension: Type.String(), dimensionLabel: Type.String(), severity: Type.String(), status: Type.String(), statusLabel: Type.String(), resolution: Nullable(Type.String()),
  resolutionLabel: Nullable(Type.String()), failed: Type.Number(), checked: Type.Number(), sampleKeys: Type.Array(Type.String()), firstRunId: Uuid, lastRunId: Uuid, startedOn: Type.String(),
  explanation: Nullable(Type.String()), escalated: Type.Boolean(), escalatedAt: Nullable(Type.String()), overdue: Type.Boolean(), deadline: Deadline, createdAt: Type.String(),
  closedAt: Nullable(Type.String()),
  history: Type.Optional(Type.Array(Obj({ at: Type.String(), actorName: Type.String(), action: Type.String(), fromStatus: Nullable(Type.String()), toStatus: Nullable(Type.String()), note: Nullable(Type.String()) }))),
});
export const IssueQuery = Type.Object({
  entryId: Type.Optional(Uuid), departmentId: Type.Optional(Uuid),
  status: Type.Optional(Type.String({ enum: ['open', 'explaining', 'closed'] })), escalated: Type.Optional(Type.Boolean()), overdue: Type.Optional(Type.Boolean()),
});
export const IssueList = Obj({ items: Type.Array(Issue), total: Type.Integer() });
export const TodoQuery = Type.Object({ role: Type.String({ enum: ['provider', 'bureau'], default: 'provider' }) });
export const Todo = Obj({ items: Type.Array(Issue), counts: Obj({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() }) });
export const ExplainBody = Type.Object({ explanation: Type.String({ maxLength: 2000 }) });
export const ReviewBody = Type.Object({ decision: Type.String({ enum: ['accept', 'reject'] }), note: Type.Optional(Type.String({ maxLength: 2000 })) });
export const Escalation = Obj({ escalated: Type.Integer(), ids: Type.Array(Type.String()) });

// ── code tables ──
const CodeValue = Type.Object({ value: Type.String({ maxLength: 100 }), label: Type.String({ maxLength: 200 }) });
export const CodeTable = Obj({ id: Uuid, code: Type.String(), name: Type.String(), description: Type.String(), builtin: Type.Boolean(), departmentId: Nullable(Type.String()), valueCount: Type.Integer(), updatedAt: Type.String() });
export const CodeTableDetail = Obj({ id: Uuid, code: Type.String(), name: Type.String(), builtin: Type.Boolean(), valueCount: Type.Integer(), values: Type.Array(CodeValue) });
export const CodeTableList = Obj({ items: Type.Array(CodeTable) });
export const CodeTableBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 50 }), name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Type.String({ maxLength: 500 })), values: Type.Array(CodeValue, { maxItems: 20000 }) });
export const CodeTableUpdateBody = Type.Object({ name: Type.Optional(Type.String({ maxLength: 100 })), description: Type.Optional(Type.String({ maxLength: 500 })), values: Type.Optional(Type.Array(CodeValue, { maxItems: 20000 })) });
