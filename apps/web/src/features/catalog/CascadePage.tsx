import { useMemo, useRef, useState } from 'react';
import {
  Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Modal, Radio, Result, Row, Select, Statistic, Table,
  Tooltip, Typography, Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CloudDownloadOutlined, CloudUploadOutlined, InboxOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api, ApiError, type FieldError, type Query } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { saveFile } from '../../ui/save-file';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import { ReportStatusTag, StatusTag } from './CatalogTags';
import { ENTRY_FIELD_LABELS, ITEM_FIELD_LABELS } from './fields';
import type { CascadeFile, CascadeImportResult, EntrySummary, ReportDecision } from './types';
import { useCatalogMeta } from './useCatalogMeta';
import './catalog.css';

type ExportFormat = 'json' | 'dcat';

interface ExportOutcome {
  format: ExportFormat;
  fileName: string;
  at: string;
  count: number;
  withdrawn: number;
  nextCursor: string | null;
  hasMore: boolean | null;
}

// Where the last export stopped, per format, so the next increment can start there (only this browser remembers it).
const CURSOR_KEY = (f: ExportFormat) => `sz.catalog.cascadeCursor.${f}`;
const readCursor = (f: ExportFormat): string | null => {
  try {
    return window.localStorage.getItem(CURSOR_KEY(f));
  } catch {
    return null;
  }
};

// Entries that have a published version (the only ones the province receives or answers about, §4.9).
const PUBLISHED_STATUSES = ['published', 'change_submitted', 'change_returned', 'withdrawal_submitted'];
const fetchEntries = listFetcher<EntrySummary>('/catalog/entries');

/** 目录级联: export increments for the provincial platform, record its feedback, import the provincial catalog. */
export function CascadePage() {
  return (
    <>
      <PageHeader
        title="目录级联"
        subtitle="按“国家—省—市”目录体系，向省级平台增量上报本市已发布目录，登记省级反馈，并导入省级下发的目录（只读）"
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <ExportCard />
        </Col>
        <Col xs={24} xl={12}>
          <ImportCard />
        </Col>
      </Row>
      <ReportCard />
    </>
  );
}

