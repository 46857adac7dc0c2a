import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Flex, Progress, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, downloadUrl, errorMessage, type Page } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';

// 存量证照导入 (docs/licenses-api.md §4.1): download the type's template, upload the filled workbook, watch the
// background issuing (percent, rows per second, ETA), then download the rejected rows to fix and upload again.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_SIZE = 40 * 1024 * 1024;
const POLL_MS = 1000;

interface ImportType {
  code: string;
  name: string;
  status: 'active' | 'retired';
  referenceOnly: boolean;
  issuerDepartments: { id: string; name: string }[];
}

type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

interface LicenseImport {
  id: string;
  typeCode: string;
  typeName: string;
  department: { id: string; name: string };
  createdBy: { id: string | null; name: string };
  fileName: string;
  status: ImportStatus;
  total: number;
  done: number;
  issued: number;
  rejected: number;
  percent: number;
  rowsPerSecond: number | null;
  etaSeconds: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const STATUS: Record<ImportStatus, { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '导入中', color: 'processing' },
  succeeded: { label: '已完成', color: 'success' },
  failed: { label: '已中止', color: 'error' },
};

const isActive = (s: ImportStatus) => s === 'queued' || s === 'running';

function formatSeconds(s: number | null): string {
  if (s === null) return '—';
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} 分 ${s % 60} 秒` : `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}

const rejectedUrl = (id: string) => downloadUrl(`/licenses/licenses/imports/${id}/rejected.xlsx`);

/** The progress and result of one import; polls while it runs. */
function ImportProgress({ id, onEnded }: { id: string; onEnded: () => void }) {
  const [item, setItem] = useState<LicenseImport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.get<LicenseImport>(`/licenses/licenses/imports/${id}`);
        if (stop) return;
        setItem(next);
        setError(null);
        if (isActive(next.status)) timer = setTimeout(poll, POLL_MS);
        else onEnded();
      } catch (e) {
        if (stop) return;
        setError(errorMessage(e));
        timer = setTimeout(poll, POLL_MS * 3);
      }
    };
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, onEnded]);

  if (!item) return error ? <Alert type="error" showIcon title={error} /> : <Card loading />;
  const status = STATUS[item.status];
  return (
    <Card title={<Space>导入进度 <Tag color={status.color}>{status.label}</Tag></Space>} extra={<Typography.Text type="secondary">{item.fileName}</Typography.Text>}>
      {error ? <Alert type="warning" showIcon title={`刷新进度失败：${error}`} style={{ marginBottom: 12 }} /> : null}
      <Progress
        percent={item.percent}
        status={item.status === 'failed' ? 'exception' : item.status === 'succeeded' ? 'success' : 'active'}
        format={() => `${item.done.toLocaleString()} / ${item.total.toLocaleString()} 行`}
      />
      <Flex gap={48} wrap style={{ marginTop: 16 }}>
        <Statistic title="已制证" value={item.issued} />
        <Statistic title="问题行（未制证）" value={item.rejected} styles={item.rejected ? { content: { color: '#cf1322' } } : undefined} />
        <Statistic title="速度（行/秒）" value={item.rowsPerSecond ?? '—'} />
        <Statistic title="预计剩余" value={isActive(item.status) ? formatSeconds(item.etaSeconds) : '—'} />
      </Flex>
      {item.error ? <Alert type="error" showIcon style={{ marginTop: 16 }} title="导入已中止" description={item.error} /> : null}
      {!isActive(item.status) && item.rejected > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={`${item.rejected} 行有问题，未制证`}
          description="下载问题行文件：保留原有各列，最后一列“问题”写明行号和全部问题。改正后可直接再次上传。"
          action={<Button icon={<DownloadOutlined />} href={rejectedUrl(item.id)} download="">下载问题行</Button>}
        />
      ) : null}
      {item.status === 'succeeded' && item.rejected === 0 ? (
        <Alert type="success" showIcon style={{ marginTop: 16 }} title={`全部 ${item.issued} 行已制证并加盖电子印章`} />
      ) : null}
    </Card>
  );
}

