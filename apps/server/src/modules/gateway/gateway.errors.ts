import { AppError, badInput, conflict, forbidden, notFound, type FieldProblem } from '../../kernel/errors.ts';
import { API_AUTH } from '../catalog/index.ts';

// Every error the gateway module returns, in one place. Data-path errors carry the fault code written to the call log.
export const GatewayErrors = {
  // authentication (401)
  unauthenticated: (why: string) => new AppError('GATEWAY_UNAUTHENTICATED', 401, `网关认证失败：${why}`),
  badSignature: () => new AppError('GATEWAY_SIGNATURE_INVALID', 401, '请求签名不正确'),
  timestampSkew: (windowSeconds: number) => new AppError('GATEWAY_TIMESTAMP_EXPIRED', 401, `请求时间戳超出允许范围（±${windowSeconds} 秒），请校准时钟后重试`, { windowSeconds }),
  nonceReplayed: () => new AppError('GATEWAY_NONCE_REPLAYED', 401, '请求随机数（X-Nonce）已使用过，疑似重放请求'),
  tokenInvalid: () => new AppError('GATEWAY_TOKEN_INVALID', 401, '访问令牌无效或已过期'),
  clientInvalid: () => new AppError('GATEWAY_CLIENT_INVALID', 401, 'client_id 或 client_secret 不正确'),
  // grant checks (403)
  noGrant: () => forbidden('GATEWAY_NO_GRANT', '调用方信息系统没有该目录的有效共享授权'),
  operationNotGranted: (operation: string) => forbidden('GATEWAY_OPERATION_NOT_GRANTED', `共享授权不包含此操作：${operation}`, { operation }),
  ipNotAllowed: (ip: string) => forbidden('GATEWAY_IP_NOT_ALLOWED', `调用方地址 ${ip} 不在授权的地址范围内`, { ip }),
  grantNotValid: () => forbidden('GATEWAY_GRANT_NOT_VALID', '共享授权不在有效期内'),
  itemsNotGranted: (items: string[]) => forbidden('GATEWAY_ITEMS_NOT_GRANTED', `核验的信息项未获授权：${items.join('、')}`, { items }),
  // caller input (400)
  caseNumberRequired: () => badInput('GATEWAY_CASE_NUMBER_REQUIRED', '该共享授权要求提供办件编号（X-Case-Number 请求头）', [{ path: 'headers.x-case-number', message: '必填' }]),
  operatorRequired: () => badInput('GATEWAY_OPERATOR_REQUIRED', '该共享授权要求提供操作人（X-Operator-Id 请求头）', [{ path: 'headers.x-operator-id', message: '必填' }]),
  invalidInput: (fields: FieldProblem[]) => badInput('GATEWAY_INVALID_INPUT', `请求有误：${fields.map((f) => f.message).join('；')}`, fields),
  // limits (429)
  rateLimited: (perMinute: number) => new AppError('GATEWAY_RATE_LIMITED', 429, `调用过于频繁：该授权限 ${perMinute} 次/分钟`, { perMinute }),
  quotaExceeded: (daily: number) => new AppError('GATEWAY_QUOTA_EXCEEDED', 429, `今日调用已达该授权的日配额 ${daily} 次`, { dailyQuota: daily }),
  // data
  entryNotMounted: (entryId: string) => notFound('GATEWAY_ENTRY_NOT_MOUNTED', '该目录没有可用的库表挂接', { entryId }),
  recordNotFound: () => notFound('GATEWAY_RECORD_NOT_FOUND', '没有该标识的记录'),
  mountRefused: (why: string) => conflict('GATEWAY_MOUNT_REFUSED', `该目录的挂接库表不能通过网关读取：${why}`),
  noChangeFeed: () => conflict('GATEWAY_NO_CHANGE_FEED', '该目录的挂接库表没有 updated_at 字段，不支持增量订阅；请使用分页读取'),
  // API proxy (逻辑接入, proxy-api.ts)
  apiNotMounted: (entryId: string) => notFound('GATEWAY_API_NOT_MOUNTED', '该目录没有可用的接口挂接', { entryId }),
  apiMountRefused: (why: string) => conflict('GATEWAY_MOUNT_REFUSED', `该目录的挂接接口不能通过网关转发：${why}`),
  methodNotAllowed: (method: string, allowed: string) => new AppError('GATEWAY_METHOD_NOT_ALLOWED', 405, `该挂接接口只接受 ${allowed} 请求，不接受 ${method}`, { method, allowed }),
  notFilterable: () => forbidden('GATEWAY_PROXY_NOT_FILTERABLE', '上游接口返回的不是可按信息项过滤的 JSON 数据，只有获授权该目录全部信息项的调用方才能取得；请申请全部信息项，或请提供部门以 JSON（键为信息项代码）返回'),
  upstreamAuthUnsupported: (auth: string) =>
    conflict('GATEWAY_UPSTREAM_AUTH_UNSUPPORTED', `该目录挂接登记的鉴权方式为“${API_AUTH.label(auth)}”，平台暂只能代为出示令牌或 AppKey 签名；此类接口转发时不带凭据`, { auth }),
  upstreamCredentialNotSet: (entryId: string) => notFound('GATEWAY_UPSTREAM_CREDENTIAL_NOT_SET', '该目录尚未设置上游接口凭据', { entryId }),
  upstreamError: (why: string) => new AppError('GATEWAY_UPSTREAM_ERROR', 502, `提供部门的接口调用失败：${why}`),
  upstreamTimeout: (ms: number) => new AppError('GATEWAY_UPSTREAM_TIMEOUT', 504, `提供部门的接口在 ${ms / 1000} 秒内没有应答`, { timeoutMs: ms }),
  // degraded mode (503)
  logUnavailable: () => new AppError('GATEWAY_LOG_UNAVAILABLE', 503, '调用日志暂时无法写入，网关暂停服务以保证每次调用都有记录，请稍后重试'),
  // management API
  systemNotFound: (id: string) => notFound('GATEWAY_SYSTEM_NOT_FOUND', '信息系统不存在', { id }),
  notOwnSystem: () => forbidden('GATEWAY_NOT_OWN_SYSTEM', '只能为本部门的信息系统管理调用凭据'),
  credentialNotFound: (id: string) => notFound('GATEWAY_CREDENTIAL_NOT_FOUND', '调用凭据不存在', { id }),
  credentialRevoked: () => conflict('GATEWAY_CREDENTIAL_REVOKED', '调用凭据已注销'),
  notCitizen: () => forbidden('GATEWAY_NOT_CITIZEN', '“谁用了我的数据”仅供实名自然人账号查看'),
};

