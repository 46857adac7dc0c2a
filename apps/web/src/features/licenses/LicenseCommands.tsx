import { useEffect } from 'react';
import { Alert, App, DatePicker, Divider, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../ui/api';
import { useSubmit } from '../../ui/useSubmit';
import { fromFieldValues, LicenseFieldInputs, toFieldValues, type FieldFormValues } from './license-ui';
import type { LicenseDetail, LicenseType } from './types';

interface CommandProps {
  open: boolean;
  license: LicenseDetail;
  onClose: () => void;
  onDone: (next: LicenseDetail) => void;
}

/** 延续: a new version with a new period (starting the day after the old one ends, unless given). */
export function RenewModal({ open, license, onClose, onDone }: CommandProps) {
  const [form] = Form.useForm<{ validFrom?: Dayjs | null; reason?: string }>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = (v: { validFrom?: Dayjs | null; reason?: string }) =>
    modal.confirm({
      title: '确认延续？',
      content: '将换发新版本（新的证照标识和有效期），并加盖本部门现用印章；当前版本标为“已换发新版本”。',
      okText: '延续',
      onOk: async () => {
        const body = { ...(v.validFrom ? { validFrom: v.validFrom.format('YYYY-MM-DD') } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) };
        const r = await run(() => api.post<LicenseDetail>(`/licenses/licenses/${license.id}/renewals`, body), { form, fieldNames: ['validFrom', 'reason'], success: '已延续，换发新版本' });
        if (r.ok) onDone(r.value);
      },
    });

  return (
    <Modal open={open} title="延续证照" onCancel={onClose} onOk={() => form.submit()} okText="延续" confirmLoading={submitting} destroyOnHidden>
      <p>当前有效期：{license.validFrom} 至 {license.validUntil ?? '长期有效'}</p>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="validFrom" label="新有效期起始日" extra="不填：原有效期届满次日（已届满的从今天起）">
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" label="事由" rules={[{ max: 500, message: '不超过 500 字' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ChangeForm {
  holderName: string;
  fields?: FieldFormValues;
  reason: string;
}

/** 变更: a new version with changed data and the same period; only changed values are sent (null removes). */
export function ChangeModal({ open, license, type, onClose, onDone }: CommandProps & { type: LicenseType }) {
  const [form] = Form.useForm<ChangeForm>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ holderName: license.holder.name, fields: fromFieldValues(type.fields, license.fields) });
  }, [open, license, type, form]);

  const submit = (v: ChangeForm) => {
    const next = toFieldValues(type.fields, v.fields);
    const fields: Record<string, unknown> = {};
    for (const f of type.fields) {
      const before = license.fields[f.name];
      const after = next[f.name];
      if (after === undefined && before !== undefined && before !== null) fields[f.name] = null;
      else if (after !== undefined && after !== before) fields[f.name] = after;
    }
    const holderName = v.holderName.trim();
    const body = {
      reason: v.reason.trim(),
      ...(Object.keys(fields).length ? { fields } : {}),
      ...(holderName !== license.holder.name ? { holderName } : {}),
    };
    if (!body.fields && !body.holderName) {
      form.setFields([{ name: 'reason', errors: ['没有修改任何内容'] }]);
      return;
    }
    modal.confirm({
      title: '确认变更？',
      content: '将换发新版本（新的证照标识），有效期不变；当前版本标为“已换发新版本”。',
      okText: '变更',
      onOk: async () => {
        const r = await run(() => api.post<LicenseDetail>(`/licenses/licenses/${license.id}/changes`, body), {
          form,
          fieldNames: ['holderName', 'fields', 'reason'],
          success: '已变更，换发新版本',
        });
        if (r.ok) onDone(r.value);
      },
    });
  };

  return (
    <Modal open={open} title="变更证照信息" onCancel={onClose} onOk={() => form.submit()} okText="变更" confirmLoading={submitting} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxHeight: '60vh', overflow: 'auto', paddingRight: 8 }}>
        <Form.Item name="holderName" label={license.holder.type === 'citizen' ? '姓名' : '单位名称'} rules={[{ required: true, whitespace: true, message: '请输入持证主体名称' }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <LicenseFieldInputs defs={type.fields} />
        <Divider />
        <Form.Item name="reason" label="变更事由" rules={[{ required: true, whitespace: true, message: '请填写变更事由' }, { max: 500, message: '不超过 500 字' }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="license-change-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RevokeForm {
  kind: 'revoke' | 'cancel';
  reason: string;
  date?: Dayjs | null;
}

const KIND_TEXT = { revoke: '吊销', cancel: '注销' } as const;

/** 吊销 (a sanction) or 注销 (the license ends, e.g. on request or the holder's dissolution), with reason and date. */
export function RevokeModal({ open, license, onClose, onDone }: CommandProps) {
  const [form] = Form.useForm<RevokeForm>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  const kind = Form.useWatch('kind', form) ?? 'revoke';
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ kind: 'revoke', date: dayjs() });
    }
  }, [open, form]);

  const submit = (v: RevokeForm) =>
    modal.confirm({
      title: `确认${KIND_TEXT[v.kind]}此证照？`,
      content: `${KIND_TEXT[v.kind]}后证照即失效，验证结果显示“已${KIND_TEXT[v.kind]}”，并列入状态清单；此操作不能撤销。`,
      okText: `确认${KIND_TEXT[v.kind]}`,
      okButtonProps: { danger: true, 'data-testid': 'license-revoke-confirm' },
      onOk: async () => {
        const body = { kind: v.kind, reason: v.reason.trim(), ...(v.date ? { date: v.date.format('YYYY-MM-DD') } : {}) };
        const r = await run(() => api.post<LicenseDetail>(`/licenses/licenses/${license.id}/revocations`, body), {
          form,
          fieldNames: ['kind', 'reason', 'date'],
          success: `证照已${KIND_TEXT[v.kind]}`,
        });
        if (r.ok) onDone(r.value);
      },
    });

  return (
    <Modal
      open={open}
      title="吊销或注销证照"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={KIND_TEXT[kind]}
      okButtonProps={{ danger: true, 'data-testid': 'license-revoke-submit' }}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="吊销、注销后证照不能恢复；如需继续持证，须重新制证。" />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={[{ value: 'revoke', label: '吊销（行政处罚）' }, { value: 'cancel', label: '注销' }]} />
        </Form.Item>
        <Form.Item name="reason" label={`${KIND_TEXT[kind]}原因`} rules={[{ required: true, whitespace: true, message: '请填写原因' }, { max: 500, message: '不超过 500 字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="license-revoke-reason" />
        </Form.Item>
        <Form.Item name="date" label="生效日期" extra={`不早于颁发日期 ${license.issuedOn}，不晚于今天`}>
          <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(license.issuedOn), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
