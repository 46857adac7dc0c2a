import { Tag, Tooltip, Typography } from 'antd';
import type { DisputeDeadline, DisputeStatus } from './types';

const STATUS_COLORS: Record<DisputeStatus, string> = {
  submitted: 'blue', verifying: 'orange', corrected: 'green', refuted: 'cyan', invalid: 'default', withdrawn: 'default',
};

export function DisputeStatusTag({ status, label }: { status: DisputeStatus; label: string }) {
  return <Tag color={STATUS_COLORS[status]} data-testid="dispute-status">{label}</Tag>;
}

const LIGHT_COLORS = { red: 'red', yellow: 'gold', green: 'green', unknown: 'default' } as const;

/** The current step's due date as a red/yellow/green light (red = overdue, escalated to the bureau). */
export function DisputeDeadlineLight({ deadline }: { deadline: DisputeDeadline | null }) {
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = deadline.dueOn === null
    ? '时限未知'
    : deadline.overdue
      ? `已超期 ${Math.abs(deadline.remainingWorkingDays ?? 0)} 个工作日`
      : `剩余 ${deadline.remainingWorkingDays ?? '?'} 个工作日`;
  return (
    <Tooltip title={`${deadline.ruleName}：${deadline.startedOn} 起，${deadline.dueOn ?? '—'} 前办结`}>
      <Tag color={LIGHT_COLORS[deadline.light]} data-testid="dispute-deadline">{deadline.overdue ? '督办 · ' : ''}{text}</Tag>
    </Tooltip>
  );
}

export const formatSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);
