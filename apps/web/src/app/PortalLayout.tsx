import { Suspense } from 'react';
import { App, Button, Dropdown, Flex } from 'antd';
import { DownOutlined, EyeOutlined, LoginOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage, loginPath } from '../ui/api';
import { useAuth } from './auth';
import { FullPageSpin } from './RequirePermission';

/** The public portal for citizens and enterprises: light header, centred content, works from 375px up. */
export function PortalLayout() {
  const { user, status, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();

  const doLogout = async () => {
    try {
      await logout();
      message.success('已安全退出');
      navigate('/', { replace: true });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div className="portal">
      <header className="portal-header">
        <div className="portal-container portal-header-inner">
          <Link to="/" className="portal-brand" aria-label="数政 门户首页">
            <span className="portal-brand-mark">数</span>
            <span className="portal-brand-text">
              <strong>数政</strong>
              <small>一体化数字政府平台</small>
            </span>
          </Link>
          <nav aria-label="门户导航">
            {status === 'loading' ? null : user ? (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'me', icon: <UserOutlined />, label: <Link to="/portal/me">我的</Link> },
                    ...(user.kind !== 'staff' ? [{ key: 'licenses', icon: <SafetyCertificateOutlined />, label: <Link to="/portal/licenses" data-testid="nav-wallet">我的证照</Link> }] : []),
                    ...(user.kind === 'citizen' ? [{ key: 'data-uses', icon: <EyeOutlined />, label: <Link to="/portal/data-uses" data-testid="nav-data-uses">谁用了我的数据</Link> }] : []),
                    ...(user.kind === 'staff' ? [{ key: 'workbench', label: <Link to="/workbench">进入工作台</Link> }] : []),
                    { type: 'divider' as const },
                    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void doLogout() },
                  ],
                }}
              >
                <Button type="text" className="portal-user">
                  <UserOutlined />
                  <span className="portal-user-name">{user.displayName}</span>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Button>
              </Dropdown>
            ) : (
              <Flex gap={8}>
                <Button type="primary" icon={<LoginOutlined />} onClick={() => navigate(location.pathname === '/' ? '/login' : loginPath(location.pathname))}>
                  登录
                </Button>
              </Flex>
            )}
          </nav>
        </div>
      </header>
      <main className="portal-main">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="portal-footer">
        <div className="portal-container">
          <div>数政 · 一体化数字政府平台</div>
          <div className="portal-footer-note">建议使用最新版 Chrome、Edge、Firefox 或国产主流浏览器访问</div>
        </div>
      </footer>
    </div>
  );
}