/** 存量证照导入: Excel workbooks of licenses issued on paper, made electronic and sealed in batches. */
export function StockImportPage() {
  const { user } = useAuth();
  const types = useApiQuery<Page<ImportType>>('/licenses/types', { status: 'active', pageSize: 100 });
  const issuable = useMemo(
    () => (types.data?.items ?? []).filter((t) => !t.referenceOnly && t.issuerDepartments.some((d) => d.id === user?.departmentId)),
    [types.data, user?.departmentId],
  );
  const [typeCode, setTypeCode] = useState<string | undefined>(undefined);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [historyPage, setHistoryPage] = useState(1);
  const history = useApiQuery<Page<LicenseImport>>('/licenses/licenses/imports', { page: historyPage, pageSize: 10 });
  const reloadHistory = history.reload;

  useEffect(() => {
    if (!typeCode && issuable.length === 1) setTypeCode(issuable[0]!.code);
  }, [issuable, typeCode]);

  const upload = async (file: File) => {
    setUploadError(null);
    if (!typeCode) return setUploadError('请先选择证照类型');
    if (!/\.xlsx$/i.test(file.name)) return setUploadError('请上传 .xlsx 格式的导入模板（.xls 请先另存为 .xlsx）');
    if (file.size > MAX_SIZE) return setUploadError('文件超过 40 MB，请拆分后分批导入');
    setUploading(true);
    try {
      const r = await api.upload<{ id: string }>('/licenses/licenses/imports', file, XLSX_TYPE, { typeCode, fileName: file.name });
      setCurrent(r.id);
      reloadHistory();
    } catch (e) {
      setUploadError(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <PageHeader
        title="存量证照导入"
        subtitle="将本部门以往颁发的纸质证照批量制成电子证照：逐行校验，合格的行按批加盖本部门电子印章，问题行可下载改正后再次导入"
        breadcrumb={[{ title: '电子证照' }, { title: '存量证照导入' }]}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title="1. 选择证照类型并下载模板">
          {types.error ? <ErrorAlert error={types.error} onRetry={types.reload} /> : null}
          {!types.loading && !types.error && issuable.length === 0 ? (
            <Empty description="本部门没有可颁发的证照类型" />
          ) : (
            <Flex gap={12} wrap align="center">
              <Select
                style={{ minWidth: 320 }}
                placeholder="选择本部门颁发的证照类型"
                loading={types.loading}
                value={typeCode}
                onChange={setTypeCode}
                showSearch
                optionFilterProp="label"
                options={issuable.map((t) => ({ value: t.code, label: t.name }))}
              />
              <Button icon={<DownloadOutlined />} disabled={!typeCode} href={typeCode ? downloadUrl('/licenses/licenses/imports/template', { typeCode }) : undefined} download="">
                下载导入模板
              </Button>
              <Typography.Text type="secondary">模板含填写说明；带 * 的列必填，发证日期为原证照的发证日期。</Typography.Text>
            </Flex>
          )}
        </Card>

        <Card title="2. 上传填好的模板">
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={!typeCode || uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{uploading ? '正在上传并读取文件……' : '点击或拖入 .xlsx 文件'}</p>
            <p className="ant-upload-hint">每个文件最多 100,000 行；同一持证主体已有本类型现行证照的行不会重复制证。</p>
          </Upload.Dragger>
          {uploadError ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={uploadError} /> : null}
        </Card>

        {current ? <ImportProgress key={current} id={current} onEnded={reloadHistory} /> : null}

        <Card title="导入记录" extra={<Button icon={<ReloadOutlined />} onClick={reloadHistory}>刷新</Button>}>
          {history.error ? <ErrorAlert error={history.error} onRetry={reloadHistory} /> : null}
          <Table<LicenseImport>
            rowKey="id"
            size="middle"
            loading={history.loading}
            dataSource={history.data?.items ?? []}
            pagination={{ current: historyPage, pageSize: 10, total: history.data?.total ?? 0, onChange: setHistoryPage, showTotal: (n) => `共 ${n} 次` }}
            expandable={{
              expandedRowRender: (r) => (
                <Descriptions size="small" column={3}>
                  <Descriptions.Item label="开始">{formatDateTime(r.startedAt)}</Descriptions.Item>
                  <Descriptions.Item label="结束">{formatDateTime(r.finishedAt)}</Descriptions.Item>
                  <Descriptions.Item label="速度">{r.rowsPerSecond === null ? '—' : `${r.rowsPerSecond} 行/秒`}</Descriptions.Item>
                  {r.error ? <Descriptions.Item label="中止原因" span={3}>{r.error}</Descriptions.Item> : null}
                </Descriptions>
              ),
            }}
            columns={[
              { title: '上传时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
              { title: '证照类型', dataIndex: 'typeName' },
              { title: '文件', dataIndex: 'fileName', ellipsis: true },
              { title: '部门', render: (_, r) => r.department.name },
              { title: '上传人', render: (_, r) => r.createdBy.name || '—' },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: ImportStatus) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
              { title: '行数', dataIndex: 'total', align: 'right' },
              { title: '已制证', dataIndex: 'issued', align: 'right' },
              { title: '问题行', dataIndex: 'rejected', align: 'right' },
              {
                title: '操作', width: 170,
                render: (_, r) => (
                  <Space>
                    {isActive(r.status) ? <Button size="small" type="link" onClick={() => setCurrent(r.id)}>查看进度</Button> : null}
                    {r.rejected > 0 && !isActive(r.status) ? <Button size="small" type="link" href={rejectedUrl(r.id)} download="">下载问题行</Button> : null}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
