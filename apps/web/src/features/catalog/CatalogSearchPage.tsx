import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Pagination, Segmented, Select, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AppstoreOutlined, CloseOutlined, LinkOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount, formatDate } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import { Highlight, OpenTypeTag, ShareTypeTag } from './CatalogTags';
import type { FacetName, FacetValue, SearchHit, SearchResult } from './types';
import { useCatalogMeta } from './useCatalogMeta';
import './catalog.css';

const FACETS: { name: FacetName; title: string }[] = [
  { name: 'department', title: '提供部门' },
  { name: 'category', title: '资源分类' },
  { name: 'shareType', title: '共享属性' },
  { name: 'openType', title: '开放属性' },
  { name: 'formatClass', title: '资源格式' },
  { name: 'updateFrequency', title: '更新周期' },
  { name: 'grade', title: '安全级别' },
  { name: 'mounted', title: '是否挂接' },
];

const SORTS = [
  { value: 'relevance', label: '相关度' },
  { value: 'published', label: '最新发布' },
  { value: 'name', label: '名称' },
];

const PAGE_SIZES = [10, 20, 50];
const FACET_PREVIEW = 8;

/** 目录检索: search the published catalog with facets, sort and pages; the state lives in the address. */
export function CatalogSearchPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const meta = useCatalogMeta();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [view, setView] = useState<'cards' | 'table'>('cards');
  useEffect(() => setText(q), [q]);

  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const sort = params.get('sort') ?? (q ? 'relevance' : 'published');
  const filters = useMemo(() => {
    const f: Partial<Record<FacetName, string>> = {};
    for (const { name } of FACETS) {
      const v = params.get(name);
      if (v) f[name] = v;
    }
    return f;
  }, [params]);

  const query = useMemo(() => ({ q: q || undefined, ...filters, sort, page, pageSize }), [q, filters, sort, page, pageSize]);
  const result = useApiQuery<SearchResult>('/catalog/search', query);
  const data = result.data;

  const update = (changes: Record<string, string | null>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next);
  };

  const search = (value: string) => {
    const v = value.trim();
    // A new query goes back to relevance order unless the user chose another.
    update({ q: v || null, sort: params.get('sort') === 'relevance' && !v ? null : params.get('sort') });
  };

  const facetLabel = (name: FacetName, value: string) =>
    data?.facets[name]?.find((f) => f.value === value)?.label ?? fallbackFacetLabel(meta, name, value);

  const activeFilters = FACETS.filter((f) => filters[f.name]);
  const sortOptions = q ? SORTS : SORTS.filter((s) => s.value !== 'relevance');

  return (
    <>
      <div className="catalog-search-hero">
        <h2>政务数据资源目录</h2>
        <p>按资源名称、摘要、关键字和信息项检索全市已发布的政务信息资源，支持部分匹配与近似匹配</p>
        <Input.Search
          size="large"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={search}
          allowClear
          maxLength={100}
          enterButton="检索"
          placeholder="输入资源名称、关键字或信息项，如：常住人口、营业执照、公民身份号码"
          aria-label="检索目录"
          style={{ maxWidth: 760 }}
        />
      </div>

      <div className="catalog-search-layout">
        <aside className="catalog-facets" aria-label="筛选条件">
          {FACETS.map((f) => (
            <FacetGroup
              key={f.name}
              title={f.title}
              values={data?.facets[f.name]}
              loading={result.loading && !data}
              active={filters[f.name]}
              onPick={(v) => update({ [f.name]: v })}
            />
          ))}
        </aside>

        <Card variant="borderless" styles={{ body: { padding: 0 } }}>
          <Flex justify="space-between" align="center" wrap gap={12} style={{ padding: '14px 20px', borderBottom: '1px solid #f0f0f0' }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Text>
                {data ? (
                  <>
                    {q ? <>“<Typography.Text strong>{q}</Typography.Text>” </> : '全部已发布目录 '}
                    共 <Typography.Text strong>{formatCount(data.total)}</Typography.Text> 条
                  </>
                ) : '正在检索…'}
              </Typography.Text>
              {activeFilters.map((f) => (
                <Tag key={f.name} closable onClose={() => update({ [f.name]: null })} color="blue" style={{ marginInlineEnd: 0 }}>
                  {f.title}：{facetLabel(f.name, filters[f.name] as string)}
                </Tag>
              ))}
              {activeFilters.length > 1 ? (
                <Button
                  type="link"
                  size="small"
                  icon={<CloseOutlined />}
                  onClick={() => update(Object.fromEntries(FACETS.map((f) => [f.name, null])))}
                >
                  清除筛选
                </Button>
              ) : null}
            </Flex>
            <Flex align="center" gap={12}>
              <Typography.Text type="secondary">排序</Typography.Text>
              <Select
                value={sort}
                options={sortOptions}
                onChange={(v: string) => update({ sort: v })}
                style={{ width: 120 }}
                aria-label="排序方式"
              />
              <Segmented
                value={view}
                onChange={(v) => setView(v as 'cards' | 'table')}
                options={[
                  { value: 'cards', icon: <AppstoreOutlined />, title: '卡片' },
                  { value: 'table', icon: <UnorderedListOutlined />, title: '表格' },
                ]}
              />
            </Flex>
          </Flex>

          {result.error ? (
            <div style={{ padding: 20 }}>
              <ErrorAlert error={result.error} title="检索失败" onRetry={result.reload} />
            </div>
          ) : !data ? (
            <div style={{ padding: 20 }}>
              <Skeleton active paragraph={{ rows: 8 }} />
            </div>
          ) : data.items.length === 0 ? (
            <Empty
              style={{ padding: '48px 0' }}
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                q || activeFilters.length > 0
                  ? '没有找到符合条件的已发布目录，请换个关键字或减少筛选条件'
                  : '全市尚未发布政务数据目录'
              }
            >
              {activeFilters.length > 0 ? (
                <Button onClick={() => update(Object.fromEntries(FACETS.map((f) => [f.name, null])))}>清除筛选条件</Button>
              ) : null}
            </Empty>
          ) : view === 'cards' ? (
            <div style={{ opacity: result.loading ? 0.6 : 1, transition: 'opacity 0.2s' }}>
              {data.items.map((hit) => (
                <HitCard key={hit.id} hit={hit} q={q} onOpen={() => navigate(`/catalog/published/${hit.id}`)} />
              ))}
            </div>
          ) : (
            <HitTable hits={data.items} q={q} loading={result.loading} />
          )}

          {data && data.total > 0 ? (
            <Flex justify="flex-end" style={{ padding: '14px 20px', borderTop: '1px solid #f0f0f0' }}>
              <Pagination
                current={page}
                pageSize={pageSize}
                total={data.total}
                showSizeChanger
                pageSizeOptions={PAGE_SIZES}
                showTotal={(t) => `共 ${t.toLocaleString('zh-CN')} 条`}
                onChange={(p, ps) => {
                  if (ps !== pageSize) update({ pageSize: String(ps) });
                  else update({ page: String(p) }, true);
                  window.scrollTo({ top: 0, behavior: 'smooth' });
                }}
              />
            </Flex>
          ) : null}
        </Card>
      </div>
    </>
  );
}

