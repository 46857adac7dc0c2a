// The edit form's values and their conversion to and from the API's EntryInput.

import dayjs, { type Dayjs } from 'dayjs';
import type {
  Category, DataType, Entry, EntryInput, FormatClass, Grade, ItemInput, NoShareBasisType, OpenType, Sensitivity,
  ShareChannel, ShareMethod, ShareType, UpdateFrequency,
} from './types';

export interface ItemRow {
  name?: string;
  codeName?: string;
  dataType?: DataType | null;
  length?: number | null;
  description?: string;
  codeTable?: string;
  /** undefined = same as the entry (null in the API). */
  shareType?: ShareType;
  openType?: OpenType;
  sensitivity?: Sensitivity;
  authoritative?: boolean;
}

export interface EntryFormValues {
  name?: string;
  /** [category, subcategory] */
  classification?: [Category, string] | [Category];
  summary?: string;
  keywords?: string[];
  systemId?: string;
  /** [formatClass, formatType]; class `other` has no list, its type is typed into formatTypeOther. */
  format?: [FormatClass, string] | [FormatClass];
  formatTypeOther?: string;
  shareType?: ShareType;
  shareCondition?: string;
  shareMethod?: ShareMethod;
  shareChannels?: ShareChannel[];
  shareOtherMethod?: string;
  noShareBasisType?: NoShareBasisType;
  noShareBasisText?: string;
  openType?: OpenType;
  openCondition?: string;
  updateFrequency?: UpdateFrequency;
  grade?: Grade;
  sensitivityLevel?: number;
  classified?: boolean;
  relatedCodes?: string[];
  dutyText?: string;
  dutyListRef?: string;
  identifiedOn?: Dayjs | null;
  dutyChangedOn?: Dayjs | null;
  recordCount?: number | null;
  storageMb?: number | null;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  items?: ItemRow[];
}

/** The form fields (top level), to route server field errors only to fields that exist. */
export const FORM_FIELDS = [
  'name', 'classification', 'summary', 'keywords', 'systemId', 'format', 'formatTypeOther', 'shareType', 'shareCondition',
  'shareMethod', 'shareChannels', 'shareOtherMethod', 'noShareBasisType', 'noShareBasisText', 'openType', 'openCondition',
  'updateFrequency', 'grade', 'sensitivityLevel', 'classified', 'relatedCodes', 'dutyText', 'dutyListRef', 'identifiedOn',
  'dutyChangedOn', 'recordCount', 'storageMb', 'contactName', 'contactPhone', 'contactEmail', 'items',
] as const;

const u = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** A data item row nothing has been typed into (the form offers one to start with); it is not saved. */
export function isBlankItem(row: ItemRow | undefined): boolean {
  if (!row) return true;
  const empty = (v: string | undefined) => (v ?? '').trim() === '';
  return empty(row.name) && empty(row.codeName) && empty(row.description) && empty(row.codeTable) && (row.length ?? null) === null;
}

export function newItemRow(): ItemRow {
  return { dataType: 'string', sensitivity: 'none', authoritative: false };
}

export function toFormValues(e: Entry): EntryFormValues {
  return {
    name: e.name,
    classification: e.subcategory ? [e.category, e.subcategory] : [e.category],
    summary: u(e.summary),
    keywords: e.keywords,
    systemId: u(e.systemId),
    format: e.formatClass ? (e.formatClass === 'other' ? ['other'] : e.formatType ? [e.formatClass, e.formatType] : [e.formatClass]) : undefined,
    formatTypeOther: e.formatClass === 'other' ? u(e.formatType) : undefined,
    shareType: u(e.shareType),
    shareCondition: u(e.shareCondition),
    shareMethod: u(e.shareMethod),
    shareChannels: e.shareChannels,
    shareOtherMethod: u(e.shareOtherMethod),
    noShareBasisType: u(e.noShareBasisType),
    noShareBasisText: u(e.noShareBasisText),
    openType: u(e.openType),
    openCondition: u(e.openCondition),
    updateFrequency: u(e.updateFrequency),
    grade: u(e.grade),
    sensitivityLevel: u(e.sensitivityLevel),
    classified: e.classified,
    relatedCodes: e.relatedCodes,
    dutyText: u(e.dutyText),
    dutyListRef: u(e.dutyListRef),
    identifiedOn: e.identifiedOn ? dayjs(e.identifiedOn) : undefined,
    dutyChangedOn: e.dutyChangedOn ? dayjs(e.dutyChangedOn) : undefined,
    recordCount: e.recordCount,
    storageMb: e.storageMb,
    contactName: u(e.contactName),
    contactPhone: u(e.contactPhone),
    contactEmail: u(e.contactEmail),
    items: e.items.map((i) => ({
      name: i.name,
      codeName: i.codeName,
      dataType: i.dataType,
      length: i.length,
      description: u(i.description),
      codeTable: u(i.codeTable),
      shareType: u(i.shareType),
      openType: u(i.openType),
      sensitivity: i.sensitivity,
      authoritative: i.authoritative,
    })),
  };
}

