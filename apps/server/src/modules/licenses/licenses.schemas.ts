import { Type } from 'typebox';
import { Nullable, PageQuery, Paged, Uuid } from '../../kernel/schemas.ts';
import { FIELD_NAME_PATTERN } from './license-model.ts';

// HTTP shapes of /api/v1/licenses (docs/licenses-api.md).

const IsoDate = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });

export const HolderTypeEnum = Type.Enum(['citizen', 'entity'], { description: '持证主体类型：citizen 自然人（持证主体代码类型 111 公民身份号码）· entity 法人和其他组织（001 统一社会信用代码）' });
export const LevelEnum = Type.Enum(['national', 'provincial', 'city', 'county', 'town'], { description: '颁发层级：national 国家 · provincial 省 · city 市 · county 县 · town 乡镇' });
const TypeStatusEnum = Type.Enum(['active', 'retired'], { description: 'active 启用 · retired 停用（不再制证）' });
export const StatusCodeEnum = Type.Enum(['valid', 'expired', 'not_yet_valid', 'revoked', 'cancelled', 'superseded'], {
  description: 'valid 有效 · expired 已过期 · not_yet_valid 尚未生效 · revoked 已吊销 · cancelled 已注销 · superseded 已换发新版本',
});

// ── types ────────────────────────────────────────────────────────────────────
export const FieldDefSchema = Type.Object({
  name: Type.String({ pattern: FIELD_NAME_PATTERN, description: '字段名：字母开头，字母、数字、下划线' }),
  label: Type.String({ minLength: 1, maxLength: 50, description: '字段中文名' }),
  type: Type.Enum(['string', 'date', 'number', 'enum'], { description: 'string 文本 · date 日期 · number 数字 · enum 枚举' }),
  required: Type.Boolean(),
  onFace: Type.Boolean({ description: '是否印在证照照面上' }),
  sensitivity: Type.Integer({ minimum: 1, maximum: 4, description: '敏感级别 1 公开 … 4 最敏感；公众验证只显示照面上级别 1 的字段' }),
  options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, description: '枚举字段的可选值' })),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
});

export const ValiditySchema = Type.Object({
  kind: Type.Enum(['term', 'until', 'permanent'], { description: 'term 固定期限 · until 至某日 · permanent 长期有效' }),
  years: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  months: Type.Optional(Type.Integer({ minimum: 0, maximum: 1200 })),
  until: Type.Optional(IsoDate),
});

const Box = Type.Object({ x: Type.Number({ minimum: 0, maximum: 2000 }), y: Type.Number({ minimum: 0, maximum: 2000 }), size: Type.Number({ minimum: 1, maximum: 500 }) });
export const FaceTemplateSchema = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 50 }),
  fieldOrder: Type.Array(Type.String({ pattern: FIELD_NAME_PATTERN }), { maxItems: 100 }),
  page: Type.Object({ width: Type.Number({ minimum: 10, maximum: 2000 }), height: Type.Number({ minimum: 10, maximum: 2000 }) }, { description: '版面尺寸（毫米）' }),
  seal: Box,
  qr: Box,
}, { description: '照面模板（毫米）：标题、字段顺序、印章与二维码位置，供后续生成版式文件' });
const FaceTemplateInput = Type.Partial(FaceTemplateSchema);

const Department = Type.Object({ id: Uuid, name: Type.String(), creditCode: Type.String() });

export const LicenseTypeSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  level: LevelEnum,
  holderType: HolderTypeEnum,
  holderCode: Type.String({ description: '持证主体代码类型：111 或 001' }),
  issuerDepartments: Type.Array(Department),
  fields: Type.Array(FieldDefSchema),
  validity: ValiditySchema,
  validityText: Type.String(),
  faceTemplate: FaceTemplateSchema,
  catalogEntryId: Nullable(Uuid),
  referenceOnly: Type.Boolean({ description: '仅引用：由外部系统签发，本平台不制证' }),
  status: TypeStatusEnum,
  licenseCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
}, { $id: 'LicenseType' });

const typeFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  level: LevelEnum,
  holderType: HolderTypeEnum,
  issuerDepartmentIds: Type.Array(Uuid, { minItems: 1, maxItems: 50, description: '颁发部门' }),
  fields: Type.Array(FieldDefSchema, { maxItems: 100 }),
  validity: ValiditySchema,
  faceTemplate: Type.Optional(FaceTemplateInput),
  catalogEntryId: Type.Optional(Nullable(Uuid)),
  referenceOnly: Type.Optional(Type.Boolean()),
};

export const CreateTypeBody = Type.Object({
  code: Type.String({ minLength: 21, maxLength: 21, description: '证照类型代码：定义部门的统一社会信用代码 + 3 位顺序号' }),
  ...typeFields,
});

export const UpdateTypeBody = Type.Object({
  name: Type.Optional(typeFields.name),
  level: Type.Optional(LevelEnum),
  holderType: Type.Optional(HolderTypeEnum),
  issuerDepartmentIds: Type.Optional(typeFields.issuerDepartmentIds),
  fields: Type.Optional(typeFields.fields),
  validity: Type.Optional(ValiditySchema),
  faceTemplate: Type.Optional(FaceTemplateInput),
  catalogEntryId: Type.Optional(Nullable(Uuid)),
  referenceOnly: Type.Optional(Type.Boolean()),
  status: Type.Optional(TypeStatusEnum),
});

export const ListTypesQuery = Type.Object({
  q: Type.Optional(Text(100)),
  departmentId: Type.Optional(Uuid),
  holderType: Type.Optional(HolderTypeEnum),
  status: Type.Optional(TypeStatusEnum),
  ...PageQuery,
});
export const TypePage = Paged(Type.Ref('LicenseType'));

// ── seals and trust ──────────────────────────────────────────────────────────
export const SealSchema = Type.Object({
  id: Uuid,
  departmentId: Uuid,
  departmentName: Type.String(),
  esId: Type.String({ description: '电子印章标识' }),
  name: Type.String(),
  sealType: Type.Integer(),
  publicKey: Type.String({ description: '签章者（部门）SM2 公钥' }),
  makerPublicKey: Type.String({ description: '制章者（本平台）SM2 公钥' }),
  pictureType: Type.String(),
  validStart: DateTime,
  validEnd: DateTime,
  status: Type.Enum(['active', 'retired']),
  createdAt: DateTime,
  retiredAt: Nullable(DateTime),
}, { $id: 'LicenseSeal' });
export const SealDetail = Type.Object({ ...SealSchema.properties, sealDer: Type.String({ description: 'SESeal（GB/T 38540-2020 v4，DER，base64）' }) });
export const SealList = Type.Object({ items: Type.Array(Type.Ref('LicenseSeal')) });
export const ListSealsQuery = Type.Object({ departmentId: Type.Optional(Uuid), status: Type.Optional(Type.Enum(['active', 'retired'])) });
export const CreateSealBody = Type.Object({
  departmentId: Uuid,
  validYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5, description: '印章有效年数' })),
});
export const SealPicture = Type.String({ description: '印章图像（SVG）' });

export const TrustedIssuerSchema = Type.Object({
  id: Uuid, name: Type.String(), divisionCode: Nullable(Type.String()), publicKey: Type.String(), note: Nullable(Type.String()), enabled: Type.Boolean(),
  createdAt: DateTime, updatedAt: DateTime,
}, { $id: 'LicenseTrustedIssuer' });
export const TrustedIssuerList = Type.Object({ items: Type.Array(Type.Ref('LicenseTrustedIssuer')) });
export const CreateTrustedIssuerBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: '颁发方（制章者）名称' }),
  divisionCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}$' }))),
  publicKey: Type.String({ minLength: 64, maxLength: 4000, description: '制章者 SM2 公钥：130 位十六进制、PEM 或 base64 证书' }),
  note: Type.Optional(Nullable(Text(500))),
});
export const UpdateTrustedIssuerBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  divisionCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}$' }))),
  note: Type.Optional(Nullable(Text(500))),
  enabled: Type.Optional(Type.Boolean()),
});

