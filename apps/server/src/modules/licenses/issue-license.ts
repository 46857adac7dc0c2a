import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { makeLicenseId } from '@shuzheng/standards';
import { signWithSeal } from '@shuzheng/standards/seal';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import {
  addDays, canonicalJson, documentBytes, isIsoDate, statusOf, validateFieldValues, validateHolder, validUntilOf,
  type DocumentSource, type FieldDef, type FieldValues, type ValidityRule,
} from './license-model.ts';
import { LicensesErrors, type RowProblems } from './licenses.errors.ts';
import { createLicensesRepository, type LicenseRow, type NewLicenseRow, type TypeRow } from './licenses.repository.ts';
import { canRead, departmentCache, nowOf, todayOf, wholeSecond, type DepartmentRef, type LicensesDeps } from './licenses-core.ts';
import type { Seals, SigningSeal } from './manage-seals.ts';

// 制证: issuing, batch issuing, renewal (延续, a new version for a new period), change (变更, a new version with new
// data) and revocation (吊销/注销). Every license version is signed at once with the issuing department's active
// seal: SM3 over the canonical document (license-model.ts), sealed as a GB/T 38540 SES_Signature.

export interface IssueRow {
  holderId: string;
  holderName: string;
  fields: Record<string, unknown>;
  /** 生效日期; the issue date when absent. */
  validFrom?: string | undefined;
  /** 颁发日期; today when absent. An earlier day records a stock (存量) license issued on paper before. */
  issuedOn?: string | undefined;
}

export interface IssueInput extends IssueRow {
  typeCode: string;
  /** Needed only by callers whose issue scope is `all`; a department-scoped issuer issues for their own department. */
  issuerDepartmentId?: string | undefined;
}

export interface BatchInput {
  typeCode: string;
  issuerDepartmentId?: string | undefined;
  items: IssueRow[];
}

export interface RevokeInput {
  /** revoke 吊销 (a penalty) · cancel 注销 (the license ends, e.g. on the holder's request or dissolution) */
  kind: 'revoke' | 'cancel';
  reason: string;
  /** Effective date; today when absent; not in the future. */
  date?: string | undefined;
}

/** The serial counter's digits (流水号): 8 digits, zero-padded — 10⁸ licenses per type and issuer. */
const SERIAL_DIGITS = 8;
const EARLIEST = '1949-10-01';

interface Prepared {
  holderId: string;
  holderName: string;
  fields: FieldValues;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
}

/** Checks one row against the type and returns every problem, or the prepared values (also used by the stock import). */
export function prepareRow(type: TypeRow, row: IssueRow, prefix: string, today: string): { problems: FieldProblem[]; prepared: Prepared } {
  const holder = validateHolder(type.holder_type, row.holderId, row.holderName, prefix, today);
  const fields = validateFieldValues(type.fields as FieldDef[], row.fields ?? {}, `${prefix}.fields`);
  const problems = [...holder.problems, ...fields.problems];
  const issuedOn = row.issuedOn ?? today;
  if (!isIsoDate(issuedOn) || issuedOn < EARLIEST) problems.push({ path: `${prefix}.issuedOn`, message: '颁发日期应为有效日期（YYYY-MM-DD）' });
  else if (issuedOn > today) problems.push({ path: `${prefix}.issuedOn`, message: `颁发日期不能晚于今天（${today}）` });
  const validFrom = row.validFrom ?? issuedOn;
  let validUntil: string | null = null;
  if (!isIsoDate(validFrom) || validFrom < EARLIEST) problems.push({ path: `${prefix}.validFrom`, message: '生效日期应为有效日期（YYYY-MM-DD）' });
  else if (validFrom > addDays(today, 366)) problems.push({ path: `${prefix}.validFrom`, message: '生效日期不能晚于一年之后' });
  else {
    validUntil = validUntilOf(type.validity as ValidityRule, validFrom);
    if (validUntil !== null && validUntil < validFrom) problems.push({ path: `${prefix}.validFrom`, message: `证照类型规定有效期至 ${validUntil}，早于生效日期` });
  }
  return { problems, prepared: { holderId: holder.holderId, holderName: holder.holderName, fields: fields.clean, issuedOn, validFrom, validUntil } };
}

