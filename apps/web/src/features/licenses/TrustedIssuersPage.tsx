import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Drawer, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, request, type Page } from '../../ui/api';
import { DataTable, type DataTableHandle, type ListFetcher } from '../../ui/DataTable';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import type { TrustedIssuer } from './types';

// The list is short and unpaged on the server; search and pages are applied here.
const fetchIssuers: ListFetcher<TrustedIssuer> = async (query, signal) => {
  const { items } = await request<{ items: TrustedIssuer[] }>('/licenses/trusted-issuers', { signal });
  const q = typeof query.q === 'string' ? query.q.trim().toLowerCase() : '';
  const enabled = query.enabled;
  const matched = items.filter(
    (i) => (!q || i.name.toLowerCase().includes(q) || (i.divisionCode ?? '').includes(q) || i.publicKey.toLowerCase().includes(q))
      && (enabled === undefined || String(i.enabled) === String(enabled)),
  );
  const start = (query.page - 1) * query.pageSize;
  return { items: matched.slice(start, start + query.pageSize), total: matched.length, page: query.page, pageSize: query.pageSize } satisfies Page<TrustedIssuer>;
};

/** 互认颁发方: other platforms' seal makers whose licenses verify here (their SM2 public keys). */
export function TrustedIssuersPage() {
  const { can } = useAuth();
  const canManage = can('licenses.trust.manage');
  const table = useRef<DataTableHandle>(null);
  const [editing, setEditing] = useState<{ open: boolean; issuer: TrustedIssuer | null }>({ open: false, issuer: null });

  const columns: TableColumnsType<TrustedIssuer> = [
    { title: '颁发方（制章者）', dataIndex: 'name', render: (n: string, i) => <div><Typography.Text strong>{n}</Typography.Text>{i.note ? <div className="licenses-muted">{i.note}</div> : null}</div> },
    { title: '行政区划', dataIndex: 'divisionCode', render: (d: string | null) => d ?? '—' },
    {
      title: '制章者公钥',
      dataIndex: 'publicKey',
      render: (k: string) => (
        <Typography.Text copyable={{ text: k }} className="licenses-mono" style={{ fontSize: 12 }}>
          {k.length > 24 ? `${k.slice(0, 12)}…${k.slice(-8)}` : k}
        </Typography.Text>
      ),
    },
    { title: '状态', dataIndex: 'enabled', render: (e: boolean) => <Badge status={e ? 'success' : 'default'} text={e ? '互认中' : '已停用'} /> },
    { title: '更新时间', dataIndex: 'updatedAt', render: formatDateTime },
    ...(canManage
      ? [{ title: '操作', key: 'ops', fixed: 'right' as const, render: (_: unknown, i: TrustedIssuer) => <Typography.Link onClick={() => setEditing({ open: true, issuer: i })}>编辑</Typography.Link> }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="互认颁发方"
        subtitle="外地平台的制章者公钥：用它们制作的印章签发的证照，在本平台验证为有效签章（状态以颁发方为准）"
        extra={canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, issuer: null })}>登记颁发方</Button> : null}
      />
      <div className="page-card">
        <DataTable<TrustedIssuer>
          ref={table}
          fetch={fetchIssuers}
          rowKey="id"
          columns={columns}
          search={{ placeholder: '名称、区划或公钥' }}
          filters={
            <Form.Item name="enabled">
              <Select allowClear placeholder="状态" style={{ width: 120 }} options={[{ value: 'true', label: '互认中' }, { value: 'false', label: '已停用' }]} />
            </Form.Item>
          }
          emptyText="尚未登记互认的颁发方"
        />
      </div>
      <IssuerDrawer
        open={editing.open}
        issuer={editing.issuer}
        onClose={() => setEditing({ open: false, issuer: null })}
        onSaved={() => {
          setEditing({ open: false, issuer: null });
          table.current?.reload();
        }}
      />
    </>
  );
}

interface IssuerForm {
  name: string;
  divisionCode?: string;
  publicKey: string;
  note?: string;
  enabled: boolean;
}

const FIELD_NAMES = ['name', 'divisionCode', 'publicKey', 'note', 'enabled'] as const;

function IssuerDrawer({ open, issuer, onClose, onSaved }: { open: boolean; issuer: TrustedIssuer | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<IssuerForm>();
  const { submitting, run } = useSubmit();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      issuer
        ? { name: issuer.name, divisionCode: issuer.divisionCode ?? undefined, publicKey: issuer.publicKey, note: issuer.note ?? undefined, enabled: issuer.enabled }
        : { enabled: true },
    );
  }, [open, issuer, form]);

  const submit = async (v: IssuerForm) => {
    const opts = { form, fieldNames: FIELD_NAMES, codeFields: { LICENSES_TRUSTED_ISSUER_TAKEN: 'publicKey' } };
    const common = { name: v.name.trim(), divisionCode: v.divisionCode?.trim() || null, note: v.note?.trim() || null };
    const r = issuer
      ? await run(() => api.patch<TrustedIssuer>(`/licenses/trusted-issuers/${issuer.id}`, { ...common, enabled: v.enabled }), { ...opts, success: '已保存' })
      : await run(() => api.post<TrustedIssuer>('/licenses/trusted-issuers', { ...common, publicKey: v.publicKey.trim() }), { ...opts, success: '已登记互认颁发方' });
    if (r.ok) onSaved();
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={issuer ? `编辑：${issuer.name}` : '登记互认颁发方'}
      size={560}
      destroyOnHidden
      mask={{ closable: !submitting }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={submitting}>取消</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()}>{issuer ? '保存' : '登记'}</Button>
        </Flex>
      }
    >
      <Form<IssuerForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={submitting}>
        <Form.Item name="name" label="颁发方（制章者）名称" rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 100, message: '不超过 100 字' }]}>
          <Input maxLength={100} placeholder="如：广东省电子证照签章平台" />
        </Form.Item>
        <Form.Item name="divisionCode" label="行政区划代码" rules={[{ pattern: /^[0-9]{6}$/, message: '6 位数字' }]}>
          <Input maxLength={6} style={{ width: 160 }} placeholder="440000" />
        </Form.Item>
        <Form.Item
          name="publicKey"
          label="制章者 SM2 公钥"
          extra={issuer ? '公钥登记后不能修改；换钥请登记新的颁发方并停用旧的' : '130 位十六进制（04 开头）、PEM 或 base64 证书'}
          rules={[{ required: true, whitespace: true, message: '请输入公钥' }, { min: 64, message: '公钥太短' }, { max: 4000, message: '不超过 4000 字符' }]}
        >
          <Input.TextArea rows={4} className="licenses-mono" disabled={!!issuer} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '不超过 500 字' }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        {issuer ? (
          <Form.Item name="enabled" label="互认" valuePropName="checked" extra="停用后，此颁发方制作的印章签发的证照验证为“签章无效”">
            <Switch checkedChildren="互认中" unCheckedChildren="已停用" />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
