import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Drawer, Flex, Form, Input, Progress, Row, Select, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { DetailPanel } from '../../ui/DetailPanel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime, formatDateTimeShort } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import { DemandActionModal, type DemandAction } from './DemandCommands';
import { DeadlineLight, DemandStatusTag, HistoryTimeline } from './sharing-ui';
import { DEMAND_STATUS_LABELS, options, type Demand, type DemandStatus, type SharingStats } from './types';

const fetchDemands = listFetcher<Demand>('/sharing/demands');

const BOX_OPTIONS = [
  { value: 'all', label: '全部' },
  { value: 'outgoing', label: '本部门提出的' },
  { value: 'incoming', label: '需本部门答复的' },
];

const OPEN_STEP: Partial<Record<DemandStatus, string>> = {
  submitted: '数据局分派',
  assigned: '提供部门答复',
  catalogued: '需求方确认满足情况',
  refused: '需求方确认满足情况',
};

/** 供需对接: demands for data no entry offers; post, route, answer, confirm — and the satisfaction rate. */
export function DemandsPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const table = useRef<DataTableHandle>(null);
  const [posting, setPosting] = useState(false);
  const openId = params.get('demandId');
  const isBureau = can('sharing.demand.route');

  const open = (d: Demand) => setParams((p) => { p.set('demandId', d.id); return p; }, { replace: true });
  const close = () => setParams((p) => { p.delete('demandId'); return p; }, { replace: true });

  const columns: TableColumnsType<Demand> = [
    {
      title: '需求',
      key: 'title',
      render: (_: unknown, d) => (
        <div style={{ minWidth: 200, maxWidth: 360 }}>
          <Typography.Link onClick={() => open(d)} data-testid="sharing-demand-link">{d.title}</Typography.Link>
          <div className="sharing-muted" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{d.items.join('、')}</div>
        </div>
      ),
    },
    { title: '需求部门', dataIndex: 'requesterDepartmentName', render: (v: string | null) => v ?? '—' },
    {
      title: '提供部门',
      key: 'provider',
      render: (_: unknown, d) => d.providerDepartmentName ?? (d.targetDepartmentName ? <span>{d.targetDepartmentName}<span className="sharing-muted">（建议）</span></span> : <Typography.Text type="secondary">待分派</Typography.Text>),
    },
    { title: '状态', key: 'status', render: (_: unknown, d) => <DemandStatusTag status={d.status} label={d.statusLabel} /> },
    {
      title: '满足情况',
      key: 'satisfied',
      render: (_: unknown, d) => (d.satisfied === null ? '—' : d.satisfied ? <Tag color="success">已满足</Tag> : <Tag color="error">未满足</Tag>),
    },
    { title: '当前环节时限', key: 'deadline', render: (_: unknown, d) => (d.deadline ? <DeadlineLight deadline={d.deadline} /> : '—') },
    { title: '提出时间', dataIndex: 'createdAt', render: (v: string) => formatDateTimeShort(v) },
    { title: '操作', key: 'ops', fixed: 'right', render: (_: unknown, d) => <Typography.Link onClick={() => open(d)}>查看</Typography.Link> },
  ];

  return (
    <>
      <PageHeader
        title="供需对接"
        subtitle={isBureau ? '各部门提出的、目录尚未提供的数据需求：分派到职责部门，跟踪答复和满足情况' : '目录中找不到所需数据时提出需求；需本部门提供的数据在时限内答复'}
        extra={can('sharing.demand.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPosting(true)} data-testid="sharing-demand-new">提出需求</Button>
        ) : null}
      />
      {can('sharing.stats.read') ? <SatisfactionCard /> : null}
      <div className="page-card">
        <DataTable<Demand>
          ref={table}
          fetch={fetchDemands}
          rowKey="id"
          columns={columns}
          search={false}
          initialFilters={{ box: 'all', status: params.get('status') ?? undefined }}
          filters={
            <>
              <Form.Item name="box">
                <Select style={{ width: 150 }} options={BOX_OPTIONS} aria-label="范围" />
              </Form.Item>
              <Form.Item name="status">
                <Select allowClear placeholder="状态" style={{ width: 120 }} options={options(DEMAND_STATUS_LABELS)} aria-label="状态" />
              </Form.Item>
            </>
          }
          emptyText="暂无共享需求"
        />
      </div>
      <DemandDrawer id={openId} onClose={close} onChanged={() => table.current?.reload()} />
      <NewDemandDrawer
        open={posting}
        onClose={() => setPosting(false)}
        onDone={(d) => {
          setPosting(false);
          table.current?.reload();
          open(d);
        }}
      />
    </>
  );
}

