import { useEffect, useState } from 'react';
import { Card, Drawer, Empty, Flex, Select, Skeleton, Table, Tabs, Typography } from 'antd';
import { SwapRightOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import { EntryDiff } from './DiffView';
import { EntryMetadata } from './EntryMetadata';
import { ItemsTable } from './ItemsTable';
import type { VersionDetail, VersionSummary } from './types';

export interface VersionsTabProps {
  entryId: string;
  /** Offer the working copy as the right-hand side of the diff (working-copy readers of an entry with changes). */
  withWorking: boolean;
  workingDirty: boolean;
}

/** Published versions (never changed), a version picker for the diff, and each version's full snapshot. */
export function VersionsTab({ entryId, withWorking, workingDirty }: VersionsTabProps) {
  const versions = useApiQuery<{ items: VersionSummary[] }>(`/catalog/entries/${entryId}/versions`);
  const list = versions.data?.items ?? [];
  const latest = list[0]?.version ?? null;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | 'working' | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);

  // Default comparison: the working copy against the latest version when it has changes, else the last two versions.
  useEffect(() => {
    if (latest === null) return;
    if (withWorking && workingDirty) {
      setFrom(latest);
      setTo('working');
    } else if (list.length >= 2) {
      setFrom(list[1]?.version ?? null);
      setTo(latest);
    } else {
      setFrom(latest);
      setTo(withWorking ? 'working' : latest);
    }
    // list identity changes with every load; the latest version is what matters
  }, [latest, withWorking, workingDirty]);

  if (versions.error) return <ErrorAlert error={versions.error} title="版本列表加载失败" onRetry={versions.reload} />;
  if (!versions.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (list.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该目录尚未发布，暂无历史版本" />;

  const versionOptions = list.map((v) => ({ value: v.version, label: `v${v.version}（${formatDateTime(v.publishedAt).slice(0, 10)}）` }));
  const toOptions: { value: number | 'working'; label: string }[] = [
    ...(withWorking ? [{ value: 'working' as const, label: workingDirty ? '工作副本（未发布的修改）' : '工作副本' }] : []),
    ...versionOptions,
  ];

  return (
    <Flex vertical gap={16}>
      <Table<VersionSummary>
        size="small"
        rowKey="version"
        dataSource={list}
        pagination={false}
        columns={[
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => <Typography.Text strong>v{v}</Typography.Text> },
          { title: '发布时间', dataIndex: 'publishedAt', render: formatDateTime },
          { title: '审核人', dataIndex: 'publishedBy', render: (v: string | null) => v ?? '—' },
          { title: '信息项数', dataIndex: 'itemCount', align: 'right' },
          {
            title: '操作',
            key: 'ops',
            width: 180,
            render: (_: unknown, v) => (
              <Flex gap={12}>
                <Typography.Link onClick={() => setViewing(v.version)}>查看该版本</Typography.Link>
                {v.version > 1 ? (
                  <Typography.Link
                    onClick={() => {
                      setFrom(v.version - 1);
                      setTo(v.version);
                    }}
                  >
                    与上一版对比
                  </Typography.Link>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />

      <Card
        size="small"
        title="版本对比"
        extra={
          <Flex align="center" gap={8}>
            <Select<number>
              value={from ?? undefined}
              options={versionOptions}
              onChange={setFrom}
              style={{ width: 170 }}
              aria-label="对比起始版本"
            />
            <SwapRightOutlined />
            <Select<number | 'working'>
              value={to ?? undefined}
              options={toOptions}
              onChange={setTo}
              style={{ width: 210 }}
              aria-label="对比目标版本"
            />
          </Flex>
        }
      >
        {from !== null && to !== null ? (
          from === to ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="请选择两个不同的版本进行对比" />
          ) : (
            <EntryDiff key={`${from}-${to}`} entryId={entryId} from={from} to={to} />
          )
        ) : null}
      </Card>

      <VersionDrawer entryId={entryId} version={viewing} onClose={() => setViewing(null)} />
    </Flex>
  );
}

function VersionDrawer({ entryId, version, onClose }: { entryId: string; version: number | null; onClose: () => void }) {
  const detail = useApiQuery<VersionDetail>(version !== null ? `/catalog/entries/${entryId}/versions/${version}` : null);
  const d = detail.data && detail.data.version === version ? detail.data : undefined;
  return (
    <Drawer open={version !== null} onClose={onClose} size={920} title={version !== null ? `版本 v${version}` : '版本'} destroyOnHidden>
      {detail.error ? (
        <ErrorAlert error={detail.error} title="版本加载失败" onRetry={detail.reload} />
      ) : !d ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            发布于 {formatDateTime(d.publishedAt)}{d.publishedBy ? `，审核人 ${d.publishedBy}` : ''}。历史版本只读、永久保存。
          </Typography.Paragraph>
          <Tabs
            items={[
              { key: 'meta', label: '元数据', children: <EntryMetadata data={{ ...d.snapshot, version: d.version }} /> },
              { key: 'items', label: `信息项（${d.snapshot.items.length}）`, children: <ItemsTable items={d.snapshot.items} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
