import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { homeAfterLogin, useAuth } from '../../app/auth';
import { FullPageSpin } from '../../app/RequirePermission';

interface LoginForm {
  username: string;
  password: string;
}

/** Unified login for staff, citizens and enterprises. */
export function LoginPage() {
  const { status, user, login } = useAuth();
  const [params] = useSearchParams();
  const next = params.get('next');
  const navigate = useNavigate();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<{ title: string; detail?: string } | null>(null);

  if (status === 'loading') return <FullPageSpin />;
  if (status === 'authenticated' && user && !submitting) return <Navigate to={homeAfterLogin(user, next)} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setProblem(null);
    try {
      const me = await login(values.username.trim(), values.password);
      navigate(homeAfterLogin(me, next), { replace: true });
    } catch (e) {
      setSubmitting(false);
      form.setFieldValue('password', '');
      if (e instanceof ApiError && e.status === 423) {
        const until = typeof e.details.lockedUntil === 'string' ? formatDateTime(e.details.lockedUntil) : null;
        setProblem({ title: e.message, detail: until ? `自动解锁时间：${until}` : undefined });
      } else {
        setProblem({ title: errorMessage(e) });
      }
    }
  };

  return (
    <div className="login-page">
      <div className="login-card">
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <span className="portal-brand-mark" style={{ width: 44, height: 44, fontSize: 24 }}>
            数
          </span>
          <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
            数政 · 一体化数字政府平台
          </Typography.Title>
          <Typography.Text type="secondary">统一身份认证</Typography.Text>
        </div>
        {problem ? (
          <Alert type="error" showIcon title={problem.title} description={problem.detail} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<LoginForm> form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item name="username" label="账号" rules={[{ required: true, whitespace: true, message: '请输入账号' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          政务工作人员请使用本单位分配的账号登录；个人和企业用户请使用已开通的账号登录。连续多次输错密码，账号将被暂时锁定。
        </Typography.Paragraph>
        <div style={{ textAlign: 'center' }}>
          <Link to="/">返回门户首页</Link>
        </div>
      </div>
    </div>
  );
}
