// Enumerations of the quality module, with their Chinese labels (docs/quality-api.md §2).

const labels = <T extends readonly (readonly [string, string])[]>(list: T) => ({
  values: list.map(([v]) => v) as { [K in keyof T]: T[K] extends readonly [infer V, string] ? V : never }[number][],
  pairs: list.map(([value, label]) => ({ value, label })),
  label: (v: string | null | undefined) => list.find(([x]) => x === v)?.[1] ?? (v ?? ''),
});

export const RULE_TYPE = labels([
  ['not_null', '非空'], ['unique', '唯一'], ['regex', '正则格式'], ['length', '长度'], ['range', '取值范围'], ['code_table', '代码表取值'],
  ['id_number', '公民身份号码（GB 11643）'], ['credit_code', '统一社会信用代码（GB 32100）'], ['date_valid', '日期有效且不晚于今天'],
  ['reference', '引用存在（参照其他目录）'], ['freshness', '更新及时'], ['row_count_change', '记录数波动'], ['cross_source', '跨源一致（权威来源）'],
  ['custom_sql', '自定义 SQL'],
] as const);
export const DIMENSION = labels([['completeness', '完整性'], ['validity', '准确性/有效性'], ['consistency', '一致性'], ['uniqueness', '唯一性'], ['timeliness', '及时性']] as const);
export const SEVERITY = labels([['high', '高'], ['medium', '中'], ['low', '低']] as const);
export const ISSUE_STATUS = labels([['open', '待整改'], ['explaining', '说明待审核'], ['closed', '已关闭']] as const);
export const RESOLUTION = labels([['fixed', '已整改（复核通过）'], ['explained', '说明已采纳'], ['rule_removed', '规则已删除或停用']] as const);
export const TRIGGER = labels([['manual', '手动'], ['ingest', '归集后'], ['schedule', '定时']] as const);
export const FREQUENCY_DAYS = labels([
  ['realtime', '实时（1 天）'], ['daily', '每日（1 天）'], ['weekly', '每周（7 天）'], ['monthly', '每月（31 天）'], ['quarterly', '每季度（92 天）'],
  ['half_yearly', '每半年（183 天）'], ['yearly', '每年（366 天）'],
] as const);
export const FREQUENCY_MAX_AGE: Record<string, number> = { realtime: 1, daily: 1, weekly: 7, monthly: 31, quarterly: 92, half_yearly: 183, yearly: 366 };
export const DEADLINE_RULE_CODES = ['rectify_high', 'rectify_medium', 'rectify_low', 'explanation_review'] as const;

export type RuleType = (typeof RULE_TYPE.values)[number];
export type Dimension = (typeof DIMENSION.values)[number];
export type Severity = (typeof SEVERITY.values)[number];

/** Rule types that check one or more data items (the others look at the whole table). */
export const ITEM_RULES: readonly RuleType[] = ['not_null', 'unique', 'regex', 'length', 'range', 'code_table', 'id_number', 'credit_code', 'date_valid', 'reference', 'cross_source'];

export const DEFAULT_DIMENSION: Record<RuleType, Dimension> = {
  not_null: 'completeness', unique: 'uniqueness', regex: 'validity', length: 'validity', range: 'validity', code_table: 'validity', id_number: 'validity',
  credit_code: 'validity', date_valid: 'validity', reference: 'consistency', cross_source: 'consistency', freshness: 'timeliness', row_count_change: 'timeliness',
  custom_sql: 'validity',
};
