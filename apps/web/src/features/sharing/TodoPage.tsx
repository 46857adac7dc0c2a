import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Segmented, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { SettingsPanel } from './SettingsPanel';
import { LIGHT_COLOR, LightTag, remainingText } from './sharing-ui';
import type { Light, TodoItem, TodoList, TodoRole } from './types';

type LightKey = Exclude<Light, 'unknown'> | 'none';
type View = TodoRole | 'escalations' | 'rules';

const ROLE_TEXT: Record<View, string> = { bureau: '数据局审查与协调', provider: '提供方审核与答复', requester: '本部门申请跟踪', escalations: '逾期督办', rules: '时限规则' };
const ROLE_HINT: Record<View, string> = {
  bureau: '符合性审查、协调裁决、需求分派',
  provider: '申请本部门数据的审核，分派给本部门的需求答复',
  requester: '本部门提出、尚未办结的申请，和待确认的需求答复',
  escalations: '全市所有逾期环节，逾期最久的在前',
  rules: '各办理环节的时限和共享参数',
};
const SUMMARY: { light: LightKey; label: string; hint: string; color: string }[] = [
  { light: 'red', label: '逾期', hint: '已超过截止日', color: LIGHT_COLOR.red },
  { light: 'yellow', label: '临期', hint: '剩余工作日不多于提醒天数', color: LIGHT_COLOR.yellow },
  { light: 'green', label: '正常', hint: '在时限内', color: LIGHT_COLOR.green },
  { light: 'none', label: '无时限', hint: '等待申请方处理等', color: '#d9d9d9' },
];

const lightOf = (t: TodoItem): LightKey => (t.deadline ? (t.deadline.light === 'unknown' ? 'none' : t.deadline.light) : 'none');
const linkOf = (t: TodoItem) => (t.kind === 'request' ? `/sharing/requests/${t.id}` : `/sharing/demands?demandId=${t.id}`);

/** 共享待办: the queues of each role the user holds, with red/yellow/green deadlines; the bureau also sees escalations. */
export function TodoPage() {
  const { canAny, can } = useAuth();
  const views = useMemo(() => {
    const v: View[] = [];
    if (canAny(['sharing.request.check', 'sharing.arbitrate', 'sharing.demand.route'])) v.push('bureau');
    if (canAny(['sharing.request.review', 'sharing.demand.answer'])) v.push('provider');
    if (canAny(['sharing.request.create', 'sharing.demand.create'])) v.push('requester');
    if (can('sharing.request.check')) v.push('escalations');
    v.push('rules');
    return v;
  }, [canAny, can]);
  const [view, setView] = useState<View>(views[0] ?? 'requester');

  return (
    <>
      <PageHeader title="共享待办" subtitle="共享申请和供需对接的待办事项，按工作日计算时限：红灯逾期、黄灯临期、绿灯正常" />
      {views.length > 1 ? (
        <Segmented<View>
          value={view}
          onChange={setView}
          options={views.map((v) => ({ value: v, label: ROLE_TEXT[v] }))}
          style={{ marginBottom: 16 }}
          data-testid="sharing-todo-role"
        />
      ) : null}
      {view === 'rules' ? <SettingsPanel editable={can('sharing.rule.manage')} /> : <TodoQueue key={view} view={view} />}
    </>
  );
}

