import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../ui/api';
import { Chart } from '../../ui/Chart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { DIMENSIONS, SEVERITY_COLOR, SEVERITY_LABEL, dimensionLabel, scoreText, type CodeTable, type QualityEntry, type QualityMeta, type Rule, type RuleList, type Run } from './types';

type Tab = 'rules' | 'runs' | 'scores';
const ITEM_RULES = ['not_null', 'unique', 'regex', 'length', 'range', 'code_table', 'id_number', 'credit_code', 'date_valid', 'reference', 'cross_source'];

/** 质量规则与检测: pick an entry, edit its rules, run them, see results with failing samples and the score history. */
export function QualityEntriesPage() {
  const entries = useApiQuery<{ items: QualityEntry[] }>('/quality/entries');
  const { canAny } = useAuth();
  // Entries not yet in the quality module come from the catalog's working list (own department, or all for the bureau).
  const catalog = useApiQuery<{ items: { id: string; name: string }[] }>(canAny(['catalog.entry.edit', 'catalog.entry.review']) ? '/catalog/entries' : null, { pageSize: 100 });
  const [entryId, setEntryId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('rules');
  const options = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of entries.data?.items ?? []) m.set(e.entryId, `${e.entryName}（${e.rules} 条规则，得分 ${scoreText(e.score)}）`);
    for (const e of catalog.data?.items ?? []) if (!m.has(e.id)) m.set(e.id, e.name);
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [entries.data, catalog.data]);

  return (
    <>
      <PageHeader title="质量规则与检测" subtitle="按目录配置质量规则（字段级或整表），一键检测，查看问题样例与得分走势；归集完成后与定时任务也会自动检测" />
      <ErrorAlert error={entries.error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} align="center" wrap>
          <Typography.Text>目录：</Typography.Text>
          <Select showSearch optionFilterProp="label" style={{ minWidth: 420 }} placeholder="选择已挂接数据表的目录" value={entryId} onChange={setEntryId} options={options} data-testid="quality-entry-select" />
          <Segmented<Tab> value={tab} onChange={setTab} options={[{ value: 'rules', label: '规则' }, { value: 'runs', label: '检测记录' }, { value: 'scores', label: '得分走势' }]} />
        </Flex>
      </Card>
      {!entryId ? <Empty description="请选择目录" /> : tab === 'rules' ? <RulesPanel entryId={entryId} /> : tab === 'runs' ? <RunsPanel entryId={entryId} /> : <ScoresPanel entryId={entryId} />}
    </>
  );
}