/** Issuance, renewal, change and revocation of licenses. */
export function createIssuance(deps: LicensesDeps, seals: Seals) {
  const repo = () => createLicensesRepository(deps.db);

  /** The issuing department for a caller and a type; 403 unless the caller may issue this type for it. */
  async function issuingDepartment(ctx: RequestContext, type: Pick<TypeRow, 'id' | 'name'>, requested?: string): Promise<DepartmentRef> {
    const scope = scopeOf(ctx, 'licenses.license.issue');
    const own = ctx.actor?.departmentId ?? null;
    let departmentId: string;
    if (scope === 'all') {
      if (!(requested ?? own)) throw LicensesErrors.noDepartment();
      departmentId = (requested ?? own)!;
    } else if (scope === 'department') {
      if (!own) throw LicensesErrors.noDepartment();
      if (requested && requested !== own) throw LicensesErrors.otherDepartment();
      departmentId = own;
    } else {
      throw LicensesErrors.notIssuer(type.name);
    }
    const issuers = (await repo().issuersOf([type.id])).get(type.id) ?? [];
    if (!issuers.includes(departmentId)) throw LicensesErrors.notIssuer(type.name);
    const department = await departmentCache(deps)(departmentId);
    if (!department) throw LicensesErrors.notIssuer(type.name);
    return department;
  }

  async function issuableType(typeCode: string): Promise<TypeRow> {
    const type = await repo().typeByCode(typeCode.trim().toUpperCase());
    if (!type) throw LicensesErrors.invalidFields([{ path: 'body.typeCode', message: `证照类型 ${typeCode} 不存在` }]);
    if (type.reference_only) throw LicensesErrors.typeNotIssuable(type.name, 'reference');
    if (type.status !== 'active') throw LicensesErrors.typeNotIssuable(type.name, 'retired');
    return type;
  }

  /** Builds and signs one license version; the caller inserts it. */
  function signVersion(
    seal: SigningSeal,
    spec: { type: Pick<TypeRow, 'id' | 'code' | 'name' | 'holder_type'>; department: DepartmentRef; issuerCode: string; serial: string; version: number; prepared: Prepared; issuedAt: Date },
  ): NewLicenseRow {
    const { type, department, prepared } = spec;
    if (spec.version > 999) throw LicensesErrors.versionsExhausted();
    const identifier = makeLicenseId({ typeCode: type.code, issuerCode: spec.issuerCode, serial: spec.serial, version: spec.version });
    const source: DocumentSource = {
      identifier, version: spec.version, type_code: type.code, type_name: type.name, issuer_code: spec.issuerCode, issuer_name: department.name,
      holder_type: type.holder_type, holder_id: prepared.holderId, holder_name: prepared.holderName, fields: prepared.fields,
      issued_on: prepared.issuedOn, valid_from: prepared.validFrom, valid_until: prepared.validUntil,
    };
    // propertyInfo (原文数据的属性) carries the identifier, so a detached signature names its license.
    const signature = signWithSeal({ sealDer: seal.row.seal_der, data: documentBytes(source), propertyInfo: identifier, signerKey: seal.privateKey, time: spec.issuedAt });
    return {
      id: randomUUID(), identifier, type_id: type.id, type_code: type.code, type_name: type.name, issuer_department_id: department.id, issuer_code: spec.issuerCode,
      issuer_name: department.name, serial: spec.serial, version: spec.version, holder_type: type.holder_type, holder_id: prepared.holderId,
      holder_name: prepared.holderName, fields: JSON.stringify(prepared.fields), valid_from: prepared.validFrom, valid_until: prepared.validUntil,
      issued_on: prepared.issuedOn, issued_at: spec.issuedAt, seal_id: seal.row.id, signature: Buffer.from(signature), state: 'active', origin: 'issue',
      change_reason: null, previous_id: null, superseded_by: null, superseded_at: null, ended_on: null, end_reason: null, ended_at: null, ended_by: null,
      batch_id: null, issued_by: null,
    };
  }

  /** Issues new licenses (version 001 each) in `trx`: serials, signatures, rows. */
  async function issueRows(trx: Kysely<unknown>, ctx: RequestContext, type: TypeRow, department: DepartmentRef, rows: Prepared[], batchId: string | null) {
    const r = createLicensesRepository(trx);
    const issuedAt = wholeSecond(nowOf(deps));
    const seal = await seals.signingSeal(trx, department, issuedAt);
    const out: NewLicenseRow[] = [];
    for (const prepared of rows) {
      const serial = String(await r.nextSerial(type.code, department.creditCode)).padStart(SERIAL_DIGITS, '0');
      const row = signVersion(seal, { type, department, issuerCode: department.creditCode, serial, version: 1, prepared, issuedAt });
      out.push({ ...row, batch_id: batchId, issued_by: ctx.actor?.userId ?? null });
    }
    for (let i = 0; i < out.length; i += 200) await r.insertLicenses(out.slice(i, i + 200));
    return out;
  }

  /**
   * Who may act on a license as its issuer, settled before the transaction (identity's department lookups run on
   * their own connection; the embedded database has only one). 404 when the caller may not even see the license.
   */
  async function authorize(ctx: RequestContext, id: string): Promise<{ type: TypeRow; department: DepartmentRef }> {
    const row = await repo().licenseById(id);
    if (!row || !canRead(ctx, row)) throw LicensesErrors.licenseNotFound(id);
    const type = (await repo().typeById(row.type_id))!;
    return { type, department: await issuingDepartment(ctx, type, row.issuer_department_id) };
  }

  /** The license row locked in `trx`, with the authority settled by authorize(). Licenses are never deleted. */
  async function locked(trx: Kysely<unknown>, id: string, auth: { type: TypeRow; department: DepartmentRef }) {
    const row = (await createLicensesRepository(trx).licenseForUpdate(id))!;
    return { row, ...auth };
  }

  /** A new version of `row` in `trx`: signed, inserted, the old version superseded. */
  async function newVersion(trx: Kysely<unknown>, ctx: RequestContext, base: { row: LicenseRow; type: TypeRow; department: DepartmentRef }, prepared: Prepared, origin: 'renewal' | 'change', reason: string | null) {
    const r = createLicensesRepository(trx);
    const issuedAt = wholeSecond(nowOf(deps));
    const seal = await seals.signingSeal(trx, base.department, issuedAt);
    const next = signVersion(seal, { type: base.type, department: base.department, issuerCode: base.row.issuer_code, serial: base.row.serial, version: base.row.version + 1, prepared, issuedAt });
    // The new version first (superseded_by points at it), then the old one gives way.
    await r.insertLicenses([{ ...next, origin, change_reason: reason, previous_id: base.row.id, issued_by: ctx.actor?.userId ?? null }]);
    await r.supersede(base.row.id, next.id!, issuedAt);
    return next;
  }

  const activeOnly = (row: LicenseRow, today: string, action: string) => {
    if (row.state !== 'active') throw LicensesErrors.wrongState(statusOf(row, today).label, action);
  };

  return {
    /** For the stock import (import-stock.ts): the same type and department rules as issuance, checked before a job starts. */
    issuableType,
    issuingDepartment,

    /** Issues one license; every problem of the input is reported at once (400) and nothing is written. */
    async issue(ctx: RequestContext, input: IssueInput): Promise<string> {
      const type = await issuableType(input.typeCode);
      const department = await issuingDepartment(ctx, type, input.issuerDepartmentId);
      const { problems, prepared } = prepareRow(type, input, 'body', todayOf(deps));
      if (problems.length) throw LicensesErrors.invalidFields(problems);
      return inTransaction(deps.db, async (trx) => {
        const [row] = await issueRows(trx, ctx, type, department, [prepared], null);
        await deps.audit.record(trx, ctx, {
          action: 'licenses.license.issue', targetType: 'license', targetId: row!.id!,
          details: { identifier: row!.identifier, typeCode: type.code, holderId: prepared.holderId, departmentId: department.id },
        });
        return row!.id!;
      });
    },

    /**
     * Issues many licenses of one type at once: every row is checked first and the problems of all rows are listed
     * per row (400, nothing written); otherwise all are issued in one transaction.
     */
    async issueBatch(ctx: RequestContext, input: BatchInput) {
      const type = await issuableType(input.typeCode);
      const department = await issuingDepartment(ctx, type, input.issuerDepartmentId);
      const today = todayOf(deps);
      const rows: RowProblems[] = [];
      const prepared: Prepared[] = [];
      const seen = new Map<string, number>();
      input.items.forEach((item, i) => {
        const checked = prepareRow(type, item, `body.items.${i}`, today);
        const key = canonicalJson([checked.prepared.holderId, checked.prepared.fields, checked.prepared.validFrom]);
        if (seen.has(key)) checked.problems.push({ path: `body.items.${i}`, message: `与第 ${seen.get(key)! + 1} 行完全相同` });
        else seen.set(key, i);
        if (checked.problems.length) rows.push({ row: i, problems: checked.problems });
        prepared.push(checked.prepared);
      });
      if (rows.length) throw LicensesErrors.batchInvalid(rows);
      const batchId = randomUUID();
      const issued = await inTransaction(deps.db, async (trx) => {
        const out = await issueRows(trx, ctx, type, department, prepared, batchId);
        await deps.audit.record(trx, ctx, {
          action: 'licenses.license.issue-batch', targetType: 'license-batch', targetId: batchId,
          details: { typeCode: type.code, departmentId: department.id, count: out.length, identifiers: out.map((o) => o.identifier) },
        });
        return out;
      });
      return { batchId, count: issued.length, items: issued.map((o, row) => ({ row, id: o.id!, identifier: o.identifier })) };
    },

    /** 延续: a new version for a new validity period (from the day after the old one ends, or from today). */
    async renew(ctx: RequestContext, id: string, input: { validFrom?: string | undefined; reason?: string | undefined }): Promise<string> {
      const today = todayOf(deps);
      const auth = await authorize(ctx, id);
      return inTransaction(deps.db, async (trx) => {
        const base = await locked(trx, id, auth);
        const { row, type } = base;
        activeOnly(row, today, '延续');
        const rule = type.validity as ValidityRule;
        if (rule.kind === 'permanent') throw LicensesErrors.permanentNoRenewal();
        const validFrom = input.validFrom ?? (row.valid_until !== null && row.valid_until >= today ? addDays(row.valid_until, 1) : today);
        const checked = prepareRow(type, { holderId: row.holder_id, holderName: row.holder_name, fields: row.fields as FieldValues, validFrom }, 'body', today);
        // The stored data was valid when issued; only the new dates can be wrong now (a schema edited since is not
        // the holder's problem and is not re-checked on renewal).
        const dateProblems = checked.problems.filter((p) => p.path === 'body.validFrom');
        if (dateProblems.length) throw LicensesErrors.invalidFields(dateProblems);
        const next = await newVersion(trx, ctx, base, { ...checked.prepared, fields: row.fields as FieldValues }, 'renewal', input.reason?.trim() || null);
        await deps.audit.record(trx, ctx, {
          action: 'licenses.license.renew', targetType: 'license', targetId: next.id!,
          details: { identifier: next.identifier, previous: row.identifier, validFrom: next.valid_from, validUntil: next.valid_until },
        });
        return next.id!;
      });
    },

    /** 变更: a new version with changed data (fields merged; null removes an optional field), same validity. */
    async change(ctx: RequestContext, id: string, input: { fields?: Record<string, unknown> | undefined; holderName?: string | undefined; reason: string }): Promise<string> {
      const today = todayOf(deps);
      const auth = await authorize(ctx, id);
      return inTransaction(deps.db, async (trx) => {
        const base = await locked(trx, id, auth);
        const { row, type } = base;
        activeOnly(row, today, '变更');
        const status = statusOf(row, today);
        if (status.code === 'expired') throw LicensesErrors.wrongState(status.label, '变更（请先延续）');
        const merged: Record<string, unknown> = { ...(row.fields as FieldValues), ...(input.fields ?? {}) };
        const holder = validateHolder(type.holder_type, row.holder_id, input.holderName ?? row.holder_name, 'body', today);
        const fields = validateFieldValues(type.fields as FieldDef[], merged, 'body.fields');
        const problems = [...holder.problems.filter((p) => p.path !== 'body.holderId'), ...fields.problems];
        if (problems.length) throw LicensesErrors.invalidFields(problems);
        if (canonicalJson(fields.clean) === canonicalJson(row.fields) && holder.holderName === row.holder_name) throw LicensesErrors.noChanges();
        const prepared: Prepared = { holderId: row.holder_id, holderName: holder.holderName, fields: fields.clean, issuedOn: today, validFrom: row.valid_from, validUntil: row.valid_until };
        const next = await newVersion(trx, ctx, base, prepared, 'change', input.reason.trim());
        await deps.audit.record(trx, ctx, {
          action: 'licenses.license.change', targetType: 'license', targetId: next.id!,
          details: { identifier: next.identifier, previous: row.identifier, reason: input.reason, changed: Object.keys(input.fields ?? {}), holderName: input.holderName ?? null },
        });
        return next.id!;
      });
    },

    /** 吊销 / 注销 with a reason and an effective date (not before issuance, not in the future). */
    async revoke(ctx: RequestContext, id: string, input: RevokeInput): Promise<string> {
      const today = todayOf(deps);
      const auth = await authorize(ctx, id);
      return inTransaction(deps.db, async (trx) => {
        const { row } = await locked(trx, id, auth);
        const action = input.kind === 'revoke' ? '吊销' : '注销';
        activeOnly(row, today, action);
        const date = input.date ?? today;
        if (!isIsoDate(date)) throw LicensesErrors.invalidFields([{ path: 'body.date', message: '生效日期应为有效日期（YYYY-MM-DD）' }]);
        if (date > today) throw LicensesErrors.invalidFields([{ path: 'body.date', message: `${action}日期不能晚于今天（${today}）` }]);
        if (date < row.issued_on) throw LicensesErrors.invalidFields([{ path: 'body.date', message: `${action}日期不能早于颁发日期 ${row.issued_on}` }]);
        const state = input.kind === 'revoke' ? 'revoked' : 'cancelled';
        await createLicensesRepository(trx).endLicense(row.id, { state, ended_on: date, end_reason: input.reason.trim(), ended_at: nowOf(deps), ended_by: ctx.actor?.userId ?? null });
        await deps.audit.record(trx, ctx, { action: `licenses.license.${input.kind}`, targetType: 'license', targetId: row.id, details: { identifier: row.identifier, date, reason: input.reason } });
        return row.id;
      });
    },
  };
}
