import { Card, Col, Empty, Row, Skeleton, Tabs, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { useApiQuery } from '../../../ui/useApiQuery';
import { ConsentsSection } from './ConsentsSection';
import { STATUS_COLORS, MINE, type WalletCard, type WalletList } from './types';
import { UsesList } from './UsesList';

const validityText = (l: Pick<WalletCard, 'validFrom' | 'validUntil'>) => `${formatDate(l.validFrom)} 至 ${l.validUntil ? formatDate(l.validUntil) : '长期'}`;

/** 我的证照 (portal): the licenses the signed-in person or enterprise holds, consents to use, and the use log. */
export function WalletPage() {
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApiQuery<WalletList>(MINE);

  const cards = (
    <>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {loading && !data ? <Skeleton active /> : null}
      {data && data.items.length === 0 ? <Empty description="暂无证照。证照由颁发部门制发后会出现在这里。" /> : null}
      <Row gutter={[12, 12]}>
        {(data?.items ?? []).map((l) => (
          <Col key={l.id} xs={24} sm={12}>
            <Card hoverable onClick={() => navigate(`/portal/licenses/${l.id}`)} data-testid="wallet-card" styles={{ body: { padding: 16 } }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  <SafetyCertificateOutlined style={{ color: '#1f5fc6', marginRight: 6 }} />
                  {l.typeName}
                </Typography.Title>
                <Tag color={STATUS_COLORS[l.status.code]} data-testid="wallet-status" style={{ marginInlineEnd: 0 }}>
                  {l.status.label}
                </Tag>
              </div>
              <div style={{ marginTop: 8, fontSize: 13, color: 'rgba(0,0,0,0.55)' }}>
                <div>{l.issuerName}</div>
                <div>有效期：{validityText(l)}</div>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );

  return (
    <div className="portal-page">
      <div className="portal-container">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          我的证照
        </Typography.Title>
        {data ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            持证主体：{data.holder.name}
          </Typography.Paragraph>
        ) : null}
        <Tabs
          items={[
            { key: 'licenses', label: '证照', children: cards },
            { key: 'consents', label: '授权管理', children: <Card variant="borderless"><ConsentsSection /></Card> },
            { key: 'uses', label: '用证记录', children: <Card variant="borderless"><UsesList /></Card> },
          ]}
        />
      </div>
    </div>
  );
}

export { validityText };
