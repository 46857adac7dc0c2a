import { Flex, Tag, Tooltip, Typography } from 'antd';
import { DetailPanel, type DetailItem } from '../../ui/DetailPanel';
import { formatCount, formatDate, formatDateTime } from '../../ui/format';
import { OpenTypeTag, ShareTypeTag } from './CatalogTags';
import type { Category, EntrySnapshot, Item, ItemInput } from './types';
import { useCatalogMeta } from './useCatalogMeta';

export interface MetadataView extends Omit<EntrySnapshot, 'items'> {
  items: (ItemInput | Item)[];
  departmentName?: string | null;
  systemName?: string | null;
  lastPublishedAt?: string | null;
  version?: number | null;
}

/** The entry's metadata in the groups of the national template (发改高技〔2017〕1272号). */
export function EntryMetadata({ data }: { data: MetadataView }) {
  const meta = useCatalogMeta();
  const groups: { title: string; items: DetailItem[] }[] = [
    {
      title: '基本信息',
      items: [
        { label: '信息资源名称', value: data.name, span: 2 },
        { label: '信息资源摘要', value: data.summary ? <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{data.summary}</Typography.Paragraph> : null, span: 2 },
        { label: '关键字', value: data.keywords.length > 0 ? <Flex gap={4} wrap>{data.keywords.map((k) => <Tag key={k} style={{ marginInlineEnd: 0 }}>{k}</Tag>)}</Flex> : null },
        { label: '来源信息系统', value: data.systemName ?? null },
        { label: '数据量（条）', value: data.recordCount === null ? null : formatCount(data.recordCount) },
        { label: '存储量（MB）', value: data.storageMb === null ? null : formatCount(data.storageMb) },
        {
          label: '关联资源代码',
          value: data.relatedCodes.length > 0 ? (
            <Flex gap={4} wrap>{data.relatedCodes.map((c) => <Typography.Text key={c} code>{c}</Typography.Text>)}</Flex>
          ) : null,
          span: 2,
        },
      ],
    },
    {
      title: '分类与代码',
      items: [
        { label: '资源属性分类', value: meta.label('Category', data.category) },
        { label: '资源分类（项）', value: data.subcategory ? `${data.subcategory} ${meta.subcategoryLabel(data.category, data.subcategory)}` : null },
        { label: '信息资源代码', value: <CodeStructure code={data.code} category={data.category} />, span: 2 },
        { label: '信息资源提供方', value: data.providerName ?? data.departmentName ?? null },
        { label: '提供方代码', value: data.providerCode ? <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{data.providerCode}</Typography.Text> : null },
        { label: '格式分类', value: data.formatClass ? meta.label('FormatClass', data.formatClass) : null },
        { label: '格式类型', value: data.formatType },
      ],
    },
    {
      title: '共享属性',
      items: [
        { label: '共享类型', value: data.shareType ? <ShareTypeTag value={data.shareType} /> : null },
        { label: '共享条件', value: data.shareCondition },
        {
          label: '共享方式',
          value: data.shareMethod
            ? data.shareMethod === 'platform'
              ? `${meta.label('ShareMethod', 'platform')}${data.shareChannels.length > 0 ? `：${data.shareChannels.map((c) => meta.label('ShareChannel', c)).join('、')}` : ''}`
              : `${meta.label('ShareMethod', 'other')}${data.shareOtherMethod ? `：${data.shareOtherMethod}` : ''}`
            : null,
          span: 2,
        },
        ...(data.shareType === 'none' || data.noShareBasisType
          ? [
              { label: '不予共享依据类型', value: data.noShareBasisType ? meta.label('NoShareBasisType', data.noShareBasisType) : null },
              { label: '不予共享依据', value: data.noShareBasisText },
            ]
          : []),
      ],
    },
    {
      title: '开放属性',
      items: [
        { label: '开放类型', value: data.openType ? <OpenTypeTag value={data.openType} /> : null },
        { label: '开放条件', value: data.openCondition },
      ],
    },
    {
      title: '安全分级',
      items: [
        {
          label: '数据分级',
          value: data.grade ? (
            <Tag color={data.grade === 'core' ? 'red' : data.grade === 'important' ? 'orange' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {meta.label('Grade', data.grade)}
            </Tag>
          ) : null,
        },
        { label: '敏感级别', value: data.grade === 'general' && data.sensitivityLevel ? `${data.sensitivityLevel} 级` : data.grade && data.grade !== 'general' ? '不适用' : null },
        { label: '涉密属性', value: data.classified ? <Typography.Text type="danger">涉密（平台不受理）</Typography.Text> : '非涉密' },
        { label: '个人信息', value: personalInfoSummary(data.items) },
      ],
    },
    {
      title: '更新与发布',
      items: [
        { label: '更新周期', value: data.updateFrequency ? meta.label('UpdateFrequency', data.updateFrequency) : null },
        { label: '发布日期', value: data.publishedOn ? formatDate(data.publishedOn) : '未发布' },
        { label: '当前版本', value: data.version ? `v${data.version}` : null },
        { label: '最近发布时间', value: data.lastPublishedAt ? formatDateTime(data.lastPublishedAt) : null },
        { label: '资源确认日期', value: data.identifiedOn ? formatDate(data.identifiedOn) : null },
        { label: '职责变更日期', value: data.dutyChangedOn ? formatDate(data.dutyChangedOn) : null },
      ],
    },
    {
      title: '三定职责',
      items: [
        { label: '对应职责', value: data.dutyText ? <span style={{ whiteSpace: 'pre-wrap' }}>{data.dutyText}</span> : null, span: 2 },
        { label: '责任清单编号', value: data.dutyListRef, span: 2 },
      ],
    },
    {
      title: '联系方式',
      items: [
        { label: '联系人', value: data.contactName },
        { label: '联系电话', value: data.contactPhone },
        { label: '电子邮箱', value: data.contactEmail, span: 2 },
      ],
    },
  ];

  return (
    <div>
      {groups.map((g) => (
        <section key={g.title}>
          <div className="catalog-group-title">{g.title}</div>
          <DetailPanel column={2} size="small" items={g.items} />
        </section>
      ))}
    </div>
  );
}

function personalInfoSummary(items: readonly ItemInput[]): React.ReactNode {
  const sensitive = items.filter((i) => i.sensitivity === 'sensitive_personal').length;
  const personal = items.filter((i) => i.sensitivity === 'personal').length;
  if (items.length === 0) return null;
  if (sensitive === 0 && personal === 0) return '不含个人信息';
  return (
    <Flex gap={4} wrap>
      {sensitive > 0 ? <Tag color="red" style={{ marginInlineEnd: 0 }}>个人敏感信息 {sensitive} 项</Tag> : null}
      {personal > 0 ? <Tag color="orange" style={{ marginInlineEnd: 0 }}>个人信息 {personal} 项</Tag> : null}
    </Flex>
  );
}

/** The resource code split into 类 / 项 / 目 / 顺序码 by the server's code layout. */
export function CodeStructure({ code, category }: { code: string; category?: Category }) {
  const meta = useCatalogMeta();
  const layout = meta.meta?.codeLayout;
  if (!layout || code.length !== layout.class + layout.item + layout.department + layout.sequence) {
    return <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{code}</Typography.Text>;
  }
  const parts = [
    { label: '类', len: layout.class },
    { label: '项', len: layout.item },
    { label: '目（部门）', len: layout.department },
    { label: '顺序码', len: layout.sequence },
  ];
  let at = 0;
  return (
    <Flex align="center" gap={10} wrap>
      <Typography.Text copyable={{ text: code }} strong style={{ fontFamily: 'monospace', fontSize: 14 }}>{code}</Typography.Text>
      <Flex gap={2}>
        {parts.map((p) => {
          const seg = code.slice(at, at + p.len);
          at += p.len;
          return (
            <Tooltip key={p.label} title={p.label === '类' && category ? `${p.label}：${meta.label('Category', category)}` : p.label}>
              <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'center', padding: '0 6px', background: '#f5f7fa', borderRadius: 3, lineHeight: 1.3 }}>
                <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{seg}</span>
                <span style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }}>{p.label}</span>
              </span>
            </Tooltip>
          );
        })}
      </Flex>
    </Flex>
  );
}
