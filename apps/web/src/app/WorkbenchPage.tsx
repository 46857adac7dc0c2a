import { createElement } from 'react';
import { Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { useAuth } from './auth';
import { visibleMenu } from './menu';

function greeting(hour: number): string {
  if (hour < 6) return '您好';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 19) return '下午好';
  return '晚上好';
}

/** Staff home after login: who you are, and the functions your roles open. */
export function WorkbenchPage() {
  const { user, canAny } = useAuth();
  if (!user) return null;
  const now = dayjs();
  const links = visibleMenu(canAny).filter((m) => m.path !== '/workbench');

  return (
    <Flex vertical gap={16}>
      <Card variant="borderless">
        <Flex justify="space-between" align="center" wrap gap={16}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {greeting(now.hour())}，{user.displayName}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
              {user.departmentName ?? '未关联单位'}
              {' · '}
              {now.format('YYYY年M月D日 dddd')}
            </Typography.Text>
            <Flex gap={4} wrap style={{ marginTop: 10 }}>
              {user.roles.length > 0 ? (
                user.roles.map((r) => (
                  <Tag key={r.code} color="blue">
                    {r.name}
                  </Tag>
                ))
              ) : (
                <Tag>未分配角色</Tag>
              )}
            </Flex>
          </div>
        </Flex>
      </Card>

      <Card variant="borderless" title="常用功能">
        {links.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description="您的账号暂未开通业务功能，如需使用请联系本单位系统管理员分配角色"
          />
        ) : (
          <Row gutter={[16, 16]}>
            {links.map((m) => (
              <Col key={m.path} xs={24} sm={12} lg={8} xl={6}>
                <Link to={m.path} className="portal-card" style={{ flexDirection: 'row', alignItems: 'flex-start', gap: 12 }}>
                  <span className="portal-card-icon">{createElement(m.icon)}</span>
                  <span style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0 }}>
                    <span className="portal-card-title">{m.label}</span>
                    <span className="portal-card-text">{m.description}</span>
                  </span>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Flex>
  );
}
