import { useMemo } from 'react';
import { Col, Flex, Progress, Row, Table, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { Chart, type ChartOption } from '../../ui/Chart';
import type { Quality, QualityIndicator } from './types';

export function qualityColor(score: number): string {
  if (score >= 85) return '#389e0d';
  if (score >= 60) return '#1f5fc6';
  return '#d4380d';
}

export function qualityGrade(score: number): string {
  if (score >= 85) return '优秀';
  if (score >= 70) return '良好';
  if (score >= 60) return '合格';
  return '待改进';
}

type QualityRow = QualityIndicator & { dimension: string; first: boolean; span: number };

/** The MQA-style metadata quality score: the total, a bar per dimension (share of its maximum) and every indicator. */
export function QualityPanel({ quality, note }: { quality: Quality; note?: React.ReactNode }) {
  const option = useMemo<ChartOption>(() => {
    const dims = [...quality.dimensions].reverse();
    return {
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const p = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
          const d = dims[p.dataIndex];
          return d ? `${d.label}：${d.score} / ${d.max} 分` : '';
        },
      },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: dims.map((d) => d.label), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barWidth: 16,
          data: dims.map((d) => {
            const pct = d.max > 0 ? Math.round((d.score / d.max) * 100) : 0;
            return { value: pct, itemStyle: { color: qualityColor(pct), borderRadius: [0, 3, 3, 0] } };
          }),
          label: {
            show: true,
            position: 'right',
            formatter: (p: unknown) => {
              const d = dims[(p as { dataIndex: number }).dataIndex];
              return d ? `${d.score}/${d.max}` : '';
            },
          },
          showBackground: true,
          backgroundStyle: { color: '#f5f7fa' },
        },
      ],
    };
  }, [quality]);

  const rows: QualityRow[] = quality.dimensions.flatMap((d) => d.indicators.map((i, idx) => ({ ...i, dimension: d.label, first: idx === 0, span: d.indicators.length })));

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={9}>
        <Flex vertical align="center" gap={8} style={{ paddingTop: 8 }}>
          <Progress
            type="dashboard"
            percent={quality.score}
            size={160}
            strokeColor={qualityColor(quality.score)}
            format={(p) => (
              <span>
                <span style={{ fontSize: 32, fontWeight: 600 }}>{p}</span>
                <span style={{ display: 'block', fontSize: 13, color: 'rgba(0,0,0,0.5)', marginTop: 4 }}>{qualityGrade(quality.score)}</span>
              </span>
            )}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            元数据质量评分（满分 100），参照欧盟 MQA 方法按可发现性、可访问性、互操作性、可重用性、情境性评价
          </Typography.Text>
          {note}
        </Flex>
        <Chart option={option} height={220} ariaLabel="元数据质量各维度得分率" />
      </Col>
      <Col xs={24} lg={15}>
        <Table<QualityRow>
          size="small"
          pagination={false}
          rowKey={(r) => `${r.dimension}-${r.key}`}
          dataSource={rows}
          columns={[
            { title: '维度', dataIndex: 'dimension', width: 110, onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }) },
            { title: '评价指标', dataIndex: 'label' },
            {
              title: '得分',
              key: 'score',
              width: 110,
              align: 'right',
              render: (_: unknown, r) => (
                <Flex gap={6} justify="flex-end" align="center">
                  {r.score >= r.max ? (
                    <CheckCircleFilled style={{ color: '#52c41a' }} />
                  ) : r.score > 0 ? (
                    <MinusCircleFilled style={{ color: '#faad14' }} />
                  ) : (
                    <CloseCircleFilled style={{ color: '#ff4d4f' }} />
                  )}
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>{r.score} / {r.max}</span>
                </Flex>
              ),
            },
          ]}
        />
      </Col>
    </Row>
  );
}
