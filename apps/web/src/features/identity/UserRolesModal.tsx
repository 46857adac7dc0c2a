import { useEffect, useMemo, useState } from 'react';
import { Checkbox, Empty, Flex, Modal, Skeleton, Tag, Typography } from 'antd';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSubmit } from '../../ui/useSubmit';
import { ROLE_SCOPE_LABELS, USER_KIND_LABELS, type User } from './types';
import { roleFitsKind, useRoles } from './useIdentityOptions';

export interface UserRolesModalProps {
  user: User | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}

/** 分配角色: replaces the user's roles (PUT /identity/users/:id/roles). */
export function UserRolesModal({ user, onClose, onSaved }: UserRolesModalProps) {
  const roles = useRoles();
  const { submitting, run } = useSubmit();
  const [chosen, setChosen] = useState<string[]>([]);

  useEffect(() => {
    setChosen(user?.roles.map((r) => r.code) ?? []);
  }, [user]);

  // Roles that fit the account kind, plus any the user already holds (so they can be removed).
  const candidates = useMemo(() => {
    if (!user) return [];
    const held = new Set(user.roles.map((r) => r.code));
    return roles.roles.filter((r) => held.has(r.code) || roleFitsKind(r, user.kind, true));
  }, [roles.roles, user]);

  const save = async () => {
    if (!user) return;
    const result = await run(() => api.put<User>(`/identity/users/${user.id}/roles`, { roles: chosen }), { success: '角色已更新' });
    if (result.ok) onSaved(result.value);
  };

  return (
    <Modal
      open={user !== null}
      title={user ? `分配角色：${user.displayName}（${user.username}）` : '分配角色'}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      confirmLoading={submitting}
      width={640}
      destroyOnHidden
    >
      {user ? (
        <Typography.Paragraph type="secondary">
          账号类型：{USER_KIND_LABELS[user.kind]}
          {user.departmentName ? `　所属部门：${user.departmentName}` : ''}
        </Typography.Paragraph>
      ) : null}
      {roles.error ? (
        <ErrorAlert error={roles.error} title="角色列表加载失败" onRetry={roles.reload} />
      ) : roles.loading && !roles.data ? (
        <Skeleton active />
      ) : candidates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有可分配的角色" />
      ) : (
        <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ width: '100%' }}>
          <Flex vertical gap={8} style={{ width: '100%', maxHeight: 420, overflow: 'auto' }}>
            {candidates.map((r) => (
              <Checkbox key={r.code} value={r.code} style={{ alignItems: 'flex-start' }}>
                <Flex gap={6} align="center" wrap>
                  <strong>{r.name}</strong>
                  <Tag>{ROLE_SCOPE_LABELS[r.scope] ?? r.scope}</Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.description}
                </Typography.Text>
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      )}
    </Modal>
  );
}
