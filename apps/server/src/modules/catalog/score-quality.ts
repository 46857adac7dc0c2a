import { FORMAT_TYPES, SUBCATEGORIES, type Category, type FormatClass } from './catalog.enums.ts';
import type { EntryContent } from './entry-model.ts';

// Metadata quality per entry, after the EU Metadata Quality Assessment (MQA) method: dimensions of indicators, each
// worth a fixed number of points, adapted to the fields of the Chinese catalog. Weights are documented in
// docs/catalog-api.md §9 and served by GET /meta.

export interface Quality {
  score: number;
  dimensions: { key: string; label: string; score: number; max: number; indicators: { key: string; label: string; score: number; max: number }[] }[];
}

type Indicator = { key: string; label: string; max: number; measure: (c: EntryContent, ctx: QualityContext) => number /* 0..1 */ };
export interface QualityContext {
  mounted: boolean;
  published: boolean;
}

const has = (v: string | null | undefined) => !!v && v.trim().length > 0;
const needsLength = (t: string | null) => t === 'string' || t === 'decimal';

export const QUALITY_MODEL: { key: string; label: string; indicators: Indicator[] }[] = [
  {
    key: 'findability', label: '可发现性', indicators: [
      { key: 'keywords', label: '关键字不少于 3 个（1–2 个得一半）', max: 10, measure: (c) => (c.keywords.length >= 3 ? 1 : c.keywords.length > 0 ? 0.5 : 0) },
      { key: 'classification', label: '资源属性分类与项有效', max: 5, measure: (c) => (SUBCATEGORIES[c.category as Category]?.some(([v]) => v === c.subcategory) ? 1 : 0) },
      { key: 'summary', label: '摘要不少于 30 字（不足得一半）', max: 10, measure: (c) => ([...c.summary].length >= 30 ? 1 : c.summary.length > 0 ? 0.5 : 0) },
    ],
  },
  {
    key: 'accessibility', label: '可访问性', indicators: [
      { key: 'mounted', label: '已挂接库表、接口或文件', max: 15, measure: (_c, ctx) => (ctx.mounted ? 1 : 0) },
      {
        key: 'shareMethod', label: '填写了共享方式', max: 5,
        measure: (c) => ((c.shareMethod === 'platform' && c.shareChannels.length > 0) || (c.shareMethod === 'other' && has(c.shareOtherMethod)) ? 1 : 0),
      },
    ],
  },
  {
    key: 'interoperability', label: '互操作性', indicators: [
      {
        key: 'format', label: '格式分类与格式类型匹配', max: 10,
        measure: (c) => {
          if (!c.formatClass || !has(c.formatType)) return 0;
          const types = FORMAT_TYPES[c.formatClass as FormatClass];
          return types && (types.length === 0 || types.includes(c.formatType!)) ? 1 : 0;
        },
      },
      {
        key: 'itemTypes', label: '信息项有数据类型（字符型、数值型有长度）的比例', max: 5,
        measure: (c) => (c.items.length === 0 ? 0 : c.items.filter((i) => i.dataType && (!needsLength(i.dataType) || i.length)).length / c.items.length),
      },
      { key: 'codeTables', label: '至少一个信息项引用代码表', max: 5, measure: (c) => (c.items.some((i) => has(i.codeTable)) ? 1 : 0) },
    ],
  },
  {
    key: 'reusability', label: '可重用性', indicators: [
      { key: 'openType', label: '填写了开放类型', max: 5, measure: (c) => (c.openType ? 1 : 0) },
      {
        key: 'conditions', label: '共享/开放条件与不予共享依据齐全', max: 5,
        measure: (c) => {
          if (!c.shareType || !c.openType) return 0;
          if (c.shareType === 'conditional' && !has(c.shareCondition)) return 0;
          if (c.shareType === 'none' && (!c.noShareBasisType || !has(c.noShareBasisText))) return 0;
          if (c.openType === 'conditional' && !has(c.openCondition)) return 0;
          return 1;
        },
      },
      { key: 'contact', label: '有联系人和联系电话', max: 5, measure: (c) => (has(c.contactName) && has(c.contactPhone) ? 1 : 0) },
      { key: 'duty', label: '写明对应的三定职责', max: 5, measure: (c) => (has(c.dutyText) ? 1 : 0) },
    ],
  },
  {
    key: 'contextuality', label: '情境性', indicators: [
      { key: 'updateFrequency', label: '填写了更新周期', max: 5, measure: (c) => (c.updateFrequency ? 1 : 0) },
      { key: 'publishedOn', label: '已发布（有发布日期）', max: 5, measure: (_c, ctx) => (ctx.published ? 1 : 0) },
      { key: 'counts', label: '填写了数据量或存储量', max: 5, measure: (c) => (c.recordCount != null || c.storageMb != null ? 1 : 0) },
    ],
  },
];

const round1 = (n: number) => Math.round(n * 10) / 10;

export function scoreQuality(content: EntryContent, ctx: QualityContext): Quality {
  const dimensions = QUALITY_MODEL.map((d) => {
    const indicators = d.indicators.map((i) => ({ key: i.key, label: i.label, max: i.max, score: round1(i.max * Math.max(0, Math.min(1, i.measure(content, ctx)))) }));
    return { key: d.key, label: d.label, max: indicators.reduce((s, i) => s + i.max, 0), score: round1(indicators.reduce((s, i) => s + i.score, 0)), indicators };
  });
  return { score: Math.round(dimensions.reduce((s, d) => s + d.score, 0)), dimensions };
}

/** Dimension scores by key, as the search projection stores them for department averages. */
export const dimensionScores = (q: Quality) => Object.fromEntries(q.dimensions.map((d) => [d.key, d.score]));

export const qualityWeights = () =>
  QUALITY_MODEL.map((d) => ({ key: d.key, label: d.label, max: d.indicators.reduce((s, i) => s + i.max, 0), indicators: d.indicators.map(({ key, label, max }) => ({ key, label, max })) }));
