import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Form, InputNumber, Modal, Radio, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import type { Rule, Settings } from './types';

interface RuleForm {
  workingDays: number;
  yellowDays: number;
  enabled: boolean;
}

interface ParamsForm {
  unconditionalMode: Settings['unconditionalMode'];
  maxValidityDays: number;
  defaultRateLimitPerMinute: number;
}

/** 共享时限规则与参数 (GET /settings); the bureau edits them (PUT /settings, sharing.rule.manage). */
export function SettingsPanel({ editable }: { editable: boolean }) {
  const settings = useApiQuery<Settings>('/sharing/settings');
  const [rule, setRule] = useState<Rule | null>(null);
  const [editingParams, setEditingParams] = useState(false);
  const [ruleForm] = Form.useForm<RuleForm>();
  const [paramsForm] = Form.useForm<ParamsForm>();
  const { submitting, run } = useSubmit();
  const s = settings.data;
  const workingDays = Form.useWatch('workingDays', ruleForm);

  const saveRule = async (v: RuleForm) => {
    if (!rule) return;
    const r = await run(() => api.put<Settings>('/sharing/settings', { rules: [{ code: rule.code, ...v }] }), {
      form: ruleForm,
      fieldNames: ['workingDays', 'yellowDays', 'enabled'],
      success: `“${rule.name}”已保存，待办时限按新规则计算`,
    });
    if (r.ok) {
      settings.setData(r.value);
      setRule(null);
    }
  };

  const saveParams = async (v: ParamsForm) => {
    const r = await run(() => api.put<Settings>('/sharing/settings', v), {
      form: paramsForm,
      fieldNames: ['unconditionalMode', 'maxValidityDays', 'defaultRateLimitPerMinute'],
      success: '共享参数已保存',
    });
    if (r.ok) {
      settings.setData(r.value);
      setEditingParams(false);
    }
  };

  const columns: TableColumnsType<Rule> = [
    {
      title: '办理环节',
      dataIndex: 'name',
      render: (n: string, r) => (
        <div style={{ maxWidth: 420 }}>
          <Typography.Text strong>{n}</Typography.Text>
          <div className="sharing-muted">{r.description}</div>
        </div>
      ),
    },
    { title: '办理时限', dataIndex: 'workingDays', align: 'right', render: (n: number) => `${n} 个工作日` },
    { title: '黄灯提醒', dataIndex: 'yellowDays', align: 'right', render: (n: number) => (n === 0 ? '到期当日' : `剩余 ≤ ${n} 个工作日`) },
    { title: '状态', dataIndex: 'enabled', render: (e: boolean) => (e ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>) },
    ...(editable
      ? [{
          title: '操作',
          key: 'ops',
          render: (_: unknown, r: Rule) => (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => {
                ruleForm.setFieldsValue({ workingDays: r.workingDays, yellowDays: r.yellowDays, enabled: r.enabled });
                setRule(r);
              }}
            >
              修改
            </Button>
          ),
        }]
      : []),
  ];

  if (settings.error) return <ErrorAlert error={settings.error} title="共享时限规则加载失败" onRetry={settings.reload} />;

  return (
    <Flex vertical gap={16}>
      <Card
        variant="borderless"
        title="共享参数"
        loading={!s}
        extra={editable && s ? (
          <Button
            icon={<EditOutlined />}
            onClick={() => {
              paramsForm.setFieldsValue({ unconditionalMode: s.unconditionalMode, maxValidityDays: s.maxValidityDays, defaultRateLimitPerMinute: s.defaultRateLimitPerMinute });
              setEditingParams(true);
            }}
          >
            修改
          </Button>
        ) : null}
      >
        {s ? (
          <Descriptions
            column={3}
            items={[
              { key: 'mode', label: '无条件共享', children: s.unconditionalMode === 'auto' ? '机器校验后自动授权' : '数据局符合性审查后授权' },
              { key: 'validity', label: '授权最长有效期', children: `${s.maxValidityDays} 天` },
              { key: 'rate', label: '默认频率上限', children: `${s.defaultRateLimitPerMinute} 次/分钟` },
            ]}
          />
        ) : null}
      </Card>
      <Card variant="borderless" title="办理时限规则">
        <Typography.Paragraph type="secondary">
          时限按平台工作日历计算（法定节假日不计，调休上班日计入），自环节开始之日起算；超过截止日亮红灯并进入督办清单。
        </Typography.Paragraph>
        <Table<Rule>
          rowKey="code"
          columns={columns}
          dataSource={s?.rules ?? []}
          loading={settings.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Modal
        open={rule !== null}
        title={rule ? `修改时限规则：${rule.name}` : '修改时限规则'}
        okText="保存"
        onOk={() => ruleForm.submit()}
        onCancel={() => setRule(null)}
        confirmLoading={submitting}
        forceRender
      >
        <Form form={ruleForm} layout="vertical" onFinish={saveRule}>
          <Form.Item name="workingDays" label="办理时限（工作日）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="yellowDays" label="剩余几个工作日时亮黄灯" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={workingDays ?? 365} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={editingParams}
        title="修改共享参数"
        okText="保存"
        onOk={() => paramsForm.submit()}
        onCancel={() => setEditingParams(false)}
        confirmLoading={submitting}
        forceRender
      >
        <Form form={paramsForm} layout="vertical" onFinish={saveParams}>
          <Form.Item name="unconditionalMode" label="无条件共享的申请" rules={[{ required: true }]}>
            <Radio.Group options={[{ value: 'check', label: '数据局符合性审查后授权' }, { value: 'auto', label: '机器校验后自动授权' }]} />
          </Form.Item>
          <Form.Item name="maxValidityDays" label="授权最长有效期（天）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="defaultRateLimitPerMinute" label="默认频率上限（次/分钟）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
