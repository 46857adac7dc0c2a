import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import {
  AuditOutlined, CheckOutlined, CloseOutlined, RollbackOutlined, SafetyCertificateOutlined, SwapOutlined, TeamOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { DetailPanel } from '../../ui/DetailPanel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { RequestActionModal, type RequestAction } from './RequestCommands';
import { DeadlineLight, HistoryTimeline, RequestStatusTag, responsibleText, useSharingMeta } from './sharing-ui';
import { REQUEST_STATUS_LABELS, type RequestStatus, type ShareRequest } from './types';

const OPEN_STEP: Partial<Record<RequestStatus, string>> = {
  checking: '数据局符合性审查',
  reviewing: '提供部门审核',
  arbitrating: '数据局协调',
  refused: '已拒绝：申请部门可申请数据局协调',
};

/** 共享申请详情: what was asked for, the steps so far with deadlines, and the actions the viewer may take. */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  return <RequestDetail key={id} id={id} />;
}

function RequestDetail({ id }: { id: string }) {
  const navigate = useNavigate();
  const { user, can } = useAuth();
  const meta = useSharingMeta();
  const query = useApiQuery<ShareRequest>(`/sharing/requests/${id}`);
  const [action, setAction] = useState<RequestAction | null>(null);

  if (query.error) {
    if (query.error.status === 404) {
      return (
        <Result
          status="404"
          title="共享申请不存在"
          subTitle="该申请不存在，或本部门既不是申请方也不是提供方。"
          extra={<Button type="primary" onClick={() => navigate('/sharing/requests')}>返回共享申请</Button>}
        />
      );
    }
    return <ErrorAlert error={query.error} title="共享申请加载失败" onRetry={query.reload} />;
  }
  const r = query.data && query.data.id === id ? query.data : undefined;
  if (!r) return <div className="page-card"><Skeleton active paragraph={{ rows: 12 }} /></div>;

  const mine = !!user?.departmentId;
  const isRequester = mine && r.requesterDepartmentId === user?.departmentId;
  const isProvider = mine && r.providerDepartmentId === user?.departmentId;
  const bureauCheck = can('sharing.request.check');
  const buttons: React.ReactNode[] = [];
  if (r.status === 'checking' && bureauCheck) {
    buttons.push(<Button key="check" type="primary" icon={<AuditOutlined />} onClick={() => setAction('check')} data-testid="sharing-check">符合性审查</Button>);
  }
  if (r.status === 'reviewing' && isProvider && can('sharing.request.review')) {
    buttons.push(<Button key="approve" type="primary" icon={<CheckOutlined />} onClick={() => setAction('approve')} data-testid="sharing-approve">同意</Button>);
    buttons.push(<Button key="refuse" danger icon={<CloseOutlined />} onClick={() => setAction('refuse')} data-testid="sharing-refuse">拒绝</Button>);
  }
  if ((r.status === 'reviewing' && ((isProvider && can('sharing.request.review')) || bureauCheck)) || (r.status === 'checking' && bureauCheck)) {
    buttons.push(<Button key="transfer" icon={<SwapOutlined />} onClick={() => setAction('transfer')} data-testid="sharing-transfer">转交</Button>);
  }
  if (r.status === 'arbitrating' && can('sharing.arbitrate')) {
    buttons.push(<Button key="arbitrate" type="primary" icon={<TeamOutlined />} onClick={() => setAction('arbitrate')} data-testid="sharing-arbitrate">协调裁决</Button>);
  }
  if (isRequester && can('sharing.request.create')) {
    if (r.status === 'refused') {
      buttons.push(<Button key="arbitration" type="primary" icon={<TeamOutlined />} onClick={() => setAction('arbitration')} data-testid="sharing-ask-arbitration">申请协调</Button>);
    }
    if (r.status === 'checking' || r.status === 'reviewing') {
      buttons.push(<Button key="withdraw" danger icon={<RollbackOutlined />} onClick={() => setAction('withdraw')} data-testid="sharing-withdraw">撤回</Button>);
    }
  }

  const stepTitle = OPEN_STEP[r.status];
  const statusLabel = (s: string) => (s === r.status ? r.statusLabel : REQUEST_STATUS_LABELS[s as RequestStatus] ?? s);

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: '共享申请', path: '/sharing/requests' }, { title: r.entryName }]}
        title={
          <Space size={12} wrap>
            <span>{r.kind === 'renewal' ? '续期申请' : '共享申请'}：{r.entryName}</span>
            <RequestStatusTag status={r.status} label={r.statusLabel} />
          </Space>
        }
        subtitle={`${r.requesterDepartmentName ?? '—'} 申请 ${r.providerDepartmentName ?? '—'} 的数据 · 提交于 ${formatDateTime(r.createdAt)}`}
        extra={buttons.length ? buttons : null}
      />
      {r.deadline && (r.deadline.light === 'red' || r.deadline.light === 'yellow') ? (
        <Alert
          type={r.deadline.light === 'red' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={`${r.deadline.ruleName}（${responsibleText(r.deadline)}）${r.deadline.light === 'red' ? '已逾期' : '即将到期'}`}
          description={<DeadlineLight deadline={r.deadline} />}
        />
      ) : null}
      {r.refusal ? (
        <Alert
          type={r.status === 'refused' || r.status === 'upheld' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={`${r.status === 'refused' || r.status === 'upheld' ? '提供部门拒绝' : '提供部门曾拒绝'}：${r.refusal.label}`}
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap' }}>{r.refusal.text}</div>
              {r.status === 'refused' && isRequester ? <div style={{ marginTop: 4 }}>如认为拒绝不成立，可申请数据局协调，协调结果具有约束力。</div> : null}
            </>
          }
        />
      ) : null}
      {r.grantId ? (
        <Alert
          type="success"
          showIcon
          icon={<SafetyCertificateOutlined />}
          style={{ marginBottom: 16 }}
          title={<span>已生成授权 · <Link to={`/sharing/grants?grantId=${r.grantId}`} data-testid="sharing-grant-link">查看授权</Link></span>}
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card variant="borderless" title="申请内容" style={{ marginBottom: 16 }}>
            <DetailPanel
              column={2}
              items={[
                { label: '目录', span: 2, value: <span><Link to={`/catalog/published/${r.entryId}`}>{r.entryName}</Link> <span className="sharing-muted sharing-mono">{r.entryCode}</span></span> },
                { label: '共享类型', value: r.shareType === 'unconditional' ? <Tag color="green">无条件共享</Tag> : <Tag color="blue">有条件共享</Tag> },
                { label: '数据挂接', value: r.mounted ? '已挂接' : '未挂接' },
                {
                  label: '信息项',
                  span: 2,
                  value: (
                    <Flex gap={4} wrap>
                      {r.items.map((code, i) => <Tag key={code} style={{ marginInlineEnd: 0 }}>{r.itemNames[i] ?? code}</Tag>)}
                    </Flex>
                  ),
                },
                { label: '用途', value: meta.purposeLabel(r.purposeType) },
                { label: '应用场景', value: r.scenario },
                { label: '用途说明', span: 2, value: <span style={{ whiteSpace: 'pre-wrap' }}>{r.purposeText}</span> },
                { label: '依据', span: 2, value: <span style={{ whiteSpace: 'pre-wrap' }}>{r.legalBasis}</span> },
                { label: '申请部门', value: r.requesterDepartmentName },
                { label: '申请人', value: r.requesterName },
                { label: '调用系统', value: r.consumerSystemName },
                { label: '调用方 IP', value: <span className="sharing-mono">{r.allowedIps.join('，')}</span> },
                { label: '调用方式', value: r.operations.map((o) => meta.operationLabel(o)).join('、') },
                { label: '预计日调用量', value: `${r.expectedDailyVolume.toLocaleString('zh-CN')} 次/日` },
                { label: '有效期至', value: formatDate(r.validUntil) },
                { label: '提供部门', value: r.providerDepartmentName },
                ...(r.arbitrationReason ? [{ label: '协调理由', span: 2, value: r.arbitrationReason }] : []),
                ...(r.decisionNote ? [{ label: '审查/裁决意见', span: 2, value: r.decisionNote }] : []),
                ...(r.decidedAt ? [{ label: '办结时间', value: formatDateTime(r.decidedAt) }] : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title="办理过程" data-testid="sharing-request-timeline">
            <HistoryTimeline
              history={r.history}
              statusLabel={statusLabel}
              current={stepTitle ? { title: stepTitle, deadline: r.deadline } : null}
            />
            {!stepTitle ? <Typography.Text type="secondary">已办结</Typography.Text> : null}
          </Card>
        </Col>
      </Row>
      <RequestActionModal
        action={action}
        request={r}
        onClose={() => setAction(null)}
        onDone={(next) => {
          setAction(null);
          query.setData(next);
        }}
      />
    </>
  );
}
