// Shapes of /api/v1/licenses as the web app uses them (docs/licenses-api.md; server: licenses.schemas.ts).

export type HolderType = 'citizen' | 'entity';
export type TypeLevel = 'national' | 'provincial' | 'city' | 'county' | 'town';
export type FieldType = 'string' | 'date' | 'number' | 'enum';
export type StatusCode = 'valid' | 'expired' | 'not_yet_valid' | 'revoked' | 'cancelled' | 'superseded';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  onFace: boolean;
  sensitivity: number;
  options?: string[];
  maxLength?: number;
}

export interface Validity {
  kind: 'term' | 'until' | 'permanent';
  years?: number;
  months?: number;
  until?: string;
}

export interface FaceTemplate {
  title: string;
  fieldOrder: string[];
  page: { width: number; height: number };
  seal: { x: number; y: number; size: number };
  qr: { x: number; y: number; size: number };
}

export interface DepartmentRef {
  id: string;
  name: string;
  creditCode: string;
}

export interface LicenseType {
  id: string;
  code: string;
  name: string;
  level: TypeLevel;
  holderType: HolderType;
  holderCode: string;
  issuerDepartments: DepartmentRef[];
  fields: FieldDef[];
  validity: Validity;
  validityText: string;
  faceTemplate: FaceTemplate;
  catalogEntryId: string | null;
  referenceOnly: boolean;
  status: 'active' | 'retired';
  licenseCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Seal {
  id: string;
  departmentId: string;
  departmentName: string;
  esId: string;
  name: string;
  sealType: number;
  publicKey: string;
  makerPublicKey: string;
  pictureType: string;
  validStart: string;
  validEnd: string;
  status: 'active' | 'retired';
  createdAt: string;
  retiredAt: string | null;
}

export interface SealDetail extends Seal {
  /** SESeal (GB/T 38540-2020 v4), DER, base64. */
  sealDer: string;
}

export interface TrustedIssuer {
  id: string;
  name: string;
  divisionCode: string | null;
  publicKey: string;
  note: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface LicenseStatus {
  code: StatusCode;
  label: string;
  since: string | null;
}

export interface License {
  id: string;
  identifier: string;
  version: number;
  serial: string;
  typeId: string;
  typeCode: string;
  typeName: string;
  issuer: { departmentId: string; code: string; name: string };
  holder: { type: HolderType; code: string; id: string; name: string };
  fields: Record<string, unknown>;
  issuedOn: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string | null;
  status: LicenseStatus;
  state: 'active' | 'superseded' | 'revoked' | 'cancelled';
  origin: 'issue' | 'renewal' | 'change';
  changeReason: string | null;
  previousId: string | null;
  supersededById: string | null;
  ended: { on: string; reason: string } | null;
  seal: { id: string; esId: string; name: string };
  batchId: string | null;
}

export interface LicenseVersion {
  id: string;
  identifier: string;
  version: number;
  state: string;
  origin: string;
  issuedAt: string;
  changeReason: string | null;
}

export interface LicenseDetail extends License {
  versions: LicenseVersion[];
}

export interface LicenseUse {
  id: string;
  licenseId: string | null;
  holderId: string;
  typeCode: string;
  purpose: string;
  caseNumber: string | null;
  consent: unknown;
  outcome: string;
  actorName: string | null;
  departmentId: string | null;
  usedAt: string;
}

export interface SignedDocument {
  identifier: string;
  document: unknown;
  canonical: string;
  signature: string;
}

export interface Verification {
  valid: boolean;
  verdict: string;
  identifier: string | null;
  checkedAt: string;
  matchesRegistry: boolean | null;
  signature: {
    valid: boolean;
    problems: { code: string; message: string }[];
    sealName: string | null;
    esId: string | null;
    signedAt: string | null;
    department: { name: string; creditCode: string } | null;
    maker: { trusted: boolean; name: string | null; publicKey: string | null };
  };
  status: { code: string; label: string; since: string | null };
  license: {
    typeCode: string;
    typeName: string;
    issuerName: string;
    issuerCode: string;
    version: number;
    issuedOn: string;
    validFrom: string;
    validUntil: string | null;
    holder: { type: string; code: string; id: string; name: string };
    face: { name: string; label: string; value: string }[];
  } | null;
}

// ── labels ───────────────────────────────────────────────────────────────────

export const HOLDER_TYPE_LABELS: Record<HolderType, string> = { citizen: '自然人', entity: '法人和其他组织' };
/** What the holder's id is called, by holder type (持证主体代码类型 111 / 001). */
export const HOLDER_ID_LABELS: Record<HolderType, string> = { citizen: '公民身份号码', entity: '统一社会信用代码' };
export const LEVEL_LABELS: Record<TypeLevel, string> = { national: '国家', provincial: '省级', city: '市级', county: '县级', town: '乡镇' };
export const FIELD_TYPE_LABELS: Record<FieldType, string> = { string: '文本', date: '日期', number: '数字', enum: '枚举' };
export const SENSITIVITY_LABELS: Record<number, string> = { 1: '1 公开', 2: '2 一般', 3: '3 敏感', 4: '4 高度敏感' };
export const TYPE_STATUS_LABELS = { active: '启用', retired: '停用' } as const;

export const STATUS_LABELS: Record<StatusCode, string> = {
  valid: '有效', expired: '已过期', not_yet_valid: '尚未生效', revoked: '已吊销', cancelled: '已注销', superseded: '已换发新版本',
};
export const STATUS_COLORS: Record<StatusCode, string> = {
  valid: 'success', expired: 'warning', not_yet_valid: 'processing', revoked: 'error', cancelled: 'default', superseded: 'default',
};
export const ORIGIN_LABELS: Record<string, string> = { issue: '制证', renewal: '延续', change: '变更' };
export const USE_OUTCOME_LABELS: Record<string, string> = { provided: '已提供', not_found: '未找到', invalid: '验证未通过' };

/** Select options from a label table (string keys). */
export const labelOptions = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
export const SENSITIVITY_OPTIONS = [1, 2, 3, 4].map((value) => ({ value, label: SENSITIVITY_LABELS[value] }));

/** The validity rule in words, as the server words it (validityText) for rules being edited. */
export function validityInWords(v: Validity): string {
  if (v.kind === 'permanent') return '长期有效';
  if (v.kind === 'until') return v.until ? `有效期至 ${v.until}` : '至某日';
  return `自生效之日起${v.years ? ` ${v.years} 年` : ''}${v.months ? ` ${v.months} 个月` : ''}`;
}
