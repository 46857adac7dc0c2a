// Shapes of the data catalog API (/api/v1/catalog/*), as docs/catalog-api.md defines them.

export type Category = 'basic' | 'theme' | 'department';
export type FormatClass = 'electronic_file' | 'spreadsheet' | 'database' | 'image' | 'streaming' | 'self_describing' | 'other';
export type ShareType = 'unconditional' | 'conditional' | 'none';
export type OpenType = 'unconditional' | 'conditional' | 'none';
export type ShareMethod = 'platform' | 'other';
export type ShareChannel = 'table' | 'api' | 'file';
export type NoShareBasisType = 'law' | 'policy' | 'sensitive' | 'other';
export type UpdateFrequency = 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | 'irregular';
export type Grade = 'core' | 'important' | 'general';
export type DataType = 'string' | 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean' | 'binary';
export type Sensitivity = 'none' | 'personal' | 'sensitive_personal';
export type EntryStatus =
  | 'draft' | 'submitted' | 'returned' | 'published' | 'change_submitted' | 'change_returned'
  | 'withdrawal_submitted' | 'withdrawn';
export type Origin = 'local' | 'provincial';
export type ReportStatus = 'not_reported' | 'reported' | 'synced' | 'rejected';
export type SystemDeployment = 'gov_cloud' | 'self_hosted';
export type SystemNetwork = 'extranet' | 'internet' | 'private';
export type SystemStatus = 'building' | 'running' | 'retired';
export type MountKind = 'table' | 'api' | 'file';
export type MountStatus = 'registered' | 'available' | 'invalid' | 'disabled';
export type ApiAuth = 'token' | 'app_key' | 'sm2' | 'mtls';
export type DeadlineRuleCode = 'register_new' | 'update_after_duty_change' | 'bureau_review';
export type Light = 'green' | 'yellow' | 'red' | 'unknown';

/** Names of the enumerations `GET /meta` labels. */
export type EnumName =
  | 'Category' | 'FormatClass' | 'ShareType' | 'OpenType' | 'ShareMethod' | 'ShareChannel' | 'NoShareBasisType'
  | 'UpdateFrequency' | 'Grade' | 'DataType' | 'Sensitivity' | 'EntryStatus' | 'Origin' | 'ReportStatus'
  | 'SystemDeployment' | 'SystemNetwork' | 'SystemStatus' | 'MountKind' | 'MountStatus' | 'ApiAuth'
  | 'DeadlineRuleCode' | 'Light';

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

export interface CheckCodeOption extends Option {
  severity: 'error' | 'warning';
}

export interface QualityWeight {
  key: string;
  label: string;
  max: number;
  indicators: { key: string; label: string; max: number }[];
}

export interface CatalogMeta {
  enums: Partial<Record<EnumName, Option[]>>;
  subcategories: Partial<Record<Category, Option[]>>;
  formatTypes: Partial<Record<FormatClass, string[]>>;
  checkCodes: CheckCodeOption[];
  qualityWeights: QualityWeight[];
  codeLayout: { class: number; item: number; department: number; sequence: number };
}

export interface CatalogSystem {
  id: string;
  departmentId: string;
  departmentName: string;
  name: string;
  purpose: string;
  deployment: SystemDeployment;
  network: SystemNetwork;
  status: SystemStatus;
  contactName: string | null;
  contactPhone: string | null;
  entryCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ItemInput {
  name: string;
  codeName: string;
  dataType: DataType | null;
  length: number | null;
  description: string | null;
  codeTable: string | null;
  shareType: ShareType | null;
  openType: OpenType | null;
  sensitivity: Sensitivity;
  authoritative: boolean;
}

export interface Item extends ItemInput {
  id: string;
  position: number;
}

export interface EntryInput {
  name: string;
  category: Category;
  subcategory: string;
  /** '' when not written yet (the API never sends null here). */
  summary: string;
  keywords: string[];
  systemId: string | null;
  formatClass: FormatClass | null;
  formatType: string | null;
  shareType: ShareType | null;
  shareCondition: string | null;
  shareMethod: ShareMethod | null;
  shareChannels: ShareChannel[];
  shareOtherMethod: string | null;
  noShareBasisType: NoShareBasisType | null;
  noShareBasisText: string | null;
  openType: OpenType | null;
  openCondition: string | null;
  updateFrequency: UpdateFrequency | null;
  grade: Grade | null;
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
  items: ItemInput[];
}

export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  /** A field of the entry: `summary`, `items.3.shareType`, or `entry` for the whole. */
  path: string;
  message: string;
}

export interface ChecksResult {
  passed: boolean;
  errorCount: number;
  warningCount: number;
  checkedAt: string;
  problems: Problem[];
}

export interface QualityIndicator {
  key: string;
  label: string;
  score: number;
  max: number;
}

export interface QualityDimension extends QualityIndicator {
  indicators: QualityIndicator[];
}

export interface Quality {
  score: number;
  dimensions: QualityDimension[];
}

export interface Deadline {
  rule: DeadlineRuleCode;
  ruleName: string;
  responsible: 'department' | 'bureau';
  startedOn: string;
  dueOn: string | null;
  remainingWorkingDays: number | null;
  light: Light;
  problem: string | null;
}

export interface Entry extends Omit<EntryInput, 'items'> {
  id: string;
  code: string;
  departmentId: string | null;
  departmentName: string | null;
  providerName: string | null;
  providerCode: string | null;
  status: EntryStatus;
  origin: Origin;
  currentVersion: number | null;
  dirty: boolean;
  publishedOn: string | null;
  lastPublishedAt: string | null;
  submittedAt: string | null;
  withdrawalReason: string | null;
  reportStatus: ReportStatus;
  reportNote: string | null;
  reportedAt: string | null;
  systemName: string | null;
  lastCheck: ChecksResult | null;
  quality: Quality;
  deadlines: Deadline[];
  mountCount: number;
  mounted: boolean;
  items: Item[];
  createdAt: string;
  updatedAt: string;
}

