import { Type, type TSchema } from 'typebox';
import { Nullable, PageQuery, Paged, Uuid } from '../../kernel/schemas.ts';
import {
  API_AUTH, CATEGORY, CODE_PATTERN, DATA_TYPE, DEADLINE_RULE, ENTRY_STATUS, FORMAT_CLASS, GRADE, LIGHT, MOUNT_KIND, MOUNT_STATUS,
  NO_SHARE_BASIS, OPEN_TYPE, ORIGIN, REPORT_STATUS, SENSITIVITY, SHARE_CHANNEL, SHARE_METHOD, SHARE_TYPE, SYSTEM_DEPLOYMENT,
  SYSTEM_NETWORK, SYSTEM_STATUS, UPDATE_FREQUENCY, type Labelled,
} from './catalog.enums.ts';

// HTTP shapes of /api/v1/catalog (docs/catalog-api.md). Enumerations carry their Chinese labels in the description.

function E<V extends string>(pairs: Labelled<V>, extra: { default?: V; description?: string } = {}) {
  const list = pairs.map(([v, l]) => `${v} ${l}`).join(' · ');
  return Type.Enum(pairs.map(([v]) => v) as V[], { ...extra, description: extra.description ? `${extra.description}：${list}` : list });
}

const IsoDate = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });

export const CategoryEnum = E(CATEGORY.pairs, { description: '资源属性分类' });
export const Subcategory = Type.String({ pattern: '^[0-9]{2}$', description: '项（2 位）：基础 01–05，主题 01–12，部门 01' });
export const ShareTypeEnum = E(SHARE_TYPE.pairs, { description: '共享类型' });
export const OpenTypeEnum = E(OPEN_TYPE.pairs, { description: '开放类型' });
export const FormatClassEnum = E(FORMAT_CLASS.pairs, { description: '格式分类' });
export const UpdateFrequencyEnum = E(UPDATE_FREQUENCY.pairs, { description: '更新周期' });
export const GradeEnum = E(GRADE.pairs, { description: '数据分级（GB/T 43697）' });
export const EntryStatusEnum = E(ENTRY_STATUS.pairs, { description: '目录状态' });
export const OriginEnum = E(ORIGIN.pairs, { description: '来源' });
export const ReportStatusEnum = E(REPORT_STATUS.pairs, { description: '省级上报状态' });
export const LightEnum = E(LIGHT.pairs, { description: '时限灯' });
const CodeName = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$', description: '信息项代码：小写字母开头，字母、数字、下划线' });
const ResourceCode = Type.String({ pattern: CODE_PATTERN, description: '信息资源代码' });

// ── data items and entries ──────────────────────────────────────────────────
export const ItemInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: '信息项名称' }),
  codeName: CodeName,
  dataType: Nullable(E(DATA_TYPE.pairs, { description: '数据类型' })),
  length: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
  description: Type.Optional(Nullable(Text(500))),
  codeTable: Type.Optional(Nullable(Text(200, '代码表引用，如 GB/T 2261.1-2003 性别代码'))),
  shareType: Type.Optional(Nullable(ShareTypeEnum)),
  openType: Type.Optional(Nullable(OpenTypeEnum)),
  sensitivity: Type.Optional(E(SENSITIVITY.pairs, { default: 'none', description: '个人信息属性（GB/T 35273）' })),
  authoritative: Type.Optional(Type.Boolean({ default: false, description: '一数一源：本部门为该信息项的权威来源' })),
});