function TodoQueue({ view }: { view: View }) {
  const todo = useApiQuery<TodoList | { items: TodoItem[] }>(
    view === 'escalations' ? '/sharing/escalations' : '/sharing/todo',
    view === 'escalations' ? undefined : { role: view },
  );
  const [light, setLight] = useState<LightKey | null>(null);
  const [q, setQ] = useState('');
  const items = useMemo(() => todo.data?.items ?? [], [todo.data]);
  const counts = useMemo(() => {
    const c: Record<LightKey, number> = { red: 0, yellow: 0, green: 0, none: 0 };
    for (const t of items) c[lightOf(t)] += 1;
    return c;
  }, [items]);
  const rows = useMemo(() => {
    const text = q.trim();
    return items.filter((t) => (!light || lightOf(t) === light) && (!text || t.title.includes(text) || (t.counterpartName ?? '').includes(text)));
  }, [items, light, q]);

  const columns: TableColumnsType<TodoItem> = [
    { title: '时限灯', key: 'light', width: 118, render: (_: unknown, t) => <LightTag deadline={t.deadline} /> },
    {
      title: '事项',
      key: 'title',
      render: (_: unknown, t) => (
        <div style={{ minWidth: 200 }}>
          <Tag color={t.kind === 'request' ? 'blue' : 'purple'}>{t.kind === 'request' ? '共享申请' : '共享需求'}</Tag>
          <Link to={linkOf(t)} data-testid="sharing-todo-link">{t.title}</Link>
        </div>
      ),
    },
    { title: '对方部门', dataIndex: 'counterpartName', render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', render: (_: unknown, t) => <Tag>{t.statusLabel}</Tag> },
    { title: '办理环节', key: 'rule', render: (_: unknown, t) => t.deadline?.ruleName ?? '—' },
    { title: '起算日', key: 'startedOn', render: (_: unknown, t) => formatDate(t.deadline?.startedOn) },
    {
      title: '截止日',
      key: 'dueOn',
      sorter: (a, b) => (a.deadline?.dueOn ?? '9999').localeCompare(b.deadline?.dueOn ?? '9999'),
      render: (_: unknown, t) => formatDate(t.deadline?.dueOn),
    },
    {
      title: '剩余工作日',
      key: 'remaining',
      align: 'right',
      sorter: (a, b) => (a.deadline?.remainingWorkingDays ?? Infinity) - (b.deadline?.remainingWorkingDays ?? Infinity),
      render: (_: unknown, t) => {
        const d = t.deadline;
        if (!d) return '—';
        const type = d.light === 'red' ? 'danger' : d.light === 'yellow' ? 'warning' : d.light === 'unknown' ? 'secondary' : undefined;
        return (
          <Tooltip title={remainingText(d)}>
            <Typography.Text type={type} strong={d.light === 'red'} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              {d.remainingWorkingDays === null ? '—' : d.remainingWorkingDays < 0 ? `逾期 ${-d.remainingWorkingDays} 天` : `${d.remainingWorkingDays} 天`}
            </Typography.Text>
          </Tooltip>
        );
      },
    },
    { title: '操作', key: 'ops', fixed: 'right', render: (_: unknown, t) => <Link to={linkOf(t)}>去办理</Link> },
  ];

  return (
    <>
      {todo.error ? null : (
        <div className="sharing-summary" role="group" aria-label="时限灯统计">
          {SUMMARY.filter((s) => view !== 'escalations' || s.light === 'red').map((s) => (
            <button
              key={s.light}
              type="button"
              className={`sharing-summary-card${light === s.light ? ' is-active' : ''}`}
              style={{ borderTopColor: s.color }}
              onClick={() => setLight(light === s.light ? null : s.light)}
              aria-pressed={light === s.light}
              data-testid={`sharing-todo-count-${s.light}`}
            >
              <span>{s.label}</span>
              <span className="sharing-summary-value" style={{ color: s.light === 'red' && counts.red > 0 ? '#cf1322' : undefined }}>
                {todo.data ? counts[s.light] : <Skeleton.Input active size="small" style={{ width: 40, minWidth: 40 }} />}
                <span className="sharing-muted"> 项</span>
              </span>
              <span className="sharing-muted">{s.hint}</span>
            </button>
          ))}
        </div>
      )}
      <Card variant="borderless" title={ROLE_TEXT[view]} extra={<Typography.Text type="secondary">{ROLE_HINT[view]}</Typography.Text>}>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input
            allowClear
            prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
            placeholder="事项或对方部门"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 240 }}
          />
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={todo.reload} aria-label="刷新" />
          </Tooltip>
          {light ? <Button type="link" onClick={() => setLight(null)}>显示全部</Button> : null}
        </Flex>
        {todo.error ? <ErrorAlert error={todo.error} title="待办加载失败" onRetry={todo.reload} style={{ marginBottom: 16 }} /> : null}
        <Table<TodoItem>
          rowKey={(t) => `${t.kind}-${t.id}-${t.role}`}
          columns={columns}
          dataSource={todo.error ? [] : rows}
          loading={todo.loading}
          size="middle"
          scroll={{ x: 'max-content' }}
          rowClassName={(t) => (t.deadline?.light === 'red' ? 'sharing-row-overdue' : '')}
          locale={{
            emptyText: todo.loading ? <div style={{ height: 120 }} /> : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={light || q ? '没有符合条件的事项' : view === 'escalations' ? '目前没有逾期事项' : '没有待办事项'} />
            ),
          }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: rows.length <= 20, showTotal: (n) => `共 ${n} 项` }}
        />
      </Card>
    </>
  );
}
