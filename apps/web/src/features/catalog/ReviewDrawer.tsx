import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Cascader, Drawer, Empty, Flex, Form, Input, Modal, Radio, Skeleton, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api, ApiError, errorMessage } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import { DeadlineLight, StatusTag } from './CatalogTags';
import { EntryDiff } from './DiffView';
import { EntryMetadata } from './EntryMetadata';
import { ENTRY_FIELD_LABELS, ITEM_FIELD_LABELS } from './fields';
import { ItemsTable } from './ItemsTable';
import { ChecksSummary, ProblemsList, problemsOf } from './ProblemsList';
import { ReviewHistory, useReviews } from './ReviewHistory';
import type { ChecksResult, Entry, Problem, ReviewReason } from './types';

interface ReasonRow {
  target?: string[];
  message?: string;
}

interface DecisionForm {
  decision: 'approve' | 'return';
  comment?: string;
  reasons?: ReasonRow[];
}

const META_FIELDS = Object.keys(ENTRY_FIELD_LABELS).filter((f) => f !== 'entry' && f !== 'items' && f !== 'code');

function targetToPath(t: string[] | undefined): string | null {
  if (!t || t.length === 0) return null;
  if (t[0] === 'entry') return 'entry';
  if (t[0] === 'meta') return t[1] ?? null;
  if (t[0] === 'items') {
    if (t[1] === undefined) return 'items';
    return t[2] ? `items.${t[1]}.${t[2]}` : `items.${t[1]}`;
  }
  return null;
}

function pathToTarget(path: string): string[] {
  if (path === 'entry') return ['entry'];
  const parts = path.split('.');
  if (parts[0] === 'items') return parts.length === 1 ? ['items'] : parts.slice(0, 3);
  return ['meta', parts[0] ?? path];
}

export interface ReviewDrawerProps {
  entryId: string | null;
  onClose: () => void;
  /** After a decision was recorded. */
  onDone: (entry: Entry) => void;
}

/**
 * The bureau's review of one submission: the entry (for a change, its diff against the published version), the
 * machine checks, the history; approve, or return with a reason per field.
 */
