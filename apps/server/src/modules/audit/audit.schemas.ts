import { Type } from 'typebox';
import { Nullable, PageQuery, Paged } from '../../kernel/schemas.ts';

export const AuditResult = Type.Enum(['success', 'failure', 'denied']);

export const AuditFilterQuery = {
  q: Type.Optional(Type.String({ maxLength: 100, description: '关键字：操作人、操作、对象、原因或请求编号' })),
  action: Type.Optional(Type.String({ maxLength: 100, description: '操作名前缀，如 identity.user' })),
  actorId: Type.Optional(Type.String({ format: 'uuid' })),
  departmentId: Type.Optional(Type.String({ format: 'uuid' })),
  result: Type.Optional(AuditResult),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

export const AuditEventSchema = Type.Object(
  {
    id: Type.String(),
    seq: Type.Integer(),
    occurredAt: Type.String({ format: 'date-time' }),
    actorId: Nullable(Type.String()),
    actorName: Nullable(Type.String()),
    actorRoles: Type.Array(Type.String()),
    departmentId: Nullable(Type.String()),
    departmentName: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    action: Type.String(),
    targetType: Nullable(Type.String()),
    targetId: Nullable(Type.String()),
    result: AuditResult,
    reason: Nullable(Type.String()),
    requestId: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'AuditEvent' },
);

export const ListAuditEventsQuery = Type.Object({ ...AuditFilterQuery, ...PageQuery });
export const ExportAuditEventsQuery = Type.Object({ ...AuditFilterQuery, format: Type.Enum(['xlsx', 'csv'], { default: 'xlsx' }) });
export const AuditEventPage = Paged(Type.Ref('AuditEvent'));

export const VerificationReportSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  head: Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String() })),
  firstBroken: Nullable(Type.Object({ seq: Type.Integer(), id: Type.String(), reason: Type.String() })),
});
