import { Link } from 'react-router';
import { useRef, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { DetailPanel } from '../../ui/DetailPanel';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import { TypeStatusBadge } from './license-ui';
import { LicenseTypeFormDrawer } from './LicenseTypeFormDrawer';
import {
  FIELD_TYPE_LABELS, HOLDER_TYPE_LABELS, LEVEL_LABELS, SENSITIVITY_LABELS, TYPE_STATUS_LABELS, labelOptions,
  type FieldDef, type LicenseType,
} from './types';

const fetchTypes = listFetcher<LicenseType>('/licenses/types');

/** 证照目录: the license types, who issues them, their field schema and validity rule. */
export function LicenseTypesPage() {
  const { can } = useAuth();
  const canManage = can('licenses.type.manage');
  const table = useRef<DataTableHandle>(null);
  const [viewing, setViewing] = useState<LicenseType | null>(null);
  const [editing, setEditing] = useState<{ open: boolean; type: LicenseType | null }>({ open: false, type: null });
  const { modal } = App.useApp();
  const { run } = useSubmit();

  const retire = (t: LicenseType, status: 'active' | 'retired') =>
    modal.confirm({
      title: status === 'retired' ? `停用「${t.name}」？` : `重新启用「${t.name}」？`,
      content: status === 'retired' ? '停用后不能再按此类型制证；已颁发的证照不受影响，仍可验证。' : '启用后颁发部门可以按此类型制证。',
      okText: status === 'retired' ? '停用' : '启用',
      okButtonProps: { danger: status === 'retired' },
      onOk: async () => {
        const r = await run(() => api.patch<LicenseType>(`/licenses/types/${t.id}`, { status }), { success: status === 'retired' ? '已停用' : '已启用' });
        if (r.ok) {
          table.current?.reload();
          if (viewing?.id === t.id) setViewing(r.value);
        }
      },
    });

  const remove = (t: LicenseType) =>
    modal.confirm({
      title: `删除「${t.name}」？`,
      content: '只能删除从未颁发过证照的类型；已有证照的类型请停用。',
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: async () => {
        const r = await run(() => api.delete(`/licenses/types/${t.id}`), { success: '证照类型已删除' });
        if (r.ok) {
          setViewing(null);
          table.current?.reload();
        }
      },
    });

  const actions = (t: LicenseType) => (
    <Space size={12}>
      <Typography.Link onClick={() => setViewing(t)}>详情</Typography.Link>
      {canManage ? <Typography.Link onClick={() => setEditing({ open: true, type: t })}>编辑</Typography.Link> : null}
      {canManage ? (
        <Typography.Link onClick={() => retire(t, t.status === 'active' ? 'retired' : 'active')}>{t.status === 'active' ? '停用' : '启用'}</Typography.Link>
      ) : null}
      {canManage && t.licenseCount === 0 ? <Typography.Link type="danger" onClick={() => remove(t)}>删除</Typography.Link> : null}
    </Space>
  );

  const columns: TableColumnsType<LicenseType> = [
    { title: '类型代码', dataIndex: 'code', render: (c: string) => <span className="licenses-mono" style={{ fontSize: 12 }}>{c}</span> },
    {
      title: '证照名称',
      dataIndex: 'name',
      render: (n: string, t) => (
        <Space size={4}>
          <Typography.Link strong onClick={() => setViewing(t)}>{n}</Typography.Link>
          {t.referenceOnly ? <Tag>仅引用</Tag> : null}
        </Space>
      ),
    },
    { title: '持证主体', dataIndex: 'holderType', render: (h: LicenseType['holderType']) => HOLDER_TYPE_LABELS[h] },
    { title: '颁发层级', dataIndex: 'level', render: (l: LicenseType['level']) => LEVEL_LABELS[l] },
    {
      title: '颁发部门',
      dataIndex: 'issuerDepartments',
      render: (ds: LicenseType['issuerDepartments']) => (
        <Typography.Text ellipsis={{ tooltip: ds.map((d) => d.name).join('、') }} style={{ maxWidth: 220 }}>
          {ds.map((d) => d.name).join('、')}
        </Typography.Text>
      ),
    },
    { title: '有效期', dataIndex: 'validityText' },
    { title: '字段数', key: 'fields', align: 'right', render: (_: unknown, t) => t.fields.length },
    { title: '已颁发', dataIndex: 'licenseCount', align: 'right', render: (n: number) => formatCount(n) },
    { title: '状态', dataIndex: 'status', render: (s: LicenseType['status']) => <TypeStatusBadge status={s} /> },
    { title: '操作', key: 'ops', fixed: 'right', render: (_: unknown, t) => actions(t) },
  ];

  return (
    <>
      <PageHeader
        title="证照目录"
        subtitle="本平台颁发的电子证照类型：字段定义、照面模板、有效期规则与颁发部门"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, type: null })}>
              新增证照类型
            </Button>
          ) : null
        }
      />
      <div className="page-card">
        <DataTable<LicenseType>
          ref={table}
          fetch={fetchTypes}
          rowKey="id"
          columns={columns}
          search={{ placeholder: '证照名称或类型代码' }}
          filters={
            <>
              <Form.Item name="departmentId">
                <DepartmentTreeSelect placeholder="颁发部门" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="holderType">
                <Select allowClear placeholder="持证主体" style={{ width: 150 }} options={labelOptions(HOLDER_TYPE_LABELS)} />
              </Form.Item>
              <Form.Item name="status">
                <Select allowClear placeholder="状态" style={{ width: 110 }} options={labelOptions(TYPE_STATUS_LABELS)} />
              </Form.Item>
            </>
          }
          emptyText="尚未登记证照类型"
        />
      </div>
      <LicenseTypeDrawer
        type={viewing}
        onClose={() => setViewing(null)}
        footer={viewing && canManage ? (
          <Flex justify="flex-end" gap={8}>
            {viewing.licenseCount === 0 ? <Button danger onClick={() => remove(viewing)}>删除</Button> : null}
            <Button onClick={() => retire(viewing, viewing.status === 'active' ? 'retired' : 'active')}>{viewing.status === 'active' ? '停用' : '启用'}</Button>
            <Button type="primary" onClick={() => setEditing({ open: true, type: viewing })}>编辑</Button>
          </Flex>
        ) : undefined}
      />
      <LicenseTypeFormDrawer
        open={editing.open}
        type={editing.type}
        onClose={() => setEditing({ open: false, type: null })}
        onSaved={(t) => {
          setEditing({ open: false, type: null });
          if (viewing) setViewing(t);
          table.current?.reload();
        }}
      />
    </>
  );
}