const optionalEntryFields = {
  summary: Type.Optional(Text(2000, '信息资源摘要')),
  keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 })),
  systemId: Type.Optional(Nullable(Uuid)),
  formatClass: Type.Optional(Nullable(FormatClassEnum)),
  formatType: Type.Optional(Nullable(Text(50, '格式类型'))),
  shareType: Type.Optional(Nullable(ShareTypeEnum)),
  shareCondition: Type.Optional(Nullable(Text(1000, '共享条件'))),
  shareMethod: Type.Optional(Nullable(E(SHARE_METHOD.pairs, { description: '共享方式分类' }))),
  shareChannels: Type.Optional(Type.Array(E(SHARE_CHANNEL.pairs), { maxItems: 3, uniqueItems: true, description: '共享方式类型' })),
  shareOtherMethod: Type.Optional(Nullable(Text(200, '其他共享方式（邮件、拷盘、介质交换）'))),
  noShareBasisType: Type.Optional(Nullable(E(NO_SHARE_BASIS.pairs, { description: '不予共享依据类型' }))),
  noShareBasisText: Type.Optional(Nullable(Text(1000, '不予共享依据'))),
  openType: Type.Optional(Nullable(OpenTypeEnum)),
  openCondition: Type.Optional(Nullable(Text(1000, '开放条件'))),
  updateFrequency: Type.Optional(Nullable(UpdateFrequencyEnum)),
  grade: Type.Optional(Nullable(GradeEnum)),
  sensitivityLevel: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 4, description: '一般数据的敏感级别 1–4' }))),
  classified: Type.Optional(Type.Boolean({ description: '涉密（本平台不受理涉密资源）' })),
  relatedCodes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50, description: '关联资源代码' })),
  dutyText: Type.Optional(Nullable(Text(500, '对应的三定职责'))),
  dutyListRef: Type.Optional(Nullable(Text(100, '责任清单编号'))),
  identifiedOn: Type.Optional(Nullable(IsoDate)),
  dutyChangedOn: Type.Optional(Nullable(IsoDate)),
  recordCount: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  storageMb: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  contactName: Type.Optional(Nullable(Text(50))),
  contactPhone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+()\\- ]{5,30}$' }))),
  contactEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 100 }))),
  items: Type.Optional(Type.Array(ItemInput, { maxItems: 500 })),
};

export const CreateEntryBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: '信息资源名称' }),
  category: CategoryEnum,
  subcategory: Subcategory,
  ...optionalEntryFields,
});
export const UpdateEntryBody = Type.Partial(CreateEntryBody, { minProperties: 1 });

const ItemSchema = Type.Object({
  id: Uuid, position: Type.Integer(), name: Type.String(), codeName: Type.String(), dataType: Nullable(Type.String()), length: Nullable(Type.Integer()),
  description: Nullable(Type.String()), codeTable: Nullable(Type.String()), shareType: Nullable(Type.String()), openType: Nullable(Type.String()),
  sensitivity: Type.String(), authoritative: Type.Boolean(),
});

export const ProblemSchema = Type.Object({ code: Type.String(), severity: Type.Enum(['error', 'warning']), path: Type.String(), message: Type.String() });
export const ChecksResultSchema = Type.Object(
  { passed: Type.Boolean(), errorCount: Type.Integer(), warningCount: Type.Integer(), checkedAt: DateTime, problems: Type.Array(ProblemSchema) },
  { $id: 'CatalogChecks' },
);

const QualitySchema = Type.Object({
  score: Type.Integer(),
  dimensions: Type.Array(Type.Object({
    key: Type.String(), label: Type.String(), score: Type.Number(), max: Type.Integer(),
    indicators: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), score: Type.Number(), max: Type.Integer() })),
  })),
});

export const DeadlineSchema = Type.Object({
  rule: E(DEADLINE_RULE.pairs), ruleName: Type.String(), responsible: Type.Enum(['department', 'bureau']),
  startedOn: Type.String(), dueOn: Nullable(Type.String()), remainingWorkingDays: Nullable(Type.Integer()), light: LightEnum, problem: Nullable(Type.String()),
});

/** The fields every view of an entry shares (working copy, snapshot). */
const contentFields = {
  name: Type.String(), category: Type.String(), subcategory: Type.String(), summary: Type.String(), keywords: Type.Array(Type.String()),
  systemId: Nullable(Type.String()), formatClass: Nullable(Type.String()), formatType: Nullable(Type.String()),
  shareType: Nullable(Type.String()), shareCondition: Nullable(Type.String()), shareMethod: Nullable(Type.String()),
  shareChannels: Type.Array(Type.String()), shareOtherMethod: Nullable(Type.String()), noShareBasisType: Nullable(Type.String()),
  noShareBasisText: Nullable(Type.String()), openType: Nullable(Type.String()), openCondition: Nullable(Type.String()),
  updateFrequency: Nullable(Type.String()), grade: Nullable(Type.String()), sensitivityLevel: Nullable(Type.Integer()),
  classified: Type.Boolean(), relatedCodes: Type.Array(Type.String()), dutyText: Nullable(Type.String()), dutyListRef: Nullable(Type.String()),
  identifiedOn: Nullable(Type.String()), dutyChangedOn: Nullable(Type.String()), recordCount: Nullable(Type.Integer()),
  storageMb: Nullable(Type.Number()), contactName: Nullable(Type.String()), contactPhone: Nullable(Type.String()), contactEmail: Nullable(Type.String()),
};

