import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Input, Popconfirm, Radio, Select, Skeleton, Table, Tag, Typography, Upload } from 'antd';
import { ApiOutlined, DeleteOutlined, DownloadOutlined, FileOutlined, PlusOutlined, TableOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError, downloadUrl, errorMessage } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import { MountStatusBadge } from './CatalogTags';
import type { ApiAuth, Item, ItemInput, Mount, MountKind } from './types';
import { useCatalogMeta } from './useCatalogMeta';

const KIND_ICON: Record<MountKind, React.ReactNode> = { table: <TableOutlined />, api: <ApiOutlined />, file: <FileOutlined /> };
const MAX_FILE = 10 * 1024 * 1024;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

export interface MountsTabProps {
  entryId: string;
  /** Mounts as the published view lists them (reader view); used when the working copy is not visible. */
  publishedMounts?: Mount[];
  /** Whether the caller may read the working copy's mounts (full view, file download). */
  workingReader: boolean;
  /** Whether the caller may register and remove mounts (own department, not withdrawn, not provincial). */
  canManage: boolean;
  items: readonly (Item | ItemInput)[];
  onChanged?: () => void;
}

/** 资源挂接 “目录—数据”: the tables, APIs and files mounted on the entry and their status. */
export function MountsTab({ entryId, publishedMounts, workingReader, canManage, items, onChanged }: MountsTabProps) {
  const meta = useCatalogMeta();
  const { message } = App.useApp();
  const list = useApiQuery<{ items: Mount[] }>(workingReader || !publishedMounts ? `/catalog/entries/${entryId}/mounts` : null);
  const mounts = workingReader || !publishedMounts ? list.data?.items : publishedMounts;
  const [adding, setAdding] = useState(false);

  const remove = async (m: Mount) => {
    try {
      await api.delete(`/catalog/entries/${entryId}/mounts/${m.id}`);
      message.success('已删除挂接');
      list.reload();
      onChanged?.();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  if (list.error) return <ErrorAlert error={list.error} title="挂接信息加载失败" onRetry={list.reload} />;
  if (!mounts) return <Skeleton active paragraph={{ rows: 4 }} />;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          目录挂接实际数据后方可共享调用。库表挂接须将每个字段映射到本目录的信息项；信息项变化后映射不符的挂接会自动标记为“映射失效”。
        </Typography.Text>
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={items.length === 0}>
            登记挂接
          </Button>
        ) : null}
      </Flex>
      {canManage && items.length === 0 ? <Alert type="info" showIcon title="请先登记信息项，再挂接库表或接口" /> : null}
      {mounts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未挂接数据" />
      ) : (
        mounts.map((m) => (
          <Card
            key={m.id}
            size="small"
            title={
              <Flex gap={8} align="center">
                {KIND_ICON[m.kind]}
                <span>{meta.label('MountKind', m.kind)}挂接</span>
                <MountStatusBadge status={m.status} />
              </Flex>
            }
            extra={
              <Flex gap={12} align="center">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>登记于 {formatDateTime(m.createdAt)}</Typography.Text>
                {m.kind === 'file' && workingReader ? (
                  <Button size="small" icon={<DownloadOutlined />} href={downloadUrl(`/catalog/entries/${entryId}/mounts/${m.id}/file`)}>
                    下载
                  </Button>
                ) : null}
                {canManage ? (
                  <Popconfirm title="删除该挂接？" description="删除后共享调用将无法访问该数据。" okText="删除" cancelText="取消" onConfirm={() => remove(m)}>
                    <Button size="small" danger icon={<DeleteOutlined />}>删除</Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            }
          >
            {m.statusNote ? <Alert type={m.status === 'invalid' ? 'error' : 'info'} showIcon title={m.statusNote} style={{ marginBottom: 12 }} /> : null}
            <MountBody mount={m} items={items} />
          </Card>
        ))
      )}
      {canManage ? (
        <MountDrawer
          open={adding}
          entryId={entryId}
          items={items}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            list.reload();
            onChanged?.();
          }}
        />
      ) : null}
    </Flex>
  );
}