// ── licenses ─────────────────────────────────────────────────────────────────
const FieldValuesSchema = Type.Record(Type.String(), Type.Unknown(), { description: '字段值，按证照类型的字段定义校验' });
const StatusSchema = Type.Object({ code: StatusCodeEnum, label: Type.String(), since: Nullable(Type.String()) });

export const LicenseSchema = Type.Object({
  id: Uuid,
  identifier: Type.String({ description: '电子证照标识（GB/T 36904 形式）' }),
  version: Type.Integer(),
  serial: Type.String(),
  typeId: Uuid,
  typeCode: Type.String(),
  typeName: Type.String(),
  issuer: Type.Object({ departmentId: Uuid, code: Type.String(), name: Type.String() }),
  holder: Type.Object({ type: HolderTypeEnum, code: Type.String(), id: Type.String(), name: Type.String() }),
  fields: FieldValuesSchema,
  issuedOn: Type.String(),
  issuedAt: DateTime,
  validFrom: Type.String(),
  validUntil: Nullable(Type.String()),
  status: StatusSchema,
  state: Type.Enum(['active', 'superseded', 'revoked', 'cancelled']),
  origin: Type.Enum(['issue', 'renewal', 'change']),
  changeReason: Nullable(Type.String()),
  previousId: Nullable(Uuid),
  supersededById: Nullable(Uuid),
  ended: Nullable(Type.Object({ on: Type.String(), reason: Type.String() })),
  seal: Type.Object({ id: Uuid, esId: Type.String(), name: Type.String() }),
  batchId: Nullable(Uuid),
}, { $id: 'License' });

const VersionSchema = Type.Object({ id: Uuid, identifier: Type.String(), version: Type.Integer(), state: Type.String(), origin: Type.String(), issuedAt: DateTime, changeReason: Nullable(Type.String()) });
export const LicenseDetail = Type.Object({ ...LicenseSchema.properties, versions: Type.Array(VersionSchema) });
export const LicensePage = Paged(Type.Ref('License'));

export const ListLicensesQuery = Type.Object({
  typeCode: Type.Optional(Type.String({ maxLength: 21 })),
  holderId: Type.Optional(Type.String({ maxLength: 18 })),
  departmentId: Type.Optional(Uuid),
  status: Type.Optional(StatusCodeEnum),
  q: Type.Optional(Text(100, '持证主体名称或证照标识')),
  allVersions: Type.Optional(Type.Boolean({ default: false, description: '包括已换发的旧版本' })),
  ...PageQuery,
});

