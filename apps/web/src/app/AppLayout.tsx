import { createElement, Suspense, useMemo, useState } from 'react';
import { App, Avatar, Button, Dropdown, Flex, Layout, Menu, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  HomeOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../ui/api';
import { ChangePasswordModal } from '../features/identity/ChangePasswordModal';
import { useAuth } from './auth';
import { activeEntry, MENU_GROUPS, visibleMenu } from './menu';
import { FullPageSpin } from './RequirePermission';

const { Header, Sider, Content } = Layout;

/** The staff workspace: sider menu from the user's permissions, header with who is signed in. */
export function AppLayout() {
  const { user, canAny, logout } = useAuth();
  const { message, modal } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 1200);
  const [changingPassword, setChangingPassword] = useState(false);

  const entries = useMemo(() => visibleMenu(canAny), [canAny]);
  const items = useMemo<MenuProps['items']>(() => {
    const toItem = (m: (typeof entries)[number]) => ({
      key: m.path,
      icon: createElement(m.icon),
      label: <Link to={m.path}>{m.label}</Link>,
    });
    const top = entries.filter((m) => m.group === null).map(toItem);
    const groups = MENU_GROUPS.map((g) => ({ g, children: entries.filter((m) => m.group === g).map(toItem) }))
      .filter((x) => x.children.length > 0)
      .map(({ g, children }) => ({ type: 'group' as const, key: `group:${g}`, label: g, children }));
    return [...top, ...groups];
  }, [entries]);

  const active = activeEntry(location.pathname, entries);

  const confirmLogout = () => {
    modal.confirm({
      title: '确定退出登录吗？',
      okText: '退出',
      cancelText: '取消',
      onOk: async () => {
        try {
          await logout();
          message.success('已安全退出');
          navigate('/login', { replace: true });
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };

  if (!user) return null;
  const roleNames = user.roles.map((r) => r.name);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        trigger={null}
        width={216}
        collapsedWidth={64}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link to="/workbench" className="app-brand" aria-label="数政 工作台">
          <span className="app-brand-mark">数</span>
          {collapsed ? null : (
            <span className="app-brand-text">
              <strong>数政</strong>
              <small>一体化数字政府平台</small>
            </span>
          )}
        </Link>
        <Menu theme="dark" mode="inline" items={items} selectedKeys={active ? [active.path] : []} />
      </Sider>
      <Layout>
        <Header className="app-header">
          <Flex align="center" gap={12} style={{ minWidth: 0 }}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
            />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {active?.label ?? '数政'}
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={16}>
            <Tooltip title="门户首页">
              <Button type="text" icon={<HomeOutlined />} onClick={() => navigate('/')} aria-label="门户首页" />
            </Tooltip>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'who',
                    disabled: true,
                    label: (
                      <div style={{ color: 'rgba(0,0,0,0.65)', maxWidth: 260 }}>
                        <div>账号：{user.username}</div>
                        <div>单位：{user.departmentName ?? '—'}</div>
                        <div>角色：{roleNames.length > 0 ? roleNames.join('、') : '未分配角色'}</div>
                      </div>
                    ),
                  },
                  { type: 'divider' },
                  { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => setChangingPassword(true) },
                  { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: confirmLogout },
                ],
              }}
            >
              <button type="button" className="app-user" aria-label="当前用户">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f5fc6' }} />
                <span className="app-user-text">
                  <span className="app-user-name">{user.displayName}</span>
                  <span className="app-user-dept">{user.departmentName ?? '未关联单位'}</span>
                </span>
                {roleNames[0] ? (
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {roleNames[0]}
                    {roleNames.length > 1 ? ` 等 ${roleNames.length} 个角色` : ''}
                  </Tag>
                ) : null}
              </button>
            </Dropdown>
          </Flex>
        </Header>
        <Content className="app-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
