import { Tag, Typography } from 'antd';
import { ItemList } from '../../../ui/ItemList';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { useApiQuery } from '../../../ui/useApiQuery';
import { MINE, USE_OUTCOMES, type HolderUse } from './types';

/** 用证记录: every request for my licenses (all, or one license's), including refusals and shared-copy opens. */
export function UsesList({ licenseId }: { licenseId?: string }) {
  const { data, error, loading, reload } = useApiQuery<{ items: HolderUse[] }>(`${MINE}/uses`, { licenseId });
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  return (
    <ItemList
      loading={loading}
      empty="暂无用证记录"
      rows={(data?.items ?? []).map((u) => ({
        key: u.id,
        testId: 'wallet-use',
        title: (
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
            <Typography.Text strong>{u.outcome === 'shared_open' ? `分享副本：仅供${u.purpose}使用` : u.purpose}</Typography.Text>
            <Tag color={USE_OUTCOMES[u.outcome].color}>{USE_OUTCOMES[u.outcome].label}</Tag>
          </div>
        ),
        description: [
          formatDateTime(u.usedAt),
          licenseId ? null : (u.typeName ?? u.typeCode),
          u.outcome === 'shared_open' ? '通过分享链接查看' : (u.departmentName ?? u.actorName ?? '其他系统'),
          u.caseNumber ? `办件编号 ${u.caseNumber}` : null,
        ].filter(Boolean).join(' · '),
      }))}
    />
  );
}
