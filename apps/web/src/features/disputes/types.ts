// Shapes of /api/v1/disputes (docs/disputes-api.md).

export type DisputeStatus = 'submitted' | 'verifying' | 'corrected' | 'refuted' | 'invalid' | 'withdrawn';
export type Light = 'red' | 'yellow' | 'green' | 'unknown';

export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, string> = {
  submitted: '待受理', verifying: '核实中', corrected: '已更正', refuted: '核实无误', invalid: '不予受理', withdrawn: '已撤回',
};
export const statusOptions = Object.entries(DISPUTE_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export interface DisputeDeadline {
  rule: string;
  ruleName: string;
  responsible: 'bureau' | 'provider';
  startedOn: string;
  dueOn: string | null;
  remainingWorkingDays: number | null;
  light: Light;
  overdue: boolean;
}

export interface DisputeItem {
  codeName: string;
  name: string;
  seenValue: string | null;
  currentValue: string | null;
  expectedValue: string | null;
  correctedValue: string | null;
}

export interface DisputeSummary {
  id: string;
  entryId: string;
  entryName: string;
  recordKey: string;
  keyItem: string;
  items: DisputeItem[];
  reason: string;
  raiserName: string;
  raiserUserId: string | null;
  raiserDepartmentId: string;
  raiserDepartmentName: string;
  providerDepartmentId: string;
  providerDepartmentName: string;
  status: DisputeStatus;
  statusLabel: string;
  decisionNote: string | null;
  deadline: DisputeDeadline | null;
  escalated: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  acceptedAt: string | null;
  closedAt: string | null;
}

export interface Dispute extends DisputeSummary {
  marks: string[];
  evidence: { id: string; fileName: string; contentType: string; size: number; sm3: string; uploaderName: string; createdAt: string }[];
  history: { at: string; actorName: string; action: string; fromStatus: string | null; toStatus: string | null; note: string | null }[];
}

export interface DisputeNotifications {
  unread: number;
  items: { id: string; disputeId: string; title: string; body: string; createdAt: string; readAt: string | null }[];
}

export interface DisputeRule {
  code: string;
  name: string;
  description: string;
  workingDays: number;
  yellowDays: number;
  enabled: boolean;
}

export const ACTION_LABELS: Record<string, string> = {
  raise: '提出异议', evidence: '上传证明材料', accept: '受理并转交核实', reject: '不予受理', reroute: '改派核实部门', correct: '核实更正', refute: '核实无误', withdraw: '撤回',
};
