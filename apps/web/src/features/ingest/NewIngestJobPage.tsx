import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api } from '../../ui/api';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { MODE_LABEL, type EntryOverview, type IngestDefinition, type IngestJob, type Mode, type Preview, type SourceKind } from './types';

interface SearchHit { id: string; name: string; code: string; departmentName: string; mounted: boolean }

/** 新建归集: entry → source → mapping preview (problems before loading) → mode → run now or save as a schedule. */
export function NewIngestJobPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const { run, submitting } = useSubmit();
  const [step, setStep] = useState(0);
  const [q, setQ] = useState('');
  const [entryId, setEntryId] = useState<string | null>(null);
  const [kind, setKind] = useState<SourceKind>('file');
  const [file, setFile] = useState<{ uploadId: string; fileName: string; size: number } | null>(null);
  const [sourceForm] = Form.useForm();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<Mode>('full');
  const [softDeleteMissing, setSoftDeleteMissing] = useState(false);
  const [deleteFlagColumn, setDeleteFlagColumn] = useState<string | undefined>();
  const [saveName, setSaveName] = useState('');
  const [schedule, setSchedule] = useState<'none' | 'entry_frequency' | 'interval'>('none');
  const [minutes, setMinutes] = useState<number>(1440);

  const hits = useApiQuery<{ items: SearchHit[] }>('/catalog/search', { q: q || undefined, department: user?.departmentId ?? undefined, mounted: true, pageSize: 50 });
  const overview = useApiQuery<EntryOverview>(entryId ? `/ingest/entries/${entryId}` : null);

  const source = (): Record<string, unknown> => {
    const v = sourceForm.getFieldsValue();
    if (kind === 'file') return { kind: 'file', uploadId: file?.uploadId, format: v.format ?? 'csv', encoding: v.encoding ?? 'auto' };
    if (kind === 'postgres') return { kind: 'postgres', connectionString: v.connectionString, query: v.query };
    return { kind: 'http', url: v.url, pageParam: v.pageParam || undefined, pageSizeParam: v.pageSizeParam || undefined, pageSize: v.pageSize || undefined, recordsPath: v.recordsPath ?? '', totalPath: v.totalPath || undefined };
  };

  const doPreview = async () => {
    const r = await run(() => api.post<Preview>('/ingest/previews', { entryId, source: source(), sampleSize: 50 }));
    if (r.ok) {
      setPreview(r.value);
      setMapping(r.value.mapping);
      setStep(2);
    }
  };
  const recheck = async () => {
    const r = await run(() => api.post<Preview>('/ingest/previews', { entryId, source: source(), mapping, sampleSize: 50 }));
    if (r.ok) setPreview(r.value);
  };
  const spec = () => ({
    entryId, source: source(), mapping: Object.fromEntries(Object.entries(mapping).filter(([, s]) => s)), mode,
    options: { softDeleteMissing: mode === 'upsert' ? softDeleteMissing : undefined, deleteFlagColumn: deleteFlagColumn || null },
  });
  const start = async () => {
    const r = await run(() => api.post<IngestJob>('/ingest/jobs', spec()), { success: '归集任务已排队' });
    if (r.ok) navigate(`/ingest/jobs/${r.value.id}`);
  };
  const save = async () => {
    const body = { ...spec(), name: saveName || `${overview.data?.entryName ?? ''}归集`, schedule: schedule === 'none' ? null : { kind: schedule, minutes: schedule === 'interval' ? minutes : undefined } };
    const r = await run(() => api.post<IngestDefinition>('/ingest/definitions', body), { success: '归集配置已保存' });
    if (r.ok) navigate('/ingest/definitions');
  };

  const errors = preview?.problems.filter((p) => p.level === 'error' && p.code !== 'SAMPLE_INVALID') ?? [];

  return (
    <>
      <PageHeader title="新建归集" breadcrumb={[{ title: '数据归集', path: '/ingest/jobs' }, { title: '新建归集' }]} subtitle="选择目录和数据源，先预览字段映射与问题，再全量替换或增量更新目录挂接的数据表" />
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: '选择目录' }, { title: '数据源' }, { title: '字段映射' }, { title: '归集方式' }]} />
      {step === 0 ? (
        <Card>
          <Input.Search placeholder="检索本部门已挂接的目录" allowClear onSearch={setQ} style={{ width: 360, marginBottom: 12 }} />
          <Table<SearchHit>
            size="small" rowKey="id" loading={hits.loading} dataSource={hits.data?.items ?? []} pagination={false}
            rowSelection={{ type: 'radio', selectedRowKeys: entryId ? [entryId] : [], onChange: (keys) => setEntryId(String(keys[0])) }}
            columns={[{ title: '目录', dataIndex: 'name' }, { title: '编码', dataIndex: 'code' }, { title: '部门', dataIndex: 'departmentName' }]}
          />
          {overview.data ? (
            <div style={{ marginTop: 12 }}>
              {overview.data.table ? <Typography.Text>目标数据表：<Typography.Text code>{`${overview.data.table.schemaName}.${overview.data.table.tableName}`}</Typography.Text>，主键 {overview.data.table.keyColumns.join('、') || '无'}</Typography.Text> : <Alert type="warning" showIcon message="该目录没有挂接库表，不能物理归集" />}
              {overview.data.logicalAccess.map((a) => <div key={a.endpoint}><Tag color="blue">{a.label}</Tag>{a.method} {a.endpoint}</div>)}
            </div>
          ) : null}
          <Button type="primary" style={{ marginTop: 16 }} disabled={!overview.data?.table || !overview.data.canRun} onClick={() => setStep(1)}>下一步</Button>
        </Card>
      ) : null}
      {step === 1 ? (
        <Card>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} style={{ marginBottom: 16 }} optionType="button"
            options={[{ value: 'file', label: '上传文件' }, { value: 'postgres', label: 'PostgreSQL 数据库' }, { value: 'http', label: 'HTTP 接口' }]} />
          <Form form={sourceForm} layout="vertical" initialValues={{ format: 'csv', encoding: 'auto', pageParam: 'page', pageSizeParam: 'pageSize', pageSize: 500, recordsPath: 'data' }}>
            {kind === 'file' ? (
              <>
                <Upload.Dragger
                  showUploadList={false}
                  customRequest={async ({ file: f, onSuccess, onError }) => {
                    const blob = f as File;
                    const r = await run(() => api.upload<{ uploadId: string; fileName: string; size: number }>('/ingest/uploads', blob, 'application/octet-stream', { fileName: blob.name }), { success: '文件已上传' });
                    if (r.ok) {
                      setFile(r.value);
                      const ext = blob.name.toLowerCase().split('.').pop();
                      sourceForm.setFieldValue('format', ext === 'xlsx' ? 'xlsx' : ext === 'jsonl' || ext === 'ndjson' ? 'jsonl' : 'csv');
                      onSuccess?.(r.value);
                    } else onError?.(new Error('上传失败'));
                  }}
                >
                  <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                  <p>点击或拖入文件：CSV、XLSX、JSON Lines（GBK 或 UTF-8）</p>
                  {file ? <p><Tag color="green">{file.fileName}</Tag>{`${(file.size / 1024).toFixed(1)} KB`}</p> : null}
                </Upload.Dragger>
                <Space style={{ marginTop: 16 }}>
                  <Form.Item name="format" label="格式"><Select style={{ width: 140 }} options={[{ value: 'csv', label: 'CSV' }, { value: 'xlsx', label: 'XLSX' }, { value: 'jsonl', label: 'JSON Lines' }]} /></Form.Item>
                  <Form.Item name="encoding" label="编码"><Select style={{ width: 160 }} options={[{ value: 'auto', label: '自动识别' }, { value: 'utf8', label: 'UTF-8' }, { value: 'gbk', label: 'GBK' }]} /></Form.Item>
                </Space>
              </>
            ) : null}
            {kind === 'postgres' ? (
              <>
                <Form.Item name="connectionString" label="连接串" extra="postgres://用户:密码@主机:端口/库名；密码保存后不再显示"><Input.Password /></Form.Item>
                <Form.Item name="query" label="只读查询"><Input.TextArea rows={4} placeholder="select * from czrk" /></Form.Item>
              </>
            ) : null}
            {kind === 'http' ? (
              <>
                <Form.Item name="url" label="接口地址"><Input placeholder="https://…/api/people" /></Form.Item>
                <Space wrap>
                  <Form.Item name="pageParam" label="页码参数"><Input style={{ width: 120 }} /></Form.Item>
                  <Form.Item name="pageSizeParam" label="每页条数参数"><Input style={{ width: 120 }} /></Form.Item>
                  <Form.Item name="pageSize" label="每页条数"><InputNumber min={1} max={10000} /></Form.Item>
                  <Form.Item name="recordsPath" label="记录数组路径"><Input style={{ width: 160 }} placeholder="data.list" /></Form.Item>
                  <Form.Item name="totalPath" label="总数路径（可选）"><Input style={{ width: 160 }} placeholder="data.total" /></Form.Item>
                </Space>
              </>
            ) : null}
          </Form>
          <Space>
            <Button onClick={() => setStep(0)}>上一步</Button>
            <Button type="primary" loading={submitting} disabled={kind === 'file' && !file} onClick={doPreview}>预览</Button>
          </Space>
        </Card>
      ) : null}
      {step === 2 && preview ? (
        <Card>
          {preview.encoding ? <Typography.Paragraph>识别的编码：<Tag>{preview.encoding.toUpperCase()}</Tag></Typography.Paragraph> : null}
          <Table
            size="small" rowKey="column" pagination={false} dataSource={preview.columns} style={{ marginBottom: 16 }}
            columns={[
              { title: '数据项', render: (_, c) => `${c.itemName}（${c.column}）${preview.keyColumns.includes(c.column) ? ' *主键' : ''}` },
              { title: '类型', dataIndex: 'dataType', width: 100 },
              {
                title: '数据源字段', width: 260,
                render: (_, c) => (
                  <Select allowClear style={{ width: 240 }} value={mapping[c.column]} placeholder="不映射（留空）"
                    options={preview.sourceColumns.map((s) => ({ value: s, label: s }))}
                    onChange={(v) => setMapping((m) => ({ ...m, [c.column]: v ?? '' }))} />
                ),
              },
            ]}
          />
          <Typography.Title level={5}>问题</Typography.Title>
          {preview.problems.length === 0 ? <Alert type="success" showIcon message="样本没有发现问题" /> : (
            <Table size="small" rowKey={(p) => `${p.code}-${p.column}-${p.row}-${p.message}`} pagination={{ pageSize: 10 }} dataSource={preview.problems}
              columns={[
                { title: '级别', dataIndex: 'level', width: 80, render: (l: string) => <Tag color={l === 'error' ? 'red' : 'orange'}>{l === 'error' ? '错误' : '提示'}</Tag> },
                { title: '说明', dataIndex: 'message' },
              ]} />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>样本（前 {preview.sample.length} 行）</Typography.Title>
          <Table size="small" scroll={{ x: true }} pagination={{ pageSize: 5 }} rowKey="__row" dataSource={preview.sample.map((r, i) => ({ ...r, __row: i }))}
            columns={preview.sourceColumns.map((s) => ({ title: s, dataIndex: s, ellipsis: true }))} />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(1)}>上一步</Button>
            <Button onClick={recheck} loading={submitting}>按当前映射重新检查</Button>
            <Button type="primary" disabled={errors.length > 0} onClick={() => setStep(3)}>下一步</Button>
          </Space>
        </Card>
      ) : null}
      {step === 3 ? (
        <Card>
          <Form layout="vertical">
            <Form.Item label="归集方式">
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} options={(['full', 'upsert'] as const).map((m) => ({ value: m, label: MODE_LABEL[m] }))} />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                全量替换：装入临时表后一次性切换，读者不会看到装了一半的表；增量更新：按主键新增或更新，支持软删除。失败或取消时原有数据不变。
              </Typography.Paragraph>
            </Form.Item>
            {mode === 'upsert' ? <Form.Item><Checkbox checked={softDeleteMissing} onChange={(e) => setSoftDeleteMissing(e.target.checked)}>本次数据为全量快照：数据源中没有的记录标记删除</Checkbox></Form.Item> : null}
            <Form.Item label="删除标志字段（可选）">
              <Select allowClear style={{ width: 240 }} value={deleteFlagColumn} onChange={setDeleteFlagColumn} options={(preview?.sourceColumns ?? []).map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Form>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button type="primary" loading={submitting} onClick={start}>立即运行</Button>
            {kind !== 'file' ? (
              <Card size="small" title="保存为归集配置（可定时）">
                <Space wrap>
                  <Input placeholder="配置名称" value={saveName} onChange={(e) => setSaveName(e.target.value)} style={{ width: 240 }} />
                  <Select value={schedule} onChange={setSchedule} style={{ width: 200 }} options={[{ value: 'none', label: '不定时' }, { value: 'entry_frequency', label: '按目录更新周期' }, { value: 'interval', label: '自定义间隔（分钟）' }]} />
                  {schedule === 'interval' ? <InputNumber min={5} value={minutes} onChange={(v) => setMinutes(v ?? 1440)} /> : null}
                  <Button loading={submitting} onClick={save}>保存配置</Button>
                </Space>
              </Card>
            ) : null}
            <Button onClick={() => setStep(2)}>上一步</Button>
          </Space>
        </Card>
      ) : null}
    </>
  );
}
