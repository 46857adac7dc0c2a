import { useMemo, useState } from 'react';
import {
  Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Skeleton, Switch, Table, Tabs, Tag,
  Tooltip, Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { LIGHT_COLOR, LightTag, remainingText, StatusTag } from './CatalogTags';
import { ReviewDrawer } from './ReviewDrawer';
import { EDITABLE_STATUSES, type DeadlineRule, type Light, type TodoItem, type TodoList } from './types';
import './catalog.css';

type LightFilter = 'all' | 'alert' | Light;

const LIGHT_FILTERS: { value: LightFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'alert', label: '临期和逾期' },
  { value: 'red', label: '逾期' },
  { value: 'yellow', label: '临期' },
  { value: 'green', label: '正常' },
  { value: 'unknown', label: '无法计算' },
];

const SUMMARY: { light: Light; label: string; hint: string }[] = [
  { light: 'red', label: '逾期', hint: '已超过截止日' },
  { light: 'yellow', label: '临期', hint: '剩余工作日不多于提醒天数' },
  { light: 'green', label: '正常', hint: '在时限内' },
  { light: 'unknown', label: '无法计算', hint: '工作日历缺少年份' },
];

const matchesLight = (item: TodoItem, light: LightFilter) =>
  light === 'all' || (light === 'alert' ? item.deadline.light === 'red' || item.deadline.light === 'yellow' : item.deadline.light === light);

/**
 * 时限督办: departments see their own open deadlines (GET /deadlines/todo); the bureau supervises every department's
 * yellow and red items (GET /deadlines/supervision) and maintains the deadline rules.
 */
export function DeadlinesPage() {
  const { can } = useAuth();
  const isBureau = can('catalog.entry.review');
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const asOfParam = asOf ? asOf.format('YYYY-MM-DD') : undefined;
  // The whole picture for the counts (the bureau: every department; a department: its own).
  const todo = useApiQuery<TodoList>('/catalog/deadlines/todo', { asOf: asOfParam });
  // The bureau starts from what needs supervising; a department from all of its open deadlines.
  const defaultLight: LightFilter = isBureau ? 'alert' : 'all';
  const [light, setLight] = useState<LightFilter>(defaultLight);
  const [tab, setTab] = useState('list');

  const counts = todo.data?.counts;
  const header = (
    <PageHeader
      title="时限督办"
      subtitle={
        isBureau
          ? '按工作日计算各部门编目和数据局审核的办理时限：红灯逾期、黄灯临期、绿灯正常，逾期事项逐项督办'
          : '本部门目录的编目、变更时限（按工作日计算，节假日和调休已计入）：红灯逾期、黄灯临期、绿灯正常'
      }
      extra={
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">截至</Typography.Text>
          <DatePicker value={asOf} onChange={setAsOf} placeholder="今天" allowClear style={{ width: 140 }} aria-label="截至日期" />
        </Flex>
      }
    />
  );

  const summary = (
    <div className="catalog-light-summary" role="group" aria-label="时限灯统计">
      {SUMMARY.filter((s) => s.light !== 'unknown' || (counts?.unknown ?? 0) > 0).map((s) => (
        <button
          key={s.light}
          type="button"
          className={`catalog-light-card${light === s.light ? ' is-active' : ''}`}
          style={{ borderTopColor: LIGHT_COLOR[s.light] }}
          onClick={() => {
            setLight(light === s.light ? defaultLight : s.light);
            setTab('list');
          }}
          aria-pressed={light === s.light}
          title={`只看${s.label}事项`}
        >
          <span className="catalog-light-card-label">
            <span className="catalog-light-dot" style={{ background: LIGHT_COLOR[s.light] }} aria-hidden />
            {s.label}
          </span>
          <span className="catalog-light-card-value" style={{ color: s.light === 'red' && (counts?.red ?? 0) > 0 ? '#cf1322' : undefined }}>
            {counts ? counts[s.light] : <Skeleton.Input active size="small" style={{ width: 40, minWidth: 40 }} />}
            <span className="catalog-kpi-unit">项</span>
          </span>
          <span className="catalog-light-card-hint">{s.hint}</span>
        </button>
      ))}
    </div>
  );

  const list = isBureau ? (
    <SupervisionList asOf={asOfParam} light={light} onLight={setLight} onChanged={todo.reload} />
  ) : (
    <TodoTable data={todo.data} loading={todo.loading} error={todo.error} reload={todo.reload} light={light} onLight={setLight} showDepartment={false} />
  );

  return (
    <>
      {header}
      {/* A department's list is this same request: its error shows there once. */}
      {todo.error ? (isBureau ? <ErrorAlert error={todo.error} title="时限统计加载失败" onRetry={todo.reload} style={{ marginBottom: 16 }} /> : null) : summary}
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'list', label: isBureau ? '督办清单' : '待办时限', children: list },
            { key: 'rules', label: '时限规则', children: <RulesPanel editable={can('catalog.rule.manage')} onChanged={todo.reload} /> },
          ]}
        />
      </Card>
    </>
  );
}

