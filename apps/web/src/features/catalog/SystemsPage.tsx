import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Drawer, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import type { CatalogSystem, SystemDeployment, SystemNetwork, SystemStatus } from './types';
import { useCatalogMeta } from './useCatalogMeta';

const fetchSystems = listFetcher<CatalogSystem>('/catalog/systems');

const STATUS_BADGE: Record<SystemStatus, 'processing' | 'success' | 'default'> = { building: 'processing', running: 'success', retired: 'default' };

/** 信息系统: the department's 政务信息系统, which every catalog entry names as its source (“数据—系统”). */
export function SystemsPage() {
  const { can, user } = useAuth();
  const meta = useCatalogMeta();
  const canManage = can('catalog.system.manage');
  // The bureau sees every department's systems (scope all); departments see their own.
  const cityWide = can('catalog.entry.review');
  const table = useRef<DataTableHandle>(null);
  const [drawer, setDrawer] = useState<{ open: boolean; system: CatalogSystem | null }>({ open: false, system: null });

  const columns: TableColumnsType<CatalogSystem> = [
    {
      title: '系统名称',
      dataIndex: 'name',
      render: (n: string, s) => (
        <div>
          <Typography.Text strong>{n}</Typography.Text>
          {s.purpose ? <div style={{ maxWidth: 360 }}><Typography.Text type="secondary" ellipsis={{ tooltip: s.purpose }} style={{ fontSize: 12, maxWidth: 360 }}>{s.purpose}</Typography.Text></div> : null}
        </div>
      ),
    },
    { title: '所属部门', dataIndex: 'departmentName' },
    { title: '部署方式', dataIndex: 'deployment', render: (v: SystemDeployment) => meta.label('SystemDeployment', v) },
    { title: '运行网络', dataIndex: 'network', render: (v: SystemNetwork) => meta.label('SystemNetwork', v) },
    { title: '状态', dataIndex: 'status', render: (v: SystemStatus) => <Badge status={STATUS_BADGE[v]} text={meta.label('SystemStatus', v)} /> },
    {
      title: '联系人',
      key: 'contact',
      render: (_: unknown, s) => (s.contactName ? <span>{s.contactName}{s.contactPhone ? <Typography.Text type="secondary"> {s.contactPhone}</Typography.Text> : null}</span> : '—'),
    },
    { title: '关联目录', dataIndex: 'entryCount', align: 'right', render: (n: number) => formatCount(n) },
    { title: '更新时间', dataIndex: 'updatedAt', render: formatDateTime },
    ...(canManage
      ? [{
          title: '操作',
          key: 'ops',
          fixed: 'right' as const,
          render: (_: unknown, s: CatalogSystem) =>
            s.departmentId === user?.departmentId ? (
              <Typography.Link onClick={() => setDrawer({ open: true, system: s })}>编辑</Typography.Link>
            ) : null,
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="政务信息系统"
        subtitle={cityWide && !canManage ? '各部门登记的政务信息系统，每条目录须对应产生它的系统（“数据—系统”）' : '登记本部门的政务信息系统；编制目录时须选择产生该资源的系统'}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, system: null })}>
              登记信息系统
            </Button>
          ) : null
        }
      />
      <div className="page-card">
        <DataTable<CatalogSystem>
          ref={table}
          fetch={fetchSystems}
          rowKey="id"
          columns={columns}
          search={{ placeholder: '系统名称' }}
          filters={
            <>
              {cityWide && can('identity.department.read') ? (
                <Form.Item name="departmentId">
                  <DepartmentTreeSelect placeholder="所属部门" style={{ width: 200 }} />
                </Form.Item>
              ) : null}
              <Form.Item name="status">
                <Select allowClear placeholder="状态" style={{ width: 120 }} options={meta.options('SystemStatus')} />
              </Form.Item>
            </>
          }
          emptyText={canManage ? '本部门尚未登记信息系统' : '暂无信息系统'}
        />
      </div>
      <SystemFormDrawer
        open={drawer.open}
        system={drawer.system}
        onClose={() => setDrawer({ open: false, system: null })}
        onSaved={() => {
          setDrawer({ open: false, system: null });
          table.current?.reload();
        }}
      />
    </>
  );
}

