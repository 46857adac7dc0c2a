import { Card, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTimeShort } from '../../ui/format';
import { ItemList } from '../../ui/ItemList';
import { useApiQuery } from '../../ui/useApiQuery';
import { OPERATION_LABELS, type Operation } from '../sharing/types';
import type { MyDataUse } from './types';

// Told to the citizen in their words: a verification answers yes/no and hands over no data.
const OPERATION_TEXT: Record<string, string> = { ...OPERATION_LABELS, verify: '核验（只比对是否一致，不提供数据）' };

/** 谁用了我的数据 (portal, citizens): which departments queried the signed-in person's records, when and why. */
export function DataUsesPage() {
  const { data, error, loading, reload } = useApiQuery<{ items: MyDataUse[] }>('/gateway/my-data-uses');
  const items = data?.items ?? [];

  return (
    <div className="portal-page">
      <div className="portal-container">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          谁用了我的数据
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="data-uses-explain">
          政务部门经共享交换平台查询或核验您的数据时，平台都会记录查询部门、时间、用途和办件编号；日志中的身份证号只以加密哈希（带密钥的 SM3）保存，不存明文。
        </Typography.Paragraph>
        <Card variant="borderless" styles={{ body: { paddingTop: 8, paddingBottom: 8 } }}>
          {error ? (
            <ErrorAlert error={error} title={error.code === 'GATEWAY_NOT_CITIZEN' ? '仅个人实名账号可以查看' : '记录加载失败'} onRetry={error.code === 'GATEWAY_NOT_CITIZEN' ? undefined : reload} />
          ) : (
            <ItemList
              loading={loading}
              empty="还没有部门通过共享交换平台使用过您的数据"
              rows={items.map((u) => ({
                key: u.id,
                testId: 'data-use-item',
                title: (
                  <span style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                    <strong>{u.departmentName ?? '未知部门'}</strong>
                    {u.operation ? <Tag style={{ marginInlineEnd: 0 }}>{OPERATION_TEXT[u.operation as Operation] ?? u.operation}</Tag> : null}
                  </span>
                ),
                description: (
                  <span style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
                    <span>{formatDateTimeShort(u.at)}</span>
                    <span>
                      数据：{u.entryName ?? '—'}
                      {u.providerDepartmentName ? `（${u.providerDepartmentName}提供）` : ''}
                    </span>
                    <span>用途：{u.purpose ?? '未填写'}</span>
                    {u.caseNumber ? <span>办件编号：<span style={{ wordBreak: 'break-all' }}>{u.caseNumber}</span></span> : null}
                  </span>
                ),
              }))}
            />
          )}
        </Card>
        {items.length > 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 13 }}>
            显示最近 {items.length} 次使用。如认为某次使用不当，可凭办件编号向该部门或 12345 热线咨询、投诉。
          </Typography.Paragraph>
        ) : null}
      </div>
    </div>
  );
}
