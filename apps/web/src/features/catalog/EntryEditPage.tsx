import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert, App, Button, Card, Cascader, Checkbox, DatePicker, Empty, Flex, Form, Input, InputNumber, Radio, Result, Select,
  Skeleton, Space, Steps, Tag, Tooltip, Typography,
} from 'antd';
import { CheckCircleOutlined, LeftOutlined, RightOutlined, SaveOutlined, SendOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, errorMessage, type FieldError, type Page } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { DeadlineLight, StatusTag } from './CatalogTags';
import { CodeStructure } from './EntryMetadata';
import { changedFields, formNameOf, isBlankItem, newItemRow, toEntryInput, toFormValues, type EntryFormValues } from './entry-form';
import { EDIT_STEPS, parsePath, pathLabel, stepOfPath, type EditStep } from './fields';
import { ItemsEditor } from './ItemsEditor';
import { ChecksSummary, ProblemsList, problemsOf } from './ProblemsList';
import { qualityColor } from './QualityPanel';
import { EDITABLE_STATUSES, type CatalogSystem, type ChecksResult, type Entry, type Problem } from './types';
import { useCatalogMeta } from './useCatalogMeta';
import './catalog.css';

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/;
const CODE12 = /^\d{12}$/;

type Busy = null | 'save' | 'check' | 'submit';

