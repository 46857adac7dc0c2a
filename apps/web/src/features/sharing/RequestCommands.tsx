import { useEffect } from 'react';
import { Alert, App, Checkbox, DatePicker, Divider, Flex, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../ui/api';
import { useSubmit } from '../../ui/useSubmit';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import { useSharingMeta } from './sharing-ui';
import type { GrantTerms, Operation, ShareRequest } from './types';

export type RequestAction = 'check' | 'approve' | 'refuse' | 'transfer' | 'withdraw' | 'arbitration' | 'arbitrate';

interface TermsForm {
  items?: string[];
  operations?: Operation[];
  allowedIps?: string[];
  validUntil?: Dayjs | null;
  rateLimitPerMinute?: number | null;
  dailyQuota?: number | null;
  requireCaseNumber?: boolean;
  requireOperatorId?: boolean;
}

interface ActionForm {
  decision?: string;
  note?: string;
  reasonCode?: string;
  reasonText?: string;
  departmentId?: string;
  reason?: string;
  grant?: TermsForm;
}

const TITLES: Record<RequestAction, string> = {
  check: '符合性审查',
  approve: '同意共享',
  refuse: '拒绝共享',
  transfer: '转交其他部门',
  withdraw: '撤回申请',
  arbitration: '申请数据局协调',
  arbitrate: '协调裁决',
};

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The grant terms the form holds, sent only where they tighten the request (the server's defaults are the request's). */
function toTerms(r: ShareRequest, t: TermsForm | undefined): GrantTerms | undefined {
  if (!t) return undefined;
  const terms: GrantTerms = {};
  if (t.items && !sameSet(t.items, r.items)) terms.items = t.items;
  if (t.operations && !sameSet(t.operations, r.operations)) terms.operations = t.operations;
  if (t.allowedIps && !sameSet(t.allowedIps, r.allowedIps)) terms.allowedIps = t.allowedIps;
  if (t.validUntil && t.validUntil.format('YYYY-MM-DD') !== r.validUntil) terms.validUntil = t.validUntil.format('YYYY-MM-DD');
  if (typeof t.rateLimitPerMinute === 'number') terms.rateLimitPerMinute = t.rateLimitPerMinute;
  if (typeof t.dailyQuota === 'number' && t.dailyQuota !== r.expectedDailyVolume) terms.dailyQuota = t.dailyQuota;
  if (t.requireCaseNumber) terms.requireCaseNumber = true;
  if (t.requireOperatorId) terms.requireOperatorId = true;
  return Object.keys(terms).length ? terms : undefined;
}

/** Grant terms under `grant.*`: start from what was requested; the provider (or the bureau) may only narrow them. */
function GrantTermsFields({ request }: { request: ShareRequest }) {
  const meta = useSharingMeta();
  const maxRate = meta.settings?.defaultRateLimitPerMinute;
  return (
    <>
      <Divider titlePlacement="start" plain style={{ margin: '8px 0 12px' }}>授权条件（只能收窄申请范围）</Divider>
      <Form.Item name={['grant', 'items']} label="授权的信息项" rules={[{ required: true, type: 'array', min: 1, message: '请至少保留一个信息项' }]}>
        <Checkbox.Group
          options={request.items.map((code, i) => ({ value: code, label: request.itemNames[i] ?? code }))}
          data-testid="sharing-grant-items"
        />
      </Form.Item>
      <Form.Item name={['grant', 'operations']} label="调用方式" rules={[{ required: true, type: 'array', min: 1, message: '请至少保留一种调用方式' }]}>
        <Checkbox.Group options={request.operations.map((o) => ({ value: o, label: meta.operationLabel(o) }))} />
      </Form.Item>
      <Form.Item name={['grant', 'allowedIps']} label="允许的 IP" rules={[{ required: true, type: 'array', min: 1, message: '请至少保留一个 IP' }]}>
        <Select mode="multiple" options={request.allowedIps.map((ip) => ({ value: ip, label: ip }))} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name={['grant', 'validUntil']} label="有效期至" rules={[{ required: true, message: '请选择有效期' }]}>
          <DatePicker
            style={{ width: 170 }}
            disabledDate={(d) => !d.isAfter(dayjs(), 'day') || d.isAfter(dayjs(request.validUntil), 'day')}
          />
        </Form.Item>
        <Form.Item name={['grant', 'rateLimitPerMinute']} label="频率上限" extra={maxRate ? `不超过 ${maxRate} 次/分钟；不填按平台默认` : '不填按平台默认'}>
          <InputNumber min={1} max={maxRate} precision={0} style={{ width: 150 }} suffix="次/分" />
        </Form.Item>
        <Form.Item name={['grant', 'dailyQuota']} label="每日配额" extra={`不超过申请的 ${request.expectedDailyVolume} 次/日`}>
          <InputNumber min={1} max={request.expectedDailyVolume} precision={0} style={{ width: 150 }} suffix="次/日" />
        </Form.Item>
      </Flex>
      <Flex gap={24} wrap>
        <Form.Item name={['grant', 'requireCaseNumber']} label="调用须带业务办件编号" valuePropName="checked">
          <Switch size="small" />
        </Form.Item>
        <Form.Item name={['grant', 'requireOperatorId']} label="调用须带经办人标识" valuePropName="checked">
          <Switch size="small" />
        </Form.Item>
      </Flex>
    </>
  );
}

/** One of the actions on a share request, as a dialog with its fields and a final confirm. */
export function RequestActionModal({ action, request, onClose, onDone }: {
  action: RequestAction | null;
  request: ShareRequest;
  onClose: () => void;
  onDone: (next: ShareRequest) => void;
}) {
  const [form] = Form.useForm<ActionForm>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  const meta = useSharingMeta();
  const checkDecision = Form.useWatch('decision', form);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    const terms: TermsForm = {
      items: request.items,
      operations: request.operations,
      allowedIps: request.allowedIps,
      validUntil: dayjs(request.validUntil),
      dailyQuota: request.expectedDailyVolume,
      requireCaseNumber: false,
      requireOperatorId: false,
    };
    if (action === 'check') form.setFieldsValue({ decision: 'pass' });
    if (action === 'approve') form.setFieldsValue({ grant: terms });
    if (action === 'arbitrate') form.setFieldsValue({ decision: 'grant', grant: terms });
  }, [action, request, form]);

  if (!action) return null;
  const id = request.id;
  const arbitrateDecision = checkDecision;

  const send = (v: ActionForm): { path: string; body: unknown; success: string; confirm: string; danger?: boolean } => {
    switch (action) {
      case 'check':
        return v.decision === 'pass'
          ? { path: `/sharing/requests/${id}/check`, body: { decision: 'pass', ...(v.note?.trim() ? { note: v.note.trim() } : {}) }, success: '已通过符合性审查', confirm: request.shareType === 'unconditional' ? '通过后即授权（无条件共享）。' : '通过后转提供部门审核。' }
          : { path: `/sharing/requests/${id}/check`, body: { decision: 'reject', note: v.note?.trim() }, success: '已退回申请（审查未通过）', confirm: '审查不通过，申请结束；申请部门可修改后重新申请。', danger: true };
      case 'approve':
        if (request.kind === 'renewal') {
          return { path: `/sharing/requests/${id}/review`, body: { decision: 'approve' }, success: '已同意续期', confirm: `同意后授权有效期延长至 ${request.validUntil}（已过期的授权恢复有效）。` };
        }
        return { path: `/sharing/requests/${id}/review`, body: { decision: 'approve', ...(toTerms(request, v.grant) ? { grant: toTerms(request, v.grant) } : {}) }, success: '已同意，授权已生效', confirm: '同意后立即生成授权，申请部门的系统可按授权条件调用数据。' };
      case 'refuse':
        return { path: `/sharing/requests/${id}/review`, body: { decision: 'refuse', reasonCode: v.reasonCode, reasonText: v.reasonText?.trim() }, success: '已拒绝该申请', confirm: '拒绝须有法定事由；申请部门可申请数据局协调，协调结果具有约束力。', danger: true };
      case 'transfer':
        return { path: `/sharing/requests/${id}/transfer`, body: { departmentId: v.departmentId, note: v.note?.trim() }, success: '已转交', confirm: '转交后由新的提供部门审核，审核时限重新起算。' };
      case 'withdraw':
        return { path: `/sharing/requests/${id}/withdraw`, body: v.note?.trim() ? { note: v.note.trim() } : {}, success: '申请已撤回', confirm: '撤回后申请结束，不能恢复；需要时可重新申请。', danger: true };
      case 'arbitration':
        return { path: `/sharing/requests/${id}/arbitration`, body: { reason: v.reason?.trim() }, success: '已申请数据局协调', confirm: '数据局将审查拒绝理由并作出裁决，裁决具有约束力。' };
      case 'arbitrate':
        return v.decision === 'grant'
          ? { path: `/sharing/requests/${id}/arbitration/decision`, body: { decision: 'grant', note: v.note?.trim(), ...(toTerms(request, v.grant) ? { grant: toTerms(request, v.grant) } : {}) }, success: '已裁决：予以共享，授权已生效', confirm: '裁决予以共享，立即生成授权；提供部门须执行。' }
          : { path: `/sharing/requests/${id}/arbitration/decision`, body: { decision: 'uphold', note: v.note?.trim() }, success: '已裁决：维持拒绝', confirm: '裁决维持提供部门的拒绝，申请结束。', danger: true };
    }
  };

  const submit = (v: ActionForm) => {
    const s = send(v);
    modal.confirm({
      title: `确认${TITLES[action]}？`,
      content: s.confirm,
      okText: '确认',
      okButtonProps: { danger: s.danger, 'data-testid': 'sharing-action-confirm' },
      onOk: async () => {
        const r = await run(() => api.post<ShareRequest>(s.path, s.body), {
          form,
          fieldNames: ['decision', 'note', 'reasonCode', 'reasonText', 'departmentId', 'reason', 'grant'],
          codeFields: { SHARING_REFUSAL_REASON_REQUIRED: 'reasonText' },
          success: s.success,
        });
        if (r.ok) onDone(r.value);
      },
    });
  };

  const danger = action === 'refuse' || action === 'withdraw' || (action === 'check' && checkDecision === 'reject') || (action === 'arbitrate' && arbitrateDecision === 'uphold');
  const wide = (action === 'approve' && request.kind !== 'renewal') || action === 'arbitrate';

  return (
    <Modal
      open
      title={TITLES[action]}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={TITLES[action]}
      okButtonProps={{ danger, 'data-testid': 'sharing-action-submit' }}
      confirmLoading={submitting}
      width={wide ? 720 : 520}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {request.requesterDepartmentName ?? '—'} 申请 {request.providerDepartmentName ?? '—'} 的“{request.entryName}”（{request.itemNames.length} 个信息项）
      </Typography.Paragraph>
      <Form<ActionForm> form={form} layout="vertical" onFinish={submit} style={wide ? { maxHeight: '62vh', overflow: 'auto', paddingRight: 8 } : undefined}>
        {action === 'check' ? (
          <>
            <Form.Item name="decision" label="审查结论" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={[{ value: 'pass', label: '通过' }, { value: 'reject', label: '不通过（退回）' }]} />
            </Form.Item>
            <Form.Item
              name="note"
              label={checkDecision === 'reject' ? '不通过的理由' : '审查意见'}
              rules={[{ required: checkDecision === 'reject', whitespace: true, message: '请填写不通过的理由' }, { max: 1000, message: '不超过 1000 字' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="sharing-check-note" />
            </Form.Item>
          </>
        ) : null}
        {action === 'approve' ? (
          request.kind === 'renewal'
            ? <Alert type="info" showIcon title={`续期申请：同意后原授权有效期延长至 ${request.validUntil}，其他授权条件不变`} />
            : <GrantTermsFields request={request} />
        ) : null}
        {action === 'refuse' ? (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="非因法定事由不得拒绝：须选择拒绝事由并具体说明" />
            <Form.Item name="reasonCode" label="拒绝事由" rules={[{ required: true, message: '请选择拒绝事由' }]}>
              <Select options={meta.refusalOptions} placeholder="请选择法定事由" data-testid="sharing-refuse-code" />
            </Form.Item>
            <Form.Item
              name="reasonText"
              label="具体说明"
              rules={[{ required: true, whitespace: true, message: '请具体说明拒绝的理由和依据' }, { min: 4, message: '请至少写 4 个字' }, { max: 1000, message: '不超过 1000 字' }]}
            >
              <Input.TextArea rows={4} maxLength={1000} showCount placeholder="引用的法律法规条款、所涉信息项等" data-testid="sharing-refuse-text" />
            </Form.Item>
          </>
        ) : null}
        {action === 'transfer' ? (
          <>
            <Form.Item name="departmentId" label="转交给" rules={[{ required: true, message: '请选择部门' }]}>
              <DepartmentTreeSelect placeholder="负责该数据的部门" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label="转交说明" rules={[{ required: true, whitespace: true, message: '请说明转交原因' }, { max: 1000, message: '不超过 1000 字' }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </>
        ) : null}
        {action === 'withdraw' ? (
          <Form.Item name="note" label="撤回原因" rules={[{ max: 1000, message: '不超过 1000 字' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        ) : null}
        {action === 'arbitration' ? (
          <>
            {request.refusal ? (
              <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`拒绝事由：${request.refusal.label}`} description={request.refusal.text} />
            ) : null}
            <Form.Item name="reason" label="申请协调的理由" rules={[{ required: true, whitespace: true, message: '请说明为何认为拒绝不成立' }, { max: 1000, message: '不超过 1000 字' }]}>
              <Input.TextArea rows={4} maxLength={1000} showCount data-testid="sharing-arbitration-reason" />
            </Form.Item>
          </>
        ) : null}
        {action === 'arbitrate' ? (
          <>
            {request.refusal ? (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`提供部门拒绝事由：${request.refusal.label}`} description={request.refusal.text} />
            ) : null}
            {request.arbitrationReason ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title="申请部门的协调理由" description={request.arbitrationReason} /> : null}
            <Form.Item name="decision" label="裁决" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={[{ value: 'grant', label: '予以共享' }, { value: 'uphold', label: '维持拒绝' }]} />
            </Form.Item>
            <Form.Item name="note" label="裁决意见" rules={[{ required: true, whitespace: true, message: '请填写裁决意见' }, { max: 1000, message: '不超过 1000 字' }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="sharing-arbitrate-note" />
            </Form.Item>
            {arbitrateDecision === 'grant' ? <GrantTermsFields request={request} /> : null}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
