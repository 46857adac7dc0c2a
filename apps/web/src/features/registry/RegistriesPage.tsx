import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { BuildOutlined, SaveOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { BUILD_STATUS, type Build, type Registry } from './types';

/** 基础库概况: the population and legal-entity registries, their sources, builds (with progress) and precedence. */
export function RegistriesPage() {
  const list = useApiQuery<{ items: Registry[] }>('/registry/registries');
  const running = list.data?.items.some((r) => r.activeBuild);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(list.reload, 1000);
    return () => clearInterval(timer);
  }, [running, list.reload]);
  return (
    <>
      <PageHeader title="基础库" subtitle="人口库、法人库由各部门挂接的数据表汇聚而成：每个数据项以权威来源（一数一源）为准，其他来源的值保留用于比对" />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Flex vertical gap={16}>
        {list.data?.items.map((r) => <RegistryCard key={r.registry} registry={r} onChanged={list.reload} />)}
      </Flex>
    </>
  );
}

function BuildStatus({ build }: { build: Build }) {
  const s = BUILD_STATUS[build.status];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space><Tag color={s.color}>{s.label}</Tag><Typography.Text type="secondary">{build.stepLabel}</Typography.Text></Space>
      {build.status === 'running' || build.status === 'queued' ? <Progress percent={build.percent} status="active" /> : null}
      {build.error ? <Alert type="error" showIcon message={build.error} /> : null}
    </Space>
  );
}

function RegistryCard({ registry: r, onChanged }: { registry: Registry; onChanged: () => void }) {
  const { can } = useAuth();
  const { run, submitting } = useSubmit();
  const [precedence, setPrecedence] = useState<string[]>(r.precedence.map((p) => p.departmentId));
  useEffect(() => setPrecedence(r.precedence.map((p) => p.departmentId)), [r.precedence]);
  const manage = can('registry.manage');
  const departments = [...new Map(r.sources.map((s) => [s.departmentId, s.departmentName])).entries()].map(([value, label]) => ({ value, label }));
  const build = async () => {
    const res = await run(() => api.post<Build>(`/registry/registries/${r.registry}/builds`), { success: '已开始构建' });
    if (res.ok) onChanged();
  };
  const save = async () => {
    const res = await run(() => api.put<Registry>(`/registry/registries/${r.registry}/settings`, { precedence }), { success: '优先级已保存' });
    if (res.ok) onChanged();
  };
  return (
    <Card
      title={<Space>{r.name}<Typography.Text type="secondary">主键：{r.keyName}</Typography.Text></Space>}
      extra={
        <Space>
          <Link to={`/registry/${r.registry === 'person' ? 'persons' : 'entities'}`}>{r.registry === 'person' ? '一人一档' : '一企一档'}</Link>
          <Link to={`/registry/comparison?registry=${r.registry}`}>多源比对</Link>
          {manage ? <Button type="primary" icon={<BuildOutlined />} loading={submitting} disabled={!!r.activeBuild} onClick={build} data-testid={`registry-build-${r.registry}`}>重新构建</Button> : null}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 4 }} items={[
        { key: 'records', label: '主体数', children: formatCount(r.records) },
        { key: 'sources', label: '数据源', children: `${r.sources.length} 个（${departments.length} 个部门）` },
        { key: 'last', label: '最近构建', children: r.lastBuild ? formatDateTime(r.lastBuild.finishedAt) : '尚未构建' },
        { key: 'conflicts', label: '存在多源不一致的主体', children: r.lastBuild ? formatCount(r.lastBuild.conflicts) : '—' },
      ]} />
      {r.activeBuild ? <BuildStatus build={r.activeBuild} /> : null}
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="entryId"
        pagination={false}
        dataSource={r.sources}
        columns={[
          { title: '提供部门', dataIndex: 'departmentName', width: 160 },
          { title: '目录', dataIndex: 'entryName' },
          { title: '数据表', dataIndex: 'table', width: 180, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: '主体数（最近构建）', dataIndex: 'subjects', width: 150, align: 'right', render: (v: number | null) => formatCount(v) },
          {
            title: '数据项（★ 权威来源）', key: 'items',
            render: (_: unknown, s) => <Space size={[4, 4]} wrap>{s.items.map((i) => <Tag key={i.item} color={i.authoritative ? 'gold' : undefined}>{i.authoritative ? '★ ' : ''}{i.itemName}</Tag>)}</Space>,
          },
        ]}
      />
      <Flex gap={8} align="center" style={{ marginTop: 12 }} wrap>
        <Typography.Text>无权威来源时的取值优先级（靠前优先，其余按最近更新）：</Typography.Text>
        <Select mode="multiple" style={{ minWidth: 320 }} value={precedence} onChange={setPrecedence} options={departments} disabled={!manage} placeholder="未设置：按最近更新" />
        {manage ? <Button icon={<SaveOutlined />} onClick={save} loading={submitting}>保存</Button> : null}
      </Flex>
    </Card>
  );
}
