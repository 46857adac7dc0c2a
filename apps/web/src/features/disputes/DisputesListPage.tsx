import { useRef } from 'react';
import { Badge, Button, Card, Checkbox, Form, List, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { downloadUrl, api, type Query } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { formatDateTimeShort } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { DisputeDeadlineLight, DisputeStatusTag } from './disputes-ui';
import { RulesCard } from './RulesCard';
import { statusOptions, type DisputeNotifications, type DisputeSummary } from './types';

const fetchDisputes = listFetcher<DisputeSummary>('/disputes');

type Box = 'mine' | 'accept' | 'verify' | 'all';
const TITLES: Record<Box, { title: string; subtitle: string }> = {
  mine: { title: '我的异议', subtitle: '本人提出的数据异议：受理、核实进度和结果通知' },
  accept: { title: '异议受理与督办', subtitle: '受理各部门提出的数据异议并转交提供部门核实；超期未核实的异议红灯督办' },
  verify: { title: '待核实异议', subtitle: '本部门提供的数据被提出异议：在时限内核实，源头更正或说明理由' },
  all: { title: '异议台账', subtitle: '本部门提出或本部门提供数据的全部异议（数据局可查看全市），办结即归档' },
};

/** One list page per box: 我的异议 (with notifications), 待受理/督办 (bureau), 待核实 (provider), 台账. */
export function DisputesListPage({ box }: { box: Box }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const table = useRef<DataTableHandle>(null);
  const meta = TITLES[box];

  const columns: TableColumnsType<DisputeSummary> = [
    {
      title: '目录 / 记录',
      key: 'entry',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 200 }}>
          <Link to={`/disputes/${r.id}`} data-testid="dispute-link">{r.entryName}</Link>
          <div><Typography.Text type="secondary" copyable>{r.recordKey}</Typography.Text></div>
        </div>
      ),
    },
    { title: '信息项', key: 'items', render: (_: unknown, r) => r.items.map((i) => i.name).join('、') },
    { title: '提出部门', key: 'raiser', render: (_: unknown, r) => `${r.raiserDepartmentName}（${r.raiserName}）` },
    { title: '核实部门', dataIndex: 'providerDepartmentName' },
    { title: '状态', key: 'status', render: (_: unknown, r) => <DisputeStatusTag status={r.status} label={r.statusLabel} /> },
    { title: '办理时限', key: 'deadline', render: (_: unknown, r) => <DisputeDeadlineLight deadline={r.deadline} /> },
    { title: '提出时间', dataIndex: 'createdAt', render: (v: string) => formatDateTimeShort(v) },
    { title: '操作', key: 'ops', fixed: 'right', render: (_: unknown, r) => <Link to={`/disputes/${r.id}`}>{box === 'accept' && r.status === 'submitted' ? '受理' : box === 'verify' ? '核实' : '查看'}</Link> },
  ];

  const exportHref = (format: 'csv' | 'xlsx') => (filters: Query) => downloadUrl('/disputes/export', { ...filters, box, format });

  return (
    <>
      <PageHeader
        title={meta.title}
        subtitle={meta.subtitle}
        extra={can('disputes.raise') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/disputes/new')} data-testid="dispute-new">提出异议</Button> : null}
      />
      {box === 'mine' ? <NotificationsCard onRead={() => table.current?.reload()} /> : null}
      <div className="page-card">
        <DataTable<DisputeSummary>
          ref={table}
          fetch={fetchDisputes}
          rowKey="id"
          columns={columns}
          params={{ box }}
          search={{ placeholder: '目录名称、记录主键、理由或提出部门' }}
          initialFilters={{ status: undefined, overdue: undefined }}
          toQuery={(v) => ({ status: (v.status as string) || undefined, q: (v.q as string) || undefined, overdue: v.overdue ? true : undefined })}
          filters={
            <>
              <Form.Item name="status">
                <Select allowClear placeholder="状态" style={{ width: 140 }} options={statusOptions} aria-label="状态" />
              </Form.Item>
              <Form.Item name="overdue" valuePropName="checked">
                <Checkbox>只看超期</Checkbox>
              </Form.Item>
            </>
          }
          exports={[{ label: '导出 Excel', href: exportHref('xlsx') }, { label: '导出 CSV', href: exportHref('csv') }]}
          emptyText={box === 'mine' ? '您还没有提出过异议；发现共享数据有误时，点击“提出异议”' : '暂无异议'}
        />
      </div>
      {box === 'accept' && can('disputes.rule.manage') ? <RulesCard /> : null}
    </>
  );
}

function NotificationsCard({ onRead }: { onRead: () => void }) {
  const notes = useApiQuery<DisputeNotifications>('/disputes/notifications');
  if (!notes.data || notes.data.items.length === 0) return null;
  const readAll = async () => {
    await api.post('/disputes/notifications/read', {});
    notes.reload();
    onRead();
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={<Space>办理通知 <Badge count={notes.data.unread} data-testid="dispute-unread" /></Space>}
      extra={notes.data.unread > 0 ? <Button size="small" onClick={readAll}>全部标为已读</Button> : null}
    >
      <List
        size="small"
        dataSource={notes.data.items.slice(0, 10)}
        renderItem={(n) => (
          <List.Item>
            <List.Item.Meta
              title={<Space>{n.readAt ? null : <Badge status="processing" />}<Link to={`/disputes/${n.disputeId}`}>{n.title}</Link></Space>}
              description={<>{n.body} <Typography.Text type="secondary">{formatDateTimeShort(n.createdAt)}</Typography.Text></>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
