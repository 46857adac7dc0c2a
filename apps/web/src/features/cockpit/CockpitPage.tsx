import { getDivision } from '@shuzheng/standards';
import { useEffect, useMemo } from 'react';
import { Button, Empty, Skeleton } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { EMPTY, formatCount, formatDateTime } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';

interface CockpitSummary {
  departments?: number;
  users?: number;
  people?: number;
  enterprises?: number;
  auditEvents?: number;
  departmentsByDivision?: { divisionCode: string; divisionName: string; count: number }[];
  usersByRole?: { role: string; roleName: string; count: number }[];
  generatedAt?: string;
}

const REFRESH_MS = 5 * 60 * 1000;

const STATS: { key: keyof CockpitSummary; label: string; unit: string }[] = [
  { key: 'departments', label: '政务部门', unit: '个' },
  { key: 'users', label: '平台用户', unit: '个' },
  { key: 'people', label: '登记自然人', unit: '人' },
  { key: 'enterprises', label: '登记法人', unit: '户' },
  { key: 'auditEvents', label: '审计记录', unit: '条' },
];

const AXIS_TEXT = 'rgba(255,255,255,0.65)';
const SPLIT_LINE = 'rgba(255,255,255,0.08)';

/** 领导驾驶舱: live figures from GET /cockpit/summary only; a missing figure shows '—', never a guess. */
export function CockpitPage() {
  const summary = useApiQuery<CockpitSummary>('/cockpit/summary');
  const { reload } = summary;
  const data = summary.data;

  useEffect(() => {
    const id = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(id);
  }, [reload]);

  const divisionOption = useMemo<ChartOption | null>(() => {
    const rows = [...(data?.departmentsByDivision ?? [])].sort((a, b) => b.count - a.count);
    if (rows.length === 0) return null;
    return {
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 16, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        // Full names (广东省汕尾市海丰县…) do not fit under a bar: show the last level, the full name in the tooltip.
        data: rows.map((r) => getDivision(r.divisionCode)?.name ?? r.divisionName),
        axisLabel: { color: AXIS_TEXT, interval: 0, rotate: rows.length > 6 ? 30 : 0 },
        axisLine: { lineStyle: { color: 'rgba(255,255,255,0.2)' } },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: AXIS_TEXT }, splitLine: { lineStyle: { color: SPLIT_LINE } } },
      series: [
        {
          type: 'bar',
          name: '部门数',
          data: rows.map((r) => r.count),
          barMaxWidth: 36,
          itemStyle: { color: '#4096ff', borderRadius: [3, 3, 0, 0] },
          label: { show: true, position: 'top', color: '#cfe3ff' },
        },
      ],
    };
  }, [data?.departmentsByDivision]);

  const roleOption = useMemo<ChartOption | null>(() => {
    const rows = [...(data?.usersByRole ?? [])].sort((a, b) => a.count - b.count);
    if (rows.length === 0) return null;
    return {
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 16, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: AXIS_TEXT }, splitLine: { lineStyle: { color: SPLIT_LINE } } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.roleName || r.role),
        axisLabel: { color: AXIS_TEXT },
        axisLine: { lineStyle: { color: 'rgba(255,255,255,0.2)' } },
      },
      series: [
        {
          type: 'bar',
          name: '用户数',
          data: rows.map((r) => r.count),
          barMaxWidth: 18,
          itemStyle: { color: '#36cfc9', borderRadius: [0, 3, 3, 0] },
          label: { show: true, position: 'right', color: '#cfe3ff' },
        },
      ],
    };
  }, [data?.usersByRole]);

  const roleRows = data?.usersByRole?.length ?? 0;

  return (
    <div className="cockpit">
      <div className="cockpit-title">
        <h2>数政 · 领导驾驶舱</h2>
        <span className="cockpit-meta">
          {data?.generatedAt ? `数据生成时间：${formatDateTime(data.generatedAt)}` : summary.loading ? '正在获取最新数据…' : null}
          <Button
            type="text"
            size="small"
            icon={<ReloadOutlined />}
            onClick={reload}
            loading={summary.loading}
            style={{ color: 'rgba(255,255,255,0.65)', marginInlineStart: 8 }}
          >
            刷新
          </Button>
        </span>
      </div>

      {summary.error ? (
        <ErrorAlert error={summary.error} title="驾驶舱数据获取失败，以下数字暂不可用" onRetry={reload} style={{ marginBottom: 16 }} />
      ) : null}

      <div className="cockpit-stats">
        {STATS.map((s) => {
          const raw = data?.[s.key];
          const value = typeof raw === 'number' ? formatCount(raw) : EMPTY;
          return (
            <div key={s.key} className="cockpit-panel">
              <div className="cockpit-stat-label">{s.label}</div>
              <div className="cockpit-stat-value">
                {summary.loading && !data ? <Skeleton.Input active size="small" /> : value}
                {value !== EMPTY && !(summary.loading && !data) ? <span className="cockpit-stat-unit">{s.unit}</span> : null}
              </div>
            </div>
          );
        })}
      </div>

      <div className="cockpit-charts">
        <section className="cockpit-panel" aria-labelledby="chart-division">
          <h3 id="chart-division" className="cockpit-panel-title">各行政区划部门数</h3>
          {divisionOption ? (
            <Chart option={divisionOption} theme="dark" height={340} ariaLabel="各行政区划部门数柱状图" />
          ) : (
            <ChartEmpty loading={summary.loading && !data} />
          )}
        </section>
        <section className="cockpit-panel" aria-labelledby="chart-role">
          <h3 id="chart-role" className="cockpit-panel-title">各角色用户数</h3>
          {roleOption ? (
            <Chart option={roleOption} theme="dark" height={Math.max(340, roleRows * 28)} ariaLabel="各角色用户数条形图" />
          ) : (
            <ChartEmpty loading={summary.loading && !data} />
          )}
        </section>
      </div>
    </div>
  );
}

function ChartEmpty({ loading }: { loading: boolean }) {
  return (
    <div style={{ height: 340, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      {loading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ color: 'rgba(255,255,255,0.55)' }}>暂无数据</span>} />
      )}
    </div>
  );
}
