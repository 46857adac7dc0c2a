import { useEffect, useRef, useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { StopOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { DetailDrawer } from '../../ui/DetailPanel';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { GrantStatusTag, useSharingMeta } from './sharing-ui';
import { GRANT_STATUS_LABELS, options, type Grant, type ShareRequest } from './types';

const fetchGrants = listFetcher<Grant>('/sharing/grants');

const ROLE_OPTIONS = [
  { value: 'all', label: '全部' },
  { value: 'consumer', label: '本部门使用的' },
  { value: 'provider', label: '本部门提供的' },
];

/** 授权: the grants my department uses or provides (the bureau: all), with revocation and renewal. */
export function GrantsPage() {
  const { can, user } = useAuth();
  const meta = useSharingMeta();
  const [params, setParams] = useSearchParams();
  const table = useRef<DataTableHandle>(null);
  const isBureau = can('sharing.request.check');
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const [renewing, setRenewing] = useState<Grant | null>(null);
  const openId = params.get('grantId');
  const opened = useApiQuery<Grant>(openId ? `/sharing/grants/${openId}` : null);

  const canRevoke = (g: Grant) => g.status === 'active' && (isBureau || (can('sharing.request.review') && g.providerDepartmentId === user?.departmentId));
  const canRenew = (g: Grant) => g.status !== 'revoked' && can('sharing.request.create') && g.consumerDepartmentId === user?.departmentId;
  const open = (g: Grant) => setParams((p) => { p.set('grantId', g.id); return p; }, { replace: true });
  const close = () => setParams((p) => { p.delete('grantId'); return p; }, { replace: true });
  const changed = (g?: Grant) => {
    table.current?.reload();
    if (g && openId === g.id) opened.setData(g);
  };

  const actions = (g: Grant) => (
    <Flex gap={12} wrap={false}>
      <Typography.Link onClick={() => open(g)}>详情</Typography.Link>
      {canRenew(g) ? <Typography.Link onClick={() => setRenewing(g)} data-testid="sharing-grant-renew">续期</Typography.Link> : null}
      {canRevoke(g) ? <Typography.Link type="danger" onClick={() => setRevoking(g)} data-testid="sharing-grant-revoke">撤销</Typography.Link> : null}
    </Flex>
  );

  const columns: TableColumnsType<Grant> = [
    {
      title: '目录',
      key: 'entry',
      render: (_: unknown, g) => (
        <div style={{ minWidth: 180 }}>
          <Typography.Link onClick={() => open(g)}>{g.entryName}</Typography.Link>
          <div className="sharing-muted sharing-mono">{g.entryCode}</div>
        </div>
      ),
    },
    { title: '提供部门', dataIndex: 'providerDepartmentName', render: (v: string | null) => v ?? '—' },
    {
      title: '使用部门 / 系统',
      key: 'consumer',
      render: (_: unknown, g) => (
        <div>
          {g.consumerDepartmentName ?? '—'}
          <div className="sharing-muted">{g.consumerSystemName ?? '—'}</div>
        </div>
      ),
    },
    {
      title: '信息项',
      key: 'items',
      render: (_: unknown, g) => (
        <Typography.Text ellipsis={{ tooltip: g.items.join('、') }} style={{ maxWidth: 180 }}>
          {g.items.length} 项：<span className="sharing-mono">{g.items.join('、')}</span>
        </Typography.Text>
      ),
    },
    { title: '调用方式', key: 'ops', render: (_: unknown, g) => g.operations.map((o) => meta.operationLabel(o)).join('、') },
    {
      title: '限制',
      key: 'limits',
      render: (_: unknown, g) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {g.rateLimitPerMinute} 次/分 · {g.dailyQuota.toLocaleString('zh-CN')} 次/日
        </span>
      ),
    },
    { title: '有效期', key: 'validity', render: (_: unknown, g) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(g.validFrom)} 至 {formatDate(g.validUntil)}</span> },
    { title: '状态', dataIndex: 'status', render: (s: Grant['status']) => <GrantStatusTag status={s} /> },
    { title: '操作', key: 'actions', fixed: 'right', render: (_: unknown, g) => actions(g) },
  ];

  const g = opened.data && opened.data.id === openId ? opened.data : undefined;

  return (
    <>
      <PageHeader
        title="授权管理"
        subtitle={isBureau ? '全市共享授权：使用部门、信息项、调用方式、频率与有效期；可撤销违规授权' : '本部门使用和提供的共享授权：到期自动失效，可申请续期；提供方可撤销'}
      />
      <div className="page-card">
        <DataTable<Grant>
          ref={table}
          fetch={fetchGrants}
          rowKey="id"
          columns={columns}
          search={false}
          initialFilters={{ role: 'all', status: params.get('status') ?? undefined }}
          filters={
            <>
              <Form.Item name="role">
                <Select style={{ width: 150 }} options={ROLE_OPTIONS} aria-label="范围" />
              </Form.Item>
              <Form.Item name="status">
                <Select allowClear placeholder="状态" style={{ width: 120 }} options={options(GRANT_STATUS_LABELS)} aria-label="状态" />
              </Form.Item>
            </>
          }
          emptyText="暂无授权；共享申请获批后在此显示"
        />
      </div>
      <DetailDrawer
        open={!!openId}
        onClose={close}
        drawerTitle={g ? `授权：${g.entryName}` : '授权详情'}
        loading={!g && !opened.error}
        width={680}
        footer={g ? (
          <Flex gap={8} justify="flex-end">
            {canRenew(g) ? <Button icon={<SyncOutlined />} onClick={() => setRenewing(g)}>申请续期</Button> : null}
            {canRevoke(g) ? <Button danger icon={<StopOutlined />} onClick={() => setRevoking(g)}>撤销授权</Button> : null}
          </Flex>
        ) : null}
        items={g ? [
          { label: '状态', value: <GrantStatusTag status={g.status} /> },
          { label: '目录', value: <span><Link to={`/catalog/published/${g.entryId}`}>{g.entryName}</Link> <span className="sharing-muted sharing-mono">{g.entryCode}</span></span> },
          { label: '提供部门', value: g.providerDepartmentName },
          { label: '使用部门', value: g.consumerDepartmentName },
          { label: '调用系统', value: g.consumerSystemName },
          { label: '信息项', value: <Flex gap={4} wrap>{g.items.map((i) => <Tag key={i} className="sharing-mono" style={{ marginInlineEnd: 0 }}>{i}</Tag>)}</Flex> },
          { label: '用途', value: g.purpose },
          { label: '调用方式', value: g.operations.map((o) => meta.operationLabel(o)).join('、') },
          { label: '允许的 IP', value: <span className="sharing-mono">{g.allowedIps.join('，')}</span> },
          { label: '频率上限', value: `${g.rateLimitPerMinute} 次/分钟` },
          { label: '每日配额', value: `${g.dailyQuota.toLocaleString('zh-CN')} 次/日` },
          { label: '调用要求', value: [g.requireCaseNumber ? '须带办件编号' : '', g.requireOperatorId ? '须带经办人标识' : ''].filter(Boolean).join('、') || '无' },
          { label: '有效期', value: `${formatDate(g.validFrom)} 至 ${formatDate(g.validUntil)}` },
          { label: '来源申请', value: <Link to={`/sharing/requests/${g.requestId}`}>查看申请</Link> },
          ...(g.status === 'revoked' ? [{ label: '撤销', value: `${formatDateTime(g.revokedAt)}：${g.revokeReason ?? ''}` }] : []),
          { label: '授权时间', value: formatDateTime(g.createdAt) },
        ] : []}
      >
        {opened.error ? <Typography.Text type="danger">{opened.error.status === 404 ? '授权不存在，或不属于本部门' : opened.error.message}</Typography.Text> : null}
      </DetailDrawer>
      <RevokeGrantModal grant={revoking} onClose={() => setRevoking(null)} onDone={(next) => { setRevoking(null); changed(next); }} />
      <RenewGrantModal grant={renewing} onClose={() => setRenewing(null)} />
    </>
  );
}

