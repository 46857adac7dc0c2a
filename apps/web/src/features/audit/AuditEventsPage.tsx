import { useMemo, useRef, useState } from 'react';
import { App, AutoComplete, Button, DatePicker, Flex, Form, Modal, Result, Select, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, downloadUrl, errorMessage, request, type Page, type Query } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { DetailDrawer } from '../../ui/DetailPanel';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import { useRoles } from '../identity/useIdentityOptions';
import type { User } from '../identity/types';
import { ACTION_LABELS, ACTION_PREFIXES, actionLabel, RESULT_LABELS, targetTypeLabel, type AuditResult } from './audit-labels';

export interface AuditEvent {
  id: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[];
  departmentId: string | null;
  departmentName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: AuditResult;
  reason: string | null;
  requestId: string;
  details: Record<string, unknown>;
}

interface VerificationReport {
  ok: boolean;
  checked: number;
  head?: { seq: number; hash: string } | null;
  firstBroken: null | { seq: number; id: string; reason: string };
}

const fetchEvents = listFetcher<AuditEvent>('/audit/events');

/** Form values → API filters: the time range becomes from/to (ISO 8601). */
function toAuditQuery(values: Record<string, unknown>): Query {
  const range = values.range as [Dayjs | null, Dayjs | null] | null | undefined;
  return {
    q: typeof values.q === 'string' ? values.q.trim() : undefined,
    action: typeof values.action === 'string' ? values.action.trim() : undefined,
    actorId: values.actorId as string | undefined,
    departmentId: values.departmentId as string | undefined,
    result: values.result as string | undefined,
    from: range?.[0] ? range[0].toISOString() : undefined,
    to: range?.[1] ? range[1].toISOString() : undefined,
  };
}

const actionOptions = [
  {
    label: '按类别',
    options: ACTION_PREFIXES.map((p) => ({ value: p.value, label: `${p.label}（${p.value}）` })),
  },
  {
    label: '具体操作',
    options: Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` })),
  },
];

/** 审计日志: search the tamper-evident log, export it, and verify its SM3 chain. */
export function AuditEventsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const table = useRef<DataTableHandle>(null);
  const [detail, setDetail] = useState<AuditEvent | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [report, setReport] = useState<VerificationReport | null>(null);
  const roles = useRoles(can('identity.role.read'));
  const roleName = (code: string) => roles.roles.find((r) => r.code === code)?.name ?? code;

  const verify = async () => {
    setVerifying(true);
    try {
      setReport(await api.post<VerificationReport>('/audit/verifications'));
      table.current?.reload(); // the verification itself is recorded
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: '时间', dataIndex: 'occurredAt', width: 168, render: formatDateTime },
    { title: '序号', dataIndex: 'seq', width: 72, align: 'right' },
    {
      title: '操作人',
      dataIndex: 'actorName',
      render: (v: string | null, e) => v ?? (e.actorId ? e.actorId : <Typography.Text type="secondary">匿名</Typography.Text>),
    },
    { title: '所属部门', dataIndex: 'departmentName', width: 170, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      dataIndex: 'action',
      width: 170,
      ellipsis: true,
      render: (a: string) => {
        const label = actionLabel(a);
        return label ? <Tooltip title={a}>{label}</Tooltip> : <Typography.Text code>{a}</Typography.Text>;
      },
    },
    {
      title: '对象',
      key: 'target',
      render: (_: unknown, e) =>
        e.targetType ? (
          <span>
            {targetTypeLabel(e.targetType)}
            {e.targetId ? <Typography.Text type="secondary" style={{ fontSize: 12 }}> {shortId(e.targetId)}</Typography.Text> : null}
          </span>
        ) : '—',
    },
    {
      title: '结果',
      dataIndex: 'result',
      width: 80,
      render: (r: AuditResult, e) => {
        const tag = <Tag color={RESULT_LABELS[r]?.color}>{RESULT_LABELS[r]?.label ?? r}</Tag>;
        return e.reason ? <Tooltip title={e.reason}>{tag}</Tooltip> : tag;
      },
    },
    { title: 'IP 地址', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'view',
      fixed: 'right',
      width: 70,
      render: (_: unknown, e) => <Typography.Link onClick={() => setDetail(e)}>详情</Typography.Link>,
    },
  ];

  const exports = can('audit.event.export')
    ? [
        { label: '导出 Excel', href: (f: Query) => downloadUrl('/audit/events/export', { ...f, format: 'xlsx' }) },
        { label: '导出 CSV', href: (f: Query) => downloadUrl('/audit/events/export', { ...f, format: 'csv' }) },
      ]
    : undefined;

  return (
    <>
      <PageHeader
        title="审计日志"
        subtitle="平台全部操作和被拒绝的访问均留痕，记录只增不改，并以 SM3 链式摘要防篡改"
        extra={
          can('audit.event.verify') ? (
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
              校验审计链
            </Button>
          ) : null
        }
      />
      <div className="page-card">
        <DataTable<AuditEvent>
          ref={table}
          fetch={fetchEvents}
          rowKey="id"
          columns={columns}
          toQuery={toAuditQuery}
          search={{ placeholder: '操作人、对象、原因或请求编号' }}
          exports={exports}
          filters={
            <>
              <Form.Item name="action">
                <AutoComplete
                  options={actionOptions}
                  placeholder="操作（可输入前缀）"
                  allowClear
                  style={{ width: 220 }}
                  popupMatchSelectWidth={320}
                  showSearch={{
                    filterOption: (input, option) => {
                      const o = option as { value?: unknown; label?: unknown } | undefined;
                      return typeof o?.value === 'string' && (o.value.includes(input) || String(o.label ?? '').includes(input));
                    },
                  }}
                />
              </Form.Item>
              {can('identity.user.read') ? (
                <Form.Item name="actorId">
                  <UserSearchSelect placeholder="操作人" />
                </Form.Item>
              ) : null}
              {can('identity.department.read') ? (
                <Form.Item name="departmentId">
                  <DepartmentTreeSelect placeholder="所属部门" style={{ width: 180 }} />
                </Form.Item>
              ) : null}
              <Form.Item name="result">
                <Select
                  allowClear
                  placeholder="结果"
                  style={{ width: 100 }}
                  options={(Object.keys(RESULT_LABELS) as AuditResult[]).map((r) => ({ value: r, label: RESULT_LABELS[r].label }))}
                />
              </Form.Item>
              <Form.Item name="range">
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  placeholder={['开始时间', '结束时间']}
                  presets={[
                    { label: '今天', value: [dayjs().startOf('day'), dayjs().endOf('day')] },
                    { label: '最近 7 天', value: [dayjs().subtract(6, 'day').startOf('day'), dayjs().endOf('day')] },
                    { label: '最近 30 天', value: [dayjs().subtract(29, 'day').startOf('day'), dayjs().endOf('day')] },
                  ]}
                />
              </Form.Item>
            </>
          }
          emptyText="暂无审计记录"
        />
      </div>

      <DetailDrawer
        open={detail !== null}
        onClose={() => setDetail(null)}
        drawerTitle={detail ? `审计记录 #${detail.seq}` : '审计记录'}
        width={680}
        items={
          detail
            ? [
                { label: '时间', value: formatDateTime(detail.occurredAt) },
                { label: '序号', value: String(detail.seq) },
                { label: '记录编号', value: <Typography.Text copyable>{detail.id}</Typography.Text> },
                { label: '操作', value: `${actionLabel(detail.action) ?? detail.action}（${detail.action}）` },
                {
                  label: '结果',
                  value: <Tag color={RESULT_LABELS[detail.result]?.color}>{RESULT_LABELS[detail.result]?.label ?? detail.result}</Tag>,
                },
                { label: '原因', value: detail.reason },
                { label: '操作人', value: detail.actorName ?? (detail.actorId ? detail.actorId : '匿名') },
                { label: '操作人编号', value: detail.actorId },
                { label: '操作人角色', value: detail.actorRoles.length > 0 ? detail.actorRoles.map(roleName).join('、') : null },
                { label: '所属部门', value: detail.departmentName },
                { label: 'IP 地址', value: detail.ip },
                { label: '对象类型', value: targetTypeLabel(detail.targetType) },
                { label: '对象编号', value: detail.targetId ? <Typography.Text copyable>{detail.targetId}</Typography.Text> : null },
                { label: '请求编号', value: <Typography.Text copyable>{detail.requestId}</Typography.Text> },
              ]
            : []
        }
      >
        {detail ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 20 }}>
              详细内容
            </Typography.Title>
            {Object.keys(detail.details ?? {}).length === 0 ? (
              <Typography.Text type="secondary">无</Typography.Text>
            ) : (
              <pre className="json-block">{JSON.stringify(detail.details, null, 2)}</pre>
            )}
          </>
        ) : null}
      </DetailDrawer>

      <Modal open={report !== null} onCancel={() => setReport(null)} footer={<Button type="primary" onClick={() => setReport(null)}>知道了</Button>} title="审计链校验结果" width={560}>
        {report ? <VerificationResult report={report} /> : null}
      </Modal>
    </>
  );
}

