import { useMemo, useRef, useState } from 'react';
import { Button, Flex, Form, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { Query } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { formatCount, formatDateTimeShort } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import { DeadlineLight, LightDot, ShareTypeTag } from './CatalogTags';
import { ReviewDrawer } from './ReviewDrawer';
import { PENDING_STATUSES, type Deadline, type EntryStatus, type EntrySummary, type Light, type TodoList } from './types';
import { useCatalogMeta } from './useCatalogMeta';
import './catalog.css';

const fetchEntries = listFetcher<EntrySummary>('/catalog/entries');

const KIND: Record<string, { label: string; color: string }> = {
  submitted: { label: '新增发布', color: 'blue' },
  change_submitted: { label: '变更', color: 'geekblue' },
  withdrawal_submitted: { label: '撤销', color: 'gold' },
};

function toReviewQuery(values: Record<string, unknown>): Query {
  const status = Array.isArray(values.status) && values.status.length > 0 ? (values.status as string[]) : [...PENDING_STATUSES];
  return {
    q: typeof values.q === 'string' ? values.q.trim() : undefined,
    status,
    departmentId: values.departmentId as string | undefined,
  };
}

/** 目录审核: the bureau's queue of submissions, changes and withdrawals, with the review deadline of each. */
export function ReviewsPage() {
  const { can } = useAuth();
  const meta = useCatalogMeta();
  const table = useRef<DataTableHandle>(null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const todo = useApiQuery<TodoList>('/catalog/deadlines/todo');

  const reviewDeadlines = useMemo(() => {
    const map = new Map<string, Deadline>();
    for (const t of todo.data?.items ?? []) if (t.deadline.rule === 'bureau_review') map.set(t.entryId, t.deadline);
    return map;
  }, [todo.data]);

  const lightCounts = useMemo(() => {
    const c: Record<Light, number> = { red: 0, yellow: 0, green: 0, unknown: 0 };
    for (const d of reviewDeadlines.values()) c[d.light] += 1;
    return c;
  }, [reviewDeadlines]);

  const columns: TableColumnsType<EntrySummary> = [
    {
      title: '信息资源名称',
      dataIndex: 'name',
      render: (name: string, e) => (
        <div>
          <Typography.Link onClick={() => setReviewing(e.id)}>{name}</Typography.Link>
          <div><Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{e.code}</Typography.Text></div>
        </div>
      ),
    },
    { title: '提供部门', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    {
      title: '申请类型',
      dataIndex: 'status',
      render: (s: EntryStatus, e) => (
        <Flex gap={4}>
          <Tag color={KIND[s]?.color} style={{ marginInlineEnd: 0 }}>{KIND[s]?.label ?? meta.label('EntryStatus', s)}</Tag>
          {s === 'change_submitted' && e.currentVersion ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>现行 v{e.currentVersion}</Typography.Text> : null}
        </Flex>
      ),
    },
    { title: '资源分类', key: 'cat', render: (_: unknown, e) => `${meta.label('Category', e.category).replace('信息资源', '')} · ${meta.subcategoryLabel(e.category, e.subcategory)}` },
    { title: '共享属性', dataIndex: 'shareType', render: (v: EntrySummary['shareType']) => <ShareTypeTag value={v} /> },
    { title: '信息项', dataIndex: 'itemCount', align: 'right', render: (n: number) => formatCount(n) },
    { title: '提交时间', dataIndex: 'submittedAt', render: formatDateTimeShort },
    {
      title: '审核时限',
      key: 'deadline',
      render: (_: unknown, e) => {
        const d = reviewDeadlines.get(e.id);
        if (d) return <DeadlineLight deadline={d} compact />;
        return e.worstLight ? <LightDot light={e.worstLight} /> : <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
    {
      title: '操作',
      key: 'ops',
      fixed: 'right',
      render: (_: unknown, e) => (
        <Flex gap={12}>
          <Typography.Link strong onClick={() => setReviewing(e.id)}>审核</Typography.Link>
          <Link to={`/catalog/entries/${e.id}`}>详情</Link>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="目录审核"
        subtitle="审核各部门提交的新增目录、目录变更和撤销申请；逾期未审的标红"
        extra={<Link to="/catalog/deadlines"><Button>{can('catalog.rule.manage') ? '时限督办与规则' : '时限督办'}</Button></Link>}
      />
      {todo.data ? (
        <div className="page-card" style={{ marginBottom: 16, padding: '12px 24px' }}>
          <Flex gap={28} align="center" wrap>
            <Typography.Text strong>审核时限</Typography.Text>
            <LightDot light="red" text={<span>已逾期 <Typography.Text strong type={lightCounts.red > 0 ? 'danger' : undefined}>{lightCounts.red}</Typography.Text> 件</span>} />
            <LightDot light="yellow" text={<span>临期 <Typography.Text strong>{lightCounts.yellow}</Typography.Text> 件</span>} />
            <LightDot light="green" text={<span>正常 <Typography.Text strong>{lightCounts.green}</Typography.Text> 件</span>} />
            {lightCounts.unknown > 0 ? <LightDot light="unknown" text={<span>无法计算 {lightCounts.unknown} 件</span>} /> : null}
          </Flex>
        </div>
      ) : null}
      <div className="page-card">
        <DataTable<EntrySummary>
          ref={table}
          fetch={fetchEntries}
          rowKey="id"
          columns={columns}
          toQuery={toReviewQuery}
          search={{ placeholder: '名称或信息资源代码' }}
          onRow={(e) => ({ className: reviewDeadlines.get(e.id)?.light === 'red' ? 'catalog-row-overdue' : undefined })}
          filters={
            <>
              <Form.Item name="status">
                <Select
                  mode="multiple"
                  allowClear
                  placeholder="全部申请类型"
                  style={{ minWidth: 180 }}
                  options={PENDING_STATUSES.map((s) => ({ value: s, label: KIND[s]?.label ?? s }))}
                />
              </Form.Item>
              {can('identity.department.read') ? (
                <Form.Item name="departmentId">
                  <DepartmentTreeSelect placeholder="提供部门" style={{ width: 200 }} />
                </Form.Item>
              ) : null}
            </>
          }
          emptyText="没有待审核的目录"
        />
      </div>
      <ReviewDrawer
        entryId={reviewing}
        onClose={() => setReviewing(null)}
        onDone={() => {
          setReviewing(null);
          table.current?.reload();
          todo.reload();
        }}
      />
    </>
  );
}
