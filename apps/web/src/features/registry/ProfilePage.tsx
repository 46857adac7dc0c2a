import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, SearchOutlined, StarFilled } from '@ant-design/icons';
import { api, type ApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { BASIS_LABELS, type Profile, type RegistryKind } from './types';

const TEXT: Record<RegistryKind, { title: string; subtitle: string; key: string; path: string; placeholder: string }> = {
  person: { title: '一人一档', subtitle: '汇聚各部门关于一个自然人的数据，按来源分组；每次查询须说明用途并记入审计', key: '公民身份号码', path: 'persons', placeholder: '18 位公民身份号码' },
  entity: { title: '一企一档', subtitle: '汇聚各部门关于一个法人或其他组织的数据，按来源分组；每次查询须说明用途并记入审计', key: '统一社会信用代码', path: 'entities', placeholder: '18 位统一社会信用代码' },
};

const BASIS_COLORS = { authoritative: 'gold', precedence: 'blue', latest: 'default' } as const;

function Value({ value, masked }: { value: string | null; masked: boolean }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return masked ? <Tooltip title="已按您的权限脱敏"><Typography.Text>{value} <EyeInvisibleOutlined /></Typography.Text></Tooltip> : <Typography.Text>{value}</Typography.Text>;
}

/** 一人一档 / 一企一档: look up one subject by key with a purpose; golden values with their source, then every source. */
export function ProfilePage({ registry }: { registry: RegistryKind }) {
  const text = TEXT[registry];
  const [form] = Form.useForm<{ key: string; purpose: string }>();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const search = async (values: { key: string; purpose: string }) => {
    setLoading(true);
    setError(null);
    try {
      setProfile(await api.get<Profile>(`/registry/${text.path}/${encodeURIComponent(values.key.trim())}`, { purpose: values.purpose.trim() }));
    } catch (e) {
      setProfile(null);
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <PageHeader title={text.title} subtitle={text.subtitle} />
      <Card>
        <Form form={form} layout="inline" onFinish={search}>
          <Form.Item name="key" label={text.key} rules={[{ required: true, message: `请输入${text.key}` }]}>
            <Input placeholder={text.placeholder} style={{ width: 240 }} allowClear data-testid="registry-profile-key" />
          </Form.Item>
          <Form.Item name="purpose" label="查询用途" rules={[{ required: true, min: 2, message: '请说明查询用途（记入审计）' }]}>
            <Input placeholder="如：低保资格复核" style={{ width: 260 }} data-testid="registry-profile-purpose" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>查询</Button>
        </Form>
      </Card>
      {error ? <ErrorAlert error={error} style={{ marginTop: 16 }} /> : null}
      {profile ? <ProfileView profile={profile} /> : null}
    </>
  );
}

function ProfileView({ profile: p }: { profile: Profile }) {
  return (
    <Flex vertical gap={16} style={{ marginTop: 16 }}>
      {p.masked ? <Alert type="info" showIcon message="敏感信息已按您的权限脱敏（本部门数据除外）。本次查询已记入审计。" /> : <Alert type="success" showIcon message="本次查询已记入审计。" />}
      {p.hiddenSources ? <Alert type="warning" showIcon message={`另有 ${p.hiddenSources} 个其他部门的数据源不在您的权限范围内，未显示。`} /> : null}
      <Card title="标准值（一数一源）" extra={<Typography.Text type="secondary">{p.builtAt ? `基础库构建于 ${formatDateTime(p.builtAt)}` : '尚未构建：按实时数据计算'}</Typography.Text>}>
        <Table
          size="small" rowKey="item" pagination={false} dataSource={p.golden}
          columns={[
            { title: '数据项', dataIndex: 'itemName', width: 160 },
            { title: '标准值', key: 'value', render: (_: unknown, g) => <Value value={g.value} masked={g.masked} /> },
            {
              title: '来源', key: 'source', width: 300,
              render: (_: unknown, g) => (
                <Space size={4} wrap>
                  <Tag color={BASIS_COLORS[g.basis]}>{g.basis === 'authoritative' ? <StarFilled /> : null} {BASIS_LABELS[g.basis]}</Tag>
                  <Typography.Text>{g.sourceDepartmentName}</Typography.Text>
                  <Typography.Text type="secondary">{g.sourceEntryName}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '其他来源的不同值', key: 'alternatives',
              render: (_: unknown, g) => g.alternatives.length
                ? <Space orientation="vertical" size={0}>{g.alternatives.map((a) => <span key={a.entryId}><Tag color="red">{a.departmentName}</Tag><Value value={a.value} masked={a.masked} /></span>)}</Space>
                : <Typography.Text type="secondary">一致</Typography.Text>,
            },
          ]}
        />
      </Card>
      {p.sources.map((s) => (
        <Card key={s.entryId} size="small" title={<Space><Tag color="blue">{s.departmentName}</Tag>{s.entryName}<Typography.Text type="secondary">{s.datasource}</Typography.Text></Space>}>
          {s.rows.map((row, i) => (
            <div key={i} style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">最后更新 {formatDateTime(row.updatedAt)}</Typography.Text>
              <Table
                size="small" rowKey="item" pagination={false} dataSource={row.values} showHeader={i === 0}
                columns={[
                  { title: '数据项', dataIndex: 'itemName', width: 200, render: (v: string, x) => <Space size={4}>{v}{x.authoritative ? <Tooltip title="本部门为该数据项的权威来源"><StarFilled style={{ color: '#d4b106' }} /></Tooltip> : null}</Space> },
                  { title: '值', key: 'value', render: (_: unknown, x) => <Space size={4}><Value value={x.value} masked={x.masked} />{x.disputed ? <Tooltip title="该值有已受理的异议，提供部门正在核实"><Tag color="orange" data-testid="registry-disputed">存疑</Tag></Tooltip> : null}</Space> },
                ]}
              />
            </div>
          ))}
        </Card>
      ))}
      {!p.sources.length ? <Empty description="无数据" /> : null}
    </Flex>
  );
}
