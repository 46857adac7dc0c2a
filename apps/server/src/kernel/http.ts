import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { Registry, Histogram, collectDefaultMetrics } from 'prom-client';
import { randomUUID } from 'node:crypto';
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { AppError } from './errors.ts';
import type { Actor, RequestContext } from './context.ts';
import { describeValidationErrors } from './validation-messages.ts';

export interface Authentication {
  actor: Actor;
  /** The CSRF token bound to a cookie session; null for bearer tokens, which browsers never send on their own. */
  csrfToken: string | null;
}

/** Resolves the caller from the request (cookie session or bearer token); provided by the identity module. */
export interface Authenticator {
  authenticate(request: FastifyRequest): Promise<Authentication | null>;
}

export interface RefusedOutcome {
  action: string;
  result: 'failure' | 'denied';
  reason: string;
  details: Record<string, unknown>;
}

/** Records refused and failed requests; provided by the audit module. */
export interface OutcomeRecorder {
  recordOutcome(ctx: RequestContext, outcome: RefusedOutcome): Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

// ── schema compilers, compiled on first use ──────────────────────────────
// Fastify compiles every route's validators (Ajv) and response serializers (fast-json-stringify) when the app is
// made ready; for the platform's ~230 routes that was the largest part of a start after the database. These are the
// same compilers, building a route's function the first time a request needs it. `compilePending` builds whatever
// is left: the test suite calls it, so a schema that cannot compile fails a test, not a user's request.
type Compiled = ((data: unknown) => unknown) & { errors?: unknown };
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

export function lazySchemaCompilers() {
  const pending = new Set<() => Compiled>();
  const lazily = (factory: (...args: never[]) => unknown) =>
    (...factoryArgs: never[]) => {
      const build = factory(...factoryArgs) as (routeSchema: unknown) => Compiled;
      return (routeSchema: unknown) => {
        let compiled: Compiled | null = null;
        const compile = () => {
          if (!compiled) {
            compiled = build(routeSchema);
            pending.delete(compile);
          }
          return compiled;
        };
        pending.add(compile);
        // Ajv reports problems on the function's `errors` property, which Fastify reads after a failed call.
        const run: Compiled = (data) => {
          const fn = compile();
          const result = fn(data);
          run.errors = fn.errors;
          return result;
        };
        return run;
      };
    };
  return {
    compilersFactory: {
      buildValidator: lazily(AjvCompiler()) as CompilersFactory['buildValidator'],
      buildSerializer: lazily(SerializerSelector()) as CompilersFactory['buildSerializer'],
    },
    /** Compiles every schema not compiled yet; throws on the first that cannot compile. Returns how many it built. */
    compilePending(): number {
      let n = 0;
      for (const compile of [...pending]) {
        compile();
        n++;
      }
      return n;
    },
  };
}

/** Fastify options that belong to the kernel: request ids, proxies, validation that reports every problem. */
export function kernelFastifyOptions(opts: { trustProxy: boolean; schemas?: ReturnType<typeof lazySchemaCompilers> }) {
  return {
    ...(opts.schemas ? { schemaController: { compilersFactory: opts.schemas.compilersFactory } } : {}),
    trustProxy: opts.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
    // genReqId reads x-request-id itself, so a malformed incoming id is replaced rather than trusted.
    requestIdHeader: false as const,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { allErrors: true, removeAdditional: true, coerceTypes: 'array' as const, useDefaults: true } },
  };
}

