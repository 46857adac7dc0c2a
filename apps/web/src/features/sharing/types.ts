// Shapes of the sharing API (/api/v1/sharing/*), as docs/sharing-api.md defines them.

export type PurposeType = 'administrative_basis' | 'work_reference' | 'data_check' | 'business_collaboration' | 'other';
export type Operation = 'query' | 'batch' | 'verify' | 'read' | 'subscribe';
export type RefusalReason = 'law_prohibits' | 'secret_or_sensitive' | 'beyond_duty' | 'data_unavailable' | 'other_legal';
export type RequestStatus = 'checking' | 'reviewing' | 'granted' | 'refused' | 'arbitrating' | 'upheld' | 'rejected' | 'withdrawn';
export type GrantStatus = 'active' | 'expired' | 'revoked';
export type DemandStatus = 'submitted' | 'assigned' | 'catalogued' | 'refused' | 'closed' | 'withdrawn';
export type Light = 'green' | 'yellow' | 'red' | 'unknown';

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

export interface Rule {
  code: string;
  name: string;
  description: string;
  workingDays: number;
  yellowDays: number;
  enabled: boolean;
}

export interface Settings {
  unconditionalMode: 'auto' | 'check';
  maxValidityDays: number;
  defaultRateLimitPerMinute: number;
  rules: Rule[];
}

export interface SharingMeta {
  purposeTypes: Option<PurposeType>[];
  operations: Option<Operation>[];
  refusalReasons: Option<RefusalReason>[];
  requestStatus: Option<RequestStatus>[];
  grantStatus: Option<GrantStatus>[];
  demandStatus: Option<DemandStatus>[];
  settings?: Settings;
}

export interface Deadline {
  rule: string;
  ruleName: string;
  responsible: 'bureau' | 'provider' | 'requester';
  startedOn: string;
  dueOn: string | null;
  remainingWorkingDays: number | null;
  light: Light;
}

export interface HistoryEntry {
  at: string;
  actorName: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

export interface ShareRequest {
  id: string;
  kind: 'new' | 'renewal';
  grantId: string | null;
  entryId: string;
  entryCode: string;
  entryName: string;
  shareType: 'unconditional' | 'conditional';
  mounted: boolean;
  providerDepartmentId: string;
  providerDepartmentName: string | null;
  requesterDepartmentId: string;
  requesterDepartmentName: string | null;
  requesterName: string | null;
  items: string[];
  itemNames: string[];
  purposeType: PurposeType;
  purposeText: string;
  legalBasis: string;
  scenario: string;
  consumerSystemId: string;
  consumerSystemName: string | null;
  allowedIps: string[];
  validUntil: string;
  expectedDailyVolume: number;
  operations: Operation[];
  status: RequestStatus;
  statusLabel: string;
  refusal: { code: RefusalReason; label: string; text: string } | null;
  arbitrationReason: string | null;
  decisionNote: string | null;
  deadline: Deadline | null;
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
}

export interface RequestInput {
  entryId: string;
  items: string[];
  purposeType: PurposeType;
  purposeText: string;
  legalBasis: string;
  scenario: string;
  consumerSystemId: string;
  allowedIps: string[];
  validUntil: string;
  expectedDailyVolume: number;
  operations: Operation[];
}

/** Optional terms of a grant; each may only tighten what was requested. */
export interface GrantTerms {
  items?: string[];
  operations?: Operation[];
  allowedIps?: string[];
  validUntil?: string;
  rateLimitPerMinute?: number;
  dailyQuota?: number;
  requireCaseNumber?: boolean;
  requireOperatorId?: boolean;
}

export interface Grant {
  id: string;
  requestId: string;
  entryId: string;
  entryCode: string;
  entryName: string;
  providerDepartmentId: string;
  providerDepartmentName: string | null;
  consumerDepartmentId: string;
  consumerDepartmentName: string | null;
  consumerSystemId: string;
  consumerSystemName: string | null;
  items: string[];
  operations: Operation[];
  allowedIps: string[];
  purpose: string | null;
  validFrom: string;
  validUntil: string;
  rateLimitPerMinute: number;
  dailyQuota: number;
  requireCaseNumber: boolean;
  requireOperatorId: boolean;
  status: GrantStatus;
  revokedAt: string | null;
  revokeReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DemandAnswer {
  outcome: 'catalogued' | 'refused';
  entryId: string | null;
  entryName: string | null;
  reasonCode: RefusalReason | null;
  reasonLabel: string | null;
  text: string | null;
}

export interface Demand {
  id: string;
  title: string;
  description: string;
  items: string[];
  purpose: string;
  legalBasis: string;
  requesterDepartmentId: string;
  requesterDepartmentName: string | null;
  targetDepartmentId: string | null;
  targetDepartmentName: string | null;
  providerDepartmentId: string | null;
  providerDepartmentName: string | null;
  status: DemandStatus;
  statusLabel: string;
  answer: DemandAnswer | null;
  satisfied: boolean | null;
  deadline: Deadline | null;
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

export type TodoRole = 'bureau' | 'provider' | 'requester';

export interface TodoItem {
  kind: 'request' | 'demand';
  id: string;
  title: string;
  role: TodoRole;
  status: string;
  statusLabel: string;
  counterpartName: string | null;
  deadline: Deadline | null;
}

export interface TodoList {
  items: TodoItem[];
  counts: { red: number; yellow: number; green: number; none: number };
}

export interface SharingStats {
  demands: { total: number; closed: number; satisfied: number; satisfactionRate: number | null; goal: number };
  requests: { total: number; byStatus: Partial<Record<RequestStatus, number>>; overdue: number };
  grants: { active: number; expired: number; revoked: number };
}

// Labels as the API's GET /meta gives them; used until (or if) /meta has not answered.
export const PURPOSE_TYPE_LABELS: Record<PurposeType, string> = {
  administrative_basis: '作为行政依据', work_reference: '工作参考', data_check: '数据校核', business_collaboration: '业务协同', other: '其他',
};
export const OPERATION_LABELS: Record<Operation, string> = { query: '查询', batch: '批量查询', verify: '核验', read: '整表读取', subscribe: '订阅' };
export const REFUSAL_REASON_LABELS: Record<RefusalReason, string> = {
  law_prohibits: '法律法规明确禁止', secret_or_sensitive: '涉及国家秘密或敏感信息', beyond_duty: '超出履职需要',
  data_unavailable: '数据不存在或未归集', other_legal: '其他法定事由',
};
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  checking: '数据局审查中', reviewing: '提供方审核中', granted: '已授权', refused: '已拒绝', arbitrating: '协调中',
  upheld: '协调维持拒绝', rejected: '审查未通过', withdrawn: '已撤回',
};
export const GRANT_STATUS_LABELS: Record<GrantStatus, string> = { active: '有效', expired: '已过期', revoked: '已撤销' };
export const DEMAND_STATUS_LABELS: Record<DemandStatus, string> = {
  submitted: '待分派', assigned: '待答复', catalogued: '已编目', refused: '已拒绝', closed: '已确认', withdrawn: '已撤回',
};

export const options = <V extends string>(labels: Record<V, string>): Option<V>[] =>
  (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));
