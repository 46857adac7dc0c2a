import { useMemo } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Skeleton, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { EMPTY, formatCount } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { saveFile, toCsv, type CsvColumn } from '../../ui/save-file';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { qualityColor } from './QualityPanel';
import type { DepartmentQuality, DepartmentStats, EntryStatus, Stats, StatsResponse } from './types';
import { useCatalogMeta } from './useCatalogMeta';
import './catalog.css';

type DimensionKey = keyof DepartmentQuality['dimensions'];
const DIMENSIONS: DimensionKey[] = ['findability', 'accessibility', 'interoperability', 'reusability', 'contextuality'];

// Entry statuses in four groups for the stacked bars: what the city sees, what waits, what is being written, what is gone.
const STATUS_GROUPS: { key: string; label: string; color: string; statuses: EntryStatus[] }[] = [
  { key: 'published', label: '已发布', color: '#1f5fc6', statuses: ['published', 'change_submitted', 'change_returned', 'withdrawal_submitted'] },
  { key: 'pending', label: '待审核', color: '#faad14', statuses: ['submitted'] },
  { key: 'drafting', label: '编制中', color: '#8fb4ef', statuses: ['draft', 'returned'] },
  { key: 'withdrawn', label: '已撤销', color: '#bfbfbf', statuses: ['withdrawn'] },
];

const SHARE_COLORS: Record<string, string> = { unconditional: '#52c41a', conditional: '#1f5fc6', none: '#f5222d' };

interface Row extends DepartmentStats {
  quality: DepartmentQuality | undefined;
  groups: Record<string, number>;
}

const sumStatuses = (s: Stats, statuses: EntryStatus[]) => statuses.reduce((n, k) => n + (s.byStatus[k] ?? 0), 0);
const percent = (ratio: number | null | undefined) => (typeof ratio === 'number' ? `${Math.round(ratio * 1000) / 10}%` : EMPTY);
const score = (v: number | null | undefined) => (typeof v === 'number' ? v.toFixed(1) : EMPTY);

/** Horizontal bars need room per department; a short list stays compact. */
const barsHeight = (n: number) => Math.max(240, n * 30 + 70);

