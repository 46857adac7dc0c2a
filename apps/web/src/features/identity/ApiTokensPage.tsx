import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Table, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { formatDateTime } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';

interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** The signed-in user's API tokens for scripts and systems: issue (secret shown once), list, revoke. */
export function ApiTokensPage() {
  const { data, error, loading, reload } = useApiQuery<{ items: ApiToken[] }>('/identity/tokens');
  const { run, submitting } = useSubmit();
  const [form] = Form.useForm<{ name: string; days: number }>();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);

  async function create() {
    const values = await form.validateFields();
    const result = await run(() => api.post<ApiToken & { token: string }>('/identity/tokens', values), { form, success: '令牌已签发' });
    if (result.ok) {
      setCreating(false);
      form.resetFields();
      setIssued(result.value.token);
      reload();
    }
  }

  async function revoke(id: string) {
    const result = await run(() => api.delete(`/identity/tokens/${id}`), { success: '令牌已吊销' });
    if (result.ok) reload();
  }

  return (
    <>
      <PageHeader
        title="API 令牌"
        subtitle="供脚本和业务系统以本人身份调用平台接口（Authorization: Bearer 令牌）；令牌明文只在签发时显示一次"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            签发令牌
          </Button>
        }
      />
      {error ? <ErrorAlert error={error} /> : null}
      <Card variant="borderless">
        <Table<ApiToken>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '尚未签发令牌' }}
          columns={[
            { title: '名称', dataIndex: 'name', render: (v: string) => <><KeyOutlined /> {v}</> },
            { title: '签发时间', dataIndex: 'createdAt', render: formatDateTime },
            { title: '最近使用', dataIndex: 'lastSeenAt', render: formatDateTime },
            { title: '到期时间', dataIndex: 'expiresAt', render: formatDateTime },
            {
              title: '操作',
              width: 100,
              render: (_: unknown, t: ApiToken) => (
                <Popconfirm title={`吊销令牌“${t.name}”？使用它的系统将立即无法调用。`} onConfirm={() => revoke(t.id)}>
                  <Button type="link" danger size="small">
                    吊销
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Modal title="签发 API 令牌" open={creating} onOk={create} confirmLoading={submitting} onCancel={() => setCreating(false)} okText="签发" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ days: 90 }}>
          <Form.Item name="name" label="用途名称" rules={[{ required: true, whitespace: true, message: '请填写用途，如“户籍数据同步脚本”' }]}>
            <Input maxLength={100} placeholder="如：户籍数据同步脚本" />
          </Form.Item>
          <Form.Item name="days" label="有效期（天）" rules={[{ required: true, message: '请填写有效期' }]}>
            <InputNumber min={1} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="令牌已签发" open={issued !== null} onOk={() => setIssued(null)} onCancel={() => setIssued(null)} cancelButtonProps={{ style: { display: 'none' } }} okText="我已妥善保存">
        <Alert type="warning" showIcon title="请立即复制保存：关闭后将无法再次查看此令牌。" style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }}>
          {issued}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