function RevokeGrantModal({ grant, onClose, onDone }: { grant: Grant | null; onClose: () => void; onDone: (g: Grant) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  useEffect(() => {
    if (grant) form.resetFields();
  }, [grant, form]);
  if (!grant) return null;
  const submit = (v: { reason: string }) =>
    modal.confirm({
      title: '确认撤销该授权？',
      content: `撤销后 ${grant.consumerDepartmentName ?? '使用部门'} 的系统立即不能再调用该目录的数据；此操作不能恢复，需要时须重新申请。`,
      okText: '撤销授权',
      okButtonProps: { danger: true, 'data-testid': 'sharing-action-confirm' },
      onOk: async () => {
        const r = await run(() => api.post<Grant>(`/sharing/grants/${grant.id}/revoke`, { reason: v.reason.trim() }), { form, fieldNames: ['reason'], success: '授权已撤销' });
        if (r.ok) onDone(r.value);
      },
    });
  return (
    <Modal open title="撤销授权" onCancel={onClose} onOk={() => form.submit()} okText="撤销" okButtonProps={{ danger: true, 'data-testid': 'sharing-action-submit' }} confirmLoading={submitting} destroyOnHidden>
      <Typography.Paragraph type="secondary">{grant.consumerDepartmentName} 使用 {grant.providerDepartmentName} 的“{grant.entryName}”</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label="撤销原因" rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }, { min: 2, message: '请至少写 2 个字' }, { max: 1000, message: '不超过 1000 字' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="sharing-revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenewGrantModal({ grant, onClose }: { grant: Grant | null; onClose: () => void }) {
  const navigate = useNavigate();
  const meta = useSharingMeta();
  const [form] = Form.useForm<{ validUntil: Dayjs | null; note?: string }>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  const maxDays = meta.settings?.maxValidityDays ?? 1095;
  useEffect(() => {
    if (!grant) return;
    form.resetFields();
    const base = dayjs(grant.validUntil).isAfter(dayjs()) ? dayjs(grant.validUntil) : dayjs();
    const next = base.add(1, 'year');
    form.setFieldsValue({ validUntil: next.isAfter(dayjs().add(maxDays, 'day')) ? dayjs().add(maxDays, 'day') : next });
  }, [grant, form, maxDays]);
  if (!grant) return null;
  const submit = (v: { validUntil: Dayjs | null; note?: string }) =>
    modal.confirm({
      title: '确认申请续期？',
      content: '续期申请由提供部门审核；审核同意后授权有效期延长（已过期的授权恢复有效）。',
      okText: '提交',
      onOk: async () => {
        const body = { validUntil: (v.validUntil as Dayjs).format('YYYY-MM-DD'), ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        const r = await run(() => api.post<ShareRequest>(`/sharing/grants/${grant.id}/renewals`, body), { form, fieldNames: ['validUntil', 'note'], success: '续期申请已提交' });
        if (r.ok) navigate(`/sharing/requests/${r.value.id}`);
      },
    });
  return (
    <Modal open title="申请续期" onCancel={onClose} onOk={() => form.submit()} okText="提交" confirmLoading={submitting} destroyOnHidden>
      <Typography.Paragraph>“{grant.entryName}”当前有效期：{formatDate(grant.validFrom)} 至 {formatDate(grant.validUntil)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="validUntil" label="续期至" rules={[{ required: true, message: '请选择日期' }]} extra={`最长至今后 ${maxDays} 天`}>
          <DatePicker style={{ width: 200 }} disabledDate={(d) => !d.isAfter(dayjs(), 'day') || !d.isAfter(dayjs(grant.validUntil), 'day') || d.isAfter(dayjs().add(maxDays, 'day'), 'day')} />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 1000, message: '不超过 1000 字' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
