import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Radio, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, IssuesCloseOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { apiUrl } from '../../ui/api';
import { Chart } from '../../ui/Chart';
import { DataTable, type ListFetcher } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { api } from '../../ui/api';
import { REGISTRY_NAMES, type Comparison, type ComparisonPair, type Disagreement, type RegistryKind } from './types';

const pairKey = (p: ComparisonPair) => `${p.item}|${p.entryA}|${p.entryB}`;

/** 多源比对: disagreements per data item and pair of sources, per department pair, with live samples and export. */
export function ComparisonPage() {
  const [params, setParams] = useSearchParams();
  const registry = (params.get('registry') === 'entity' ? 'entity' : 'person') as RegistryKind;
  const report = useApiQuery<Comparison>(`/registry/registries/${registry}/comparisons`);
  const [selected, setSelected] = useState<ComparisonPair | null>(null);
  const pairs = report.data?.pairs ?? [];
  const byItem = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of pairs) m.set(p.itemName, (m.get(p.itemName) ?? 0) + p.disagreed);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  }, [pairs]);
  const deptPairs = report.data?.departmentPairs ?? [];
  return (
    <>
      <PageHeader
        title="多源比对"
        subtitle="同一主体、同一数据项在不同部门数据源中的值不一致的情况（比对前去除空白、忽略大小写）；计数来自最近一次基础库构建，明细为实时数据"
        extra={<Radio.Group value={registry} onChange={(e) => { setSelected(null); setParams({ registry: e.target.value }); }} options={[{ value: 'person', label: '人口库' }, { value: 'entity', label: '法人库' }]} optionType="button" />}
      />
      {report.error ? <ErrorAlert error={report.error} /> : null}
      <Typography.Paragraph type="secondary">{REGISTRY_NAMES[registry]}{report.data?.builtAt ? ` · 构建于 ${formatDateTime(report.data.builtAt)}` : ' · 尚未构建'}</Typography.Paragraph>
      <Flex gap={16} wrap>
        <Card title="各数据项不一致数" style={{ flex: '1 1 420px' }}>
          {byItem.length ? <Chart height={280} ariaLabel="各数据项不一致数" option={{
            tooltip: {}, grid: { left: 100, right: 20, top: 10, bottom: 30 },
            xAxis: { type: 'value' }, yAxis: { type: 'category', data: byItem.map((x) => x[0]).reverse() },
            series: [{ type: 'bar', data: byItem.map((x) => x[1]).reverse(), itemStyle: { color: '#cf1322' } }],
          } as never} /> : <Empty description="暂无比对结果" />}
        </Card>
        <Card title="各部门对不一致数" style={{ flex: '1 1 420px' }}>
          {deptPairs.length ? <Chart height={280} ariaLabel="各部门对不一致数" option={{
            tooltip: {}, grid: { left: 180, right: 20, top: 10, bottom: 30 },
            xAxis: { type: 'value' }, yAxis: { type: 'category', data: deptPairs.map((d) => `${d.departmentAName} — ${d.departmentBName}`).reverse() },
            series: [{ type: 'bar', data: deptPairs.map((d) => d.disagreed).reverse(), itemStyle: { color: '#d46b08' } }],
          } as never} /> : <Empty description="暂无比对结果" />}
        </Card>
      </Flex>
      <Card title="数据项 × 数据源对" style={{ marginTop: 16 }}>
        <Table
          size="small" rowKey={pairKey} dataSource={pairs} pagination={{ pageSize: 20 }}
          rowClassName={(p) => (selected && pairKey(selected) === pairKey(p) ? 'ant-table-row-selected' : '')}
          onRow={(p) => ({ onClick: () => setSelected(p), style: { cursor: 'pointer' } })}
          columns={[
            { title: '数据项', dataIndex: 'itemName', width: 140 },
            { title: '数据源 A', key: 'a', render: (_: unknown, p) => <Space size={4}><Tag color={p.authoritative === 'a' ? 'gold' : 'blue'}>{p.departmentAName}</Tag>{p.entryAName}</Space> },
            { title: '数据源 B', key: 'b', render: (_: unknown, p) => <Space size={4}><Tag color={p.authoritative === 'b' ? 'gold' : 'blue'}>{p.departmentBName}</Tag>{p.entryBName}</Space> },
            { title: '共同主体', dataIndex: 'compared', width: 110, align: 'right', render: (v: number) => formatCount(v) },
            { title: '不一致', dataIndex: 'disagreed', width: 100, align: 'right', render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{formatCount(v)}</Typography.Text> },
            { title: '不一致率', key: 'rate', width: 100, align: 'right', render: (_: unknown, p) => (p.compared ? `${((100 * p.disagreed) / p.compared).toFixed(1)}%` : '—') },
          ]}
        />
        <Typography.Text type="secondary">金色标签为该数据项的权威来源（一数一源）。点击一行查看不一致的记录。</Typography.Text>
      </Card>
      {selected ? <Samples registry={registry} pair={selected} /> : null}
    </>
  );
}

function Samples({ registry, pair }: { registry: RegistryKind; pair: ComparisonPair }) {
  const q = { item: pair.item, entryA: pair.entryA, entryB: pair.entryB };
  const fetch: ListFetcher<Disagreement> = (query, signal) => api.get(`/registry/registries/${registry}/comparisons/samples`, { ...query, ...q }, signal);
  const nonAuthoritative = pair.authoritative === 'a' ? pair.departmentBName : pair.authoritative === 'b' ? pair.departmentAName : null;
  return (
    <Card
      style={{ marginTop: 16 }}
      title={`不一致记录：${pair.itemName}（${pair.departmentAName} vs ${pair.departmentBName}）`}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} href={apiUrl(`/registry/registries/${registry}/comparisons/export`, { ...q, format: 'xlsx' })}>导出 Excel</Button>
          <Button icon={<DownloadOutlined />} href={apiUrl(`/registry/registries/${registry}/comparisons/export`, { ...q, format: 'csv' })}>导出 CSV</Button>
          <Link to="/quality/rules"><Button icon={<IssuesCloseOutlined />}>转为质量问题{nonAuthoritative ? `（${nonAuthoritative}）` : ''}</Button></Link>
        </Space>
      }
    >
      <DataTable<Disagreement>
        key={pairKey(pair)}
        fetch={fetch}
        rowKey="key"
        search={false}
        size="small"
        columns={[
          { title: registry === 'person' ? '公民身份号码' : '统一社会信用代码', dataIndex: 'key', width: 200 },
          { title: `${pair.departmentAName}·${pair.entryAName}`, dataIndex: 'valueA' },
          { title: `${pair.departmentBName}·${pair.entryBName}`, dataIndex: 'valueB' },
          { title: 'A 更新时间', dataIndex: 'updatedAtA', width: 170, render: (v: string) => formatDateTime(v) },
          { title: 'B 更新时间', dataIndex: 'updatedAtB', width: 170, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