/** 目录统计: city KPIs, per-department charts and a table (GET /stats, GET /quality/departments). */
export function StatsPage() {
  const { user } = useAuth();
  const meta = useCatalogMeta();
  const stats = useApiQuery<StatsResponse>('/catalog/stats');
  const quality = useApiQuery<{ items: DepartmentQuality[] }>('/catalog/quality/departments');
  const reload = () => {
    stats.reload();
    quality.reload();
  };

  const data = stats.data;
  // Department-scoped readers get `city: null` and their own department only.
  const cityWide = data?.city != null;
  const total: Stats | undefined = data ? (data.city ?? data.departments[0]) : undefined;

  const rows = useMemo<Row[]>(() => {
    const byDept = new Map((quality.data?.items ?? []).map((q) => [q.departmentId, q]));
    return (data?.departments ?? []).map((d) => ({
      ...d,
      quality: byDept.get(d.departmentId),
      groups: Object.fromEntries(STATUS_GROUPS.map((g) => [g.key, sumStatuses(d, g.statuses)])),
    }));
  }, [data, quality.data]);

  const maxOf = (key: DimensionKey) => meta.meta?.qualityWeights.find((w) => w.key === key)?.max;
  const dimensionLabel = (key: DimensionKey) => meta.meta?.qualityWeights.find((w) => w.key === key)?.label ?? key;

  const entriesOption = useMemo<ChartOption>(() => {
    const list = [...rows].sort((a, b) => a.entries - b.entries);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: STATUS_GROUPS.map((g) => g.label) },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: list.map((r) => r.departmentName), axisTick: { show: false }, axisLabel: { width: 150, overflow: 'truncate' } },
      series: STATUS_GROUPS.map((g) => ({
        type: 'bar' as const,
        name: g.label,
        stack: 'entries',
        barMaxWidth: 18,
        itemStyle: { color: g.color },
        emphasis: { focus: 'series' as const },
        data: list.map((r) => r.groups[g.key] ?? 0),
      })),
    };
  }, [rows]);

  const shareOption = useMemo<ChartOption>(() => {
    const shares = total?.shareTypes ?? {};
    const data = meta.options('ShareType').map((o) => ({ name: o.label, value: shares[o.value as keyof typeof shares] ?? 0, itemStyle: { color: SHARE_COLORS[o.value] } }));
    return {
      tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
      // Names with counts in the legend; the ring itself carries only the shares, so nothing is cut off in a narrow card.
      legend: { bottom: 0, formatter: (name: string) => `${name} ${data.find((d) => d.name === name)?.value ?? 0} 条` },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '44%'],
          label: { position: 'inside', formatter: (p: unknown) => ((p as { value: number }).value > 0 ? `${Math.round((p as { percent: number }).percent)}%` : ''), color: '#fff', fontWeight: 600 },
          labelLine: { show: false },
          data,
        },
      ],
    };
  }, [total, meta]);

  const mountedOption = useMemo<ChartOption>(() => {
    const list = rows.filter((r) => r.published > 0).sort((a, b) => (a.mountedRatio ?? 0) - (b.mountedRatio ?? 0));
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const p = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
          const r = list[p.dataIndex];
          return r ? `${r.departmentName}<br/>已挂接 ${r.mounted} / 已发布 ${r.published}（${percent(r.mountedRatio)}）` : '';
        },
      },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: list.map((r) => r.departmentName), axisTick: { show: false }, axisLabel: { width: 150, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: list.map((r) => Math.round((r.mountedRatio ?? 0) * 1000) / 10),
          itemStyle: { color: '#13a8a8', borderRadius: [0, 3, 3, 0] },
          label: { show: true, position: 'right', formatter: '{c}%' },
          showBackground: true,
          backgroundStyle: { color: '#f5f7fa' },
        },
      ],
    };
  }, [rows]);

  const qualityOption = useMemo<ChartOption>(() => {
    const list = [...(quality.data?.items ?? [])].sort((a, b) => (a.averageScore ?? 0) - (b.averageScore ?? 0));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: list.map((q) => q.departmentName), axisTick: { show: false }, axisLabel: { width: 150, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: '质量平均分',
          barMaxWidth: 18,
          data: list.map((q) => ({ value: q.averageScore ?? 0, itemStyle: { color: qualityColor(q.averageScore ?? 0), borderRadius: [0, 3, 3, 0] } })),
          label: { show: true, position: 'right' },
          showBackground: true,
          backgroundStyle: { color: '#f5f7fa' },
        },
      ],
    };
  }, [quality.data]);

  // One department (department-scoped readers): its quality by dimension, as a share of each dimension's maximum.
  const dimensionOption = useMemo<ChartOption>(() => {
    const q = quality.data?.items[0];
    const dims = [...DIMENSIONS].reverse().map((k) => {
      const value = q?.dimensions[k] ?? 0;
      const max = maxOf(k) ?? 0;
      return { label: dimensionLabel(k), value, max, pct: max > 0 ? Math.round((value / max) * 1000) / 10 : 0 };
    });
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const d = dims[((Array.isArray(params) ? params[0] : params) as { dataIndex: number }).dataIndex];
          return d ? `${d.label}：平均 ${d.value} / ${d.max} 分` : '';
        },
      },
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: dims.map((d) => d.label), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: dims.map((d) => ({ value: d.pct, itemStyle: { color: qualityColor(d.pct), borderRadius: [0, 3, 3, 0] } })),
          label: { show: true, position: 'right', formatter: (p: unknown) => `${dims[(p as { dataIndex: number }).dataIndex]?.value ?? ''} 分` },
          showBackground: true,
          backgroundStyle: { color: '#f5f7fa' },
        },
      ],
    };
    // labels and maxima come from /meta
  }, [quality.data, meta]);

  const columns: TableColumnsType<Row> = [
    { title: '部门', dataIndex: 'departmentName', fixed: 'left', width: 170 },
    { title: '目录总数', dataIndex: 'entries', align: 'right', sorter: (a, b) => a.entries - b.entries, defaultSortOrder: 'descend', render: formatCount },
    ...STATUS_GROUPS.map((g) => ({
      title: g.label,
      key: g.key,
      align: 'right' as const,
      sorter: (a: Row, b: Row) => (a.groups[g.key] ?? 0) - (b.groups[g.key] ?? 0),
      render: (_: unknown, r: Row) => formatCount(r.groups[g.key]),
    })),
    { title: '信息项', dataIndex: 'dataItems', align: 'right', sorter: (a, b) => a.dataItems - b.dataItems, render: formatCount },
    {
      title: '挂接率',
      key: 'mountedRatio',
      align: 'right',
      sorter: (a, b) => (a.mountedRatio ?? 0) - (b.mountedRatio ?? 0),
      render: (_: unknown, r) => (r.published > 0 ? <Tooltip title={`已挂接 ${r.mounted} / 已发布 ${r.published}`}>{percent(r.mountedRatio)}</Tooltip> : EMPTY),
    },
    {
      title: '逾期事项',
      dataIndex: 'overdue',
      align: 'right',
      sorter: (a, b) => a.overdue - b.overdue,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger" strong>{n}</Typography.Text> : 0),
    },
    {
      title: '质量均分',
      key: 'quality',
      align: 'right',
      sorter: (a, b) => (a.qualityAverage ?? -1) - (b.qualityAverage ?? -1),
      // The five dimensions sit in the tooltip (and in the CSV), so the table fits a normal screen.
      render: (_: unknown, r) =>
        r.qualityAverage === null ? EMPTY : (
          <Tooltip
            title={
              r.quality ? (
                <div>
                  {DIMENSIONS.map((k) => (
                    <div key={k}>{dimensionLabel(k)}：{score(r.quality?.dimensions[k])}{maxOf(k) ? ` / ${maxOf(k)}` : ''}</div>
                  ))}
                </div>
              ) : undefined
            }
          >
            <span style={{ color: qualityColor(r.qualityAverage), fontWeight: 600, cursor: r.quality ? 'help' : undefined }}>{score(r.qualityAverage)}</span>
          </Tooltip>
        ),
    },
  ];

  const exportCsv = () => {
    const csvColumns: CsvColumn<Row>[] = [
      { title: '部门', value: (r) => r.departmentName },
      { title: '目录总数', value: (r) => r.entries },
      ...STATUS_GROUPS.map((g) => ({ title: g.label, value: (r: Row) => r.groups[g.key] ?? 0 })),
      { title: '信息项', value: (r) => r.dataItems },
      { title: '已挂接', value: (r) => r.mounted },
      { title: '挂接率(%)', value: (r) => (r.published > 0 ? Math.round((r.mountedRatio ?? 0) * 1000) / 10 : null) },
      { title: '无条件共享', value: (r) => r.shareTypes.unconditional ?? 0 },
      { title: '有条件共享', value: (r) => r.shareTypes.conditional ?? 0 },
      { title: '不予共享', value: (r) => r.shareTypes.none ?? 0 },
      { title: '逾期事项', value: (r) => r.overdue },
      { title: '质量均分', value: (r) => r.qualityAverage },
      ...DIMENSIONS.map((k) => ({ title: dimensionLabel(k), value: (r: Row) => r.quality?.dimensions[k] ?? null })),
    ];
    saveFile(toCsv(rows, csvColumns), `政务数据目录统计-${dayjs().format('YYYYMMDD')}.csv`, 'text/csv;charset=utf-8');
  };

  const header = (
    <PageHeader
      title="目录统计"
      subtitle={cityWide ? '全市各部门政务数据目录的编制、发布、挂接、时限和元数据质量（省级下发目录不计入）' : `${user?.departmentName ?? '本部门'}政务数据目录的编制、发布、挂接和元数据质量`}
      extra={
        <>
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={reload} loading={stats.loading || quality.loading} aria-label="刷新" />
          </Tooltip>
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={rows.length === 0}>导出 CSV</Button>
        </>
      }
    />
  );

  if (stats.error) {
    return (
      <>
        {header}
        <ErrorAlert error={stats.error} title="目录统计加载失败" onRetry={reload} />
      </>
    );
  }
  if (!data || !total) {
    return (
      <>
        {header}
        {data ? <Card variant="borderless"><Empty description="暂无统计数据" /></Card> : <Card variant="borderless"><Skeleton active paragraph={{ rows: 10 }} /></Card>}
      </>
    );
  }

  const kpis: { label: string; value: React.ReactNode; unit?: string; hint?: string }[] = [
    { label: '目录总数', value: formatCount(total.entries), unit: '条', hint: `已发布 ${formatCount(total.published)} 条` },
    { label: '已发布目录', value: formatCount(total.published), unit: '条', hint: total.entries > 0 ? `占 ${percent(total.published / total.entries)}` : undefined },
    { label: '信息项', value: formatCount(total.dataItems), unit: '项', hint: '已发布目录的数据项' },
    { label: '数据挂接率', value: total.published > 0 ? percent(total.mountedRatio) : EMPTY, hint: `已挂接 ${formatCount(total.mounted)} 条` },
    {
      label: '逾期事项',
      value: <span style={{ color: total.overdue > 0 ? '#cf1322' : undefined }}>{formatCount(total.overdue)}</span>,
      unit: '项',
      hint: '编目与审核时限亮红灯',
    },
    {
      label: '元数据质量均分',
      value: total.qualityAverage === null ? EMPTY : <span style={{ color: qualityColor(total.qualityAverage) }}>{score(total.qualityAverage)}</span>,
      unit: total.qualityAverage === null ? undefined : '分',
      hint: '已发布目录，满分 100',
    },
  ];

  const nothing = total.entries === 0;
  const chartCard = (title: string, chart: React.ReactNode, extra?: React.ReactNode) => (
    <Card variant="borderless" title={title} extra={extra} styles={{ body: { paddingTop: 12 } }} style={{ height: '100%' }}>
      {chart}
    </Card>
  );
  const noneYet = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ padding: '48px 0' }} />;
  const published = rows.filter((r) => r.published > 0);
  const qualityBody = (chart: React.ReactNode) =>
    quality.error ? (
      <ErrorAlert error={quality.error} title="质量统计加载失败" onRetry={quality.reload} />
    ) : (quality.data?.items.length ?? 0) > 0 ? chart : quality.data ? noneYet('尚无已发布目录') : <Skeleton active />;
  const mountedChart = chartCard(
    '各部门数据挂接率',
    published.length > 0 ? <Chart option={mountedOption} height={barsHeight(published.length)} ariaLabel="各部门已发布目录的数据挂接率" /> : noneYet('尚无已发布目录'),
  );
  const qualityChart = chartCard(
    '各部门元数据质量平均分',
    qualityBody(<Chart option={qualityOption} height={barsHeight(quality.data?.items.length ?? 0)} ariaLabel="各部门已发布目录的元数据质量平均分" />),
  );
  const dimensionChart = chartCard(
    '元数据质量各维度（已发布目录平均得分率）',
    qualityBody(<Chart option={dimensionOption} height={240} ariaLabel="本部门已发布目录元数据质量各维度平均得分率" />),
  );

  return (
    <>
      {header}
      <div className="catalog-kpis">
        {kpis.map((k) => (
          <div key={k.label} className="catalog-kpi">
            <div className="catalog-kpi-label">{k.label}</div>
            <div className="catalog-kpi-value">
              {k.value}
              {k.unit ? <span className="catalog-kpi-unit">{k.unit}</span> : null}
            </div>
            {k.hint ? <div className="catalog-kpi-hint">{k.hint}</div> : null}
          </div>
        ))}
      </div>

      {nothing ? (
        <Card variant="borderless">
          <Empty description={cityWide ? '全市尚未编制政务数据目录，各部门编目后在此统计' : '本部门尚未编制政务数据目录'} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={16}>
              {chartCard(
                cityWide ? '各部门目录数（按状态）' : '目录数（按状态）',
                <Chart option={entriesOption} height={barsHeight(rows.length)} ariaLabel="各部门目录数按状态分组" />,
              )}
            </Col>
            <Col xs={24} xl={8}>
              {chartCard(
                '共享类型构成（已发布）',
                total.published > 0 ? <Chart option={shareOption} height={300} ariaLabel="已发布目录的共享类型构成" /> : noneYet('尚无已发布目录'),
              )}
            </Col>
            {cityWide ? (
              <>
                <Col xs={24} xl={12}>{mountedChart}</Col>
                <Col xs={24} xl={12}>{qualityChart}</Col>
              </>
            ) : (
              <Col xs={24}>{dimensionChart}</Col>
            )}
          </Row>

          <Card variant="borderless" title={cityWide ? '分部门统计' : '本部门统计'} extra={<Typography.Text type="secondary">{rows.length} 个部门</Typography.Text>}>
            <Table<Row>
              rowKey="departmentId"
              size="middle"
              columns={columns}
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              summary={() =>
                cityWide && data.city ? (
                  <Table.Summary fixed>
                    <Table.Summary.Row style={{ background: '#fafbfc', fontWeight: 600 }}>
                      <Table.Summary.Cell index={0}>全市合计</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{formatCount(data.city.entries)}</Table.Summary.Cell>
                      {STATUS_GROUPS.map((g, i) => (
                        <Table.Summary.Cell key={g.key} index={2 + i} align="right">{formatCount(sumStatuses(data.city as Stats, g.statuses))}</Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={6} align="right">{formatCount(data.city.dataItems)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={7} align="right">{data.city.published > 0 ? percent(data.city.mountedRatio) : EMPTY}</Table.Summary.Cell>
                      <Table.Summary.Cell index={8} align="right">{formatCount(data.city.overdue)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={9} align="right">{score(data.city.qualityAverage)}</Table.Summary.Cell>
                    </Table.Summary.Row>
                  </Table.Summary>
                ) : null
              }
            />
            <Flex justify="flex-end" style={{ marginTop: 8 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                “已发布”含变更审核中、撤销审核中的目录；质量均分为已发布目录的平均分，鼠标停留可见各维度得分，导出的 CSV 含各维度。
              </Typography.Text>
            </Flex>
          </Card>
        </>
      )}
    </>
  );
}
