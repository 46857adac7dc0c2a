import { Type } from 'typebox';
import { Nullable, PageQuery, Paged, Uuid } from '../../kernel/schemas.ts';
import { OPERATION, PURPOSE_TYPE, REFUSAL_REASON, RULE_CODES } from './sharing.enums.ts';

// HTTP shapes of /api/v1/sharing (docs/sharing-api.md).

const lit = <const T extends readonly string[]>(values: T) => Type.Enum([...values] as T[number][]);
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });
const Pair = Type.Object({ value: Type.String(), label: Type.String() });
export const OperationEnum = lit(OPERATION.values);

const Deadline = Nullable(Type.Object({
  rule: Type.String(), ruleName: Type.String(), responsible: lit(['bureau', 'provider', 'requester']), startedOn: Type.String(), dueOn: Nullable(Type.String()),
  remainingWorkingDays: Nullable(Type.Integer()), light: lit(['red', 'yellow', 'green', 'unknown']),
}));
const History = Type.Array(Type.Object({ at: Type.String(), actorName: Type.String(), action: Type.String(), fromStatus: Nullable(Type.String()), toStatus: Nullable(Type.String()), note: Nullable(Type.String()) }));

export const RuleSchema = Type.Object({ code: Type.String(), name: Type.String(), description: Type.String(), workingDays: Type.Integer(), yellowDays: Type.Integer(), enabled: Type.Boolean() });
export const Settings = Type.Object({ unconditionalMode: lit(['auto', 'check']), maxValidityDays: Type.Integer(), defaultRateLimitPerMinute: Type.Integer(), rules: Type.Array(RuleSchema) });
export const SettingsBody = Type.Object({
  unconditionalMode: Type.Optional(lit(['auto', 'check'])),
  maxValidityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  defaultRateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  rules: Type.Optional(Type.Array(Type.Object({ code: lit(RULE_CODES), workingDays: Type.Integer({ minimum: 1, maximum: 365 }), yellowDays: Type.Integer({ minimum: 0, maximum: 365 }), enabled: Type.Optional(Type.Boolean()) }), { maxItems: 20 })),
}, { additionalProperties: false });
export const Meta = Type.Object({
  purposeTypes: Type.Array(Pair), operations: Type.Array(Pair), refusalReasons: Type.Array(Pair), requestStatus: Type.Array(Pair), grantStatus: Type.Array(Pair),
  demandStatus: Type.Array(Pair), settings: Settings,
});

export const RequestSchema = Type.Object({
  id: Uuid, kind: lit(['new', 'renewal']), grantId: Nullable(Type.String()), entryId: Type.String(), entryCode: Type.String(), entryName: Type.String(),
  shareType: lit(['unconditional', 'conditional']), mounted: Type.Boolean(), providerDepartmentId: Type.String(), providerDepartmentName: Type.String(),
  requesterDepartmentId: Type.String(), requesterDepartmentName: Type.String(), requesterName: Type.String(), items: Type.Array(Type.String()), itemNames: Type.Array(Type.String()),
  purposeType: Type.String(), purposeText: Type.String(), legalBasis: Type.String(), scenario: Type.String(), consumerSystemId: Type.String(), consumerSystemName: Type.String(),
  allowedIps: Type.Array(Type.String()), validUntil: Type.String(), expectedDailyVolume: Type.Integer(), operations: Type.Array(Type.String()), status: Type.String(),
  statusLabel: Type.String(), refusal: Nullable(Type.Object({ code: Type.String(), label: Type.String(), text: Type.String() })), arbitrationReason: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()), deadline: Deadline, history: History, createdAt: Type.String(), updatedAt: Type.String(), decidedAt: Nullable(Type.String()),
});
export const RequestList = Paged(RequestSchema);
export const CreateRequestBody = Type.Object({
  entryId: Uuid,
  items: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500 }),
  purposeType: lit(PURPOSE_TYPE.values),
  purposeText: Text(1000),
  legalBasis: Text(1000),
  scenario: Text(500),
  consumerSystemId: Uuid,
  allowedIps: Type.Array(Type.String({ minLength: 1, maxLength: 18 }), { minItems: 1, maxItems: 50 }),
  validUntil: DateStr,
  expectedDailyVolume: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
  operations: Type.Array(OperationEnum, { minItems: 1, maxItems: 5 }),
}, { additionalProperties: false });
export const RequestQuery = Type.Object({ box: Type.Optional(lit(['outgoing', 'incoming', 'all'])), status: Type.Optional(Type.String()), q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery });

