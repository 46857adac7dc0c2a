import { Button, Card, Form, InputNumber, Switch, Table } from 'antd';
import { api } from '../../ui/api';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import type { DisputeRule } from './types';

/** 异议办理时限（工作日）: editable by the bureau; the working-day calendar does the counting. */
export function RulesCard() {
  const rules = useApiQuery<{ rules: DisputeRule[] }>('/disputes/rules');
  const [form] = Form.useForm();
  const { submitting, run } = useSubmit();
  if (!rules.data) return null;
  const save = async (values: { rules: Record<string, { workingDays: number; yellowDays: number; enabled: boolean }> }) => {
    const body = { rules: Object.entries(values.rules).map(([code, r]) => ({ code, ...r })) };
    const r = await run(() => api.put<{ rules: DisputeRule[] }>('/disputes/rules', body), { form, success: '时限规则已保存' });
    if (r.ok) rules.setData(r.value);
  };
  return (
    <Card size="small" title="异议办理时限规则" style={{ marginTop: 16 }}>
      <Form form={form} onFinish={save} initialValues={{ rules: Object.fromEntries(rules.data.rules.map((r) => [r.code, { workingDays: r.workingDays, yellowDays: r.yellowDays, enabled: r.enabled }])) }}>
        <Table<DisputeRule>
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={rules.data.rules}
          columns={[
            { title: '环节', dataIndex: 'name' },
            { title: '说明', dataIndex: 'description' },
            { title: '时限（工作日）', key: 'w', render: (_: unknown, r) => <Form.Item noStyle name={['rules', r.code, 'workingDays']}><InputNumber min={1} max={365} /></Form.Item> },
            { title: '黄灯提前（工作日）', key: 'y', render: (_: unknown, r) => <Form.Item noStyle name={['rules', r.code, 'yellowDays']}><InputNumber min={0} max={365} /></Form.Item> },
            { title: '启用', key: 'e', render: (_: unknown, r) => <Form.Item noStyle name={['rules', r.code, 'enabled']} valuePropName="checked"><Switch /></Form.Item> },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={submitting} style={{ marginTop: 12 }}>保存</Button>
      </Form>
    </Card>
  );
}
