import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, Result, Skeleton, Space, Table, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import {
  DownloadOutlined, EditOutlined, FilePdfOutlined, HistoryOutlined, SafetyCertificateOutlined, StopOutlined, SyncOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { api, downloadUrl } from '../../ui/api';
import { DetailPanel } from '../../ui/DetailPanel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { saveFile } from '../../ui/save-file';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { ChangeModal, RenewModal, RevokeModal } from './LicenseCommands';
import { LicenseStatusTag, SealImage, showValue } from './license-ui';
import {
  HOLDER_ID_LABELS, HOLDER_TYPE_LABELS, ORIGIN_LABELS, USE_OUTCOME_LABELS,
  type LicenseDetail, type LicenseType, type LicenseUse, type SignedDocument,
} from './types';

const STATE_LABELS: Record<string, string> = { active: '现行', superseded: '已换发', revoked: '已吊销', cancelled: '已注销' };
const STATE_COLORS: Record<string, string> = { active: 'green', superseded: 'gray', revoked: 'red', cancelled: 'gray' };

/** 证照详情: face data, status, identifier, seal, versions, 用证记录, and the issuer's commands. */
export function LicenseDetailPage() {
  const { id = '' } = useParams();
  // A new version opens as a fresh page (first tab, no open dialog).
  return <LicenseDetail key={id} id={id} />;
}

function LicenseDetail({ id }: { id: string }) {
  const navigate = useNavigate();
  const { user, can } = useAuth();
  const license = useApiQuery<LicenseDetail>(`/licenses/licenses/${id}`);
  const l = license.data && license.data.id === id ? license.data : undefined;
  const type = useApiQuery<LicenseType>(l ? `/licenses/types/${l.typeId}` : null);
  const [tab, setTab] = useState('face');
  const [dialog, setDialog] = useState<'renew' | 'change' | 'revoke' | null>(null);
  const [purpose, setPurpose] = useState('');
  const { submitting, run } = useSubmit();

  if (license.error) {
    if (license.error.status === 404) {
      return (
        <Result
          status="404"
          title="证照不存在"
          subTitle="该证照不存在，或不是本部门颁发的。"
          extra={<Button type="primary" onClick={() => navigate('/licenses/licenses')}>返回证照管理</Button>}
        />
      );
    }
    return <ErrorAlert error={license.error} title="证照加载失败" onRetry={license.reload} />;
  }
  if (!l) return <div className="page-card"><Skeleton active paragraph={{ rows: 12 }} /></div>;

  const defs = type.data?.fields ?? [];
  const isIssuer = can('licenses.license.issue') && !!user?.departmentId && l.issuer.departmentId === user.departmentId;
  const current = l.state === 'active';
  const canRenew = isIssuer && current && l.validUntil !== null;
  const canChange = isIssuer && current && l.status.code !== 'expired';
  const canRevoke = isIssuer && current;
  const pdfHref = (p?: string) => downloadUrl(`/licenses/licenses/${l.id}/pdf`, p ? { purpose: p } : undefined);
  const verifyPath = `/verify/${encodeURIComponent(l.identifier)}`;

  const downloadSigned = async () => {
    const r = await run(() => api.get<SignedDocument>(`/licenses/licenses/${l.id}/signed-document`));
    if (r.ok) saveFile(`${JSON.stringify(r.value, null, 2)}\n`, `${l.identifier}.json`, 'application/json');
  };

  const afterNewVersion = (next: LicenseDetail) => {
    setDialog(null);
    if (next.id !== l.id) navigate(`/licenses/licenses/${next.id}`);
    else license.setData(next);
  };

  // Field values in the type's order, then anything the type no longer defines.
  const fieldItems = [
    ...defs.map((f) => ({
      label: f.label,
      value: showValue(l.fields[f.name]) === '' ? '' : (
        <span>
          {showValue(l.fields[f.name])}
          {!f.onFace ? <Tag style={{ marginInlineStart: 8 }}>非照面</Tag> : null}
        </span>
      ),
    })),
    ...Object.keys(l.fields).filter((k) => !defs.some((f) => f.name === k)).map((k) => ({ label: k, value: showValue(l.fields[k]) })),
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={12} wrap>
            <span>{l.typeName}</span>
            <LicenseStatusTag status={l.status} withSince />
            {l.version > 1 ? <Tag>第 {l.version} 版</Tag> : null}
          </Space>
        }
        subtitle={`${l.holder.name} · ${l.issuer.name}颁发`}
        breadcrumb={[{ title: '证照管理', path: '/licenses/licenses' }, { title: l.typeName }]}
        extra={
          <>
            {canRenew ? <Button icon={<SyncOutlined />} onClick={() => setDialog('renew')} data-testid="license-renew">延续</Button> : null}
            {canChange ? <Button icon={<EditOutlined />} onClick={() => setDialog('change')} data-testid="license-change">变更</Button> : null}
            {canRevoke ? <Button danger icon={<StopOutlined />} onClick={() => setDialog('revoke')} data-testid="license-revoke">吊销/注销</Button> : null}
            <Link to={verifyPath} target="_blank" data-testid="license-verify-link">
              <Button icon={<SafetyCertificateOutlined />}>验证</Button>
            </Link>
          </>
        }
      />
      {!current && l.supersededById ? (
        <Card size="small" style={{ marginBottom: 16, background: '#fffbe6', borderColor: '#ffe58f' }}>
          此版本已换发新版本，<Link to={`/licenses/licenses/${l.supersededById}`}>查看现行版本</Link>
        </Card>
      ) : null}
      <div className="page-card">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'face',
              label: '证照信息',
              children: (
                <Flex vertical gap={20}>
                  <DetailPanel
                    column={2}
                    items={[
                      {
                        label: '证照标识',
                        span: 2,
                        value: <Typography.Text copyable className="licenses-mono" data-testid="license-identifier">{l.identifier}</Typography.Text>,
                      },
                      { label: '证照类型', value: `${l.typeName}（${l.typeCode}）` },
                      { label: '状态', value: <LicenseStatusTag status={l.status} withSince /> },
                      { label: '持证主体', value: `${l.holder.name}（${HOLDER_TYPE_LABELS[l.holder.type]}）` },
                      { label: HOLDER_ID_LABELS[l.holder.type], value: <span className="licenses-mono">{l.holder.id}</span> },
                      { label: '颁发部门', value: l.issuer.name },
                      { label: '颁发日期', value: formatDate(l.issuedOn) },
                      { label: '有效期', value: `${l.validFrom} 至 ${l.validUntil ?? '长期有效'}` },
                      { label: '制证时间', value: formatDateTime(l.issuedAt) },
                      ...(l.ended ? [{ label: l.state === 'revoked' ? '吊销' : '注销', value: `${l.ended.on}：${l.ended.reason}`, span: 2 }] : []),
                      ...(l.changeReason ? [{ label: `${ORIGIN_LABELS[l.origin] ?? ''}事由`, value: l.changeReason, span: 2 }] : []),
                    ]}
                  />
                  <div>
                    <Typography.Title level={5}>证照数据</Typography.Title>
                    {type.error ? <ErrorAlert error={type.error} title="证照类型加载失败" onRetry={type.reload} style={{ marginBottom: 12 }} /> : null}
                    {type.loading && !type.data ? <Skeleton active /> : fieldItems.length ? <DetailPanel column={2} items={fieldItems} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无字段" />}
                  </div>
                  <Flex gap={24} wrap align="flex-start">
                    <Card size="small" title="加盖的电子印章" style={{ minWidth: 320 }}>
                      <Flex gap={12} align="center">
                        <SealImage sealId={l.seal.id} size={88} alt={l.seal.name} />
                        <div>
                          <div>{l.seal.name}</div>
                          <div className="licenses-muted licenses-mono">{l.seal.esId}</div>
                        </div>
                      </Flex>
                    </Card>
                    <Card size="small" title="文件" style={{ minWidth: 320, flex: 1 }}>
                      <Flex vertical gap={12}>
                        <Flex gap={8} wrap>
                          <Button icon={<FilePdfOutlined />} href={pdfHref()} download="" data-testid="license-pdf">下载 PDF</Button>
                          <Tooltip title="签名的证照数据与 SES_Signature，可离线验证">
                            <Button icon={<DownloadOutlined />} loading={submitting} onClick={() => void downloadSigned()} data-testid="license-signed-document">下载签章文件</Button>
                          </Tooltip>
                        </Flex>
                        <Space.Compact style={{ maxWidth: 420 }}>
                          <Input value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={50} placeholder="用途，如：办理银行开户" aria-label="副本用途" />
                          <Button href={purpose.trim() ? pdfHref(purpose.trim()) : undefined} disabled={!purpose.trim()} download="" data-testid="license-pdf-purpose">
                            生成用途副本
                          </Button>
                        </Space.Compact>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>用途副本带“仅供……使用”水印，交给办事单位留存。</Typography.Text>
                      </Flex>
                    </Card>
                  </Flex>
                </Flex>
              ),
            },
            { key: 'versions', label: `版本（${l.versions.length}）`, children: <VersionsTimeline license={l} /> },
            { key: 'uses', label: <span><HistoryOutlined /> 用证记录</span>, children: tab === 'uses' ? <UsesTab id={l.id} /> : null },
          ]}
        />
      </div>
      {type.data ? (
        <>
          <RenewModal open={dialog === 'renew'} license={l} onClose={() => setDialog(null)} onDone={afterNewVersion} />
          <ChangeModal open={dialog === 'change'} license={l} type={type.data} onClose={() => setDialog(null)} onDone={afterNewVersion} />
          <RevokeModal open={dialog === 'revoke'} license={l} onClose={() => setDialog(null)} onDone={afterNewVersion} />
        </>
      ) : null}
    </>
  );
}

