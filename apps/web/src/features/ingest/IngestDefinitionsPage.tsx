import { App, Button, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { MODE_LABEL, SOURCE_LABEL, type IngestDefinition, type IngestJob } from './types';

const scheduleText = (d: IngestDefinition) =>
  !d.schedule ? '不定时' : d.schedule.kind === 'entry_frequency' ? `按目录更新周期（每 ${d.schedule.minutes} 分钟）` : `每 ${d.schedule.minutes} 分钟`;

/** 归集配置与定时: saved source + mapping + mode, optionally scheduled; run now, pause, delete. */
export function IngestDefinitionsPage() {
  const { can } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const { run } = useSubmit();
  const list = useApiQuery<{ items: IngestDefinition[] }>('/ingest/definitions');
  const mayRun = can('ingest.job.run');

  const columns: TableColumnsType<IngestDefinition> = [
    { title: '名称', dataIndex: 'name' },
    { title: '部门', dataIndex: 'departmentName', width: 120 },
    { title: '数据源', dataIndex: 'sourceKind', width: 140, render: (k: IngestDefinition['sourceKind'], d) => <span title={d.sourceDescription}>{SOURCE_LABEL[k]}</span> },
    { title: '方式', dataIndex: 'mode', width: 90, render: (m: IngestDefinition['mode']) => MODE_LABEL[m] },
    { title: '定时', width: 220, render: (_, d) => scheduleText(d) },
    { title: '下次运行', dataIndex: 'nextRunAt', width: 170, render: (v: string | null, d) => (d.enabled && d.schedule ? formatDateTime(v) : '—') },
    {
      title: '启用', dataIndex: 'enabled', width: 80,
      render: (enabled: boolean, d) => (
        <Switch size="small" checked={enabled} disabled={!mayRun}
          onChange={async (v) => { const r = await run(() => api.patch(`/ingest/definitions/${d.id}`, { enabled: v }), { success: v ? '已启用' : '已停用' }); if (r.ok) list.reload(); }} />
      ),
    },
    {
      title: '操作', width: 170,
      render: (_, d) => mayRun ? (
        <Space>
          <Button size="small" onClick={async () => { const r = await run(() => api.post<IngestJob>(`/ingest/definitions/${d.id}/runs`), { success: '已排队' }); if (r.ok) navigate(`/ingest/jobs/${r.value.id}`); }}>立即运行</Button>
          <Button size="small" danger onClick={() => modal.confirm({
            title: `删除归集配置“${d.name}”？`, okText: '删除', okButtonProps: { danger: true },
            onOk: async () => { const r = await run(() => api.delete(`/ingest/definitions/${d.id}`), { success: '已删除' }); if (r.ok) list.reload(); },
          })}>删除</Button>
        </Space>
      ) : null,
    },
  ];

  return (
    <>
      <PageHeader title="归集配置与定时" breadcrumb={[{ title: '数据归集', path: '/ingest/jobs' }, { title: '归集配置与定时' }]} subtitle="保存的数据源、字段映射和归集方式；定时配置按目录更新周期或自定义间隔自动运行" />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<IngestDefinition> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} locale={{ emptyText: '还没有归集配置' }} />
      <Tag style={{ marginTop: 8 }}>上传文件的归集不能定时；数据库与接口数据源可以</Tag>
    </>
  );
}
