import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import type { CodeTable } from './types';

const parseValues = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => {
  const [value, ...rest] = l.split(/[,，\t]/);
  return { value: (value ?? '').trim(), label: rest.join(',').trim() };
});

/** 代码表: the built-in national tables (read-only) and own code tables for code_table rules. */
export function CodeTablesPage() {
  const tables = useApiQuery<{ items: CodeTable[] }>('/quality/code-tables');
  const { can } = useAuth();
  const { run: submit } = useSubmit();
  const [editing, setEditing] = useState<CodeTable | 'new' | null>(null);
  const manage = can('quality.rule.manage');
  return (
    <>
      <PageHeader title="代码表" subtitle="质量规则“代码表取值”使用的代码表：GB/T 2260 行政区划、GB/T 2261.1 性别为内置国家标准，另可维护本地代码表" extra={manage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增代码表</Button> : null} />
      <ErrorAlert error={tables.error} />
      <Card size="small">
        <Table rowKey="id" size="small" loading={tables.loading} dataSource={tables.data?.items ?? []} columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '名称', dataIndex: 'name' },
          { title: '说明', dataIndex: 'description' },
          { title: '代码数', dataIndex: 'valueCount', align: 'right' },
          { title: '来源', dataIndex: 'builtin', render: (v: boolean) => (v ? <Tag color="blue">国家标准（内置）</Tag> : <Tag>自定义</Tag>) },
          ...(manage ? [{
            title: '操作', key: 'ops', render: (_: unknown, t: CodeTable) => (t.builtin ? null : (
              <Space>
                <Button type="link" size="small" onClick={() => setEditing(t)}>编辑</Button>
                <Popconfirm title="删除该代码表？" onConfirm={async () => { if ((await submit(() => api.delete(`/quality/code-tables/${t.id}`), { success: '已删除' })).ok) tables.reload(); }}>
                  <Button type="link" size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            )),
          }] : []),
        ]} />
      </Card>
      {editing ? <CodeTableForm table={editing === 'new' ? null : editing} onClose={(saved) => { setEditing(null); if (saved) tables.reload(); }} /> : null}
    </>
  );
}

function CodeTableForm({ table, onClose }: { table: CodeTable | null; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const { run: submit, submitting } = useSubmit();
  const detail = useApiQuery<{ values: { value: string; label: string }[] }>(table ? `/quality/code-tables/${table.id}` : null);
  const loaded = !table || detail.data;
  const save = async () => {
    const v = await form.validateFields();
    const values = parseValues(v.values ?? '');
    const res = await submit(() => (table ? api.put(`/quality/code-tables/${table.id}`, { name: v.name, description: v.description, values }) : api.post('/quality/code-tables', { code: v.code, name: v.name, description: v.description, values })), { form, success: '代码表已保存' });
    if (res.ok) onClose(true);
  };
  return (
    <Modal open title={table ? `编辑代码表 ${table.code}` : '新增代码表'} onCancel={() => onClose(false)} onOk={save} confirmLoading={submitting} width={600} destroyOnHidden>
      {loaded ? (
        <Form form={form} layout="vertical" initialValues={{ code: table?.code, name: table?.name, description: table?.description, values: (detail.data?.values ?? []).map((x) => `${x.value},${x.label}`).join('\n') }}>
          <Form.Item name="code" label="编号" rules={[{ required: true }]}><Input disabled={!!table} maxLength={50} /></Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="description" label="说明"><Input maxLength={500} /></Form.Item>
          <Form.Item name="values" label="代码值（每行“代码,名称”）" rules={[{ required: true }]}><Input.TextArea rows={10} style={{ fontFamily: 'monospace' }} /></Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
