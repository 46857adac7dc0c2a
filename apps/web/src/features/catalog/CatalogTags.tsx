import { Badge, Flex, Tag, Tooltip, Typography } from 'antd';
import { formatDate } from '../../ui/format';
import type { Deadline, EntryStatus, Light, MountStatus, OpenType, ReportStatus, ShareType } from './types';
import { useCatalogMeta } from './useCatalogMeta';

const STATUS_COLOR: Record<EntryStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  published: 'success',
  change_submitted: 'processing',
  change_returned: 'warning',
  withdrawal_submitted: 'gold',
  withdrawn: 'default',
};

export function StatusTag({ status, dirty }: { status: EntryStatus; dirty?: boolean }) {
  const { label } = useCatalogMeta();
  return (
    <Flex gap={4} wrap={false} style={{ display: 'inline-flex' }}>
      <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>{label('EntryStatus', status)}</Tag>
      {dirty && status === 'published' ? (
        <Tooltip title="工作副本已修改，尚未提交变更审核">
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>有未提交修改</Tag>
        </Tooltip>
      ) : null}
    </Flex>
  );
}

const OPENNESS_COLOR: Record<ShareType, string> = { unconditional: 'green', conditional: 'blue', none: 'red' };

export function ShareTypeTag({ value, inherited }: { value: ShareType | null | undefined; inherited?: boolean }) {
  const { label } = useCatalogMeta();
  if (!value) return <Typography.Text type="secondary">{inherited ? '同目录' : '—'}</Typography.Text>;
  return <Tag color={OPENNESS_COLOR[value]} style={{ marginInlineEnd: 0 }}>{label('ShareType', value)}</Tag>;
}

export function OpenTypeTag({ value, inherited }: { value: OpenType | null | undefined; inherited?: boolean }) {
  const { label } = useCatalogMeta();
  if (!value) return <Typography.Text type="secondary">{inherited ? '同目录' : '—'}</Typography.Text>;
  return <Tag color={OPENNESS_COLOR[value]} variant="outlined" style={{ marginInlineEnd: 0 }}>{label('OpenType', value)}</Tag>;
}

const REPORT_COLOR: Record<ReportStatus, string> = { not_reported: 'default', reported: 'processing', synced: 'success', rejected: 'error' };

export function ReportStatusTag({ value, note }: { value: ReportStatus; note?: string | null }) {
  const { label } = useCatalogMeta();
  const tag = <Tag color={REPORT_COLOR[value]} style={{ marginInlineEnd: 0 }}>{label('ReportStatus', value)}</Tag>;
  return note ? <Tooltip title={note}>{tag}</Tooltip> : tag;
}

const MOUNT_BADGE: Record<MountStatus, 'default' | 'success' | 'error' | 'processing'> = {
  registered: 'processing',
  available: 'success',
  invalid: 'error',
  disabled: 'default',
};

export function MountStatusBadge({ status, note }: { status: MountStatus; note?: string | null }) {
  const { label } = useCatalogMeta();
  const badge = <Badge status={MOUNT_BADGE[status]} text={label('MountStatus', status)} />;
  return note ? <Tooltip title={note}>{badge}</Tooltip> : badge;
}

export const LIGHT_COLOR: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', unknown: '#bfbfbf' };

const LIGHT_TAG: Record<Light, { color: string; text: string }> = {
  red: { color: 'red', text: '红灯' },
  yellow: { color: 'gold', text: '黄灯' },
  green: { color: 'green', text: '绿灯' },
  unknown: { color: 'default', text: '无法计算' },
};

/** 红/黄/绿 as a tag with its meaning (逾期 / 临期 / 正常), for lists of deadlines. */
export function LightTag({ light }: { light: Light }) {
  const { label } = useCatalogMeta();
  const t = LIGHT_TAG[light];
  return (
    <Tag color={t.color} style={{ marginInlineEnd: 0 }}>
      {light === 'unknown' ? t.text : `${t.text} · ${label('Light', light)}`}
    </Tag>
  );
}