/** Registers the kernel's request pipeline: context, authentication, access control, CSRF, errors, metrics. */
export function registerHttpKernel(
  app: FastifyInstance,
  deps: {
    authenticator: Authenticator;
    outcomes: OutcomeRecorder;
    metrics: Registry;
    /** Answers GET requests outside /api that match no route (the web app's client-side routes). */
    fallback?: ((request: FastifyRequest, reply: FastifyReply) => unknown) | null;
  },
): void {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [deps.metrics],
  });
  collectDefaultMetrics({ register: deps.metrics });

  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('csrfToken', null);

  // Every API route must say who may call it: an undeclared route is a startup error, not an open door.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    if (!route.schema?.operationId && route.method !== 'HEAD') throw new Error(`route ${route.method} ${route.url} has no operationId`);
    const response = (route.schema ??= {}).response as Record<string, unknown> | undefined;
    const errorRef = { $ref: 'ErrorBody#' };
    route.schema.response = { '4xx': errorRef, '5xx': errorRef, ...(response ?? {}) };
  });

  app.addHook('onRequest', async (request) => {
    request.ctx = {
      actor: null,
      ip: request.ip,
      requestId: request.id,
      userAgent: request.headers['user-agent'] ?? null,
    };
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const auth = await deps.authenticator.authenticate(request);
    if (auth) {
      request.actor = auth.actor;
      request.csrfToken = auth.csrfToken;
      request.ctx.actor = auth.actor;
    }
    if (access === 'public') return;
    if (!auth) throw new AppError('IDENTITY_UNAUTHENTICATED', 401, '请先登录');
    if (auth.csrfToken !== null && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new AppError('IDENTITY_CSRF_INVALID', 403, '页面已过期，请刷新后重试（CSRF 校验失败）');
    }
    if (access !== 'authenticated' && !auth.actor.permissions.has(access)) {
      throw new AppError('IDENTITY_FORBIDDEN', 403, '您没有执行此操作的权限', { permission: access });
    }
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const body = toErrorBody(error, request);
    if (body.status >= 500) {
      request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    }
    await recordRefusal(deps.outcomes, request, body);
    return reply.status(body.status).send({ error: { code: body.code, message: body.message, details: body.details } });
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (deps.fallback && request.method === 'GET' && !request.url.startsWith('/api/')) return deps.fallback(request, reply);
    return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: '请求的接口不存在', details: { method: request.method, url: request.url } } });
  });
}

interface ErrorShape {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

function toErrorBody(error: FastifyError | AppError, request: FastifyRequest): ErrorShape {
  if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message, details: error.details };
  const fe = error as FastifyError;
  if (fe.validation) {
    const fields = describeValidationErrors(fe.validation as never, fe.validationContext ?? 'body');
    return { status: 400, code: 'REQUEST_INVALID', message: `请求参数不正确：${fields.map((f) => `${f.path} ${f.message}`).join('；')}`, details: { fields } };
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const messages: Record<number, string> = {
      400: '请求格式不正确', 404: '请求的资源不存在', 405: '不支持的请求方法', 406: '不支持的响应格式',
      413: '请求内容过大', 415: '不支持的内容类型', 429: '请求过于频繁，请稍后再试',
    };
    return { status, code: 'REQUEST_MALFORMED', message: messages[status] ?? '请求不正确', details: { reason: fe.code ?? null } };
  }
  return {
    status: 500,
    code: 'INTERNAL_ERROR',
    message: `服务器内部错误，请稍后重试；如仍有问题请联系管理员并提供请求编号 ${request.id}`,
    details: { requestId: request.id },
  };
}

async function recordRefusal(outcomes: OutcomeRecorder, request: FastifyRequest, body: ErrorShape): Promise<void> {
  // Refused for lack of a session or a permission; a wrong password is a failure, not a refusal.
  const denied = body.status === 403 || body.code === 'IDENTITY_UNAUTHENTICATED';
  const changing = !SAFE_METHODS.has(request.method);
  // Refusals are always recorded; other failures only where something was asked to change.
  if (!(body.status === 403 || (changing && body.status >= 400))) return;
  if (!request.routeOptions.config?.access) return;
  const action = request.routeOptions.config.audit ?? `${request.method} ${request.routeOptions.url}`;
  try {
    await outcomes.recordOutcome(request.ctx, {
      action,
      result: denied ? 'denied' : 'failure',
      reason: body.code,
      details: { status: body.status, message: body.message, ...(body.details.fields ? { fields: body.details.fields } : {}) },
    });
  } catch (err) {
    request.log.error({ err }, 'could not record refused request in the audit log');
  }
}

/** Sends a file download with a UTF-8 Chinese file name. */
export function sendDownload(reply: FastifyReply, fileName: string, contentType: string, body: Buffer | string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}
