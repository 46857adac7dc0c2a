import { Alert, Form, Input, Modal } from 'antd';
import { api } from '../../ui/api';
import { useSubmit } from '../../ui/useSubmit';
import { confirmRule, PASSWORD_HINT, passwordRules } from './password-policy';
import type { User } from './types';

interface ResetForm {
  password: string;
  passwordConfirm: string;
}

export interface ResetPasswordModalProps {
  user: User | null;
  onClose: () => void;
  onDone: () => void;
}

/** 重置密码: sets a new password for someone else; their web sessions end (POST /identity/users/:id/password). */
export function ResetPasswordModal({ user, onClose, onDone }: ResetPasswordModalProps) {
  const [form] = Form.useForm<ResetForm>();
  const { submitting, run } = useSubmit();

  const submit = async (v: ResetForm) => {
    if (!user) return;
    const result = await run(() => api.post<void>(`/identity/users/${user.id}/password`, { password: v.password }), {
      form, fieldNames: ['password', 'passwordConfirm'], success: `已重置 ${user.displayName} 的密码`,
    });
    if (result.ok) onDone();
  };

  return (
    <Modal
      open={user !== null}
      title={user ? `重置密码：${user.displayName}（${user.username}）` : '重置密码'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="重置"
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="重置后该用户已登录的会话将失效，账号同时解除锁定。请通过安全渠道将新密码告知本人。"
      />
      <Form<ResetForm> form={form} layout="vertical" onFinish={submit} disabled={submitting} preserve={false}>
        <Form.Item name="password" label="新密码" extra={PASSWORD_HINT} rules={passwordRules(() => user?.username)}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label="确认新密码"
          dependencies={['password']}
          rules={[{ required: true, message: '请再次输入新密码' }, confirmRule(() => form.getFieldValue('password'))]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