export const GrantTerms = Type.Object({
  items: Type.Optional(Type.Array(Type.String(), { maxItems: 500 })),
  operations: Type.Optional(Type.Array(OperationEnum, { maxItems: 5 })),
  allowedIps: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  validUntil: Type.Optional(DateStr),
  rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1 })),
  dailyQuota: Type.Optional(Type.Integer({ minimum: 1 })),
  requireCaseNumber: Type.Optional(Type.Boolean()),
  requireOperatorId: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export const CheckBody = Type.Object({ decision: lit(['pass', 'reject']), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const ReviewBody = Type.Object({
  decision: lit(['approve', 'refuse']),
  reasonCode: Type.Optional(Type.String({ maxLength: 50, description: REFUSAL_REASON.values.join(" | ") })),
  reasonText: Type.Optional(Type.String({ maxLength: 2000 })),
  grant: Type.Optional(GrantTerms),
}, { additionalProperties: false });
export const TransferBody = Type.Object({ departmentId: Uuid, note: Text(1000) }, { additionalProperties: false });
export const NoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const ArbitrationBody = Type.Object({ reason: Text(2000) }, { additionalProperties: false });
export const ArbitrationDecisionBody = Type.Object({ decision: lit(['grant', 'uphold']), note: Text(2000), grant: Type.Optional(GrantTerms) }, { additionalProperties: false });

export const GrantSchema = Type.Object({
  id: Uuid, requestId: Type.String(), entryId: Type.String(), entryCode: Type.String(), entryName: Type.String(), providerDepartmentId: Type.String(),
  providerDepartmentName: Type.String(), consumerDepartmentId: Type.String(), consumerDepartmentName: Type.String(), consumerSystemId: Type.String(),
  consumerSystemName: Type.String(), items: Type.Array(Type.String()), operations: Type.Array(Type.String()), allowedIps: Type.Array(Type.String()), purpose: Type.String(),
  validFrom: Type.String(), validUntil: Type.String(), rateLimitPerMinute: Type.Integer(), dailyQuota: Type.Integer(), requireCaseNumber: Type.Boolean(),
  requireOperatorId: Type.Boolean(), status: lit(['active', 'expired', 'revoked']), statusLabel: Type.String(), revokedAt: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
});
export const GrantList = Paged(GrantSchema);
export const GrantQuery = Type.Object({ role: Type.Optional(lit(['consumer', 'provider', 'all'])), status: Type.Optional(lit(['active', 'expired', 'revoked'])), entryId: Type.Optional(Uuid), ...PageQuery });
export const RevokeBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 1000 }) }, { additionalProperties: false });
export const RenewBody = Type.Object({ validUntil: DateStr, note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

export const DemandSchema = Type.Object({
  id: Uuid, title: Type.String(), description: Type.String(), items: Type.Array(Type.String()), purpose: Type.String(), legalBasis: Type.String(),
  requesterDepartmentId: Type.String(), requesterDepartmentName: Type.String(), targetDepartmentId: Nullable(Type.String()), targetDepartmentName: Nullable(Type.String()),
  providerDepartmentId: Nullable(Type.String()), providerDepartmentName: Nullable(Type.String()), status: Type.String(), statusLabel: Type.String(),
  answer: Nullable(Type.Object({ outcome: Type.String(), entryId: Nullable(Type.String()), entryName: Nullable(Type.String()), reasonCode: Nullable(Type.String()), reasonLabel: Nullable(Type.String()), text: Nullable(Type.String()) })),
  satisfied: Nullable(Type.Boolean()), deadline: Deadline, history: History, createdAt: Type.String(), updatedAt: Type.String(),
});
export const DemandList = Paged(DemandSchema);
export const DemandQuery = Type.Object({ box: Type.Optional(lit(['outgoing', 'incoming', 'all'])), status: Type.Optional(Type.String()), ...PageQuery });
export const CreateDemandBody = Type.Object({
  title: Text(200), description: Text(4000), items: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 200 }),
  purpose: Text(1000), legalBasis: Text(1000), targetDepartmentId: Type.Optional(Uuid),
}, { additionalProperties: false });
export const RouteBody = Type.Object({ departmentId: Uuid, note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const AnswerBody = Type.Object({
  outcome: lit(['catalogued', 'refused']), entryId: Type.Optional(Uuid), reasonCode: Type.Optional(Type.String({ maxLength: 50 })), reasonText: Type.Optional(Type.String({ maxLength: 2000 })),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });
export const ConfirmBody = Type.Object({ satisfied: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

const TodoItem = Type.Object({
  kind: lit(['request', 'demand']), id: Type.String(), title: Type.String(), role: lit(['bureau', 'provider', 'requester']), status: Type.String(), statusLabel: Type.String(),
  counterpartName: Type.String(), deadline: Deadline,
});
export const TodoQuery = Type.Object({ role: Type.Optional(lit(['bureau', 'provider', 'requester'])) });
export const Todo = Type.Object({ items: Type.Array(TodoItem), counts: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer(), none: Type.Integer() }) });
export const Escalations = Type.Object({ items: Type.Array(TodoItem) });
export const Stats = Type.Object({
  demands: Type.Object({ total: Type.Integer(), closed: Type.Integer(), satisfied: Type.Integer(), satisfactionRate: Nullable(Type.Number()), goal: Type.Number() }),
  requests: Type.Object({ total: Type.Integer(), byStatus: Type.Record(Type.String(), Type.Integer()), overdue: Type.Integer() }),
  grants: Type.Object({ active: Type.Integer(), expired: Type.Integer(), revoked: Type.Integer() }),
});
