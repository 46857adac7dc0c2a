import { useState } from 'react';
import { App, Alert, Button, Form, Input, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useCatalogMeta } from '../catalog/useCatalogMeta';
import type { UpstreamApi } from './types';

/**
 * 上游接口凭据: for each API the department mounted in the catalog (逻辑接入), the credential the exchange gateway
 * presents when it forwards a granted call — a token, or the platform's SM3-HMAC signature with an app key.
 */
export function UpstreamsPage() {
  const list = useApiQuery<{ items: UpstreamApi[] }>('/gateway/upstreams');
  const { label } = useCatalogMeta();
  const [editing, setEditing] = useState<UpstreamApi | null>(null);
  const { modal } = App.useApp();
  const { run } = useSubmit();
  const items = list.data?.items ?? [];

  const clear = (u: UpstreamApi) =>
    modal.confirm({
      title: `清除“${u.entryName}”的上游凭据？`,
      content: '清除后，网关转发到该接口时不再出示凭据；上游若要求鉴权，调用将失败。',
      okText: '清除',
      okButtonProps: { danger: true, 'data-testid': 'upstream-clear-confirm' },
      onOk: async () => {
        const r = await run(() => api.delete<UpstreamApi>(`/gateway/upstreams/${u.entryId}`), { success: '上游凭据已清除' });
        if (r.ok) list.reload();
      },
    });

  const columns: TableColumnsType<UpstreamApi> = [
    { title: '目录', dataIndex: 'entryName', render: (v: string, u) => <Link to={`/catalog/entries/${u.entryId}`}>{v}</Link> },
    {
      title: '接口地址',
      key: 'endpoint',
      render: (_: unknown, u) => (
        <Typography.Text className="gateway-mono" style={{ wordBreak: 'break-all' }}>
          <Tag style={{ marginInlineEnd: 6 }}>{u.method}</Tag>
          {u.endpoint}
        </Typography.Text>
      ),
    },
    { title: '鉴权方式', dataIndex: 'auth', render: (v: string) => label('ApiAuth', v) },
    {
      title: '上游凭据',
      key: 'credential',
      render: (_: unknown, u) =>
        !u.presentable ? (
          <Tooltip title="平台暂只能代为出示令牌或 AppKey 签名；此类接口转发时不带凭据">
            <Tag data-testid="upstream-status" data-status="unsupported">暂不支持代为出示</Tag>
          </Tooltip>
        ) : u.credential ? (
          <span data-testid="upstream-status" data-status="set">
            <Tag color="success">已设置</Tag>
            <span className="gateway-muted">
              {u.credential.kind === 'token' ? `请求头 ${u.credential.headerName ?? 'Authorization: Bearer'}` : `AppKey ${u.credential.appKey}`}
            </span>
          </span>
        ) : (
          <Tag color="warning" data-testid="upstream-status" data-status="missing">未设置，转发不带凭据</Tag>
        ),
    },
    { title: '设置时间', key: 'updatedAt', render: (_: unknown, u) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(u.credential?.updatedAt ?? null)}</span> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, u) =>
        u.presentable ? (
          <span style={{ display: 'inline-flex', gap: 12 }}>
            <Typography.Link onClick={() => setEditing(u)} data-testid="upstream-edit">{u.credential ? '更换' : '设置'}</Typography.Link>
            {u.credential ? <Typography.Link type="danger" onClick={() => clear(u)} data-testid="upstream-clear">清除</Typography.Link> : null}
          </span>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="上游接口凭据"
        subtitle="本部门在目录中挂接的接口（逻辑接入）：共享网关校验调用方的授权后转发到这些接口，并出示这里设置的凭据；令牌和密钥保存后不再显示"
        extra={
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading} aria-label="刷新" />
          </Tooltip>
        }
      />
      <div className="page-card">
        {list.error ? <ErrorAlert error={list.error} title="挂接接口加载失败" onRetry={list.reload} style={{ marginBottom: 16 }} /> : null}
        <Table<UpstreamApi>
          rowKey="entryId"
          columns={columns}
          dataSource={items}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          pagination={items.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 条` } : false}
          locale={{ emptyText: list.loading ? ' ' : '本部门还没有以接口方式挂接的目录。在目录的“挂接资源”中登记接口后，可在这里设置网关转发时出示的凭据。' }}
        />
      </div>
      <EditModal
        api={editing}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </>
  );
}

interface EditValues {
  token?: string;
  headerName?: string;
  appKey?: string;
  secret?: string;
}

function EditModal({ api: upstream, onClose, onDone }: { api: UpstreamApi | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const { submitting, run } = useSubmit();
  const kind = upstream?.auth === 'app_key' ? 'app_key' : 'token';

  const submit = async (v: EditValues) => {
    if (!upstream) return;
    const body = kind === 'token' ? { kind, token: v.token ?? '', headerName: v.headerName?.trim() || null } : { kind, appKey: v.appKey?.trim() ?? '', secret: v.secret ?? '' };
    const r = await run(() => api.put<UpstreamApi>(`/gateway/upstreams/${upstream.entryId}`, body), { form, fieldNames: ['token', 'headerName', 'appKey', 'secret'], success: '上游凭据已保存' });
    if (r.ok) {
      form.resetFields();
      onDone();
    }
  };

  return (
    <Modal
      open={upstream !== null}
      title={upstream ? `上游凭据 · ${upstream.entryName}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      okButtonProps={{ 'data-testid': 'upstream-submit' }}
      confirmLoading={submitting}
      destroyOnHidden
    >
      {upstream?.credential ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title="已设置过凭据：保存后以新凭据替换，旧凭据立即停用。" /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        {kind === 'token' ? (
          <>
            <Form.Item name="token" label="令牌" rules={[{ required: true, whitespace: true, message: '请输入上游接口的令牌' }]} extra="保存后不再显示；网关只在转发时出示">
              <Input.Password autoComplete="off" data-testid="upstream-token" />
            </Form.Item>
            <Form.Item name="headerName" label="请求头" extra="留空时以 Authorization: Bearer 令牌出示；上游要求其他请求头时填写其名称，如 X-Api-Token">
              <Input placeholder="Authorization" autoComplete="off" maxLength={64} />
            </Form.Item>
          </>
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              网关按本平台的签名方案（SM3-HMAC，含时间戳和一次性随机数）签名每次转发，适用于另一套数政网关（区县或省级平台）的接口。
            </Typography.Paragraph>
            <Form.Item name="appKey" label="AppKey" rules={[{ required: true, whitespace: true, message: '请输入本平台在上游的 AppKey' }]}>
              <Input autoComplete="off" maxLength={128} data-testid="upstream-app-key" />
            </Form.Item>
            <Form.Item name="secret" label="密钥" rules={[{ required: true, message: '请输入对应密钥' }]} extra="保存后不再显示">
              <Input.Password autoComplete="off" data-testid="upstream-secret" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
