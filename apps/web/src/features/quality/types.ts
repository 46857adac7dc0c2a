// Shapes of /api/v1/quality (docs/quality-api.md).

export interface Pair { value: string; label: string }
export type Light = 'red' | 'yellow' | 'green' | 'unknown';

export interface QualityMeta {
  ruleTypes: Pair[]; dimensions: Pair[]; severities: Pair[]; issueStatus: Pair[]; frequencies: Pair[];
  settings: { scheduleIntervalHours: number; weights: { high: number; medium: number; low: number }; deadlineRules: { code: string; name: string; workingDays: number; yellowDays: number; enabled: boolean }[] };
}
export interface QualityEntry { entryId: string; entryName: string; departmentId: string; rules: number; lastRunId: string | null; lastRunAt: string | null; score: number | null }
export interface Rule {
  id: string; entryId: string; type: string; typeLabel: string; name: string; items: string[]; dimension: string; severity: string; params: Record<string, unknown>; enabled: boolean;
}
export interface RuleList {
  entryId: string; entryName: string | null; mounted: boolean;
  columns: { itemCodeName: string; itemName: string; column: string; dataType: string | null; authoritative: boolean }[];
  items: Rule[];
}
export interface RunResult { ruleId: string; ruleTypeLabel: string; ruleName: string; dimension: string; severity: string; checked: number; failed: number; passRate: number | null; sampleKeys: string[]; error: string | null; durationMs: number }
export interface Run {
  id: string; entryId: string; entryName: string; trigger: string; triggerLabel: string; status: string; rowCount: number | null; score: number | null;
  dimensionScores: Record<string, number | null>; error: string | null; startedAt: string; results?: RunResult[];
}
export interface Deadline { rule: string; ruleName: string; responsible: string; startedOn: string; dueOn: string | null; remainingWorkingDays: number | null; light: Light }
export interface Issue {
  id: string; ruleName: string; ruleTypeLabel: string; entryId: string; entryName: string; departmentName: string; dimensionLabel: string; severity: string; status: string;
  statusLabel: string; resolutionLabel: string | null; failed: number; checked: number; sampleKeys: string[]; startedOn: string; explanation: string | null;
  escalated: boolean; overdue: boolean; deadline: Deadline | null;
  history?: { at: string; actorName: string; action: string; note: string | null }[];
}
export interface RankingRow {
  rank: number; departmentId: string; departmentName: string; entries: number; score: number | null; dimensionScores: Record<string, number | null>; openIssues: number; overdueIssues: number;
}
export interface CodeTable { id: string; code: string; name: string; description: string; builtin: boolean; valueCount: number }

export const DIMENSIONS: Pair[] = [
  { value: 'completeness', label: '完整性' }, { value: 'validity', label: '准确性/有效性' }, { value: 'consistency', label: '一致性' },
  { value: 'uniqueness', label: '唯一性' }, { value: 'timeliness', label: '及时性' },
];
export const SEVERITY_LABEL: Record<string, string> = { high: '高', medium: '中', low: '低' };
export const SEVERITY_COLOR: Record<string, string> = { high: 'red', medium: 'orange', low: 'blue' };
export const LIGHT_COLOR: Record<Light, string> = { red: '#ff4d4f', yellow: '#faad14', green: '#52c41a', unknown: '#d9d9d9' };
export const dimensionLabel = (v: string) => DIMENSIONS.find((d) => d.value === v)?.label ?? v;
export const scoreText = (s: number | null | undefined) => (s === null || s === undefined ? '—' : s.toFixed(2));
