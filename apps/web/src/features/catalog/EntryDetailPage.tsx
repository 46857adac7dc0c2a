import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Result, Segmented, Skeleton, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, DeleteOutlined, EditOutlined, RollbackOutlined, SendOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Link, Navigate, useMatch, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount, formatDate, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { DeadlineLight, OpenTypeTag, ShareTypeTag, StatusTag } from './CatalogTags';
import { EntryMetadata, type MetadataView } from './EntryMetadata';
import { pathLabel } from './fields';
import { ItemsTable } from './ItemsTable';
import { MountsTab } from './MountsTab';
import { qualityColor, QualityPanel } from './QualityPanel';
import { ReviewDrawer } from './ReviewDrawer';
import { ReviewHistory, useReviews } from './ReviewHistory';
import { PENDING_STATUSES, type Entry, type PublishedEntry } from './types';
import { useCatalogMeta } from './useCatalogMeta';
import { useEntryCommands } from './useEntryCommands';
import { VersionsTab } from './VersionsTab';
import './catalog.css';

/**
 * 目录详情 at /catalog/entries/:id (from 本部门编目 and 目录审核) and /catalog/published/:id (from 目录检索):
 * metadata by the national groups, data items, versions with diff, mounts, reviews, quality. Readers who may see
 * working copies get both the published version and the working copy.
 */
export function EntryDetailPage() {
  const { canAny } = useAuth();
  const { id = '' } = useParams();
  const fromSearch = useMatch('/catalog/published/:id') !== null;
  // Readers without working-copy access only ever see the published view: keep them under 目录检索.
  if (!fromSearch && !canAny(['catalog.entry.edit', 'catalog.entry.review'])) return <Navigate to={`/catalog/published/${id}`} replace />;
  return <EntryDetail id={id} fromSearch={fromSearch} />;
}

