import { Form, Input, Modal } from 'antd';
import { api } from '../../ui/api';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { confirmRule, PASSWORD_HINT, passwordRules } from './password-policy';

interface ChangeForm {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export interface ChangePasswordModalProps {
  open: boolean;
  onClose: () => void;
}

/** 修改密码: the signed-in user changes their own password (POST /identity/me/password). */
export function ChangePasswordModal({ open, onClose }: ChangePasswordModalProps) {
  const { user } = useAuth();
  const [form] = Form.useForm<ChangeForm>();
  const { submitting, run } = useSubmit();

  const submit = async (v: ChangeForm) => {
    const result = await run(
      () => api.post<void>('/identity/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
      { form, fieldNames: ['currentPassword', 'newPassword', 'newPasswordConfirm'], success: '密码已修改，下次登录请使用新密码' },
    );
    if (result.ok) onClose();
  };

  return (
    <Modal
      open={open}
      title="修改密码"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认修改"
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Form<ChangeForm> form={form} layout="vertical" onFinish={submit} disabled={submitting} preserve={false}>
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" extra={PASSWORD_HINT} rules={passwordRules(() => user?.username)}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="newPasswordConfirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[{ required: true, message: '请再次输入新密码' }, confirmRule(() => form.getFieldValue('newPassword'))]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
