import { useEffect } from 'react';
import { Button, Card, Form, InputNumber, Switch, Table } from 'antd';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import type { QualityMeta } from './types';

type Settings = QualityMeta['settings'];

/** 整改时限与参数: working-day deadline rules, schedule interval, severity weights (editable by the bureau). */
export function SettingsPanel({ editable }: { editable: boolean }) {
  const settings = useApiQuery<QualityMeta>('/quality/meta');
  const [form] = Form.useForm();
  const { run: submit, submitting } = useSubmit();
  const s = settings.data?.settings;
  useEffect(() => {
    if (s) form.setFieldsValue(s);
  }, [s, form]);
  const save = async () => {
    const v = (await form.validateFields()) as Settings;
    const res = await submit(() => api.put<Settings>('/quality/settings', {
      scheduleIntervalHours: v.scheduleIntervalHours, weights: v.weights,
      deadlineRules: (s?.deadlineRules ?? []).map((r, i) => ({ code: r.code, workingDays: v.deadlineRules[i]!.workingDays, yellowDays: v.deadlineRules[i]!.yellowDays, enabled: v.deadlineRules[i]!.enabled })),
    }), { form, success: '已保存' });
    if (res.ok) settings.reload();
  };
  return (
    <Card size="small" title="整改时限与质量参数" extra={editable ? <Button type="primary" loading={submitting} onClick={save}>保存</Button> : null}>
      <ErrorAlert error={settings.error} />
      {s ? (
        <Form form={form} layout="inline" disabled={!editable} initialValues={s}>
          <Table rowKey="code" size="small" pagination={false} style={{ width: '100%', marginBottom: 16 }} dataSource={s.deadlineRules.map((r, i) => ({ ...r, i }))} columns={[
            { title: '时限规则', dataIndex: 'name' },
            { title: '工作日', key: 'wd', render: (_: unknown, r: { i: number }) => <Form.Item name={['deadlineRules', r.i, 'workingDays']} noStyle><InputNumber min={1} max={365} /></Form.Item> },
            { title: '黄灯提前（天）', key: 'yd', render: (_: unknown, r: { i: number }) => <Form.Item name={['deadlineRules', r.i, 'yellowDays']} noStyle><InputNumber min={0} max={365} /></Form.Item> },
            { title: '启用', key: 'en', render: (_: unknown, r: { i: number }) => <Form.Item name={['deadlineRules', r.i, 'enabled']} valuePropName="checked" noStyle><Switch /></Form.Item> },
          ]} />
          <Form.Item name="scheduleIntervalHours" label="定时检测间隔（小时）"><InputNumber min={1} max={8760} /></Form.Item>
          <Form.Item name={['weights', 'high']} label="权重：高"><InputNumber min={1} max={100} /></Form.Item>
          <Form.Item name={['weights', 'medium']} label="中"><InputNumber min={1} max={100} /></Form.Item>
          <Form.Item name={['weights', 'low']} label="低"><InputNumber min={1} max={100} /></Form.Item>
        </Form>
      ) : null}
    </Card>
  );
}
