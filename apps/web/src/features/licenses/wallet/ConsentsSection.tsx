import { useState } from 'react';
import { ItemList } from '../../../ui/ItemList';
import { Button, Checkbox, DatePicker, Drawer, Form, Input, Popconfirm, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../ui/api';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { useApiQuery } from '../../../ui/useApiQuery';
import { useSubmit } from '../../../ui/useSubmit';
import { CONSENT_STATUS, MINE, type Consent, type ConsentOptions } from './types';

interface ConsentForm {
  typeCode: string;
  departmentId: string;
  purpose: string;
  serviceItem?: string;
  caseNumber?: string;
  once?: boolean;
  until: Dayjs;
}

/** 授权管理: the holder's consents to use (all, or for one license type), with grant and revoke. */
export function ConsentsSection({ typeCode }: { typeCode?: string }) {
  const { data, error, loading, reload } = useApiQuery<{ items: Consent[] }>(`${MINE}/consents`);
  const [open, setOpen] = useState(false);
  const { run, submitting } = useSubmit();
  const items = (data?.items ?? []).filter((c) => !typeCode || c.typeCode === typeCode);

  const revoke = async (c: Consent) => {
    const r = await run(() => api.delete(`${MINE}/consents/${c.id}`), { success: '授权已撤销' });
    if (r.ok) reload();
  };

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8, gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          经您授权的部门才能在办事时调取您的证照；授权最长一年，可随时撤销。
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="consent-new">
          新增授权
        </Button>
      </div>
      <ItemList
        loading={loading}
        empty="暂无授权"
        rows={items.map((c) => ({
          key: c.id,
          testId: 'consent-item',
          actions: c.status === 'active' ? [
            <Popconfirm key="revoke" title="撤销后该部门不能再调取此证照，确定撤销？" okText="撤销" cancelText="取消" onConfirm={() => void revoke(c)}>
              <Button type="link" danger size="small" loading={submitting}>撤销</Button>
            </Popconfirm>,
          ] : [],
          title: (
            <span>
              {c.typeName} → {c.departmentName} <Tag color={CONSENT_STATUS[c.status].color}>{CONSENT_STATUS[c.status].label}</Tag>
              {c.once ? <Tag>一次性</Tag> : null}
            </span>
          ),
          description: [
            `用途：${c.purpose}`,
            c.serviceItem ? `事项：${c.serviceItem}` : null,
            c.caseNumber ? `办件编号：${c.caseNumber}` : null,
            `有效至 ${formatDate(c.until)}`,
            `已调取 ${c.useCount} 次`,
          ].filter(Boolean).join(' · '),
        }))}
      />
      <ConsentDrawer open={open} typeCode={typeCode} onClose={() => setOpen(false)} onSaved={() => { setOpen(false); reload(); }} />
    </>
  );
}

function ConsentDrawer({ open, typeCode, onClose, onSaved }: { open: boolean; typeCode?: string; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<ConsentForm>();
  const options = useApiQuery<ConsentOptions>(open ? `${MINE}/consent-options` : null);
  const { run, submitting } = useSubmit();
  const once = Form.useWatch('once', form);

  const submit = async (v: ConsentForm) => {
    const r = await run(
      () => api.post<Consent>(`${MINE}/consents`, {
        typeCode: v.typeCode, departmentId: v.departmentId, purpose: v.purpose, serviceItem: v.serviceItem || null,
        caseNumber: v.caseNumber || null, once: !!v.once, until: v.until.format('YYYY-MM-DD'),
      }),
      { form, success: '已授权', fieldNames: ['typeCode', 'departmentId', 'purpose', 'serviceItem', 'caseNumber', 'until'] },
    );
    if (r.ok) {
      form.resetFields();
      onSaved();
    }
  };

  return (
    <Drawer title="新增用证授权" open={open} onClose={onClose} size={drawerWidth()} destroyOnHidden>
      {options.error ? <ErrorAlert error={options.error} onRetry={options.reload} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ typeCode, until: dayjs().add(3, 'month'), once: false }}>
        <Form.Item name="typeCode" label="证照" rules={[{ required: true, message: '请选择证照' }]}>
          <Select loading={options.loading} options={(options.data?.types ?? []).map((t) => ({ value: t.code, label: t.name }))} placeholder="选择证照类型" />
        </Form.Item>
        <Form.Item name="departmentId" label="授权部门（可调取的部门）" rules={[{ required: true, message: '请选择部门' }]}>
          <Select showSearch optionFilterProp="label" loading={options.loading} options={(options.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))} placeholder="搜索部门" />
        </Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, whitespace: true, message: '请填写用途' }, { max: 200 }]}>
          <Input placeholder="如：办理户口迁移" />
        </Form.Item>
        <Form.Item name="serviceItem" label="政务服务事项（可选）" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="once" valuePropName="checked">
          <Checkbox>一次性授权（首次调取后失效）</Checkbox>
        </Form.Item>
        {once ? (
          <Form.Item name="caseNumber" label="办件编号" rules={[{ max: 50 }]}>
            <Input placeholder="只对该办件有效" />
          </Form.Item>
        ) : null}
        <Form.Item name="until" label="有效至（最长一年）" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'year'), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          确认授权
        </Button>
      </Form>
    </Drawer>
  );
}

/** Drawers fill a phone's screen and stay 480px wide elsewhere. */
export const drawerWidth = () => Math.min(480, typeof window === 'undefined' ? 480 : window.innerWidth);