/** The field schema of a type, as a table. */
export function FieldSchemaTable({ fields }: { fields: FieldDef[] }) {
  return (
    <Table<FieldDef>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={fields}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '字段名', dataIndex: 'name', render: (n: string) => <span className="licenses-mono">{n}</span> },
        { title: '中文名', dataIndex: 'label' },
        {
          title: '类型',
          dataIndex: 'type',
          render: (t: FieldDef['type'], f) => (
            <span>
              {FIELD_TYPE_LABELS[t]}
              {f.options?.length ? <div className="licenses-muted">{f.options.join(' / ')}</div> : null}
              {f.maxLength ? <div className="licenses-muted">最长 {f.maxLength}</div> : null}
            </span>
          ),
        },
        { title: '必填', dataIndex: 'required', render: (v: boolean) => (v ? '是' : '否') },
        { title: '照面', dataIndex: 'onFace', render: (v: boolean) => (v ? <Tag color="blue">照面</Tag> : '—') },
        { title: '敏感级别', dataIndex: 'sensitivity', render: (s: number) => SENSITIVITY_LABELS[s] ?? s },
      ]}
    />
  );
}

function LicenseTypeDrawer({ type, onClose, footer }: { type: LicenseType | null; onClose: () => void; footer?: React.ReactNode }) {
  const t = type;
  return (
    <Drawer open={t !== null} onClose={onClose} title={t ? `证照类型：${t.name}` : ''} size={760} footer={footer} destroyOnHidden>
      {t ? (
        <Flex vertical gap={20}>
          <DetailPanel
            column={2}
            items={[
              { label: '类型代码', value: <span className="licenses-mono">{t.code}</span>, span: 2 },
              { label: '证照名称', value: t.name },
              { label: '状态', value: <TypeStatusBadge status={t.status} /> },
              { label: '持证主体', value: `${HOLDER_TYPE_LABELS[t.holderType]}（${t.holderCode}）` },
              { label: '颁发层级', value: LEVEL_LABELS[t.level] },
              { label: '颁发部门', value: t.issuerDepartments.map((d) => d.name).join('、'), span: 2 },
              { label: '有效期', value: t.validityText },
              { label: '已颁发', value: `${formatCount(t.licenseCount)} 张` },
              { label: '仅引用', value: t.referenceOnly ? '是：由国家系统签发，本平台不制证' : '否' },
              { label: '登记目录', value: t.catalogEntryId ? <Link to={`/catalog/published/${t.catalogEntryId}`}>查看目录</Link> : '未登记', span: 2 },
              { label: '更新时间', value: formatDateTime(t.updatedAt) },
            ]}
          />
          <div>
            <Typography.Title level={5}>字段定义</Typography.Title>
            <FieldSchemaTable fields={t.fields} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              公众验证只显示印在照面上、敏感级别为 1 的字段。
            </Typography.Paragraph>
          </div>
          <div>
            <Typography.Title level={5}>照面模板</Typography.Title>
            <DetailPanel
              column={1}
              size="small"
              items={[
                { label: '标题', value: t.faceTemplate.title },
                {
                  label: '照面字段顺序',
                  value: t.faceTemplate.fieldOrder.map((n) => t.fields.find((f) => f.name === n)?.label ?? n).join(' → '),
                },
                { label: '版面（毫米）', value: `${t.faceTemplate.page.width} × ${t.faceTemplate.page.height}` },
                { label: '印章位置', value: `x ${t.faceTemplate.seal.x}，y ${t.faceTemplate.seal.y}，直径 ${t.faceTemplate.seal.size}` },
                { label: '二维码位置', value: `x ${t.faceTemplate.qr.x}，y ${t.faceTemplate.qr.y}，边长 ${t.faceTemplate.qr.size}` },
              ]}
            />
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
