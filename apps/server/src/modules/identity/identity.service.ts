import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { PermissionDef } from '../../kernel/module.ts';
import type { AuditService } from '../audit/index.ts';
import { createDepartmentService } from './departments.service.ts';
import { createIdentityRepository } from './identity.repository.ts';
import { findRole } from './roles.ts';
import { createSessionService, type SessionPolicy } from './sessions.service.ts';
import { createUserService } from './users.service.ts';

export interface SubjectPerson {
  idNumber: string;
  name: string;
  gender: '1' | '2';
  birthDate: string;
  divisionCode: string;
  phone: string | null;
  address: string | null;
}

export interface SubjectEntity {
  creditCode: string;
  name: string;
  entityType: string;
  legalRepresentative: string;
  divisionCode: string;
  establishedOn: string;
  address: string | null;
}

export type IdentityService = ReturnType<typeof createIdentityService>;

/** Unified identity: the department directory, user accounts and roles, sessions and API tokens. */
export function createIdentityService(deps: {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  permissions: PermissionDef[];
  policy: SessionPolicy & { passwordMinLength: number };
}) {
  const grants = new Map<string, string[]>();
  const permissionNames = new Map<string, string>();
  for (const p of deps.permissions) {
    permissionNames.set(p.code, p.name);
    for (const role of p.defaultRoles) {
      if (!findRole(role)) throw new Error(`permission ${p.code} names unknown role ${role}`);
      grants.set(role, [...(grants.get(role) ?? []), p.code]);
    }
  }
  return {
    departments: createDepartmentService(deps),
    users: createUserService({ ...deps, passwordMinLength: deps.policy.passwordMinLength, permissionNames, grants }),
    sessions: createSessionService({ ...deps, grants }),
    counts: () => createIdentityRepository(deps.db).counts(),

    /**
     * The license holder an account stands for: a citizen's person (公民身份号码) or an enterprise account's legal
     * entity (统一社会信用代码); null for staff and for accounts without a subject.
     */
    async holderOf(userId: string): Promise<{ type: 'citizen' | 'entity'; id: string; name: string } | null> {
      const row = await createIdentityRepository(deps.db).subjectOfUser(userId);
      if (!row || row.status !== 'active') return null;
      if (row.kind === 'citizen' && row.id_number) return { type: 'citizen', id: row.id_number, name: row.person_name ?? '' };
      if (row.kind === 'enterprise' && row.credit_code) return { type: 'entity', id: row.credit_code, name: row.entity_name ?? '' };
      return null;
    },

    /** Registers natural persons and legal entities in bulk (real-name subjects from an authoritative source). */
    async registerSubjects(ctx: RequestContext, input: { persons: SubjectPerson[]; entities: SubjectEntity[] }) {
      await inTransaction(deps.db, async (trx) => {
        const r = createIdentityRepository(trx);
        await r.insertPersons(input.persons.map((p) => ({
          id: randomUUID(), id_number: p.idNumber, name: p.name, gender: p.gender, birth_date: p.birthDate, division_code: p.divisionCode, phone: p.phone, address: p.address,
        })));
        await r.insertLegalEntities(input.entities.map((e) => ({
          id: randomUUID(), credit_code: e.creditCode, name: e.name, entity_type: e.entityType, legal_representative: e.legalRepresentative,
          division_code: e.divisionCode, established_on: e.establishedOn, address: e.address,
        })));
        await deps.audit.record(trx, ctx, { action: 'identity.subject.register', details: { persons: input.persons.length, entities: input.entities.length } });
      });
    },
  };
}