/** GET /cascade/export: downloads one batch and shows where the next one starts. */
function ExportCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ format: ExportFormat; since?: string; limit: number }>();
  const format = Form.useWatch('format', form) ?? 'json';
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lastCursor = readCursor(format);

  const run = async () => {
    const v = form.getFieldsValue(true) as { format: ExportFormat; since?: string; limit?: number };
    setBusy(true);
    setError(null);
    try {
      const query: Query = { format: v.format, since: v.since?.trim() || undefined, limit: v.limit ?? undefined };
      const body = await api.get<Record<string, unknown>>('/catalog/cascade/export', query);
      const at = dayjs();
      const fileName = `政务数据目录级联-${v.format === 'dcat' ? 'DCAT-AP' : 'JSON'}-${at.format('YYYYMMDDHHmmss')}.${v.format === 'dcat' ? 'jsonld' : 'json'}`;
      saveFile(JSON.stringify(body, null, 2), fileName, v.format === 'dcat' ? 'application/ld+json' : 'application/json');
      const result = summarizeExport(v.format, body, fileName, at.toISOString());
      if (result.nextCursor) {
        try {
          window.localStorage.setItem(CURSOR_KEY(v.format), result.nextCursor);
        } catch {
          // private mode: the cursor is still shown below
        }
      }
      setOutcome(result);
      message.success(`已导出 ${result.count} 条目录`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="borderless" title={<span><CloudDownloadOutlined /> 导出上报文件</span>} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">
        导出自游标之后发布、变更或撤销的本级目录（按变化先后排列），文件提交省级平台。留空游标则导出全部。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ format: 'json', limit: 500 }} disabled={busy} onFinish={() => void run()}>
        <Form.Item name="format" label="文件格式">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'json', label: '本平台格式（JSON）' },
              { value: 'dcat', label: 'DCAT-AP 3（JSON-LD）' },
            ]}
          />
        </Form.Item>
        {format === 'dcat' ? (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="DCAT-AP 文件不含已撤销的目录；撤销请用本平台格式上报。" />
        ) : null}
        <Flex gap={16} wrap>
          <Form.Item
            name="since"
            label="起始游标（选填）"
            style={{ flex: 1, minWidth: 240 }}
            extra={
              lastCursor ? (
                <Typography.Link onClick={() => form.setFieldValue('since', lastCursor)}>填入上次导出停止处的游标</Typography.Link>
              ) : '上次导出返回的“下一游标”'
            }
          >
            <Input allowClear maxLength={100} placeholder="留空导出全部" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item name="limit" label="每批条数" style={{ width: 140 }}>
            <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" icon={<CloudDownloadOutlined />} loading={busy}>导出并下载</Button>
      </Form>
      {error ? <ErrorAlert error={error} title="导出失败" style={{ marginTop: 16 }} /> : null}
      {outcome ? (
        <Descriptions
          style={{ marginTop: 16 }}
          size="small"
          bordered
          column={1}
          items={[
            { key: 'file', label: '文件', children: outcome.fileName },
            { key: 'count', label: '目录条数', children: `${formatCount(outcome.count)} 条${outcome.withdrawn > 0 ? `（其中撤销 ${outcome.withdrawn} 条）` : ''}` },
            {
              key: 'cursor',
              label: '下一游标',
              children: outcome.nextCursor ? (
                <Typography.Text copyable style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{outcome.nextCursor}</Typography.Text>
              ) : '—',
            },
            {
              key: 'more',
              label: '是否还有更多',
              children: outcome.hasMore === null ? '—' : outcome.hasMore ? (
                <Flex gap={12} align="center" wrap>
                  <Typography.Text type="warning">还有未导出的目录</Typography.Text>
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ format: outcome.format, since: outcome.nextCursor ?? undefined });
                      void run();
                    }}
                  >
                    继续导出下一批
                  </Button>
                </Flex>
              ) : '已全部导出',
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

/** Count, cursor and "more" of an export, from either format (DCAT carries only the cursor, as shuzheng:nextCursor). */
function summarizeExport(format: ExportFormat, body: Record<string, unknown>, fileName: string, at: string): ExportOutcome {
  const list = (format === 'dcat' ? body['dcat:dataset'] : body.entries) as { withdrawn?: boolean }[] | undefined;
  const entries = Array.isArray(list) ? list : [];
  const cursor = format === 'dcat' ? body['shuzheng:nextCursor'] : body.nextCursor;
  return {
    format,
    fileName,
    at,
    count: entries.length,
    withdrawn: entries.filter((e) => e.withdrawn === true).length,
    nextCursor: typeof cursor === 'string' && cursor !== '' ? cursor : null,
    hasMore: typeof body.hasMore === 'boolean' ? body.hasMore : null,
  };
}

const CASCADE_FIELD_LABELS: Record<string, string> = {
  ...ENTRY_FIELD_LABELS,
  providerName: '信息资源提供方',
  providerCode: '提供方代码',
  publishedOn: '发布日期',
  version: '版本',
  withdrawn: '撤销标记',
};

interface ImportProblemRow {
  key: string;
  where: string;
  field: string;
  message: string;
}

/** `body.entries.3.items.2.shareType` → 第 4 条「…」 / 信息项第 3 行 · 共享属性. */
function describeCascadePath(path: string, file: CascadeFile | null): { where: string; field: string } {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === 'entries' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const i = Number(parts[1]);
    const e = file?.entries[i];
    const where = `第 ${i + 1} 条${e ? `「${e.name ?? e.code}」` : ''}`;
    const rest = parts.slice(2);
    if (rest[0] === 'items' && rest[1] !== undefined && /^\d+$/.test(rest[1])) {
      const item = rest[2] ? ITEM_FIELD_LABELS[rest[2]] ?? rest[2] : '';
      return { where, field: `信息项第 ${Number(rest[1]) + 1} 行${item ? ` · ${item}` : ''}` };
    }
    return { where, field: rest[0] ? CASCADE_FIELD_LABELS[rest[0]] ?? rest.join('.') : '整条目录' };
  }
  const top: Record<string, string> = { format: '文件格式标识', source: '来源', entries: '目录列表', generatedAt: '生成时间' };
  return { where: '文件', field: parts.length > 0 ? (parts[0] === 'source' && parts[1] === 'name' ? '来源名称' : top[parts[0] ?? ''] ?? parts.join('.')) : '整个文件' };
}

