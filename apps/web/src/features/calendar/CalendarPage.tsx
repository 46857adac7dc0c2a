import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { CalendarLegend, YearGrid } from './YearGrid';
import { YearScheduleDrawer, type YearSchedule } from './YearScheduleDrawer';

interface YearSummary {
  year: number;
  holidayCount: number;
  workdayCount: number;
  source: 'official' | 'local';
  note?: string | null;
  updatedAt: string;
}

const SOURCE_LABELS: Record<YearSummary['source'], { label: string; color: string }> = {
  official: { label: '国务院公布', color: 'blue' },
  local: { label: '本地录入', color: 'green' },
};

const EMPTY_SET: ReadonlySet<string> = new Set();

/** 工作日历: which years have a holiday schedule, each year at a glance, and entering a year's schedule. */
export function CalendarPage() {
  const { can } = useAuth();
  const canManage = can('calendar.manage');
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState(false);

  const years = useApiQuery<{ items: YearSummary[] }>('/calendar/years');
  const recorded = useMemo(() => [...(years.data?.items ?? [])].sort((a, b) => b.year - a.year), [years.data]);
  const summary = recorded.find((y) => y.year === year) ?? null;

  // A year that is not in the list has no schedule: don't ask for it (the answer would be 404).
  const listed = years.data !== undefined;
  const detail = useApiQuery<YearSchedule>(listed && summary ? `/calendar/years/${year}` : null);
  const schedule = summary ? (detail.data?.year === year ? detail.data : null) : null;

  const holidaySet = useMemo(() => (schedule ? new Set(schedule.holidays) : EMPTY_SET), [schedule]);
  const workdaySet = useMemo(() => (schedule ? new Set(schedule.workdays) : EMPTY_SET), [schedule]);

  const yearOptions = useMemo(() => {
    const set = new Set<number>([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, ...recorded.map((y) => y.year)]);
    return [...set]
      .sort((a, b) => b - a)
      .map((y) => ({ value: y, label: `${y} 年${recorded.some((r) => r.year === y) ? '' : '（未录入）'}` }));
  }, [recorded, thisYear]);

  const columns: TableColumnsType<YearSummary> = [
    {
      title: '年份',
      dataIndex: 'year',
      render: (y: number) => (
        <Typography.Link strong={y === year} onClick={() => setYear(y)}>
          {y} 年
        </Typography.Link>
      ),
    },
    { title: '放假', dataIndex: 'holidayCount', align: 'right', render: (n: number) => `${n} 天` },
    { title: '调休上班', dataIndex: 'workdayCount', align: 'right', render: (n: number) => `${n} 天` },
    {
      title: '来源',
      dataIndex: 'source',
      render: (s: YearSummary['source']) => <Tag color={SOURCE_LABELS[s]?.color}>{SOURCE_LABELS[s]?.label ?? s}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title="工作日历"
        subtitle="法定节假日和调休上班日，是全平台按工作日计算办理时限的依据；未录入的年份不能计算跨入该年的期限"
      />
      <Flex gap={16} align="flex-start">
        <Card variant="borderless" title="已录入年份" style={{ width: 320, flex: 'none' }} styles={{ body: { padding: 0 } }}>
          {years.error ? (
            <div style={{ padding: 16 }}>
              <ErrorAlert error={years.error} title="年份列表加载失败" onRetry={years.reload} />
            </div>
          ) : (
            <Table<YearSummary>
              rowKey="year"
              size="small"
              columns={columns}
              dataSource={recorded}
              loading={years.loading}
              pagination={false}
              scroll={{ y: 'calc(100vh - 300px)' }}
              onRow={(r) => ({ onClick: () => setYear(r.year), style: { cursor: 'pointer', background: r.year === year ? '#e6efff' : undefined } })}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未录入任何年份" /> }}
            />
          )}
        </Card>

        <Card
          variant="borderless"
          style={{ flex: '1 1 auto', minWidth: 0 }}
          title={
            <Flex align="center" gap={12} wrap>
              <Select value={year} onChange={setYear} options={yearOptions} style={{ width: 150 }} aria-label="选择年份" />
              {!listed ? null : summary ? (
                <Tag color={SOURCE_LABELS[summary.source]?.color}>{SOURCE_LABELS[summary.source]?.label ?? summary.source}</Tag>
              ) : (
                <Tag color="default">未录入</Tag>
              )}
            </Flex>
          }
          extra={
            canManage && listed ? (
              <Button
                type={summary ? 'default' : 'primary'}
                icon={summary ? <EditOutlined /> : <PlusOutlined />}
                disabled={summary !== null && !schedule}
                onClick={() => setEditing(true)}
              >
                {summary ? '修改安排' : `录入 ${year} 年安排`}
              </Button>
            ) : null
          }
        >
          {years.loading && !years.data ? (
            <Skeleton active paragraph={{ rows: 10 }} />
          ) : detail.error ? (
            <ErrorAlert error={detail.error} title={`${year} 年安排加载失败`} onRetry={detail.reload} />
          ) : (
            <>
              {listed && !summary ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={`${year} 年节假日安排未录入`}
                  description={
                    canManage
                      ? '下方仅按周六、周日标出周末。请在国务院办公厅公布当年节假日安排后及时录入，否则涉及该年的办理时限无法计算。'
                      : '下方仅按周六、周日标出周末。请联系系统管理员在国务院办公厅公布当年节假日安排后及时录入。'
                  }
                />
              ) : null}
              <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
                {summary ? (
                  <Typography.Text type="secondary">
                    放假 {summary.holidayCount} 天 · 调休上班 {summary.workdayCount} 天 · 更新于 {formatDateTime(summary.updatedAt)}
                    {summary.note ? ` · ${summary.note}` : ''}
                  </Typography.Text>
                ) : <span />}
                <CalendarLegend />
              </Flex>
              {summary && detail.loading && !schedule ? (
                <Skeleton active paragraph={{ rows: 10 }} />
              ) : (
                <YearGrid year={year} holidays={holidaySet} workdays={workdaySet} />
              )}
            </>
          )}
        </Card>
      </Flex>

      <YearScheduleDrawer
        open={editing}
        year={year}
        schedule={schedule}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          years.reload();
          detail.reload();
        }}
      />
    </>
  );
}
