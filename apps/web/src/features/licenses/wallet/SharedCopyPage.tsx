import { Alert, Button, Card, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { apiUrl } from '../../../ui/api';
import { DetailPanel } from '../../../ui/DetailPanel';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { useApiQuery } from '../../../ui/useApiQuery';
import type { SharedView } from './types';

/** 分享副本 (public): what the recipient of a shared link sees — verification, purpose, expiry, the watermarked PDF. */
export function SharedCopyPage() {
  const { token = '' } = useParams();
  const path = `/licenses/licenses/shared/${encodeURIComponent(token)}`;
  const { data, error, loading, reload } = useApiQuery<SharedView>(path, undefined, { on401: 'throw' });

  return (
    <div className="portal-page">
      <div className="portal-container" style={{ maxWidth: 720 }}>
        {loading && !data ? <Skeleton active /> : null}
        {error?.status === 404 ? <Result status="warning" title="分享链接无效" subTitle={error.message} /> : error ? <ErrorAlert error={error} onRetry={reload} /> : null}
        {data ? (
          <Flex vertical gap={16}>
            <Alert type="warning" showIcon title={`${data.watermark}，${formatDateTime(data.expiresAt)} 前有效`} data-testid="shared-watermark" />
            <Card
              variant="borderless"
              title={
                <Flex gap={8} align="center" wrap>
                  <SafetyCertificateOutlined style={{ color: '#1f5fc6' }} />
                  <span>{data.verification.license?.typeName ?? '电子证照'}</span>
                  <Tag color={data.verification.valid ? 'green' : 'red'} data-testid="shared-verdict">{data.verification.verdict}</Tag>
                </Flex>
              }
              extra={<Button icon={<DownloadOutlined />} href={apiUrl(`${path}/pdf`)}>下载副本 PDF</Button>}
            >
              {data.verification.license ? (
                <DetailPanel
                  column={1}
                  items={[
                    { label: '持证主体', value: `${data.verification.license.holder.name}（${data.verification.license.holder.id}）` },
                    ...data.verification.license.face.map((f) => ({ label: f.label, value: f.value })),
                    { label: '有效期', value: `${data.verification.license.validFrom} 至 ${data.verification.license.validUntil ?? '长期'}` },
                    { label: '颁发机构', value: data.verification.license.issuerName },
                    { label: '电子印章', value: data.verification.signature.valid ? `有效（${data.verification.signature.sealName ?? ''}）` : '无效' },
                    { label: '证照标识', value: <span style={{ wordBreak: 'break-all', fontSize: 12 }}>{data.verification.identifier}</span> },
                    { label: '核验时间', value: formatDateTime(data.verification.checkedAt) },
                  ]}
                />
              ) : null}
              <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 12, marginBottom: 0 }}>
                本页信息由平台实时核验电子印章与证照状态后显示；持证人可随时撤销分享。
              </Typography.Paragraph>
            </Card>
          </Flex>
        ) : null}
      </div>
    </div>
  );
}
