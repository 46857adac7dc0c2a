import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { api, downloadUrl, type Page } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { DisputeDeadlineLight, DisputeStatusTag, formatSize } from './disputes-ui';
import { ACTION_LABELS, DISPUTE_STATUS_LABELS, type Dispute, type DisputeStatus } from './types';

type Command = 'accept' | 'reject' | 'reroute' | 'correct' | 'refute' | 'withdraw';
const COMMAND_TITLES: Record<Command, string> = {
  accept: '受理并转交核实', reject: '不予受理', reroute: '改派核实部门', correct: '核实更正', refute: '核实无误', withdraw: '撤回异议',
};

/** 异议详情: the record and items (seen / current / expected / corrected), evidence, the timeline, and the caller's commands. */
export function DisputeDetailPage() {
  const { id } = useParams();
  const { can, user } = useAuth();
  const dispute = useApiQuery<Dispute>(`/disputes/${id}`);
  const [command, setCommand] = useState<Command | null>(null);
  const [form] = Form.useForm();
  const { submitting, run } = useSubmit();
  const departments = useApiQuery<Page<{ id: string; name: string }>>(command === 'accept' || command === 'reroute' ? '/identity/departments' : null, { pageSize: 100 });

  if (dispute.error) return <ErrorAlert error={dispute.error} />;
  const d = dispute.data;
  if (!d) return null;

  const isProvider = can('disputes.verify') && user?.departmentId === d.providerDepartmentId;
  const commands: Command[] = [];
  if (d.status === 'submitted' && can('disputes.accept')) commands.push('accept', 'reject');
  if (d.status === 'verifying' && can('disputes.accept')) commands.push('reroute');
  if (d.status === 'verifying' && isProvider) commands.push('correct', 'refute');
  if ((d.status === 'submitted' || d.status === 'verifying') && d.raiserUserId === user?.id) commands.push('withdraw');
  const canUpload = !d.archived && ((can('disputes.raise') && (d.raiserUserId === user?.id || d.raiserDepartmentId === user?.departmentId)) || isProvider);

  const submit = async (v: Record<string, unknown>) => {
    if (!command) return;
    let body: Record<string, unknown> = v;
    if (command === 'correct') {
      const values = (v.correctedValues ?? {}) as Record<string, string | undefined>;
      body = { note: v.note, correctedValues: Object.fromEntries(Object.entries(values).filter(([, x]) => x !== undefined && x !== '')) };
    }
    const r = await run(() => api.post<Dispute>(`/disputes/${d.id}/${command}`, body), { form, success: `${COMMAND_TITLES[command]}已办理` });
    if (r.ok) {
      dispute.setData(r.value);
      setCommand(null);
      form.resetFields();
    }
  };

  const upload = async (file: File) => {
    const r = await run(() => api.upload(`/disputes/${d.id}/evidence`, file, undefined, { fileName: file.name }), { success: '证明材料已上传' });
    if (r.ok) dispute.reload();
  };

  return (
    <>
      <PageHeader
        title={`数据异议：${d.entryName}`}
        subtitle={<Space><DisputeStatusTag status={d.status} label={d.statusLabel} /><DisputeDeadlineLight deadline={d.deadline} />{d.marks.length ? <Tag color="volcano">存疑标注中</Tag> : null}</Space>}
        breadcrumb={[{ title: '异议核实' }, { title: '异议详情' }]}
        extra={<Space>{commands.map((c) => <Button key={c} type={c === 'accept' || c === 'correct' ? 'primary' : 'default'} danger={c === 'reject'} onClick={() => setCommand(c)} data-testid={`dispute-${c}`}>{COMMAND_TITLES[c]}</Button>)}</Space>}
      />
      <div className="page-card">
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="数据目录">{d.entryName}</Descriptions.Item>
          <Descriptions.Item label="记录主键"><Typography.Text copyable>{d.recordKey}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label="提出部门">{d.raiserDepartmentName}（{d.raiserName}）</Descriptions.Item>
          <Descriptions.Item label="核实部门">{d.providerDepartmentName}</Descriptions.Item>
          <Descriptions.Item label="异议理由" span={2}>{d.reason}</Descriptions.Item>
          {d.decisionNote ? <Descriptions.Item label="处理意见" span={2}>{d.decisionNote}</Descriptions.Item> : null}
          <Descriptions.Item label="提出时间">{formatDateTime(d.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="办结时间">{d.closedAt ? formatDateTime(d.closedAt) : '—'}</Descriptions.Item>
        </Descriptions>
        <Table
          style={{ marginTop: 16 }}
          size="small"
          pagination={false}
          rowKey="codeName"
          dataSource={d.items}
          columns={[
            { title: '信息项', key: 'n', render: (_: unknown, i) => <>{i.name} {d.marks.includes(i.codeName) ? <Tag color="volcano">存疑</Tag> : null}</> },
            { title: '提出方看到的值', dataIndex: 'seenValue', render: (v: string | null) => v ?? '—' },
            { title: '提出时库中的值', dataIndex: 'currentValue', render: (v: string | null) => v ?? '—' },
            { title: '提出方认为正确的值', dataIndex: 'expectedValue', render: (v: string | null) => v ?? '—' },
            { title: '更正值', dataIndex: 'correctedValue', render: (v: string | null) => (v === null ? '—' : <Typography.Text type="success">{v}</Typography.Text>) },
          ]}
        />
      </div>
      <Card size="small" title="证明材料" style={{ marginTop: 16 }} extra={canUpload ? <Upload showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}><Button size="small" icon={<UploadOutlined />}>上传</Button></Upload> : null}>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={d.evidence}
          locale={{ emptyText: '暂无证明材料' }}
          columns={[
            { title: '文件', key: 'f', render: (_: unknown, e) => <a href={downloadUrl(`/disputes/${d.id}/evidence/${e.id}`)} download="">{e.fileName}</a> },
            { title: '大小', dataIndex: 'size', render: (n: number) => formatSize(n) },
            { title: 'SM3', dataIndex: 'sm3', render: (v: string) => <Typography.Text code copyable={{ text: v }}>{v.slice(0, 16)}…</Typography.Text> },
            { title: '上传人', dataIndex: 'uploaderName' },
            { title: '时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
      <Card size="small" title="办理过程" style={{ marginTop: 16 }}>
        <Timeline
          items={d.history.map((h) => ({
            color: h.action === 'reject' || h.action === 'refute' ? 'gray' : h.action === 'correct' ? 'green' : 'blue',
            children: (
              <div data-testid="dispute-history">
                <Typography.Text strong>{ACTION_LABELS[h.action] ?? h.action}</Typography.Text>
                {h.toStatus && h.toStatus !== h.fromStatus ? <Tag style={{ marginInlineStart: 8 }}>{DISPUTE_STATUS_LABELS[h.toStatus as DisputeStatus] ?? h.toStatus}</Tag> : null}
                <div><Typography.Text type="secondary">{formatDateTime(h.at)} · {h.actorName}</Typography.Text></div>
                {h.note ? <div>{h.note}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
      <Modal open={command !== null} title={command ? COMMAND_TITLES[command] : ''} onCancel={() => setCommand(null)} onOk={() => form.submit()} confirmLoading={submitting} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit}>
          {command === 'accept' ? (
            <Form.Item name="providerDepartmentId" label="核实部门" extra={`默认转交数据提供部门：${d.providerDepartmentName}`}>
              <Select allowClear showSearch optionFilterProp="label" options={(departments.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
            </Form.Item>
          ) : null}
          {command === 'reroute' ? (
            <Form.Item name="providerDepartmentId" label="改派至" rules={[{ required: true, message: '请选择部门' }]}>
              <Select showSearch optionFilterProp="label" options={(departments.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
            </Form.Item>
          ) : null}
          {command === 'correct' ? d.items.map((i) => (
            <Form.Item key={i.codeName} name={['correctedValues', i.codeName]} label={`${i.name} 更正后的值`} extra={`库中原值：${i.currentValue ?? '—'}；已在源头系统更正后登记`}>
              <Input maxLength={2000} />
            </Form.Item>
          )) : null}
          {command === 'reject' || command === 'refute' ? (
            <Form.Item name="reason" label={command === 'reject' ? '不予受理的理由' : '核实无误的依据'} rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          ) : null}
          {command === 'accept' || command === 'reroute' || command === 'correct' || command === 'withdraw' ? (
            <Form.Item name="note" label="说明（选填）"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
