import { Type } from 'typebox';
import { Nullable, Uuid } from '../../kernel/schemas.ts';

export const CredentialSchema = Type.Object(
  {
    id: Uuid,
    appKey: Type.String({ description: 'X-App-Key / OAuth client_id' }),
    name: Type.String(),
    systemId: Uuid,
    systemName: Type.String(),
    departmentId: Uuid,
    departmentName: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
    activeSecrets: Type.Integer({ description: '当前可用的密钥数（轮换重叠期内为 2）' }),
    createdAt: Type.String({ format: 'date-time' }),
    revokedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'GatewayCredential' },
);

export const CredentialList = Type.Object({ items: Type.Array(Type.Ref('GatewayCredential')) });

export const CreateCredentialBody = Type.Object({
  systemId: Uuid,
  name: Type.Optional(Type.String({ maxLength: 100, description: '用途说明' })),
});

export const SecretIssued = Type.Object({
  credential: Type.Ref('GatewayCredential'),
  appKey: Type.String(),
  secret: Type.String({ description: '密钥，仅此一次显示，请妥善保存' }),
  previousSecretsExpireAt: Type.Optional(Type.String({ format: 'date-time' })),
});

export const RotateBody = Type.Object({
  overlapMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 24 * 60, description: '旧密钥继续有效的分钟数（默认 1440）' })),
});

export const ChainReportSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  head: Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String() })),
  firstBroken: Nullable(Type.Object({ seq: Type.Integer(), id: Type.String(), reason: Type.String() })),
});

export const LogStatusSchema = Type.Object({
  accepting: Type.Boolean(),
  backlog: Type.Integer(),
  maxBacklog: Type.Integer(),
  failing: Nullable(Type.String()),
});

const Day = Type.String({ format: 'date' });
export const StatsQuery = Type.Object({
  from: Day,
  to: Day,
  groupBy: Type.Union([Type.Literal('grant'), Type.Literal('consumer'), Type.Literal('provider'), Type.Literal('entry')], { default: 'entry' }),
});

export const StatsSchema = Type.Object({
  from: Day,
  to: Day,
  groupBy: Type.String(),
  scope: Type.Union([Type.Literal('all'), Type.Literal('department')]),
  items: Type.Array(
    Type.Object({
      day: Day,
      key: Nullable(Type.String()),
      label: Nullable(Type.String()),
      calls: Type.Integer(),
      errors: Type.Integer(),
      p50Ms: Nullable(Type.Number()),
      p95Ms: Nullable(Type.Number()),
      p99Ms: Nullable(Type.Number()),
    }),
  ),
});

export const MyDataUses = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      at: Type.String({ format: 'date-time' }),
      departmentId: Nullable(Type.String()),
      departmentName: Nullable(Type.String()),
      providerDepartmentName: Nullable(Type.String()),
      entryId: Nullable(Type.String()),
      entryName: Nullable(Type.String()),
      operation: Nullable(Type.String()),
      purpose: Nullable(Type.String()),
      caseNumber: Nullable(Type.String()),
    }),
  ),
});