/** 目录编辑 (new and existing): a guided form through the national fields, with the server's machine checks. */
export function EntryEditPage() {
  const { id } = useParams();
  const creating = !id;
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { user, can } = useAuth();
  const meta = useCatalogMeta();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<EntryFormValues>();

  const loaded = useApiQuery<Entry>(id ? `/catalog/entries/${id}` : null);
  const systems = useApiQuery<Page<CatalogSystem>>('/catalog/systems', { page: 1, pageSize: 100 });
  const [entry, setEntry] = useState<Entry | null>(null);
  const [stepIndex, setStepIndex] = useState(() => Math.min(EDIT_STEPS.length - 1, Math.max(0, Number(params.get('step')) || 0)));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [checks, setChecks] = useState<ChecksResult | null>(null);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const marked = useRef<(string | number)[][]>([]);
  const leaving = useRef(false);

  const step: EditStep = EDIT_STEPS[stepIndex]?.key ?? 'basic';
  const classification = Form.useWatch('classification', form);
  const format = Form.useWatch('format', form);
  const shareType = Form.useWatch('shareType', form);
  const shareMethod = Form.useWatch('shareMethod', form);
  const openType = Form.useWatch('openType', form);
  const grade = Form.useWatch('grade', form);
  const classified = Form.useWatch('classified', form);
  const watchedItems = Form.useWatch('items', form);

  // The form mounts once the entry has arrived, with its values as initial values.
  useEffect(() => {
    const e = loaded.data;
    if (!e || entry?.id === e.id) return;
    setEntry(e);
    setDirty(false);
    if (e.lastCheck) setChecks(e.lastCheck);
  }, [loaded.data]);

  const initialValues = useMemo<EntryFormValues>(
    () => (entry
      ? toFormValues(entry)
      : { classified: false, keywords: [], relatedCodes: [], shareChannels: [], items: [newItemRow()], contactName: user?.displayName }),
    // only the first entry counts: later saves must not reset what the user is typing
    [entry?.id],
  );

  // Coming from a refused submission (?check=1): show the last check's problems on their fields.
  useEffect(() => {
    if (!entry || !params.get('check') || !entry.lastCheck) return;
    const t = window.setTimeout(() => markProblems(entry.lastCheck?.problems ?? []), 0);
    return () => window.clearTimeout(t);
  }, [entry?.id]);

  // The first save moves a new entry to its own address (same page, not remounted) with `leaving` set: guard again there.
  useEffect(() => {
    leaving.current = false;
  }, [id]);

  // Leaving with unsaved changes asks first (links, back button) …
  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '有尚未保存的修改',
      content: '离开本页将丢失这些修改。确定离开吗？',
      okText: '离开',
      cancelText: '留在本页',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker.state]);
  // … and so does closing or reloading the tab.
  useEffect(() => {
    if (!dirty) return;
    const warn = (ev: BeforeUnloadEvent) => ev.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const goStep = (i: number) => {
    setStepIndex(i);
    const next = new URLSearchParams(params);
    next.set('step', String(i));
    next.delete('check');
    setParams(next, { replace: true });
    window.scrollTo({ top: 0 });
  };

  /** Shows problems on their fields (errors red, warnings amber); clears what an earlier run marked. */
  const markProblems = (problems: readonly Problem[], fieldErrors: readonly FieldError[] = []) => {
    const reset = marked.current.map((name) => ({ name, errors: [] as string[], warnings: [] as string[] }));
    const byName = new Map<string, { name: (string | number)[]; errors: string[]; warnings: string[] }>();
    const loose: FieldError[] = [];
    const put = (path: string, text: string, kind: 'errors' | 'warnings') => {
      let name = formNameOf(path);
      if (name && name[0] === 'format' && parsePath(path).field === 'formatType' && form.getFieldValue(['format', 0]) === 'other') {
        name = ['formatTypeOther'];
      }
      if (!name) {
        loose.push({ path, message: text });
        return;
      }
      const key = JSON.stringify(name);
      const slot = byName.get(key) ?? { name, errors: [], warnings: [] };
      slot[kind].push(text);
      byName.set(key, slot);
    };
    for (const p of problems) put(p.path, p.message, p.severity === 'error' ? 'errors' : 'warnings');
    for (const f of fieldErrors) put(f.path, f.message, 'errors');
    marked.current = [...byName.values()].map((v) => v.name);
    form.setFields([...reset, ...byName.values()] as Parameters<typeof form.setFields>[0]);
    setUnmatched(loose);
  };

  const pick = (path: string) => {
    const target = stepOfPath(path);
    const i = EDIT_STEPS.findIndex((s) => s.key === target);
    if (i >= 0) goStep(i);
    let name = formNameOf(path);
    if (name && name[0] === 'format' && parsePath(path).field === 'formatType' && form.getFieldValue(['format', 0]) === 'other') name = ['formatTypeOther'];
    if (name) window.setTimeout(() => form.scrollToField(name, { block: 'center', focus: true }), 60);
  };

  /** Saves the form (creates the draft first time); the saved entry, or null when it was refused. */
  const save = async (quiet = false): Promise<Entry | null> => {
    try {
      await form.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) pick(first.name.join('.'));
      message.error('表单中有需要修改的内容');
      return null;
    }
    const values = form.getFieldsValue(true) as EntryFormValues;
    // Untouched rows are dropped from the form too, so that the server's `items.N` errors point at the rows shown.
    const rows = values.items ?? [];
    const filled = rows.filter((r) => !isBlankItem(r));
    if (filled.length !== rows.length) {
      form.setFieldsValue({ items: filled });
      values.items = filled;
    }
    if (values.classified) {
      goStep(EDIT_STEPS.findIndex((s) => s.key === 'security'));
      message.error('本平台不受理涉密数据，涉密信息资源请按保密管理规定在涉密网络中编目');
      return null;
    }
    const body = toEntryInput(values);
    try {
      let saved: Entry;
      if (!entry) {
        saved = await api.post<Entry>('/catalog/entries', body);
        if (!quiet) message.success(`草稿已保存，信息资源代码 ${saved.code}`);
        setEntry(saved);
        setDirty(false);
        leaving.current = true;
        navigate(`/catalog/entries/${saved.id}/edit?step=${stepIndex}`, { replace: true });
        return saved;
      }
      const changes = changedFields(entry, body);
      if (Object.keys(changes).length === 0) {
        setDirty(false);
        if (!quiet) message.info('没有需要保存的修改');
        return entry;
      }
      saved = await api.patch<Entry>(`/catalog/entries/${entry.id}`, changes);
      setEntry(saved);
      setDirty(false);
      if (!quiet) message.success('已保存');
      return saved;
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'CATALOG_CATEGORY_LOCKED') {
          markProblems([], [{ path: 'category', message: err.message }]);
          pick('category');
        } else if (err.code === 'CATALOG_ENTRY_NOT_EDITABLE' || err.code === 'CATALOG_READ_ONLY') {
          loaded.reload();
        } else if (err.fields.length > 0) {
          markProblems(checks?.problems ?? [], err.fields);
          const first = err.fields[0];
          if (first) pick(first.path);
        }
        message.error(err.code === 'REQUEST_INVALID' ? '提交的内容有误，请按表单中的提示修改' : err.message);
      } else {
        message.error(errorMessage(err));
      }
      return null;
    }
  };

  const runChecks = async () => {
    setBusy('check');
    try {
      const saved = await save(true);
      if (!saved) return;
      const result = await api.post<ChecksResult>(`/catalog/entries/${saved.id}/checks`);
      setChecks(result);
      markProblems(result.problems);
      if (result.errorCount === 0) message.success(result.warningCount > 0 ? `校验通过，有 ${result.warningCount} 个提示` : '校验通过，可以提交审核');
      else message.warning(`发现 ${result.errorCount} 个须修改的问题`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    setBusy('submit');
    try {
      const saved = await save(true);
      if (!saved) return;
      const change = saved.currentVersion !== null;
      const ok = await new Promise<boolean>((resolve) => {
        modal.confirm({
          title: change ? '提交变更审核？' : '提交审核？',
          content: '提交后由市数据主管部门审核，审核期间不能修改。',
          okText: '提交',
          cancelText: '取消',
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      });
      if (!ok) return;
      const result = await api.post<Entry>(`/catalog/entries/${saved.id}/submissions`);
      message.success(change ? '变更已提交，等待数据局审核' : '已提交，等待数据局审核');
      leaving.current = true;
      navigate(`/catalog/entries/${result.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CATALOG_CHECKS_FAILED') {
        const problems = problemsOf(err.details);
        const errors = problems.filter((p) => p.severity === 'error').length;
        setChecks({ passed: false, errorCount: errors, warningCount: problems.length - errors, checkedAt: new Date().toISOString(), problems });
        markProblems(problems);
        message.error(`未能提交：机器校验发现 ${errors} 个须修改的问题`);
      } else if (err instanceof ApiError && err.code === 'CATALOG_NO_CHANGES') {
        message.warning('与已发布版本相比没有修改，无需提交变更');
      } else {
        message.error(errorMessage(err));
      }
    } finally {
      setBusy(null);
    }
  };

  const systemOptions = useMemo(
    () => (systems.data?.items ?? []).map((s) => ({
      value: s.id,
      disabled: s.status === 'retired',
      label: (
        <Flex justify="space-between" gap={8}>
          <span>{s.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {meta.label('SystemStatus', s.status)} · {meta.label('SystemNetwork', s.network)}
          </Typography.Text>
        </Flex>
      ),
      title: s.name,
    })),
    [systems.data, meta],
  );

  const classificationOptions = useMemo(
    () => meta.options('Category').map((c) => ({
      value: c.value,
      label: c.label,
      children: meta.subcategories(c.value as 'basic').map((s) => ({ value: s.value, label: `${s.value} ${s.label}` })),
    })),
    [meta],
  );

  const formatOptions = useMemo(
    () => meta.options('FormatClass').map((c) => {
      const types = meta.formatTypes(c.value as 'database');
      return {
        value: c.value,
        label: c.label,
        children: c.value === 'other' || types.length === 0 ? undefined : types.map((t) => ({ value: t, label: t })),
      };
    }),
    [meta],
  );

  // Rows of the items table that carry problems, to colour them.
  const problemRows = useMemo(() => {
    const rows = new Set<number>();
    for (const p of checks?.problems ?? []) {
      const i = parsePath(p.path).itemIndex;
      if (i !== null && p.severity === 'error') rows.add(i);
    }
    return rows;
  }, [checks]);

  const stepProblems = useMemo(() => {
    const counts = new Map<EditStep, number>();
    for (const p of checks?.problems ?? []) {
      if (p.severity !== 'error') continue;
      const s = stepOfPath(p.path);
      if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return counts;
  }, [checks]);

  // ---------- states where the form does not apply ----------
  if (!can('catalog.entry.edit')) return null;
  if (id && loaded.error) {
    return <ErrorAlert error={loaded.error} title={loaded.error.status === 404 ? '目录不存在或不属于本部门' : '目录加载失败'} onRetry={loaded.reload} />;
  }
  if (id && !entry) return <div className="page-card"><Skeleton active paragraph={{ rows: 14 }} /></div>;
  if (!user?.departmentId) {
    return <Result status="403" title="您的账号未关联部门" subTitle="编制目录须以所在部门名义进行，请联系系统管理员为账号设置所属部门。" />;
  }
  if (entry && (entry.origin === 'provincial' || entry.departmentId !== user.departmentId)) {
    return (
      <Result
        status="403"
        title="不能编辑该目录"
        subTitle={entry.origin === 'provincial' ? '省级下发的目录为只读。' : '只能编辑本部门的目录。'}
        extra={<Button onClick={() => navigate(`/catalog/entries/${entry.id}`)}>查看目录详情</Button>}
      />
    );
  }
  if (entry && !EDITABLE_STATUSES.includes(entry.status)) {
    return (
      <Result
        status="info"
        title={`该目录当前为“${meta.label('EntryStatus', entry.status)}”，不能修改`}
        subTitle={entry.status === 'withdrawn' ? '已撤销的目录不再修改。' : '审核期间目录不能修改，请等待数据局审核结果。'}
        extra={<Button type="primary" onClick={() => navigate(`/catalog/entries/${entry.id}`)}>查看目录详情</Button>}
      />
    );
  }

  const published = entry?.currentVersion !== null && entry?.currentVersion !== undefined;
  const formatClass = format?.[0];
  const itemsCount = watchedItems?.length ?? 0;
  const wide = step === 'items';

  const sidePanel = (
    <div className="catalog-edit-side">
      <Card size="small" title="编目进度">
        <Flex vertical gap={8} style={{ fontSize: 13 }}>
          {entry ? (
            <>
              <Flex justify="space-between"><Typography.Text type="secondary">状态</Typography.Text><StatusTag status={entry.status} dirty={entry.dirty} /></Flex>
              <Flex justify="space-between"><Typography.Text type="secondary">元数据质量</Typography.Text>
                <Typography.Text strong style={{ color: qualityColor(entry.quality.score) }}>{entry.quality.score} 分</Typography.Text>
              </Flex>
              {entry.deadlines.map((d) => <DeadlineLight key={d.rule} deadline={d} showRule />)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>最近保存：{formatDateTime(entry.updatedAt)}</Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">首次保存后生成信息资源代码并开始计算编目时限。只需名称和资源分类即可保存草稿。</Typography.Text>
          )}
          {dirty ? <Tag color="orange" style={{ alignSelf: 'flex-start' }}>有未保存的修改</Tag> : null}
        </Flex>
      </Card>
      <Card
        size="small"
        title="机器校验"
        extra={<Button size="small" icon={<CheckCircleOutlined />} loading={busy === 'check'} onClick={() => void runChecks()}>{checks ? '重新校验' : '运行校验'}</Button>}
        styles={{ body: { padding: checks ? 8 : 16 } }}
      >
        {checks ? (
          <Flex vertical gap={8}>
            <ChecksSummary result={checks} />
            <div style={{ maxHeight: 'calc(100vh - 480px)', minHeight: 120, overflow: 'auto' }}>
              <ProblemsList problems={checks.problems} items={watchedItems?.map((i) => ({ name: i?.name ?? '' }))} onPick={pick} compact />
            </div>
          </Flex>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            校验必填元数据、代码规则、不予共享依据、信息项与目录的共享开放属性、重名、一数一源冲突、疑似重复采集等，一次列出全部问题。
          </Typography.Text>
        )}
        {unmatched.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 8 }}
            title="其他问题"
            description={<ul style={{ margin: 0, paddingLeft: 18 }}>{unmatched.map((f) => <li key={f.path + f.message}>{pathLabel(f.path)}：{f.message}</li>)}</ul>}
          />
        ) : null}
      </Card>
    </div>
  );

  const section = (key: EditStep, children: React.ReactNode) => (
    <div style={{ display: step === key ? 'block' : 'none' }} role="tabpanel" aria-hidden={step !== key}>
      {children}
    </div>
  );

  return (
    <>
      <PageHeader
        breadcrumb={[
          { title: '本部门编目', path: '/catalog/entries' },
          ...(entry ? [{ title: entry.name, path: `/catalog/entries/${entry.id}` }] : []),
          { title: creating ? '新建目录' : published ? '申请变更' : '编辑' },
        ]}
        title={creating ? '新建目录' : published ? `申请变更：${entry?.name}` : `编辑目录：${entry?.name}`}
        subtitle={
          published
            ? `修改的是工作副本，已发布的 v${entry?.currentVersion} 在审核通过前保持不变`
            : '按《政务信息资源目录编制指南（试行）》逐项填写核心元数据，标 * 的为提交审核时的必填项'
        }
      />

      {entry && (entry.status === 'returned' || entry.status === 'change_returned') ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="数据局已退回本目录"
          description={<span>请按退回意见修改后重新提交，退回原因见 <Link to={`/catalog/entries/${entry.id}?tab=reviews`}>审核记录</Link>。</span>}
        />
      ) : null}

      <div className="page-card" style={{ paddingBottom: 8, marginBottom: 16 }}>
        <Steps
          current={stepIndex}
          onChange={goStep}
          size="small"
          items={EDIT_STEPS.map((s) => ({
            title: s.title,
            content: stepProblems.get(s.key) ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{stepProblems.get(s.key)} 个问题</Typography.Text> : s.description,
            status: stepProblems.get(s.key) ? 'error' : undefined,
          }))}
        />
      </div>

      <div className="catalog-edit-layout" style={wide ? { gridTemplateColumns: 'minmax(0, 1fr)' } : undefined}>
        <div style={{ minWidth: 0 }}>
          <div className="page-card">
            <Form<EntryFormValues>
              form={form}
              initialValues={initialValues}
              layout="vertical"
              disabled={busy !== null}
              onValuesChange={() => setDirty(true)}
              requiredMark
              scrollToFirstError={false}
            >
              {section('basic', (
                <>
                  <Form.Item
                    name="name"
                    label="信息资源名称"
                    rules={[
                      { required: true, whitespace: true, message: '请输入信息资源名称' },
                      { max: 100, message: '不超过 100 字' },
                    ]}
                    extra="简明反映资源内容，如“常住人口基本信息”；同一部门内不得重名"
                  >
                    <Input maxLength={100} showCount placeholder="信息资源名称" />
                  </Form.Item>
                  <Form.Item name="summary" label="信息资源摘要" required rules={[{ max: 2000, message: '不超过 2000 字' }]} extra="说明资源的内容、覆盖范围、数据来源和用途，不少于 30 字有助于检索">
                    <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如：本市户籍和居住登记人口的身份、户籍、居住地等基本信息，由户籍管理业务产生……" />
                  </Form.Item>
                  <Form.Item
                    name="keywords"
                    label="关键字"
                    required
                    extra="输入后回车，最多 10 个，每个不超过 20 字"
                    rules={[{ validator: async (_r, v: string[] | undefined) => {
                      if ((v ?? []).length > 10) throw new Error('关键字最多 10 个');
                      if ((v ?? []).some((k) => k.length > 20)) throw new Error('每个关键字不超过 20 字');
                    } }]}
                  >
                    <Select mode="tags" tokenSeparators={[',', '，', '；', ';', '、']} open={false} placeholder="如：人口、户籍、身份证" suffixIcon={null} />
                  </Form.Item>
                  <Form.Item
                    name="systemId"
                    label="来源信息系统"
                    required
                    extra={
                      <span>
                        产生该资源的本部门政务信息系统（“数据—系统”对应）。
                        {can('catalog.system.manage') ? <Link to="/catalog/systems">登记信息系统</Link> : null}
                      </span>
                    }
                  >
                    <Select
                      allowClear
                      options={systemOptions}
                      loading={systems.loading}
                      placeholder={systems.error ? '信息系统列表加载失败' : '请选择'}
                      showSearch={{ optionFilterProp: 'title' }}
                      notFoundContent={systems.loading ? '加载中…' : '本部门尚未登记信息系统'}
                    />
                  </Form.Item>
                  <Form.Item name="dutyText" label="三定职责" required rules={[{ max: 500, message: '不超过 500 字' }]} extra="该资源所服务的“三定”规定职责，写明条款">
                    <Input.TextArea rows={2} maxLength={500} placeholder="如：户籍管理（三定规定第三条第五项）" />
                  </Form.Item>
                  <Form.Item name="dutyListRef" label="责任清单编号" rules={[{ max: 100, message: '不超过 100 字' }]}>
                    <Input maxLength={100} placeholder="如：GAJ-ZZ-005" style={{ maxWidth: 320 }} />
                  </Form.Item>
                  <Form.Item
                    name="relatedCodes"
                    label="关联资源代码"
                    extra="与本资源相关的其他信息资源代码，输入后回车"
                    rules={[{ validator: async (_r, v: string[] | undefined) => {
                      const bad = (v ?? []).filter((c) => !CODE12.test(c.trim()));
                      if (bad.length > 0) throw new Error(`信息资源代码应为 12 位数字：${bad.join('、')}`);
                    } }]}
                  >
                    <Select mode="tags" tokenSeparators={[',', '，', ' ', '；']} open={false} placeholder="如：101001000002" suffixIcon={null} />
                  </Form.Item>
                </>
              ))}

              {section('classification', (
                <>
                  <Form.Item
                    name="classification"
                    label="资源属性分类"
                    rules={[{
                      validator: async (_r, v: string[] | undefined) => {
                        if (!v || v.length === 0) throw new Error('请选择资源属性分类');
                        if (v.length < 2) throw new Error('请选择到“项”一级');
                      },
                    }]}
                    required
                    extra={published ? '首次发布后资源分类不能再修改' : '基础信息资源、主题信息资源或部门信息资源，再选择具体的项；分类决定信息资源代码的前三位'}
                  >
                    <Cascader
                      options={classificationOptions}
                      placeholder="资源属性分类 / 项"
                      disabled={published}
                      style={{ maxWidth: 420 }}
                      expandTrigger="hover"
                    />
                  </Form.Item>
                  {entry ? (
                    <Form.Item label="信息资源代码" extra="由系统按 类 + 项 + 目（部门） + 顺序码 分配，唯一且不重复使用">
                      <CodeStructure code={entry.code} category={entry.category} />
                      {classification && (classification[0] !== entry.category || classification[1] !== entry.subcategory) ? (
                        <Alert type="warning" showIcon style={{ marginTop: 8 }} title="修改分类后保存，系统将按新分类重新分配代码，原代码作废" />
                      ) : null}
                    </Form.Item>
                  ) : null}
                  <Form.Item label="信息资源提供方">
                    <Typography.Text>{entry?.providerName ?? user.departmentName}</Typography.Text>
                    {entry?.providerCode ? <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontFamily: 'monospace' }}>{entry.providerCode}</Typography.Text> : null}
                  </Form.Item>
                  <Form.Item name="format" label="信息资源格式" required extra="先选格式分类，再选格式类型">
                    <Cascader options={formatOptions} placeholder="格式分类 / 格式类型" style={{ maxWidth: 420 }} expandTrigger="hover" />
                  </Form.Item>
                  {formatClass === 'other' ? (
                    <Form.Item name="formatTypeOther" label="其他格式说明" required rules={[{ max: 50, message: '不超过 50 字' }]}>
                      <Input maxLength={50} placeholder="如：shp 矢量数据" style={{ maxWidth: 420 }} />
                    </Form.Item>
                  ) : null}
                </>
              ))}

              {section('share', (
                <>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>共享属性</Typography.Title>
                  <Form.Item name="shareType" label="共享类型" required>
                    <Radio.Group optionType="button" options={meta.options('ShareType')} />
                  </Form.Item>
                  {shareType === 'conditional' ? (
                    <Form.Item name="shareCondition" label="共享条件" required rules={[{ max: 1000, message: '不超过 1000 字' }]} extra="写明可共享的对象、用途和使用要求">
                      <Input.TextArea rows={2} maxLength={1000} placeholder="如：用于政务服务办理时的身份核验" />
                    </Form.Item>
                  ) : null}
                  {shareType === 'none' ? (
                    <Card size="small" style={{ marginBottom: 24, background: '#fffbe6', borderColor: '#ffe58f' }}>
                      <Typography.Paragraph style={{ marginBottom: 12 }}>
                        <WarningOutlined style={{ color: '#faad14' }} /> 列为不予共享的，须有法律、行政法规或党中央、国务院政策依据。
                      </Typography.Paragraph>
                      <Form.Item name="noShareBasisType" label="依据类型" required>
                        <Radio.Group options={meta.options('NoShareBasisType')} />
                      </Form.Item>
                      <Form.Item name="noShareBasisText" label="依据" required rules={[{ max: 1000, message: '不超过 1000 字' }]} style={{ marginBottom: 0 }}>
                        <Input.TextArea rows={2} maxLength={1000} placeholder="写明法律法规或政策文件的名称、文号和条款" />
                      </Form.Item>
                    </Card>
                  ) : null}
                  <Form.Item name="shareMethod" label="共享方式" required>
                    <Radio.Group options={meta.options('ShareMethod')} />
                  </Form.Item>
                  {shareMethod === 'platform' ? (
                    <Form.Item name="shareChannels" label="共享方式类型" required extra="文件类资源一般以文件方式共享；数据库类资源以库表或接口方式共享">
                      <Checkbox.Group options={meta.options('ShareChannel')} />
                    </Form.Item>
                  ) : null}
                  {shareMethod === 'other' ? (
                    <Form.Item name="shareOtherMethod" label="其他共享方式说明" required rules={[{ max: 200, message: '不超过 200 字' }]}>
                      <Input maxLength={200} placeholder="如：介质交换（光盘），每季度一次" />
                    </Form.Item>
                  ) : null}

                  <Typography.Title level={5}>开放属性</Typography.Title>
                  <Form.Item name="openType" label="开放类型" required extra="向社会开放的方式；含个人信息的资源不得无条件开放">
                    <Radio.Group optionType="button" options={meta.options('OpenType')} />
                  </Form.Item>
                  {openType === 'conditional' ? (
                    <Form.Item name="openCondition" label="开放条件" required rules={[{ max: 1000, message: '不超过 1000 字' }]}>
                      <Input.TextArea rows={2} maxLength={1000} placeholder="如：经实名认证的科研机构申请，签订数据使用协议后开放" />
                    </Form.Item>
                  ) : null}
                </>
              ))}

              {section('security', (
                <>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>安全分级</Typography.Title>
                  <Form.Item
                    name="classified"
                    label="涉密属性"
                    required
                    rules={[{ validator: async (_r, v: boolean | undefined) => {
                      if (v) throw new Error('本平台不受理涉密数据');
                    } }]}
                  >
                    <Radio.Group options={[{ value: false, label: '非涉密' }, { value: true, label: '涉密' }]} />
                  </Form.Item>
                  {classified ? (
                    <Alert
                      type="error"
                      showIcon
                      style={{ marginBottom: 24 }}
                      title="本平台不受理涉密信息资源"
                      description="政务数据平台运行在非涉密网络上，不存储、不编目涉密数据。涉密信息资源请按保密管理规定在涉密网络中编目；如确属非涉密，请选择“非涉密”。"
                    />
                  ) : null}
                  <Form.Item name="grade" label="数据分级（GB/T 43697）" required>
                    <Radio.Group optionType="button" options={meta.options('Grade')} />
                  </Form.Item>
                  {grade === 'general' ? (
                    <Form.Item name="sensitivityLevel" label="一般数据敏感级别" required extra="1 级最低、4 级最高">
                      <Radio.Group options={[1, 2, 3, 4].map((n) => ({ value: n, label: `${n} 级` }))} />
                    </Form.Item>
                  ) : null}

                  <Typography.Title level={5}>更新与时限</Typography.Title>
                  <Form.Item name="updateFrequency" label="更新周期" required>
                    <Radio.Group options={meta.options('UpdateFrequency')} />
                  </Form.Item>
                  <Flex gap={24} wrap>
                    <Form.Item name="identifiedOn" label="资源确认日期" extra="新增资源自该日起 20 个工作日内完成编目">
                      <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name="dutyChangedOn" label="职责变更日期" extra="职责调整的，自该日起 20 个工作日内更新目录">
                      <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 200 }} />
                    </Form.Item>
                  </Flex>
                  <Flex gap={24} wrap>
                    <Form.Item name="recordCount" label="数据量（条）">
                      <InputNumber min={0} precision={0} style={{ width: 200 }} placeholder="结构化记录总数" />
                    </Form.Item>
                    <Form.Item name="storageMb" label="存储量（MB）">
                      <InputNumber min={0} precision={2} style={{ width: 200 }} />
                    </Form.Item>
                  </Flex>
                </>
              ))}

              {section('items', (
                <>
                  <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
                    <Typography.Text type="secondary">
                      逐项登记资源包含的数据项。信息项的共享、开放属性可以比目录更严格，不能更宽松。
                    </Typography.Text>
                    {checks && problemRows.size > 0 ? (
                      <Typography.Text type="danger">{problemRows.size} 行有问题（已标红）</Typography.Text>
                    ) : null}
                  </Flex>
                  <ItemsEditor form={form} problemRows={problemRows} disabled={busy !== null} />
                  {checks ? (
                    <div style={{ marginTop: 16 }}>
                      {checks.problems.filter((p) => parsePath(p.path).field === 'items').length > 0 ? (
                        <Card size="small" title="信息项相关问题">
                          <ProblemsList
                            problems={checks.problems.filter((p) => parsePath(p.path).field === 'items')}
                            items={watchedItems?.map((i) => ({ name: i?.name ?? '' }))}
                            onPick={pick}
                          />
                        </Card>
                      ) : null}
                    </div>
                  ) : null}
                </>
              ))}

              {section('contact', (
                <>
                  <Flex gap={24} wrap>
                    <Form.Item name="contactName" label="联系人" required rules={[{ max: 50, message: '不超过 50 字' }]} style={{ width: 240 }}>
                      <Input maxLength={50} />
                    </Form.Item>
                    <Form.Item
                      name="contactPhone"
                      label="联系电话"
                      required
                      rules={[{ pattern: PHONE, message: '请输入手机号码或固定电话（如 0660-3300000）' }]}
                      style={{ width: 240 }}
                    >
                      <Input maxLength={20} placeholder="0660-3300000" />
                    </Form.Item>
                    <Form.Item name="contactEmail" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]} style={{ width: 300 }}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Flex>
                  <Card size="small" title="提交前检查" style={{ marginTop: 8 }}>
                    {checks ? (
                      <Flex vertical gap={8}>
                        <ChecksSummary result={checks} />
                        <ProblemsList problems={checks.problems} items={watchedItems?.map((i) => ({ name: i?.name ?? '' }))} onPick={pick} />
                      </Flex>
                    ) : (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="运行机器校验，查看提交前需要修改的问题">
                        <Button icon={<CheckCircleOutlined />} loading={busy === 'check'} onClick={() => void runChecks()}>运行校验</Button>
                      </Empty>
                    )}
                  </Card>
                </>
              ))}
            </Form>
          </div>

          <div className="catalog-edit-footer">
            <Space>
              <Button icon={<LeftOutlined />} disabled={stepIndex === 0} onClick={() => goStep(stepIndex - 1)}>上一步</Button>
              <Button disabled={stepIndex === EDIT_STEPS.length - 1} onClick={() => goStep(stepIndex + 1)}>
                下一步 <RightOutlined />
              </Button>
              {step === 'items' ? <Typography.Text type="secondary">{itemsCount} 个信息项</Typography.Text> : null}
            </Space>
            <Space>
              <Button onClick={() => navigate(entry ? `/catalog/entries/${entry.id}` : '/catalog/entries')}>返回</Button>
              <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={async () => {
                setBusy('save');
                try {
                  await save();
                } finally {
                  setBusy(null);
                }
              }}>
                保存草稿
              </Button>
              <Button icon={<CheckCircleOutlined />} loading={busy === 'check'} onClick={() => void runChecks()}>保存并校验</Button>
              <Tooltip title={checks && checks.errorCount > 0 ? '请先修改校验发现的问题' : undefined}>
                <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void submit()}>
                  {published ? '提交变更审核' : '提交审核'}
                </Button>
              </Tooltip>
            </Space>
          </div>
        </div>
        {wide ? null : sidePanel}
      </div>
    </>
  );
}
