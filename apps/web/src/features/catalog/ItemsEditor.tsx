import { Button, Checkbox, Flex, Form, Input, InputNumber, Select, Table, Tooltip, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { newItemRow, type EntryFormValues, type ItemRow } from './entry-form';
import { useCatalogMeta } from './useCatalogMeta';

const CODE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
export const MAX_ITEMS = 500;

interface RowField {
  key: number;
  name: number;
}

export interface ItemsEditorProps {
  form: FormInstance<EntryFormValues>;
  /** Row indexes that have machine-check problems (coloured). */
  problemRows?: ReadonlySet<number>;
  disabled?: boolean;
}

/**
 * 信息项 as an editable table inside the form (`items` is a Form.List): every cell is a form field, so the server's
 * `body.items.3.codeName` errors land on their cell.
 */
export function ItemsEditor({ form, problemRows, disabled }: ItemsEditorProps) {
  const meta = useCatalogMeta();
  const shareOptions = meta.options('ShareType');
  const openOptions = meta.options('OpenType');

  return (
    <Form.List name="items">
      {(fields, { add, remove, move }) => {
        const rows: RowField[] = fields.map((f) => ({ key: f.key, name: f.name }));
        const columns: TableColumnsType<RowField> = [
          { title: '序号', key: 'no', width: 52, align: 'center', fixed: 'left', render: (_: unknown, r) => <span style={{ lineHeight: '32px' }}>{r.name + 1}</span> },
          {
            title: <Req>中文名称</Req>,
            key: 'name',
            width: 150,
            fixed: 'left',
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'name']} rules={[{ max: 100, message: '不超过 100 字' }]}>
                <Input placeholder="如：公民身份号码" maxLength={100} />
              </Form.Item>
            ),
          },
          {
            title: <Req>代码名</Req>,
            key: 'codeName',
            width: 150,
            render: (_: unknown, r) => (
              <Form.Item
                name={[r.name, 'codeName']}
                normalize={(v: string | undefined) => (v ?? '').trim()}
                rules={[{ validator: async (_r, v: string | undefined) => {
                  if (v && !CODE_NAME.test(v)) throw new Error('小写字母开头，仅含小写字母、数字、下划线');
                } }]}
              >
                <Input placeholder="如：id_number" maxLength={63} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            ),
          },
          {
            title: <Req>数据类型</Req>,
            key: 'dataType',
            width: 120,
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'dataType']}>
                <Select options={meta.options('DataType')} popupMatchSelectWidth={false} />
              </Form.Item>
            ),
          },
          {
            title: (
              <Tooltip title="字符型、数值型必填">
                <span>长度</span>
              </Tooltip>
            ),
            key: 'length',
            width: 90,
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'length']}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            ),
          },
          {
            title: '说明',
            key: 'description',
            width: 180,
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'description']} rules={[{ max: 500, message: '不超过 500 字' }]}>
                <Input placeholder="含义、取值范围" maxLength={500} />
              </Form.Item>
            ),
          },
          {
            title: '代码表',
            key: 'codeTable',
            width: 170,
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'codeTable']} rules={[{ max: 200, message: '不超过 200 字' }]}>
                <Input placeholder="如：GB/T 2261.1 性别代码" maxLength={200} />
              </Form.Item>
            ),
          },
          {
            title: (
              <Tooltip title="不选则与目录相同；只能比目录更严格">
                <span>共享属性</span>
              </Tooltip>
            ),
            key: 'shareType',
            width: 130,
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'shareType']}>
                <Select options={shareOptions} allowClear placeholder="同目录" popupMatchSelectWidth={false} />
              </Form.Item>
            ),
          },
          {
            title: (
              <Tooltip title="不选则与目录相同；只能比目录更严格">
                <span>开放属性</span>
              </Tooltip>
            ),
            key: 'openType',
            width: 130,
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'openType']}>
                <Select options={openOptions} allowClear placeholder="同目录" popupMatchSelectWidth={false} />
              </Form.Item>
            ),
          },
          {
            title: (
              <Tooltip title="按 GB/T 35273 判断">
                <span>个人信息属性</span>
              </Tooltip>
            ),
            key: 'sensitivity',
            width: 140,
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'sensitivity']}>
                <Select options={meta.options('Sensitivity')} popupMatchSelectWidth={false} />
              </Form.Item>
            ),
          },
          {
            title: (
              <Tooltip title="一数一源：本部门是该数据项的权威来源（全市每个数据项只有一个权威来源部门）">
                <span>权威来源</span>
              </Tooltip>
            ),
            key: 'authoritative',
            width: 80,
            align: 'center',
            render: (_: unknown, r) => (
              <Form.Item name={[r.name, 'authoritative']} valuePropName="checked">
                <Checkbox aria-label="权威来源" style={{ marginTop: 5 }} />
              </Form.Item>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 120,
            fixed: 'right',
            render: (_: unknown, r) => (
              <Flex gap={2} style={{ paddingTop: 1 }}>
                <Tooltip title="上移">
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={disabled || r.name === 0} onClick={() => move(r.name, r.name - 1)} aria-label="上移" />
                </Tooltip>
                <Tooltip title="下移">
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={disabled || r.name === fields.length - 1} onClick={() => move(r.name, r.name + 1)} aria-label="下移" />
                </Tooltip>
                <Tooltip title="复制一行">
                  <Button
                    type="text"
                    size="small"
                    icon={<CopyOutlined />}
                    disabled={disabled || fields.length >= MAX_ITEMS}
                    onClick={() => {
                      const row = form.getFieldValue(['items', r.name]) as ItemRow | undefined;
                      add({ ...newItemRow(), ...row, name: row?.name ? `${row.name}（副本）` : undefined, codeName: undefined, authoritative: false }, r.name + 1);
                    }}
                    aria-label="复制"
                  />
                </Tooltip>
                <Tooltip title="删除">
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={disabled} onClick={() => remove(r.name)} aria-label="删除" />
                </Tooltip>
              </Flex>
            ),
          },
        ];
        return (
          <div className="catalog-items-editor">
            <Table<RowField>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content', y: 520 }}
              rowClassName={(r) => (problemRows?.has(r.name) ? 'diff-removed' : '')}
              locale={{ emptyText: '尚未添加信息项。每条目录至少应有一个信息项。' }}
            />
            <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add(newItemRow())}
                disabled={disabled || fields.length >= MAX_ITEMS}
              >
                添加信息项
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                共 {fields.length} 项（上限 {MAX_ITEMS}）。代码名在目录内唯一，用于库表挂接时的字段映射和版本比对。
              </Typography.Text>
            </Flex>
          </div>
        );
      }}
    </Form.List>
  );
}

function Req({ children }: { children: React.ReactNode }) {
  return (
    <span>
      <span style={{ color: '#ff4d4f', marginInlineEnd: 2 }}>*</span>
      {children}
    </span>
  );
}
