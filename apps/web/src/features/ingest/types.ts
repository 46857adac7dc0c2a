// Shapes of the ingest API (docs/ingest-api.md).

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type SourceKind = 'file' | 'postgres' | 'http';
export type Mode = 'full' | 'upsert';

export interface IngestJob {
  id: string;
  definitionId: string | null;
  entryId: string;
  departmentId: string;
  departmentName: string | null;
  name: string;
  source: Record<string, unknown>;
  sourceKind: SourceKind;
  sourceDescription: string;
  mapping: Record<string, string>;
  keyColumns: string[];
  mode: Mode;
  options: Record<string, unknown>;
  schemaName: string;
  tableName: string;
  status: JobStatus;
  trigger: 'manual' | 'schedule';
  cancelRequested: boolean;
  counts: { read: number; inserted: number; updated: number; deleted: number; rejected: number };
  progress: { percent: number | null; rowsPerSecond: number | null; etaSeconds: number | null; bytesRead: number; bytesTotal: number | null; pagesRead: number; rowsTotal: number | null };
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
}

export interface IngestDefinition {
  id: string;
  entryId: string;
  departmentName: string | null;
  name: string;
  sourceKind: SourceKind;
  sourceDescription: string;
  mode: Mode;
  schedule: { kind: 'entry_frequency' | 'interval'; minutes: number | null } | null;
  nextRunAt: string | null;
  enabled: boolean;
  createdAt: string;
}

export interface TargetColumn { column: string; itemCodeName: string; itemName: string; dataType: string | null }

export interface Preview {
  encoding: string | null;
  sourceColumns: string[];
  suggestedMapping: Record<string, string>;
  mapping: Record<string, string>;
  keyColumns: string[];
  columns: TargetColumn[];
  sample: Record<string, string | null>[];
  problems: { level: 'error' | 'warning'; code: string; column: string | null; row: number | null; message: string }[];
  ok: boolean;
}

export interface EntryOverview {
  entryId: string;
  entryName: string;
  departmentName: string | null;
  canRun: boolean;
  table: { schemaName: string | null; tableName: string; columns: TargetColumn[]; keyColumns: string[] } | null;
  logicalAccess: { label: string; endpoint: string; method: string }[];
  recentJobs: IngestJob[];
}

export interface RejectRow { rowNo: number; reasons: { column: string; source: string | null; message: string }[]; data: Record<string, unknown> }

export const STATUS_LABEL: Record<JobStatus, { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '运行中', color: 'processing' },
  succeeded: { text: '成功', color: 'success' },
  failed: { text: '失败', color: 'error' },
  cancelled: { text: '已取消', color: 'warning' },
};
export const MODE_LABEL: Record<Mode, string> = { full: '全量替换', upsert: '增量更新' };
export const SOURCE_LABEL: Record<SourceKind, string> = { file: '上传文件', postgres: 'PostgreSQL 数据库', http: 'HTTP 接口' };

export function formatEta(seconds: number | null): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} 秒`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分 ${Math.round(seconds % 60)} 秒`;
  return `${Math.floor(seconds / 3600)} 小时 ${Math.round((seconds % 3600) / 60)} 分`;
}
