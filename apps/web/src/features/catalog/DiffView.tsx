import { Alert, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useApiQuery } from '../../ui/useApiQuery';
import { ENTRY_FIELD_LABELS, ITEM_FIELD_LABELS } from './fields';
import type { Diff, EnumName, FieldChange, ItemInput } from './types';
import { useCatalogMeta, type CatalogMetaApi } from './useCatalogMeta';

// Which enumeration a field's values come from, to show labels instead of codes.
const FIELD_ENUMS: Record<string, EnumName> = {
  category: 'Category', formatClass: 'FormatClass', shareType: 'ShareType', openType: 'OpenType', shareMethod: 'ShareMethod',
  shareChannels: 'ShareChannel', noShareBasisType: 'NoShareBasisType', updateFrequency: 'UpdateFrequency', grade: 'Grade',
  dataType: 'DataType', sensitivity: 'Sensitivity',
};

function show(meta: CatalogMetaApi, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  const e = FIELD_ENUMS[field];
  if (Array.isArray(value)) return value.length === 0 ? '（空）' : value.map((v) => (e ? meta.label(e, String(v)) : String(v))).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (e) return meta.label(e, String(value));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Loads and shows GET /entries/:id/diff?from&to. */
export function EntryDiff({ entryId, from, to }: { entryId: string; from: number; to: number | 'working' }) {
  const diff = useApiQuery<Diff>(`/catalog/entries/${entryId}/diff`, { from, to });
  if (diff.error) return <ErrorAlert error={diff.error} title="版本差异加载失败" onRetry={diff.reload} />;
  if (!diff.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  return <DiffView diff={diff.data} />;
}

export function DiffLegend() {
  return (
    <Flex gap={16} wrap>
      <span className="diff-legend"><span className="diff-legend-swatch diff-added" />新增</span>
      <span className="diff-legend"><span className="diff-legend-swatch diff-removed" />删除</span>
      <span className="diff-legend"><span className="diff-legend-swatch diff-changed" />修改</span>
    </Flex>
  );
}

/** Field changes, then added / removed / changed data items, colour-coded. */
export function DiffView({ diff }: { diff: Diff }) {
  const meta = useCatalogMeta();
  const { added, removed, changed } = diff.items;
  const none = diff.fields.length === 0 && added.length === 0 && removed.length === 0 && changed.length === 0;
  const toLabel = diff.to === 'working' ? '工作副本' : `v${diff.to}`;

  if (none) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`v${diff.from} 与 ${toLabel} 之间没有差异`} />;

  const fieldColumns: TableColumnsType<FieldChange> = [
    { title: '元数据项', dataIndex: 'label', width: 160, render: (l: string, f) => l || ENTRY_FIELD_LABELS[f.field] || f.field },
    { title: `v${diff.from}`, dataIndex: 'before', render: (v: unknown, f) => <span className="diff-before">{show(meta, f.field, v)}</span> },
    { title: toLabel, dataIndex: 'after', render: (v: unknown, f) => <span className="diff-after">{show(meta, f.field, v)}</span> },
  ];

  const itemColumns: TableColumnsType<ItemInput> = [
    { title: '中文名称', dataIndex: 'name' },
    { title: '代码名', dataIndex: 'codeName', render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> },
    { title: '数据类型', dataIndex: 'dataType', render: (v: string) => meta.label('DataType', v) },
    { title: '长度', dataIndex: 'length', render: (v: number | null) => v ?? '—' },
    { title: '共享属性', dataIndex: 'shareType', render: (v: string | null) => (v ? meta.label('ShareType', v) : '同目录') },
    { title: '开放属性', dataIndex: 'openType', render: (v: string | null) => (v ? meta.label('OpenType', v) : '同目录') },
    { title: '个人信息属性', dataIndex: 'sensitivity', render: (v: string) => meta.label('Sensitivity', v) },
  ];

  const itemRows = [
    ...added.map((i) => ({ ...i, _kind: 'added' as const })),
    ...removed.map((i) => ({ ...i, _kind: 'removed' as const })),
  ];

  return (
    <Flex vertical gap={20}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text>
          v{diff.from} → {toLabel}：元数据 {diff.fields.length} 处修改，信息项新增 {added.length}、删除 {removed.length}、修改 {changed.length}
        </Typography.Text>
        <DiffLegend />
      </Flex>

      {diff.fields.length > 0 ? (
        <section>
          <div className="catalog-group-title">元数据变化</div>
          <Table<FieldChange>
            rowKey="field"
            size="small"
            columns={fieldColumns}
            dataSource={diff.fields}
            pagination={false}
            rowClassName={() => 'diff-changed'}
          />
        </section>
      ) : null}

      {itemRows.length > 0 ? (
        <section>
          <div className="catalog-group-title">新增与删除的信息项</div>
          <Table
            rowKey={(r) => `${r._kind}-${r.codeName}`}
            size="small"
            columns={[
              {
                title: '变化',
                dataIndex: '_kind',
                width: 72,
                render: (k: 'added' | 'removed') => (k === 'added' ? <Tag color="green">新增</Tag> : <Tag color="red">删除</Tag>),
              },
              ...(itemColumns as TableColumnsType<ItemInput & { _kind: 'added' | 'removed' }>),
            ]}
            dataSource={itemRows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={(r) => (r._kind === 'added' ? 'diff-added' : 'diff-removed')}
          />
        </section>
      ) : null}

      {changed.length > 0 ? (
        <section>
          <div className="catalog-group-title">修改的信息项</div>
          <Table
            rowKey={(r) => `${r.codeName}-${r.field}`}
            size="small"
            pagination={false}
            rowClassName={() => 'diff-changed'}
            dataSource={changed.flatMap((c) => c.fields.map((f, idx) => ({ ...f, codeName: c.codeName, name: c.name, first: idx === 0, span: c.fields.length })))}
            columns={[
              {
                title: '信息项',
                key: 'item',
                width: 200,
                onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }),
                render: (_: unknown, r) => (
                  <span>
                    {r.name} <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.codeName}</Typography.Text>
                  </span>
                ),
              },
              { title: '属性', dataIndex: 'label', width: 120, render: (l: string, r) => l || ITEM_FIELD_LABELS[r.field] || r.field },
              { title: `v${diff.from}`, dataIndex: 'before', render: (v: unknown, r) => <span className="diff-before">{show(meta, r.field, v)}</span> },
              { title: toLabel, dataIndex: 'after', render: (v: unknown, r) => <span className="diff-after">{show(meta, r.field, v)}</span> },
            ]}
          />
        </section>
      ) : null}

      {diff.to === 'working' ? (
        <Alert type="info" showIcon title="工作副本的修改在审核通过后才会成为新的发布版本" />
      ) : null}
    </Flex>
  );
}
