import { useCallback, useEffect, useId, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { Button, Empty, Flex, Form, Input, Table, Tooltip } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { ApiError, request, toQueryString, type Page, type Query } from './api';
import { ErrorAlert } from './ErrorAlert';

/** What a DataTable asks its fetch function for: the filters plus `page` (1-based) and `pageSize`. */
export type ListQuery = Query & { page: number; pageSize: number };
export type ListFetcher<T> = (query: ListQuery, signal: AbortSignal) => Promise<Page<T>>;

/** The fetch function of a standard list endpoint (`GET path?…&page=&pageSize=` → `{ items, total, page, pageSize }`). */
export function listFetcher<T>(path: string): ListFetcher<T> {
  return (query, signal) => request<Page<T>>(path, { query, signal });
}

export interface DataTableHandle {
  /** Fetches the current page again (after a change made elsewhere on the page). */
  reload: () => void;
  /** The filters currently applied (without page/pageSize), e.g. for an export link. */
  filters: () => Query;
}

export interface ExportLink {
  label: string;
  /** The download address for the filters currently applied. */
  href: (filters: Query) => string;
}

export interface DataTableProps<T> {
  fetch: ListFetcher<T>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string | ((row: T) => string);
  /** Keyword box sent as `q`; false hides it. */
  search?: { placeholder: string; name?: string } | false;
  /** Extra filter fields: `<Form.Item name="status"><Select … /></Form.Item>`. A change applies at once. */
  filters?: React.ReactNode;
  /** Filter values to start with (and to go back to on 重置). */
  initialFilters?: Record<string, unknown>;
  /** Turns form values into query parameters (e.g. a date range into from/to). Defaults to the values as they are. */
  toQuery?: (values: Record<string, unknown>) => Query;
  /** Parameters fixed from outside the form (e.g. the department chosen in a tree); a change goes back to page 1. */
  params?: Query;
  /** Buttons on the right above the table, next to the export buttons (e.g. 批量操作). */
  toolbar?: React.ReactNode;
  /** Download buttons that carry the current filters. */
  exports?: ExportLink[];
  /** What to say when there are no records at all (without filters). */
  emptyText?: React.ReactNode;
  defaultPageSize?: number;
  ref?: React.Ref<DataTableHandle>;
  size?: TableProps<T>['size'];
  expandable?: TableProps<T>['expandable'];
  onRow?: TableProps<T>['onRow'];
  rowSelection?: TableProps<T>['rowSelection'];
  /** Called with each page that arrives (e.g. to keep a selected record in sync). */
  onLoaded?: (page: Page<T>) => void;
}

const PAGE_SIZES = [10, 20, 50, 100];

/**
 * The list pattern every module uses: keyword + filters, server-side pagination (`page`/`pageSize`),
 * total, loading and empty states, optional export links and toolbar.
 */
export function DataTable<T extends object>(props: DataTableProps<T>) {
  const {
    columns, rowKey, search = { placeholder: '输入关键字搜索' }, filters, initialFilters, toQuery, params,
    toolbar, exports, emptyText, defaultPageSize = 20, ref, size, expandable, onRow, rowSelection,
  } = props;
  const [form] = Form.useForm<Record<string, unknown>>();
  // A form name prefixes the field ids, so filters never share an id with a drawer form's field of the same name.
  const formName = `filters${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const searchName = search ? (search.name ?? 'q') : 'q';
  const initialValues = useMemo(() => ({ ...initialFilters }), []);

  const convert = useCallback(
    (values: Record<string, unknown>): Query => {
      if (toQuery) return toQuery(values);
      const q: Query = {};
      for (const [k, v] of Object.entries(values)) {
        if (typeof v === 'string') q[k] = v.trim();
        else if (typeof v === 'number' || typeof v === 'boolean') q[k] = v;
        else if (Array.isArray(v)) q[k] = v as string[];
      }
      return q;
    },
    [toQuery],
  );

  const [applied, setApplied] = useState<Query>(() => convert(initialValues));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(defaultPageSize);
  const [nonce, setNonce] = useState(0);
  const [data, setData] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const paramsKey = toQueryString(params);
  const appliedKey = toQueryString(applied);
  const fetchRef = useRef(props.fetch);
  fetchRef.current = props.fetch;
  const onLoadedRef = useRef(props.onLoaded);
  onLoadedRef.current = props.onLoaded;

  // Outside parameters changed: back to the first page.
  const firstParams = useRef(true);
  useEffect(() => {
    if (firstParams.current) {
      firstParams.current = false;
      return;
    }
    setPage(1);
  }, [paramsKey]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    fetchRef
      .current({ ...applied, ...params, page, pageSize }, controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        const lastPage = Math.max(1, Math.ceil(result.total / pageSize));
        if (result.items.length === 0 && result.total > 0 && page > lastPage) {
          setPage(lastPage); // the page emptied (records removed elsewhere): show the last one that has rows
          return;
        }
        setData(result);
        setLoading(false);
        onLoadedRef.current?.(result);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
    // applied/params are compared by their query strings
  }, [appliedKey, paramsKey, page, pageSize, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  useImperativeHandle(ref, () => ({ reload, filters: () => ({ ...applied, ...params }) }), [reload, applied, params]);

  const apply = useCallback(() => {
    const next = convert(form.getFieldsValue(true) as Record<string, unknown>);
    setPage(1);
    if (toQueryString(next) === appliedKey) reload();
    else setApplied(next);
  }, [convert, form, appliedKey, reload]);

  const reset = () => {
    form.resetFields();
    setPage(1);
    setApplied(convert(initialValues));
  };

  const filtered = appliedKey !== toQueryString(convert(initialValues));
  const exportFilters = { ...applied, ...params };
  const total = data?.total ?? 0;

  const locale = {
    emptyText: loading ? <div style={{ height: 120 }} /> : filtered ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的记录">
        <Button onClick={reset}>清除筛选条件</Button>
      </Empty>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? '暂无记录'} />
    ),
  };

  return (
    <div className="data-table">
      <Form
        form={form}
        name={formName}
        layout="inline"
        initialValues={initialValues}
        onFinish={apply}
        onValuesChange={(changed: Record<string, unknown>) => {
          // Choices apply at once; typing waits for Enter or 查询.
          if (!(searchName in changed)) apply();
        }}
        className="data-table-filters"
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        {search ? (
          <Form.Item name={searchName}>
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
              placeholder={search.placeholder}
              style={{ width: 240 }}
              onClear={() => setTimeout(apply, 0)}
            />
          </Form.Item>
        ) : null}
        {filters}
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button onClick={reset}>重置</Button>
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined />} onClick={reload} aria-label="刷新" />
            </Tooltip>
          </Flex>
        </Form.Item>
      </Form>
      {exports?.length || toolbar ? (
        <Flex justify="flex-end" gap={8} wrap style={{ marginBottom: 12 }}>
          {exports?.map((x) => (
            <Tooltip key={x.label} title={total === 0 ? '当前条件下没有可导出的记录' : '按当前查询条件导出'}>
              <Button icon={<DownloadOutlined />} href={total === 0 ? undefined : x.href(exportFilters)} download="" disabled={total === 0}>
                {x.label}
              </Button>
            </Tooltip>
          ))}
          {toolbar}
        </Flex>
      ) : null}
      {error ? (
        <ErrorAlert
          error={error}
          title={error instanceof ApiError && error.status === 403 ? '没有查看权限' : '数据加载失败'}
          onRetry={reload}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<T>
        rowKey={rowKey as TableProps<T>['rowKey']}
        columns={columns}
        dataSource={error ? [] : (data?.items ?? [])}
        loading={loading}
        size={size}
        expandable={expandable}
        onRow={onRow}
        rowSelection={rowSelection}
        locale={locale}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          showQuickJumper: total > pageSize * 5,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 条`,
          hideOnSinglePage: false,
          onChange: (p, ps) => {
            if (ps !== pageSize) {
              setPageSize(ps);
              setPage(1);
            } else {
              setPage(p);
            }
          },
        }}
      />
    </div>
  );
}
