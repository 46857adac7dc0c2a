import { shanghaiDate } from '@shuzheng/standards';
import { randomUUID } from 'node:crypto';
import type { EntryRow, ItemRow } from './catalog.repository.ts';

// The catalog entry as the services see it: its content (the national metadata and the ordered data items), the
// mapping to and from table rows, snapshots of published versions, and the field-level diff between two contents.

export interface ItemData {
  name: string;
  codeName: string;
  dataType: string | null;
  length: number | null;
  description: string | null;
  codeTable: string | null;
  shareType: string | null;
  openType: string | null;
  sensitivity: string;
  authoritative: boolean;
}

export interface EntryContent {
  name: string;
  category: string;
  subcategory: string;
  summary: string;
  keywords: string[];
  systemId: string | null;
  formatClass: string | null;
  formatType: string | null;
  shareType: string | null;
  shareCondition: string | null;
  shareMethod: string | null;
  shareChannels: string[];
  shareOtherMethod: string | null;
  noShareBasisType: string | null;
  noShareBasisText: string | null;
  openType: string | null;
  openCondition: string | null;
  updateFrequency: string | null;
  grade: string | null;
  sensitivityLevel: number | null;
  classified: boolean;
  relatedCodes: string[];
  dutyText: string | null;
  dutyListRef: string | null;
  identifiedOn: string | null;
  dutyChangedOn: string | null;
  recordCount: number | null;
  storageMb: number | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  items: ItemData[];
}

export type SnapshotItem = ItemData & { position: number };

/** A published version exactly as approved. */
export interface Snapshot extends Omit<EntryContent, 'items'> {
  code: string;
  departmentId: string | null;
  providerName: string;
  providerCode: string;
  publishedOn: string | null;
  items: SnapshotItem[];
}

/** Input as the API takes it: every field optional except on create (name, category, subcategory). */
export type EntryInput = Partial<Omit<EntryContent, 'items'>> & { items?: ItemInput[] | undefined };
export type ItemInput = Pick<ItemData, 'name' | 'codeName'> & Partial<Omit<ItemData, 'name' | 'codeName'>>;

export const FIELD_LABELS: Record<Exclude<keyof EntryContent, 'items'>, string> = {
  name: '信息资源名称',
  category: '资源属性分类',
  subcategory: '项',
  summary: '信息资源摘要',
  keywords: '关键字',
  systemId: '来源信息系统',
  formatClass: '格式分类',
  formatType: '格式类型',
  shareType: '共享类型',
  shareCondition: '共享条件',
  shareMethod: '共享方式分类',
  shareChannels: '共享方式类型',
  shareOtherMethod: '其他共享方式',
  noShareBasisType: '不予共享依据类型',
  noShareBasisText: '不予共享依据',
  openType: '开放类型',
  openCondition: '开放条件',
  updateFrequency: '更新周期',
  grade: '数据分级',
  sensitivityLevel: '敏感级别',
  classified: '是否涉密',
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
};
export const CONTENT_FIELDS = Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[];

export const ITEM_LABELS: Record<keyof ItemData, string> = {
  name: '信息项名称',
  codeName: '信息项代码',
  dataType: '数据类型',
  length: '长度',
  description: '描述',
  codeTable: '代码表',
  shareType: '共享类型',
  openType: '开放类型',
  sensitivity: '个人信息属性',
  authoritative: '权威来源',
};
const ITEM_FIELDS = Object.keys(ITEM_LABELS) as (keyof ItemData)[];

const emptyContent = (name: string, category: string, subcategory: string): EntryContent => ({
  name, category, subcategory, summary: '', keywords: [], systemId: null, formatClass: null, formatType: null, shareType: null,
  shareCondition: null, shareMethod: null, shareChannels: [], shareOtherMethod: null, noShareBasisType: null, noShareBasisText: null,
  openType: null, openCondition: null, updateFrequency: null, grade: null, sensitivityLevel: null, classified: false, relatedCodes: [],
  dutyText: null, dutyListRef: null, identifiedOn: null, dutyChangedOn: null, recordCount: null, storageMb: null, contactName: null,
  contactPhone: null, contactEmail: null, items: [],
});

const blankToNull = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

export function normalizeItem(i: ItemInput): ItemData {
  return {
    name: i.name.trim(),
    codeName: i.codeName.trim(),
    dataType: i.dataType ?? null,
    length: i.length ?? null,
    description: blankToNull(i.description),
    codeTable: blankToNull(i.codeTable),
    shareType: i.shareType ?? null,
    openType: i.openType ?? null,
    sensitivity: i.sensitivity ?? 'none',
    authoritative: i.authoritative ?? false,
  };
}

/** Applies an input (all of it on create, a subset on update) to a content. */
export function applyInput(base: EntryContent | null, input: EntryInput): EntryContent {
  const out: EntryContent = base ? { ...base } : emptyContent(input.name ?? '', input.category ?? '', input.subcategory ?? '');
  for (const field of CONTENT_FIELDS) {
    if (!(field in input) || input[field] === undefined) continue;
    const value = input[field];
    (out as unknown as Record<string, unknown>)[field] = typeof value === 'string' ? (['name', 'summary'].includes(field) ? value.trim() : blankToNull(value)) : value;
  }
  if (input.keywords) out.keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
  if (input.relatedCodes) out.relatedCodes = [...new Set(input.relatedCodes.map((k) => k.trim()).filter(Boolean))];
  if (input.shareChannels) out.shareChannels = [...new Set(input.shareChannels)];
  if (input.items) out.items = input.items.map(normalizeItem);
  out.summary ??= '';
  return out;
}