interface SystemForm {
  name: string;
  purpose: string;
  deployment: SystemDeployment;
  network: SystemNetwork;
  status: SystemStatus;
  contactName?: string;
  contactPhone?: string;
}

const FIELD_NAMES = ['name', 'purpose', 'deployment', 'network', 'status', 'contactName', 'contactPhone'] as const;

function SystemFormDrawer({ open, system, onClose, onSaved }: {
  open: boolean;
  system: CatalogSystem | null;
  onClose: () => void;
  onSaved: (s: CatalogSystem) => void;
}) {
  const meta = useCatalogMeta();
  const [form] = Form.useForm<SystemForm>();
  const { submitting, run } = useSubmit();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (system) {
      form.setFieldsValue({
        name: system.name,
        purpose: system.purpose,
        deployment: system.deployment,
        network: system.network,
        status: system.status,
        contactName: system.contactName ?? undefined,
        contactPhone: system.contactPhone ?? undefined,
      });
    } else {
      form.setFieldsValue({ deployment: 'gov_cloud', network: 'extranet', status: 'running' });
    }
  }, [open, system, form]);

  const submit = async (v: SystemForm) => {
    const body = {
      name: v.name.trim(),
      purpose: (v.purpose ?? '').trim(),
      deployment: v.deployment,
      network: v.network,
      status: v.status,
      contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
    };
    const opts = { form, fieldNames: FIELD_NAMES, codeFields: { CATALOG_SYSTEM_NAME_TAKEN: 'name' } };
    if (system) {
      const changes: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(body)) {
        if ((system as unknown as Record<string, unknown>)[k] !== val) changes[k] = val;
      }
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      const r = await run(() => api.patch<CatalogSystem>(`/catalog/systems/${system.id}`, changes), { ...opts, success: '信息系统已保存' });
      if (r.ok) onSaved(r.value);
    } else {
      const r = await run(() => api.post<CatalogSystem>('/catalog/systems', body), { ...opts, success: '信息系统已登记' });
      if (r.ok) onSaved(r.value);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={system ? `编辑信息系统：${system.name}` : '登记信息系统'}
      size={560}
      destroyOnHidden
      mask={{ closable: !submitting }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={submitting}>取消</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()}>{system ? '保存' : '登记'}</Button>
        </Flex>
      }
    >
      <Form<SystemForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={submitting}>
        <Form.Item
          name="name"
          label="系统名称"
          rules={[
            { required: true, whitespace: true, message: '请输入系统名称' },
            { min: 2, message: '至少 2 个字' },
            { max: 100, message: '不超过 100 字' },
          ]}
        >
          <Input maxLength={100} placeholder="如：人口信息管理系统" />
        </Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ max: 500, message: '不超过 500 字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="系统支撑的业务，如：户籍登记与人口信息管理" />
        </Form.Item>
        <Form.Item name="deployment" label="部署方式" rules={[{ required: true, message: '请选择部署方式' }]}>
          <Radio.Group optionType="button" options={meta.options('SystemDeployment')} />
        </Form.Item>
        <Form.Item name="network" label="运行网络" rules={[{ required: true, message: '请选择运行网络' }]}>
          <Radio.Group optionType="button" options={meta.options('SystemNetwork')} />
        </Form.Item>
        <Form.Item name="status" label="系统状态" rules={[{ required: true, message: '请选择系统状态' }]} extra="停用的系统不能再被新的目录引用">
          <Radio.Group optionType="button" options={meta.options('SystemStatus')} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '不超过 50 字' }]} style={{ flex: 1 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[{ max: 20, message: '不超过 20 位' }]} style={{ flex: 1 }}>
            <Input maxLength={20} placeholder="0660-3300000" />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