export function ReviewDrawer({ entryId, onClose, onDone }: ReviewDrawerProps) {
  const open = entryId !== null;
  const { message, modal } = App.useApp();
  const entry = useApiQuery<Entry>(entryId ? `/catalog/entries/${entryId}` : null);
  const reviews = useReviews(entryId ?? '', open);
  const [form] = Form.useForm<DecisionForm>();
  const decision = Form.useWatch('decision', form);
  const [submitting, setSubmitting] = useState(false);
  const [checks, setChecks] = useState<ChecksResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [blocking, setBlocking] = useState<Problem[] | null>(null);

  const e = entry.data && entry.data.id === entryId ? entry.data : undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setChecks(null);
    setBlocking(null);
  }, [open, entryId, form]);

  const kind = e?.status === 'change_submitted' ? 'change' : e?.status === 'withdrawal_submitted' ? 'withdrawal' : 'publish';
  const pending = e ? ['submitted', 'change_submitted', 'withdrawal_submitted'].includes(e.status) : false;
  const lastCheck = checks ?? e?.lastCheck ?? null;

  const targetOptions = useMemo(() => {
    const items = e?.items ?? [];
    return [
      { value: 'entry', label: '整条目录' },
      { value: 'meta', label: '元数据', children: META_FIELDS.map((f) => ({ value: f, label: ENTRY_FIELD_LABELS[f] ?? f })) },
      {
        value: 'items',
        label: '信息项',
        disabled: items.length === 0,
        children: items.map((it, i) => ({
          value: String(i),
          label: `${i + 1}. ${it.name}`,
          children: Object.entries(ITEM_FIELD_LABELS).map(([value, label]) => ({ value, label })),
        })),
      },
    ];
  }, [e?.items]);

  const runChecks = async () => {
    if (!entryId) return;
    setChecking(true);
    try {
      setChecks(await api.post<ChecksResult>(`/catalog/entries/${entryId}/checks`));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setChecking(false);
    }
  };

  const addFromProblems = () => {
    const problems = (lastCheck?.problems ?? []).filter((p) => p.severity === 'error');
    const current = (form.getFieldValue('reasons') as ReasonRow[] | undefined) ?? [];
    const rows = current.filter((r) => r.target || r.message);
    for (const p of problems) rows.push({ target: pathToTarget(p.path), message: p.message });
    form.setFieldsValue({ decision: 'return', reasons: rows.length > 0 ? rows : [{}] });
  };

  const submit = async (values: DecisionForm) => {
    if (!entryId || !e) return;
    const reasons: ReviewReason[] = [];
    for (const r of values.reasons ?? []) {
      const path = targetToPath(r.target);
      if (path && r.message?.trim()) reasons.push({ path, message: r.message.trim() });
    }
    if (values.decision === 'return' && reasons.length === 0) {
      message.error(kind === 'withdrawal' ? '请至少填写一条不同意撤销的理由' : '退回时请至少针对一个字段填写退回原因');
      return;
    }
    const body = {
      decision: values.decision,
      comment: values.comment?.trim() || undefined,
      reasons: values.decision === 'return' ? reasons : undefined,
    };
    const go = async () => {
      setSubmitting(true);
      try {
        const updated = await api.post<Entry>(`/catalog/entries/${entryId}/reviews`, body);
        message.success(
          values.decision === 'approve'
            ? kind === 'withdrawal' ? '已同意撤销，目录已下架' : `审核通过，已发布 v${updated.currentVersion ?? ''}`
            : kind === 'withdrawal' ? '已驳回撤销申请' : '已退回，部门将收到退回原因',
        );
        onDone(updated);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CATALOG_CHECKS_FAILED') {
          setBlocking(problemsOf(err.details));
        } else if (err instanceof ApiError && err.code === 'CATALOG_INVALID_TRANSITION') {
          message.error(`${err.message}（该目录可能已被其他审核人处理）`);
          entry.reload();
        } else {
          message.error(errorMessage(err));
        }
      } finally {
        setSubmitting(false);
      }
    };
    if (values.decision === 'approve') {
      modal.confirm({
        title: kind === 'withdrawal' ? '同意撤销该目录？' : kind === 'change' ? '通过变更并发布新版本？' : '审核通过并发布？',
        content: kind === 'withdrawal'
          ? '撤销后目录将从检索中移除，信息资源代码保留且不再使用。'
          : '通过后将生成新的发布版本，全市可检索。',
        okText: '确定',
        cancelText: '取消',
        onOk: go,
      });
    } else {
      await go();
    }
  };

  const deadline = e?.deadlines.find((d) => d.rule === 'bureau_review') ?? null;

  const tabs = e
    ? [
        ...(kind === 'change' && e.currentVersion
          ? [{
              key: 'diff',
              label: `变更对比（v${e.currentVersion} → 工作副本）`,
              children: <EntryDiff entryId={e.id} from={e.currentVersion} to="working" />,
            }]
          : []),
        { key: 'meta', label: '目录内容', children: <EntryMetadata data={{ ...e, version: e.currentVersion }} /> },
        { key: 'items', label: `信息项（${e.items.length}）`, children: <ItemsTable items={e.items} /> },
        {
          key: 'checks',
          label: `机器校验${lastCheck ? `（${lastCheck.errorCount + lastCheck.warningCount}）` : ''}`,
          children: (
            <Flex vertical gap={12}>
              <Flex justify="space-between" align="center">
                <Typography.Text type="secondary">审核通过时系统将重新校验，存在错误时不能发布。</Typography.Text>
                <Button loading={checking} onClick={() => void runChecks()}>重新校验</Button>
              </Flex>
              {lastCheck ? (
                <>
                  <ChecksSummary result={lastCheck} />
                  <ProblemsList problems={lastCheck.problems} items={e.items} />
                </>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未运行机器校验" />
              )}
            </Flex>
          ),
        },
        { key: 'history', label: '审核记录', children: <ReviewHistory reviews={reviews} items={e.items} /> },
      ]
    : [];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1000}
      destroyOnHidden
      mask={{ closable: !submitting }}
      title={
        e ? (
          <Flex align="center" gap={8} wrap>
            <span>审核：{e.name}</span>
            <StatusTag status={e.status} />
          </Flex>
        ) : '目录审核'
      }
      extra={e ? <Link to={`/catalog/entries/${e.id}`} onClick={onClose}>打开详情页</Link> : null}
      footer={
        e && pending ? (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose} disabled={submitting}>取消</Button>
            <Button type="primary" loading={submitting} onClick={() => form.submit()} danger={decision === 'return'}>
              {decision === 'return' ? (kind === 'withdrawal' ? '驳回撤销申请' : '退回修改') : kind === 'withdrawal' ? '同意撤销' : '审核通过'}
            </Button>
          </Flex>
        ) : undefined
      }
    >
      {entry.error ? (
        <ErrorAlert error={entry.error} title="目录加载失败" onRetry={entry.reload} />
      ) : !e ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={24} wrap style={{ fontSize: 13 }}>
            <span><Typography.Text type="secondary">信息资源代码：</Typography.Text><Typography.Text style={{ fontFamily: 'monospace' }}>{e.code}</Typography.Text></span>
            <span><Typography.Text type="secondary">提供部门：</Typography.Text>{e.departmentName ?? e.providerName ?? '—'}</span>
            <span><Typography.Text type="secondary">提交时间：</Typography.Text>{formatDateTime(e.submittedAt)}</span>
            {deadline ? <span><Typography.Text type="secondary">审核时限：</Typography.Text><DeadlineLight deadline={deadline} /></span> : null}
          </Flex>
          {!pending ? (
            <Alert type="info" showIcon title="该目录当前不在待审核状态，无需审核" />
          ) : null}
          {kind === 'withdrawal' && e.withdrawalReason ? (
            <Alert type="warning" showIcon title="部门申请撤销该目录" description={`撤销理由：${e.withdrawalReason}`} />
          ) : null}

          <Tabs items={tabs} />

          {pending ? (
            <div style={{ borderTop: '1px solid #f0f0f0', paddingTop: 16 }}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>审核意见</Typography.Title>
              <Form<DecisionForm>
                form={form}
                layout="vertical"
                initialValues={{ decision: 'approve', reasons: [{}] }}
                onFinish={(v) => void submit(v)}
                disabled={submitting}
              >
                <Form.Item name="decision" label="审核结论">
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={[
                      { value: 'approve', label: kind === 'withdrawal' ? '同意撤销' : '通过' },
                      { value: 'return', label: kind === 'withdrawal' ? '不同意撤销' : '退回修改' },
                    ]}
                  />
                </Form.Item>
                {decision === 'return' ? (
                  <Form.Item
                    label={
                      <Flex gap={12} align="center">
                        <span>{kind === 'withdrawal' ? '不同意的理由' : '逐项退回原因'}</span>
                        {(lastCheck?.errorCount ?? 0) > 0 ? (
                          <Typography.Link onClick={addFromProblems} style={{ fontSize: 12 }}>从机器校验问题添加</Typography.Link>
                        ) : null}
                      </Flex>
                    }
                    required
                  >
                    <Form.List name="reasons">
                      {(fields, { add, remove }) => (
                        <Flex vertical gap={8}>
                          {fields.map((field) => (
                            <Flex key={field.key} gap={8} align="flex-start">
                              <Form.Item
                                name={[field.name, 'target']}
                                rules={[{ required: true, message: '请选择字段' }]}
                                style={{ width: 300, marginBottom: 0 }}
                              >
                                <Cascader
                                  options={targetOptions}
                                  changeOnSelect
                                  placeholder="选择退回的字段或信息项"
                                  showSearch
                                  displayRender={(labels) => labels.filter((l) => l !== '元数据').join(' / ')}
                                />
                              </Form.Item>
                              <Form.Item
                                name={[field.name, 'message']}
                                rules={[
                                  { required: true, whitespace: true, message: '请填写原因' },
                                  { max: 500, message: '不超过 500 字' },
                                ]}
                                style={{ flex: 1, marginBottom: 0 }}
                              >
                                <Input placeholder="写明问题和修改要求，如：摘要未说明数据覆盖范围" maxLength={500} />
                              </Form.Item>
                              <Button
                                icon={<DeleteOutlined />}
                                aria-label="删除该条原因"
                                onClick={() => remove(field.name)}
                                disabled={fields.length <= 1}
                              />
                            </Flex>
                          ))}
                          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 180 }}>
                            添加一条原因
                          </Button>
                        </Flex>
                      )}
                    </Form.List>
                  </Form.Item>
                ) : null}
                <Form.Item name="comment" label="总体意见（选填）" rules={[{ max: 1000, message: '不超过 1000 字' }]} style={{ marginBottom: 0 }}>
                  <Input.TextArea rows={2} maxLength={1000} showCount placeholder="对本次审核的总体说明" />
                </Form.Item>
              </Form>
            </div>
          ) : null}
        </Flex>
      )}

      <Modal
        open={blocking !== null}
        title="不能发布：重新校验发现以下问题"
        onCancel={() => setBlocking(null)}
        footer={
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => setBlocking(null)}>关闭</Button>
            <Button
              type="primary"
              onClick={() => {
                const problems = blocking ?? [];
                setBlocking(null);
                const rows = problems.filter((p) => p.severity === 'error').map((p) => ({ target: pathToTarget(p.path), message: p.message }));
                form.setFieldsValue({ decision: 'return', reasons: rows.length > 0 ? rows : [{}] });
              }}
            >
              改为退回并带入问题
            </Button>
          </Flex>
        }
        width={640}
      >
        <Typography.Paragraph type="secondary">
          提交后其他部门可能已发布了相同信息项或权威来源，审核通过前系统会重新校验。
        </Typography.Paragraph>
        <ProblemsList problems={blocking ?? []} items={e?.items} />
      </Modal>
    </Drawer>
  );
}