/** The bureau's list: GET /deadlines/supervision with the chosen light, every department, worst first. */
function SupervisionList({ asOf, light, onLight, onChanged }: { asOf?: string; light: LightFilter; onLight: (l: LightFilter) => void; onChanged: () => void }) {
  const list = useApiQuery<TodoList>('/catalog/deadlines/supervision', { asOf, light: light === 'alert' || light === 'all' ? undefined : light });
  return (
    <TodoTable
      data={list.data}
      loading={list.loading}
      error={list.error}
      reload={() => {
        list.reload();
        onChanged();
      }}
      light={light}
      onLight={onLight}
      showDepartment
    />
  );
}

function TodoTable({ data, loading, error, reload, light, onLight, showDepartment }: {
  data: TodoList | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
  light: LightFilter;
  onLight: (l: LightFilter) => void;
  showDepartment: boolean;
}) {
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const [reviewing, setReviewing] = useState<string | null>(null);

  const departments = useMemo(() => {
    const names = new Map<string, string>();
    for (const t of data?.items ?? []) if (t.departmentId) names.set(t.departmentId, t.departmentName ?? t.departmentId);
    return [...names].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh'));
  }, [data]);

  const rows = useMemo(() => {
    const text = q.trim();
    return (data?.items ?? []).filter(
      (t) => matchesLight(t, light) && (!department || t.departmentId === department) && (!text || t.name.includes(text) || t.code.includes(text)),
    );
  }, [data, light, department, q]);

  const columns: TableColumnsType<TodoItem> = [
    { title: '时限灯', key: 'light', width: 118, render: (_: unknown, t) => <LightTag light={t.deadline.light} /> },
    {
      title: '信息资源',
      dataIndex: 'name',
      render: (name: string, t) => (
        <div style={{ minWidth: 180 }}>
          <Link to={`/catalog/entries/${t.entryId}`}>{name}</Link>
          <div><Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{t.code}</Typography.Text></div>
        </div>
      ),
    },
    ...(showDepartment ? [{ title: '提供部门', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' }] : []),
    {
      title: '时限事项',
      key: 'rule',
      render: (_: unknown, t) => (
        <Flex gap={6} align="center" wrap={false}>
          <span>{t.deadline.ruleName}</span>
          <Tag style={{ marginInlineEnd: 0 }} color={t.deadline.responsible === 'bureau' ? 'purple' : 'blue'}>
            {t.deadline.responsible === 'bureau' ? '数据局办理' : '部门办理'}
          </Tag>
        </Flex>
      ),
    },
    { title: '目录状态', dataIndex: 'status', render: (s: TodoItem['status']) => <StatusTag status={s} /> },
    { title: '起算日', key: 'startedOn', render: (_: unknown, t) => formatDate(t.deadline.startedOn) },
    {
      title: '截止日',
      key: 'dueOn',
      sorter: (a, b) => (a.deadline.dueOn ?? '9999').localeCompare(b.deadline.dueOn ?? '9999'),
      render: (_: unknown, t) => formatDate(t.deadline.dueOn),
    },
    {
      title: '剩余工作日',
      key: 'remaining',
      align: 'right',
      sorter: (a, b) => (a.deadline.remainingWorkingDays ?? Infinity) - (b.deadline.remainingWorkingDays ?? Infinity),
      render: (_: unknown, t) => {
        const d = t.deadline;
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
    {
      title: '操作',
      key: 'ops',
      fixed: 'right',
      render: (_: unknown, t) => (
        <Flex gap={12} wrap={false}>
          {t.deadline.rule === 'bureau_review' && can('catalog.entry.review') ? (
            <Typography.Link strong onClick={() => setReviewing(t.entryId)}>审核</Typography.Link>
          ) : null}
          {t.deadline.responsible === 'department' && can('catalog.entry.edit') && EDITABLE_STATUSES.includes(t.status) ? (
            <Link to={`/catalog/entries/${t.entryId}/edit`}>去办理</Link>
          ) : null}
          <Link to={`/catalog/entries/${t.entryId}`}>详情</Link>
        </Flex>
      ),
    },
  ];

  const filtered = light !== (showDepartment ? 'alert' : 'all') || !!department || q.trim() !== '';
  const emptyText = error ? ' ' : filtered
    ? '没有符合条件的事项'
    : showDepartment ? '各部门目前没有临期或逾期的事项' : '本部门目前没有未完成的编目时限事项';

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<LightFilter>
          value={light}
          onChange={onLight}
          // The supervision list is one light or yellow+red (GET /deadlines/supervision); a department's list is all of it.
          options={showDepartment ? LIGHT_FILTERS.filter((f) => f.value !== 'all') : LIGHT_FILTERS}
        />
        {showDepartment ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部部门"
            value={department}
            onChange={setDepartment}
            options={departments}
            style={{ width: 200 }}
            aria-label="提供部门"
          />
        ) : null}
        <Input
          allowClear
          prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
          placeholder="名称或信息资源代码"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 220 }}
        />
        <Tooltip title="刷新">
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label="刷新" />
        </Tooltip>
        {data ? <Typography.Text type="secondary">按 {formatDate(data.asOf)} 计算</Typography.Text> : null}
      </Flex>
      {error ? <ErrorAlert error={error} title="时限清单加载失败" onRetry={reload} style={{ marginBottom: 16 }} /> : null}
      <Table<TodoItem>
        rowKey={(t) => `${t.entryId}-${t.deadline.rule}`}
        columns={columns}
        dataSource={error ? [] : rows}
        loading={loading}
        size="middle"
        scroll={{ x: 'max-content' }}
        rowClassName={(t) => (t.deadline.light === 'red' ? 'catalog-row-overdue' : '')}
        locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : emptyText }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: rows.length <= 20, showTotal: (n) => `共 ${n} 项` }}
      />
      <ReviewDrawer
        entryId={reviewing}
        onClose={() => setReviewing(null)}
        onDone={() => {
          setReviewing(null);
          reload();
        }}
      />
    </>
  );
}