export interface EntrySummary {
  id: string;
  code: string;
  name: string;
  departmentId: string | null;
  departmentName: string | null;
  category: Category;
  subcategory: string;
  status: EntryStatus;
  origin: Origin;
  currentVersion: number | null;
  dirty: boolean;
  shareType: ShareType | null;
  openType: OpenType | null;
  itemCount: number;
  submittedAt: string | null;
  updatedAt: string;
  reportStatus: ReportStatus;
  worstLight: Light | null;
}

export interface ReviewReason {
  path: string;
  message: string;
}

export interface Review {
  id: string;
  kind: 'publish' | 'change' | 'withdrawal';
  decision: 'approved' | 'returned';
  comment: string | null;
  reasons: ReviewReason[];
  reviewerId: string;
  reviewerName: string | null;
  decidedAt: string;
  version: number | null;
}

export interface VersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  reviewId: string | null;
  itemCount: number;
}

export interface EntrySnapshot extends EntryInput {
  code: string;
  departmentId: string | null;
  providerName: string | null;
  providerCode: string | null;
  publishedOn: string | null;
  items: (ItemInput & { position?: number })[];
}

export interface VersionDetail {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  snapshot: EntrySnapshot;
}

export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

export interface Diff {
  from: number;
  to: number | 'working';
  fields: FieldChange[];
  items: {
    added: ItemInput[];
    removed: ItemInput[];
    changed: { codeName: string; name: string; fields: FieldChange[] }[];
  };
}

export interface TableMountColumn {
  column: string;
  columnType: string | null;
  itemCodeName: string;
}

export interface Mount {
  id: string;
  entryId: string;
  kind: MountKind;
  status: MountStatus;
  statusNote: string | null;
  table: { datasource: string; schemaName: string | null; tableName: string; columns: TableMountColumn[] } | null;
  api: { endpoint: string; method: 'GET' | 'POST'; openapiUrl: string | null; auth: ApiAuth } | null;
  file: { name: string; size: number; sm3: string; contentType: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export interface PublishedEntry extends EntrySnapshot {
  id: string;
  version: number;
  lastPublishedAt: string;
  departmentName: string | null;
  systemName: string | null;
  origin: Origin;
  mounted: boolean;
  mounts: Mount[];
  versions: VersionSummary[];
  quality: Quality;
}

export interface SearchHit {
  id: string;
  code: string;
  name: string;
  summary: string;
  keywords: string[];
  departmentId: string | null;
  departmentName: string | null;
  origin: Origin;
  category: Category;
  subcategory: string;
  shareType: ShareType;
  openType: OpenType;
  formatClass: FormatClass | null;
  updateFrequency: UpdateFrequency | null;
  grade: Grade | null;
  mounted: boolean;
  version: number;
  publishedOn: string | null;
  lastPublishedAt: string | null;
  itemCount: number;
  matchedItems: string[];
  qualityScore: number | null;
  score: number;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export type FacetName = 'department' | 'category' | 'shareType' | 'openType' | 'formatClass' | 'updateFrequency' | 'grade' | 'mounted';

export interface SearchResult {
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Partial<Record<FacetName, FacetValue[]>>;
}

export interface DeadlineRule {
  code: DeadlineRuleCode;
  name: string;
  description: string;
  workingDays: number;
  yellowDays: number;
  enabled: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface TodoItem {
  entryId: string;
  code: string;
  name: string;
  departmentId: string | null;
  departmentName: string | null;
  status: EntryStatus;
  deadline: Deadline;
}

export interface TodoList {
  asOf: string;
  items: TodoItem[];
  counts: Record<Light, number>;
}

export interface Stats {
  entries: number;
  byStatus: Partial<Record<EntryStatus, number>>;
  published: number;
  dataItems: number;
  mounted: number;
  mountedRatio: number | null;
  shareTypes: Partial<Record<ShareType, number>>;
  overdue: number;
  qualityAverage: number | null;
}

export interface DepartmentStats extends Stats {
  departmentId: string;
  departmentName: string;
}

export interface StatsResponse {
  city: Stats | null;
  departments: DepartmentStats[];
}

export interface DepartmentQuality {
  departmentId: string;
  departmentName: string;
  entries: number;
  averageScore: number | null;
  dimensions: Partial<Record<'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality', number | null>>;
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ExcelImportResult {
  created: number;
  entries: { id: string; code: string; name: string }[];
}

export interface CascadeImportResult {
  created: number;
  updated: number;
  withdrawn: number;
}

export type ReportDecision = Exclude<ReportStatus, 'not_reported'>;

/** GET /cascade/export?format=json (§4.9); `entries` as the provincial platform receives them. */
export interface CascadeFile {
  format: 'shuzheng.catalog.v1';
  source: { name: string; divisionCode?: string };
  generatedAt?: string;
  nextCursor?: string | null;
  hasMore?: boolean;
  entries: ({ code: string; name?: string; providerName?: string; withdrawn?: boolean } & Record<string, unknown>)[];
}

/** Statuses in which the owning department may edit the working copy (§3). */
export const EDITABLE_STATUSES: readonly EntryStatus[] = ['draft', 'returned', 'published', 'change_returned'];
/** Statuses that wait for the bureau (the review queue). */
export const PENDING_STATUSES: readonly EntryStatus[] = ['submitted', 'change_submitted', 'withdrawal_submitted'];