export function contentFromRow(row: EntryRow, items: ItemRow[]): EntryContent {
  return {
    name: row.name,
    category: row.category,
    subcategory: row.subcategory,
    summary: row.summary,
    keywords: row.keywords,
    systemId: row.system_id,
    formatClass: row.format_class,
    formatType: row.format_type,
    shareType: row.share_type,
    shareCondition: row.share_condition,
    shareMethod: row.share_method,
    shareChannels: row.share_channels,
    shareOtherMethod: row.share_other_method,
    noShareBasisType: row.no_share_basis_type,
    noShareBasisText: row.no_share_basis_text,
    openType: row.open_type,
    openCondition: row.open_condition,
    updateFrequency: row.update_frequency,
    grade: row.grade,
    sensitivityLevel: row.sensitivity_level,
    classified: row.classified,
    relatedCodes: row.related_codes,
    dutyText: row.duty_text,
    dutyListRef: row.duty_list_ref,
    identifiedOn: row.identified_on,
    dutyChangedOn: row.duty_changed_on,
    recordCount: row.record_count == null ? null : Number(row.record_count),
    storageMb: row.storage_mb == null ? null : Number(row.storage_mb),
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    items: items.map(itemFromRow),
  };
}

export function itemFromRow(r: ItemRow): ItemData {
  return {
    name: r.name, codeName: r.code_name, dataType: r.data_type, length: r.length, description: r.description, codeTable: r.code_table,
    shareType: r.share_type, openType: r.open_type, sensitivity: r.sensitivity, authoritative: r.authoritative,
  };
}

/** The entry columns of a content (items are stored separately). */
export function contentColumns(c: EntryContent) {
  return {
    name: c.name, category: c.category, subcategory: c.subcategory, summary: c.summary, keywords: c.keywords, system_id: c.systemId,
    format_class: c.formatClass, format_type: c.formatType, share_type: c.shareType, share_condition: c.shareCondition,
    share_method: c.shareMethod, share_channels: c.shareChannels, share_other_method: c.shareOtherMethod,
    no_share_basis_type: c.noShareBasisType, no_share_basis_text: c.noShareBasisText, open_type: c.openType, open_condition: c.openCondition,
    update_frequency: c.updateFrequency, grade: c.grade, sensitivity_level: c.sensitivityLevel, classified: c.classified,
    related_codes: c.relatedCodes, duty_text: c.dutyText, duty_list_ref: c.dutyListRef, identified_on: c.identifiedOn,
    duty_changed_on: c.dutyChangedOn, record_count: c.recordCount, storage_mb: c.storageMb, contact_name: c.contactName,
    contact_phone: c.contactPhone, contact_email: c.contactEmail,
  };
}

export function itemRows(items: ItemData[]): Omit<ItemRow, 'entry_id'>[] {
  return items.map((i, position) => ({
    id: randomUUID(), position, name: i.name, code_name: i.codeName, data_type: i.dataType, length: i.length, description: i.description,
    code_table: i.codeTable, share_type: i.shareType, open_type: i.openType, sensitivity: i.sensitivity, authoritative: i.authoritative,
  }));
}

export function snapshotOf(row: EntryRow, content: EntryContent, publishedOn: string | null): Snapshot {
  const { items, ...rest } = content;
  return {
    code: row.code,
    departmentId: row.department_id,
    providerName: row.provider_name,
    providerCode: row.provider_code,
    publishedOn,
    ...rest,
    items: items.map((i, position) => ({ position, ...i })),
  };
}

/** The content part of a snapshot (what `dirty` and the diff compare). */
export function contentOfSnapshot(s: Snapshot): EntryContent {
  const out = {} as Record<string, unknown>;
  for (const f of CONTENT_FIELDS) out[f] = (s as unknown as Record<string, unknown>)[f] ?? null;
  (out as unknown as EntryContent).keywords ??= [];
  (out as unknown as EntryContent).shareChannels ??= [];
  (out as unknown as EntryContent).relatedCodes ??= [];
  out.items = s.items.map(({ position: _p, ...i }) => i);
  return out as unknown as EntryContent;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function sameContent(a: EntryContent, b: EntryContent): boolean {
  return CONTENT_FIELDS.every((f) => same(a[f], b[f])) && same(a.items.map(canonItem), b.items.map(canonItem));
}
const canonItem = (i: ItemData) => ITEM_FIELDS.map((f) => i[f] ?? null);

export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/** Field-level differences: metadata fields, and data items added, removed or changed (matched by code name). */
export function diffContents(before: EntryContent, after: EntryContent) {
  const fields: FieldChange[] = CONTENT_FIELDS.filter((f) => !same(before[f], after[f])).map((f) => ({
    field: f, label: FIELD_LABELS[f], before: before[f] ?? null, after: after[f] ?? null,
  }));
  const withPos = (items: ItemData[]) => new Map(items.map((i, position) => [i.codeName, { position, ...i }]));
  const a = withPos(before.items);
  const b = withPos(after.items);
  const added = [...b.values()].filter((i) => !a.has(i.codeName));
  const removed = [...a.values()].filter((i) => !b.has(i.codeName));
  const changed = [...b.values()]
    .filter((i) => a.has(i.codeName))
    .map((i) => {
      const old = a.get(i.codeName)!;
      const itemFields: FieldChange[] = ITEM_FIELDS.filter((f) => !same(old[f], i[f])).map((f) => ({ field: f, label: ITEM_LABELS[f], before: old[f] ?? null, after: i[f] ?? null }));
      if (old.position !== i.position) itemFields.push({ field: 'position', label: '顺序', before: old.position, after: i.position });
      return { codeName: i.codeName, name: i.name, fields: itemFields };
    })
    .filter((c) => c.fields.length > 0);
  return { fields, items: { added, removed, changed } };
}

/** Today in China Standard Time, as 'YYYY-MM-DD'. */
export function todayInChina(now = new Date()): string {
  return shanghaiDate(now);
}