export const EntrySchema = Type.Object(
  {
    id: Uuid, code: Type.String(), departmentId: Nullable(Uuid), departmentName: Type.String(), providerName: Type.String(), providerCode: Type.String(),
    ...contentFields,
    items: Type.Array(ItemSchema),
    status: EntryStatusEnum, origin: OriginEnum, currentVersion: Nullable(Type.Integer()), dirty: Type.Boolean(),
    publishedOn: Nullable(Type.String()), lastPublishedAt: Nullable(DateTime), submittedAt: Nullable(DateTime), withdrawalReason: Nullable(Type.String()),
    reportStatus: ReportStatusEnum, reportNote: Nullable(Type.String()), reportedAt: Nullable(DateTime),
    systemName: Nullable(Type.String()), lastCheck: Nullable(Type.Ref('CatalogChecks')), quality: QualitySchema,
    deadlines: Type.Array(DeadlineSchema), mountCount: Type.Integer(), mounted: Type.Boolean(),
    createdAt: DateTime, updatedAt: DateTime,
  },
  { $id: 'CatalogEntry' },
);

export const EntrySummarySchema = Type.Object({
  id: Uuid, code: Type.String(), name: Type.String(), departmentId: Nullable(Uuid), departmentName: Type.String(), category: Type.String(),
  subcategory: Type.String(), status: EntryStatusEnum, origin: OriginEnum, currentVersion: Nullable(Type.Integer()), dirty: Type.Boolean(),
  shareType: Nullable(Type.String()), openType: Nullable(Type.String()), itemCount: Type.Integer(), submittedAt: Nullable(DateTime),
  updatedAt: DateTime, reportStatus: ReportStatusEnum, worstLight: Nullable(LightEnum),
});

export const ListEntriesQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: '名称或代码' })),
  status: Type.Optional(Type.Array(EntryStatusEnum, { maxItems: 8 })),
  departmentId: Type.Optional(Uuid),
  category: Type.Optional(CategoryEnum),
  origin: Type.Optional(OriginEnum),
  reportStatus: Type.Optional(ReportStatusEnum),
  ...PageQuery,
});
export const EntryPage = Paged(EntrySummarySchema);

export const SnapshotItemSchema = Type.Object({
  position: Type.Integer(), name: Type.String(), codeName: Type.String(), dataType: Nullable(Type.String()), length: Nullable(Type.Integer()),
  description: Nullable(Type.String()), codeTable: Nullable(Type.String()), shareType: Nullable(Type.String()), openType: Nullable(Type.String()),
  sensitivity: Type.String(), authoritative: Type.Boolean(),
});
export const SnapshotSchema = Type.Object({
  code: Type.String(), departmentId: Nullable(Type.String()), providerName: Type.String(), providerCode: Type.String(), publishedOn: Nullable(Type.String()),
  ...contentFields,
  items: Type.Array(SnapshotItemSchema),
});

export const ReviewBody = Type.Object({
  decision: Type.Enum(['approve', 'return'], { description: 'approve 通过 · return 退回（撤销申请则为不同意撤销）' }),
  comment: Type.Optional(Text(1000, '审核意见')),
  reasons: Type.Optional(Type.Array(Type.Object({ path: Type.String({ minLength: 1, maxLength: 100 }), message: Type.String({ minLength: 1, maxLength: 500 }) }), { maxItems: 100 })),
});
const ReviewSchema = Type.Object({
  id: Uuid, kind: Type.Enum(['publish', 'change', 'withdrawal']), decision: Type.Enum(['approved', 'returned']), comment: Nullable(Type.String()),
  reasons: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })), reviewerId: Nullable(Type.String()), reviewerName: Nullable(Type.String()),
  decidedAt: DateTime, version: Nullable(Type.Integer()),
});
export const ReviewList = Type.Object({ items: Type.Array(ReviewSchema) });
export const WithdrawalBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500, description: '撤销理由' }) });

