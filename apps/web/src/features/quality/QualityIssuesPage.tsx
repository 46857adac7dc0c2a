import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Flex, Form, Input, Modal, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, downloadUrl } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { saveFile, toCsv } from '../../ui/save-file';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { SettingsPanel } from './SettingsPanel';
import { LIGHT_COLOR, SEVERITY_COLOR, SEVERITY_LABEL, type Issue } from './types';

type View = 'provider' | 'bureau' | 'all' | 'rules';
const VIEW_LABEL: Record<View, string> = { provider: '本部门待整改', bureau: '数据局待办（说明审核、超期督办）', all: '全部问题数据', rules: '整改时限与参数' };

function DeadlineTag({ issue }: { issue: Issue }) {
  const d = issue.deadline;
  if (!d) return <Tag>—</Tag>;
  const text = d.remainingWorkingDays === null ? '日历缺失' : d.remainingWorkingDays < 0 ? `逾期 ${-d.remainingWorkingDays} 个工作日` : `剩 ${d.remainingWorkingDays} 个工作日`;
  return <Tag color={LIGHT_COLOR[d.light]} data-testid="quality-issue-light" data-light={d.light}>{text}</Tag>;
}

/** 问题数据: the provider's rectification to-do, the bureau's review and escalation list, every issue; export. */
export function QualityIssuesPage() {
  const { can } = useAuth();
  const views = useMemo(() => {
    const v: View[] = [];
    if (can('quality.issue.handle')) v.push('provider');
    if (can('quality.issue.review')) v.push('bureau');
    v.push('all', 'rules');
    return v;
  }, [can]);
  const [view, setView] = useState<View>(views[0]!);
  const list = useApiQuery<{ items: Issue[] }>(view === 'rules' ? null : view === 'all' ? '/quality/issues' : '/quality/issues/todo', view === 'all' ? undefined : { role: view });
  const [open, setOpen] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const columns: TableColumnsType<Issue> = [
    { title: '时限', key: 'light', render: (_: unknown, i) => <DeadlineTag issue={i} /> },
    { title: '问题', key: 'rule', render: (_: unknown, i) => <Button type="link" size="small" onClick={() => setOpen(i.id)} style={{ padding: 0 }}>{i.ruleName}</Button> },
    { title: '目录', dataIndex: 'entryName' },
    { title: '提供部门', dataIndex: 'departmentName' },
    { title: '维度', dataIndex: 'dimensionLabel' },
    { title: '严重程度', dataIndex: 'severity', render: (v: string) => <Tag color={SEVERITY_COLOR[v]}>{SEVERITY_LABEL[v]}</Tag> },
    { title: '问题条数', key: 'failed', align: 'right', render: (_: unknown, i) => `${i.failed} / ${i.checked}` },
    { title: '状态', key: 'status', render: (_: unknown, i) => <Space size={4}><Tag>{i.statusLabel}</Tag>{i.escalated ? <Tag color="red">已督办</Tag> : null}</Space> },
    { title: '发现日', dataIndex: 'startedOn', render: (v: string) => formatDate(v) },
    { title: '截止日', key: 'due', render: (_: unknown, i) => formatDate(i.deadline?.dueOn) },
  ];
  const exportCsv = () => saveFile(toCsv(items, [
    { title: '提供部门', value: (i) => i.departmentName }, { title: '目录', value: (i) => i.entryName }, { title: '规则', value: (i) => i.ruleName },
    { title: '维度', value: (i) => i.dimensionLabel }, { title: '严重程度', value: (i) => SEVERITY_LABEL[i.severity] }, { title: '状态', value: (i) => i.statusLabel },
    { title: '问题条数', value: (i) => i.failed }, { title: '检查条数', value: (i) => i.checked }, { title: '发现日', value: (i) => i.startedOn },
    { title: '截止日', value: (i) => i.deadline?.dueOn ?? '' }, { title: '超期', value: (i) => (i.overdue ? '是' : '') }, { title: '已督办', value: (i) => (i.escalated ? '是' : '') },
  ]), `问题数据-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv;charset=utf-8');
  return (
    <>
      <PageHeader title="问题数据" subtitle="检测发现的问题数据按工作日计算整改时限：提供部门源头整改后重新归集（复检通过自动关闭），或提交说明由数据局审核；超期上报数据局督办" />
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        {views.length > 1 ? <Segmented<View> value={view} onChange={setView} options={views.map((v) => ({ value: v, label: VIEW_LABEL[v] }))} /> : <span />}
        <Space>
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!items.length}>导出 CSV</Button>
          <Button icon={<DownloadOutlined />} href={downloadUrl('/quality/issues/export')}>导出 Excel</Button>
        </Space>
      </Flex>
      <ErrorAlert error={list.error} />
      {view === 'rules' ? <SettingsPanel editable={can('quality.settings.manage')} /> : (
      <Card size="small">
        <Table rowKey="id" size="small" loading={list.loading} dataSource={items} columns={columns} scroll={{ x: true }}
          onRow={(i) => ({ style: i.overdue || i.escalated ? { background: '#fff1f0' } : undefined })} data-testid="quality-issues" />
      </Card>
      )}
      {open ? <IssueDrawer id={open} onClose={(changed) => { setOpen(null); if (changed) list.reload(); }} /> : null}
    </>
  );
}

function IssueDrawer({ id, onClose }: { id: string; onClose: (changed: boolean) => void }) {
  const issue = useApiQuery<Issue>(`/quality/issues/${id}`);
  const { can, user } = useAuth();
  const { run: submit, submitting } = useSubmit();
  const [form] = Form.useForm();
  const [mode, setMode] = useState<'explain' | 'review' | null>(null);
  const i = issue.data;
  const act = async () => {
    const v = await form.validateFields();
    const res = await submit(() => (mode === 'explain' ? api.post(`/quality/issues/${id}/explanation`, { explanation: v.text }) : api.post(`/quality/issues/${id}/review`, { decision: v.decision, note: v.text })), { form, success: '已提交' });
    if (res.ok) { setMode(null); onClose(true); }
  };
  void user;
  return (
    <Drawer open width={720} title="问题数据详情" onClose={() => onClose(false)} extra={i ? (
      <Space>
        {i.status === 'open' && can('quality.issue.handle') ? <Button onClick={() => setMode('explain')}>提交说明</Button> : null}
        {i.status === 'explaining' && can('quality.issue.review') ? <Button type="primary" onClick={() => { form.setFieldsValue({ decision: 'accept' }); setMode('review'); }}>审核说明</Button> : null}
      </Space>
    ) : null}>
      <ErrorAlert error={issue.error} />
      {i ? (
        <>
          <Descriptions size="small" column={2} bordered items={[
            { label: '规则', children: i.ruleName }, { label: '类型', children: i.ruleTypeLabel }, { label: '目录', children: i.entryName }, { label: '提供部门', children: i.departmentName },
            { label: '状态', children: <Space>{i.statusLabel}{i.resolutionLabel ? `（${i.resolutionLabel}）` : ''}{i.escalated ? <Tag color="red">已督办</Tag> : null}</Space> },
            { label: '时限', children: <DeadlineTag issue={i} /> }, { label: '问题条数', children: `${i.failed} / ${i.checked}` }, { label: '截止日', children: formatDate(i.deadline?.dueOn) },
            { label: '说明', children: i.explanation ?? '—', span: 2 },
            { label: '问题样例', span: 2, children: i.sampleKeys.length ? i.sampleKeys.map((k) => <Tag key={k} style={{ fontFamily: 'monospace' }}>{k}</Tag>) : '—' },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>处理记录</Typography.Title>
          <Timeline items={(i.history ?? []).map((h) => ({ children: `${formatDateTime(h.at)} ${h.actorName} ${h.action}${h.note ? `：${h.note}` : ''}` }))} />
        </>
      ) : null}
      <Modal open={mode !== null} title={mode === 'explain' ? '提交说明' : '审核说明'} onCancel={() => setMode(null)} onOk={act} confirmLoading={submitting} destroyOnHidden>
        <Form form={form} layout="vertical">
          {mode === 'review' ? (
            <Form.Item name="decision" label="审核意见" rules={[{ required: true }]}>
              <Segmented options={[{ value: 'accept', label: '采纳（关闭问题）' }, { value: 'reject', label: '退回（继续整改）' }]} />
            </Form.Item>
          ) : null}
          <Form.Item name="text" label={mode === 'explain' ? '说明（为何不属于数据错误，或整改计划）' : '备注'} rules={mode === 'explain' ? [{ required: true, message: '请填写说明' }] : []}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