function VersionsTimeline({ license }: { license: LicenseDetail }) {
  const versions = [...license.versions].sort((a, b) => b.version - a.version);
  return (
    <Timeline
      items={versions.map((v) => ({
        color: STATE_COLORS[v.state] ?? 'gray',
        content: (
          <div>
            <Space size={8} wrap>
              <strong>第 {v.version} 版</strong>
              <Tag>{ORIGIN_LABELS[v.origin] ?? v.origin}</Tag>
              <Tag color={STATE_COLORS[v.state]}>{STATE_LABELS[v.state] ?? v.state}</Tag>
              <span className="licenses-muted">{formatDateTime(v.issuedAt)}</span>
              {v.id === license.id ? <Tag color="blue">当前查看</Tag> : <Link to={`/licenses/licenses/${v.id}`}>查看</Link>}
            </Space>
            <div className="licenses-muted licenses-mono">{v.identifier}</div>
            {v.changeReason ? <div>事由：{v.changeReason}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

function UsesTab({ id }: { id: string }) {
  const uses = useApiQuery<{ items: LicenseUse[] }>(`/licenses/licenses/${id}/uses`);
  if (uses.error) return <ErrorAlert error={uses.error} title="用证记录加载失败" onRetry={uses.reload} />;
  return (
    <Table<LicenseUse>
      rowKey="id"
      size="small"
      loading={uses.loading}
      dataSource={uses.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无部门调用此证照" /> }}
      columns={[
        { title: '时间', dataIndex: 'usedAt', render: formatDateTime },
        { title: '用途', dataIndex: 'purpose' },
        { title: '办件编号', dataIndex: 'caseNumber', render: (v: string | null) => v ?? '—' },
        { title: '调用人', dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
        { title: '结果', dataIndex: 'outcome', render: (o: string) => <Tag color={o === 'provided' ? 'green' : 'orange'}>{USE_OUTCOME_LABELS[o] ?? o}</Tag> },
        { title: '授权', dataIndex: 'consent', render: (c: unknown) => (c ? <Typography.Text className="licenses-mono" style={{ fontSize: 12 }}>{JSON.stringify(c)}</Typography.Text> : '—') },
      ]}
    />
  );
}
