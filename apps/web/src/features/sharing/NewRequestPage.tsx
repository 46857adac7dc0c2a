import { useEffect, useMemo, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Input, InputNumber, Result, Select, Skeleton, Tag, Tooltip, Typography,
} from 'antd';
import { SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type Page } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import type { CatalogSystem, PublishedEntry, SearchHit, ShareType } from '../catalog/types';
import { ipListRule, useSharingMeta } from './sharing-ui';
import type { Operation, PurposeType, RequestInput, ShareRequest } from './types';

interface RequestForm {
  items: string[];
  purposeType: PurposeType;
  purposeText: string;
  legalBasis: string;
  scenario: string;
  consumerSystemId: string;
  allowedIps: string[];
  validUntil: Dayjs | null;
  expectedDailyVolume: number | null;
  operations: Operation[];
}

const FIELD_NAMES = [
  'items', 'purposeType', 'purposeText', 'legalBasis', 'scenario', 'consumerSystemId', 'allowedIps', 'validUntil', 'expectedDailyVolume', 'operations',
] as const;

const SHARE_TEXT: Record<ShareType, string> = { unconditional: '无条件共享', conditional: '有条件共享', none: '不予共享' };
const SHARE_COLOR: Record<ShareType, string> = { unconditional: 'green', conditional: 'blue', none: 'red' };

/** 新建共享申请 at /sharing/requests/new?entryId=: the catalog entry, the items wanted, purpose, system, IPs, validity. */
export function NewRequestPage() {
  const [params, setParams] = useSearchParams();
  const entryId = params.get('entryId');
  return (
    <>
      <PageHeader
        title="新建共享申请"
        subtitle="选择需要的信息项，说明用途和依据；有条件共享的数据经数据局符合性审查后由提供部门审核"
        breadcrumb={[{ title: '共享申请', path: '/sharing/requests' }, { title: '新建申请' }]}
      />
      {entryId ? (
        <RequestFormCard key={entryId} entryId={entryId} onChangeEntry={() => setParams({}, { replace: true })} />
      ) : (
        <EntryPicker onPick={(id) => setParams({ entryId: id }, { replace: true })} />
      )}
    </>
  );
}

/** Without an entry in the address: search the published catalog for one. */
function EntryPicker({ onPick }: { onPick: (id: string) => void }) {
  const [q, setQ] = useState('');
  const hits = useApiQuery<Page<SearchHit>>('/catalog/search', { q: q.trim() || undefined, pageSize: 20 });
  return (
    <Card variant="borderless">
      <Typography.Paragraph>
        请选择要申请共享的目录（也可在 <Link to="/catalog/search">目录检索</Link> 中打开目录详情，点击“申请共享”）。
      </Typography.Paragraph>
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        placeholder="输入目录名称或信息项名称搜索"
        style={{ width: '100%', maxWidth: 560 }}
        loading={hits.loading}
        notFoundContent={hits.loading ? '加载中…' : '没有符合条件的已发布目录'}
        onChange={(v: string) => onPick(v)}
        options={(hits.data?.items ?? []).map((h) => ({
          value: h.id,
          label: `${h.name}（${h.departmentName ?? '—'}）`,
          disabled: h.shareType === 'none',
        }))}
        data-testid="sharing-entry-picker"
      />
      {hits.error ? <ErrorAlert error={hits.error} title="目录加载失败" onRetry={hits.reload} style={{ marginTop: 12 }} /> : null}
    </Card>
  );
}

