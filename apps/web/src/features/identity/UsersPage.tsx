import { useRef, useState } from 'react';
import { App, Badge, Button, Flex, Form, Select, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { DetailDrawer } from '../../ui/DetailPanel';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from './DepartmentTreeSelect';
import { ResetPasswordModal } from './ResetPasswordModal';
import { USER_KIND_LABELS, USER_STATUS_LABELS, type User, type UserKind, type UserStatus } from './types';
import { useRoles } from './useIdentityOptions';
import { UserFormDrawer } from './UserFormDrawer';
import { UserRolesModal } from './UserRolesModal';

const fetchUsers = listFetcher<User>('/identity/users');

const STATUS_BADGE: Record<UserStatus, 'success' | 'warning' | 'default'> = { active: 'success', locked: 'warning', disabled: 'default' };

export function UserStatusBadge({ user }: { user: Pick<User, 'status' | 'lockedUntil'> }) {
  const badge = <Badge status={STATUS_BADGE[user.status] ?? 'default'} text={USER_STATUS_LABELS[user.status] ?? user.status} />;
  return user.status === 'locked' && user.lockedUntil ? <Tooltip title={`锁定至 ${formatDateTime(user.lockedUntil)}`}>{badge}</Tooltip> : badge;
}

/** 用户管理: search accounts; create, edit, assign roles, unlock and reset passwords as the permissions allow. */
export function UsersPage() {
  const { can, user: me } = useAuth();
  const { message, modal } = App.useApp();
  const canManage = can('identity.user.manage');
  const canAssign = can('identity.user.assign-role');
  const canUnlock = can('identity.user.unlock');
  const canReset = can('identity.user.reset-password');
  const canReadRoles = can('identity.role.read');
  const roles = useRoles(canReadRoles);
  const table = useRef<DataTableHandle>(null);

  const [form, setForm] = useState<{ open: boolean; user: User | null }>({ open: false, user: null });
  const [rolesFor, setRolesFor] = useState<User | null>(null);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [detail, setDetail] = useState<User | null>(null);

  const afterChange = (u?: User) => {
    table.current?.reload();
    if (u && detail?.id === u.id) setDetail(u);
  };

  const unlock = (u: User) => {
    modal.confirm({
      title: `解锁账号 ${u.displayName}（${u.username}）？`,
      content: '解锁后该用户可立即重新登录，密码错误次数清零。',
      okText: '解锁',
      cancelText: '取消',
      onOk: async () => {
        try {
          const updated = await api.post<User>(`/identity/users/${u.id}/unlock`);
          message.success('账号已解锁');
          afterChange(updated);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };

  const actionsFor = (u: User) => {
    const self = me?.id === u.id;
    const links: React.ReactNode[] = [];
    if (canManage) links.push(<Typography.Link key="edit" onClick={() => setForm({ open: true, user: u })}>编辑</Typography.Link>);
    if (canAssign) {
      links.push(
        self ? (
          <Tooltip key="roles" title="不能修改自己的角色">
            <Typography.Text type="secondary">分配角色</Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Link key="roles" onClick={() => setRolesFor(u)}>分配角色</Typography.Link>
        ),
      );
    }
    if (canUnlock && u.status === 'locked') links.push(<Typography.Link key="unlock" onClick={() => unlock(u)}>解锁</Typography.Link>);
    if (canReset) links.push(<Typography.Link key="reset" onClick={() => setResetFor(u)}>重置密码</Typography.Link>);
    return links;
  };
  const hasActions = canManage || canAssign || canUnlock || canReset;

  const columns: TableColumnsType<User> = [
    {
      title: '用户名',
      dataIndex: 'username',
      render: (v: string, u) => <Typography.Link onClick={() => setDetail(u)}>{v}</Typography.Link>,
    },
    { title: '姓名 / 名称', dataIndex: 'displayName' },
    { title: '账号类型', dataIndex: 'kind', render: (k: UserKind) => USER_KIND_LABELS[k] ?? k },
    { title: '所属部门', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (rs: User['roles']) =>
        rs.length === 0 ? <Typography.Text type="secondary">未分配</Typography.Text> : (
          <Flex gap={4} wrap style={{ maxWidth: 280 }}>
            {rs.map((r) => <Tag key={r.code} style={{ marginInlineEnd: 0 }}>{r.name}</Tag>)}
          </Flex>
        ),
    },
    { title: '状态', dataIndex: 'status', render: (_: UserStatus, u) => <UserStatusBadge user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatDateTime(v) : '从未登录') },
    ...(hasActions
      ? [{
          title: '操作',
          key: 'actions',
          fixed: 'right' as const,
          render: (_: unknown, u: User) => <Flex gap={12}>{actionsFor(u)}</Flex>,
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="用户管理"
        subtitle="政务工作人员、个人和企业账号；按照三员分立，账号维护、角色分配、审计由不同管理员负责"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, user: null })}>
              新建用户
            </Button>
          ) : null
        }
      />
      <div className="page-card">
        <DataTable<User>
          ref={table}
          fetch={fetchUsers}
          rowKey="id"
          columns={columns}
          search={{ placeholder: '用户名或姓名' }}
          filters={
            <>
              <Form.Item name="departmentId">
                <DepartmentTreeSelect placeholder="所属部门" style={{ width: 200 }} />
              </Form.Item>
              {canReadRoles ? (
                <Form.Item name="role">
                <Select
                  allowClear
                  placeholder="角色"
                  style={{ width: 150 }}
                  options={roles.options}
                  loading={roles.loading}
                  showSearch={{ optionFilterProp: 'label' }}
                  popupMatchSelectWidth={false}
                />
                </Form.Item>
              ) : null}
              <Form.Item name="kind">
                <Select
                  allowClear
                  placeholder="账号类型"
                  style={{ width: 130 }}
                  options={(Object.keys(USER_KIND_LABELS) as UserKind[]).map((k) => ({ value: k, label: USER_KIND_LABELS[k] }))}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
              <Form.Item name="status">
                <Select
                  allowClear
                  placeholder="状态"
                  style={{ width: 110 }}
                  options={(Object.keys(USER_STATUS_LABELS) as UserStatus[]).map((s) => ({ value: s, label: USER_STATUS_LABELS[s] }))}
                />
              </Form.Item>
            </>
          }
          emptyText="尚未开通用户"
        />
      </div>

      <UserFormDrawer
        open={form.open}
        user={form.user}
        onClose={() => setForm({ open: false, user: null })}
        onSaved={(u) => {
          setForm({ open: false, user: null });
          afterChange(u);
        }}
      />
      <UserRolesModal
        user={rolesFor}
        onClose={() => setRolesFor(null)}
        onSaved={(u) => {
          setRolesFor(null);
          afterChange(u);
        }}
      />
      <ResetPasswordModal
        user={resetFor}
        onClose={() => setResetFor(null)}
        onDone={() => {
          setResetFor(null);
          afterChange();
        }}
      />
      <DetailDrawer
        open={detail !== null}
        onClose={() => setDetail(null)}
        drawerTitle={detail ? `${detail.displayName}（${detail.username}）` : '用户详情'}
        items={
          detail
            ? [
                { label: '用户名', value: detail.username },
                { label: detail.kind === 'enterprise' ? '企业名称' : '姓名', value: detail.displayName },
                { label: '账号类型', value: USER_KIND_LABELS[detail.kind] },
                ...(detail.kind === 'staff' ? [{ label: '所属部门', value: detail.departmentName }] : []),
                ...(detail.kind === 'citizen' ? [{ label: '公民身份号码', value: detail.subjectCode }] : []),
                ...(detail.kind === 'enterprise' ? [{ label: '统一社会信用代码', value: detail.subjectCode }] : []),
                { label: '手机号码', value: detail.phone },
                {
                  label: '角色',
                  value: detail.roles.length > 0 ? (
                    <Flex gap={4} wrap>{detail.roles.map((r) => <Tag key={r.code}>{r.name}</Tag>)}</Flex>
                  ) : '未分配',
                },
                { label: '状态', value: <UserStatusBadge user={detail} /> },
                ...(detail.status === 'locked' ? [{ label: '锁定至', value: formatDateTime(detail.lockedUntil) }] : []),
                { label: '最近登录', value: detail.lastLoginAt ? formatDateTime(detail.lastLoginAt) : '从未登录' },
                { label: '创建时间', value: formatDateTime(detail.createdAt) },
              ]
            : []
        }
        footer={
          detail && hasActions ? <Flex gap={16} justify="flex-end">{actionsFor(detail)}</Flex> : undefined
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          身份证件号码和手机号码按规定脱敏显示。
        </Typography.Paragraph>
      </DetailDrawer>
    </>
  );
}
