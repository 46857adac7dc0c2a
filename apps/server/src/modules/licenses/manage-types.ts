import { randomUUID } from 'node:crypto';
import { validateCreditCode } from '@shuzheng/standards';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { isUniqueViolation, type FieldProblem } from '../../kernel/errors.ts';
import type { Page } from '../../kernel/schemas.ts';
import { fieldSchemaProblems, validityProblems, type FieldDef, type HolderType, type ValidityRule } from './license-model.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type FaceTemplate, type TypeFilter, type TypeRow } from './licenses.repository.ts';
import { departmentCache, typeViews, type LicensesDeps, type TypeView } from './licenses-core.ts';

export type TypeLevel = 'national' | 'provincial' | 'city' | 'county' | 'town';

export interface TypeInput {
  code: string;
  name: string;
  level: TypeLevel;
  holderType: HolderType;
  issuerDepartmentIds: string[];
  fields: FieldDef[];
  validity: ValidityRule;
  faceTemplate?: Partial<FaceTemplate> | undefined;
  catalogEntryId?: string | null | undefined;
  referenceOnly?: boolean | undefined;
}

export type TypePatch = Partial<Omit<TypeInput, 'code'>> & { status?: 'active' | 'retired' | undefined };

/** Default layout of the rendered document (mm on an A4 landscape page); the PDF step reads it. */
export function defaultFaceTemplate(name: string, fields: FieldDef[]): FaceTemplate {
  return {
    title: name,
    fieldOrder: fields.filter((f) => f.onFace).map((f) => f.name),
    page: { width: 297, height: 210 },
    seal: { x: 215, y: 130, size: 42 },
    qr: { x: 25, y: 160, size: 30 },
  };
}

/**
 * 证照类型代码 [S]: the unified social credit code (18) of the department that defines the type + a 3-digit
 * sequence, 21 characters (reference notes §1.4; the same rule parseLicenseId applies in strict mode).
 */
export function typeCodeProblem(code: string): string | null {
  if (!/^[0-9A-Z]{18}\d{3}$/.test(code)) return '证照类型代码应为 21 位：定义部门的统一社会信用代码（18 位）+ 3 位顺序号';
  const check = validateCreditCode(code.slice(0, 18));
  return check.valid ? null : `证照类型代码的前 18 位不是有效的统一社会信用代码：${check.message}`;
}

/** The face template after a change: a new field list without a new template keeps the layout, minus removed fields. */
function templateAfter(base: FaceTemplate, patch: Partial<FaceTemplate> | undefined, fields: FieldDef[]): FaceTemplate {
  if (patch) return { ...base, ...patch };
  return { ...base, fieldOrder: base.fieldOrder.filter((f) => fields.some((d) => d.name === f)) };
}