const VersionSummary = Type.Object({ version: Type.Integer(), publishedAt: DateTime, publishedBy: Nullable(Type.String()), reviewId: Nullable(Type.String()), itemCount: Type.Integer() });
export const VersionList = Type.Object({ items: Type.Array(VersionSummary) });
export const VersionSchema = Type.Object({ version: Type.Integer(), publishedAt: DateTime, publishedBy: Nullable(Type.String()), snapshot: SnapshotSchema });
export const VersionParams = Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1 }) });
export const DiffQuery = Type.Object({
  from: Type.Integer({ minimum: 1 }),
  to: Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('working')], { description: '版本号或 working（当前编辑稿）' }),
});
const FieldChange = Type.Object({ field: Type.String(), label: Type.String(), before: Type.Unknown(), after: Type.Unknown() });
export const DiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Union([Type.Integer(), Type.Literal('working')]),
  fields: Type.Array(FieldChange),
  items: Type.Object({
    added: Type.Array(SnapshotItemSchema),
    removed: Type.Array(SnapshotItemSchema),
    changed: Type.Array(Type.Object({ codeName: Type.String(), name: Type.String(), fields: Type.Array(FieldChange) })),
  }),
});

// ── information systems ──────────────────────────────────────────────────────
export const SystemSchema = Type.Object(
  {
    id: Uuid, departmentId: Uuid, departmentName: Type.String(), name: Type.String(), purpose: Type.String(),
    deployment: E(SYSTEM_DEPLOYMENT.pairs), network: E(SYSTEM_NETWORK.pairs), status: E(SYSTEM_STATUS.pairs),
    contactName: Nullable(Type.String()), contactPhone: Nullable(Type.String()), entryCount: Type.Integer(), createdAt: DateTime, updatedAt: DateTime,
  },
  { $id: 'CatalogSystem' },
);
export const CreateSystemBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100, description: '系统名称' }),
  purpose: Type.String({ maxLength: 500, description: '建设目的与主要功能' }),
  deployment: E(SYSTEM_DEPLOYMENT.pairs, { description: '部署方式' }),
  network: E(SYSTEM_NETWORK.pairs, { description: '运行网络' }),
  status: E(SYSTEM_STATUS.pairs, { description: '系统状态' }),
  contactName: Type.Optional(Nullable(Text(50))),
  contactPhone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+()\\- ]{5,30}$' }))),
});
export const UpdateSystemBody = Type.Partial(CreateSystemBody, { minProperties: 1 });
export const ListSystemsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  departmentId: Type.Optional(Uuid),
  status: Type.Optional(E(SYSTEM_STATUS.pairs)),
  ...PageQuery,
});
export const SystemPage = Paged(Type.Ref('CatalogSystem'));

