import { useMemo, useState } from 'react';
import { Card, Empty, Flex, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { moduleLabel, ROLE_SCOPE_LABELS, type Permission, type Role } from './types';
import { usePermissions, useRoles } from './useIdentityOptions';

interface PermissionGroup {
  module: string;
  items: { code: string; name: string }[];
}

/** Groups permission codes by module, in the order of the permission list; unknown codes keep their code as name. */
function groupPermissions(codes: readonly string[], catalogue: readonly Permission[]): PermissionGroup[] {
  const known = new Map(catalogue.map((p) => [p.code, p]));
  const order = new Map(catalogue.map((p, i) => [p.code, i]));
  const groups = new Map<string, PermissionGroup>();
  for (const code of [...codes].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9))) {
    const p = known.get(code);
    const module = p?.module ?? code.split('.')[0] ?? code;
    const group = groups.get(module) ?? { module, items: [] };
    group.items.push({ code, name: p?.name ?? code });
    groups.set(module, group);
  }
  return [...groups.values()];
}

const SCOPE_COLORS: Record<string, string> = { all: 'blue', platform: 'blue', department: 'green', self: 'default' };

/** 角色权限: the roles of the platform and what each may do, read-only. */
export function RolesPage() {
  const roles = useRoles();
  const permissions = usePermissions();
  const [selected, setSelected] = useState<string | null>(null);

  const role = roles.roles.find((r) => r.code === selected) ?? roles.roles[0] ?? null;
  const groups = useMemo(() => (role ? groupPermissions(role.permissions, permissions.permissions) : []), [role, permissions.permissions]);

  const error = roles.error ?? permissions.error;
  const loading = (roles.loading && !roles.data) || (permissions.loading && !permissions.data);

  return (
    <>
      <PageHeader
        title="角色权限"
        subtitle="平台内置角色及其权限（只读）。系统管理员、安全保密管理员、安全审计员按照三员分立设置，权限互不重叠"
      />
      {error ? (
        <ErrorAlert
          error={error}
          title="角色权限加载失败"
          onRetry={() => {
            roles.reload();
            permissions.reload();
          }}
        />
      ) : loading ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : roles.roles.length === 0 ? (
        <Card variant="borderless">
          <Empty description="暂无角色" />
        </Card>
      ) : (
        <Card variant="borderless" styles={{ body: { paddingTop: 8 } }}>
          <Tabs
            items={[
              {
                key: 'roles',
                label: '按角色查看',
                children: (
                  <Flex gap={16} align="flex-start">
                    <RoleList roles={roles.roles} selected={role?.code ?? null} onSelect={setSelected} />
                    {role ? <RoleDetail role={role} groups={groups} /> : null}
                  </Flex>
                ),
              },
              {
                key: 'permissions',
                label: '按权限查看',
                children: <PermissionMatrix roles={roles.roles} permissions={permissions.permissions} />,
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}

function RoleList({ roles, selected, onSelect }: { roles: Role[]; selected: string | null; onSelect: (code: string) => void }) {
  return (
    <nav aria-label="角色列表" style={{ width: 260, flex: 'none', border: '1px solid #f0f0f0', borderRadius: 6, overflow: 'hidden' }}>
      {roles.map((r) => {
        const active = r.code === selected;
        return (
          <button
            key={r.code}
            type="button"
            onClick={() => onSelect(r.code)}
            aria-current={active ? 'true' : undefined}
            style={{
              display: 'flex', width: '100%', alignItems: 'center', justifyContent: 'space-between', gap: 8,
              padding: '10px 12px', border: 0, borderBottom: '1px solid #f0f0f0', cursor: 'pointer', textAlign: 'left', font: 'inherit',
              background: active ? '#e6efff' : '#fff', color: active ? '#1f5fc6' : 'inherit',
            }}
          >
            <span style={{ fontWeight: active ? 600 : 400 }}>{r.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {r.permissions.length} 项权限
            </Typography.Text>
          </button>
        );
      })}
    </nav>
  );
}

function RoleDetail({ role, groups }: { role: Role; groups: PermissionGroup[] }) {
  return (
    <div style={{ flex: '1 1 auto', minWidth: 0 }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {role.name}
        </Typography.Title>
        <Tag color={SCOPE_COLORS[role.scope] ?? 'default'}>数据范围：{ROLE_SCOPE_LABELS[role.scope] ?? role.scope}</Tag>
        <Typography.Text type="secondary" code>
          {role.code}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 16px' }}>
        {role.description || '—'}
      </Typography.Paragraph>
      {groups.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该角色没有后台功能权限" />
      ) : (
        <Flex vertical gap={12}>
          {groups.map((g) => (
            <div key={g.module} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '10px 14px' }}>
              <Typography.Text strong>{moduleLabel(g.module)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {g.items.length} 项
              </Typography.Text>
              <Flex gap={6} wrap style={{ marginTop: 8 }}>
                {g.items.map((p) => (
                  <Tag key={p.code} title={p.code} style={{ marginInlineEnd: 0 }}>
                    {p.name}
                  </Tag>
                ))}
              </Flex>
            </div>
          ))}
        </Flex>
      )}
    </div>
  );
}

interface PermissionRow {
  key: string;
  code: string;
  name: string;
  module: string;
  roles: Role[];
}

function PermissionMatrix({ roles, permissions }: { roles: Role[]; permissions: Permission[] }) {
  const rows = useMemo<PermissionRow[]>(
    () =>
      permissions.map((p) => ({
        key: p.code, code: p.code, name: p.name, module: p.module,
        roles: roles.filter((r) => r.permissions.includes(p.code)),
      })),
    [roles, permissions],
  );
  const modules = [...new Set(permissions.map((p) => p.module))];
  const columns: TableColumnsType<PermissionRow> = [
    {
      title: '模块',
      dataIndex: 'module',
      width: 140,
      render: moduleLabel,
      filters: modules.map((m) => ({ text: moduleLabel(m), value: m })),
      onFilter: (value, row) => row.module === value,
    },
    { title: '权限', dataIndex: 'name', width: 180 },
    { title: '权限编码', dataIndex: 'code', width: 240, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    {
      title: '拥有该权限的角色',
      dataIndex: 'roles',
      render: (rs: Role[]) =>
        rs.length === 0 ? <Typography.Text type="secondary">无</Typography.Text> : (
          <Flex gap={4} wrap>
            {rs.map((r) => <Tag key={r.code} style={{ marginInlineEnd: 0 }}>{r.name}</Tag>)}
          </Flex>
        ),
    },
  ];
  return (
    <Table<PermissionRow>
      rowKey="key"
      columns={columns}
      dataSource={rows}
      size="medium"
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无权限" /> }}
    />
  );
}
