import { useMemo } from 'react';
import { Tag, Timeline, Tooltip, Typography } from 'antd';
import { formatDate, formatDateTime } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import {
  DEMAND_STATUS_LABELS, GRANT_STATUS_LABELS, OPERATION_LABELS, PURPOSE_TYPE_LABELS, REFUSAL_REASON_LABELS, REQUEST_STATUS_LABELS,
  type Deadline, type DemandStatus, type GrantStatus, type HistoryEntry, type Light, type Operation, type PurposeType,
  type RefusalReason, type RequestStatus, type SharingMeta,
} from './types';
import './sharing.css';

/** GET /sharing/meta (labels and settings); the built-in labels stand in while it loads or if it fails. */
export function useSharingMeta() {
  const query = useApiQuery<SharingMeta>('/sharing/meta');
  return useMemo(() => {
    const m = query.data;
    const find = (list: { value: string; label: string }[] | undefined, v: string) => list?.find((o) => o.value === v)?.label;
    return {
      ...query,
      settings: m?.settings,
      purposeLabel: (v: PurposeType | string) => find(m?.purposeTypes, v) ?? PURPOSE_TYPE_LABELS[v as PurposeType] ?? v,
      operationLabel: (v: Operation | string) => find(m?.operations, v) ?? OPERATION_LABELS[v as Operation] ?? v,
      refusalLabel: (v: RefusalReason | string) => find(m?.refusalReasons, v) ?? REFUSAL_REASON_LABELS[v as RefusalReason] ?? v,
      purposeOptions: m?.purposeTypes ?? (Object.keys(PURPOSE_TYPE_LABELS) as PurposeType[]).map((value) => ({ value, label: PURPOSE_TYPE_LABELS[value] })),
      operationOptions: m?.operations ?? (Object.keys(OPERATION_LABELS) as Operation[]).map((value) => ({ value, label: OPERATION_LABELS[value] })),
      refusalOptions: m?.refusalReasons ?? (Object.keys(REFUSAL_REASON_LABELS) as RefusalReason[]).map((value) => ({ value, label: REFUSAL_REASON_LABELS[value] })),
    };
  }, [query]);
}

const REQUEST_COLOR: Record<RequestStatus, string> = {
  checking: 'processing', reviewing: 'blue', granted: 'success', refused: 'error', arbitrating: 'purple', upheld: 'volcano',
  rejected: 'warning', withdrawn: 'default',
};