function fallbackFacetLabel(meta: ReturnType<typeof useCatalogMeta>, name: FacetName, value: string): string {
  switch (name) {
    case 'category': return meta.label('Category', value);
    case 'shareType': return meta.label('ShareType', value);
    case 'openType': return meta.label('OpenType', value);
    case 'formatClass': return meta.label('FormatClass', value);
    case 'updateFrequency': return meta.label('UpdateFrequency', value);
    case 'grade': return meta.label('Grade', value);
    case 'mounted': return value === 'true' ? '已挂接' : '未挂接';
    default: return value;
  }
}

function FacetGroup({ title, values, loading, active, onPick }: {
  title: string;
  values: FacetValue[] | undefined;
  loading: boolean;
  active: string | undefined;
  onPick: (value: string | null) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const list = values ?? [];
  const shown = expanded ? list : list.slice(0, FACET_PREVIEW);
  // The chosen value stays visible even when it sits beyond the preview.
  const activeHidden = active && !shown.some((v) => v.value === active) ? list.find((v) => v.value === active) : undefined;
  return (
    <div className="catalog-facet">
      <div className="catalog-facet-title">
        <span>{title}</span>
        {active ? (
          <Typography.Link style={{ fontSize: 12, fontWeight: 400 }} onClick={() => onPick(null)}>
            不限
          </Typography.Link>
        ) : null}
      </div>
      {loading ? (
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      ) : list.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, paddingLeft: 6 }}>无</Typography.Text>
      ) : (
        <>
          {[...shown, ...(activeHidden ? [activeHidden] : [])].map((v) => {
            const isActive = v.value === active;
            return (
              <button
                type="button"
                key={v.value}
                className={`catalog-facet-value${isActive ? ' is-active' : ''}${v.count === 0 ? ' is-empty' : ''}`}
                onClick={() => onPick(isActive ? null : v.value)}
                aria-pressed={isActive}
                title={v.label}
              >
                <span className="catalog-facet-label">{v.label}</span>
                <span className="catalog-facet-count">{formatCount(v.count)}</span>
              </button>
            );
          })}
          {list.length > FACET_PREVIEW ? (
            <Typography.Link style={{ fontSize: 12, paddingLeft: 6 }} onClick={() => setExpanded((e) => !e)}>
              {expanded ? '收起' : `展开全部 ${list.length} 项`}
            </Typography.Link>
          ) : null}
        </>
      )}
    </div>
  );
}