/** Short Chinese names of the data path's fault codes, for the statistics by fault (交换统计 · 失败原因). */
const FAULT_NAMES: Record<string, string> = {
  GATEWAY_UNAUTHENTICATED: '认证信息缺失或无效', GATEWAY_SIGNATURE_INVALID: '签名不正确', GATEWAY_TIMESTAMP_EXPIRED: '时间戳超出范围',
  GATEWAY_NONCE_REPLAYED: '疑似重放请求', GATEWAY_TOKEN_INVALID: '访问令牌无效', GATEWAY_NO_GRANT: '无有效授权', GATEWAY_OPERATION_NOT_GRANTED: '操作未获授权',
  GATEWAY_IP_NOT_ALLOWED: '调用地址不在授权范围', GATEWAY_GRANT_NOT_VALID: '授权不在有效期', GATEWAY_ITEMS_NOT_GRANTED: '信息项未获授权',
  GATEWAY_CASE_NUMBER_REQUIRED: '缺少办件编号', GATEWAY_OPERATOR_REQUIRED: '缺少操作人', GATEWAY_INVALID_INPUT: '请求有误', GATEWAY_RATE_LIMITED: '调用过于频繁',
  GATEWAY_QUOTA_EXCEEDED: '超出日配额', GATEWAY_ENTRY_NOT_MOUNTED: '目录未挂接库表', GATEWAY_RECORD_NOT_FOUND: '无此记录', GATEWAY_MOUNT_REFUSED: '挂接不可读取',
  GATEWAY_NO_CHANGE_FEED: '不支持增量订阅', GATEWAY_API_NOT_MOUNTED: '目录未挂接接口', GATEWAY_METHOD_NOT_ALLOWED: '请求方法不被接受',
  GATEWAY_PROXY_NOT_FILTERABLE: '上游数据不可按信息项过滤', GATEWAY_UPSTREAM_ERROR: '提供部门接口出错', GATEWAY_UPSTREAM_TIMEOUT: '提供部门接口超时',
  GATEWAY_LOG_UNAVAILABLE: '调用日志不可写，暂停服务', GATEWAY_INTERNAL_ERROR: '网关内部错误',
};

/** The name of a fault code; null (a served call) is 成功, an unknown code is shown as it is. */
export const faultName = (code: string | null): string => (code === null ? '成功' : (FAULT_NAMES[code] ?? code));
