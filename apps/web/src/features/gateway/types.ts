// Shapes of the gateway management API (/api/v1/gateway/*), as docs/gateway-api.md §7 and gateway.schemas.ts define them.

export interface Credential {
  id: string;
  appKey: string;
  name: string;
  systemId: string;
  systemName: string;
  departmentId: string;
  departmentName: string;
  status: 'active' | 'revoked';
  /** Usable secrets now: 2 during a rotation's overlap window. */
  activeSecrets: number;
  createdAt: string;
  revokedAt: string | null;
}

/** Create / rotate answer: the only time the secret is shown. */
export interface SecretIssued {
  credential: Credential;
  appKey: string;
  secret: string;
  previousSecretsExpireAt?: string;
}

export interface LogStatus {
  accepting: boolean;
  backlog: number;
  maxBacklog: number;
  failing: string | null;
  writer: 'thread' | 'inline';
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken: { seq: number; id: string; reason: string } | null;
}

export type StatsGroupBy = 'grant' | 'consumer' | 'provider' | 'entry' | 'fault';

export interface StatsRow {
  day: string;
  key: string | null;
  label: string | null;
  calls: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface StatsResponse {
  from: string;
  to: string;
  groupBy: string;
  scope: 'all' | 'department';
  items: StatsRow[];
}

export interface MyDataUse {
  id: string;
  at: string;
  departmentId: string | null;
  departmentName: string | null;
  providerDepartmentName: string | null;
  entryId: string | null;
  entryName: string | null;
  operation: string | null;
  purpose: string | null;
  caseNumber: string | null;
}

export const CHAIN_BREAK_LABELS: Record<string, string> = {
  HASH_MISMATCH: '记录内容与其哈希不符（记录被改动）',
  PREV_HASH_MISMATCH: '前序哈希不符（记录被删除、插入或替换）',
  SEQUENCE_GAP: '序号不连续（记录缺失）',
};

/** An entry's API mount (逻辑接入) and the credential the gateway presents to it (docs/gateway-api.md §9.1). */
export interface UpstreamApi {
  entryId: string;
  entryName: string;
  departmentId: string;
  endpoint: string;
  method: string;
  /** auth kind registered on the mount: token / app_key / sm2 / mtls */
  auth: string;
  /** whether the gateway can present this kind (token, app_key) */
  presentable: boolean;
  credential: { kind: 'token' | 'app_key'; headerName: string | null; appKey: string | null; updatedAt: string } | null;
}