/** 证照目录: the license types, their issuing departments, field schema, validity rule and face template. */
export function createTypeCatalog(deps: LicensesDeps) {
  const repo = () => createLicensesRepository(deps.db);

  async function views(rows: TypeRow[]): Promise<TypeView[]> {
    const r = repo();
    const ids = rows.map((t) => t.id);
    const [issuers, counts] = await Promise.all([r.issuersOf(ids), r.licenseCounts(ids)]);
    return typeViews(rows, issuers, counts, departmentCache(deps));
  }

  async function get(id: string): Promise<TypeView> {
    const row = await repo().typeById(id);
    if (!row) throw LicensesErrors.typeNotFound(id);
    return (await views([row]))[0]!;
  }

  /** Every problem of a type's definition the schema cannot see, at once. */
  async function problemsOf(input: Omit<TypePatch, 'status'> & { code?: string }, fields: FieldDef[], template: FaceTemplate): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (input.code !== undefined) {
      const p = typeCodeProblem(input.code);
      if (p) problems.push({ path: 'body.code', message: p });
    }
    if (input.fields !== undefined) problems.push(...fieldSchemaProblems(input.fields, 'body.fields'));
    if (input.validity !== undefined) problems.push(...validityProblems(input.validity, 'body.validity'));
    if (input.issuerDepartmentIds !== undefined) {
      const department = departmentCache(deps);
      for (const [i, id] of input.issuerDepartmentIds.entries()) {
        if (!(await department(id))) problems.push({ path: `body.issuerDepartmentIds.${i}`, message: '颁发部门不存在' });
      }
    }
    const names = new Set(fields.map((f) => f.name));
    template.fieldOrder.forEach((name, i) => {
      if (!names.has(name)) problems.push({ path: `body.faceTemplate.fieldOrder.${i}`, message: `照面字段 ${name} 不在字段定义中` });
    });
    return problems;
  }

  const translate = (code: string, name: string) => (err: unknown): never => {
    if (isUniqueViolation(err, 'licenses_types_code_key')) throw LicensesErrors.typeCodeTaken(code);
    if (isUniqueViolation(err, 'licenses_types_name_key')) throw LicensesErrors.typeNameTaken(name);
    throw err;
  };

  return {
    get,
    views,

    async list(filter: TypeFilter, page: Page) {
      const { rows, total } = await repo().listTypes(filter, page.pageSize, (page.page - 1) * page.pageSize);
      return { items: await views(rows), total, ...page };
    },

    async create(ctx: RequestContext, input: TypeInput): Promise<TypeView> {
      const code = input.code.trim().toUpperCase();
      const name = input.name.trim();
      const issuerDepartmentIds = [...new Set(input.issuerDepartmentIds)];
      const template = { ...defaultFaceTemplate(name, input.fields), ...(input.faceTemplate ?? {}) };
      const problems = await problemsOf({ ...input, code, issuerDepartmentIds }, input.fields, template);
      if (problems.length) throw LicensesErrors.typeInvalid(problems);
      const id = randomUUID();
      await inTransaction(deps.db, async (trx) => {
        const r = createLicensesRepository(trx);
        if (await r.typeByCode(code)) throw LicensesErrors.typeCodeTaken(code);
        if (await r.typeByName(name)) throw LicensesErrors.typeNameTaken(name);
        await r
          .insertType({
            id, code, name, level: input.level, holder_type: input.holderType, fields: JSON.stringify(input.fields), validity: JSON.stringify(input.validity),
            face_template: JSON.stringify(template), catalog_entry_id: input.catalogEntryId ?? null, reference_only: input.referenceOnly ?? false,
            status: 'active', created_by: ctx.actor?.userId ?? null,
          })
          .catch(translate(code, name));
        await r.replaceIssuers(id, issuerDepartmentIds);
        await deps.audit.record(trx, ctx, { action: 'licenses.type.create', targetType: 'license-type', targetId: id, details: { code, name, issuerDepartmentIds, holderType: input.holderType } });
      });
      return get(id);
    },

    async update(ctx: RequestContext, id: string, patch: TypePatch): Promise<TypeView> {
      // Checked before the transaction: the department lookups run on identity's connection (the embedded database
      // has one), and the definition is re-read under the transaction's lock below.
      const current = await repo().typeById(id);
      if (!current) throw LicensesErrors.typeNotFound(id);
      const fields = patch.fields ?? (current.fields as FieldDef[]);
      const template = templateAfter(current.face_template as FaceTemplate, patch.faceTemplate, fields);
      const issuerDepartmentIds = patch.issuerDepartmentIds ? [...new Set(patch.issuerDepartmentIds)] : undefined;
      const problems = await problemsOf({ ...patch, issuerDepartmentIds }, fields, template);
      if (problems.length) throw LicensesErrors.typeInvalid(problems);
      await inTransaction(deps.db, async (trx) => {
        const r = createLicensesRepository(trx);
        const row = await r.typeById(id);
        if (!row) throw LicensesErrors.typeNotFound(id);
        const name = patch.name?.trim() ?? row.name;
        if (name !== row.name && (await r.typeByName(name))) throw LicensesErrors.typeNameTaken(name);
        if (patch.holderType !== undefined && patch.holderType !== row.holder_type && ((await r.licenseCounts([id])).get(id) ?? 0) > 0) {
          throw LicensesErrors.typeInvalid([{ path: 'body.holderType', message: '已颁发证照的类型不能改变持证主体类型' }]);
        }
        await r
          .updateType(id, {
            ...(patch.name !== undefined && { name }),
            ...(patch.level !== undefined && { level: patch.level }),
            ...(patch.holderType !== undefined && { holder_type: patch.holderType }),
            ...(patch.fields !== undefined && { fields: JSON.stringify(fields) }),
            ...(patch.validity !== undefined && { validity: JSON.stringify(patch.validity) }),
            face_template: JSON.stringify(templateAfter(row.face_template as FaceTemplate, patch.faceTemplate, fields)),
            ...(patch.catalogEntryId !== undefined && { catalog_entry_id: patch.catalogEntryId }),
            ...(patch.referenceOnly !== undefined && { reference_only: patch.referenceOnly }),
            ...(patch.status !== undefined && { status: patch.status }),
          })
          .catch(translate(row.code, name));
        if (issuerDepartmentIds) await r.replaceIssuers(id, issuerDepartmentIds);
        await deps.audit.record(trx, ctx, {
          action: 'licenses.type.update', targetType: 'license-type', targetId: id,
          details: { code: row.code, before: { name: row.name, status: row.status, validity: row.validity, fields: row.fields }, patch },
        });
      });
      return get(id);
    },

    /** Deletes a type that never issued a license; a type in use can only be retired (停用). */
    async remove(ctx: RequestContext, id: string): Promise<void> {
      await inTransaction(deps.db, async (trx) => {
        const r = createLicensesRepository(trx);
        const row = await r.typeById(id);
        if (!row) throw LicensesErrors.typeNotFound(id);
        const count = (await r.licenseCounts([id])).get(id) ?? 0;
        if (count > 0) throw LicensesErrors.typeInUse(count);
        await r.deleteType(id);
        await deps.audit.record(trx, ctx, { action: 'licenses.type.delete', targetType: 'license-type', targetId: id, details: { code: row.code, name: row.name } });
      });
    },
  };
}