function RequestFormCard({ entryId, onChangeEntry }: { entryId: string; onChangeEntry: () => void }) {
  const navigate = useNavigate();
  const { user } = useAuth();
  const { modal } = App.useApp();
  const meta = useSharingMeta();
  const entry = useApiQuery<PublishedEntry>(`/catalog/published/${entryId}`);
  const systems = useApiQuery<Page<CatalogSystem>>(user?.departmentId ? '/catalog/systems' : null, { departmentId: user?.departmentId ?? undefined, pageSize: 100 });
  const [form] = Form.useForm<RequestForm>();
  const { submitting, run } = useSubmit();
  const [notShareable, setNotShareable] = useState<string[]>([]);
  const maxDays = meta.settings?.maxValidityDays ?? 1095;

  const e = entry.data;
  const items = useMemo(
    () => (e?.items ?? []).map((it) => ({ ...it, effective: (it.shareType ?? e?.shareType ?? 'conditional') as ShareType })),
    [e],
  );
  const shareable = items.filter((it) => it.effective !== 'none');

  if (entry.error) {
    if (entry.error.status === 404) {
      return (
        <Result
          status="404"
          title="目录不存在或未发布"
          subTitle="只能对已发布的目录提出共享申请。"
          extra={<Button type="primary" onClick={onChangeEntry}>重新选择目录</Button>}
        />
      );
    }
    return <ErrorAlert error={entry.error} title="目录加载失败" onRetry={entry.reload} />;
  }
  if (!e) return <div className="page-card"><Skeleton active paragraph={{ rows: 10 }} /></div>;

  const own = !!user?.departmentId && e.departmentId === user.departmentId;
  const nothing = shareable.length === 0;
  const systemOptions = (systems.data?.items ?? []).map((s) => ({
    value: s.id,
    label: s.status === 'running' ? s.name : `${s.name}（${s.status === 'building' ? '在建' : '已停用'}）`,
    disabled: s.status === 'retired',
  }));

  const submit = (v: RequestForm) => {
    const body: RequestInput = {
      entryId,
      items: v.items,
      purposeType: v.purposeType,
      purposeText: v.purposeText.trim(),
      legalBasis: v.legalBasis.trim(),
      scenario: v.scenario.trim(),
      consumerSystemId: v.consumerSystemId,
      allowedIps: v.allowedIps.map((ip) => ip.trim()),
      validUntil: (v.validUntil as Dayjs).format('YYYY-MM-DD'),
      expectedDailyVolume: v.expectedDailyVolume as number,
      operations: v.operations,
    };
    const conditional = v.items.some((code) => items.find((it) => it.codeName === code)?.effective === 'conditional');
    modal.confirm({
      title: '确认提交共享申请？',
      content: conditional
        ? '所选信息项含有条件共享数据：数据局进行符合性审查后，由提供部门审核。办理进度可在“共享申请”中查看。'
        : '所选信息项均为无条件共享：数据局符合性审查通过后即授权（或按平台设置自动授权）。',
      okText: '提交',
      okButtonProps: { 'data-testid': 'sharing-request-confirm' },
      onOk: async () => {
        setNotShareable([]);
        const r = await run(() => api.post<ShareRequest>('/sharing/requests', body), {
          form,
          fieldNames: FIELD_NAMES,
          codeFields: { SHARING_ITEMS_NOT_SHAREABLE: 'items', SHARING_OWN_ENTRY: 'items' },
          success: '共享申请已提交',
        });
        if (r.ok) navigate(`/sharing/requests/${r.value.id}`);
        else {
          const err = r.error as { code?: string; details?: Record<string, unknown> };
          if (err.code === 'SHARING_ITEMS_NOT_SHAREABLE' && Array.isArray(err.details?.items)) {
            setNotShareable((err.details.items as unknown[]).map(String));
          }
        }
      },
    });
  };

  return (
    <Card variant="borderless">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={5} style={{ margin: 0 }}>
            <Link to={`/catalog/published/${e.id}`}>{e.name}</Link>
          </Typography.Title>
          <Typography.Text type="secondary">
            <span className="sharing-mono">{e.code}</span> · 提供部门：{e.departmentName ?? e.providerName ?? '—'}
            {' · '}
            {e.mounted ? '已挂接数据' : '尚未挂接数据'}
          </Typography.Text>
        </div>
        <Flex gap={8} align="center">
          {e.shareType ? <Tag color={SHARE_COLOR[e.shareType]}>{SHARE_TEXT[e.shareType]}</Tag> : null}
          <Button size="small" onClick={onChangeEntry}>更换目录</Button>
        </Flex>
      </Flex>
      {own ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="这是本部门的目录，无需申请共享" /> : null}
      {nothing ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="该目录的信息项均为不予共享，不能申请"
          description={e.noShareBasisText ? `不予共享依据：${e.noShareBasisText}` : undefined}
        />
      ) : null}
      <Form<RequestForm> form={form} layout="vertical" initialValues={{ validUntil: dayjs().add(1, 'year'), operations: ['query'], purposeType: 'administrative_basis' }} onFinish={submit} disabled={own || nothing} style={{ maxWidth: 880 }} scrollToFirstError>
        <Form.Item
          name="items"
          label={
            <Flex gap={12} align="center">
              <span>申请的信息项</span>
              <Button
                size="small"
                type="link"
                onClick={() => form.setFieldValue('items', shareable.map((it) => it.codeName))}
                data-testid="sharing-items-all"
              >
                全选可共享项
              </Button>
            </Flex>
          }
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个信息项' }]}
          extra="按最小必要原则选择；不予共享的信息项不能申请"
        >
          <Checkbox.Group style={{ display: 'block', width: '100%' }} data-testid="sharing-items">
            <div className="sharing-items-grid">
              {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该目录没有信息项" /> : null}
              {items.map((it) => {
                const none = it.effective === 'none';
                const box = (
                  <Checkbox
                    key={it.codeName}
                    value={it.codeName}
                    disabled={none}
                    data-testid={`sharing-item-${it.codeName}`}
                  >
                    <span className={none ? 'sharing-item-none' : undefined}>{it.name}</span>
                    <span className="sharing-muted sharing-mono"> {it.codeName}</span>
                    {it.effective === 'conditional' ? <Tag color="blue" style={{ marginInlineStart: 6 }}>有条件</Tag> : null}
                    {none || notShareable.includes(it.codeName) ? <Tag color="red" style={{ marginInlineStart: 6 }}>不予共享</Tag> : null}
                  </Checkbox>
                );
                return none ? (
                  <Tooltip key={it.codeName} title={`不予共享${e.noShareBasisText ? `：${e.noShareBasisText}` : it.description ? `：${it.description}` : '（目录编制部门已标注为不予共享）'}`}>
                    <div>{box}</div>
                  </Tooltip>
                ) : (
                  <div key={it.codeName}>{box}</div>
                );
              })}
            </div>
          </Checkbox.Group>
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="purposeType" label="用途" rules={[{ required: true, message: '请选择用途' }]} style={{ width: 220 }}>
            <Select options={meta.purposeOptions} data-testid="sharing-purpose-type" />
          </Form.Item>
          <Form.Item name="scenario" label="应用场景" rules={[{ required: true, whitespace: true, message: '请填写应用场景' }, { max: 500, message: '不超过 500 字' }]} style={{ flex: 1, minWidth: 280 }}>
            <Input maxLength={500} placeholder="如：最低生活保障申请审核（政务服务事项）" data-testid="sharing-scenario" />
          </Form.Item>
        </Flex>
        <Form.Item name="purposeText" label="用途说明" rules={[{ required: true, whitespace: true, message: '请说明数据的具体用途' }, { max: 1000, message: '不超过 1000 字' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="说明使用这些数据做什么、为什么需要每一个信息项" data-testid="sharing-purpose-text" />
        </Form.Item>
        <Form.Item name="legalBasis" label="法律法规或政策依据" rules={[{ required: true, whitespace: true, message: '请填写依据' }, { max: 1000, message: '不超过 1000 字' }]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder="如：《社会救助暂行办法》第十一条" data-testid="sharing-legal-basis" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="consumerSystemId"
            label="调用数据的信息系统"
            rules={[{ required: true, message: '请选择本部门的信息系统' }]}
            style={{ width: 320 }}
            extra={systems.data && systems.data.items.length === 0 ? <span>本部门尚未登记信息系统，请先到 <Link to="/catalog/systems">信息系统</Link> 登记</span> : undefined}
          >
            <Select
              options={systemOptions}
              loading={systems.loading}
              placeholder="本部门已登记的政务信息系统"
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="sharing-system"
            />
          </Form.Item>
          <Form.Item
            name="allowedIps"
            label="调用方 IP 地址"
            required
            rules={[ipListRule(true)]}
            style={{ flex: 1, minWidth: 320 }}
            extra="IPv4 地址或 CIDR 网段，输入后回车；可填多个"
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ', ';']} placeholder="如 10.20.1.15 或 10.20.1.0/24" suffixIcon={null} data-testid="sharing-ips" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="validUntil"
            label="有效期至"
            rules={[{ required: true, message: '请选择有效期' }]}
            extra={`最长 ${maxDays} 天`}
          >
            <DatePicker
              style={{ width: 200 }}
              disabledDate={(d) => !d.isAfter(dayjs(), 'day') || d.isAfter(dayjs().add(maxDays, 'day'), 'day')}
              data-testid="sharing-valid-until"
            />
          </Form.Item>
          <Form.Item name="expectedDailyVolume" label="预计日调用量" rules={[{ required: true, message: '请填写预计日调用量' }]}>
            <InputNumber min={1} max={100000000} precision={0} style={{ width: 200 }} suffix="次/日" data-testid="sharing-volume" />
          </Form.Item>
          <Form.Item name="operations" label="调用方式" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种调用方式' }]}>
            <Checkbox.Group options={meta.operationOptions} data-testid="sharing-operations" />
          </Form.Item>
        </Flex>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={submitting} data-testid="sharing-request-submit">
            提交申请
          </Button>
          <Button onClick={() => navigate(-1)} disabled={false}>取消</Button>
        </Flex>
      </Form>
    </Card>
  );
}
