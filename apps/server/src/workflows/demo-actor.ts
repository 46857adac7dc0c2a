import { systemContext, type Actor, type RequestContext, type Scope } from '../kernel/context.ts';
import type { ModuleManifest } from '../kernel/module.ts';
import type { Services } from '../app.ts';
import { ROLES } from '../modules/identity/index.ts';

const WIDTH: Record<Scope, number> = { self: 0, department: 1, all: 2 };

export type Staff = Awaited<ReturnType<Services['identity']['users']['list']>>['items'][number];

/**
 * A request context acting as a demo staff member, holding the permissions their roles get by default from the given
 * modules (each at the widest scope any of their roles gives), as a login would. Demo seeds write through the
 * services as these people, so audit records name them.
 */
export function actingAs(user: Staff, modules: ModuleManifest[], requestId: string): RequestContext {
  const roles = user.roles.map((r) => r.code);
  const permissions = new Map<string, Scope>();
  for (const p of modules.flatMap((m) => m.permissions)) {
    for (const code of roles) {
      const role = ROLES.find((r) => r.code === code);
      if (!role || !p.defaultRoles.includes(code)) continue;
      const current = permissions.get(p.code);
      if (!current || WIDTH[role.scope] > WIDTH[current]) permissions.set(p.code, role.scope);
    }
  }
  const actor: Actor = {
    userId: user.id, username: user.username, displayName: user.displayName, kind: 'staff', departmentId: user.departmentId,
    departmentName: user.departmentName, roles, permissions, sessionId: requestId, authMethod: 'session',
  };
  return { ...systemContext(requestId), actor };
}