interface RuleForm {
  workingDays: number;
  yellowDays: number;
  enabled: boolean;
}

/** The deadline rules (GET /deadline-rules); the bureau edits them (PUT /deadline-rules/:code, catalog.rule.manage). */
function RulesPanel({ editable, onChanged }: { editable: boolean; onChanged: () => void }) {
  const rules = useApiQuery<{ items: DeadlineRule[] }>('/catalog/deadline-rules');
  const [editing, setEditing] = useState<DeadlineRule | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const { submitting, run } = useSubmit();
  const workingDays = Form.useWatch('workingDays', form);

  const open = (r: DeadlineRule) => {
    form.setFieldsValue({ workingDays: r.workingDays, yellowDays: r.yellowDays, enabled: r.enabled });
    setEditing(r);
  };

  const save = async (v: RuleForm) => {
    if (!editing) return;
    const result = await run(() => api.put<DeadlineRule>(`/catalog/deadline-rules/${editing.code}`, v), {
      form,
      fieldNames: ['workingDays', 'yellowDays', 'enabled'],
      success: `“${editing.name}”规则已保存，时限灯按新规则重新计算`,
    });
    if (result.ok) {
      setEditing(null);
      rules.reload();
      onChanged();
    }
  };

  const columns: TableColumnsType<DeadlineRule> = [
    {
      title: '规则',
      dataIndex: 'name',
      render: (n: string, r) => (
        <div style={{ maxWidth: 420 }}>
          <Typography.Text strong>{n}</Typography.Text>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.description}</Typography.Text></div>
        </div>
      ),
    },
    { title: '办理时限', dataIndex: 'workingDays', align: 'right', render: (n: number) => `${n} 个工作日` },
    {
      title: '黄灯提醒',
      dataIndex: 'yellowDays',
      align: 'right',
      render: (n: number) => (n === 0 ? '到期当日' : `剩余 ≤ ${n} 个工作日`),
    },
    { title: '状态', dataIndex: 'enabled', render: (e: boolean) => (e ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>) },
    {
      title: '最近修改',
      key: 'updated',
      render: (_: unknown, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(r.updatedAt)}
          {r.updatedBy ? <Typography.Text type="secondary"> · {r.updatedBy}</Typography.Text> : null}
        </span>
      ),
    },
    ...(editable
      ? [{
          title: '操作',
          key: 'ops',
          render: (_: unknown, r: DeadlineRule) => (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => open(r)}>修改</Button>
          ),
        }]
      : []),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">
        时限按平台工作日历计算（法定节假日不计，调休上班日计入）。停用的规则不再产生时限提醒；修改后所有目录的时限灯按新规则重新计算。
      </Typography.Paragraph>
      {rules.error ? <ErrorAlert error={rules.error} title="时限规则加载失败" onRetry={rules.reload} style={{ marginBottom: 16 }} /> : null}
      <Table<DeadlineRule>
        rowKey="code"
        columns={columns}
        dataSource={rules.data?.items ?? []}
        loading={rules.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: rules.loading ? <div style={{ height: 80 }} /> : '暂无时限规则' }}
      />
      <Modal
        open={editing !== null}
        title={editing ? `修改时限规则：${editing.name}` : '修改时限规则'}
        okText="保存"
        cancelText="取消"
        confirmLoading={submitting}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        {editing ? <Alert type="info" showIcon title={editing.description} style={{ marginBottom: 16 }} /> : null}
        <Form<RuleForm> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={submitting}>
          <Form.Item name="workingDays" label="办理时限（工作日）" rules={[{ required: true, message: '请填写办理时限' }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 200 }} suffix="个工作日" />
          </Form.Item>
          <Form.Item
            name="yellowDays"
            label="黄灯提醒"
            dependencies={['workingDays']}
            extra="剩余工作日不多于此数时亮黄灯；0 表示到期当日才提醒"
            rules={[
              { required: true, message: '请填写提醒天数' },
              {
                validator: async (_r, v: number | null | undefined) => {
                  if (typeof v === 'number' && typeof workingDays === 'number' && v > workingDays) throw new Error('提醒天数不能超过办理时限');
                },
              },
            ]}
          >
            <InputNumber min={0} max={365} precision={0} style={{ width: 200 }} suffix="个工作日" />
          </Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
