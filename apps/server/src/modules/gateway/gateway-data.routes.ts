import type { FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { GatewayService } from './gateway.service.ts';
import {
  GatewayBatchAnswer, GatewayBatchBody, GatewayChangesAnswer, GatewayEntryParams, GatewayHeaders, GatewayKeyParams, GatewayPageAnswer, GatewayPageQuery,
  GatewayRecordAnswer, GatewayTokenAnswer, GatewayTokenBody, GatewayVerifyAnswer, GatewayVerifyBody, OAuthErrorAnswer,
} from './gateway.schemas.ts';
import type { GatewayRequest, GatewayResponse } from './serve-data.ts';
import { gatewayProxyRoutes } from './gateway-proxy.routes.ts';

// The data path, mounted at /gateway (outside /api/v1): no session cookies, no kernel access rule — every call is
// authenticated by its own credential (signature or OAuth2 bearer token) and checked against a grant by the gateway,
// and every call is written to the call log. The routes are published in the platform's OpenAPI under their own tag,
// but their schemas are documentation only: each route turns validation and schema serialization off, so that bad
// input still reaches the gateway (authenticated, logged, answered with GATEWAY_* errors), the signature still sees
// the exact body bytes, and records with dynamic item keys are sent as they are (docs/gateway-api.md).

const rawBodies = new WeakMap<FastifyRequest, string>();
const receivedAt = new WeakMap<FastifyRequest, Date>();

function toGatewayRequest(req: FastifyRequest): GatewayRequest {
  const url = req.raw.url ?? req.url;
  const q = url.indexOf('?');
  return {
    method: req.method, path: q < 0 ? url : url.slice(0, q), route: `${req.routeOptions.url ?? ''}`, query: q < 0 ? '' : url.slice(q + 1), headers: req.headers,
    rawBody: rawBodies.get(req) ?? '', ip: req.ip, requestId: req.id, receivedAt: receivedAt.get(req) ?? new Date(),
  };
}

// The answer goes out as the JSON text the data path already made for the call log's response size (one stringify).
const send = (reply: FastifyReply, r: GatewayResponse) => {
  reply.status(r.status).header('cache-control', 'no-store');
  return r.json === undefined ? reply.send(r.body) : reply.header('content-type', 'application/json; charset=utf-8').send(r.json);
};
const intOr = (v: unknown, d: number) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Math.max(1, Number(v)) : d);
const bodyOf = (req: FastifyRequest) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

const TAG = '共享网关（数据通道）';
const error = (description: string) => ({ $ref: 'ErrorBody#', description });
const DATA_ERRORS = {
  400: error('GATEWAY_INVALID_INPUT（带字段路径）、GATEWAY_CASE_NUMBER_REQUIRED、GATEWAY_OPERATOR_REQUIRED'),
  401: error('GATEWAY_UNAUTHENTICATED、GATEWAY_SIGNATURE_INVALID、GATEWAY_TIMESTAMP_EXPIRED、GATEWAY_NONCE_REPLAYED、GATEWAY_TOKEN_INVALID'),
  403: error('GATEWAY_NO_GRANT、GATEWAY_GRANT_NOT_VALID、GATEWAY_OPERATION_NOT_GRANTED、GATEWAY_IP_NOT_ALLOWED、GATEWAY_ITEMS_NOT_GRANTED'),
  404: error('GATEWAY_ENTRY_NOT_MOUNTED、GATEWAY_RECORD_NOT_FOUND'),
  409: error('GATEWAY_MOUNT_REFUSED、GATEWAY_NO_CHANGE_FEED'),
  429: error('GATEWAY_RATE_LIMITED、GATEWAY_QUOTA_EXCEEDED'),
  503: error('GATEWAY_LOG_UNAVAILABLE：调用日志无法写入，网关暂停服务（绝不返回未记录的数据）'),
  '5xx': error('GATEWAY_INTERNAL_ERROR'),
};
/** Route options: the schema for the OpenAPI document only — no validation, plain JSON.stringify (see above). */
function documented(operationId: string, summary: string, description: string, schema: FastifySchema, operation: string | null) {
  return {
    validatorCompiler: () => () => true,
    serializerCompiler: () => (data: unknown) => JSON.stringify(data),
    schema: {
      operationId, summary, description, tags: [TAG],
      ...(operation
        ? { security: [{ gatewaySignature: [] }, { gatewayToken: [] }], headers: GatewayHeaders, 'x-permission': `gateway: 共享授权含 ${operation}` }
        : { security: [], 'x-permission': 'gateway: 网关凭据（client_credentials）' }),
      ...schema,
    } as FastifySchema,
  };
}