function VerificationResult({ report }: { report: VerificationReport }) {
  if (report.ok) {
    return (
      <Result
        status="success"
        title="审计链完整"
        subTitle={`共校验 ${formatCount(report.checked)} 条记录，未发现篡改、删除或插入。`}
        extra={
          report.head ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, wordBreak: 'break-all' }}>
              最新记录序号 {report.head.seq}，链尾摘要（SM3）：{report.head.hash}
            </Typography.Paragraph>
          ) : null
        }
      />
    );
  }
  return (
    <Result
      status="error"
      title="审计链校验未通过"
      subTitle={`已校验 ${formatCount(report.checked)} 条记录，发现以下记录与链不一致，请立即报告安全保密管理员并保全现场。`}
      extra={
        report.firstBroken ? (
          <Flex vertical gap={4} style={{ textAlign: 'left' }}>
            <div>首条异常记录序号：{report.firstBroken.seq}</div>
            <div style={{ wordBreak: 'break-all' }}>记录编号：{report.firstBroken.id}</div>
            <div>异常原因：{report.firstBroken.reason}</div>
          </Flex>
        ) : null
      }
    />
  );
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** Remote search over users (GET /identity/users?q=), for the 操作人 filter. */
function UserSearchSelect({ value, onChange, placeholder }: { value?: string; onChange?: (v: string | undefined) => void; placeholder?: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(0);

  const search = useMemo(
    () => (text: string) => {
      window.clearTimeout(timer.current);
      const q = text.trim();
      if (!q) return;
      timer.current = window.setTimeout(async () => {
        const ticket = ++latest.current;
        setLoading(true);
        try {
          const page = await request<Page<User>>('/identity/users', { query: { q, page: 1, pageSize: 20 } });
          if (ticket === latest.current) {
            setOptions(page.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })));
          }
        } catch {
          if (ticket === latest.current) setOptions([]);
        } finally {
          if (ticket === latest.current) setLoading(false);
        }
      }, 300);
    },
    [],
  );

  return (
    <Select
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      placeholder={placeholder}
      style={{ width: 170 }}
      options={options}
      loading={loading}
      filterOption={false}
      showSearch={{ onSearch: search, filterOption: false }}
      notFoundContent={loading ? '搜索中…' : '输入姓名或用户名搜索'}
      popupMatchSelectWidth={false}
    />
  );
}
