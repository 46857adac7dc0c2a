import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Drawer, Empty, Flex, Form, InputNumber, Modal, Segmented, Skeleton, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { api } from '../../ui/api';
import { DetailPanel } from '../../ui/DetailPanel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { saveFile } from '../../ui/save-file';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import { SealImage } from './license-ui';
import type { Seal, SealDetail } from './types';

/** 电子印章: each issuing department's seal (GB/T 38540 SESeal), made and rotated by the bureau. */
export function SealsPage() {
  const { can } = useAuth();
  const canManage = can('licenses.seal.manage');
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [status, setStatus] = useState<'active' | 'retired' | 'all'>('active');
  const seals = useApiQuery<{ items: Seal[] }>('/licenses/seals', { departmentId, status: status === 'all' ? undefined : status });
  const [viewing, setViewing] = useState<string | null>(null);
  const [making, setMaking] = useState<{ open: boolean; departmentId?: string }>({ open: false });
  const items = seals.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="电子印章"
        subtitle="各颁发部门的电子证照专用章：制证时加盖，验证时核对。更换印章后，旧章签发的证照仍可验证。"
        extra={canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setMaking({ open: true })}>制作新印章</Button> : null}
      />
      <div className="page-card">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <DepartmentTreeSelect value={departmentId} onChange={setDepartmentId} placeholder="所属部门" style={{ width: 220 }} />
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[{ value: 'active', label: '在用' }, { value: 'retired', label: '已停用' }, { value: 'all', label: '全部' }]}
          />
        </Flex>
        {seals.error ? <ErrorAlert error={seals.error} title="印章加载失败" onRetry={seals.reload} style={{ marginBottom: 16 }} /> : null}
        {seals.loading && !seals.data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的印章" />
        ) : (
          <div className="licenses-seal-grid">
            {items.map((s) => (
              <Card
                key={s.id}
                size="small"
                hoverable
                className={`licenses-seal-card${s.status === 'retired' ? ' is-retired' : ''}`}
                onClick={() => setViewing(s.id)}
                data-testid="seal-card"
              >
                <Flex gap={12} align="center">
                  <SealImage sealId={s.id} size={96} alt={s.name} />
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{s.departmentName}</Typography.Text>
                    <div className="licenses-muted">{s.name}</div>
                    <div className="licenses-muted licenses-mono">{s.esId}</div>
                    <div className="licenses-muted">{formatDate(s.validStart)} 至 {formatDate(s.validEnd)}</div>
                    <Badge status={s.status === 'active' ? 'success' : 'default'} text={s.status === 'active' ? '在用' : `已停用 ${formatDate(s.retiredAt)}`} />
                  </div>
                </Flex>
              </Card>
            ))}
          </div>
        )}
      </div>
      <SealDrawer
        id={viewing}
        onClose={() => setViewing(null)}
        onReplace={canManage ? (s) => setMaking({ open: true, departmentId: s.departmentId }) : undefined}
      />
      <MakeSealModal
        open={making.open}
        departmentId={making.departmentId}
        onClose={() => setMaking({ open: false })}
        onMade={() => {
          setMaking({ open: false });
          setViewing(null);
          seals.reload();
        }}
      />
    </>
  );
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function SealDrawer({ id, onClose, onReplace }: { id: string | null; onClose: () => void; onReplace?: (s: Seal) => void }) {
  const seal = useApiQuery<SealDetail>(id ? `/licenses/seals/${id}` : null);
  const s = seal.data && seal.data.id === id ? seal.data : undefined;
  const derSize = useMemo(() => (s ? base64ToBytes(s.sealDer).length : 0), [s]);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={s ? s.name : '电子印章'}
      size={640}
      destroyOnHidden
      footer={s ? (
        <Flex justify="flex-end" gap={8}>
          <Button icon={<DownloadOutlined />} onClick={() => saveFile(new Blob([base64ToBytes(s.sealDer)], { type: 'application/octet-stream' }), `${s.esId}.der`)}>
            下载 SESeal（DER）
          </Button>
          {onReplace && s.status === 'active' ? <Button type="primary" icon={<SyncOutlined />} onClick={() => onReplace(s)}>更换印章</Button> : null}
        </Flex>
      ) : undefined}
    >
      {seal.error ? <ErrorAlert error={seal.error} title="印章加载失败" onRetry={seal.reload} /> : null}
      {!s ? (
        seal.error ? null : <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Flex justify="center"><SealImage sealId={s.id} size={180} alt={s.name} /></Flex>
          <DetailPanel
            column={1}
            items={[
              { label: '印章名称', value: s.name },
              { label: '印章标识（esID）', value: <span className="licenses-mono">{s.esId}</span> },
              { label: '所属部门', value: s.departmentName },
              { label: '状态', value: <Badge status={s.status === 'active' ? 'success' : 'default'} text={s.status === 'active' ? '在用' : `已停用（${formatDateTime(s.retiredAt)}）`} /> },
              { label: '有效期', value: `${formatDateTime(s.validStart)} 至 ${formatDateTime(s.validEnd)}` },
              { label: '印章类型', value: s.sealType === 1 ? '单位印章' : String(s.sealType) },
              { label: '图像格式', value: s.pictureType },
              { label: 'SESeal 数据', value: `GB/T 38540-2020 v4，DER 编码 ${derSize.toLocaleString('zh-CN')} 字节` },
              { label: '签章者公钥（SM2）', value: <Typography.Text copyable className="licenses-mono" style={{ fontSize: 12 }}>{s.publicKey}</Typography.Text> },
              { label: '制章者公钥（SM2）', value: <Typography.Text copyable className="licenses-mono" style={{ fontSize: 12 }}>{s.makerPublicKey}</Typography.Text> },
              { label: '制作时间', value: formatDateTime(s.createdAt) },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}

function MakeSealModal({ open, departmentId, onClose, onMade }: { open: boolean; departmentId?: string; onClose: () => void; onMade: () => void }) {
  const [form] = Form.useForm<{ departmentId: string; validYears: number }>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  const chosen = Form.useWatch('departmentId', form);
  const current = useApiQuery<{ items: Seal[] }>(open && chosen ? '/licenses/seals' : null, { departmentId: chosen, status: 'active' });
  const active = current.data?.items[0];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ departmentId, validYears: 5 });
  }, [open, departmentId, form]);

  const make = (v: { departmentId: string; validYears: number }) => {
    const go = async () => {
      const r = await run(() => api.post<Seal>('/licenses/seals', v), { form, fieldNames: ['departmentId', 'validYears'], success: active ? '已更换印章' : '印章已制作' });
      if (r.ok) onMade();
    };
    if (!active) return void go();
    modal.confirm({
      title: `更换「${active.departmentName}」的印章？`,
      content: (
        <div>
          <p>现用印章 {active.esId} 将停用，今后制证加盖新印章。</p>
          <p>已用旧印章签发的证照内嵌旧印章，仍然可以验证，不受影响。</p>
          <p style={{ color: '#cf1322' }}>如怀疑私钥泄露，更换印章并不能让旧章签发的证照失效。</p>
        </div>
      ),
      okText: '确认更换',
      okButtonProps: { danger: true },
      onOk: go,
    });
  };

  return (
    <Modal
      open={open}
      title={active ? '更换印章' : '制作新印章'}
      onCancel={onClose}
      okText={active ? '更换印章' : '制作'}
      onOk={() => form.submit()}
      confirmLoading={submitting}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'seal-make-submit' }}
    >
      <Form form={form} layout="vertical" onFinish={make}>
        <Form.Item name="departmentId" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
          <DepartmentTreeSelect />
        </Form.Item>
        <Form.Item name="validYears" label="有效年数" rules={[{ required: true, message: '请输入有效年数' }]}>
          <InputNumber min={1} max={20} precision={0} addonAfter="年" style={{ width: 160 }} />
        </Form.Item>
      </Form>
      {chosen ? (
        active ? (
          <Alert type="warning" showIcon title={`该部门现有在用印章 ${active.esId}，制作新印章后它将停用`} description="旧印章签发的证照仍可验证。" />
        ) : current.loading ? null : (
          <Alert type="info" showIcon title="该部门尚无在用印章，制作后即可制证" />
        )
      ) : null}
    </Modal>
  );
}