function HitCard({ hit, q, onOpen }: { hit: SearchHit; q: string; onOpen: () => void }) {
  const meta = useCatalogMeta();
  return (
    <div
      className="catalog-hit"
      role="link"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => (e.key === 'Enter' ? onOpen() : undefined)}
    >
      <Flex justify="space-between" align="flex-start" gap={12}>
        <div style={{ minWidth: 0 }}>
          <span className="catalog-hit-title"><Highlight text={hit.name} query={q} /></span>
          {/* Copying the code must not open the entry (the whole card is a link). */}
          <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            <Typography.Text type="secondary" copyable={{ text: hit.code, tooltips: ['复制代码', '已复制'] }} style={{ marginInlineStart: 10, fontFamily: 'monospace', fontSize: 12 }}>
              {hit.code}
            </Typography.Text>
          </span>
        </div>
        <Flex gap={6} style={{ flex: 'none' }}>
          {hit.origin === 'provincial' ? <Tag color="purple" style={{ marginInlineEnd: 0 }}>省级</Tag> : null}
          <ShareTypeTag value={hit.shareType} />
          <OpenTypeTag value={hit.openType} />
        </Flex>
      </Flex>
      <div className="catalog-hit-summary">
        {hit.summary ? <Highlight text={hit.summary} query={q} /> : <Typography.Text type="secondary">未填写摘要</Typography.Text>}
      </div>
      {hit.matchedItems.length > 0 ? (
        <div style={{ marginBottom: 8, fontSize: 12 }}>
          <Typography.Text type="secondary">命中信息项：</Typography.Text>
          {hit.matchedItems.slice(0, 8).map((m) => (
            <Tag key={m} style={{ fontSize: 12 }}><Highlight text={m} query={q} /></Tag>
          ))}
        </div>
      ) : null}
      <div className="catalog-hit-meta">
        <span>{hit.departmentName ?? '—'}</span>
        <span>{meta.label('Category', hit.category)} · {meta.subcategoryLabel(hit.category, hit.subcategory)}</span>
        <span>信息项 {formatCount(hit.itemCount)} 个</span>
        {hit.formatClass ? <span>{meta.label('FormatClass', hit.formatClass)}</span> : null}
        {hit.updateFrequency ? <span>{meta.label('UpdateFrequency', hit.updateFrequency)}更新</span> : null}
        <span>发布于 {formatDate(hit.publishedOn)}</span>
        <span>v{hit.version}</span>
        {hit.mounted ? (
          <span style={{ color: '#389e0d' }}><LinkOutlined /> 已挂接数据</span>
        ) : (
          <span>未挂接数据</span>
        )}
        {hit.qualityScore !== null ? (
          <Tooltip title="元数据质量评分（满分 100）">
            <span>质量 {hit.qualityScore}</span>
          </Tooltip>
        ) : null}
        {hit.keywords.length > 0 ? (
          <span>关键字：{hit.keywords.slice(0, 6).map((k, i) => <span key={k}>{i > 0 ? '、' : ''}<Highlight text={k} query={q} /></span>)}</span>
        ) : null}
      </div>
    </div>
  );
}

function HitTable({ hits, q, loading }: { hits: SearchHit[]; q: string; loading: boolean }) {
  const meta = useCatalogMeta();
  const columns: TableColumnsType<SearchHit> = [
    {
      title: '信息资源名称',
      dataIndex: 'name',
      render: (name: string, h) => (
        <Link to={`/catalog/published/${h.id}`}>
          <Highlight text={name} query={q} />
        </Link>
      ),
    },
    { title: '信息资源代码', dataIndex: 'code', render: (c: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{c}</Typography.Text> },
    { title: '提供部门', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    { title: '分类', key: 'cat', render: (_: unknown, h) => `${meta.label('Category', h.category)} · ${meta.subcategoryLabel(h.category, h.subcategory)}` },
    { title: '共享属性', dataIndex: 'shareType', render: (v: SearchHit['shareType']) => <ShareTypeTag value={v} /> },
    { title: '开放属性', dataIndex: 'openType', render: (v: SearchHit['openType']) => <OpenTypeTag value={v} /> },
    { title: '信息项', dataIndex: 'itemCount', align: 'right', render: (n: number) => formatCount(n) },
    { title: '挂接', dataIndex: 'mounted', render: (m: boolean) => (m ? <Tag color="green">已挂接</Tag> : <Tag>未挂接</Tag>) },
    { title: '发布日期', dataIndex: 'publishedOn', render: (d: string | null) => formatDate(d) },
  ];
  return (
    <Table<SearchHit>
      rowKey="id"
      columns={columns}
      dataSource={hits}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      style={{ padding: '0 8px' }}
    />
  );
}
