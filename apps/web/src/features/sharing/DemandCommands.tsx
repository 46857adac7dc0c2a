import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { api, type Page } from '../../ui/api';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import type { SearchHit } from '../catalog/types';
import { useSharingMeta } from './sharing-ui';
import type { Demand } from './types';

export type DemandAction = 'route' | 'transfer' | 'answer' | 'confirm' | 'withdraw';

const TITLES: Record<DemandAction, string> = {
  route: '分派需求', transfer: '转交其他部门', answer: '答复需求', confirm: '确认满足情况', withdraw: '撤回需求',
};

interface ActionForm {
  departmentId?: string;
  note?: string;
  outcome?: 'catalogued' | 'refused';
  entryId?: string;
  reasonCode?: string;
  reasonText?: string;
  satisfied?: boolean;
}

/** Published entries of my department (to answer a demand by cataloguing), searchable. */
function OwnEntrySelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { user } = useAuth();
  const [q, setQ] = useState('');
  const hits = useApiQuery<Page<SearchHit>>(user?.departmentId ? '/catalog/search' : null, { department: user?.departmentId ?? undefined, q: q.trim() || undefined, pageSize: 20 });
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="搜索本部门已发布的目录"
      loading={hits.loading}
      notFoundContent={hits.loading ? '加载中…' : '本部门没有符合条件的已发布目录'}
      options={(hits.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.name}（${h.code}）` }))}
      data-testid="sharing-demand-entry"
    />
  );
}

/** One action on a demand, with its fields and a final confirm. */
export function DemandActionModal({ action, demand, onClose, onDone }: {
  action: DemandAction | null;
  demand: Demand;
  onClose: () => void;
  onDone: (next: Demand) => void;
}) {
  const [form] = Form.useForm<ActionForm>();
  const { submitting, run } = useSubmit();
  const { modal } = App.useApp();
  const meta = useSharingMeta();
  const outcome = Form.useWatch('outcome', form);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action === 'answer') form.setFieldsValue({ outcome: 'catalogued' });
    if (action === 'confirm') form.setFieldsValue({ satisfied: demand.answer?.outcome === 'catalogued' });
    if (action === 'route' && demand.targetDepartmentId) form.setFieldsValue({ departmentId: demand.targetDepartmentId });
  }, [action, demand, form]);

  if (!action) return null;
  const id = demand.id;
  const note = (v: ActionForm) => (v.note?.trim() ? { note: v.note.trim() } : {});

  const send = (v: ActionForm): { path: string; body: unknown; success: string; confirm: string; danger?: boolean } => {
    switch (action) {
      case 'route':
        return { path: `/sharing/demands/${id}/route`, body: { departmentId: v.departmentId, ...note(v) }, success: '需求已分派', confirm: '分派后由该部门在时限内答复（编目或依法说明不能提供的理由）。' };
      case 'transfer':
        return { path: `/sharing/demands/${id}/transfer`, body: { departmentId: v.departmentId, note: v.note?.trim() }, success: '需求已转交', confirm: '转交后由新的部门答复，答复时限重新起算。' };
      case 'answer':
        return v.outcome === 'catalogued'
          ? { path: `/sharing/demands/${id}/answer`, body: { outcome: 'catalogued', entryId: v.entryId, ...note(v) }, success: '已答复：已编目', confirm: '答复后需求方可据此目录提出共享申请，并确认是否满足需求。' }
          : { path: `/sharing/demands/${id}/answer`, body: { outcome: 'refused', reasonCode: v.reasonCode, reasonText: v.reasonText?.trim() }, success: '已答复：不能提供', confirm: '非因法定事由不得拒绝；需求方将确认是否满足。', danger: true };
      case 'confirm':
        return { path: `/sharing/demands/${id}/confirm`, body: { satisfied: v.satisfied === true, ...note(v) }, success: '已确认', confirm: v.satisfied ? '确认需求已满足，需求办结。' : '确认需求未满足，需求办结并计入未满足。' };
      case 'withdraw':
        return { path: `/sharing/demands/${id}/withdraw`, body: {}, success: '需求已撤回', confirm: '撤回后需求结束，不能恢复。', danger: true };
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
        const r = await run(() => api.post<Demand>(s.path, s.body), {
          form,
          fieldNames: ['departmentId', 'note', 'outcome', 'entryId', 'reasonCode', 'reasonText', 'satisfied'],
          codeFields: { SHARING_REFUSAL_REASON_REQUIRED: 'reasonText' },
          success: s.success,
        });
        if (r.ok) onDone(r.value);
      },
    });
  };

  return (
    <Modal
      open
      title={TITLES[action]}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={TITLES[action]}
      okButtonProps={{ danger: action === 'withdraw' || (action === 'answer' && outcome === 'refused'), 'data-testid': 'sharing-action-submit' }}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{demand.requesterDepartmentName ?? '—'}：{demand.title}</Typography.Paragraph>
      <Form<ActionForm> form={form} layout="vertical" onFinish={submit}>
        {action === 'route' || action === 'transfer' ? (
          <>
            <Form.Item name="departmentId" label={action === 'route' ? '分派给' : '转交给'} rules={[{ required: true, message: '请选择部门' }]} extra="按部门的职责目录，选择负责该数据的部门">
              <DepartmentTreeSelect style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="note"
              label={action === 'route' ? '分派说明' : '转交说明'}
              rules={[{ required: action === 'transfer', whitespace: true, message: '请说明转交原因' }, { max: 1000, message: '不超过 1000 字' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'answer' ? (
          <>
            <Form.Item name="outcome" label="答复结果" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={[{ value: 'catalogued', label: '已编目，可申请共享' }, { value: 'refused', label: '依法不能提供' }]} />
            </Form.Item>
            {outcome === 'refused' ? (
              <>
                <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="非因法定事由不得拒绝：须选择事由并具体说明" />
                <Form.Item name="reasonCode" label="事由" rules={[{ required: true, message: '请选择事由' }]}>
                  <Select options={meta.refusalOptions} placeholder="请选择法定事由" />
                </Form.Item>
                <Form.Item name="reasonText" label="具体说明" rules={[{ required: true, whitespace: true, message: '请具体说明' }, { min: 4, message: '请至少写 4 个字' }, { max: 1000, message: '不超过 1000 字' }]}>
                  <Input.TextArea rows={3} maxLength={1000} showCount />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="entryId" label="对应的目录" rules={[{ required: true, message: '请选择本部门已发布的目录' }]} extra="尚未编目的，请先在“本部门编目”中编目并发布">
                  <OwnEntrySelect />
                </Form.Item>
                <Form.Item name="note" label="说明" rules={[{ max: 1000, message: '不超过 1000 字' }]}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </>
            )}
          </>
        ) : null}
        {action === 'confirm' ? (
          <>
            {demand.answer ? (
              <Alert
                type={demand.answer.outcome === 'catalogued' ? 'success' : 'error'}
                showIcon
                style={{ marginBottom: 16 }}
                title={demand.answer.outcome === 'catalogued' ? `提供部门已编目：${demand.answer.entryName ?? ''}` : `提供部门不能提供：${demand.answer.reasonLabel ?? ''}`}
                description={demand.answer.text ?? undefined}
              />
            ) : null}
            <Form.Item name="satisfied" label="需求是否得到满足" rules={[{ required: true, message: '请选择' }]}>
              <Radio.Group options={[{ value: true, label: '已满足' }, { value: false, label: '未满足' }]} />
            </Form.Item>
            <Form.Item name="note" label="说明" rules={[{ max: 1000, message: '不超过 1000 字' }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'withdraw' ? <Typography.Paragraph>撤回后该需求不再分派和答复。</Typography.Paragraph> : null}
      </Form>
    </Modal>
  );
}
