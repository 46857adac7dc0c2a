import { Type } from 'typebox';
import { Nullable, PageQuery, Uuid } from '../../kernel/schemas.ts';

export const JOB_STATUS = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const MODE = ['full', 'upsert'] as const;
const E = <const T extends readonly string[]>(values: T, description?: string) => Type.Enum([...values] as T[number][], description ? { description } : {});

const FileSourceBody = Type.Object({
  kind: Type.Literal('file'),
  uploadId: Uuid,
  format: E(['csv', 'xlsx', 'jsonl'] as const, '文件格式'),
  encoding: Type.Optional(E(['auto', 'utf8', 'gbk'] as const, '编码：auto 为自动识别（合法 UTF-8 即 UTF-8，否则 GBK）')),
  delimiter: Type.Optional(Type.String({ minLength: 1, maxLength: 1 })),
});
const PostgresSourceBody = Type.Object({
  kind: Type.Literal('postgres'),
  connectionString: Type.String({ minLength: 10, maxLength: 1000, description: 'postgres://用户:密码@主机:端口/库名（密码不会被返回）' }),
  query: Type.String({ minLength: 6, maxLength: 20_000, description: '只读 SELECT 语句（在只读事务中执行）' }),
  batchSize: Type.Optional(Type.Integer({ minimum: 100, maximum: 50_000 })),
});
const HttpSourceBody = Type.Object({
  kind: Type.Literal('http'),
  url: Type.String({ minLength: 8, maxLength: 2000 }),
  pageParam: Type.Optional(Type.String({ maxLength: 50 })),
  pageSizeParam: Type.Optional(Type.String({ maxLength: 50 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  startPage: Type.Optional(Type.Integer({ minimum: 0 })),
  recordsPath: Type.Optional(Type.String({ maxLength: 200, description: '记录数组在响应 JSON 中的路径（点分隔，空为根）' })),
  totalPath: Type.Optional(Type.String({ maxLength: 200 })),
  headers: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 2000 }), { description: '请求头（如 Authorization），不会被返回' })),
  maxPages: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
});
export const SourceBody = Type.Union([FileSourceBody, PostgresSourceBody, HttpSourceBody]);

const Mapping = Type.Record(Type.String(), Type.String(), { description: '目标字段 → 数据源字段' });
const OptionsBody = Type.Object({
  softDeleteMissing: Type.Optional(Type.Boolean({ description: '增量更新：本次数据源（全量快照）中没有的记录标记删除' })),
  deleteFlagColumn: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '数据源中的删除标志字段（值为 1/true/是 时标记删除）' }))),
});

export const CreateJobBody = Type.Object({
  entryId: Uuid,
  name: Type.Optional(Type.String({ maxLength: 100 })),
  source: SourceBody,
  mapping: Mapping,
  keyColumns: Type.Optional(Type.Array(Type.String(), { maxItems: 5 })),
  mode: E(MODE, 'full 全量替换；upsert 按主键增量更新'),
  options: Type.Optional(OptionsBody),
});

export const CreateDefinitionBody = Type.Object({
  entryId: Uuid,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  source: SourceBody,
  mapping: Mapping,
  keyColumns: Type.Optional(Type.Array(Type.String(), { maxItems: 5 })),
  mode: E(MODE),
  options: Type.Optional(OptionsBody),
  schedule: Type.Optional(Nullable(Type.Object({
    kind: E(['entry_frequency', 'interval'] as const, 'entry_frequency 按目录更新周期；interval 自定义间隔'),
    minutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 525_600 })),
  }))),
  enabled: Type.Optional(Type.Boolean()),
});

