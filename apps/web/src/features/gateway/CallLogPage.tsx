import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Progress, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, ReloadOutlined, SafetyOutlined, WarningOutlined } from '@ant-design/icons';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { CHAIN_BREAK_LABELS, type ChainReport, type LogStatus } from './types';
import './gateway.css';

/** 调用日志校验 (auditor): the call-log writer's state and a full SM3 chain verification. */
export function CallLogPage() {
  const status = useApiQuery<LogStatus>('/gateway/call-log/status');
  const { submitting, run } = useSubmit();
  const [report, setReport] = useState<{ value: ChainReport; at: string } | null>(null);

  const verify = async () => {
    const r = await run(() => api.post<ChainReport>('/gateway/call-log/verify'));
    if (r.ok) setReport({ value: r.value, at: new Date().toISOString() });
  };

  const s = status.data;
  const degraded = s ? !s.accepting : false;
  const fill = s && s.maxBacklog > 0 ? Math.min(100, Math.round((s.backlog / s.maxBacklog) * 100)) : 0;

  return (
    <>
      <PageHeader
        title="调用日志校验"
        subtitle="共享交换网关的每次调用（含被拒绝的）写入 SM3 链式调用日志；写入受阻时网关拒绝新调用，绝不在无日志的情况下提供数据"
      />
      <Flex vertical gap={16}>
        <Card
          variant="borderless"
          title="写入状态"
          extra={
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined />} onClick={status.reload} loading={status.loading} aria-label="刷新" />
            </Tooltip>
          }
        >
          {status.error ? <ErrorAlert error={status.error} title="写入状态加载失败" onRetry={status.reload} /> : null}
          {!s && !status.error ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
          {s ? (
            <>
              {degraded ? (
                <Alert
                  type="error"
                  showIcon
                  icon={<WarningOutlined />}
                  style={{ marginBottom: 16 }}
                  data-testid="call-log-degraded"
                  title="网关已降级：调用日志无法写入，所有新调用被拒绝（503 GATEWAY_LOG_UNAVAILABLE）"
                  description={`原因：${s.failing ?? '积压达到上限'}。已排队的日志在内存中按退避重试，写入恢复后网关自动恢复服务；告警已记入审计日志（gateway.log.alarm）。`}
                />
              ) : null}
              <Descriptions
                column={{ xs: 1, md: 3 }}
                items={[
                  {
                    key: 'state',
                    label: '网关状态',
                    children: degraded ? <Tag color="error" data-testid="call-log-state" data-state="degraded">降级（拒绝新调用）</Tag> : <Tag color="success" data-testid="call-log-state" data-state="accepting">正常接受调用</Tag>,
                  },
                  {
                    key: 'backlog',
                    label: '待写入积压',
                    children: (
                      <Flex vertical style={{ minWidth: 200 }}>
                        <span data-testid="call-log-backlog">
                          {formatCount(s.backlog)} / {formatCount(s.maxBacklog)} 条
                        </span>
                        <Progress percent={fill} size="small" showInfo={false} status={fill >= 80 ? 'exception' : 'normal'} />
                      </Flex>
                    ),
                  },
                  {
                    key: 'writer',
                    label: '写入方式',
                    children: <span data-testid="call-log-writer">{s.writer === 'thread' ? '独立写入线程（哈希链计算与入库不占用服务线程）' : '服务线程内写入'}</span>,
                  },
                  { key: 'failing', label: '最近写入错误', children: s.failing ? <Typography.Text type="danger">{s.failing}</Typography.Text> : '无' },
                ]}
              />
            </>
          ) : null}
        </Card>
        <Card
          variant="borderless"
          title="链完整性校验"
          extra={
            <Button type="primary" icon={<SafetyOutlined />} loading={submitting} onClick={() => void verify()} data-testid="call-log-verify">
              校验调用日志
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">
            逐条重新计算每条调用记录的 SM3 哈希，并核对它与前一条记录的链接和序号：任何记录被修改、删除或插入，都会在第一处断点被发现。校验操作本身记入审计日志。
          </Typography.Paragraph>
          {report ? <ReportView report={report.value} at={report.at} /> : null}
        </Card>
      </Flex>
    </>
  );
}

function ReportView({ report, at }: { report: ChainReport; at: string }) {
  return (
    <div data-testid="call-log-report" data-ok={report.ok ? 'true' : 'false'}>
      {report.ok ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title={`调用日志完整：已校验 ${formatCount(report.checked)} 条记录，未发现篡改`}
          style={{ marginBottom: 16 }}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          title={`调用日志在第 ${report.firstBroken?.seq ?? '?'} 条处断链`}
          description={report.firstBroken ? `${CHAIN_BREAK_LABELS[report.firstBroken.reason] ?? report.firstBroken.reason}。此前的 ${formatCount(report.checked)} 条记录校验通过；请保全数据库并报告安全负责人。` : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'at', label: '校验时间', children: formatDateTime(at) },
          { key: 'checked', label: '已校验记录', children: <span data-testid="call-log-checked">{formatCount(report.checked)}</span> },
          {
            key: 'head',
            label: '链头',
            children: report.head ? (
              <span>
                第 {report.head.seq} 条 · <span className="gateway-mono">{report.head.hash}</span>
              </span>
            ) : (
              '（尚无调用记录）'
            ),
          },
          ...(report.firstBroken
            ? [{
                key: 'broken',
                label: '第一处断链',
                children: (
                  <span>
                    第 {report.firstBroken.seq} 条（<span className="gateway-mono">{report.firstBroken.id}</span>）：{CHAIN_BREAK_LABELS[report.firstBroken.reason] ?? report.firstBroken.reason}
                    <Typography.Text type="secondary"> [{report.firstBroken.reason}]</Typography.Text>
                  </span>
                ),
              }]
            : []),
        ]}
      />
    </div>
  );
}