function EntryDetail({ id, fromSearch }: { id: string; fromSearch: boolean }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { user, can } = useAuth();
  const meta = useCatalogMeta();
  const reviewer = can('catalog.entry.review');
  const workingReader = can('catalog.entry.edit') || reviewer;

  // From 目录检索 the published view comes first, and the working copy is asked for only when it can be the reader's
  // to see (the bureau, or the reader's own department), so another department's entry costs no 404. From the
  // working lists the working copy comes first, and the published view only when there is one (a draft costs no 404).
  const fromSearchPublished = useApiQuery<PublishedEntry>(fromSearch ? `/catalog/published/${id}` : null);
  const searchDone = fromSearchPublished.data ?? fromSearchPublished.error;
  const workingPath = !workingReader
    ? null
    : !fromSearch || (searchDone && (reviewer || fromSearchPublished.error !== null || fromSearchPublished.data?.departmentId === user?.departmentId))
      ? `/catalog/entries/${id}`
      : null;
  const working = useApiQuery<Entry>(workingPath);
  const workingDone = working.data ?? working.error;
  const hasPublished = !fromSearch && (!workingReader || (workingDone ? working.error !== null || working.data?.currentVersion != null : false));
  const fromListPublished = useApiQuery<PublishedEntry>(hasPublished ? `/catalog/published/${id}` : null);
  const published = fromSearch ? fromSearchPublished : fromListPublished;
  const publishedPath = fromSearch ? `/catalog/published/${id}` : hasPublished ? `/catalog/published/${id}` : null;
  const publishedPending = publishedPath !== null && published.data === undefined && published.error === null;
  const w = working.error ? undefined : working.data;
  const p = published.error ? undefined : published.data;
  const reviews = useReviews(id, workingReader && !!w);
  const [reviewing, setReviewing] = useState(false);
  const [view, setView] = useState<'published' | 'working' | null>(null);

  const reload = () => {
    working.reload();
    published.reload();
    reviews.reload();
  };
  const commands = useEntryCommands(() => reload());

  // The working copy first when it is what the reader works on (unpublished, or changed since publication).
  useEffect(() => {
    if (view !== null || publishedPending) return;
    if (w && (!p || w.dirty || w.status !== 'published')) setView('working');
    else if (p) setView('published');
  }, [w, p, view, publishedPending]);

  const loading = (workingReader && working.loading && !working.data) || publishedPending;
  const notFound = !w && !p && !loading && (published.error?.status === 404 || published.error === null)
    && (!workingReader || working.error?.status === 404 || working.error === null);

  if (loading) {
    return (
      <div className="page-card"><Skeleton active paragraph={{ rows: 12 }} /></div>
    );
  }
  if (notFound) {
    return (
      <Result
        status="404"
        title="目录不存在或未发布"
        subTitle="该目录不存在、已撤销，或尚未发布且不属于您所在的部门。"
        extra={<Button type="primary" onClick={() => navigate('/catalog/search')}>返回目录检索</Button>}
      />
    );
  }
  if (!w && !p) {
    const err = published.error && published.error.status !== 404 ? published.error : working.error;
    return <ErrorAlert error={err} title="目录加载失败" onRetry={reload} />;
  }

  const showWorking = view === 'working' ? !!w : !p;
  const data: MetadataView = showWorking && w
    ? { ...w, version: w.currentVersion }
    : { ...(p as PublishedEntry), version: p?.version ?? null };
  const quality = showWorking && w ? w.quality : (p?.quality ?? w?.quality);
  const origin = w?.origin ?? p?.origin ?? 'local';
  const readOnly = origin === 'provincial';
  const isOwner = !!w && !readOnly && can('catalog.entry.edit') && !!user?.departmentId && w.departmentId === user.departmentId;
  const status = w?.status ?? 'published';
  const canReview = !!w && can('catalog.entry.review') && PENDING_STATUSES.includes(w.status);
  const lastReturn = reviews.data?.items.find((r) => r.decision === 'returned');
  const items = data.items;
  const versionCount = p?.versions.length ?? (w?.currentVersion ?? 0);
  const mountCount = w?.mountCount ?? p?.mounts.length ?? 0;

  const actions: React.ReactNode[] = [];
  if (isOwner && w) {
    if (w.status === 'draft' || w.status === 'returned' || w.status === 'change_returned') {
      actions.push(<Button key="edit" icon={<EditOutlined />} onClick={() => navigate(`/catalog/entries/${id}/edit`)}>编辑</Button>);
      actions.push(
        <Button key="submit" type="primary" icon={<SendOutlined />} loading={commands.busy === `submit:${id}`} onClick={() => commands.submit(w)}>
          {w.status === 'change_returned' ? '重新提交变更' : '提交审核'}
        </Button>,
      );
      if (w.currentVersion === null) {
        actions.push(<Button key="del" danger icon={<DeleteOutlined />} onClick={() => commands.remove(w, () => navigate('/catalog/entries'))}>删除</Button>);
      }
    } else if (w.status === 'published') {
      actions.push(<Button key="change" icon={<EditOutlined />} onClick={() => navigate(`/catalog/entries/${id}/edit`)}>{w.dirty ? '继续编辑变更' : '申请变更'}</Button>);
      if (w.dirty) {
        actions.push(
          <Button key="submit" type="primary" icon={<SendOutlined />} loading={commands.busy === `submit:${id}`} onClick={() => commands.submit(w)}>
            提交变更审核
          </Button>,
        );
      }
      actions.push(<Button key="withdraw" danger icon={<RollbackOutlined />} onClick={() => commands.withdraw(w)}>申请撤销</Button>);
    }
  }
  // 申请共享 (docs/sharing-api.md §4): another department's published entry with at least one item that may be shared.
  const shareable = !!p && !!p.departmentId && p.departmentId !== user?.departmentId
    && p.items.some((it) => (it.shareType ?? p.shareType) !== 'none');
  if (shareable && can('sharing.request.create')) {
    actions.push(
      <Button key="share" type="primary" icon={<ShareAltOutlined />} onClick={() => navigate(`/sharing/requests/new?entryId=${id}`)} data-testid="catalog-apply-share">
        申请共享
      </Button>,
    );
  }
  if (can('lineage.read')) {
    actions.push(<Button key="lineage" icon={<ApartmentOutlined />} onClick={() => navigate(`/lineage?entryId=${id}`)} data-testid="catalog-lineage">数据血缘</Button>);
  }
  if (canReview) {
    actions.push(<Button key="review" type="primary" icon={<AuditOutlined />} onClick={() => setReviewing(true)}>审核</Button>);
  }

  const tab = params.get('tab') ?? 'meta';
  const tabs = [
    { key: 'meta', label: '元数据', children: <EntryMetadata data={data} /> },
    { key: 'items', label: `信息项（${items.length}）`, children: <ItemsTable items={items} /> },
    {
      key: 'versions',
      label: `版本${versionCount ? `（${versionCount}）` : ''}`,
      children: <VersionsTab entryId={id} withWorking={!!w && w.currentVersion !== null && w.status !== 'withdrawn'} workingDirty={!!w?.dirty} />,
    },
    {
      key: 'mounts',
      label: `数据挂接（${mountCount}）`,
      children: (
        <MountsTab
          entryId={id}
          publishedMounts={p?.mounts}
          workingReader={!!w}
          canManage={isOwner && status !== 'withdrawn'}
          items={w?.items ?? p?.items ?? []}
          onChanged={reload}
        />
      ),
    },
    ...(w
      ? [{ key: 'reviews', label: `审核记录${reviews.data ? `（${reviews.data.items.length}）` : ''}`, children: <ReviewHistory reviews={reviews} items={w.items} /> }]
      : []),
    ...(quality
      ? [{
          key: 'quality',
          label: '元数据质量',
          children: (
            <QualityPanel
              quality={quality}
              note={w && p && showWorking ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>按工作副本计算</Typography.Text> : null}
            />
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        breadcrumb={[
          fromSearch || (!isOwner && !can('catalog.entry.review'))
            ? { title: '目录检索', path: '/catalog/search' }
            : isOwner
              ? { title: '本部门编目', path: '/catalog/entries' }
              : { title: '目录审核', path: '/catalog/reviews' },
          { title: data.name },
        ]}
        title={
          <Flex align="center" gap={8} wrap>
            <span>{data.name}</span>
            {w ? <StatusTag status={w.status} dirty={w.dirty} /> : <Tag color="success">已发布</Tag>}
            {readOnly ? <Tag color="purple">省级下发（只读）</Tag> : null}
          </Flex>
        }
        subtitle={
          <span>
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{data.code}</Typography.Text>
            {' · '}
            {data.departmentName ?? data.providerName ?? '—'}
            {' · '}
            {meta.label('Category', data.category)} / {meta.subcategoryLabel(data.category, data.subcategory)}
          </span>
        }
        extra={actions.length > 0 ? actions : null}
      />

      {w && (w.status === 'returned' || w.status === 'change_returned') && lastReturn ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`数据局已退回（${formatDateTime(lastReturn.decidedAt)}，${lastReturn.reviewerName ?? '审核人'}），请按以下意见修改后重新提交`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {lastReturn.reasons.map((r) => (
                <li key={`${r.path}-${r.message}`}>
                  <Typography.Text strong>{pathLabel(r.path, w.items)}</Typography.Text>：{r.message}
                </li>
              ))}
              {lastReturn.comment ? <li>总体意见：{lastReturn.comment}</li> : null}
            </ul>
          }
        />
      ) : null}
      {w && PENDING_STATUSES.includes(w.status) ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            w.status === 'withdrawal_submitted'
              ? `撤销申请已于 ${formatDateTime(w.submittedAt)} 提交，等待数据局审核${w.withdrawalReason ? `。撤销理由：${w.withdrawalReason}` : ''}`
              : `已于 ${formatDateTime(w.submittedAt)} 提交，等待数据局审核；审核期间不能修改`
          }
        />
      ) : null}
      {w && w.status === 'withdrawn' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="该目录已撤销，不再对外提供；历史版本保留备查" />
      ) : null}

      <div className="catalog-detail-head">
        <div className="catalog-detail-stats" style={{ marginTop: 0 }}>
          <Stat label="信息项" value={`${formatCount(items.length)} 项`} />
          <Stat label="当前版本" value={data.version ? `v${data.version}` : '未发布'} hint={data.publishedOn ? `首次发布 ${formatDate(data.publishedOn)}` : undefined} />
          <Stat
            label="共享 / 开放"
            value={
              <Flex gap={4} wrap>
                <ShareTypeTag value={data.shareType} />
                <OpenTypeTag value={data.openType} />
              </Flex>
            }
          />
          <Stat label="数据挂接" value={(w?.mounted ?? p?.mounted) ? <Typography.Text style={{ color: '#389e0d', fontSize: 18 }}>已挂接</Typography.Text> : '未挂接'} hint={`${mountCount} 个挂接`} />
          <Stat
            label="元数据质量"
            value={quality ? <span style={{ color: qualityColor(quality.score) }}>{quality.score} 分</span> : '—'}
          />
        </div>
        {w && w.deadlines.length > 0 ? (
          <Flex gap={24} wrap style={{ marginTop: 14 }}>
            <Typography.Text type="secondary">办理时限：</Typography.Text>
            {w.deadlines.map((d) => <DeadlineLight key={d.rule} deadline={d} showRule />)}
          </Flex>
        ) : null}
      </div>

      <Card variant="borderless">
        <Tabs
          activeKey={tabs.some((t) => t.key === tab) ? tab : 'meta'}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            if (k === 'meta') next.delete('tab');
            else next.set('tab', k);
            setParams(next, { replace: true });
          }}
          items={tabs}
          tabBarExtraContent={
            w && p && (w.dirty || w.status !== 'published') ? (
              <Tooltip title="已发布版本是全市看到的内容；工作副本是本部门正在编制、尚未发布的内容">
                <Segmented
                  value={showWorking ? 'working' : 'published'}
                  onChange={(v) => setView(v as 'published' | 'working')}
                  options={[
                    { value: 'published', label: `已发布 v${p.version}` },
                    { value: 'working', label: '工作副本' },
                  ]}
                />
              </Tooltip>
            ) : null
          }
        />
      </Card>

      {commands.dialogs}
      <ReviewDrawer
        entryId={reviewing ? id : null}
        onClose={() => setReviewing(false)}
        onDone={() => {
          setReviewing(false);
          reload();
        }}
      />
      {readOnly ? null : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          最近更新：{formatDateTime(w?.updatedAt ?? p?.lastPublishedAt ?? null)}
          {w && isOwner ? <> · <Link to="/catalog/entries">返回本部门编目</Link></> : null}
        </Typography.Paragraph>
      )}
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div className="catalog-detail-stat">
      <div className="catalog-detail-stat-label">{label}</div>
      <div className="catalog-detail-stat-value">{value}</div>
      {hint ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{hint}</div> : null}
    </div>
  );
}
