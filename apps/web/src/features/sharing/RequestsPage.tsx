import { Button, Form, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DataTable, listFetcher } from '../../ui/DataTable';
import { formatDateTimeShort } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useAuth } from '../../app/auth';
import { DeadlineLight, RequestStatusTag } from './sharing-ui';
import { options, REQUEST_STATUS_LABELS, type ShareRequest } from './types';

const fetchRequests = listFetcher<ShareRequest>('/sharing/requests');

const BOX_OPTIONS = [
  { value: 'outgoing', label: '本部门提出的' },
  { value: 'incoming', label: '申请本部门数据的' },
  { value: 'all', label: '全部' },
];

/** 共享申请: my department's requests (as requester, or as provider), with status, step deadline and filters. */
export function RequestsPage() {
  const { can, user } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const isBureau = can('sharing.request.check');
  const canCreate = can('sharing.request.create');

  const columns: TableColumnsType<ShareRequest> = [
    {
      title: '申请的目录',
      key: 'entry',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 200 }}>
          <Link to={`/sharing/requests/${r.id}`} data-testid="sharing-request-link">{r.entryName}</Link>
          {r.kind === 'renewal' ? <Tag color="cyan" style={{ marginInlineStart: 6 }}>续期</Tag> : null}
          <div className="sharing-muted sharing-mono">{r.entryCode}</div>
        </div>
      ),
    },
    {
      title: '申请部门',
      key: 'requester',
      render: (_: unknown, r) => (
        <span>
          {r.requesterDepartmentName ?? '—'}
          {r.requesterDepartmentId === user?.departmentId ? <Tag style={{ marginInlineStart: 6 }}>本部门</Tag> : null}
        </span>
      ),
    },
    {
      title: '提供部门',
      key: 'provider',
      render: (_: unknown, r) => (
        <span>
          {r.providerDepartmentName ?? '—'}
          {r.providerDepartmentId === user?.departmentId ? <Tag style={{ marginInlineStart: 6 }}>本部门</Tag> : null}
        </span>
      ),
    },
    {
      title: '信息项',
      key: 'items',
      render: (_: unknown, r) => (
        <Typography.Text ellipsis={{ tooltip: r.itemNames.join('、') }} style={{ maxWidth: 200 }}>
          {r.itemNames.length} 项：{r.itemNames.join('、')}
        </Typography.Text>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (_: unknown, r) => <RequestStatusTag status={r.status} label={r.statusLabel} /> },
    {
      title: '当前环节时限',
      key: 'deadline',
      render: (_: unknown, r) => (r.deadline ? <DeadlineLight deadline={r.deadline} /> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: '提交时间', dataIndex: 'createdAt', render: (v: string) => formatDateTimeShort(v) },
    { title: '操作', key: 'ops', fixed: 'right', render: (_: unknown, r) => <Link to={`/sharing/requests/${r.id}`}>查看</Link> },
  ];

  return (
    <>
      <PageHeader
        title="共享申请"
        subtitle={
          isBureau
            ? '全市各部门的共享申请：符合性审查、提供方审核、协调，一站式申请、一平台调度'
            : '本部门提出的共享申请和申请本部门数据的申请，办理进度与时限一目了然'
        }
        extra={canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/sharing/requests/new')} data-testid="sharing-request-new">
            新建申请
          </Button>
        ) : null}
      />
      <div className="page-card">
        <DataTable<ShareRequest>
          fetch={fetchRequests}
          rowKey="id"
          columns={columns}
          search={{ placeholder: '目录名称、代码或部门' }}
          initialFilters={{
            box: params.get('box') ?? (isBureau ? 'all' : 'outgoing'),
            status: params.get('status') ?? undefined,
          }}
          filters={
            <>
              <Form.Item name="box">
                <Select style={{ width: 170 }} options={BOX_OPTIONS} aria-label="范围" data-testid="sharing-request-box" />
              </Form.Item>
              <Form.Item name="status">
                <Select allowClear placeholder="状态" style={{ width: 160 }} options={options(REQUEST_STATUS_LABELS)} aria-label="状态" />
              </Form.Item>
            </>
          }
          emptyText={canCreate ? '还没有共享申请；在目录检索中打开目录，点击“申请共享”' : '暂无共享申请'}
        />
      </div>
    </>
  );
}
