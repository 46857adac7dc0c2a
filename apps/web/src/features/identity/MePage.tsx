import { useState } from 'react';
import { Avatar, Button, Card, Flex, Tag, Typography } from 'antd';
import { BankOutlined, IdcardOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { DetailPanel } from '../../ui/DetailPanel';
import { useAuth } from '../../app/auth';
import { ChangePasswordModal } from './ChangePasswordModal';
import { USER_KIND_LABELS } from './types';

/** Portal "我的": the signed-in person or enterprise sees their own account. */
export function MePage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  if (!user) return null;
  const icon = user.kind === 'enterprise' ? <BankOutlined /> : user.kind === 'staff' ? <IdcardOutlined /> : <UserOutlined />;

  return (
    <div className="portal-page">
      <div className="portal-container">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          我的
        </Typography.Title>
        <Flex vertical gap={16}>
          <Card variant="borderless">
            <Flex align="center" gap={16} wrap>
              <Avatar size={56} icon={icon} style={{ background: '#1f5fc6', flex: 'none' }} />
              <div style={{ minWidth: 0, flex: '1 1 200px' }}>
                <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-all' }}>
                  {user.displayName}
                </Typography.Title>
                <Flex gap={4} wrap style={{ marginTop: 6 }}>
                  <Tag color="blue">{USER_KIND_LABELS[user.kind]}</Tag>
                  {user.departmentName ? <Tag>{user.departmentName}</Tag> : null}
                </Flex>
              </div>
              <Flex gap={8} wrap>
                <Button onClick={() => setChangingPassword(true)}>修改密码</Button>
                {user.kind === 'staff' ? (
                  <Button type="primary" onClick={() => navigate('/workbench')}>
                    进入工作台
                  </Button>
                ) : (
                  <Button type="primary" onClick={() => navigate('/portal/licenses')} data-testid="me-wallet">
                    我的证照
                  </Button>
                )}
                {user.kind === 'citizen' ? (
                  <Button onClick={() => navigate('/portal/data-uses')} data-testid="me-data-uses">
                    谁用了我的数据
                  </Button>
                ) : null}
              </Flex>
            </Flex>
          </Card>
          <Card variant="borderless" title="账号信息">
            <DetailPanel
              column={1}
              items={[
                { label: '登录账号', value: user.username },
                { label: user.kind === 'enterprise' ? '企业名称' : '姓名', value: user.displayName },
                { label: '账号类型', value: USER_KIND_LABELS[user.kind] },
                ...(user.kind === 'staff' ? [{ label: '所属单位', value: user.departmentName }] : []),
                {
                  label: '角色',
                  value: user.roles.length > 0 ? (
                    <Flex gap={4} wrap>
                      {user.roles.map((r) => (
                        <Tag key={r.code}>{r.name}</Tag>
                      ))}
                    </Flex>
                  ) : null,
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
              账号信息如有错误，请联系账号开通单位更正。
            </Typography.Paragraph>
          </Card>
        </Flex>
        <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
      </div>
    </div>
  );
}