export function gatewayDataRoutes(gateway: GatewayService): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', async (req) => {
      receivedAt.set(req, new Date());
    });
    // Keep the exact body bytes: the signature covers SM3(body).
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      rawBodies.set(req, body as string);
      if (!body) return done(null, {});
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(null, { __invalid: true });
      }
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
      rawBodies.set(req, body as string);
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    // OAuth2 client credentials (RFC 6749 §4.4): client_id = app key, client_secret = secret; body or HTTP Basic.
    app.post('/oauth/token', documented('gatewayIssueToken', '获取网关访问令牌（OAuth2 client credentials）',
      'RFC 6749 §4.4：client_id = 应用标识，client_secret = 密钥（表单、JSON 或 HTTP Basic）。令牌只代替签名，不防重放，优先使用签名。', {
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: GatewayTokenBody,
        response: {
          200: { ...GatewayTokenAnswer, description: '访问令牌' },
          400: { ...OAuthErrorAnswer, description: 'unsupported_grant_type' },
          401: { ...OAuthErrorAnswer, description: 'invalid_client' },
          '5xx': error('内部错误'),
        },
      } as FastifySchema, null), async (req, reply) => {
      const body = bodyOf(req);
      let clientId = typeof body.client_id === 'string' ? body.client_id : '';
      let clientSecret = typeof body.client_secret === 'string' ? body.client_secret : '';
      const basic = /^Basic\s+(.+)$/.exec(req.headers.authorization ?? '');
      if (basic) {
        const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
        clientId = decodeURIComponent(id ?? '');
        clientSecret = decodeURIComponent(secret ?? '');
      }
      reply.header('cache-control', 'no-store');
      if (body.grant_type !== 'client_credentials') return reply.status(400).send({ error: 'unsupported_grant_type', error_description: 'grant_type 须为 client_credentials' });
      try {
        return await gateway.credentials.issueToken(clientId, clientSecret, gateway.options.tokenTtlSeconds);
      } catch {
        return reply.status(401).send({ error: 'invalid_client', error_description: 'client_id 或 client_secret 不正确' });
      }
    });

    type P = { entryId: string; key: string };
    app.get<{ Params: P }>('/v1/entries/:entryId/records/:key', documented('gatewayQueryRecord', '按标识查询',
      '返回该标识记录中授权的信息项（按分级脱敏）。', { params: GatewayKeyParams, response: { 200: { ...GatewayRecordAnswer, description: '授权信息项' }, ...DATA_ERRORS } }, 'query'), async (req, reply) =>
      send(reply, await gateway.data.query(toGatewayRequest(req), req.params.entryId, req.params.key)));

    app.post<{ Params: { entryId: string } }>('/v1/entries/:entryId/records::batch', documented('gatewayBatchQuery', '批量查询',
      '一次最多 1000 个标识，逐个回答是否找到及授权信息项。', { params: GatewayEntryParams, body: GatewayBatchBody, response: { 200: { ...GatewayBatchAnswer, description: '逐个标识的结果' }, ...DATA_ERRORS } }, 'batch'), async (req, reply) =>
      send(reply, await gateway.data.batch(toGatewayRequest(req), req.params.entryId, bodyOf(req).keys)));

    app.post<{ Params: { entryId: string } }>('/v1/entries/:entryId/verify', documented('gatewayVerify', '核验',
      '给出的值与记录是否一致：逐项回答是/否，不返回任何数据（多数政务服务首选）。', { params: GatewayEntryParams, body: GatewayVerifyBody, response: { 200: { ...GatewayVerifyAnswer, description: '逐项核验结果' }, ...DATA_ERRORS } }, 'verify'), async (req, reply) => {
      const body = bodyOf(req);
      return send(reply, await gateway.data.verify(toGatewayRequest(req), req.params.entryId, body.key, body.values));
    });

    app.get<{ Params: { entryId: string }; Querystring: Record<string, string> }>('/v1/entries/:entryId/records', documented('gatewayReadRecords', '分页读取',
      '批量授权按主标识顺序分页读取（keyset 游标）。', { params: GatewayEntryParams, querystring: GatewayPageQuery, response: { 200: { ...GatewayPageAnswer, description: '一页记录' }, ...DATA_ERRORS } }, 'read'), async (req, reply) =>
      send(reply, await gateway.data.read(toGatewayRequest(req), req.params.entryId, req.query.cursor, intOr(req.query.limit, 100))));

    app.get<{ Params: { entryId: string }; Querystring: Record<string, string> }>('/v1/entries/:entryId/changes', documented('gatewayChanges', '增量订阅',
      '游标之后变化的记录，按 (updated_at, 主标识) 排序，至少送达一次（回流）。', { params: GatewayEntryParams, querystring: GatewayPageQuery, response: { 200: { ...GatewayChangesAnswer, description: '变化的记录' }, ...DATA_ERRORS } }, 'subscribe'), async (req, reply) =>
      send(reply, await gateway.data.changes(toGatewayRequest(req), req.params.entryId, req.query.cursor, intOr(req.query.limit, 100))));

    // 逻辑接入: ANY /v1/entries/:entryId/api/* (gateway-proxy.routes.ts), inside this plugin for its raw-body parsers.
    await app.register(gatewayProxyRoutes(gateway, toGatewayRequest));
  };
}