/** "剩余 3 个工作日" / "今日到期" / "已逾期 2 个工作日", or why it cannot be computed. */
export function remainingText(deadline: Deadline): string {
  const remaining = deadline.remainingWorkingDays;
  if (deadline.light === 'unknown') return deadline.problem ?? '无法计算期限';
  if (remaining === null) return `${formatDate(deadline.dueOn)} 到期`;
  if (remaining < 0) return `已逾期 ${-remaining} 个工作日`;
  if (remaining === 0) return '今日到期';
  return `剩余 ${remaining} 个工作日`;
}

/** A traffic-light dot with its meaning. */
export function LightDot({ light, text }: { light: Light; text?: React.ReactNode }) {
  const { label } = useCatalogMeta();
  return (
    <span className="catalog-light">
      <span className="catalog-light-dot" style={{ background: LIGHT_COLOR[light] }} aria-hidden />
      {text ?? label('Light', light)}
    </span>
  );
}

/**
 * 时限灯 with due date and remaining working days, as the to-do lists show it. `compact` (for list columns) leaves
 * the due date to the tooltip, which always has the rule and both dates.
 */
export function DeadlineLight({ deadline, showRule, compact }: { deadline: Deadline; showRule?: boolean; compact?: boolean }) {
  const detail = remainingText(deadline);
  const due = compact ? null : deadline.dueOn ? `${formatDate(deadline.dueOn)} 截止` : '截止日未知';
  return (
    <Tooltip
      title={
        <div>
          <div>{deadline.ruleName}（{deadline.responsible === 'bureau' ? '数据局办理' : '部门办理'}）</div>
          <div>起算日：{formatDate(deadline.startedOn)}</div>
          <div>截止日：{formatDate(deadline.dueOn)}</div>
          {deadline.problem ? <div>{deadline.problem}</div> : null}
        </div>
      }
    >
      <span className="catalog-light">
        <span className="catalog-light-dot" style={{ background: LIGHT_COLOR[deadline.light] }} aria-hidden />
        <span>
          {showRule ? <Typography.Text type="secondary">{deadline.ruleName} · </Typography.Text> : null}
          {due}
          <Typography.Text type={deadline.light === 'red' ? 'danger' : deadline.light === 'yellow' ? 'warning' : 'secondary'} style={due ? { marginInlineStart: 6, fontSize: 12 } : undefined}>
            {detail}
          </Typography.Text>
        </span>
      </span>
    </Tooltip>
  );
}

const LIGHT_RANK: Record<Light, number> = { red: 3, yellow: 2, unknown: 1, green: 0 };

/** The most urgent of several deadlines (red before yellow before green). */
export function worstDeadline(deadlines: readonly Deadline[]): Deadline | null {
  let worst: Deadline | null = null;
  for (const d of deadlines) {
    if (!worst || LIGHT_RANK[d.light] > LIGHT_RANK[worst.light]
      || (LIGHT_RANK[d.light] === LIGHT_RANK[worst.light] && (d.remainingWorkingDays ?? 0) < (worst.remainingWorkingDays ?? 0))) {
      worst = d;
    }
  }
  return worst;
}

/** Marks every occurrence of the query in the text (plain substring, as the user typed it). */
export function Highlight({ text, query }: { text: string; query: string | undefined }) {
  const q = (query ?? '').trim();
  if (!q) return <>{text}</>;
  const terms = [...new Set(q.split(/\s+/).filter(Boolean))].sort((a, b) => b.length - a.length);
  const parts: React.ReactNode[] = [];
  let i = 0;
  let key = 0;
  while (i < text.length) {
    let hit: string | null = null;
    for (const t of terms) {
      if (text.startsWith(t, i)) {
        hit = t;
        break;
      }
    }
    if (hit) {
      parts.push(<mark key={key++} className="catalog-mark">{hit}</mark>);
      i += hit.length;
    } else {
      let j = i + 1;
      while (j < text.length && !terms.some((t) => text.startsWith(t, j))) j++;
      parts.push(text.slice(i, j));
      i = j;
    }
  }
  return <>{parts}</>;
}
