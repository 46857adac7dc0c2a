import { useMemo } from 'react';
import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { CatalogEntrySelect } from '../catalog/CatalogEntrySelect';

type Kind = 'system' | 'entry' | 'table' | 'api' | 'file' | 'source' | 'job' | 'registry' | 'consumer';
interface LineageNode { id: string; kind: Kind; label: string; detail: string | null; link: string | null }
interface LineageGraph { entryId: string; nodes: LineageNode[]; edges: { from: string; to: string; label: string }[] }

const KIND: Record<Kind, { label: string; color: string; layer: number }> = {
  source: { label: '归集来源', color: '#8c8c8c', layer: 0 },
  system: { label: '信息系统', color: '#722ed1', layer: 0 },
  job: { label: '归集任务', color: '#13c2c2', layer: 1 },
  entry: { label: '目录', color: '#1f5fc6', layer: 1 },
  table: { label: '库表', color: '#389e0d', layer: 2 },
  api: { label: '接口（逻辑接入）', color: '#d48806', layer: 2 },
  file: { label: '文件', color: '#d46b08', layer: 2 },
  registry: { label: '基础库', color: '#c41d7f', layer: 3 },
  consumer: { label: '共享使用方', color: '#cf1322', layer: 3 },
};
const KINDS = Object.keys(KIND) as Kind[];

/** 数据血缘: where an entry's data comes from and where it goes, drawn left to right (issue 4 §5). */
export function LineagePage() {
  const [params, setParams] = useSearchParams();
  const entryId = params.get('entryId');
  const { data, error, loading } = useApiQuery<LineageGraph>(entryId ? `/lineage/entries/${entryId}` : null);

  const option = useMemo<ChartOption | null>(() => {
    if (!data?.nodes.length) return null;
    const perLayer = new Map<number, number>();
    const nodes = data.nodes.map((n) => {
      const layer = KIND[n.kind].layer;
      const row = perLayer.get(layer) ?? 0;
      perLayer.set(layer, row + 1);
      return {
        id: n.id, name: n.label, x: layer * 300, y: row * 70, category: KINDS.indexOf(n.kind),
        symbolSize: n.kind === 'entry' ? 46 : 30, value: n.detail ?? '', label: { show: true, position: 'bottom' as const, width: 180, overflow: 'truncate' as const },
      };
    });
    return {
      tooltip: { formatter: (p: unknown) => {
        const d = (p as { dataType: string; data: { name?: string; value?: string; label?: string; source?: string; target?: string } }).data;
        return (p as { dataType: string }).dataType === 'edge' ? String(d.label ?? '') : `${d.name}${d.value ? `<br/>${d.value}` : ''}`;
      } },
      legend: { data: KINDS.filter((k) => data.nodes.some((n) => n.kind === k)).map((k) => KIND[k].label), bottom: 0 },
      series: [{
        type: 'graph', layout: 'none', roam: true, draggable: false, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 9,
        categories: KINDS.map((k) => ({ name: KIND[k].label, itemStyle: { color: KIND[k].color } })),
        data: nodes,
        links: data.edges.map((e) => ({ source: e.from, target: e.to, label: { show: true, formatter: e.label, fontSize: 11 }, lineStyle: { width: 1.5, curveness: 0.1 } })),
        lineStyle: { color: '#8c8c8c' },
      }],
    } as ChartOption;
  }, [data]);

  return (
    <>
      <PageHeader title="数据血缘" subtitle="目录数据从哪里来（信息系统、归集来源与任务）、落在哪里（库表、接口、文件）、到哪里去（基础库、共享使用方）；只显示您有权查看的部分" />
      <Card>
        <Flex gap={12} align="center" style={{ marginBottom: 16, maxWidth: 640 }}>
          <Typography.Text style={{ whiteSpace: 'nowrap' }}>目录</Typography.Text>
          <CatalogEntrySelect value={entryId} onChange={(id) => setParams(id ? { entryId: id } : {})} testId="lineage-entry" />
        </Flex>
        {error && <ErrorAlert error={error} />}
        {!entryId && <Empty description="选择一个目录查看其数据血缘；也可从目录详情页的“数据血缘”进入" />}
        {option && <Chart option={option} height={Math.max(360, Math.max(...KINDS.map((k) => data!.nodes.filter((n) => KIND[n.kind].layer === KIND[k].layer).length)) * 70 + 120)} ariaLabel="数据血缘图" />}
        {data && (
          <Table<LineageNode>
            size="small" rowKey="id" pagination={false} loading={loading} style={{ marginTop: 16 }} dataSource={data.nodes} data-testid="lineage-nodes"
            columns={[
              { title: '类型', dataIndex: 'kind', width: 140, render: (k: Kind) => <Tag color={KIND[k].color}>{KIND[k].label}</Tag> },
              { title: '名称', dataIndex: 'label', render: (v: string, n) => (n.link ? <Link to={n.link}>{v}</Link> : v) },
              { title: '说明', dataIndex: 'detail', render: (v: string | null) => v ?? '—' },
              { title: '上游', key: 'up', render: (_: unknown, n) => data.edges.filter((e) => e.to === n.id).map((e) => `${e.label}：${data.nodes.find((x) => x.id === e.from)?.label ?? ''}`).join('；') || '—' },
            ]}
          />
        )}
      </Card>
    </>
  );
}
