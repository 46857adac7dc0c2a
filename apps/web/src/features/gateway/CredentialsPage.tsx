import { useState } from 'react';
import { App, Button, Card, Collapse, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api, type Page } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import type { CatalogSystem } from '../catalog/types';
import { HowToCall, SecretModal } from './gateway-ui';
import type { Credential, SecretIssued } from './types';

const DEFAULT_OVERLAP_HOURS = 24;

/** 调用凭据: app keys and secrets of my department's information systems for the exchange gateway. */
export function CredentialsPage() {
  const { user } = useAuth();
  const { modal } = App.useApp();
  const list = useApiQuery<{ items: Credential[] }>('/gateway/credentials');
  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<Credential | null>(null);
  const [issued, setIssued] = useState<{ value: SecretIssued; rotated: boolean } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [howOpen, setHowOpen] = useState<string[]>([]);
  const { run } = useSubmit();

  const credentials = list.data?.items ?? [];
  const allDepartments = credentials.some((c) => c.departmentId !== user?.departmentId);

  const showHow = (c: Credential) => {
    setSelectedId(c.id);
    setHowOpen(['how']);
    setTimeout(() => document.getElementById('gateway-how')?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
  };

  const revoke = (c: Credential) =>
    modal.confirm({
      title: `注销 ${c.systemName} 的调用凭据？`,
      content: (
        <>
          <p>
            App Key <Typography.Text code>{c.appKey}</Typography.Text> 的所有密钥和已签发的令牌立即失效，该信息系统将无法再调用共享数据。
          </p>
          <p style={{ marginBottom: 0 }}>此操作不能恢复；需要时只能为该系统重新创建凭据（新的 App Key）。</p>
        </>
      ),
      okText: '注销',
      okButtonProps: { danger: true, 'data-testid': 'credential-revoke-confirm' },
      onOk: async () => {
        const r = await run(() => api.post<Credential>(`/gateway/credentials/${c.id}/revoke`), { success: '调用凭据已注销' });
        if (r.ok) list.reload();
      },
    });

  const columns: TableColumnsType<Credential> = [
    {
      title: 'App Key',
      dataIndex: 'appKey',
      render: (v: string) => (
        <Typography.Text className="gateway-mono" copyable={{ text: v }} data-testid="credential-app-key">
          {v}
        </Typography.Text>
      ),
    },
    {
      title: '信息系统',
      key: 'system',
      render: (_: unknown, c) => (
        <div>
          {c.systemName || '—'}
          {c.name ? <div className="gateway-muted">{c.name}</div> : null}
        </div>
      ),
    },
    ...(allDepartments ? [{ title: '部门', dataIndex: 'departmentName' }] : []),
    {
      title: '状态',
      key: 'status',
      render: (_: unknown, c) =>
        c.status === 'revoked' ? (
          <Tag color="error" data-testid="credential-status" data-status="revoked">已注销</Tag>
        ) : (
          <Tag color="success" data-testid="credential-status" data-status="active">有效</Tag>
        ),
    },
    {
      title: '可用密钥',
      key: 'secrets',
      render: (_: unknown, c) =>
        c.status === 'revoked' ? (
          '—'
        ) : c.activeSecrets > 1 ? (
          <Tooltip title="刚轮换过：新旧密钥在重叠期内都能签名调用，重叠期结束后旧密钥自动失效">
            <Tag color="processing">{c.activeSecrets} 个 · 轮换重叠期</Tag>
          </Tooltip>
        ) : (
          `${c.activeSecrets} 个`
        ),
    },
    { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    { title: '注销时间', dataIndex: 'revokedAt', render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, c) =>
        c.status === 'active' ? (
          <Flex gap={12} wrap={false}>
            <Typography.Link onClick={() => showHow(c)}>调用示例</Typography.Link>
            <Typography.Link onClick={() => setRotating(c)} data-testid="credential-rotate">轮换密钥</Typography.Link>
            <Typography.Link type="danger" onClick={() => revoke(c)} data-testid="credential-revoke">注销</Typography.Link>
          </Flex>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="调用凭据"
        subtitle="本部门信息系统调用共享交换网关的 App Key 与密钥：密钥只在创建和轮换时显示一次；轮换有重叠期，业务不中断"
        extra={
          <>
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading} aria-label="刷新" />
            </Tooltip>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="credential-create">
              创建凭据
            </Button>
          </>
        }
      />
      <Flex vertical gap={16}>
        <div className="page-card">
          {list.error ? <ErrorAlert error={list.error} title="调用凭据加载失败" onRetry={list.reload} style={{ marginBottom: 16 }} /> : null}
          <Table<Credential>
            rowKey="id"
            columns={columns}
            dataSource={credentials}
            loading={list.loading}
            scroll={{ x: 'max-content' }}
            pagination={credentials.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 条` } : false}
            locale={{ emptyText: list.loading ? ' ' : '暂无调用凭据。为本部门的信息系统创建凭据后，该系统即可按共享授权调用网关。' }}
          />
        </div>
        <Card variant="borderless" id="gateway-how" styles={{ body: { padding: 0 } }}>
          <Collapse
            ghost
            activeKey={howOpen}
            onChange={(k) => setHowOpen(Array.isArray(k) ? k : [k])}
            items={[
              {
                key: 'how',
                label: <Typography.Text strong>如何调用：签名算法、算例与调用示例</Typography.Text>,
                children: <HowToCall credentials={credentials} selectedId={selectedId} onSelect={setSelectedId} />,
              },
            ]}
          />
        </Card>
      </Flex>
      <CreateCredentialModal
        open={creating}
        departmentId={user?.departmentId ?? null}
        onClose={() => setCreating(false)}
        onDone={(v) => {
          setCreating(false);
          setIssued({ value: v, rotated: false });
          setSelectedId(v.credential.id);
          list.reload();
        }}
      />
      <RotateModal
        credential={rotating}
        onClose={() => setRotating(null)}
        onDone={(v) => {
          setRotating(null);
          setIssued({ value: v, rotated: true });
          list.reload();
        }}
      />
      <SecretModal issued={issued?.value ?? null} rotated={issued?.rotated ?? false} onClose={() => setIssued(null)} />
    </>
  );
}

function CreateCredentialModal({ open, departmentId, onClose, onDone }: { open: boolean; departmentId: string | null; onClose: () => void; onDone: (v: SecretIssued) => void }) {
  const [form] = Form.useForm<{ systemId: string; name?: string }>();
  const { submitting, run } = useSubmit();
  const systems = useApiQuery<Page<CatalogSystem>>(open ? '/catalog/systems' : null, { departmentId: departmentId ?? undefined, page: 1, pageSize: 100 });
  const options = (systems.data?.items ?? [])
    .filter((s) => s.status !== 'retired')
    .map((s) => ({ value: s.id, label: s.status === 'building' ? `${s.name}（在建）` : s.name }));

  const submit = async (v: { systemId: string; name?: string }) => {
    const body = { systemId: v.systemId, ...(v.name?.trim() ? { name: v.name.trim() } : {}) };
    const r = await run(() => api.post<SecretIssued>('/gateway/credentials', body), {
      form,
      fieldNames: ['systemId', 'name'],
      codeFields: { GATEWAY_SYSTEM_NOT_FOUND: 'systemId', GATEWAY_NOT_OWN_SYSTEM: 'systemId' },
    });
    if (r.ok) {
      form.resetFields();
      onDone(r.value);
    }
  };

  return (
    <Modal
      open={open}
      title="创建调用凭据"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      okButtonProps={{ 'data-testid': 'credential-create-submit' }}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        凭据属于一个信息系统：该系统凭 App Key 和密钥签名调用网关，能调用哪些数据由该系统获得的共享授权决定。创建后密钥只显示一次。
      </Typography.Paragraph>
      {systems.error ? <ErrorAlert error={systems.error} title="信息系统加载失败" onRetry={systems.reload} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="systemId"
          label="信息系统"
          rules={[{ required: true, message: '请选择信息系统' }]}
          extra={
            systems.data && options.length === 0 ? (
              <span>
                本部门还没有登记运行中的信息系统，请先在 <Link to="/catalog/systems">信息系统</Link> 中登记。
              </span>
            ) : (
              '本部门登记的政务信息系统'
            )
          }
        >
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="选择本部门的信息系统"
            options={options}
            loading={systems.loading}
            data-testid="credential-system"
          />
        </Form.Item>
        <Form.Item name="name" label="用途说明" rules={[{ max: 100, message: '不超过 100 字' }]}>
          <Input maxLength={100} placeholder="如：生产环境、婚姻登记核验接口" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RotateModal({ credential, onClose, onDone }: { credential: Credential | null; onClose: () => void; onDone: (v: SecretIssued) => void }) {
  const [form] = Form.useForm<{ overlapHours: number }>();
  const { submitting, run } = useSubmit();
  if (!credential) return null;
  const submit = async (v: { overlapHours: number }) => {
    const overlapMinutes = Math.round((v.overlapHours ?? 0) * 60);
    const r = await run(() => api.post<SecretIssued>(`/gateway/credentials/${credential.id}/rotate`, { overlapMinutes }), { form, fieldNames: ['overlapHours'] });
    if (r.ok) onDone(r.value);
  };
  return (
    <Modal
      open
      title="轮换密钥"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="生成新密钥"
      okButtonProps={{ 'data-testid': 'credential-rotate-submit', icon: <KeyOutlined /> }}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Typography.Paragraph>
        为 <strong>{credential.systemName}</strong>（<Typography.Text code>{credential.appKey}</Typography.Text>）生成新密钥，App Key 不变。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        重叠期内旧密钥仍可签名调用：先生成新密钥，把它部署到信息系统，重叠期结束后旧密钥自动失效，业务不中断。怀疑密钥泄露时请把重叠期设为 0（旧密钥立即失效）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ overlapHours: DEFAULT_OVERLAP_HOURS }}>
        <Form.Item
          name="overlapHours"
          label="重叠期（小时）"
          rules={[{ required: true, message: '请填写重叠期' }, { type: 'number', min: 0, max: 720, message: '0 至 720 小时（30 天）' }]}
          extra="默认 24 小时；最长 30 天"
        >
          <InputNumber min={0} max={720} step={1} precision={1} style={{ width: 160 }} addonAfter="小时" data-testid="credential-overlap-hours" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
