import type { FastifyPluginAsync, FastifyRequest, FastifySchema } from 'fastify';
import type { GatewayService } from './gateway.service.ts';
import { GatewayHeaders } from './gateway.schemas.ts';
import type { GatewayRequest } from './serve-data.ts';

// ANY /gateway/v1/entries/:entryId/api/* — 逻辑接入: the entry's mounted API, proxied with the data path's checks
// (proxy-api.ts, docs/gateway-api.md §9). Registered inside gatewayDataRoutes so that it shares its raw-body JSON and
// form parsers; other text bodies (XML, plain text) are kept here. The schema documents; nothing is validated or
// serialized by Fastify (as for the other data routes): the gateway answers every request itself and logs it.

const error = (description: string) => ({ $ref: 'ErrorBody#', description });

export function gatewayProxyRoutes(gateway: GatewayService, toGatewayRequest: (req: FastifyRequest) => GatewayRequest): FastifyPluginAsync {
  return async (app) => {
    const textBodies = new WeakMap<FastifyRequest, string>();
    app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
      textBodies.set(req, body as string);
      done(null, body);
    });

    // GET and POST, the methods an API mount can have (one operationId each); the mount's own method is enforced (405).
    for (const method of ['GET', 'POST'] as const) app.route<{ Params: { entryId: string; '*': string } }>({
      method,
      url: '/v1/entries/:entryId/api/*',
      validatorCompiler: () => () => true,
      serializerCompiler: () => (data: unknown) => JSON.stringify(data),
      schema: {
        operationId: method === 'GET' ? 'gatewayProxyApiGet' : 'gatewayProxyApiPost', tags: ['共享网关（数据通道）'], summary: `调用挂接接口（逻辑接入，${method}）`,
        description: '转发到目录挂接的提供部门接口（只接受挂接登记的方法，GET/POST 均按 query 操作授权）。JSON 应答按授权信息项过滤并脱敏；'
          + '非 JSON 应答仅在授权覆盖该目录全部信息项时原样返回。见 docs/gateway-api.md §9。',
        security: [{ gatewaySignature: [] }, { gatewayToken: [] }], headers: GatewayHeaders, 'x-permission': 'gateway: 共享授权含 query',
        params: { type: 'object', properties: { entryId: { type: 'string', format: 'uuid' }, '*': { type: 'string', description: '接在挂接地址之后的路径' } }, required: ['entryId'] },
        response: {
          200: { description: '提供部门接口的应答（JSON 已按授权过滤、脱敏）', type: 'object', additionalProperties: true },
          400: error('GATEWAY_INVALID_INPUT、GATEWAY_CASE_NUMBER_REQUIRED、GATEWAY_OPERATOR_REQUIRED'),
          401: error('GATEWAY_UNAUTHENTICATED、GATEWAY_SIGNATURE_INVALID、GATEWAY_TIMESTAMP_EXPIRED、GATEWAY_NONCE_REPLAYED、GATEWAY_TOKEN_INVALID'),
          403: error('GATEWAY_NO_GRANT、GATEWAY_GRANT_NOT_VALID、GATEWAY_OPERATION_NOT_GRANTED、GATEWAY_IP_NOT_ALLOWED、GATEWAY_PROXY_NOT_FILTERABLE'),
          404: error('GATEWAY_API_NOT_MOUNTED'),
          405: error('GATEWAY_METHOD_NOT_ALLOWED：方法与挂接登记的不符'),
          409: error('GATEWAY_MOUNT_REFUSED：挂接地址不是完整的 http(s) 地址、指向平台自身或元数据地址、不在允许的主机范围内'),
          429: error('GATEWAY_RATE_LIMITED、GATEWAY_QUOTA_EXCEEDED'),
          502: error('GATEWAY_UPSTREAM_ERROR：上游出错（5xx、重定向、连接失败、应答超过大小上限）'),
          503: error('GATEWAY_LOG_UNAVAILABLE'),
          504: error('GATEWAY_UPSTREAM_TIMEOUT'),
        },
      } as FastifySchema,
      handler: async (req, reply) => {
        const r = toGatewayRequest(req);
        if (!r.rawBody && textBodies.has(req)) r.rawBody = textBodies.get(req)!;
        const res = await gateway.proxy.call(r, req.params.entryId);
        reply.status(res.status).header('cache-control', 'no-store');
        if (!res.raw) return reply.send(res.body);
        for (const [name, value] of Object.entries(res.headers ?? {})) reply.header(name, value);
        if (!res.headers?.['content-type']) reply.header('content-type', 'application/octet-stream');
        return reply.send(res.raw);
      },
    });
  };
}