/** 共享需求满足率 against the 95% goal (GET /stats). */
function SatisfactionCard() {
  const stats = useApiQuery<SharingStats>('/sharing/stats');
  if (stats.error) return <ErrorAlert error={stats.error} title="共享统计加载失败" onRetry={stats.reload} style={{ marginBottom: 16 }} />;
  const s = stats.data;
  const rate = s?.demands.satisfactionRate ?? null;
  const goal = s?.demands.goal ?? 0.95;
  const ok = rate !== null && rate >= goal;
  return (
    <Card variant="borderless" style={{ marginBottom: 16 }} data-testid="sharing-satisfaction">
      {!s ? <Skeleton active paragraph={{ rows: 2 }} /> : (
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={6}>
            <Flex gap={16} align="center">
              <Progress
                type="dashboard"
                percent={rate === null ? 0 : Math.round(rate * 1000) / 10}
                format={() => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`)}
                strokeColor={rate === null ? undefined : ok ? '#52c41a' : '#faad14'}
                size={110}
              />
              <div>
                <Typography.Text strong>共享需求满足率</Typography.Text>
                <div className="sharing-muted">目标 ≥ {Math.round(goal * 100)}%</div>
                {rate === null ? <div className="sharing-muted">尚无已确认的需求</div> : ok ? <Tag color="success" style={{ marginTop: 6 }}>已达标</Tag> : <Tag color="warning" style={{ marginTop: 6 }}>未达标</Tag>}
              </div>
            </Flex>
          </Col>
          <Col xs={8} md={3}><Statistic title="需求总数" value={s.demands.total} /></Col>
          <Col xs={8} md={3}><Statistic title="已确认" value={s.demands.closed} /></Col>
          <Col xs={8} md={3}><Statistic title="已满足" value={s.demands.satisfied} /></Col>
          <Col xs={8} md={3}><Statistic title="共享申请" value={s.requests.total} /></Col>
          <Col xs={8} md={3}><Statistic title="有效授权" value={s.grants.active} /></Col>
          <Col xs={8} md={3}>
            <Statistic title="逾期未办" value={s.requests.overdue} styles={{ content: s.requests.overdue > 0 ? { color: '#cf1322' } : undefined }} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

function DemandDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { user, can } = useAuth();
  const query = useApiQuery<Demand>(id ? `/sharing/demands/${id}` : null);
  const [action, setAction] = useState<DemandAction | null>(null);
  const d = query.data && query.data.id === id ? query.data : undefined;

  const buttons: React.ReactNode[] = [];
  if (d) {
    const isRequester = !!user?.departmentId && d.requesterDepartmentId === user.departmentId;
    const isProvider = !!user?.departmentId && d.providerDepartmentId === user.departmentId;
    if ((d.status === 'submitted' || d.status === 'assigned') && can('sharing.demand.route')) {
      buttons.push(<Button key="route" type={d.status === 'submitted' ? 'primary' : 'default'} onClick={() => setAction('route')} data-testid="sharing-demand-route">{d.status === 'submitted' ? '分派' : '改派'}</Button>);
    }
    if (d.status === 'assigned' && isProvider && can('sharing.demand.answer')) {
      buttons.push(<Button key="answer" type="primary" onClick={() => setAction('answer')} data-testid="sharing-demand-answer">答复</Button>);
      buttons.push(<Button key="transfer" onClick={() => setAction('transfer')} data-testid="sharing-demand-transfer">转交</Button>);
    }
    if ((d.status === 'catalogued' || d.status === 'refused') && isRequester && can('sharing.demand.create')) {
      buttons.push(<Button key="confirm" type="primary" onClick={() => setAction('confirm')} data-testid="sharing-demand-confirm">确认满足情况</Button>);
    }
    if ((d.status === 'submitted' || d.status === 'assigned') && isRequester && can('sharing.demand.create')) {
      buttons.push(<Button key="withdraw" danger onClick={() => setAction('withdraw')} data-testid="sharing-demand-withdraw">撤回</Button>);
    }
  }
  const step = d ? OPEN_STEP[d.status] : undefined;

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={d ? <Flex gap={8} align="center"><span>{d.title}</span><DemandStatusTag status={d.status} label={d.statusLabel} /></Flex> : '共享需求'}
      size={720}
      destroyOnHidden
      footer={buttons.length ? <Flex gap={8} justify="flex-end">{buttons}</Flex> : null}
    >
      {query.error ? (
        <ErrorAlert error={query.error} title={query.error.status === 404 ? '需求不存在，或与本部门无关' : '需求加载失败'} onRetry={query.reload} />
      ) : !d ? <Skeleton active paragraph={{ rows: 8 }} /> : (
        <>
          <DetailPanel
            column={1}
            items={[
              { label: '需求部门', value: d.requesterDepartmentName },
              { label: '需要的数据项', value: <Flex gap={4} wrap>{d.items.map((i) => <Tag key={i} style={{ marginInlineEnd: 0 }}>{i}</Tag>)}</Flex> },
              { label: '需求描述', value: <span style={{ whiteSpace: 'pre-wrap' }}>{d.description}</span> },
              { label: '用途', value: d.purpose },
              { label: '依据', value: d.legalBasis },
              { label: '建议提供部门', value: d.targetDepartmentName },
              { label: '提供部门', value: d.providerDepartmentName },
              ...(d.answer ? [{
                label: '答复',
                value: d.answer.outcome === 'catalogued' ? (
                  <span>已编目：{d.answer.entryId ? <Link to={`/catalog/published/${d.answer.entryId}`}>{d.answer.entryName ?? '查看目录'}</Link> : d.answer.entryName}{d.answer.text ? `（${d.answer.text}）` : ''}</span>
                ) : (
                  <span>不能提供：{d.answer.reasonLabel}{d.answer.text ? `，${d.answer.text}` : ''}</span>
                ),
              }] : []),
              ...(d.answer?.outcome === 'catalogued' && d.answer.entryId && can('sharing.request.create') && d.requesterDepartmentId === user?.departmentId
                ? [{ label: '下一步', value: <Link to={`/sharing/requests/new?entryId=${d.answer.entryId}`}>对该目录申请共享</Link> }]
                : []),
              { label: '满足情况', value: d.satisfied === null ? '' : d.satisfied ? '已满足' : '未满足' },
              { label: '提出时间', value: formatDateTime(d.createdAt) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>办理过程</Typography.Title>
          <HistoryTimeline
            history={d.history}
            statusLabel={(s) => DEMAND_STATUS_LABELS[s as DemandStatus] ?? s}
            current={step ? { title: step, deadline: d.deadline } : null}
          />
          <DemandActionModal
            action={action}
            demand={d}
            onClose={() => setAction(null)}
            onDone={(next) => {
              setAction(null);
              query.setData(next);
              onChanged();
            }}
          />
        </>
      )}
    </Drawer>
  );
}

interface DemandForm {
  title: string;
  description: string;
  items: string[];
  purpose: string;
  legalBasis: string;
  targetDepartmentId?: string;
}

function NewDemandDrawer({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (d: Demand) => void }) {
  const [form] = Form.useForm<DemandForm>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = (v: DemandForm) =>
    modal.confirm({
      title: '确认提出共享需求？',
      content: '数据局将按职责目录分派给负责的部门，提供部门在时限内答复。',
      okText: '提交',
      okButtonProps: { 'data-testid': 'sharing-action-confirm' },
      onOk: async () => {
        const body = {
          title: v.title.trim(),
          description: v.description.trim(),
          items: v.items.map((i) => i.trim()).filter(Boolean),
          purpose: v.purpose.trim(),
          legalBasis: v.legalBasis.trim(),
          ...(v.targetDepartmentId ? { targetDepartmentId: v.targetDepartmentId } : {}),
        };
        const r = await run(() => api.post<Demand>('/sharing/demands', body), {
          form,
          fieldNames: ['title', 'description', 'items', 'purpose', 'legalBasis', 'targetDepartmentId'],
          success: '共享需求已提交',
        });
        if (r.ok) onDone(r.value);
      },
    });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="提出共享需求"
      size={600}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="sharing-demand-submit">提交</Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">目录中已有的数据请直接申请共享；此处提出目录尚未提供的数据需求。</Typography.Paragraph>
      <Form<DemandForm> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label="需求名称" rules={[{ required: true, whitespace: true, message: '请填写需求名称' }, { max: 200, message: '不超过 200 字' }]}>
          <Input maxLength={200} placeholder="如：残疾人两项补贴发放信息" />
        </Form.Item>
        <Form.Item name="items" label="需要的数据项" rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一个数据项' }]} extra="输入后回车，可填多个">
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder="如：姓名、公民身份号码、补贴金额" suffixIcon={null} />
        </Form.Item>
        <Form.Item name="description" label="需求描述" rules={[{ required: true, whitespace: true, message: '请描述所需数据' }, { max: 4000, message: '不超过 4000 字' }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, whitespace: true, message: '请填写用途' }, { max: 1000, message: '不超过 1000 字' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="legalBasis" label="依据" rules={[{ required: true, whitespace: true, message: '请填写依据' }, { max: 1000, message: '不超过 1000 字' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="targetDepartmentId" label="建议提供部门" extra="不确定可不填，由数据局分派">
          <DepartmentTreeSelect placeholder="可不填" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
