// Enumerations of the sharing module, with their Chinese labels (docs/sharing-api.md §2).

const labels = <T extends readonly (readonly [string, string])[]>(list: T) => ({
  values: list.map(([v]) => v) as { [K in keyof T]: T[K] extends readonly [infer V, string] ? V : never }[number][],
  pairs: list.map(([value, label]) => ({ value, label })),
  label: (v: string | null | undefined) => list.find(([x]) => x === v)?.[1] ?? (v ?? ''),
});

export const PURPOSE_TYPE = labels([['administrative_basis', '作为行政依据'], ['work_reference', '工作参考'], ['data_check', '数据校核'], ['business_collaboration', '业务协同'], ['other', '其他']] as const);
export const OPERATION = labels([['query', '查询'], ['batch', '批量查询'], ['verify', '核验'], ['read', '整表读取'], ['subscribe', '订阅']] as const);
export const REFUSAL_REASON = labels([['law_prohibits', '法律法规明确禁止'], ['secret_or_sensitive', '涉及国家秘密或敏感信息'], ['beyond_duty', '超出履职需要'], ['data_unavailable', '数据不存在或未归集'], ['other_legal', '其他法定事由']] as const);
export const REQUEST_STATUS = labels([['checking', '数据局审查中'], ['reviewing', '提供方审核中'], ['granted', '已授权'], ['refused', '已拒绝'], ['arbitrating', '协调中'], ['upheld', '协调维持拒绝'], ['rejected', '审查未通过'], ['withdrawn', '已撤回']] as const);
export const GRANT_STATUS = labels([['active', '有效'], ['expired', '已过期'], ['revoked', '已撤销']] as const);
export const DEMAND_STATUS = labels([['submitted', '待分派'], ['assigned', '待答复'], ['catalogued', '已编目'], ['refused', '已拒绝'], ['closed', '已确认'], ['withdrawn', '已撤回']] as const);
export const RULE_CODES = ['compliance_check', 'provider_review_mounted', 'provider_review_unmounted', 'renewal_review', 'arbitration', 'demand_route', 'demand_answer'] as const;

export type Operation = (typeof OPERATION.values)[number];
export type RequestStatus = (typeof REQUEST_STATUS.values)[number];
export type DemandStatus = (typeof DEMAND_STATUS.values)[number];
export type RuleCode = (typeof RULE_CODES)[number];
