import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { divisionFullName, isKnownDivision, validateCreditCode } from '@shuzheng/standards';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { isUniqueViolation } from '../../kernel/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { IdentityErrors } from './identity.errors.ts';
import { createIdentityRepository, type DepartmentFilter, type DepartmentKind } from './identity.repository.ts';

export interface Department {
  id: string;
  name: string;
  creditCode: string;
  divisionCode: string;
  divisionName: string;
  parentId: string | null;
  kind: DepartmentKind;
  isDataBureau: boolean;
  userCount: number;
  createdAt: string;
}

export type DepartmentNode = Department & { children: DepartmentNode[] };

export interface DepartmentInput {
  name: string;
  creditCode: string;
  divisionCode: string;
  parentId?: string | null | undefined;
  kind: DepartmentKind;
}

type Row = Awaited<ReturnType<ReturnType<typeof createIdentityRepository>['allDepartments']>>[number];

/** The department directory: every government body on the platform, as a list and a tree. */
export function createDepartmentService(deps: { db: Kysely<unknown>; audit: Pick<AuditService, 'record'> }) {
  const repo = () => createIdentityRepository(deps.db);

  async function get(id: string): Promise<Department> {
    const row = await repo().departmentById(id);
    if (!row) throw IdentityErrors.departmentNotFound(id);
    return toDepartment(row);
  }

  async function checkInput(r: ReturnType<typeof createIdentityRepository>, input: Partial<DepartmentInput>, selfId: string | null) {
    if (input.creditCode !== undefined) {
      const check = validateCreditCode(input.creditCode);
      if (!check.valid) throw IdentityErrors.invalidField('body.creditCode', `统一社会信用代码不正确：${check.message}`);
      const holder = await r.departmentByCreditCode(input.creditCode);
      if (holder && holder.id !== selfId) throw IdentityErrors.creditCodeTaken(input.creditCode);
    }
    if (input.divisionCode !== undefined && !isKnownDivision(input.divisionCode)) {
      throw IdentityErrors.invalidField('body.divisionCode', `行政区划代码 ${input.divisionCode} 不存在`);
    }
    if (input.parentId) {
      if (!(await r.departmentById(input.parentId))) throw IdentityErrors.invalidField('body.parentId', '上级部门不存在');
      if (selfId && (await r.departmentSubtree(selfId)).includes(input.parentId)) throw IdentityErrors.departmentCycle();
    }
  }

  return {
    get,
    async list(filter: DepartmentFilter, page: { page: number; pageSize: number }) {
      const { rows, total } = await repo().listDepartments(filter, page.pageSize, (page.page - 1) * page.pageSize);
      return { items: rows.map(toDepartment), total, ...page };
    },

    async tree(): Promise<DepartmentNode[]> {
      const nodes = new Map((await repo().allDepartments()).map((r) => [r.id, { ...toDepartment(r), children: [] as DepartmentNode[] }]));
      const roots: DepartmentNode[] = [];
      for (const node of nodes.values()) {
        const parent = node.parentId ? nodes.get(node.parentId) : undefined;
        (parent ? parent.children : roots).push(node);
      }
      return roots;
    },

    async create(ctx: RequestContext, input: DepartmentInput, opts: { isDataBureau?: boolean; sortOrder?: number } = {}): Promise<Department> {
      const id = randomUUID();
      await inTransaction(deps.db, async (trx) => {
        const r = createIdentityRepository(trx);
        await checkInput(r, input, null);
        if (await r.departmentByName(input.divisionCode, input.name)) throw IdentityErrors.departmentNameTaken(input.name);
        await r
          .insertDepartment({
            id, name: input.name, credit_code: input.creditCode, division_code: input.divisionCode, parent_id: input.parentId ?? null,
            kind: input.kind, is_data_bureau: opts.isDataBureau ?? false, sort_order: opts.sortOrder ?? 0,
          })
          .catch(translateUnique(input));
        await deps.audit.record(trx, ctx, { action: 'identity.department.create', targetType: 'department', targetId: id, details: { ...input } });
      });
      return get(id);
    },

    async update(ctx: RequestContext, id: string, patch: Partial<DepartmentInput>): Promise<Department> {
      await inTransaction(deps.db, async (trx) => {
        const r = createIdentityRepository(trx);
        const before = await r.departmentById(id);
        if (!before) throw IdentityErrors.departmentNotFound(id);
        await checkInput(r, patch, id);
        const name = patch.name ?? before.name;
        const division = patch.divisionCode ?? before.division_code;
        const clash = await r.departmentByName(division, name);
        if (clash && clash.id !== id) throw IdentityErrors.departmentNameTaken(name);
        await r
          .updateDepartment(id, {
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.creditCode !== undefined && { credit_code: patch.creditCode }),
            ...(patch.divisionCode !== undefined && { division_code: patch.divisionCode }),
            ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
            ...(patch.kind !== undefined && { kind: patch.kind }),
          })
          .catch(translateUnique({ name, creditCode: patch.creditCode ?? before.credit_code }));
        await deps.audit.record(trx, ctx, {
          action: 'identity.department.update', targetType: 'department', targetId: id,
          details: { before: { name: before.name, creditCode: before.credit_code, divisionCode: before.division_code, parentId: before.parent_id, kind: before.kind }, patch },
        });
      });
      return get(id);
    },

    async countsByDivision() {
      const rows = await repo().countDepartmentsByDivision();
      return rows.map((r) => ({ divisionCode: r.division_code, divisionName: divisionFullName(r.division_code) ?? r.division_code, count: Number(r.n) }));
    },
  };
}

function translateUnique(input: { name: string; creditCode: string }) {
  return (err: unknown): never => {
    if (isUniqueViolation(err, 'identity_departments_credit_code_key')) throw IdentityErrors.creditCodeTaken(input.creditCode);
    if (isUniqueViolation(err, 'identity_departments_name')) throw IdentityErrors.departmentNameTaken(input.name);
    throw err;
  };
}

function toDepartment(r: Row): Department {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    divisionCode: r.division_code,
    divisionName: divisionFullName(r.division_code) ?? r.division_code,
    parentId: r.parent_id,
    kind: r.kind,
    isDataBureau: r.is_data_bureau,
    userCount: Number(r.user_count ?? 0),
    createdAt: r.created_at.toISOString(),
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
