import { useState } from 'react';
import { ItemList } from '../../../ui/ItemList';
import { Alert, Breadcrumb, Button, Card, Empty, Flex, Form, Input, InputNumber, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { DownloadOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api, apiUrl } from '../../../ui/api';
import { DetailPanel } from '../../../ui/DetailPanel';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { NotFound } from '../../../ui/NotFound';
import { useApiQuery } from '../../../ui/useApiQuery';
import { useSubmit } from '../../../ui/useSubmit';
import { ConsentsSection } from './ConsentsSection';
import { MINE, SHARE_STATUS, STATUS_COLORS, type CreatedShare, type Share, type WalletDetail } from './types';
import { UsesList } from './UsesList';
import { validityText } from './WalletPage';

/** One of my licenses (portal): its data, the PDF, shareable copies, consents for its type and its use log. */
export function WalletLicensePage() {
  const { id = '' } = useParams();
  const { data: lic, error, loading, reload } = useApiQuery<WalletDetail>(`${MINE}/${id}`);

  if (error?.status === 404) return <NotFound />;
  return (
    <div className="portal-page">
      <div className="portal-container">
        <Breadcrumb items={[{ title: <Link to="/portal/licenses">我的证照</Link> }, { title: lic?.typeName ?? '证照' }]} style={{ marginBottom: 12 }} />
        {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
        {loading && !lic ? <Skeleton active /> : null}
        {lic ? (
          <Flex vertical gap={16}>
            <Card
              variant="borderless"
              title={
                <Flex gap={8} align="center" wrap>
                  <span>{lic.typeName}</span>
                  <Tag color={STATUS_COLORS[lic.status.code]} data-testid="wallet-status">{lic.status.label}</Tag>
                </Flex>
              }
              extra={
                <Button icon={<DownloadOutlined />} href={apiUrl(`${MINE}/${lic.id}/pdf`)} data-testid="wallet-pdf">
                  下载 PDF
                </Button>
              }
            >
              <DetailPanel
                column={1}
                items={[
                  { label: '持证主体', value: lic.holder.name },
                  ...lic.labelledFields.map((f) => ({ label: f.label, value: f.value })),
                  { label: '有效期', value: validityText(lic) },
                  { label: '颁发机构', value: lic.issuer.name },
                  { label: '颁发日期', value: lic.issuedOn },
                  { label: '证照标识', value: <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>{lic.identifier}</Typography.Text> },
                  ...(lic.ended ? [{ label: '终止', value: `${lic.ended.on} ${lic.ended.reason}` }] : []),
                  ...(lic.versions.length > 1 ? [{ label: '版本', value: `第 ${lic.version} 版（共 ${lic.versions.length} 版）` }] : []),
                ]}
              />
            </Card>
            <Card variant="borderless" title="分享副本">
              <Shares licenseId={lic.id} canShare={lic.status.code === 'valid'} />
            </Card>
            <Card variant="borderless" title="授权记录">
              <ConsentsSection typeCode={lic.typeCode} />
            </Card>
            <Card variant="borderless" title="用证记录">
              <UsesList licenseId={lic.id} />
            </Card>
          </Flex>
        ) : null}
      </div>
    </div>
  );
}

/** 生成分享副本: a link (仅供<用途>使用, 1–30 days) shown once with a copy button, and the list with revoke. */
function Shares({ licenseId, canShare }: { licenseId: string; canShare: boolean }) {
  const [form] = Form.useForm<{ purpose: string; days: number }>();
  const { data, error, loading, reload } = useApiQuery<{ items: Share[] }>(`${MINE}/${licenseId}/shares`);
  const { run, submitting } = useSubmit();
  const [created, setCreated] = useState<CreatedShare | null>(null);

  const create = async (v: { purpose: string; days: number }) => {
    const r = await run(() => api.post<CreatedShare>(`${MINE}/${licenseId}/shares`, v), { form, success: '已生成分享副本' });
    if (r.ok) {
      setCreated(r.value);
      form.resetFields();
      reload();
    }
  };
  const revoke = async (s: Share) => {
    const r = await run(() => api.delete(`${MINE}/${licenseId}/shares/${s.id}`), { success: '分享已撤销，链接立即失效' });
    if (r.ok) reload();
  };

  return (
    <Flex vertical gap={12}>
      {canShare ? (
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ days: 7 }} data-testid="share-form">
          <Flex gap={8} wrap align="flex-end">
            <Form.Item name="purpose" label="用途（印在副本水印上）" rules={[{ required: true, whitespace: true, message: '请填写用途' }, { max: 50 }]} style={{ flex: '1 1 200px', marginBottom: 0 }}>
              <Input placeholder="如：银行开户" maxLength={50} />
            </Form.Item>
            <Form.Item name="days" label="有效天数" rules={[{ required: true }]} style={{ marginBottom: 0 }}>
              <InputNumber min={1} max={30} precision={0} style={{ width: 96 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<ShareAltOutlined />} loading={submitting}>
              生成分享副本
            </Button>
          </Flex>
        </Form>
      ) : (
        <Typography.Text type="secondary">只有有效的证照可以分享。</Typography.Text>
      )}
      {created ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(null)}
          title={`仅供${created.purpose}使用，${formatDateTime(created.expiresAt)} 前有效。链接只显示这一次，请立即复制：`}
          description={
            <Typography.Paragraph copyable={{ text: `${window.location.origin}${created.url}` }} style={{ wordBreak: 'break-all', marginBottom: 0 }} data-testid="share-link">
              {`${window.location.origin}${created.url}`}
            </Typography.Paragraph>
          }
        />
      ) : null}
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <ItemList
        loading={loading}
        empty="尚未分享"
        rows={(data?.items ?? []).map((s) => ({
          key: s.id,
          testId: 'share-item',
          actions: s.status === 'active' ? [
            <Popconfirm key="revoke" title="撤销后链接立即失效，确定撤销？" okText="撤销" cancelText="取消" onConfirm={() => void revoke(s)}>
              <Button type="link" danger size="small">撤销</Button>
            </Popconfirm>,
          ] : [],
          title: <span>仅供{s.purpose}使用 <Tag color={SHARE_STATUS[s.status].color}>{SHARE_STATUS[s.status].label}</Tag></span>,
          description: `有效至 ${formatDateTime(s.expiresAt)} · 已查看 ${s.opens} 次${s.lastOpenedAt ? `（最近 ${formatDateTime(s.lastOpenedAt)}）` : ''}`,
        }))}
      />
    </Flex>
  );
}
