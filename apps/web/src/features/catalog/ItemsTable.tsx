import { Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { OpenTypeTag, ShareTypeTag } from './CatalogTags';
import type { ItemInput, Sensitivity } from './types';
import { useCatalogMeta } from './useCatalogMeta';

const SENSITIVITY_COLOR: Record<Sensitivity, string | undefined> = { none: undefined, personal: 'orange', sensitive_personal: 'red' };

/** The data items of an entry (read-only), in their order. */
export function ItemsTable({ items, rowClassName }: {
  items: readonly ItemInput[];
  /** e.g. to colour rows in a diff. */
  rowClassName?: (item: ItemInput) => string;
}) {
  const meta = useCatalogMeta();
  const columns: TableColumnsType<ItemInput & { _i: number }> = [
    { title: '序号', dataIndex: '_i', width: 60, align: 'center', render: (i: number) => i + 1 },
    { title: '中文名称', dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: '代码名', dataIndex: 'codeName', render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> },
    { title: '数据类型', dataIndex: 'dataType', render: (v: string) => meta.label('DataType', v) },
    { title: '长度', dataIndex: 'length', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: '说明', dataIndex: 'description', ellipsis: { showTitle: true }, width: 200, render: (v: string | null) => v ?? '—' },
    { title: '代码表', dataIndex: 'codeTable', render: (v: string | null) => v ?? '—' },
    { title: '共享属性', dataIndex: 'shareType', render: (v: ItemInput['shareType']) => <ShareTypeTag value={v} inherited /> },
    { title: '开放属性', dataIndex: 'openType', render: (v: ItemInput['openType']) => <OpenTypeTag value={v} inherited /> },
    {
      title: '个人信息属性',
      dataIndex: 'sensitivity',
      render: (v: Sensitivity) => (v === 'none' ? <Typography.Text type="secondary">{meta.label('Sensitivity', v)}</Typography.Text> : <Tag color={SENSITIVITY_COLOR[v]}>{meta.label('Sensitivity', v)}</Tag>),
    },
    {
      title: (
        <Tooltip title="一数一源：本部门为该数据项的权威来源">
          <span>权威来源</span>
        </Tooltip>
      ),
      dataIndex: 'authoritative',
      align: 'center',
      render: (v: boolean) => (v ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="是" /> : <Typography.Text type="secondary">否</Typography.Text>),
    },
  ];
  return (
    <Table
      rowKey={(r) => `${r._i}-${r.codeName}`}
      size="small"
      columns={columns}
      dataSource={items.map((it, i) => ({ ...it, _i: i }))}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      rowClassName={rowClassName ? (r) => rowClassName(r) : undefined}
      locale={{ emptyText: '尚未登记信息项' }}
    />
  );
}
