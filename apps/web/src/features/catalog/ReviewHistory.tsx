import { Empty, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import { pathLabel } from './fields';
import type { Review } from './types';

const KIND_LABELS: Record<Review['kind'], string> = { publish: '新增发布', change: '变更', withdrawal: '撤销' };

export function useReviews(entryId: string, enabled: boolean) {
  return useApiQuery<{ items: Review[] }>(enabled ? `/catalog/entries/${entryId}/reviews` : null);
}

/** The bureau's decisions on this entry, newest first, with the reason for each field returned. */
export function ReviewHistory({ reviews, items }: { reviews: ReturnType<typeof useReviews>; items?: readonly { name: string }[] }) {
  if (reviews.error) return <ErrorAlert error={reviews.error} title="审核记录加载失败" onRetry={reviews.reload} />;
  if (!reviews.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const list = reviews.data.items;
  if (list.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无审核记录" />;
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={list.map((r) => ({
        key: r.id,
        color: r.decision === 'approved' ? 'green' : 'red',
        content: <ReviewCard review={r} items={items} />,
      }))}
    />
  );
}

export function ReviewCard({ review: r, items }: { review: Review; items?: readonly { name: string }[] }) {
  const refused = r.kind === 'withdrawal' && r.decision === 'returned';
  return (
    <div>
      <div style={{ marginBottom: 4 }}>
        <Tag color={r.decision === 'approved' ? 'success' : 'error'}>
          {r.decision === 'approved' ? '审核通过' : refused ? '不同意撤销' : '退回修改'}
        </Tag>
        <Typography.Text strong>{KIND_LABELS[r.kind]}审核</Typography.Text>
        {r.version ? <Typography.Text type="secondary">，生成版本 v{r.version}</Typography.Text> : null}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.reviewerName ?? '审核人'} · {formatDateTime(r.decidedAt)}
      </Typography.Text>
      {r.comment ? <div style={{ marginTop: 6 }}>审核意见：{r.comment}</div> : null}
      {r.reasons.length > 0 ? (
        <Table
          style={{ marginTop: 8, maxWidth: 760 }}
          size="small"
          pagination={false}
          rowKey={(x) => `${x.path}-${x.message}`}
          dataSource={r.reasons}
          columns={[
            { title: '退回字段', dataIndex: 'path', width: 240, render: (p: string) => pathLabel(p, items) },
            { title: '退回原因', dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
          ]}
        />
      ) : null}
    </div>
  );
}
