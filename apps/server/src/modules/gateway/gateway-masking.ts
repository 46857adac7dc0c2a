import { FULL_MASK, maskValue, type MaskKind, type SensitivityLevel } from '@shuzheng/standards';
import type { MountedColumn } from '../catalog/index.ts';

// 脱敏 rule of the gateway (docs/gateway-api.md §5):
//   level = 1 for items of sensitivity none, 2 for personal, 3 for sensitive_personal; +1 when the entry is graded
//   core data (核心数据), at most 4.
//   Items of a recognised kind (ID number, phone, name, address, bank card, credit code — by code name) are masked with
//   the standards maskValue(kind, value, level): 1 clear, 2 low, 3 high, 4 '******'.
//   Other items: clear at levels 1–2, '******' at 3–4 (e.g. 民族 as sensitive personal data).

export function maskKindOf(column: Pick<MountedColumn, 'itemCodeName' | 'sensitivity'>): MaskKind | null {
  const c = column.itemCodeName.toLowerCase();
  if (/id_?number|id_?card|sfzh/.test(c)) return 'idNumber';
  if (/credit_?code|uscc/.test(c)) return 'creditCode';
  if (/phone|mobile|tel(ephone)?$/.test(c)) return 'phone';
  if (/bank|card_no|account_no/.test(c)) return 'bankCard';
  if (/address|domicile|residence_addr/.test(c)) return 'address';
  if (column.sensitivity !== 'none' && /(^|_)name$/.test(c)) return 'name';
  return null;
}

export function maskLevelOf(column: Pick<MountedColumn, 'sensitivity'>, grade: string | null): SensitivityLevel {
  const base = column.sensitivity === 'sensitive_personal' ? 3 : column.sensitivity === 'personal' ? 2 : 1;
  return Math.min(4, base + (grade === 'core' ? 1 : 0)) as SensitivityLevel;
}

/** A database value as JSON: dates as YYYY-MM-DD (date items) or ISO timestamps, everything else as is. */
export function plainValue(value: unknown, dataType: string | null): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (dataType === 'date') {
      const p = (n: number) => String(n).padStart(2, '0');
      return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`;
    }
    return value.toISOString();
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}

// A column's kind, found once per column object (the mount cache hands the same objects to every call).
const kinds = new WeakMap<MountedColumn, MaskKind | null>();
function kindOf(column: MountedColumn): MaskKind | null {
  let kind = kinds.get(column);
  if (kind === undefined) kinds.set(column, (kind = maskKindOf(column)));
  return kind;
}

/** The value to return for a granted item: masked by its level and kind. */
export function maskedValue(column: MountedColumn, grade: string | null, value: unknown): string | number | boolean | null {
  const plain = plainValue(value, column.dataType);
  if (plain === null) return null;
  const level = maskLevelOf(column, grade);
  if (level === 1) return plain;
  const kind = kindOf(column);
  if (kind) return maskValue(kind, String(plain), level);
  return level >= 3 ? FULL_MASK : plain;
}