export const PreviewBody = Type.Object({
  entryId: Uuid,
  source: SourceBody,
  mapping: Type.Optional(Mapping),
  keyColumns: Type.Optional(Type.Array(Type.String(), { maxItems: 5 })),
  sampleSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

const Column = Type.Object({ column: Type.String(), itemCodeName: Type.String(), itemName: Type.String(), dataType: Nullable(Type.String()) });
const Problem = Type.Object({
  level: E(['error', 'warning'] as const),
  code: Type.String({ description: 'UNMAPPED_REQUIRED / UNMAPPED_ITEM / UNKNOWN_TARGET / MISSING_SOURCE_COLUMN / UNKNOWN_SOURCE_COLUMN / SAMPLE_INVALID' }),
  column: Nullable(Type.String()),
  row: Nullable(Type.Integer()),
  message: Type.String(),
});
export const PreviewResult = Type.Object({
  entryId: Uuid,
  encoding: Nullable(Type.String()),
  sourceColumns: Type.Array(Type.String()),
  suggestedMapping: Mapping,
  mapping: Mapping,
  keyColumns: Type.Array(Type.String()),
  columns: Type.Array(Column),
  sample: Type.Array(Type.Record(Type.String(), Nullable(Type.String()))),
  problems: Type.Array(Problem),
  ok: Type.Boolean({ description: '没有阻止归集的问题（样本中的校验问题只会使这些行被拒绝）' }),
});

const Counts = Type.Object({ read: Type.Integer(), inserted: Type.Integer(), updated: Type.Integer(), deleted: Type.Integer(), rejected: Type.Integer() });
export const JobSchema = Type.Object({
  id: Uuid,
  definitionId: Nullable(Uuid),
  entryId: Uuid,
  departmentId: Uuid,
  departmentName: Nullable(Type.String()),
  name: Type.String(),
  source: Type.Record(Type.String(), Type.Unknown(), { description: '数据源（密码、请求头等以 *** 代替）' }),
  sourceKind: E(['file', 'postgres', 'http'] as const),
  sourceDescription: Type.String(),
  mapping: Mapping,
  keyColumns: Type.Array(Type.String()),
  mode: E(MODE),
  options: Type.Record(Type.String(), Type.Unknown()),
  schemaName: Type.String(),
  tableName: Type.String(),
  status: E(JOB_STATUS),
  trigger: E(['manual', 'schedule'] as const),
  cancelRequested: Type.Boolean(),
  counts: Counts,
  progress: Type.Object({
    percent: Nullable(Type.Number()),
    rowsPerSecond: Nullable(Type.Number()),
    etaSeconds: Nullable(Type.Number()),
    bytesRead: Type.Integer(),
    bytesTotal: Nullable(Type.Integer()),
    pagesRead: Type.Integer(),
    rowsTotal: Nullable(Type.Integer()),
  }),
  error: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  durationSeconds: Nullable(Type.Number()),
}, { $id: 'IngestJob' });

export const JobQuery = Type.Object({
  ...PageQuery,
  entryId: Type.Optional(Uuid),
  status: Type.Optional(E(JOB_STATUS)),
  departmentId: Type.Optional(Uuid),
  definitionId: Type.Optional(Uuid),
});
export const JobPage = Type.Object({ items: Type.Array(Type.Ref('IngestJob')), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const DefinitionSchema = Type.Object({
  id: Uuid,
  entryId: Uuid,
  departmentId: Uuid,
  departmentName: Nullable(Type.String()),
  name: Type.String(),
  source: Type.Record(Type.String(), Type.Unknown()),
  sourceKind: E(['file', 'postgres', 'http'] as const),
  sourceDescription: Type.String(),
  mapping: Mapping,
  keyColumns: Type.Array(Type.String()),
  mode: E(MODE),
  options: Type.Record(Type.String(), Type.Unknown()),
  schedule: Nullable(Type.Object({ kind: E(['entry_frequency', 'interval'] as const), minutes: Nullable(Type.Integer()) })),
  nextRunAt: Nullable(Type.String({ format: 'date-time' })),
  enabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'IngestDefinition' });
export const DefinitionList = Type.Object({ items: Type.Array(Type.Ref('IngestDefinition')) });
export const DefinitionQuery = Type.Object({ entryId: Type.Optional(Uuid) });
export const EnabledBody = Type.Object({ enabled: Type.Boolean() });

export const UploadQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) });
export const UploadResult = Type.Object({ uploadId: Uuid, fileName: Type.String(), size: Type.Integer() });

export const RejectPage = Type.Object({
  items: Type.Array(Type.Object({
    rowNo: Type.Integer({ description: '数据源中的行号（从 1 起，不含表头）；负数为主键重复的汇总行' }),
    reasons: Type.Array(Type.Object({ column: Type.String(), source: Nullable(Type.String()), message: Type.String() })),
    data: Type.Record(Type.String(), Type.Unknown()),
  })),
  total: Type.Integer(),
  stored: Type.Integer(),
  rejected: Type.Integer({ description: '被拒绝的总行数（超过保存上限的只计数）' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const RejectQuery = Type.Object({ ...PageQuery });
export const RejectExportQuery = Type.Object({ format: Type.Optional(E(['csv', 'xlsx'] as const)) });

export const EntryParams = Type.Object({ entryId: Uuid });
export const EntryOverview = Type.Object({
  entryId: Uuid,
  entryName: Type.String(),
  departmentId: Uuid,
  departmentName: Nullable(Type.String()),
  canRun: Type.Boolean(),
  table: Nullable(Type.Object({ schemaName: Nullable(Type.String()), tableName: Type.String(), columns: Type.Array(Column), keyColumns: Type.Array(Type.String()) })),
  logicalAccess: Type.Array(Type.Object({ label: Type.String(), endpoint: Type.String(), method: Type.String() }), { description: '逻辑接入（接口挂接，不落地）' }),
  recentJobs: Type.Array(Type.Ref('IngestJob')),
});

export const OpenLineageSchema = Type.Object({
  eventType: E(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL'] as const),
  eventTime: Type.String(),
  producer: Type.String(),
  schemaURL: Type.String(),
  run: Type.Object({ runId: Uuid, facets: Type.Record(Type.String(), Type.Unknown()) }),
  job: Type.Object({ namespace: Type.String(), name: Type.String(), facets: Type.Record(Type.String(), Type.Unknown()) }),
  inputs: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  outputs: Type.Array(Type.Record(Type.String(), Type.Unknown())),
}, { description: 'OpenLineage RunEvent（规范 2-0-2）' });
