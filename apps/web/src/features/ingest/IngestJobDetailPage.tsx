import { useEffect, useMemo } from 'react';
import { Alert, App, Button, Card, Descriptions, Progress, Space, Statistic, Tabs, Tag, Typography, Row, Col } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { api, downloadUrl } from '../../ui/api';
import { DataTable, listFetcher } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { formatEta, MODE_LABEL, SOURCE_LABEL, STATUS_LABEL, type IngestJob, type RejectRow } from './types';

/** One ingest job: live progress while it runs (polled), counts, rejected rows with download, OpenLineage. */
export function IngestJobDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const { run } = useSubmit();
  const job = useApiQuery<IngestJob>(`/ingest/jobs/${id}`);
  const active = job.data?.status === 'queued' || job.data?.status === 'running';
  const { reload } = job;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, 1500);
    return () => clearInterval(timer);
  }, [active, reload]);
  const lineage = useApiQuery<unknown>(job.data && !active ? `/ingest/jobs/${id}/openlineage` : null);
  const rejects = useMemo(() => listFetcher<RejectRow>(`/ingest/jobs/${id}/rejects`), [id]);

  if (job.error) return <ErrorAlert error={job.error} />;
  const j = job.data;
  if (!j) return null;
  const status = STATUS_LABEL[j.status];

  const cancel = () =>
    modal.confirm({
      title: '取消该归集任务？',
      content: '已读取的数据不会写入，数据表保持任务开始前的内容。',
      okText: '取消任务',
      okButtonProps: { danger: true },
      onOk: async () => {
        const r = await run(() => api.post<IngestJob>(`/ingest/jobs/${j.id}/cancel`), { success: '已请求取消' });
        if (r.ok) job.setData(r.value);
      },
    });

  const rejectColumns: TableColumnsType<RejectRow> = [
    { title: '行号', dataIndex: 'rowNo', width: 90, render: (n: number) => (n > 0 ? n : '主键重复') },
    { title: '原因', dataIndex: 'reasons', render: (r: RejectRow['reasons']) => r.map((x, i) => <div key={i}>{x.message}</div>) },
    { title: '原始数据', dataIndex: 'data', render: (d: Record<string, unknown>) => <Typography.Text code style={{ fontSize: 12 }}>{JSON.stringify(d)}</Typography.Text> },
  ];

  return (
    <>
      <PageHeader
        title={j.name}
        subtitle={j.sourceDescription}
        breadcrumb={[{ title: '数据归集', path: '/ingest/jobs' }, { title: j.name }]}
        extra={active && can('ingest.job.run') ? <Button danger icon={<StopOutlined />} onClick={cancel} disabled={j.cancelRequested}>{j.cancelRequested ? '正在取消…' : '取消任务'}</Button> : null}
      />
      {j.status === 'failed' || j.status === 'cancelled' ? <Alert type={j.status === 'failed' ? 'error' : 'warning'} showIcon message={j.error ?? status.text} style={{ marginBottom: 16 }} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space><Tag color={status.color}>{status.text}</Tag>{j.trigger === 'schedule' ? <Tag>定时</Tag> : null}</Space>
          <Progress percent={j.status === 'succeeded' ? 100 : Math.round(j.progress.percent ?? 0)} status={j.status === 'running' ? 'active' : j.status === 'failed' ? 'exception' : undefined} />
          <Row gutter={16}>
            <Col span={4}><Statistic title="已读取（行）" value={j.counts.read} /></Col>
            <Col span={4}><Statistic title="速度（行/秒）" value={j.progress.rowsPerSecond ?? 0} /></Col>
            <Col span={4}><Statistic title="预计剩余" value={active ? formatEta(j.progress.etaSeconds) : '—'} /></Col>
            <Col span={3}><Statistic title="新增" value={j.counts.inserted} /></Col>
            <Col span={3}><Statistic title="更新" value={j.counts.updated} /></Col>
            <Col span={3}><Statistic title="删除" value={j.counts.deleted} /></Col>
            <Col span={3}><Statistic title="拒绝" value={j.counts.rejected} styles={j.counts.rejected ? { content: { color: '#cf1322' } } : undefined} /></Col>
          </Row>
        </Space>
      </Card>
      <Tabs
        items={[
          {
            key: 'info', label: '任务信息',
            children: (
              <Descriptions bordered size="small" column={2}>
                <Descriptions.Item label="部门">{j.departmentName}</Descriptions.Item>
                <Descriptions.Item label="数据源类型">{SOURCE_LABEL[j.sourceKind]}</Descriptions.Item>
                <Descriptions.Item label="归集方式">{MODE_LABEL[j.mode]}</Descriptions.Item>
                <Descriptions.Item label="目标数据表">{`${j.schemaName}.${j.tableName}`}</Descriptions.Item>
                <Descriptions.Item label="主键字段">{j.keyColumns.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label="发起人">{j.createdBy ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="开始">{formatDateTime(j.startedAt)}</Descriptions.Item>
                <Descriptions.Item label="结束">{formatDateTime(j.finishedAt)}</Descriptions.Item>
                <Descriptions.Item label="耗时">{j.durationSeconds === null ? '—' : `${j.durationSeconds.toFixed(1)} 秒`}</Descriptions.Item>
                <Descriptions.Item label="进度">{j.progress.bytesTotal ? `${formatCount(j.progress.bytesRead)} / ${formatCount(j.progress.bytesTotal)} 字节` : `${j.progress.pagesRead} 页/批`}</Descriptions.Item>
                <Descriptions.Item label="字段映射" span={2}>
                  {Object.entries(j.mapping).map(([col, src]) => <Tag key={col}>{`${src} → ${col}`}</Tag>)}
                </Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            key: 'rejects', label: `被拒绝的行（${formatCount(j.counts.rejected)}）`,
            children: (
              <DataTable<RejectRow>
                fetch={rejects}
                columns={rejectColumns}
                rowKey={(r) => String(r.rowNo)}
                search={false}
                emptyText="没有被拒绝的行"
                toolbar={
                  <Space>
                    <Button icon={<DownloadOutlined />} href={downloadUrl(`/ingest/jobs/${j.id}/rejects/export`, { format: 'csv' })} download="">下载 CSV</Button>
                    <Button icon={<DownloadOutlined />} href={downloadUrl(`/ingest/jobs/${j.id}/rejects/export`, { format: 'xlsx' })} download="">下载 Excel</Button>
                  </Space>
                }
              />
            ),
          },
          {
            key: 'lineage', label: '血缘（OpenLineage）',
            children: lineage.data ? <pre style={{ fontSize: 12, maxHeight: 480, overflow: 'auto' }}>{JSON.stringify(lineage.data, null, 2)}</pre> : <Typography.Text type="secondary">任务结束后生成。</Typography.Text>,
          },
        ]}
      />
    </>
  );
}