// ── mounts ────────────────────────────────────────────────────────────────────
const TableSpec = Type.Object({
  datasource: Type.String({ minLength: 1, maxLength: 100, description: '数据源名称' }),
  schemaName: Type.Optional(Nullable(Type.String({ maxLength: 63 }))),
  tableName: Type.String({ minLength: 1, maxLength: 63 }),
  columns: Type.Array(Type.Object({
    column: Type.String({ minLength: 1, maxLength: 63 }),
    columnType: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    itemCodeName: Type.String({ minLength: 1, maxLength: 63, description: '映射到的信息项代码' }),
  }), { maxItems: 500 }),
});
const ApiSpec = Type.Object({
  endpoint: Type.String({ pattern: '^https?://', maxLength: 500, description: '接口地址' }),
  method: Type.Enum(['GET', 'POST']),
  openapiUrl: Type.Optional(Nullable(Type.String({ pattern: '^https?://', maxLength: 500, description: 'OpenAPI 文档地址' }))),
  auth: E(API_AUTH.pairs, { description: '鉴权方式' }),
});
export const CreateMountBody = Type.Union([
  Type.Object({ kind: Type.Literal('table'), table: TableSpec }),
  Type.Object({ kind: Type.Literal('api'), api: ApiSpec }),
]);
export const MountSchema = Type.Object(
  {
    id: Uuid, entryId: Uuid, kind: E(MOUNT_KIND.pairs), status: E(MOUNT_STATUS.pairs), statusNote: Nullable(Type.String()),
    table: Nullable(Type.Object({
      datasource: Type.String(), schemaName: Nullable(Type.String()), tableName: Type.String(),
      columns: Type.Array(Type.Object({ column: Type.String(), columnType: Nullable(Type.String()), itemCodeName: Type.String() })),
    })),
    api: Nullable(Type.Object({ endpoint: Type.String(), method: Type.String(), openapiUrl: Nullable(Type.String()), auth: Type.String() })),
    file: Nullable(Type.Object({ name: Type.String(), size: Type.Integer(), sm3: Type.String(), contentType: Type.String() })),
    createdAt: DateTime, updatedAt: DateTime,
  },
  { $id: 'CatalogMount' },
);
export const MountList = Type.Object({ items: Type.Array(Type.Ref('CatalogMount')) });
export const MountParams = Type.Object({ id: Uuid, mountId: Uuid });
export const FileMountQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200, description: '文件名' }) });

// ── search and published view ────────────────────────────────────────────────
export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: '检索词：名称、摘要、关键字、信息项名称（支持子串与错字容忍）' })),
  department: Type.Optional(Type.String({ maxLength: 80, description: '部门 id，或 province:<提供方代码>' })),
  category: Type.Optional(CategoryEnum),
  shareType: Type.Optional(ShareTypeEnum),
  openType: Type.Optional(OpenTypeEnum),
  formatClass: Type.Optional(FormatClassEnum),
  updateFrequency: Type.Optional(UpdateFrequencyEnum),
  grade: Type.Optional(GradeEnum),
  mounted: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Enum(['relevance', 'published', 'name'], { description: 'relevance 相关度 · published 发布时间 · name 名称' })),
  ...PageQuery,
});
const FacetValues = Type.Array(Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() }));
export const SearchResult = Type.Object({
  items: Type.Array(Type.Object({
    id: Uuid, code: Type.String(), name: Type.String(), summary: Type.String(), keywords: Type.Array(Type.String()),
    departmentId: Nullable(Type.String()), departmentName: Type.String(), origin: Type.String(), category: Type.String(), subcategory: Type.String(),
    shareType: Nullable(Type.String()), openType: Nullable(Type.String()), formatClass: Nullable(Type.String()), updateFrequency: Nullable(Type.String()),
    grade: Nullable(Type.String()), mounted: Type.Boolean(), version: Type.Integer(), publishedOn: Nullable(Type.String()), lastPublishedAt: DateTime,
    itemCount: Type.Integer(), matchedItems: Type.Array(Type.String()), qualityScore: Type.Integer(), score: Type.Number(),
  })),
  total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
  facets: Type.Object({
    department: FacetValues, category: FacetValues, shareType: FacetValues, openType: FacetValues, formatClass: FacetValues,
    updateFrequency: FacetValues, grade: FacetValues, mounted: FacetValues,
  }),
});
export const PublishedEntrySchema = Type.Object({
  id: Uuid, version: Type.Integer(), lastPublishedAt: DateTime, departmentName: Type.String(), systemName: Nullable(Type.String()),
  origin: Type.String(), mounted: Type.Boolean(), ...SnapshotSchema.properties,
  mounts: Type.Array(Type.Ref('CatalogMount')), versions: Type.Array(VersionSummary), quality: QualitySchema,
});

