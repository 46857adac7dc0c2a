// Shapes of /api/v1/registry (docs/registry-api.md).

export type RegistryKind = 'person' | 'entity';
export type Basis = 'authoritative' | 'precedence' | 'latest';

export interface Build {
  id: string;
  registry: RegistryKind;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  trigger: 'manual' | 'schedule' | 'seed';
  step: number;
  totalSteps: number;
  stepLabel: string | null;
  percent: number;
  sources: { entryId: string; entryName: string; departmentId: string; departmentName: string; table: string; subjects: number }[];
  subjects: number | null;
  conflicts: number | null;
  error: string | null;
  requestedByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Registry {
  registry: RegistryKind;
  name: string;
  keyItem: string;
  keyName: string;
  records: number;
  sources: {
    entryId: string; entryName: string; departmentId: string; departmentName: string; table: string; datasource: string; subjects: number | null;
    items: { item: string; itemName: string; authoritative: boolean }[];
  }[];
  precedence: { departmentId: string; departmentName: string }[];
  lastBuild: Build | null;
  activeBuild: Build | null;
}

export interface Shown { value: string | null; masked: boolean }

export interface Profile {
  registry: RegistryKind;
  subjectKey: string;
  purpose: string;
  builtAt: string | null;
  golden: (Shown & {
    item: string; itemName: string; basis: Basis; updatedAt: string; authoritative: boolean;
    sourceEntryId: string; sourceEntryName: string; sourceDepartmentId: string; sourceDepartmentName: string;
    alternatives: (Shown & { entryId: string; entryName: string; departmentName: string })[];
  })[];
  sources: {
    entryId: string; entryName: string; departmentId: string; departmentName: string; datasource: string; grade: string | null;
    rows: { updatedAt: string; values: (Shown & { item: string; itemName: string; sensitivity: string; authoritative: boolean; disputed: boolean })[] }[];
  }[];
  hiddenSources: number;
  masked: boolean;
}

export interface ComparisonPair {
  item: string; itemName: string;
  entryA: string; entryAName: string; departmentA: string; departmentAName: string;
  entryB: string; entryBName: string; departmentB: string; departmentBName: string;
  authoritative: 'a' | 'b' | null; compared: number; disagreed: number;
}
export interface Comparison {
  registry: RegistryKind;
  buildId: string | null;
  builtAt: string | null;
  pairs: ComparisonPair[];
  departmentPairs: { departmentA: string; departmentAName: string; departmentB: string; departmentBName: string; compared: number; disagreed: number }[];
}
export interface Disagreement { key: string; valueA: string | null; valueB: string | null; updatedAtA: string; updatedAtB: string }

export const BASIS_LABELS: Record<Basis, string> = { authoritative: '权威来源', precedence: '优先级', latest: '最近更新' };
export const BUILD_STATUS: Record<Build['status'], { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '构建中', color: 'processing' },
  succeeded: { label: '已完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
};
export const REGISTRY_NAMES: Record<RegistryKind, string> = { person: '人口库', entity: '法人库' };