/** POST /cascade/imports: a provincial catalog file becomes read-only published entries; every problem is listed. */
function ImportCard() {
  const [file, setFile] = useState<{ name: string; data: CascadeFile } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CascadeImportResult | null>(null);
  const [problems, setProblems] = useState<ImportProblemRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setFile(null);
    setReadError(null);
    setResult(null);
    setProblems(null);
    setError(null);
  };

  const read = async (f: File) => {
    reset();
    if (f.size > 10 * 1024 * 1024) {
      setReadError(`${f.name} 超过 10 MB，请让省级平台分批下发`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await f.text());
    } catch {
      setReadError(`${f.name} 不是有效的 JSON 文件`);
      return;
    }
    const data = parsed as Partial<CascadeFile> | null;
    if (!data || typeof data !== 'object' || data.format !== 'shuzheng.catalog.v1' || !Array.isArray(data.entries)) {
      setReadError(`${f.name} 不是级联目录文件（应为 format 为 shuzheng.catalog.v1、含 entries 列表的 JSON）`);
      return;
    }
    setFile({ name: f.name, data: data as CascadeFile });
  };

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setProblems(null);
    try {
      setResult(await api.post<CascadeImportResult>('/catalog/cascade/imports', file.data));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length > 0) {
        setProblems(e.fields.map((f: FieldError, i) => ({ key: `${i}-${f.path}`, ...describeCascadePath(f.path, file.data), message: f.message })));
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const withdrawn = file ? file.data.entries.filter((e) => e.withdrawn === true).length : 0;

  return (
    <Card variant="borderless" title={<span><CloudUploadOutlined /> 导入省级下发目录</span>} style={{ height: '100%' }}>
      {result ? (
        <Result
          status="success"
          style={{ padding: '16px 0' }}
          title={`已导入 ${file?.name ?? '省级目录'}`}
          subTitle="省级目录以只读方式发布，可在目录检索中按“省级”筛选查看。"
          extra={
            <Flex vertical align="center" gap={16}>
              <Flex gap={48} justify="center">
                <Statistic title="新增" value={result.created} suffix="条" />
                <Statistic title="更新" value={result.updated} suffix="条" />
                <Statistic title="撤销" value={result.withdrawn} suffix="条" />
              </Flex>
              <Flex gap={8}>
                <Link to="/catalog/search"><Button>去目录检索</Button></Link>
                <Button type="primary" onClick={reset}>导入其他文件</Button>
              </Flex>
            </Flex>
          }
        />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            上传省级平台下发的目录文件（本平台 JSON 格式）。按信息资源代码新增或更新，标记撤销的下架；文件中任何一处有误时整份不导入。
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".json,application/json"
            showUploadList={false}
            multiple={false}
            disabled={busy}
            beforeUpload={(f) => {
              void read(f);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{file ? `已选择 ${file.name}，点击更换` : '点击或将省级目录文件拖到此处'}</p>
            <p className="ant-upload-hint">.json，不超过 10 MB</p>
          </Upload.Dragger>
          {readError ? <Alert type="error" showIcon title={readError} /> : null}
          {file ? (
            <>
              <Descriptions
                size="small"
                bordered
                column={1}
                items={[
                  { key: 'src', label: '来源', children: `${file.data.source?.name ?? '—'}${file.data.source?.divisionCode ? `（${file.data.source.divisionCode}）` : ''}` },
                  { key: 'at', label: '生成时间', children: formatDateTime(file.data.generatedAt ?? null) },
                  { key: 'n', label: '目录条数', children: `${formatCount(file.data.entries.length)} 条${withdrawn > 0 ? `（其中撤销 ${withdrawn} 条）` : ''}` },
                ]}
              />
              <Flex gap={8}>
                <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} onClick={() => void upload()} disabled={file.data.entries.length === 0}>
                  导入
                </Button>
                <Button onClick={reset} disabled={busy}>取消</Button>
              </Flex>
            </>
          ) : null}
          {error ? <ErrorAlert error={error} title="导入失败" /> : null}
          {problems ? (
            <>
              <Alert type="error" showIcon title={`文件有 ${problems.length} 处问题，未导入任何目录`} description="请将以下问题反馈省级平台，修正后重新下发。" />
              <Table<ImportProblemRow>
                size="small"
                rowKey="key"
                dataSource={problems}
                pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                columns={[
                  {
                    title: '位置',
                    key: 'where',
                    width: '45%',
                    render: (_: unknown, p) => (
                      <span>
                        <Typography.Text ellipsis={{ tooltip: p.where }} style={{ maxWidth: '100%', display: 'block' }}>{p.where}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.field}</Typography.Text>
                      </span>
                    ),
                  },
                  { title: '问题', dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
                ]}
              />
            </>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}

/** POST /cascade/reports: the province's answer (已上报 / 已同步 / 退回) for the chosen published entries. */
function ReportCard() {
  const table = useRef<DataTableHandle>(null);
  const { can } = useAuth();
  const { message } = App.useApp();
  const meta = useCatalogMeta();
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ status: ReportDecision; note?: string }>();
  const status = Form.useWatch('status', form);
  const { submitting, run } = useSubmit();

  const submit = async (v: { status: ReportDecision; note?: string }) => {
    const result = await run(
      () => api.post<{ updated: number }>('/catalog/cascade/reports', { entryIds: selected, status: v.status, note: v.note?.trim() || undefined }),
      { form, fieldNames: ['status', 'note'] },
    );
    if (result.ok) {
      setOpen(false);
      setSelected([]);
      table.current?.reload();
      message.success(`上报状态已更新：${result.value.updated} 条目录为“${meta.label('ReportStatus', v.status)}”`);
    }
  };

  const columns: TableColumnsType<EntrySummary> = [
    {
      title: '信息资源名称',
      dataIndex: 'name',
      render: (name: string, e) => (
        <div style={{ minWidth: 200 }}>
          <Link to={`/catalog/entries/${e.id}`}>{name}</Link>
          <div><Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{e.code}</Typography.Text></div>
        </div>
      ),
    },
    { title: '提供部门', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    { title: '版本', dataIndex: 'currentVersion', align: 'center', render: (v: number | null) => (v ? `v${v}` : '—') },
    { title: '目录状态', dataIndex: 'status', render: (s: EntrySummary['status'], e) => <StatusTag status={s} dirty={e.dirty} /> },
    { title: '省级上报状态', dataIndex: 'reportStatus', render: (s: EntrySummary['reportStatus']) => <ReportStatusTag value={s} /> },
    { title: '更新时间', dataIndex: 'updatedAt', render: formatDateTime },
  ];

  const fixed = useMemo<Query>(() => ({ origin: 'local', status: PUBLISHED_STATUSES }), []);

  return (
    <Card variant="borderless" title={<span><SyncOutlined /> 省级上报状态</span>}>
      <Typography.Paragraph type="secondary">
        登记省级平台对已上报目录的反馈。目录发布新版本后，上报状态自动重置为“未上报”。
      </Typography.Paragraph>
      <DataTable<EntrySummary>
        ref={table}
        fetch={fetchEntries}
        rowKey="id"
        columns={columns}
        params={fixed}
        search={{ placeholder: '名称或信息资源代码' }}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys as string[]),
        }}
        filters={
          <>
            <Form.Item name="reportStatus">
              <Select allowClear placeholder="上报状态" style={{ width: 130 }} options={meta.options('ReportStatus')} />
            </Form.Item>
            {can('identity.department.read') ? (
              <Form.Item name="departmentId">
                <DepartmentTreeSelect placeholder="提供部门" style={{ width: 200 }} />
              </Form.Item>
            ) : null}
          </>
        }
        toolbar={
          <Flex gap={8} align="center">
            {selected.length > 0 ? (
              <Typography.Link onClick={() => setSelected([])}>清除选择</Typography.Link>
            ) : null}
            <Tooltip title={selected.length === 0 ? '请先在下表中勾选目录' : undefined}>
              <Button
                type="primary"
                disabled={selected.length === 0}
                onClick={() => {
                  form.resetFields();
                  setOpen(true);
                }}
              >
                登记上报状态{selected.length > 0 ? `（已选 ${selected.length} 条）` : ''}
              </Button>
            </Tooltip>
          </Flex>
        }
        emptyText="尚无已发布的本级目录"
      />
      <Modal
        open={open}
        title={`登记省级上报状态（${selected.length} 条目录）`}
        okText="保存"
        cancelText="取消"
        confirmLoading={submitting}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ status: 'reported' }} onFinish={(v) => void submit(v)} disabled={submitting}>
          <Form.Item name="status" label="上报状态" rules={[{ required: true, message: '请选择上报状态' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={meta.options('ReportStatus').filter((o) => o.value !== 'not_reported')}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={status === 'rejected' ? '退回原因' : '备注（选填）'}
            rules={[
              { required: status === 'rejected', whitespace: true, message: '省级平台退回时须填写退回原因' },
              { max: 500, message: '不超过 500 字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={status === 'rejected' ? '如：共享条件表述不规范，请补充使用范围' : '如：省平台批次号 2026-11-001'} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