function MountBody({ mount: m, items }: { mount: Mount; items: readonly ItemInput[] }) {
  const meta = useCatalogMeta();
  if (m.kind === 'table') {
    if (!m.table) return <Typography.Text type="secondary">库表结构仅对本部门和数据主管部门可见</Typography.Text>;
    const byCode = new Map(items.map((i) => [i.codeName, i.name]));
    return (
      <>
        <Descriptions size="small" column={3} items={[
          { key: 'ds', label: '数据源', children: m.table.datasource },
          { key: 'schema', label: '模式', children: m.table.schemaName ?? '—' },
          { key: 'table', label: '表名', children: <Typography.Text style={{ fontFamily: 'monospace' }}>{m.table.tableName}</Typography.Text> },
        ]} />
        <Table
          size="small"
          style={{ marginTop: 8 }}
          pagination={false}
          rowKey="column"
          dataSource={m.table.columns}
          columns={[
            { title: '字段', dataIndex: 'column', render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> },
            { title: '字段类型', dataIndex: 'columnType', render: (v: string | null) => v ?? '—' },
            {
              title: '对应信息项',
              dataIndex: 'itemCodeName',
              render: (v: string) => (byCode.has(v) ? `${byCode.get(v)}（${v}）` : <Typography.Text type="danger">{v}（信息项已不存在）</Typography.Text>),
            },
          ]}
        />
      </>
    );
  }
  if (m.kind === 'api' && m.api) {
    return (
      <Descriptions size="small" column={2} items={[
        { key: 'ep', label: '接口地址', span: 2, children: <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{m.api.endpoint}</Typography.Text> },
        { key: 'm', label: '请求方法', children: m.api.method ? <Tag>{m.api.method}</Tag> : '—' },
        { key: 'auth', label: '鉴权方式', children: meta.label('ApiAuth', m.api.auth) },
        { key: 'oa', label: 'OpenAPI 文档', span: 2, children: m.api.openapiUrl ?? '—' },
      ]} />
    );
  }
  if (m.kind === 'file' && m.file) {
    return (
      <Descriptions size="small" column={2} items={[
        { key: 'n', label: '文件名', children: m.file.name },
        { key: 's', label: '大小', children: formatSize(m.file.size) },
        { key: 'h', label: 'SM3 校验值', span: 2, children: <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{m.file.sm3}</Typography.Text> },
      ]} />
    );
  }
  return null;
}

interface MountForm {
  kind: MountKind;
  datasource?: string;
  schemaName?: string;
  tableName?: string;
  columns?: { column?: string; columnType?: string; itemCodeName?: string }[];
  endpoint?: string;
  method?: 'GET' | 'POST';
  openapiUrl?: string;
  auth?: ApiAuth;
}

