import { Type } from 'typebox';
import { Nullable, PageQuery, Paged, Uuid } from '../../kernel/schemas.ts';
import { DISPUTE_STATUS, RULE_CODES } from './disputes.enums.ts';

// HTTP shapes of /api/v1/disputes (docs/disputes-api.md).

const lit = <const T extends readonly string[]>(values: T) => Type.Enum([...values] as T[number][]);
const Pair = Type.Object({ value: Type.String(), label: Type.String() });
const Value = Nullable(Type.String({ maxLength: 2000 }));

export const RuleSchema = Type.Object({ code: Type.String(), name: Type.String(), description: Type.String(), workingDays: Type.Integer(), yellowDays: Type.Integer(), enabled: Type.Boolean() });
export const Rules = Type.Object({ rules: Type.Array(RuleSchema) });
export const RulesBody = Type.Object({
  rules: Type.Array(Type.Object({
    code: lit(RULE_CODES), workingDays: Type.Integer({ minimum: 1, maximum: 365 }), yellowDays: Type.Integer({ minimum: 0, maximum: 365 }), enabled: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
}, { additionalProperties: false });
export const Meta = Type.Object({ status: Type.Array(Pair), rules: Type.Array(RuleSchema), maxEvidenceBytes: Type.Integer() });

const Deadline = Nullable(Type.Object({
  rule: Type.String(), ruleName: Type.String(), responsible: lit(['bureau', 'provider']), startedOn: Type.String(), dueOn: Nullable(Type.String()),
  remainingWorkingDays: Nullable(Type.Integer()), light: lit(['red', 'yellow', 'green', 'unknown']), overdue: Type.Boolean(),
}));
const Item = Type.Object({
  codeName: Type.String(), name: Type.String(), seenValue: Nullable(Type.String()), currentValue: Nullable(Type.String()), expectedValue: Nullable(Type.String()), correctedValue: Nullable(Type.String()),
});
const summaryFields = {
  id: Uuid, entryId: Type.String(), entryName: Type.String(), recordKey: Type.String(), keyItem: Type.String(), items: Type.Array(Item), reason: Type.String(),
  raiserName: Type.String(), raiserUserId: Nullable(Type.String()), raiserDepartmentId: Type.String(), raiserDepartmentName: Type.String(),
  providerDepartmentId: Type.String(), providerDepartmentName: Type.String(), status: lit(DISPUTE_STATUS.values), statusLabel: Type.String(), decisionNote: Nullable(Type.String()),
  deadline: Deadline, escalated: Type.Boolean({ description: '办理超期（督办）' }), archived: Type.Boolean({ description: '已办结归档' }),
  createdAt: Type.String(), updatedAt: Type.String(), acceptedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()),
};
export const DisputeSummary = Type.Object(summaryFields);
export const Evidence = Type.Object({ id: Uuid, fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), sm3: Type.String() });
export const DisputeSchema = Type.Object({
  ...summaryFields,
  marks: Type.Array(Type.String(), { description: '本异议当前标注为存疑的信息项' }),
  evidence: Type.Array(Type.Object({ id: Uuid, fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), sm3: Type.String(), uploaderName: Type.String(), createdAt: Type.String() })),
  history: Type.Array(Type.Object({ at: Type.String(), actorName: Type.String(), action: Type.String(), fromStatus: Nullable(Type.String()), toStatus: Nullable(Type.String()), note: Nullable(Type.String()) })),
});
export const DisputeList = Paged(DisputeSummary);

export const RaiseBody = Type.Object({
  entryId: Uuid,
  recordKey: Type.String({ maxLength: 64, description: '记录主键：身份证号或统一社会信用代码' }),
  items: Type.Array(Type.Object({
    codeName: Type.String({ minLength: 1, maxLength: 64 }), seenValue: Type.Optional(Value), expectedValue: Type.Optional(Value),
  }, { additionalProperties: false }), { maxItems: 50 }),
  reason: Type.String({ maxLength: 2000, description: '异议理由（必填）' }),
}, { additionalProperties: false });

const listFields = {
  box: Type.Optional(lit(['mine', 'accept', 'verify', 'all'])),
  status: Type.Optional(lit(DISPUTE_STATUS.values)),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  entryId: Type.Optional(Uuid),
  overdue: Type.Optional(Type.Boolean()),
};
export const ListQuery = Type.Object({ ...listFields, ...PageQuery });
export const ExportQuery = Type.Object({ ...listFields, format: Type.Optional(lit(['csv', 'xlsx'])) });

export const AcceptBody = Type.Object({ providerDepartmentId: Type.Optional(Uuid), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const RerouteBody = Type.Object({ providerDepartmentId: Uuid, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });
export const CorrectBody = Type.Object({
  correctedValues: Type.Record(Type.String({ maxLength: 64 }), Value, { description: '信息项代码 → 更正后的值' }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export const NoteBody = Nullable(Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }));
export const EvidenceQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) });
export const EvidenceParams = Type.Object({ id: Uuid, evidenceId: Uuid });
export const Notifications = Type.Object({
  unread: Type.Integer(),
  items: Type.Array(Type.Object({ id: Uuid, disputeId: Uuid, title: Type.String(), body: Type.String(), createdAt: Type.String(), readAt: Nullable(Type.String()) })),
});
export const NotificationQuery = Type.Object({ unread: Type.Optional(Type.Boolean()) });
export const ReadBody = Type.Object({ ids: Type.Optional(Type.Array(Uuid, { maxItems: 500 })) }, { additionalProperties: false });
export const Stats = Type.Object({ total: Type.Integer(), byStatus: Type.Record(Type.String(), Type.Integer()), overdue: Type.Integer() });