const IssueRowFields = {
  holderId: Type.String({ minLength: 1, maxLength: 18, description: '持证主体代码：公民身份号码或统一社会信用代码' }),
  holderName: Type.String({ minLength: 1, maxLength: 200, description: '持证主体名称' }),
  fields: FieldValuesSchema,
  validFrom: Type.Optional(IsoDate),
  issuedOn: Type.Optional(Type.String({ format: 'date', description: '颁发日期；存量证照填写原颁发日期' })),
};
export const IssueBody = Type.Object({
  typeCode: Type.String({ minLength: 1, maxLength: 21 }),
  issuerDepartmentId: Type.Optional(Uuid),
  ...IssueRowFields,
});
export const BatchBody = Type.Object({
  typeCode: Type.String({ minLength: 1, maxLength: 21 }),
  issuerDepartmentId: Type.Optional(Uuid),
  items: Type.Array(Type.Object(IssueRowFields), { minItems: 1, maxItems: 500 }),
});
export const BatchResult = Type.Object({
  batchId: Uuid,
  count: Type.Integer(),
  items: Type.Array(Type.Object({ row: Type.Integer(), id: Uuid, identifier: Type.String() })),
});
export const RenewBody = Type.Object({ validFrom: Type.Optional(IsoDate), reason: Type.Optional(Text(500)) });
export const ChangeBody = Type.Object({
  fields: Type.Optional(FieldValuesSchema),
  holderName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  reason: Type.String({ minLength: 1, maxLength: 500, description: '变更事由' }),
});
export const RevokeBody = Type.Object({
  kind: Type.Enum(['revoke', 'cancel'], { description: 'revoke 吊销 · cancel 注销' }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  date: Type.Optional(IsoDate),
});
export const SignedDocument = Type.Object({
  identifier: Type.String(),
  document: Type.Unknown({ description: '签名的证照数据（对象形式）' }),
  canonical: Type.String({ description: '规范化 JSON 文本：其 UTF-8 字节的 SM3 即签章数据中的原文杂凑值' }),
  signature: Type.String({ description: 'SES_Signature（GB/T 38540-2020 v4，DER，base64）' }),
});
export const UseList = Type.Object({
  items: Type.Array(Type.Object({
    id: Uuid, licenseId: Nullable(Uuid), holderId: Type.String(), typeCode: Type.String(), purpose: Type.String(), caseNumber: Nullable(Type.String()),
    consent: Type.Unknown(), outcome: Type.String(), actorName: Nullable(Type.String()), departmentId: Nullable(Uuid), usedAt: DateTime,
  })),
});

// ── verification ─────────────────────────────────────────────────────────────
export const IdentifierParams = Type.Object({ identifier: Type.String({ minLength: 1, maxLength: 120 }) });
export const VerifyBody = Type.Object({
  identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: '证照标识' })),
  signature: Type.Optional(Type.String({ minLength: 1, maxLength: 200_000, description: 'SES_Signature（DER，base64）' })),
  data: Type.Optional(Type.Unknown({ description: '与 signature 一起给出：签名的证照数据（规范化 JSON 文本或对象）' })),
});
export const VerificationSchema = Type.Object({
  valid: Type.Boolean({ description: '签章有效且证照当前有效' }),
  verdict: Type.String(),
  identifier: Nullable(Type.String()),
  signature: Type.Object({
    valid: Type.Boolean(),
    problems: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
    sealName: Nullable(Type.String()),
    esId: Nullable(Type.String()),
    signedAt: Nullable(Type.String()),
    department: Nullable(Type.Object({ name: Type.String(), creditCode: Type.String() })),
    maker: Type.Object({ trusted: Type.Boolean(), name: Nullable(Type.String()), publicKey: Nullable(Type.String()) }),
  }),
  status: Type.Object({ code: Type.String(), label: Type.String(), since: Nullable(Type.String()) }),
  matchesRegistry: Nullable(Type.Boolean()),
  license: Nullable(Type.Object({
    typeCode: Type.String(), typeName: Type.String(), issuerName: Type.String(), issuerCode: Type.String(), version: Type.Integer(),
    issuedOn: Type.String(), validFrom: Type.String(), validUntil: Nullable(Type.String()),
    holder: Type.Object({ type: Type.String(), code: Type.String(), id: Type.String(), name: Type.String() }),
    face: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), value: Type.String() })),
  })),
  checkedAt: DateTime,
}, { $id: 'LicenseVerification' });

export const StatusListSchema = Type.Object({
  payload: Type.Object({
    format: Type.String(),
    issuer: Type.Object({ name: Type.String(), creditCode: Nullable(Type.String()), publicKey: Type.String() }),
    generatedAt: DateTime,
    entries: Type.Array(Type.Object({ identifier: Type.String(), status: Type.Enum(['revoked', 'cancelled', 'superseded']), date: Nullable(Type.String()) })),
  }),
  signature: Type.Object({ algorithm: Type.String(), oid: Type.String(), userId: Type.String(), publicKey: Type.String(), value: Type.String({ description: 'SM2 签名，DER 十六进制' }) }),
});
export const TrustAnchorsSchema = Type.Object({
  sealMakers: Type.Array(Type.Object({ name: Type.String(), own: Type.Boolean(), publicKey: Type.String() })),
  statusListKey: Type.String(),
  userId: Type.String(),
});