// ── deadlines, statistics, quality ───────────────────────────────────────────
export const DeadlineRuleSchema = Type.Object({
  code: Type.String(), name: Type.String(), description: Type.String(), workingDays: Type.Integer(), yellowDays: Type.Integer(),
  enabled: Type.Boolean(), updatedAt: DateTime, updatedBy: Nullable(Type.String()),
});
export const DeadlineRuleParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
export const UpdateDeadlineRuleBody = Type.Object({
  workingDays: Type.Integer({ minimum: 1, maximum: 365, description: '时限（工作日）' }),
  yellowDays: Type.Integer({ minimum: 0, maximum: 365, description: '剩余工作日不多于此数时亮黄灯' }),
  enabled: Type.Boolean(),
});
export const TodoQuery = Type.Object({ departmentId: Type.Optional(Uuid), asOf: Type.Optional(IsoDate) });
export const SupervisionQuery = Type.Object({ asOf: Type.Optional(IsoDate), light: Type.Optional(LightEnum) });
export const TodoList = Type.Object({
  asOf: Type.String(),
  items: Type.Array(Type.Object({
    entryId: Uuid, code: Type.String(), name: Type.String(), departmentId: Nullable(Type.String()), departmentName: Type.String(),
    status: EntryStatusEnum, deadline: DeadlineSchema,
  })),
  counts: Type.Object({ green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer(), unknown: Type.Integer() }),
});

const Counts = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])) as Record<string, TSchema>);
const StatsFields = {
  entries: Type.Integer(), byStatus: Counts(ENTRY_STATUS.values), published: Type.Integer(), dataItems: Type.Integer(), mounted: Type.Integer(),
  mountedRatio: Type.Number(), shareTypes: Counts(SHARE_TYPE.values), overdue: Type.Integer(), qualityAverage: Nullable(Type.Number()),
};
export const StatsQuery = Type.Object({ departmentId: Type.Optional(Uuid), asOf: Type.Optional(IsoDate) });
export const StatsSchema = Type.Object({
  city: Nullable(Type.Object(StatsFields)),
  departments: Type.Array(Type.Object({ departmentId: Type.String(), departmentName: Type.String(), ...StatsFields })),
});
export const QualityByDepartment = Type.Object({
  items: Type.Array(Type.Object({
    departmentId: Type.String(), departmentName: Type.String(), entries: Type.Integer(), averageScore: Type.Number(),
    dimensions: Type.Record(Type.String(), Type.Number()),
  })),
});

// ── Excel and cascade ────────────────────────────────────────────────────────
export const ExcelExportQuery = Type.Object({ departmentId: Type.Optional(Uuid) });
export const ImportResult = Type.Object({ created: Type.Integer(), entries: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })) });

export const CascadeExportQuery = Type.Object({
  since: Type.Optional(Type.String({ maxLength: 100, description: '上次导出返回的 nextCursor' })),
  format: Type.Enum(['json', 'dcat'], { default: 'json', description: 'json 本平台格式 · dcat DCAT-AP 3 JSON-LD' }),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }),
});
export const ReportBody = Type.Object({
  entryIds: Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true }),
  status: Type.Enum(['reported', 'synced', 'rejected'], { description: 'reported 已上报 · synced 已同步 · rejected 退回' }),
  note: Type.Optional(Text(500)),
});
const CascadeItem = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }), codeName: CodeName, dataType: Nullable(E(DATA_TYPE.pairs)),
  length: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), description: Type.Optional(Nullable(Text(500))),
  codeTable: Type.Optional(Nullable(Text(200))), shareType: Type.Optional(Nullable(ShareTypeEnum)), openType: Type.Optional(Nullable(OpenTypeEnum)),
  sensitivity: Type.Optional(E(SENSITIVITY.pairs)), authoritative: Type.Optional(Type.Boolean()),
});
export const CascadeEntry = Type.Object({
  code: Type.String({ pattern: '^[0-9A-Za-z]{6,40}$', description: '上级平台的信息资源代码' }),
  withdrawn: Type.Optional(Type.Boolean()),
  name: Type.String({ minLength: 1, maxLength: 100 }), category: CategoryEnum, subcategory: Subcategory,
  summary: Type.Optional(Text(2000)), keywords: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  providerName: Type.String({ minLength: 1, maxLength: 100 }), providerCode: Type.String({ minLength: 1, maxLength: 40 }),
  formatClass: Type.Optional(Nullable(FormatClassEnum)), formatType: Type.Optional(Nullable(Text(50))),
  shareType: Nullable(ShareTypeEnum), shareCondition: Type.Optional(Nullable(Text(1000))),
  shareMethod: Type.Optional(Nullable(E(SHARE_METHOD.pairs))), shareChannels: Type.Optional(Type.Array(E(SHARE_CHANNEL.pairs), { maxItems: 3 })),
  noShareBasisType: Type.Optional(Nullable(E(NO_SHARE_BASIS.pairs))), noShareBasisText: Type.Optional(Nullable(Text(1000))),
  openType: Type.Optional(Nullable(OpenTypeEnum)), openCondition: Type.Optional(Nullable(Text(1000))),
  updateFrequency: Type.Optional(Nullable(UpdateFrequencyEnum)), grade: Type.Optional(Nullable(GradeEnum)),
  sensitivityLevel: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 4 }))),
  relatedCodes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
  publishedOn: Type.Optional(Nullable(IsoDate)), version: Type.Optional(Type.Integer({ minimum: 1 })),
  recordCount: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))), storageMb: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
  items: Type.Array(CascadeItem, { maxItems: 500 }),
});
export const CascadeImportBody = Type.Object({
  format: Type.Literal('shuzheng.catalog.v1'),
  source: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), divisionCode: Type.Optional(Type.String({ maxLength: 12 })) }),
  generatedAt: Type.Optional(Type.String()),
  entries: Type.Array(CascadeEntry, { maxItems: 5000 }),
});
export const CascadeImportResult = Type.Object({ created: Type.Integer(), updated: Type.Integer(), withdrawn: Type.Integer() });
export const ReportResult = Type.Object({ updated: Type.Integer() });
export const XlsxFile = Type.String({ format: 'binary', description: 'xlsx 工作簿：信息资源、信息项两张表（§4.8）' });

