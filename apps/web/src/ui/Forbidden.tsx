import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export interface ForbiddenProps {
  /** The permission that was missing, shown to help the administrator grant it. */
  permission?: string;
  /** Where the button goes; the staff workbench by default. */
  backTo?: { path: string; label: string };
}

/** 403: the user is signed in but may not open this page. */
export function Forbidden({ permission, backTo = { path: '/workbench', label: '返回工作台' } }: ForbiddenProps) {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={
        <>
          您的账号没有访问此页面的权限。如确因工作需要，请联系本单位系统管理员分配相应角色。
          {permission ? <div style={{ marginTop: 8, fontSize: 12 }}>所需权限：{permission}</div> : null}
        </>
      }
      extra={
        <Button type="primary" onClick={() => navigate(backTo.path)}>
          {backTo.label}
        </Button>
      }
    />
  );
}
