import type { AuditService } from '../audit/index.ts';
import type { IdentityService } from '../identity/index.ts';

export type CockpitService = ReturnType<typeof createCockpitService>;

/** The leaders' cockpit: live figures gathered from each module's service (never stored copies). */
export function createCockpitService(deps: {
  identity: { counts: IdentityService['counts']; departments: Pick<IdentityService['departments'], 'countsByDivision'>; users: Pick<IdentityService['users'], 'countsByRole'> };
  audit: Pick<AuditService, 'count'>;
}) {
  return {
    async summary() {
      const [counts, auditEvents, departmentsByDivision, usersByRole] = await Promise.all([
        deps.identity.counts(),
        deps.audit.count(),
        deps.identity.departments.countsByDivision(),
        deps.identity.users.countsByRole(),
      ]);
      return {
        ...counts,
        auditEvents,
        departmentsByDivision: departmentsByDivision.sort((a, b) => b.count - a.count),
        usersByRole: usersByRole.sort((a, b) => b.count - a.count),
        generatedAt: new Date().toISOString(),
      };
    },
  };
}
