import { useMemo } from 'react';
import { Button, Form, Input, Progress, Select, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { DataTable, listFetcher } from '../../ui/DataTable';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useAuth } from '../../app/auth';
import { useApiQuery } from '../../ui/useApiQuery';
import { MODE_LABEL, SOURCE_LABEL, STATUS_LABEL, type IngestJob, type JobStatus } from './types';

/** 归集任务: every ingest job the user may see, filtered by entry, status and department. */
export function IngestJobsPage() {
  const { can } = useAuth();
  const fetcher = useMemo(() => listFetcher<IngestJob>('/ingest/jobs'), []);
  const departments = useApiQuery<{ items: { id: string; name: string }[] }>('/identity/departments', { pageSize: 100 }, { enabled: can('identity.department.read') });

  const columns: TableColumnsType<IngestJob> = [
    { title: '任务', dataIndex: 'name', render: (name: string, j) => <Link to={`/ingest/jobs/${j.id}`}>{name}</Link> },
    { title: '部门', dataIndex: 'departmentName', width: 120 },
    { title: '数据源', dataIndex: 'sourceKind', width: 130, render: (k: IngestJob['sourceKind'], j) => <span title={j.sourceDescription}>{SOURCE_LABEL[k]}</span> },
    { title: '方式', dataIndex: 'mode', width: 90, render: (m: IngestJob['mode']) => MODE_LABEL[m] },
    {
      title: '状态', dataIndex: 'status', width: 150,
      render: (s: JobStatus, j) => (s === 'running' ? <Progress percent={Math.round(j.progress.percent ?? 0)} size="small" status="active" /> : <Tag color={STATUS_LABEL[s].color}>{STATUS_LABEL[s].text}</Tag>),
    },
    { title: '读取', width: 90, render: (_, j) => formatCount(j.counts.read) },
    { title: '新增/更新/删除', width: 130, render: (_, j) => `${formatCount(j.counts.inserted)} / ${formatCount(j.counts.updated)} / ${formatCount(j.counts.deleted)}` },
    { title: '拒绝', width: 80, render: (_, j) => (j.counts.rejected ? <Tag color="red">{formatCount(j.counts.rejected)}</Tag> : 0) },
    { title: '发起', width: 150, render: (_, j) => `${j.createdBy ?? '—'}${j.trigger === 'schedule' ? '（定时）' : ''}` },
    { title: '创建时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
  ];

  return (
    <>
      <PageHeader
        title="数据归集"
        subtitle="把上传文件、部门数据库和接口数据归集到目录挂接的数据表；任务在后台运行，可查看进度、被拒绝的行和血缘"
        extra={
          <Space>
            <Link to="/ingest/definitions"><Button>归集配置与定时</Button></Link>
            {can('ingest.job.run') ? <Link to="/ingest/new"><Button type="primary" icon={<PlusOutlined />}>新建归集</Button></Link> : null}
          </Space>
        }
      />
      <DataTable<IngestJob>
        fetch={fetcher}
        columns={columns}
        rowKey="id"
        search={false}
        filters={
          <>
            <Form.Item name="status">
              <Select allowClear placeholder="状态" style={{ width: 120 }} options={Object.entries(STATUS_LABEL).map(([value, l]) => ({ value, label: l.text }))} />
            </Form.Item>
            <Form.Item name="entryId">
              <Input allowClear placeholder="目录 ID" style={{ width: 300 }} />
            </Form.Item>
            {departments.data ? (
              <Form.Item name="departmentId">
                <Select allowClear showSearch optionFilterProp="label" placeholder="部门" style={{ width: 180 }} options={departments.data.items.map((d) => ({ value: d.id, label: d.name }))} />
              </Form.Item>
            ) : null}
          </>
        }
        emptyText="还没有归集任务"
      />
    </>
  );
}