const text = (v: string | undefined | null): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function toEntryInput(v: EntryFormValues): EntryInput {
  const [category, subcategory] = v.classification ?? [];
  const [formatClass, formatType] = v.format ?? [];
  const shareType = v.shareType ?? null;
  const shareMethod = v.shareMethod ?? null;
  const grade = v.grade ?? null;
  return {
    name: (v.name ?? '').trim(),
    category: category as Category,
    subcategory: subcategory ?? '',
    summary: (v.summary ?? '').trim(),
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    systemId: v.systemId ?? null,
    formatClass: formatClass ?? null,
    formatType: formatClass === 'other' ? text(v.formatTypeOther) : (formatType ?? null),
    shareType,
    shareCondition: shareType === 'conditional' ? text(v.shareCondition) : null,
    shareMethod,
    shareChannels: shareMethod === 'platform' ? (v.shareChannels ?? []) : [],
    shareOtherMethod: shareMethod === 'other' ? text(v.shareOtherMethod) : null,
    noShareBasisType: shareType === 'none' ? (v.noShareBasisType ?? null) : null,
    noShareBasisText: shareType === 'none' ? text(v.noShareBasisText) : null,
    openType: v.openType ?? null,
    openCondition: v.openType === 'conditional' ? text(v.openCondition) : null,
    updateFrequency: v.updateFrequency ?? null,
    grade,
    sensitivityLevel: grade === 'general' ? (v.sensitivityLevel ?? null) : null,
    classified: v.classified ?? false,
    relatedCodes: (v.relatedCodes ?? []).map((c) => c.trim()).filter(Boolean),
    dutyText: text(v.dutyText),
    dutyListRef: text(v.dutyListRef),
    identifiedOn: v.identifiedOn ? v.identifiedOn.format('YYYY-MM-DD') : null,
    dutyChangedOn: v.dutyChangedOn ? v.dutyChangedOn.format('YYYY-MM-DD') : null,
    recordCount: num(v.recordCount),
    storageMb: num(v.storageMb),
    contactName: text(v.contactName),
    contactPhone: text(v.contactPhone),
    contactEmail: text(v.contactEmail),
    items: (v.items ?? []).map(
      (i): ItemInput => ({
        name: (i.name ?? '').trim(),
        codeName: (i.codeName ?? '').trim(),
        dataType: i.dataType ?? 'string',
        length: num(i.length),
        description: text(i.description),
        codeTable: text(i.codeTable),
        shareType: i.shareType ?? null,
        openType: i.openType ?? null,
        sensitivity: i.sensitivity ?? 'none',
        authoritative: i.authoritative ?? false,
      }),
    ),
  };
}

/** The fields of `next` that differ from the saved entry (a PATCH body); category and subcategory travel together. */
export function changedFields(saved: Entry, next: EntryInput): Partial<EntryInput> {
  const out: Record<string, unknown> = {};
  const savedItems = saved.items.map((i) => ({
    name: i.name, codeName: i.codeName, dataType: i.dataType, length: i.length, description: i.description, codeTable: i.codeTable,
    shareType: i.shareType, openType: i.openType, sensitivity: i.sensitivity, authoritative: i.authoritative,
  }));
  for (const key of Object.keys(next) as (keyof EntryInput)[]) {
    const before = key === 'items' ? savedItems : (saved as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(before ?? null) !== JSON.stringify(next[key] ?? null)) out[key] = next[key];
  }
  if ('category' in out || 'subcategory' in out) {
    out.category = next.category;
    out.subcategory = next.subcategory;
  }
  return out as Partial<EntryInput>;
}

/**
 * A field path of the API (`body.items.2.codeName`, `items.2.codeName`, `summary`) as the form's field name.
 * Returns null for paths the form has no field for.
 */
export function formNameOf(path: string): (string | number)[] | null {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  const head = parts[0];
  if (!head) return null;
  if (head === 'category' || head === 'subcategory') return ['classification'];
  if (head === 'formatClass') return ['format'];
  if (head === 'formatType') return ['format'];
  if (head === 'items') {
    if (parts[1] !== undefined && /^\d+$/.test(parts[1])) {
      const idx = Number(parts[1]);
      return parts[2] ? ['items', idx, parts[2]] : ['items', idx, 'name'];
    }
    return ['items'];
  }
  if (head === 'keywords' || head === 'relatedCodes' || head === 'shareChannels') return [head];
  return (FORM_FIELDS as readonly string[]).includes(head) ? [head] : null;
}