/** format=json: the same entry shape the import takes, so one platform's export is another's import. */
export const CascadeExportJson = Type.Object({
  format: Type.Literal('shuzheng.catalog.v1'),
  source: Type.Object({ name: Type.String(), divisionCode: Type.String() }),
  generatedAt: DateTime,
  nextCursor: Type.String(),
  hasMore: Type.Boolean(),
  entries: Type.Array(CascadeEntry),
});

// format=dcat: DCAT-AP 3 as JSON-LD (compact IRIs resolved by @context).
const LangString = Type.Object({ '@language': Type.String(), '@value': Type.String() });
const IriRef = Type.Object({ '@id': Type.String() });
const TypedLiteral = Type.Object({ '@type': Type.String(), '@value': Type.String() });
const Agent = Type.Object({ '@type': Type.Literal('foaf:Agent'), 'foaf:name': Type.String(), 'dct:identifier': Type.String() });
const DcatDataset = Type.Object({
  '@id': Type.String(), '@type': Type.Literal('dcat:Dataset'), 'dct:identifier': Type.String(), 'dct:title': LangString,
  'dct:description': LangString, 'dct:publisher': Agent, 'dcat:keyword': Type.Array(LangString), 'dcat:theme': Type.Array(IriRef),
  'dct:accrualPeriodicity': Type.Optional(IriRef), 'dct:issued': Type.Optional(TypedLiteral), 'dct:modified': TypedLiteral,
  'owl:versionInfo': Type.String(), 'dct:accessRights': Type.Optional(IriRef),
  'dcat:contactPoint': Type.Optional(Type.Object({
    '@type': Type.Literal('vcard:Kind'), 'vcard:fn': Type.String(), 'vcard:hasTelephone': Type.Optional(IriRef), 'vcard:hasEmail': Type.Optional(IriRef),
  })),
  'dct:relation': Type.Optional(Type.Array(IriRef)),
  'dcat:distribution': Type.Array(Type.Object({
    '@type': Type.Literal('dcat:Distribution'), 'dcat:accessURL': IriRef, 'dct:format': Type.Optional(Type.String()), 'dct:title': LangString,
  })),
});
export const CascadeDcat = Type.Object({
  '@context': Type.Record(Type.String(), Type.String()),
  '@id': Type.String(), '@type': Type.Literal('dcat:Catalog'), 'dct:title': LangString, 'dct:description': LangString, 'dct:publisher': Agent,
  'dct:modified': TypedLiteral, 'shuzheng:nextCursor': Type.String(), 'shuzheng:hasMore': Type.Boolean(),
  'dcat:dataset': Type.Array(DcatDataset),
});
export { ResourceCode };
