import { Button, Card, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadUrl } from '../../ui/api';
import { Chart } from '../../ui/Chart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { saveFile, toCsv } from '../../ui/save-file';
import { useApiQuery } from '../../ui/useApiQuery';
import { DIMENSIONS, scoreText, type RankingRow } from './types';

/** 可定责: departments ranked by data quality, with dimensions and open/overdue issues. */
export function QualityRankingPage() {
  const ranking = useApiQuery<{ items: RankingRow[] }>('/quality/ranking');
  const history = useApiQuery<{ history: { day: string; score: number | null }[] }>('/quality/scores', { days: 180 });
  const items = ranking.data?.items ?? [];
  const columns: TableColumnsType<RankingRow> = [
    { title: '排名', dataIndex: 'rank', width: 60 },
    { title: '部门', dataIndex: 'departmentName' },
    { title: '综合得分', dataIndex: 'score', align: 'right', render: (v: number | null) => <Typography.Text strong>{scoreText(v)}</Typography.Text> },
    ...DIMENSIONS.map((d) => ({ title: d.label, key: d.value, align: 'right' as const, render: (_: unknown, r: RankingRow) => scoreText(r.dimensionScores[d.value]) })),
    { title: '目录数', dataIndex: 'entries', align: 'right' },
    { title: '未关闭问题', dataIndex: 'openIssues', align: 'right' },
    { title: '超期问题', dataIndex: 'overdueIssues', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger" strong>{v}</Typography.Text> : 0) },
  ];
  const exportCsv = () => saveFile(toCsv(items, [
    { title: '排名', value: (r) => r.rank }, { title: '部门', value: (r) => r.departmentName }, { title: '综合得分', value: (r) => r.score },
    ...DIMENSIONS.map((d) => ({ title: d.label, value: (r: RankingRow) => r.dimensionScores[d.value] })),
    { title: '目录数', value: (r) => r.entries }, { title: '未关闭问题', value: (r) => r.openIssues }, { title: '超期问题', value: (r) => r.overdueIssues },
  ]), `数据质量排名-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv;charset=utf-8');
  return (
    <>
      <PageHeader title="质量排名（可定责）" subtitle="各部门目录最新检测得分的平均值，分维度得分与未关闭、超期问题数；问题数据可定责到提供部门" extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!items.length}>导出 CSV</Button>
          <Button icon={<DownloadOutlined />} href={downloadUrl('/quality/ranking/export')}>导出 Excel</Button>
        </Space>
      } />
      <ErrorAlert error={ranking.error} />
      <Card size="small" title="部门得分" style={{ marginBottom: 16 }}>
        <Chart ariaLabel="部门数据质量得分排名" height={Math.max(240, items.length * 36)} option={{
          tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 140, right: 30, top: 30, bottom: 20 },
          xAxis: { type: 'value', min: 0, max: 100 }, yAxis: { type: 'category', inverse: true, data: items.map((r) => r.departmentName) },
          series: [
            { type: 'bar', name: '综合得分', data: items.map((r) => r.score), label: { show: true, position: 'right' } },
            ...DIMENSIONS.map((d) => ({ type: 'bar' as const, name: d.label, data: items.map((r) => r.dimensionScores[d.value]) })),
          ],
        } as never} />
      </Card>
      <Card size="small" title="排名明细" style={{ marginBottom: 16 }}>
        <Table rowKey="departmentId" size="small" loading={ranking.loading} dataSource={items} columns={columns} pagination={false} data-testid="quality-ranking" />
      </Card>
      <Card size="small" title="全市（或本部门）得分走势">
        <Chart ariaLabel="质量得分走势" height={260} option={{
          tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
          xAxis: { type: 'category', data: (history.data?.history ?? []).map((h) => h.day) }, yAxis: { type: 'value', min: 0, max: 100 },
          series: [{ type: 'line', name: '平均得分', data: (history.data?.history ?? []).map((h) => h.score), smooth: true }],
        } as never} />
      </Card>
    </>
  );
}
