import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { maskIdNumber, maskCreditCode, maskPhone, validateCreditCode, validateIdNumber } from '@shuzheng/standards';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { isUniqueViolation } from '../../kernel/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { IdentityErrors } from './identity.errors.ts';
import { createIdentityRepository, type IdentityRepository, type UserFilter, type UserKind } from './identity.repository.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import { ROLES, findRole, roleFitsUser } from './roles.ts';

export interface RoleRef {
  code: string;
  name: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  departmentId: string | null;
  departmentName: string | null;
  /** 身份证号 / 统一社会信用代码, masked for display */
  subjectCode: string | null;
  phone: string | null;
  roles: RoleRef[];
  status: 'active' | 'locked' | 'disabled';
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  kind: UserKind;
  departmentId?: string | undefined;
  roles?: string[] | undefined;
  password: string;
  idNumber?: string | undefined;
  creditCode?: string | undefined;
  phone?: string | undefined;
}

const READ = 'identity.user.read';
const roleRef = (code: string): RoleRef => ({ code, name: findRole(code)?.name ?? code });

/** User accounts of staff, citizens and enterprises, their roles, lockout and passwords. */
export function createUserService(deps: {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  passwordMinLength: number;
  permissionNames: ReadonlyMap<string, string>;
  grants: ReadonlyMap<string, string[]>;
}) {
  const repo = () => createIdentityRepository(deps.db);

  /** Department scope: a department-scoped reader sees only users of their own department. */
  function scopedFilter(ctx: RequestContext, filter: UserFilter): UserFilter {
    return scopeOf(ctx, READ) === 'department' ? { ...filter, departmentId: ctx.actor!.departmentId ?? '00000000-0000-0000-0000-000000000000' } : filter;
  }

  async function load(r: IdentityRepository, ctx: RequestContext | null, id: string): Promise<User> {
    const row = await r.userById(id);
    if (!row) throw IdentityErrors.userNotFound(id);
    if (ctx && scopeOf(ctx, READ) === 'department' && row.department_id !== ctx.actor!.departmentId) throw IdentityErrors.userNotFound(id);
    return (await toUsers(r, [row]))[0]!;
  }

  function checkPassword(password: string, username: string, path: string) {
    const problems = checkPasswordPolicy(password, { minLength: deps.passwordMinLength, username });
    if (problems.length) throw IdentityErrors.weakPassword(path, problems);
  }

  function checkRoles(roles: string[], kind: UserKind) {
    for (const [i, code] of roles.entries()) {
      const role = findRole(code);
      if (!role) throw IdentityErrors.invalidField(`body.roles.${i}`, `角色 ${code} 不存在`);
      if (!roleFitsUser(role, kind)) throw IdentityErrors.invalidField(`body.roles.${i}`, `角色“${role.name}”不能授予此类用户`);
    }
  }

  /** Finds or registers the natural person / legal entity a citizen or enterprise account stands for. */
  async function subjectOf(r: IdentityRepository, input: NewUser): Promise<{ person_id: string | null; legal_entity_id: string | null }> {
    if (input.kind === 'citizen') {
      const check = validateIdNumber(input.idNumber ?? '');
      if (!check.valid) throw IdentityErrors.invalidField('body.idNumber', `公民身份号码不正确：${check.message}`);
      const idNumber = input.idNumber!.toUpperCase();
      const existing = await r.personByIdNumber(idNumber);
      if (existing) return { person_id: existing.id, legal_entity_id: null };
      const id = randomUUID();
      await r.insertPersons([{
        id, id_number: idNumber, name: input.displayName, gender: check.gender === 'male' ? '1' : '2', birth_date: check.birthDate,
        division_code: check.divisionCode, phone: input.phone ?? null, address: null,
      }]);
      return { person_id: id, legal_entity_id: null };
    }
    if (input.kind === 'enterprise') {
      const check = validateCreditCode(input.creditCode ?? '');
      if (!check.valid) throw IdentityErrors.invalidField('body.creditCode', `统一社会信用代码不正确：${check.message}`);
      const existing = await r.legalEntityByCreditCode(input.creditCode!);
      if (existing) return { person_id: null, legal_entity_id: existing.id };
      const id = randomUUID();
      await r.insertLegalEntities([{
        id, credit_code: input.creditCode!, name: input.displayName, entity_type: '企业', legal_representative: '',
        division_code: check.divisionCode, established_on: new Date().toISOString().slice(0, 10), address: null,
      }]);
      return { person_id: null, legal_entity_id: id };
    }
    return { person_id: null, legal_entity_id: null };
  }

  return {
    async list(ctx: RequestContext, filter: UserFilter, page: { page: number; pageSize: number }) {
      const r = repo();
      const { rows, total } = await r.listUsers(scopedFilter(ctx, filter), page.pageSize, (page.page - 1) * page.pageSize);
      return { items: await toUsers(r, rows), total, ...page };
    },

    get: (ctx: RequestContext, id: string) => load(repo(), ctx, id),

    async create(ctx: RequestContext, input: NewUser): Promise<User> {
      const requested = input.roles ?? [];
      // 三员分立: whoever creates accounts does not also hand out roles (the platform itself, seeding, may).
      const canAssign = ctx.actor === null || ctx.actor.permissions.has('identity.user.assign-role');
      if (requested.length > 0 && !canAssign) {
        throw IdentityErrors.roleAssignmentForbidden();
      }
      const base = input.kind === 'citizen' ? ['citizen'] : input.kind === 'enterprise' ? ['enterprise'] : [];
      const roles = [...new Set([...base, ...requested])];
      checkRoles(roles, input.kind);
      checkPassword(input.password, input.username, 'body.password');
      if (input.kind === 'staff' && !input.departmentId) throw IdentityErrors.invalidField('body.departmentId', '工作人员必须属于一个部门');
      const id = randomUUID();
      const passwordHash = await hashPassword(input.password);
      await inTransaction(deps.db, async (trx) => {
        const r = createIdentityRepository(trx);
        if (await r.userByUsername(input.username)) throw IdentityErrors.usernameTaken(input.username);
        if (input.departmentId && !(await r.departmentById(input.departmentId))) throw IdentityErrors.invalidField('body.departmentId', '部门不存在');
        const subject = await subjectOf(r, input);
        await r
          .insertUser({
            id, username: input.username, display_name: input.displayName, kind: input.kind,
            department_id: input.kind === 'staff' ? input.departmentId! : null, ...subject, phone: input.phone ?? null, password_hash: passwordHash,
            locked_until: null, last_login_at: null,
          })
          .catch((err) => {
            throw isUniqueViolation(err, 'identity_users_username_key') ? IdentityErrors.usernameTaken(input.username) : err;
          });
        await r.setRoles(id, roles);
        await deps.audit.record(trx, ctx, {
          action: 'identity.user.create', targetType: 'user', targetId: id,
          details: { username: input.username, kind: input.kind, departmentId: input.departmentId ?? null, roles },
        });
      });
      return load(repo(), null, id);
    },

    async update(ctx: RequestContext, id: string, patch: { displayName?: string | undefined; departmentId?: string | undefined; status?: 'active' | 'disabled' | undefined; phone?: string | undefined }) {
      await inTransaction(deps.db, async (trx) => {
        const r = createIdentityRepository(trx);
        const before = await load(r, ctx, id);
        if (patch.departmentId !== undefined) {
          if (before.kind !== 'staff') throw IdentityErrors.invalidField('body.departmentId', '只有工作人员属于部门');
          if (!(await r.departmentById(patch.departmentId))) throw IdentityErrors.invalidField('body.departmentId', '部门不存在');
        }
        if (patch.status === 'disabled' && id === ctx.actor?.userId) throw IdentityErrors.invalidField('body.status', '不能停用自己的账号');
        await r.updateUser(id, {
          ...(patch.displayName !== undefined && { display_name: patch.displayName }),
          ...(patch.departmentId !== undefined && { department_id: patch.departmentId }),
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.phone !== undefined && { phone: patch.phone }),
        });
        if (patch.status === 'disabled') await r.revokeUserSessions(id);
        await deps.audit.record(trx, ctx, {
          action: 'identity.user.update', targetType: 'user', targetId: id,
          details: { before: { displayName: before.displayName, departmentId: before.departmentId, status: before.status }, patch },
        });
      });
      return load(repo(), ctx, id);
    },

    async setRoles(ctx: RequestContext, id: string, roles: string[]) {
      if (id === ctx.actor?.userId) throw IdentityErrors.selfRoleChange();
      const unique = [...new Set(roles)];
      await inTransaction(deps.db, async (trx) => {
        const r = createIdentityRepository(trx);
        const before = await load(r, ctx, id);
        checkRoles(unique, before.kind);
        await r.setRoles(id, unique);
        await deps.audit.record(trx, ctx, {
          action: 'identity.user.assign-role', targetType: 'user', targetId: id,
          details: { before: before.roles.map((x) => x.code), after: unique },
        });
      });
      return load(repo(), ctx, id);
    },

    async unlock(ctx: RequestContext, id: string) {
      await inTransaction(deps.db, async (trx) => {
        const r = createIdentityRepository(trx);
        await load(r, ctx, id);
        await r.updateUser(id, { failed_attempts: 0, locked_until: null });
        await deps.audit.record(trx, ctx, { action: 'identity.user.unlock', targetType: 'user', targetId: id });
      });
      return load(repo(), ctx, id);
    },

    async resetPassword(ctx: RequestContext, id: string, password: string) {
      const user = await load(repo(), ctx, id);
      checkPassword(password, user.username, 'body.password');
      const passwordHash = await hashPassword(password);
      await inTransaction(deps.db, async (trx) => {
        const r = createIdentityRepository(trx);
        await r.updateUser(id, { password_hash: passwordHash, password_changed_at: new Date(), failed_attempts: 0, locked_until: null });
        await r.revokeUserSessions(id, 'web');
        await deps.audit.record(trx, ctx, { action: 'identity.user.reset-password', targetType: 'user', targetId: id });
      });
    },

    async changeOwnPassword(ctx: RequestContext, current: string, next: string) {
      const actor = ctx.actor!;
      const row = await repo().userByUsername(actor.username);
      if (!row || !(await verifyPassword(row.password_hash, current))) throw IdentityErrors.wrongCurrentPassword();
      checkPassword(next, actor.username, 'body.newPassword');
      const passwordHash = await hashPassword(next);
      await inTransaction(deps.db, async (trx) => {
        await createIdentityRepository(trx).updateUser(actor.userId, { password_hash: passwordHash, password_changed_at: new Date() });
        await deps.audit.record(trx, ctx, { action: 'identity.user.change-password', targetType: 'user', targetId: actor.userId });
      });
    },

    me(ctx: RequestContext) {
      const actor = ctx.actor!;
      return {
        id: actor.userId, username: actor.username, displayName: actor.displayName, kind: actor.kind,
        departmentId: actor.departmentId, departmentName: actor.departmentName,
        roles: actor.roles.map(roleRef), permissions: [...actor.permissions.keys()].sort(),
      };
    },

    roles() {
      return ROLES.map((r) => ({ code: r.code, name: r.name, description: r.description, scope: r.scope, permissions: deps.grants.get(r.code) ?? [] }));
    },

    permissions() {
      return [...deps.permissionNames].map(([code, name]) => ({ code, name, module: code.split('.')[0]! }));
    },

    async countsByRole() {
      const rows = await repo().countUsersByRole();
      return rows.map((r) => ({ role: r.role_code, roleName: findRole(r.role_code)?.name ?? r.role_code, count: Number(r.n) }));
    },
  };
}

async function toUsers(r: IdentityRepository, rows: Awaited<ReturnType<IdentityRepository['userById']>>[]): Promise<User[]> {
  const present = rows.filter((x): x is NonNullable<typeof x> => !!x);
  const roles = await r.rolesOf(present.map((u) => u.id));
  const now = new Date();
  return present.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    kind: u.kind,
    departmentId: u.department_id,
    departmentName: u.department_name,
    subjectCode: u.id_number ? maskIdNumber(u.id_number) : u.credit_code ? maskCreditCode(u.credit_code) : null,
    phone: u.phone ? maskPhone(u.phone) : null,
    roles: (roles.get(u.id) ?? []).map(roleRef),
    status: u.status === 'disabled' ? 'disabled' : u.locked_until && u.locked_until > now ? 'locked' : 'active',
    lockedUntil: u.locked_until && u.locked_until > now ? u.locked_until.toISOString() : null,
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  }));
}

export type UserService = ReturnType<typeof createUserService>;