export function RequestStatusTag({ status, label }: { status: RequestStatus; label?: string }) {
  return (
    <Tag color={REQUEST_COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="sharing-request-status" data-status={status}>
      {label || REQUEST_STATUS_LABELS[status] || status}
    </Tag>
  );
}

const GRANT_COLOR: Record<GrantStatus, string> = { active: 'success', expired: 'default', revoked: 'error' };

export function GrantStatusTag({ status }: { status: GrantStatus }) {
  return (
    <Tag color={GRANT_COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="sharing-grant-status" data-status={status}>
      {GRANT_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

const DEMAND_COLOR: Record<DemandStatus, string> = {
  submitted: 'processing', assigned: 'blue', catalogued: 'success', refused: 'error', closed: 'default', withdrawn: 'default',
};

export function DemandStatusTag({ status, label }: { status: DemandStatus; label?: string }) {
  return (
    <Tag color={DEMAND_COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="sharing-demand-status" data-status={status}>
      {label || DEMAND_STATUS_LABELS[status] || status}
    </Tag>
  );
}

export const LIGHT_COLOR: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', unknown: '#bfbfbf' };
const LIGHT_TEXT: Record<Light, string> = { red: '逾期', yellow: '临期', green: '正常', unknown: '无法计算' };
const LIGHT_TAG_COLOR: Record<Light, string> = { red: 'red', yellow: 'gold', green: 'green', unknown: 'default' };
const RESPONSIBLE_TEXT: Record<Deadline['responsible'], string> = { bureau: '数据局办理', provider: '提供方办理', requester: '申请方办理' };

/** "剩余 3 个工作日" / "今日到期" / "已逾期 2 个工作日". */
export function remainingText(d: Deadline): string {
  const r = d.remainingWorkingDays;
  if (d.light === 'unknown') return '工作日历缺少年份，无法计算期限';
  if (r === null) return d.dueOn ? `${formatDate(d.dueOn)} 到期` : '无期限';
  if (r < 0) return `已逾期 ${-r} 个工作日`;
  if (r === 0) return '今日到期';
  return `剩余 ${r} 个工作日`;
}

/** 红/黄/绿 tag for a to-do list row. */
export function LightTag({ deadline }: { deadline: Deadline | null }) {
  if (!deadline) return <Tag style={{ marginInlineEnd: 0 }}>无时限</Tag>;
  const light = deadline.light;
  const name = { red: '红灯', yellow: '黄灯', green: '绿灯', unknown: '' }[light];
  return (
    <Tag color={LIGHT_TAG_COLOR[light]} style={{ marginInlineEnd: 0 }} data-testid="sharing-light" data-light={light}>
      {light === 'unknown' ? LIGHT_TEXT.unknown : `${name} · ${LIGHT_TEXT[light]}`}
    </Tag>
  );
}

/** Traffic-light dot, due date and remaining working days, with the rule in the tooltip. */
export function DeadlineLight({ deadline, compact }: { deadline: Deadline; compact?: boolean }) {
  const due = compact ? null : deadline.dueOn ? `${formatDate(deadline.dueOn)} 截止` : '截止日未知';
  return (
    <Tooltip
      title={
        <div>
          <div>{deadline.ruleName}（{RESPONSIBLE_TEXT[deadline.responsible] ?? deadline.responsible}）</div>
          <div>起算日：{formatDate(deadline.startedOn)}</div>
          <div>截止日：{formatDate(deadline.dueOn)}</div>
        </div>
      }
    >
      <span className="sharing-light">
        <span className="sharing-light-dot" style={{ background: LIGHT_COLOR[deadline.light] }} aria-hidden />
        <span>
          {due}
          <Typography.Text
            type={deadline.light === 'red' ? 'danger' : deadline.light === 'yellow' ? 'warning' : 'secondary'}
            strong={deadline.light === 'red'}
            style={due ? { marginInlineStart: 6, fontSize: 12 } : undefined}
          >
            {remainingText(deadline)}
          </Typography.Text>
        </span>
      </span>
    </Tooltip>
  );
}

export const responsibleText = (d: Deadline) => RESPONSIBLE_TEXT[d.responsible] ?? d.responsible;

const ACTION_TEXT: Record<string, string> = {
  'request.create': '提交申请', 'request.auto_grant': '自动授权', 'request.check': '数据局符合性审查', 'request.review': '提供方审核',
  'request.transfer': '转交', 'request.withdraw': '撤回申请', 'request.arbitration.request': '申请数据局协调',
  'request.arbitration.decide': '数据局协调裁决',
  'grant.create': '生成授权', 'grant.renew': '授权续期', 'grant.revoke': '撤销授权',
  'demand.create': '提出需求', 'demand.route': '数据局分派', 'demand.transfer': '转交', 'demand.answer': '提供部门答复',
  'demand.confirm': '确认满足情况', 'demand.withdraw': '撤回需求',
};

/** Label of a history action (`request.check`, `sharing.request.check`). */
export function actionText(action: string): string {
  const key = action.replace(/^sharing\./, '');
  return ACTION_TEXT[key] ?? action;
}

/** The record's steps, oldest first, with the current open step (and its deadline) at the end. */
export function HistoryTimeline({ history, statusLabel, current }: {
  history: HistoryEntry[];
  statusLabel: (s: string) => string;
  /** The open step, shown last as pending. */
  current?: { title: React.ReactNode; deadline: Deadline | null } | null;
}) {
  const items = history.map((h, i) => ({
    key: `${h.at}-${i}`,
    color: h.toStatus === 'refused' || h.toStatus === 'rejected' || h.toStatus === 'upheld' ? 'red' : h.toStatus === 'granted' || h.toStatus === 'catalogued' ? 'green' : 'blue',
    content: (
      <div data-testid="sharing-history-step">
        <Typography.Text strong>{actionText(h.action)}</Typography.Text>
        {h.toStatus ? (
          <Typography.Text type="secondary">
            {' · '}
            {h.fromStatus && h.fromStatus !== h.toStatus && !h.action.startsWith('grant.') ? `${statusLabel(h.fromStatus)} → ` : ''}
            {h.action.startsWith('grant.') ? GRANT_STATUS_LABELS[h.toStatus as GrantStatus] ?? h.toStatus : statusLabel(h.toStatus)}
          </Typography.Text>
        ) : null}
        <div className="sharing-muted">
          {formatDateTime(h.at)}
          {h.actorName ? ` · ${h.actorName}` : ''}
        </div>
        {h.note ? <div style={{ marginTop: 2, whiteSpace: 'pre-wrap' }}>{h.note}</div> : null}
      </div>
    ),
  }));
  if (current) {
    items.push({
      key: 'current',
      color: current.deadline ? LIGHT_COLOR[current.deadline.light] : 'gray',
      content: (
        <div>
          <Typography.Text strong>{current.title}</Typography.Text>
          {current.deadline ? (
            <div style={{ marginTop: 2 }}>
              <DeadlineLight deadline={current.deadline} />
            </div>
          ) : null}
        </div>
      ),
    });
  }
  return <Timeline items={items} />;
}

const IPV4 = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP_RE = new RegExp(`^${IPV4}(\\.${IPV4}){3}(\\/(3[0-2]|[12]?\\d))?$`);

/** An IPv4 address or CIDR block (10.1.2.3, 10.1.2.0/24). */
export const isIpOrCidr = (s: string) => IP_RE.test(s.trim());

/** Form rule for a tags input of IPs: at least one, each IPv4 or CIDR. */
export const ipListRule = (required: boolean) => ({
  validator: async (_: unknown, value: string[] | undefined) => {
    const list = value ?? [];
    if (required && list.length === 0) throw new Error('请至少填写一个调用方 IP 地址');
    const bad = list.filter((ip) => !isIpOrCidr(ip));
    if (bad.length) throw new Error(`不是有效的 IPv4 地址或 CIDR 网段：${bad.join('、')}`);
  },
});