function MountDrawer({ open, entryId, items, onClose, onSaved }: {
  open: boolean;
  entryId: string;
  items: readonly ItemInput[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const meta = useCatalogMeta();
  const { message } = App.useApp();
  const [form] = Form.useForm<MountForm>();
  const kind = Form.useWatch('kind', form) ?? 'table';
  const [file, setFile] = useState<File | null>(null);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const itemOptions = items.map((i) => ({ value: i.codeName, label: `${i.name}（${i.codeName}）` }));

  const save = async (v: MountForm) => {
    setProblems([]);
    setSaving(true);
    try {
      if (v.kind === 'file') {
        if (!file) {
          message.error('请选择要上传的文件');
          return;
        }
        await api.upload<Mount>(`/catalog/entries/${entryId}/mounts/files`, file, undefined, { fileName: file.name });
      } else if (v.kind === 'table') {
        await api.post<Mount>(`/catalog/entries/${entryId}/mounts`, {
          kind: 'table',
          table: {
            datasource: v.datasource?.trim(),
            schemaName: v.schemaName?.trim() || undefined,
            tableName: v.tableName?.trim(),
            columns: (v.columns ?? []).map((c) => ({ column: c.column?.trim(), columnType: c.columnType?.trim() || undefined, itemCodeName: c.itemCodeName })),
          },
        });
      } else {
        await api.post<Mount>(`/catalog/entries/${entryId}/mounts`, {
          kind: 'api',
          api: { endpoint: v.endpoint?.trim(), method: v.method, openapiUrl: v.openapiUrl?.trim() || undefined, auth: v.auth },
        });
      }
      message.success('挂接已登记');
      form.resetFields();
      setFile(null);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length > 0) {
        // Paths like body.table.columns.3.itemCodeName → the row's field.
        const setters: { name: (string | number)[]; errors: string[] }[] = [];
        const loose: string[] = [];
        for (const f of e.fields) {
          const m = /^body\.table\.columns\.(\d+)\.(column|columnType|itemCodeName)$/.exec(f.path);
          const top = /^body\.(?:table|api)\.(\w+)$/.exec(f.path);
          if (m) setters.push({ name: ['columns', Number(m[1]), m[2] as string], errors: [f.message] });
          else if (top && ['datasource', 'schemaName', 'tableName', 'endpoint', 'method', 'openapiUrl', 'auth'].includes(top[1] as string)) setters.push({ name: [top[1] as string], errors: [f.message] });
          else loose.push(f.message);
        }
        form.setFields(setters as Parameters<typeof form.setFields>[0]);
        setProblems(loose.length > 0 ? loose : []);
        message.error(e.message);
      } else {
        message.error(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="登记挂接"
      size={720}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={saving}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>登记</Button>
        </Flex>
      }
    >
      {problems.length > 0 ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title="字段映射有误" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
      ) : null}
      <Form<MountForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'table', method: 'GET', auth: 'sm2', columns: items.slice(0, 3).map((i) => ({ itemCodeName: i.codeName, column: i.codeName })) }}
        onFinish={(v) => void save(v)}
        disabled={saving}
      >
        <Form.Item name="kind" label="挂接类型">
          <Radio.Group optionType="button" buttonStyle="solid" options={meta.options('MountKind')} />
        </Form.Item>
        {kind === 'table' ? (
          <>
            <Flex gap={12}>
              <Form.Item name="datasource" label="数据源" rules={[{ required: true, whitespace: true, message: '请输入数据源名称' }]} style={{ flex: 1 }}>
                <Input placeholder="如：公安人口库" maxLength={100} />
              </Form.Item>
              <Form.Item name="schemaName" label="模式（选填）" style={{ width: 160 }}>
                <Input placeholder="如：rk" maxLength={63} />
              </Form.Item>
              <Form.Item name="tableName" label="表名" rules={[{ required: true, whitespace: true, message: '请输入表名' }]} style={{ width: 200 }}>
                <Input placeholder="如：czrk" maxLength={63} />
              </Form.Item>
            </Flex>
            <Form.Item label="字段映射" required extra="每个字段对应本目录的一个信息项；同一字段、同一信息项不能重复映射">
              <Form.List name="columns">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={8}>
                    {fields.map((f) => (
                      <Flex key={f.key} gap={8} align="flex-start">
                        <Form.Item name={[f.name, 'column']} rules={[{ required: true, whitespace: true, message: '请输入字段名' }]} style={{ width: 180, marginBottom: 0 }}>
                          <Input placeholder="字段名" style={{ fontFamily: 'monospace' }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'columnType']} style={{ width: 150, marginBottom: 0 }}>
                          <Input placeholder="类型，如 varchar(18)" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'itemCodeName']} rules={[{ required: true, message: '请选择信息项' }]} style={{ flex: 1, marginBottom: 0 }}>
                          <Select options={itemOptions} placeholder="对应信息项" showSearch={{ optionFilterProp: 'label' }} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除该字段" />
                      </Flex>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 160 }}>添加字段</Button>
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
          </>
        ) : kind === 'api' ? (
          <>
            <Form.Item
              name="endpoint"
              label="接口地址"
              rules={[
                { required: true, whitespace: true, message: '请输入接口地址' },
                { pattern: /^https?:\/\/\S+$/, message: '请输入以 http:// 或 https:// 开头的地址' },
              ]}
            >
              <Input placeholder="https://…/api/v1/…" />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item name="method" label="请求方法" style={{ width: 140 }}>
                <Select options={[{ value: 'GET', label: 'GET' }, { value: 'POST', label: 'POST' }]} />
              </Form.Item>
              <Form.Item name="auth" label="鉴权方式" rules={[{ required: true, message: '请选择鉴权方式' }]} style={{ flex: 1 }}>
                <Select options={meta.options('ApiAuth')} />
              </Form.Item>
            </Flex>
            <Form.Item name="openapiUrl" label="OpenAPI 文档地址（选填）" rules={[{ pattern: /^https?:\/\/\S+$/, message: '请输入以 http:// 或 https:// 开头的地址' }]}>
              <Input placeholder="https://…/openapi.json" />
            </Form.Item>
          </>
        ) : (
          <Form.Item label="上传文件" required extra="不超过 10 MB；服务器计算 SM3 校验值和文件大小">
            <Upload
              maxCount={1}
              beforeUpload={(f) => {
                if (f.size > MAX_FILE) {
                  message.error('文件超过 10 MB');
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'f', name: file.name, size: file.size, status: 'done' }] : []}
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