function RulesPanel({ entryId }: { entryId: string }) {
  const rules = useApiQuery<RuleList>(`/quality/entries/${entryId}/rules`);
  const meta = useApiQuery<QualityMeta>('/quality/meta');
  const { can } = useAuth();
  const { run: submit } = useSubmit();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const manage = can('quality.rule.manage');
  const columns: TableColumnsType<Rule> = [
    { title: '规则', dataIndex: 'name' },
    { title: '类型', dataIndex: 'typeLabel' },
    { title: '维度', dataIndex: 'dimension', render: (v: string) => dimensionLabel(v) },
    { title: '严重程度', dataIndex: 'severity', render: (v: string) => <Tag color={SEVERITY_COLOR[v]}>{SEVERITY_LABEL[v] ?? v}</Tag> },
    { title: '参数', dataIndex: 'params', render: (p: Record<string, unknown>) => <Typography.Text code style={{ fontSize: 12 }}>{Object.keys(p).length ? JSON.stringify(p) : '—'}</Typography.Text> },
    { title: '启用', dataIndex: 'enabled', render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
    ...(manage ? [{
      title: '操作', key: 'ops', render: (_: unknown, r: Rule) => (
        <Space>
          <Button type="link" size="small" onClick={() => setEditing(r)}>编辑</Button>
          <Popconfirm title="删除该规则？其未关闭的问题将随之关闭" onConfirm={async () => { if ((await submit(() => api.delete(`/quality/rules/${r.id}`), { success: '已删除' })).ok) rules.reload(); }}>
            <Button type="link" size="small" danger>删除</Button>
          </Popconfirm>
        </Space>
      ),
    }] : []),
  ];
  return (
    <Card size="small" title={`${rules.data?.entryName ?? ''} 的质量规则`} extra={manage && rules.data?.mounted ? <Button icon={<PlusOutlined />} type="primary" onClick={() => setEditing('new')}>新增规则</Button> : null}>
      <ErrorAlert error={rules.error} />
      {rules.data && !rules.data.mounted ? <Typography.Paragraph type="warning">该目录尚未挂接数据表，不能配置规则。</Typography.Paragraph> : null}
      <Table rowKey="id" size="small" loading={rules.loading} dataSource={rules.data?.items ?? []} columns={columns} pagination={false} />
      {editing && rules.data && meta.data ? (
        <RuleForm entryId={entryId} rule={editing === 'new' ? null : editing} list={rules.data} meta={meta.data} onClose={(saved) => { setEditing(null); if (saved) rules.reload(); }} />
      ) : null}
    </Card>
  );
}

function RuleForm({ entryId, rule, list, meta, onClose }: { entryId: string; rule: Rule | null; list: RuleList; meta: QualityMeta; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const { run: submit, submitting } = useSubmit();
  const type = Form.useWatch('type', form) as string | undefined ?? rule?.type;
  const codeTables = useApiQuery<{ items: CodeTable[] }>(type === 'code_table' ? '/quality/code-tables' : null);
  const otherEntries = useApiQuery<{ items: { entryId: string; entryName: string }[] }>(type === 'reference' || type === 'cross_source' ? '/quality/entries' : null);
  const itemOptions = list.columns.map((c) => ({ value: c.itemCodeName, label: `${c.itemName}（${c.itemCodeName}）` }));
  const save = async () => {
    const v = await form.validateFields();
    const params: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v.params ?? {})) if (val !== undefined && val !== null && val !== '') params[k] = val;
    const body = { type: v.type, name: v.name || undefined, items: ITEM_RULES.includes(v.type) ? (Array.isArray(v.items) ? v.items : v.items ? [v.items] : []) : [], dimension: v.dimension, severity: v.severity, enabled: v.enabled, params };
    const res = await submit(() => (rule ? api.put(`/quality/rules/${rule.id}`, body) : api.post(`/quality/entries/${entryId}/rules`, body)), { form, success: '规则已保存' });
    if (res.ok) onClose(true);
  };
  return (
    <Modal open title={rule ? '编辑质量规则' : '新增质量规则'} onCancel={() => onClose(false)} onOk={save} confirmLoading={submitting} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={rule ? { ...rule, items: rule.type === 'unique' ? rule.items : rule.items[0] } : { type: 'not_null', severity: 'medium', enabled: true }}>
        <Form.Item name="type" label="规则类型" rules={[{ required: true }]}><Select disabled={!!rule} options={meta.ruleTypes} /></Form.Item>
        {type && ITEM_RULES.includes(type) ? (
          <Form.Item name="items" label="检查的信息项" rules={[{ required: true, message: '请选择信息项' }]}><Select mode={type === 'unique' ? 'multiple' : undefined} options={itemOptions} /></Form.Item>
        ) : null}
        {type === 'regex' ? <Form.Item name={['params', 'pattern']} label="正则表达式（PostgreSQL 语法）" rules={[{ required: true }]}><Input placeholder="^[0-9]{6}$" /></Form.Item> : null}
        {type === 'length' ? (
          <Space><Form.Item name={['params', 'min']} label="最小长度"><InputNumber min={0} /></Form.Item><Form.Item name={['params', 'max']} label="最大长度"><InputNumber min={1} /></Form.Item></Space>
        ) : null}
        {type === 'range' ? (
          <Space align="start">
            <Form.Item name={['params', 'valueKind']} label="取值类型" initialValue="number"><Select style={{ width: 120 }} options={[{ value: 'number', label: '数值' }, { value: 'date', label: '日期' }]} /></Form.Item>
            <Form.Item name={['params', 'min']} label="最小值"><Input placeholder="0 或 1900-01-01" /></Form.Item>
            <Form.Item name={['params', 'max']} label="最大值"><Input /></Form.Item>
          </Space>
        ) : null}
        {type === 'code_table' ? (
          <Form.Item name={['params', 'codeTableId']} label="代码表" rules={[{ required: true }]}>
            <Select options={(codeTables.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.code} ${t.name}（${t.valueCount} 个代码）` }))} loading={codeTables.loading} />
          </Form.Item>
        ) : null}
        {type === 'reference' || type === 'cross_source' ? (
          <>
            <Form.Item name={['params', 'entryId']} label={type === 'reference' ? '参照目录' : '权威来源目录'} rules={[{ required: true }]} extra="须为已配置质量规则或检测过的目录；也可直接粘贴目录 ID">
              <Select showSearch allowClear mode={undefined} options={(otherEntries.data?.items ?? []).filter((e) => e.entryId !== entryId).map((e) => ({ value: e.entryId, label: e.entryName }))} />
            </Form.Item>
            <Form.Item name={['params', 'itemCodeName']} label="参照信息项（代码名，默认同本规则信息项）"><Input /></Form.Item>
            {type === 'cross_source' ? (
              <Form.Item name={['params', 'keyItem']} label="关联主键" initialValue="id_number"><Select options={[{ value: 'id_number', label: '公民身份号码' }, { value: 'credit_code', label: '统一社会信用代码' }]} /></Form.Item>
            ) : null}
          </>
        ) : null}
        {type === 'freshness' ? (
          <Space align="start">
            <Form.Item name={['params', 'frequency']} label="更新周期" initialValue="daily"><Select style={{ width: 200 }} options={meta.frequencies} /></Form.Item>
            <Form.Item name={['params', 'maxAgeDays']} label="或最长间隔（天）"><InputNumber min={1} /></Form.Item>
          </Space>
        ) : null}
        {type === 'row_count_change' ? <Form.Item name={['params', 'thresholdPercent']} label="波动阈值（%）" rules={[{ required: true }]}><InputNumber min={0.01} /></Form.Item> : null}
        {type === 'custom_sql' ? (
          <Form.Item name={['params', 'sql']} label="自定义 SQL" rules={[{ required: true }]} extra="一条只读 SELECT，第一列为问题行的主键；{table} 代表本目录数据表中未删除的行。在只读事务中限时执行。">
            <Input.TextArea rows={4} placeholder="select id_number from {table} where birth_date < '1900-01-01'" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label="规则名称（可选，默认自动生成）"><Input maxLength={200} /></Form.Item>
        <Space>
          <Form.Item name="dimension" label="质量维度"><Select style={{ width: 160 }} allowClear placeholder="按类型默认" options={DIMENSIONS} /></Form.Item>
          <Form.Item name="severity" label="严重程度"><Select style={{ width: 100 }} options={meta.severities} /></Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked"><Switch /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function RunsPanel({ entryId }: { entryId: string }) {
  const runs = useApiQuery<{ items: Run[] }>(`/quality/entries/${entryId}/runs`);
  const { can } = useAuth();
  const { run: submit, submitting } = useSubmit();
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<Run> = [
    { title: '开始时间', dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
    { title: '触发', dataIndex: 'triggerLabel' },
    { title: '行数', dataIndex: 'rowCount', align: 'right' },
    { title: '得分', dataIndex: 'score', align: 'right', render: (v: number | null) => <Typography.Text strong>{scoreText(v)}</Typography.Text> },
    { title: '状态', dataIndex: 'status', render: (v: string, r) => (v === 'done' ? <Tag color="green">完成</Tag> : <Tag color="red" title={r.error ?? ''}>失败</Tag>) },
    { title: '操作', key: 'ops', render: (_: unknown, r) => <Button type="link" size="small" onClick={() => setOpen(r.id)}>查看结果</Button> },
  ];
  return (
    <Card size="small" title="检测记录" extra={can('quality.run.execute') ? (
      <Button type="primary" icon={<PlayCircleOutlined />} loading={submitting} data-testid="quality-run-now"
        onClick={async () => { const res = await submit(() => api.post<Run>(`/quality/entries/${entryId}/runs`), { success: '检测完成' }); if (res.ok) { runs.reload(); setOpen(res.value.id); } }}>立即检测</Button>
    ) : null}>
      <ErrorAlert error={runs.error} />
      <Table rowKey="id" size="small" loading={runs.loading} dataSource={runs.data?.items ?? []} columns={columns} />
      {open ? <RunDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function RunDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const run = useApiQuery<Run>(`/quality/runs/${id}`);
  const r = run.data;
  return (
    <Drawer open width={880} title="检测结果" onClose={onClose}>
      <ErrorAlert error={run.error} />
      {r ? (
        <>
          <Descriptions size="small" column={3} items={[
            { label: '目录', children: r.entryName }, { label: '得分', children: scoreText(r.score) }, { label: '行数', children: r.rowCount ?? '—' },
            ...DIMENSIONS.map((d) => ({ label: d.label, children: scoreText(r.dimensionScores[d.value]) })),
          ]} />
          {r.error ? <Typography.Paragraph type="danger">{r.error}</Typography.Paragraph> : null}
          <Table rowKey="ruleId" size="small" style={{ marginTop: 12 }} pagination={false} dataSource={r.results ?? []} columns={[
            { title: '规则', dataIndex: 'ruleName' },
            { title: '维度', dataIndex: 'dimension', render: (v: string) => dimensionLabel(v) },
            { title: '检查', dataIndex: 'checked', align: 'right' },
            { title: '问题', dataIndex: 'failed', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger" strong>{v}</Typography.Text> : 0) },
            { title: '通过率', dataIndex: 'passRate', align: 'right', render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`) },
            { title: '耗时', dataIndex: 'durationMs', align: 'right', render: (v: number) => `${v} ms` },
          ]} expandable={{
            rowExpandable: (x) => x.sampleKeys.length > 0 || !!x.error,
            expandedRowRender: (x) => (x.error ? <Typography.Text type="danger">{x.error}</Typography.Text> : (
              <div><Typography.Text type="secondary">问题样例（最多 20 条）：</Typography.Text>{x.sampleKeys.map((k) => <Tag key={k} style={{ fontFamily: 'monospace' }}>{k}</Tag>)}</div>
            )),
          }} />
        </>
      ) : null}
    </Drawer>
  );
}

function ScoresPanel({ entryId }: { entryId: string }) {
  const scores = useApiQuery<{ score: number | null; dimensionScores: Record<string, number | null>; history: { day: string; score: number | null }[] }>(`/quality/entries/${entryId}/scores`, { days: 180 });
  const s = scores.data;
  return (
    <Card size="small" title="得分走势">
      <ErrorAlert error={scores.error} />
      {s ? (
        <>
          <Descriptions size="small" column={6} items={[{ label: '综合得分', children: <Typography.Text strong>{scoreText(s.score)}</Typography.Text> }, ...DIMENSIONS.map((d) => ({ label: d.label, children: scoreText(s.dimensionScores[d.value]) }))]} />
          <Chart ariaLabel="目录质量得分走势" height={300} option={{
            tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'category', data: s.history.map((h) => h.day) }, yAxis: { type: 'value', min: 0, max: 100 },
            series: [{ type: 'line', name: '得分', data: s.history.map((h) => h.score), smooth: true, areaStyle: { opacity: 0.15 } }],
          } as never} />
        </>
      ) : null}
    </Card>
  );
}


