/** How far a permission reaches for this actor: the whole platform, the actor's own department, or only the actor's own records. */
export type Scope = 'all' | 'department' | 'self';

export type UserKind = 'staff' | 'citizen' | 'enterprise';

/** The authenticated caller, resolved once per request by the identity module. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  kind: UserKind;
  departmentId: string | null;
  departmentName: string | null;
  roles: string[];
  /** permission code → widest scope any of the actor's roles grants */
  permissions: ReadonlyMap<string, Scope>;
  sessionId: string;
  authMethod: 'session' | 'api-token';
}

/** Who asks, from where, under which request id: what services need for authorization and audit. */
export interface RequestContext {
  actor: Actor | null;
  ip: string;
  requestId: string;
  userAgent: string | null;
}

/** Context for work the platform does on its own (seeding, jobs, CLI). */
export function systemContext(requestId = 'system'): RequestContext {
  return { actor: null, ip: '127.0.0.1', requestId, userAgent: null };
}

/** The scope the actor holds for a permission, or null. */
export function scopeOf(ctx: RequestContext, permission: string): Scope | null {
  return ctx.actor?.permissions.get(permission) ?? null;
}

/** Route access rule: a permission code, or 'public' (anyone) / 'authenticated' (any logged-in user). */
export type RouteAccess = string;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: a permission code, 'public' or 'authenticated'. */
    access?: RouteAccess;
    /** Audit action name recorded when this state-changing route fails or is refused. */
    audit?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    ctx: RequestContext;
    /** CSRF token of the cookie session, null for bearer tokens and anonymous calls */
    csrfToken: string | null;
  }
}
