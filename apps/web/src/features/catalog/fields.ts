// Chinese names of the entry's fields (for check problems, return reasons and diffs) and the step of the
// edit form each field sits on.

export const ENTRY_FIELD_LABELS: Record<string, string> = {
  entry: '整条目录',
  name: '信息资源名称',
  category: '资源属性分类',
  subcategory: '资源分类（项）',
  code: '信息资源代码',
  summary: '信息资源摘要',
  keywords: '关键字',
  systemId: '来源信息系统',
  formatClass: '信息资源格式分类',
  formatType: '信息资源格式类型',
  shareType: '共享类型',
  shareCondition: '共享条件',
  shareMethod: '共享方式',
  shareChannels: '共享方式类型',
  shareOtherMethod: '其他共享方式',
  noShareBasisType: '不予共享依据类型',
  noShareBasisText: '不予共享依据',
  openType: '开放类型',
  openCondition: '开放条件',
  updateFrequency: '更新周期',
  grade: '数据分级',
  sensitivityLevel: '敏感级别',
  classified: '涉密属性',
  relatedCodes: '关联资源代码',
  dutyText: '三定职责',
  dutyListRef: '责任清单编号',
  identifiedOn: '资源确认日期',
  dutyChangedOn: '职责变更日期',
  recordCount: '数据量（条）',
  storageMb: '存储量（MB）',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '电子邮箱',
  items: '信息项',
};

export const ITEM_FIELD_LABELS: Record<string, string> = {
  name: '中文名称',
  codeName: '代码名',
  dataType: '数据类型',
  length: '长度',
  description: '说明',
  codeTable: '代码表',
  shareType: '共享属性',
  openType: '开放属性',
  sensitivity: '个人信息属性',
  authoritative: '权威来源',
};

/** Splits `items.3.shareType` (or `body.items.3.shareType`) into its parts. */
export function parsePath(path: string): { field: string; itemIndex: number | null; itemField: string | null } {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  const field = parts[0] ?? 'entry';
  if (field === 'items' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    return { field, itemIndex: Number(parts[1]), itemField: parts[2] ?? null };
  }
  return { field, itemIndex: null, itemField: null };
}

/** "信息项第 4 行「姓名」· 共享属性" or "共享条件". */
export function pathLabel(path: string, items?: readonly { name: string }[]): string {
  const p = parsePath(path);
  if (p.itemIndex !== null) {
    const name = items?.[p.itemIndex]?.name;
    const head = `信息项第 ${p.itemIndex + 1} 行${name ? `「${name}」` : ''}`;
    return p.itemField ? `${head} · ${ITEM_FIELD_LABELS[p.itemField] ?? p.itemField}` : head;
  }
  return ENTRY_FIELD_LABELS[p.field] ?? p.field;
}

export type EditStep = 'basic' | 'classification' | 'share' | 'security' | 'items' | 'contact';

export const EDIT_STEPS: { key: EditStep; title: string; description: string }[] = [
  { key: 'basic', title: '基本信息', description: '名称、摘要、职责、来源系统' },
  { key: 'classification', title: '分类与格式', description: '资源属性分类、格式' },
  { key: 'share', title: '共享与开放', description: '共享属性、开放属性' },
  { key: 'security', title: '安全与更新', description: '分级、更新周期、时限' },
  { key: 'items', title: '信息项', description: '数据项及其属性' },
  { key: 'contact', title: '联系人', description: '联系方式与校验' },
];

const STEP_OF_FIELD: Record<string, EditStep> = {
  name: 'basic', summary: 'basic', keywords: 'basic', systemId: 'basic', dutyText: 'basic', dutyListRef: 'basic', relatedCodes: 'basic',
  category: 'classification', subcategory: 'classification', code: 'classification', formatClass: 'classification', formatType: 'classification',
  shareType: 'share', shareCondition: 'share', shareMethod: 'share', shareChannels: 'share', shareOtherMethod: 'share',
  noShareBasisType: 'share', noShareBasisText: 'share', openType: 'share', openCondition: 'share',
  grade: 'security', sensitivityLevel: 'security', classified: 'security', updateFrequency: 'security',
  identifiedOn: 'security', dutyChangedOn: 'security', recordCount: 'security', storageMb: 'security',
  items: 'items',
  contactName: 'contact', contactPhone: 'contact', contactEmail: 'contact',
};

export function stepOfPath(path: string): EditStep | null {
  return STEP_OF_FIELD[parsePath(path).field] ?? null;
}
