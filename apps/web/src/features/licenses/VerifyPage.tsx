import { useEffect, useState } from 'react';
import { Alert, Button, Card, Collapse, Descriptions, Flex, Input, Skeleton, Space, Typography, Upload } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { ApiError, request } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import type { Verification } from './types';
import './licenses.css';

type Outcome = { source: string; result: Verification } | { source: string; error: unknown } | null;

/**
 * Public 电子证照验证 at /verify and /verify/:identifier (the QR code on a license PDF points here): verify by
 * identifier or by uploading the license PDF. No login; works on a phone.
 */
export function VerifyPage() {
  const { identifier: param } = useParams();
  const navigate = useNavigate();
  const [text, setText] = useState(param ?? '');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setText(param ?? '');
    if (!param) {
      setOutcome(null);
      return;
    }
    const controller = new AbortController();
    setBusy(true);
    setOutcome(null);
    request<Verification>(`/licenses/verify/${encodeURIComponent(param)}`, { signal: controller.signal, on401: 'throw' })
      .then((result) => setOutcome({ source: `证照标识 ${param}`, result }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setOutcome({ source: `证照标识 ${param}`, error });
      })
      .finally(() => {
        if (!controller.signal.aborted) setBusy(false);
      });
    return () => controller.abort();
  }, [param]);

  const verifyText = () => {
    const id = text.trim();
    if (!id) return;
    navigate(`/verify/${encodeURIComponent(id)}`);
  };

  const verifyPdf = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await request<Verification>('/licenses/verify/pdf', { method: 'POST', raw: { data: file, contentType: 'application/pdf' }, on401: 'throw' });
      setOutcome({ source: `文件 ${file.name}`, result });
    } catch (error) {
      setOutcome({ source: `文件 ${file.name}`, error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="portal-page">
      <div className="portal-container">
        <div className="verify-page">
          <h1><SafetyCertificateOutlined style={{ color: '#1f5fc6' }} /> 电子证照验证</h1>
          <Typography.Paragraph type="secondary">
            扫描证照上的二维码，或输入证照标识、上传证照 PDF，核验电子印章和证照当前状态。无需登录。
          </Typography.Paragraph>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Flex vertical gap={12}>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  onPressEnter={verifyText}
                  placeholder="证照标识，如 1.2.156.3005.2.…"
                  allowClear
                  maxLength={120}
                  className="licenses-mono"
                  aria-label="证照标识"
                  data-testid="verify-input"
                />
                <Button type="primary" onClick={verifyText} loading={busy && !!param} disabled={!text.trim()} data-testid="verify-submit">验证</Button>
              </Space.Compact>
              <Flex align="center" gap={8} wrap>
                <Upload
                  accept="application/pdf,.pdf"
                  showUploadList={false}
                  maxCount={1}
                  beforeUpload={(file) => {
                    void verifyPdf(file);
                    return false;
                  }}
                >
                  <Button icon={<FilePdfOutlined />} disabled={busy} data-testid="verify-upload">上传证照 PDF 验证</Button>
                </Upload>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>本平台下载的证照 PDF，不超过 10 MB</Typography.Text>
              </Flex>
            </Flex>
          </Card>

          {busy ? <Card><Skeleton active paragraph={{ rows: 5 }} /></Card> : null}
          {!busy && outcome && 'error' in outcome ? <VerifyError error={outcome.error} /> : null}
          {!busy && outcome && 'result' in outcome ? <VerificationCard v={outcome.result} source={outcome.source} /> : null}
          <Checks />
        </div>
      </div>
    </div>
  );
}

function VerifyError({ error }: { error: unknown }) {
  if (error instanceof ApiError && (error.code === 'LICENSES_IDENTIFIER_UNKNOWN' || error.status === 404)) {
    return (
      <div data-testid="verify-verdict" data-verdict="unknown">
        <Alert type="error" showIcon title="查无此证" description="本平台没有颁发过这一标识的证照。请核对标识是否输入完整，或向出示证照的单位、个人确认。" />
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 400) {
    return (
      <div data-testid="verify-verdict" data-verdict="input">
        <Alert type="warning" showIcon title="无法验证" description={error.message} />
      </div>
    );
  }
  return <ErrorAlert error={error} title="验证服务暂时不可用" />;
}

function verdictTone(v: Verification): 'ok' | 'warn' | 'bad' {
  if (v.valid) return 'ok';
  if (v.signature.valid && (v.status.code === 'unknown' || v.status.code === 'not_yet_valid')) return 'warn';
  return 'bad';
}

function VerificationCard({ v, source }: { v: Verification; source: string }) {
  const tone = verdictTone(v);
  const Icon = tone === 'ok' ? CheckCircleFilled : tone === 'warn' ? ExclamationCircleFilled : CloseCircleFilled;
  const lic = v.license;
  const sub = !v.signature.valid
    ? '电子印章或签名未通过核验，证照内容可能被篡改或印章不被信任'
    : v.status.since
      ? `${v.status.label}，自 ${v.status.since} 起`
      : v.status.label;
  return (
    <Card styles={{ body: { padding: 0 } }} style={{ overflow: 'hidden', marginBottom: 16 }}>
      <div className={`verify-verdict is-${tone}`} data-testid="verify-verdict" data-verdict={v.valid ? 'valid' : tone}>
        <Icon />
        <div>
          <div className="verify-verdict-text">{v.verdict}</div>
          <div className="verify-verdict-sub">{sub}</div>
        </div>
      </div>
      <div style={{ padding: 16 }}>
        {v.signature.problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title="核验发现的问题"
            description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{v.signature.problems.map((p) => <li key={p.code}>{p.message}</li>)}</ul>}
          />
        ) : null}
        {v.matchesRegistry === false ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title="所提交的证照数据与登记的证照不一致" description="签章有效，但文件中的数据不是该证照当前登记的数据，请以登记信息为准。" />
        ) : null}
        {lic ? (
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            size="small"
            bordered
            styles={{ label: { whiteSpace: 'nowrap' } }}
            title={lic.typeName}
            items={[
              { key: 'holder', label: '持证主体', children: `${lic.holder.name}` },
              { key: 'holderId', label: lic.holder.code === '111' ? '公民身份号码' : '统一社会信用代码', children: <span className="licenses-mono">{lic.holder.id}</span> },
              { key: 'issuer', label: '颁发单位', children: lic.issuerName },
              { key: 'issuedOn', label: '颁发日期', children: lic.issuedOn },
              { key: 'validity', label: '有效期', children: `${lic.validFrom} 至 ${lic.validUntil ?? '长期有效'}` },
              { key: 'status', label: '当前状态', children: v.status.since ? `${v.status.label}（自 ${v.status.since}）` : v.status.label },
              ...lic.face.map((f) => ({ key: `f-${f.name}`, label: f.label, children: f.value })),
              { key: 'version', label: '版本', children: `第 ${lic.version} 版` },
              ...(v.identifier ? [{ key: 'id', label: '证照标识', children: <span className="licenses-mono" style={{ fontSize: 12 }}>{v.identifier}</span> }] : []),
            ]}
          />
        ) : null}
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          size="small"
          bordered
          styles={{ label: { whiteSpace: 'nowrap' } }}
          style={{ marginTop: 12 }}
          title="电子签章"
          items={[
            { key: 'sig', label: '签章核验', children: v.signature.valid ? '通过' : '未通过' },
            { key: 'seal', label: '印章', children: v.signature.sealName ?? '—' },
            { key: 'dept', label: '用章单位', children: v.signature.department?.name ?? '—' },
            { key: 'signedAt', label: '签章时间', children: formatDateTime(v.signature.signedAt) },
            { key: 'esId', label: '印章标识', children: <span className="licenses-mono" style={{ fontSize: 12 }}>{v.signature.esId ?? '—'}</span> },
            { key: 'maker', label: '制章者', children: `${v.signature.maker.name ?? '未知'}${v.signature.maker.trusted ? '（受信任）' : '（不受信任）'}` },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '12px 0 0' }}>
          核验对象：{source} · 核验时间 {formatDateTime(v.checkedAt)}。为保护个人信息，身份号码和姓名已部分隐去，仅显示照面上的公开信息。
        </Typography.Paragraph>
      </div>
    </Card>
  );
}

function Checks() {
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'checks',
          label: '验证了什么',
          children: (
            <div style={{ fontSize: 13 }}>
              <ul className="verify-checks" style={{ paddingInlineStart: 18, margin: 0 }}>
                <li>电子签章数据结构（GB/T 38540-2020，SM2/SM3）与签章人对签章数据的签名；</li>
                <li>签章人的公钥在印章登记的证书列表中，印章由受信任的制章者制作（本平台或已互认的外地平台）；</li>
                <li>签章时印章处于有效期内；</li>
                <li>证照数据的 SM3 杂凑与签章中记录的一致（内容未被改动）；</li>
                <li>证照在登记簿中的当前状态：有效、已过期、已吊销、已注销或已换发新版本。</li>
              </ul>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
                未核验：证书链与证书吊销（平台不依赖 CA 证书）、可信时间戳（签章时间为签章方声明）。外地平台颁发的证照只能核验签章，状态以颁发方为准。
              </Typography.Paragraph>
            </div>
          ),
        },
      ]}
    />
  );
}
