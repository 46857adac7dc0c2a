import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Skeleton, Table, Tabs, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import type { Page } from '../../ui/api';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { EMPTY, formatCount, formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { saveFile, toCsv, type CsvColumn } from '../../ui/save-file';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import type { Grant } from '../sharing/types';
import type { StatsGroupBy, StatsResponse, StatsRow } from './types';
import './gateway.css';

const DAY = 'YYYY-MM-DD';
const MAX_DAYS = 366;
const TOP = 10;
const COLOR_OK = '#1f5fc6';
const COLOR_ERR = '#f5222d';

/** Calls, errors and call-weighted latency of a set of stats rows. */
interface Agg {
  calls: number;
  errors: number;
  weight: number;
  p50: number;
  p95: number;
  p99: number;
  lastDay: string | null;
}

const emptyAgg = (): Agg => ({ calls: 0, errors: 0, weight: 0, p50: 0, p95: 0, p99: 0, lastDay: null });

function add(a: Agg, r: StatsRow) {
  a.calls += r.calls;
  a.errors += r.errors;
  if (r.p50Ms !== null && r.p95Ms !== null && r.p99Ms !== null) {
    a.weight += r.calls;
    a.p50 += r.p50Ms * r.calls;
    a.p95 += r.p95Ms * r.calls;
    a.p99 += r.p99Ms * r.calls;
  }
  if (r.calls > 0 && (!a.lastDay || r.day > a.lastDay)) a.lastDay = r.day;
}

/** Percentiles of several groups, weighted by their calls: an approximation (the API gives per-group percentiles). */
const latency = (a: Agg, p: 'p50' | 'p95' | 'p99') => (a.weight > 0 ? Math.round((a[p] / a.weight) * 10) / 10 : null);
const ms = (v: number | null) => (v === null ? EMPTY : `${v} ms`);
const rate = (a: Agg) => (a.calls > 0 ? `${Math.round((a.errors / a.calls) * 1000) / 10}%` : EMPTY);

function groupRows(rows: StatsRow[] | undefined) {
  const by = new Map<string, Agg & { key: string | null; label: string | null }>();
  for (const r of rows ?? []) {
    const k = r.key ?? '';
    let a = by.get(k);
    if (!a) {
      a = { ...emptyAgg(), key: r.key, label: r.label };
      by.set(k, a);
    }
    add(a, r);
  }
  return [...by.values()].sort((x, y) => y.calls - x.calls);
}

type Grouped = ReturnType<typeof groupRows>[number] & { name: string };

/** 交换统计: the exchange dashboard (GET /gateway/stats by consumer, provider, entry and grant). */
export function StatsPage() {
  const { user } = useAuth();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const q = (groupBy: StatsGroupBy) => ({ from: range[0].format(DAY), to: range[1].format(DAY), groupBy });
  const byConsumer = useApiQuery<StatsResponse>('/gateway/stats', q('consumer'));
  const byProvider = useApiQuery<StatsResponse>('/gateway/stats', q('provider'));
  const byEntry = useApiQuery<StatsResponse>('/gateway/stats', q('entry'));
  const byGrant = useApiQuery<StatsResponse>('/gateway/stats', q('grant'));
  const byFault = useApiQuery<StatsResponse>('/gateway/stats', q('fault'));
  // Names of entries, departments and purposes come from the grants (the stats API labels departments only).
  const grants = useApiQuery<Page<Grant>>('/sharing/grants', { role: 'all', page: 1, pageSize: 100 });
  const queries = [byConsumer, byProvider, byEntry, byGrant, byFault];
  const reload = () => {
    queries.forEach((x) => x.reload());
    grants.reload();
  };
  const error = queries.find((x) => x.error)?.error ?? null;
  const loading = queries.some((x) => x.loading);
  const cityWide = byEntry.data?.scope === 'all';

  const grantById = useMemo(() => new Map((grants.data?.items ?? []).map((g) => [g.id, g])), [grants.data]);
  const entryName = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of grants.data?.items ?? []) m.set(g.entryId, g.entryName);
    return m;
  }, [grants.data]);

  const days = useMemo(() => {
    const out: string[] = [];
    for (let d = range[0].startOf('day'); !d.isAfter(range[1], 'day'); d = d.add(1, 'day')) out.push(d.format(DAY));
    return out;
  }, [range]);

  const daily = useMemo(() => {
    const m = new Map(days.map((d) => [d, emptyAgg()]));
    for (const r of byEntry.data?.items ?? []) {
      const a = m.get(r.day);
      if (a) add(a, r);
    }
    return days.map((day) => ({ day, ...m.get(day)! }));
  }, [byEntry.data, days]);

  const total = useMemo(() => {
    const a = emptyAgg();
    for (const r of byEntry.data?.items ?? []) add(a, r);
    return a;
  }, [byEntry.data]);

  const deptName = (g: { key: string | null; label: string | null }) => g.label ?? (g.key ? `部门 ${g.key.slice(0, 8)}` : '（未识别调用方）');
  const consumers: Grouped[] = useMemo(() => groupRows(byConsumer.data?.items).map((g) => ({ ...g, name: deptName(g) })), [byConsumer.data]);
  const providers: Grouped[] = useMemo(
    () => groupRows(byProvider.data?.items).map((g) => ({ ...g, name: g.key ? deptName(g) : '（未到达目录）' })),
    [byProvider.data],
  );
  const entries: Grouped[] = useMemo(
    () => groupRows(byEntry.data?.items).map((g) => ({ ...g, name: g.key ? (entryName.get(g.key) ?? `目录 ${g.key.slice(0, 8)}`) : '（未到达目录）' })),
    [byEntry.data, entryName],
  );

  // Per grant: who uses which data, why, how much.
  const [side, setSide] = useState<'provider' | 'consumer'>('provider');
  const grantRows = useMemo(() => {
    return groupRows(byGrant.data?.items)
      .filter((g) => g.key !== null)
      .map((g) => ({ ...g, grant: grantById.get(g.key!) }))
      .filter((g) => cityWide || !g.grant || (side === 'provider' ? g.grant.providerDepartmentId : g.grant.consumerDepartmentId) === user?.departmentId);
  }, [byGrant.data, grantById, cityWide, side, user]);

  const dailyOption = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: daily.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '成功', type: 'bar', stack: 'calls', color: COLOR_OK, barMaxWidth: 24, data: daily.map((d) => d.calls - d.errors) },
      { name: '失败', type: 'bar', stack: 'calls', color: COLOR_ERR, barMaxWidth: 24, data: daily.map((d) => d.errors) },
    ],
  }), [daily]);

  const latencyOption = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined || v === '-' ? EMPTY : `${String(v)} ms`) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: daily.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', name: 'ms' },
    series: (['p50', 'p95', 'p99'] as const).map((p, i) => ({
      name: p.toUpperCase(),
      type: 'line' as const,
      connectNulls: true,
      color: ['#52c41a', '#faad14', '#f5222d'][i],
      data: daily.map((d) => latency(d, p)),
    })),
  }), [daily]);

  const barOption = (rows: Grouped[], stacked: boolean): ChartOption => {
    const top = rows.slice(0, TOP).reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: stacked ? { top: 0 } : undefined,
      grid: { left: 8, right: 24, top: stacked ? 32 : 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: top.map((r) => (r.name.length > 14 ? `${r.name.slice(0, 14)}…` : r.name)) },
      series: stacked
        ? [
            { name: '成功', type: 'bar', stack: 'c', color: COLOR_OK, barMaxWidth: 24, data: top.map((r) => r.calls - r.errors) },
            { name: '失败', type: 'bar', stack: 'c', color: COLOR_ERR, barMaxWidth: 24, data: top.map((r) => r.errors) },
          ]
        : [{ name: '失败调用', type: 'bar', color: COLOR_ERR, barMaxWidth: 24, data: top.map((r) => r.errors) }],
    };
  };
  const barsHeight = (n: number) => Math.max(220, Math.min(n, TOP) * 30 + 60);
  const failing = consumers.filter((c) => c.errors > 0).sort((a, b) => b.errors - a.errors);
  // Why calls failed: the fault codes of the call log, named by the server (served calls have none).
  const faults: Grouped[] = useMemo(() => groupRows(byFault.data?.items).filter((g) => g.key !== null).map((g) => ({ ...g, name: g.label ?? g.key! })).sort((a, b) => b.errors - a.errors), [byFault.data]);

  // ── tables ────────────────────────────────────────────────────────────────
  const [tab, setTab] = useState<'day' | 'consumer' | 'provider' | 'entry'>('day');
  const numberColumns = <T extends Agg>(): TableColumnsType<T> => [
    { title: '调用次数', key: 'calls', align: 'right', render: (_: unknown, r) => formatCount(r.calls), sorter: (a, b) => a.calls - b.calls },
    { title: '成功', key: 'ok', align: 'right', render: (_: unknown, r) => formatCount(r.calls - r.errors) },
    { title: '失败', key: 'errors', align: 'right', render: (_: unknown, r) => <span style={{ color: r.errors ? COLOR_ERR : undefined }}>{formatCount(r.errors)}</span>, sorter: (a, b) => a.errors - b.errors },
    { title: '失败率', key: 'rate', align: 'right', render: (_: unknown, r) => rate(r) },
    { title: 'P50', key: 'p50', align: 'right', render: (_: unknown, r) => ms(latency(r, 'p50')) },
    { title: 'P95', key: 'p95', align: 'right', render: (_: unknown, r) => ms(latency(r, 'p95')) },
    { title: 'P99', key: 'p99', align: 'right', render: (_: unknown, r) => ms(latency(r, 'p99')) },
  ];
  const numberCsv = <T extends Agg>(): CsvColumn<T>[] => [
    { title: '调用次数', value: (r) => r.calls },
    { title: '成功', value: (r) => r.calls - r.errors },
    { title: '失败', value: (r) => r.errors },
    { title: 'P50(ms)', value: (r) => latency(r, 'p50') },
    { title: 'P95(ms)', value: (r) => latency(r, 'p95') },
    { title: 'P99(ms)', value: (r) => latency(r, 'p99') },
  ];
  const tabName = { day: '按日', consumer: '按调用部门', provider: '按提供部门', entry: '按目录' } as const;
  const groupedTable = (rows: Grouped[], title: string) => (
    <Table<Grouped>
      rowKey={(r) => r.key ?? '-'}
      size="small"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      columns={[{ title, dataIndex: 'name' }, ...numberColumns<Grouped>(), { title: '最近调用日', dataIndex: 'lastDay', render: (v: string | null) => formatDate(v) }]}
    />
  );
  const exportTab = () => {
    const stamp = `${range[0].format('YYYYMMDD')}-${range[1].format('YYYYMMDD')}`;
    const file = `交换统计-${tabName[tab]}-${stamp}.csv`;
    if (tab === 'day') {
      // Every day of the range, days without calls as 0, so that a spreadsheet can chart it directly.
      saveFile(toCsv(daily, [{ title: '日期', value: (r) => r.day }, ...numberCsv<(typeof daily)[number]>()]), file, 'text/csv;charset=utf-8');
      return;
    }
    const rows = tab === 'consumer' ? consumers : tab === 'provider' ? providers : entries;
    const head = tab === 'entry' ? '目录' : tab === 'consumer' ? '调用部门' : '提供部门';
    saveFile(toCsv(rows, [{ title: head, value: (r) => r.name }, ...numberCsv<Grouped>(), { title: '最近调用日', value: (r) => r.lastDay }]), file, 'text/csv;charset=utf-8');
  };

  type GrantRow = (typeof grantRows)[number];
  const grantColumns: TableColumnsType<GrantRow> = [
    { title: '使用部门', key: 'consumer', render: (_: unknown, r) => r.grant?.consumerDepartmentName ?? EMPTY },
    { title: '调用系统', key: 'system', render: (_: unknown, r) => r.grant?.consumerSystemName ?? EMPTY },
    {
      title: '目录',
      key: 'entry',
      render: (_: unknown, r) => r.grant ? <Link to={`/sharing/grants?grantId=${r.grant.id}`}>{r.grant.entryName}</Link> : <span className="gateway-muted gateway-mono">授权 {r.key?.slice(0, 8)}</span>,
    },
    ...(cityWide || side === 'consumer' ? [{ title: '提供部门', key: 'provider', render: (_: unknown, r: GrantRow) => r.grant?.providerDepartmentName ?? EMPTY }] : []),
    { title: '用途', key: 'purpose', render: (_: unknown, r) => <Typography.Text ellipsis={{ tooltip: r.grant?.purpose }} style={{ maxWidth: 260 }}>{r.grant?.purpose ?? EMPTY}</Typography.Text> },
    { title: '调用次数', key: 'calls', align: 'right', render: (_: unknown, r) => formatCount(r.calls), sorter: (a, b) => a.calls - b.calls, defaultSortOrder: 'descend' },
    { title: '失败', key: 'errors', align: 'right', render: (_: unknown, r) => formatCount(r.errors) },
    { title: '最近调用日', dataIndex: 'lastDay', render: (v: string | null) => formatDate(v) },
  ];
  const grantTitle = cityWide ? '各授权的调用情况' : side === 'provider' ? '谁在使用本部门数据' : '本部门使用的数据';
  const exportGrants = () => {
    const cols: CsvColumn<GrantRow>[] = [
      { title: '使用部门', value: (r) => r.grant?.consumerDepartmentName },
      { title: '调用系统', value: (r) => r.grant?.consumerSystemName },
      { title: '目录', value: (r) => r.grant?.entryName ?? r.key },
      { title: '目录代码', value: (r) => r.grant?.entryCode },
      { title: '提供部门', value: (r) => r.grant?.providerDepartmentName },
      { title: '用途', value: (r) => r.grant?.purpose },
      { title: '调用次数', value: (r) => r.calls },
      { title: '失败', value: (r) => r.errors },
      { title: '最近调用日', value: (r) => r.lastDay },
      { title: '授权ID', value: (r) => r.key },
    ];
    saveFile(toCsv(grantRows, cols), `${grantTitle}-${range[0].format('YYYYMMDD')}-${range[1].format('YYYYMMDD')}.csv`, 'text/csv;charset=utf-8');
  };

  const header = (
    <PageHeader
      title="交换统计"
      subtitle={cityWide || !byEntry.data ? '共享交换网关的调用量、失败、时延，以及谁在用哪些数据、为什么用' : `${user?.departmentName ?? '本部门'}调用和被调用的共享数据：调用量、失败、时延，以及谁在使用本部门数据`}
      extra={
        <>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(v) => {
              if (!v?.[0] || !v[1]) return;
              const from = v[1].diff(v[0], 'day') > MAX_DAYS ? v[1].subtract(MAX_DAYS, 'day') : v[0];
              setRange([from, v[1]]);
            }}
            presets={[
              { label: '近 7 天', value: [dayjs().subtract(6, 'day'), dayjs()] },
              { label: '近 30 天', value: [dayjs().subtract(29, 'day'), dayjs()] },
              { label: '近 90 天', value: [dayjs().subtract(89, 'day'), dayjs()] },
            ]}
            aria-label="统计期间"
            data-testid="stats-range"
          />
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} aria-label="刷新" />
          </Tooltip>
        </>
      }
    />
  );

  if (error) {
    return (
      <>
        {header}
        <ErrorAlert error={error} title="交换统计加载失败" onRetry={reload} />
      </>
    );
  }
  if (!byEntry.data) {
    return (
      <>
        {header}
        <Card variant="borderless"><Skeleton active paragraph={{ rows: 10 }} /></Card>
      </>
    );
  }

  const kpis: { label: string; value: React.ReactNode; unit?: string; hint?: string; testId?: string }[] = [
    { label: '调用总数', value: formatCount(total.calls), unit: '次', hint: `${formatDate(range[0].format(DAY))} 至 ${formatDate(range[1].format(DAY))}`, testId: 'stats-total-calls' },
    { label: '成功', value: formatCount(total.calls - total.errors), unit: '次', testId: 'stats-success-calls' },
    { label: '失败', value: <span style={{ color: total.errors ? '#cf1322' : undefined }}>{formatCount(total.errors)}</span>, unit: '次', hint: `失败率 ${rate(total)}`, testId: 'stats-error-calls' },
    { label: 'P95 时延', value: latency(total, 'p95') ?? EMPTY, unit: latency(total, 'p95') === null ? undefined : 'ms', hint: `P50 ${ms(latency(total, 'p50'))} · P99 ${ms(latency(total, 'p99'))}` },
    { label: '调用部门', value: formatCount(consumers.filter((c) => c.key).length), unit: '个', hint: `涉及目录 ${formatCount(entries.filter((e) => e.key).length)} 个` },
  ];

  const noneYet = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ padding: '40px 0' }} />;
  const chartCard = (title: string, body: React.ReactNode, extra?: React.ReactNode) => (
    <Card variant="borderless" title={title} extra={extra} styles={{ body: { paddingTop: 12 } }} style={{ height: '100%' }}>
      {body}
    </Card>
  );
  const nothing = total.calls === 0;

  return (
    <>
      {header}
      <div className="gateway-kpis">
        {kpis.map((k) => (
          <div key={k.label} className="gateway-kpi">
            <div className="gateway-kpi-label">{k.label}</div>
            <div className="gateway-kpi-value" data-testid={k.testId}>
              {k.value}
              {k.unit ? <span className="gateway-kpi-unit">{k.unit}</span> : null}
            </div>
            {k.hint ? <div className="gateway-kpi-hint">{k.hint}</div> : null}
          </div>
        ))}
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {chartCard('每日调用量', nothing ? noneYet('所选期间没有调用') : <Chart option={dailyOption} height={280} ariaLabel="每日调用量，成功与失败分别堆叠" />)}
        </Col>
        <Col xs={24} xl={10}>
          {chartCard(
            '时延分位数',
            nothing ? noneYet('所选期间没有调用') : <Chart option={latencyOption} height={280} ariaLabel="每日 P50、P95、P99 时延" />,
            <Tooltip title="服务端按日、按目录计算分位数；这里按调用量加权合并，为近似值">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>按调用量加权（近似）</Typography.Text>
            </Tooltip>,
          )}
        </Col>
        <Col xs={24} xl={8}>
          {chartCard(`调用部门 Top ${TOP}`, consumers.length ? <Chart option={barOption(consumers, true)} height={barsHeight(consumers.length)} ariaLabel="调用量最多的部门" /> : noneYet('暂无调用'))}
        </Col>
        <Col xs={24} xl={8}>
          {chartCard(`目录 Top ${TOP}`, entries.length ? <Chart option={barOption(entries, true)} height={barsHeight(entries.length)} ariaLabel="被调用最多的目录" /> : noneYet('暂无调用'))}
        </Col>
        <Col xs={24} xl={8}>
          {chartCard(
            '失败调用（按调用部门）',
            failing.length ? <Chart option={barOption(failing, false)} height={barsHeight(failing.length)} ariaLabel="各调用部门的失败调用次数" /> : noneYet('所选期间没有失败的调用'),
          )}
        </Col>
        <Col xs={24} xl={8} data-testid="stats-faults">
          {chartCard('失败原因', faults.length ? <Chart option={barOption(faults, false)} height={barsHeight(faults.length)} ariaLabel="各失败原因的调用次数" /> : noneYet('所选期间没有失败的调用'))}
        </Col>
        <Col xs={24}>
          <Card
            variant="borderless"
            title={grantTitle}
            data-testid="stats-grant-usage"
            extra={
              <Flex gap={8} align="center" wrap>
                {!cityWide ? (
                  <Segmented
                    value={side}
                    onChange={(v) => setSide(v as 'provider' | 'consumer')}
                    options={[{ value: 'provider', label: '本部门提供的' }, { value: 'consumer', label: '本部门使用的' }]}
                  />
                ) : null}
                <Button icon={<DownloadOutlined />} onClick={exportGrants} disabled={grantRows.length === 0} data-testid="stats-grant-export">导出 CSV</Button>
              </Flex>
            }
          >
            {grants.error ? (
              <Typography.Paragraph type="secondary">共享授权读取失败，目录名称和用途暂不显示：{grants.error.message}</Typography.Paragraph>
            ) : null}
            <Table<GrantRow>
              rowKey={(r) => r.key ?? '-'}
              size="small"
              dataSource={grantRows}
              columns={grantColumns}
              pagination={grantRows.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: side === 'provider' && !cityWide ? '所选期间没有部门调用本部门的数据' : '所选期间没有按授权的调用' }}
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
              用途为共享申请中填写并经审核的用途；每次调用的办件编号和经办人记录在调用日志中。
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24}>
          <Card
            variant="borderless"
            title="统计明细"
            extra={<Button icon={<DownloadOutlined />} onClick={exportTab} disabled={nothing} data-testid="stats-export">导出 CSV</Button>}
          >
            <Tabs
              activeKey={tab}
              onChange={(k) => setTab(k as typeof tab)}
              items={[
                {
                  key: 'day',
                  label: tabName.day,
                  children: (
                    <Table
                      rowKey="day"
                      size="small"
                      dataSource={daily.filter((d) => d.calls > 0).reverse()}
                      pagination={{ pageSize: 31, hideOnSinglePage: true }}
                      locale={{ emptyText: '所选期间没有调用' }}
                      scroll={{ x: 'max-content' }}
                      columns={[{ title: '日期', dataIndex: 'day' }, ...numberColumns<(typeof daily)[number]>()]}
                    />
                  ),
                },
                { key: 'consumer', label: tabName.consumer, children: groupedTable(consumers, '调用部门') },
                { key: 'provider', label: tabName.provider, children: groupedTable(providers, '提供部门') },
                { key: 'entry', label: tabName.entry, children: groupedTable(entries, '目录') },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
