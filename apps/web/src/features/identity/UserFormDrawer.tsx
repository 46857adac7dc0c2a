import { useEffect, useMemo } from 'react';
import { Alert, Button, Drawer, Flex, Form, Input, Radio, Select } from 'antd';
import { validateCreditCode, validateIdNumber } from '@shuzheng/standards';
import { api } from '../../ui/api';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from './DepartmentTreeSelect';
import { confirmRule, PASSWORD_HINT, passwordRules } from './password-policy';
import { USER_KIND_LABELS, type User, type UserKind } from './types';
import { roleFitsKind, useRoles } from './useIdentityOptions';

interface CreateForm {
  kind: UserKind;
  username: string;
  displayName: string;
  departmentId?: string;
  idNumber?: string;
  creditCode?: string;
  phone?: string;
  roles?: string[];
  password: string;
  passwordConfirm: string;
}

interface EditForm {
  displayName: string;
  departmentId?: string;
  phone?: string;
  status: 'active' | 'disabled';
}

const CREATE_FIELDS = ['kind', 'username', 'displayName', 'departmentId', 'idNumber', 'creditCode', 'phone', 'roles', 'password', 'passwordConfirm'] as const;
const EDIT_FIELDS = ['displayName', 'departmentId', 'phone', 'status'] as const;
const CODE_FIELDS = { IDENTITY_USERNAME_TAKEN: 'username' };
const PHONE_RULE = { pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' };

export interface UserFormDrawerProps {
  open: boolean;
  /** The user being edited; null to create one. */
  user: User | null;
  /** Department preselected for a new staff account. */
  defaultDepartmentId?: string;
  onClose: () => void;
  onSaved: (user: User) => void;
}

/** 新建用户 / 编辑用户. Roles can be given at creation only by those who may assign roles (三员分立). */
export function UserFormDrawer({ open, user, defaultDepartmentId, onClose, onSaved }: UserFormDrawerProps) {
  const editing = user !== null;
  return (
    <Drawer open={open} onClose={onClose} title={editing ? `编辑用户：${user.displayName}` : '新建用户'} size={560} destroyOnHidden footer={null}>
      {open ? (
        editing ? (
          <EditUserForm user={user} onClose={onClose} onSaved={onSaved} />
        ) : (
          <CreateUserForm defaultDepartmentId={defaultDepartmentId} onClose={onClose} onSaved={onSaved} />
        )
      ) : null}
    </Drawer>
  );
}

function CreateUserForm({ defaultDepartmentId, onClose, onSaved }: Pick<UserFormDrawerProps, 'defaultDepartmentId' | 'onClose' | 'onSaved'>) {
  const { can } = useAuth();
  const canAssign = can('identity.user.assign-role');
  const [form] = Form.useForm<CreateForm>();
  const kind = Form.useWatch('kind', form) ?? 'staff';
  const { submitting, run } = useSubmit();
  const roles = useRoles();

  const roleOptions = useMemo(
    () => roles.roles.filter((r) => roleFitsKind(r, kind, false)).map((r) => ({ value: r.code, label: r.name, title: r.description })),
    [roles.roles, kind],
  );

  useEffect(() => {
    form.setFieldValue('roles', []);
  }, [kind, form]);

  const submit = async (v: CreateForm) => {
    const body = {
      kind: v.kind,
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
      ...(v.kind === 'staff' ? { departmentId: v.departmentId } : {}),
      ...(v.kind === 'citizen' ? { idNumber: v.idNumber?.trim().toUpperCase() } : {}),
      ...(v.kind === 'enterprise' ? { creditCode: v.creditCode?.trim().toUpperCase() } : {}),
      ...(v.phone ? { phone: v.phone.trim() } : {}),
      ...(canAssign && v.roles && v.roles.length > 0 ? { roles: v.roles } : {}),
    };
    const result = await run(() => api.post<User>('/identity/users', body), {
      form, fieldNames: CREATE_FIELDS, codeFields: CODE_FIELDS, success: `用户 ${body.username} 已创建`,
    });
    if (result.ok) onSaved(result.value);
  };

  return (
    <Form<CreateForm>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={submitting}
      scrollToFirstError
      initialValues={{ kind: 'staff', departmentId: defaultDepartmentId, roles: [] }}
    >
      <Form.Item name="kind" label="账号类型" rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(Object.keys(USER_KIND_LABELS) as UserKind[]).map((k) => ({ value: k, label: USER_KIND_LABELS[k] }))}
        />
      </Form.Item>
      <Form.Item
        name="username"
        label="用户名"
        extra="用于登录，3–64 位字母、数字或 _ . @ -，创建后不可修改"
        rules={[
          { required: true, message: '请输入用户名' },
          { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: '用户名应为 3–64 位字母、数字或 _ . @ -' },
        ]}
      >
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={kind === 'enterprise' ? '企业名称' : '姓名'}
        rules={[
          { required: true, whitespace: true, message: kind === 'enterprise' ? '请输入企业名称' : '请输入姓名' },
          { max: 50, message: '不能超过 50 个字' },
        ]}
      >
        <Input maxLength={50} />
      </Form.Item>
      {kind === 'staff' ? (
        <Form.Item name="departmentId" label="所属部门" rules={[{ required: true, message: '工作人员必须属于一个部门' }]}>
          <DepartmentTreeSelect allowClear={false} />
        </Form.Item>
      ) : null}
      {kind === 'citizen' ? (
        <Form.Item
          name="idNumber"
          label="公民身份号码"
          normalize={(v: string | undefined) => (v ?? '').replace(/\s/g, '').toUpperCase()}
          rules={[
            { required: true, message: '个人账号须填写公民身份号码' },
            {
              validator: async (_r, value: string | undefined) => {
                if (!value) return;
                const check = validateIdNumber(value);
                if (!check.valid) throw new Error(check.message);
              },
            },
          ]}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} autoComplete="off" />
        </Form.Item>
      ) : null}
      {kind === 'enterprise' ? (
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          normalize={(v: string | undefined) => (v ?? '').replace(/\s/g, '').toUpperCase()}
          rules={[
            { required: true, message: '企业账号须填写统一社会信用代码' },
            {
              validator: async (_r, value: string | undefined) => {
                if (!value) return;
                const check = validateCreditCode(value);
                if (!check.valid) throw new Error(check.message);
              },
            },
          ]}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} autoComplete="off" />
        </Form.Item>
      ) : null}
      <Form.Item name="phone" label="手机号码" rules={[PHONE_RULE]}>
        <Input maxLength={11} inputMode="numeric" autoComplete="off" />
      </Form.Item>
      {canAssign ? (
        <Form.Item
          name="roles"
          label="角色"
          extra={kind === 'staff' ? '可稍后在"分配角色"中调整' : `${USER_KIND_LABELS[kind]}账号会自动获得对应的基本角色`}
        >
          <Select mode="multiple" options={roleOptions} loading={roles.loading} placeholder="请选择角色" allowClear optionFilterProp="label" />
        </Form.Item>
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 24 }}
          title="按照三员分立要求，角色由安全保密管理员分配"
          description={kind === 'staff' ? '账号创建后暂无业务角色，请通知安全保密管理员为其分配。' : `${USER_KIND_LABELS[kind]}账号会自动获得对应的基本角色。`}
        />
      )}
      <Form.Item
        name="password"
        label="初始密码"
        extra={PASSWORD_HINT}
        dependencies={['username']}
        rules={passwordRules(() => form.getFieldValue('username') as string | undefined)}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="passwordConfirm"
        label="确认初始密码"
        dependencies={['password']}
        rules={[{ required: true, message: '请再次输入初始密码' }, confirmRule(() => form.getFieldValue('password'))]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose} disabled={submitting}>
          取消
        </Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          创建
        </Button>
      </Flex>
    </Form>
  );
}

