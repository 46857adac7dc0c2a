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
  writer: Type.Union([Type.Literal('thread'), Type.Literal('inline')], { description: 'thread：独立写入线程（PostgreSQL）；inline：服务线程内写入（PGlite，或 GATEWAY_LOG_THREAD=false）' }),
});

const Day = Type.String({ format: 'date' });
export const StatsQuery = Type.Object({
  from: Day,
  to: Day,
  groupBy: Type.Union([Type.Literal('grant'), Type.Literal('consumer'), Type.Literal('provider'), Type.Literal('entry'), Type.Literal('fault')], { default: 'entry' }),
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

// ── Data path (/gateway): OpenAPI documentation only ─────────────────────────
// The data routes never validate or serialize through these schemas (gateway-data.routes.ts turns both off per route):
// the gateway authenticates first, logs every call and answers bad input with its own GATEWAY_* errors, and records
// carry the mounted items as dynamic keys.

const Str = (description: string) => Type.Optional(Type.String({ description }));

export const GatewayHeaders = Type.Object({
  'X-App-Key': Str('签名方式：应用标识 gwk_…'),
  'X-Timestamp': Str('签名方式：Unix 时间（秒，10 位），与服务器时间相差不超过 300 秒'),
  'X-Nonce': Str('签名方式：一次性随机串，8–64 位 [A-Za-z0-9_-]，时间窗口内不得重复'),
  'X-Signature': Str('签名方式：小写十六进制 HMAC-SM3(secret, METHOD\\nPATH\\nCANONICAL_QUERY\\nX-Timestamp\\nX-Nonce\\nhex(SM3(body)))'),
  Authorization: Str('令牌方式：Bearer gwt_…（POST /gateway/oauth/token 获取），代替上面四个签名请求头'),
  'X-Case-Number': Str('办件编号（类似 X-Road-Issue），授权要求时必填，写入调用日志'),
  'X-Operator-Id': Str('操作人标识（类似 X-Road-UserId），授权要求时必填，写入调用日志'),
});

export const GatewayEntryParams = Type.Object({ entryId: Type.String({ description: '目录条目 ID（UUID）' }) });
export const GatewayKeyParams = Type.Object({
  entryId: Type.String({ description: '目录条目 ID（UUID）' }),
  key: Type.String({ description: '主标识：公民身份号码（或统一社会信用代码），1–64 位' }),
});
export const GatewayPageQuery = Type.Object({
  cursor: Str('上一页返回的 nextCursor；首次不传'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: '每页条数，最多 1000' })),
});

const GatewayRecord = Type.Object({}, { additionalProperties: true, description: '信息项代码 → 值：仅授权的信息项，按分级脱敏' });
const RequestId = Type.String({ description: '请求编号（同响应头 x-request-id），写入调用日志' });

export const GatewayBatchBody = Type.Object({ keys: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1000, description: '主标识，最多 1000 个' }) });
export const GatewayVerifyBody = Type.Object({
  key: Type.String({ description: '主标识' }),
  values: Type.Record(Type.String(), Type.String(), { description: '信息项代码 → 待核验的值（须为授权的信息项）' }),
});
export const GatewayTokenBody = Type.Object({
  grant_type: Type.Literal('client_credentials'),
  client_id: Str('应用标识 gwk_…（也可用 HTTP Basic）'),
  client_secret: Str('密钥 gws_…（也可用 HTTP Basic）'),
});

const Disputed = Type.Array(Type.String(), { description: '存疑的信息项代码（异议核实中，值可能有误；只列授权的信息项），没有时为空数组' });
export const GatewayRecordAnswer = Type.Object({ requestId: RequestId, entryId: Type.String(), record: GatewayRecord, disputed: Disputed });
export const GatewayBatchAnswer = Type.Object({
  requestId: RequestId,
  entryId: Type.String(),
  records: Type.Array(Type.Object({ key: Type.String(), found: Type.Boolean(), record: Nullable(GatewayRecord), disputed: Disputed })),
});
export const GatewayVerifyAnswer = Type.Object({
  requestId: RequestId,
  entryId: Type.String(),
  found: Type.Boolean({ description: '是否有该标识的记录' }),
  matches: Type.Record(Type.String(), Type.Boolean(), { description: '信息项代码 → 是否一致；不返回任何数据' }),
  disputed: Disputed,
});
export const GatewayPageAnswer = Type.Object({
  requestId: RequestId,
  entryId: Type.String(),
  records: Type.Array(GatewayRecord),
  disputed: Type.Array(Disputed, { description: '与 records 一一对应：每条记录存疑的信息项代码' }),
  nextCursor: Nullable(Type.String({ description: '下一页游标；没有更多时为 null' })),
});
export const GatewayChangesAnswer = Type.Object({
  requestId: RequestId,
  entryId: Type.String(),
  records: Type.Array(Type.Object({ changedAt: Type.String({ format: 'date-time' }), deleted: Type.Boolean({ description: '该记录已在源头删除（软删除）' }), record: GatewayRecord, disputed: Disputed })),
  nextCursor: Nullable(Type.String({ description: '保存并下次带上；没有新变化时原样返回' })),
  more: Type.Boolean({ description: '是否可能还有更多变化' }),
});
export const GatewayTokenAnswer = Type.Object({
  access_token: Type.String({ description: 'gwt_…' }),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: '有效秒数' }),
});
export const OAuthErrorAnswer = Type.Object({ error: Type.String(), error_description: Type.String() });

// ── 上游接口凭据 (the API proxy's credential at a provider's own API, docs/gateway-api.md §9.1) ──
export const UpstreamApiSchema = Type.Object(
  {
    entryId: Uuid,
    entryName: Type.String(),
    departmentId: Uuid,
    endpoint: Type.String({ description: '挂接登记的接口地址' }),
    method: Type.String(),
    auth: Type.String({ description: '挂接登记的鉴权方式（token / app_key / sm2 / mtls）' }),
    presentable: Type.Boolean({ description: '平台能否代为出示该鉴权方式的凭据（token、app_key 可以；sm2、mtls 暂不能，转发时不带凭据）' }),
    credential: Nullable(
      Type.Object({
        kind: Type.Union([Type.Literal('token'), Type.Literal('app_key')]),
        headerName: Nullable(Type.String({ description: '令牌所在请求头；null 为 Authorization: Bearer' })),
        appKey: Nullable(Type.String()),
        updatedAt: Type.String({ format: 'date-time' }),
      }, { description: '已设置的凭据（令牌或密钥本身从不返回）；null 为未设置' }),
    ),
  },
  { $id: 'GatewayUpstreamApi' },
);
export const UpstreamApiList = Type.Object({ items: Type.Array(Type.Ref('GatewayUpstreamApi')) });
export const UpstreamCredentialBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('token'), Type.Literal('app_key')], { description: '须与挂接登记的鉴权方式一致' }),
    token: Type.Optional(Type.String({ maxLength: 4096, description: 'token：上游接口的令牌（只写，保存后不再显示）' })),
    headerName: Type.Optional(Nullable(Type.String({ maxLength: 64, description: 'token：放令牌的请求头，缺省为 Authorization: Bearer' }))),
    appKey: Type.Optional(Type.String({ maxLength: 128, description: 'app_key：本平台在上游的 AppKey' })),
    secret: Type.Optional(Type.String({ maxLength: 4096, description: 'app_key：对应密钥（只写）；网关按本平台的 SM3-HMAC 签名方案签名每次转发' })),
  },
  { additionalProperties: false },
);
