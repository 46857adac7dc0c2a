import { Flex, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { loginPath } from '../ui/api';
import { ErrorAlert } from '../ui/ErrorAlert';
import { Forbidden } from '../ui/Forbidden';
import type { UserKind } from '../features/identity/types';
import { useAuth } from './auth';

export interface RequirePermissionProps {
  /** Permission the page needs (a list: any one of them); omit for "any signed-in user of the allowed kinds". */
  permission?: string | readonly string[];
  /** Account kinds allowed in; staff only by default. */
  kinds?: readonly UserKind[];
  children: React.ReactNode;
}

/** Guards a route: sends anonymous visitors to the login page, and shows 403 to users without the permission. */
export function RequirePermission({ permission, kinds = ['staff'], children }: RequirePermissionProps) {
  const { status, user, error, refresh, canAny } = useAuth();
  const location = useLocation();

  if (status === 'loading') return <FullPageSpin />;
  if (status === 'error') {
    return (
      <div style={{ maxWidth: 560, margin: '80px auto', padding: '0 16px' }}>
        <ErrorAlert error={error} title="无法确认登录状态" onRetry={() => void refresh()} />
      </div>
    );
  }
  if (!user) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (!kinds.includes(user.kind)) {
    return user.kind === 'staff'
      ? <Forbidden />
      : <Forbidden backTo={{ path: '/portal/me', label: '返回个人中心' }} />;
  }
  if (permission && !canAny(permission)) return <Forbidden permission={typeof permission === 'string' ? permission : permission.join(' 或 ')} />;
  return <>{children}</>;
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description="正在加载…" />
    </Flex>
  );
}
