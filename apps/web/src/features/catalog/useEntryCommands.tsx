import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage } from '../../ui/api';
import { ProblemsList, problemsOf } from './ProblemsList';
import type { Entry, Problem } from './types';

interface Target {
  id: string;
  name: string;
  status: Entry['status'];
  items?: readonly { name: string }[];
}

/**
 * The department's commands on an entry with their dialogs: 提交审核 (machine-check problems shown when it is
 * refused), 申请撤销 (with a reason), 删除. Render `dialogs` once on the page.
 */
export function useEntryCommands(onChanged: (entry: Entry | null) => void) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ target: Target; problems: Problem[] } | null>(null);
  const [withdrawing, setWithdrawing] = useState<Target | null>(null);
  const [withdrawForm] = Form.useForm<{ reason: string }>();

  const submit = (t: Target) => {
    const change = t.status === 'published' || t.status === 'change_returned';
    modal.confirm({
      title: change ? `提交“${t.name}”的变更审核？` : `提交“${t.name}”审核？`,
      content: '提交前系统会自动进行机器校验；审核期间目录不能修改。',
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        setBusy(`submit:${t.id}`);
        try {
          const e = await api.post<Entry>(`/catalog/entries/${t.id}/submissions`);
          message.success(change ? '变更已提交，等待数据局审核' : '已提交，等待数据局审核');
          onChanged(e);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CATALOG_CHECKS_FAILED') {
            setRefused({ target: t, problems: problemsOf(err.details) });
            onChanged(null); // lastCheck changed
          } else if (err instanceof ApiError && err.code === 'CATALOG_NO_CHANGES') {
            message.warning('工作副本与已发布版本相同，没有需要提交的变更');
          } else {
            message.error(errorMessage(err));
          }
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const withdraw = (t: Target) => {
    withdrawForm.resetFields();
    setWithdrawing(t);
  };

  const confirmWithdraw = async ({ reason }: { reason: string }) => {
    if (!withdrawing) return;
    setBusy(`withdraw:${withdrawing.id}`);
    try {
      const e = await api.post<Entry>(`/catalog/entries/${withdrawing.id}/withdrawals`, { reason: reason.trim() });
      message.success('撤销申请已提交，等待数据局审核');
      setWithdrawing(null);
      onChanged(e);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const remove = (t: Target, after?: () => void) => {
    modal.confirm({
      title: `删除“${t.name}”？`,
      content: '只有从未发布的目录可以删除。删除后其信息资源代码作废，不再使用。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.delete(`/catalog/entries/${t.id}`);
          message.success('目录已删除');
          onChanged(null);
          after?.();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  };

  const dialogs = (
    <>
      <Modal
        open={refused !== null}
        title="未能提交：机器校验发现以下问题"
        onCancel={() => setRefused(null)}
        width={640}
        footer={
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => setRefused(null)}>关闭</Button>
            <Button type="primary" onClick={() => refused && navigate(`/catalog/entries/${refused.target.id}/edit?check=1`)}>
              去修改
            </Button>
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary">以下错误须全部修改后才能提交；提示类问题请核实，不影响提交。</Typography.Paragraph>
        <div style={{ maxHeight: 420, overflow: 'auto' }}>
          <ProblemsList problems={refused?.problems ?? []} items={refused?.target.items} />
        </div>
      </Modal>
      <Modal
        open={withdrawing !== null}
        title={withdrawing ? `申请撤销“${withdrawing.name}”` : '申请撤销'}
        okText="提交撤销申请"
        cancelText="取消"
        okButtonProps={{ danger: true, loading: busy?.startsWith('withdraw:') }}
        onOk={() => withdrawForm.submit()}
        onCancel={() => setWithdrawing(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          撤销经数据局审核同意后，目录从全市目录中下架，已发布的历史版本保留，信息资源代码不再使用。
        </Typography.Paragraph>
        <Form form={withdrawForm} layout="vertical" onFinish={(v) => void confirmWithdraw(v)}>
          <Form.Item
            name="reason"
            label="撤销理由"
            rules={[
              { required: true, whitespace: true, message: '请填写撤销理由' },
              { min: 2, message: '撤销理由至少 2 个字' },
              { max: 500, message: '不超过 500 字' },
            ]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount placeholder="如：职能划转，该资源改由市市场监督管理局提供" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );

  return { submit, withdraw, remove, busy, dialogs };
}
