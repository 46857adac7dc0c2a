// Enumerations of the disputes module with their Chinese labels (docs/disputes-api.md §2).

const labels = <T extends readonly (readonly [string, string])[]>(list: T) => ({
  values: list.map(([v]) => v) as { [K in keyof T]: T[K] extends readonly [infer V, string] ? V : never }[number][],
  pairs: list.map(([value, label]) => ({ value, label })),
  label: (v: string | null | undefined) => list.find(([x]) => x === v)?.[1] ?? (v ?? ''),
});

export const DISPUTE_STATUS = labels([
  ['submitted', '待受理'], ['verifying', '核实中'], ['corrected', '已更正'], ['refuted', '核实无误'], ['invalid', '不予受理'], ['withdrawn', '已撤回'],
] as const);
export type DisputeStatus = (typeof DISPUTE_STATUS.values)[number];
export const OPEN_STATUSES = ['submitted', 'verifying'] as const;
export const RULE_CODES = ['accept', 'verify'] as const;