function EditUserForm({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: (u: User) => void }) {
  const { user: me } = useAuth();
  const [form] = Form.useForm<EditForm>();
  const { submitting, run } = useSubmit();
  const self = me?.id === user.id;

  const submit = async (v: EditForm) => {
    const changes: Partial<EditForm> = {};
    if (v.displayName.trim() !== user.displayName) changes.displayName = v.displayName.trim();
    if (user.kind === 'staff' && v.departmentId && v.departmentId !== user.departmentId) changes.departmentId = v.departmentId;
    if (v.phone && v.phone !== user.phone) changes.phone = v.phone;
    const currentStatus = user.status === 'disabled' ? 'disabled' : 'active';
    if (v.status !== currentStatus) changes.status = v.status;
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    const result = await run(() => api.patch<User>(`/identity/users/${user.id}`, changes), {
      form, fieldNames: EDIT_FIELDS, success: '用户信息已保存',
    });
    if (result.ok) onSaved(result.value);
  };

  return (
    <Form<EditForm>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={submitting}
      initialValues={{
        displayName: user.displayName,
        departmentId: user.departmentId ?? undefined,
        status: user.status === 'disabled' ? 'disabled' : 'active',
      }}
    >
      <Form.Item label="用户名">
        <Input value={user.username} disabled />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={user.kind === 'enterprise' ? '企业名称' : '姓名'}
        rules={[
          { required: true, whitespace: true, message: '请输入姓名' },
          { max: 50, message: '不能超过 50 个字' },
        ]}
      >
        <Input maxLength={50} />
      </Form.Item>
      {user.kind === 'staff' ? (
        <Form.Item name="departmentId" label="所属部门" rules={[{ required: true, message: '请选择所属部门' }]}>
          <DepartmentTreeSelect allowClear={false} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="phone"
        label="手机号码"
        extra={user.phone ? `当前：${user.phone}（已脱敏）；不修改请留空` : undefined}
        rules={[PHONE_RULE]}
      >
        <Input maxLength={11} inputMode="numeric" autoComplete="off" placeholder={user.phone ? '输入新的手机号码' : undefined} />
      </Form.Item>
      <Form.Item
        name="status"
        label="账号状态"
        extra={self ? '不能停用自己的账号' : '停用后该账号立即退出登录且无法再登录，可随时重新启用'}
      >
        <Radio.Group
          disabled={self}
          options={[
            { value: 'active', label: '启用' },
            { value: 'disabled', label: '停用' },
          ]}
        />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose} disabled={submitting}>
          取消
        </Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          保存
        </Button>
      </Flex>
    </Form>
  );
}
