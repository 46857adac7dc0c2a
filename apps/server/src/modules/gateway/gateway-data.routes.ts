import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayService } from './gateway.service.ts';
import type { GatewayRequest, GatewayResponse } from './serve-data.ts';

// The data path, mounted at /gateway (outside /api/v1): no session cookies, no kernel access rule — every call is
// authenticated by its own credential (signature or OAuth2 bearer token) and checked against a grant by the gateway,
// and every call is written to the call log. Routes are hidden from the platform's OpenAPI (docs/gateway-api.md).

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

const send = (reply: FastifyReply, r: GatewayResponse) => reply.status(r.status).header('cache-control', 'no-store').send(r.body);
const intOr = (v: unknown, d: number) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Math.max(1, Number(v)) : d);
const bodyOf = (req: FastifyRequest) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

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

    const hidden = { schema: { hide: true } };

    // OAuth2 client credentials (RFC 6749 §4.4): client_id = app key, client_secret = secret; body or HTTP Basic.
    app.post('/oauth/token', hidden, async (req, reply) => {
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
    app.get<{ Params: P }>('/v1/entries/:entryId/records/:key', hidden, async (req, reply) =>
      send(reply, await gateway.data.query(toGatewayRequest(req), req.params.entryId, req.params.key)));

    app.post<{ Params: { entryId: string } }>('/v1/entries/:entryId/records::batch', hidden, async (req, reply) =>
      send(reply, await gateway.data.batch(toGatewayRequest(req), req.params.entryId, bodyOf(req).keys)));

    app.post<{ Params: { entryId: string } }>('/v1/entries/:entryId/verify', hidden, async (req, reply) => {
      const body = bodyOf(req);
      return send(reply, await gateway.data.verify(toGatewayRequest(req), req.params.entryId, body.key, body.values));
    });

    app.get<{ Params: { entryId: string }; Querystring: Record<string, string> }>('/v1/entries/:entryId/records', hidden, async (req, reply) =>
      send(reply, await gateway.data.read(toGatewayRequest(req), req.params.entryId, req.query.cursor, intOr(req.query.limit, 100))));

    app.get<{ Params: { entryId: string }; Querystring: Record<string, string> }>('/v1/entries/:entryId/changes', hidden, async (req, reply) =>
      send(reply, await gateway.data.changes(toGatewayRequest(req), req.params.entryId, req.query.cursor, intOr(req.query.limit, 100))));
  };
}
