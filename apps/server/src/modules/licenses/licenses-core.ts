import type { Kysely } from 'kysely';
import { maskCreditCode, maskIdNumber, maskName } from '@shuzheng/standards';
import { scopeOf, type RequestContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { chinaDate, describeValidity, HOLDER_CODES, statusOf, type FieldDef, type ValidityRule } from './license-model.ts';
import type { FaceTemplate, LicenseRow, TypeRow } from './licenses.repository.ts';

// What every part of the licenses service shares: dependencies, the clock, department names, who may see what,
// and the views of types and licenses.

export interface LicensesDeps {
  db: Kysely<unknown>;
  audit: Pick<AuditService, 'record'>;
  departments: Pick<IdentityService['departments'], 'get' | 'list'>;
  /** Who the holder behind a citizen / enterprise account is (identity's holderOf): the wallet's only view of identity. */
  holders: Pick<IdentityService, 'holderOf'>;
  /** LICENSE_MASTER_KEY: 32 hex digits, the SM4 key that encrypts every private key at rest. */
  masterKey: string;
  /** The clock; tests may fix it. */
  now?: () => Date;
  /** PUBLIC_URL: the origin of the verification links printed on license PDFs (else the request's origin). */
  publicUrl?: string | undefined;
}

export const nowOf = (deps: LicensesDeps) => (deps.now ? deps.now() : new Date());
/** The instant with its milliseconds dropped: signing times are recorded to the second (GeneralizedTime in DER). */
export const wholeSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);
export const todayOf = (deps: LicensesDeps) => chinaDate(nowOf(deps));

export interface DepartmentRef {
  id: string;
  name: string;
  creditCode: string;
}

/** Department names and credit codes, looked up once per call. */
export function departmentCache(deps: LicensesDeps) {
  const cache = new Map<string, Promise<DepartmentRef | null>>();
  return (id: string): Promise<DepartmentRef | null> => {
    let hit = cache.get(id);
    if (!hit) {
      hit = deps.departments.get(id).then(
        (d) => ({ id: d.id, name: d.name, creditCode: d.creditCode }),
        (err) => {
          if (err instanceof AppError && err.status === 404) return null;
          throw err;
        },
      );
      cache.set(id, hit);
    }
    return hit;
  };
}

// ── access ───────────────────────────────────────────────────────────────────
/** The department whose licenses the caller may read: null = every department, 'none' = no license at all. */
export function readableDepartment(ctx: RequestContext): string | null | 'none' {
  const scopes = [scopeOf(ctx, 'licenses.license.read'), scopeOf(ctx, 'licenses.license.issue')];
  if (scopes.includes('all')) return null;
  if (scopes.includes('department') && ctx.actor?.departmentId) return ctx.actor.departmentId;
  return 'none';
}

export function canRead(ctx: RequestContext, row: Pick<LicenseRow, 'issuer_department_id'>): boolean {
  const dept = readableDepartment(ctx);
  return dept === null || dept === row.issuer_department_id;
}

// ── views ────────────────────────────────────────────────────────────────────
export async function typeViews(rows: TypeRow[], issuers: Map<string, string[]>, counts: Map<string, number>, department: (id: string) => Promise<DepartmentRef | null>) {
  return Promise.all(
    rows.map(async (t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      level: t.level as 'national' | 'provincial' | 'city' | 'county' | 'town',
      holderType: t.holder_type,
      holderCode: HOLDER_CODES[t.holder_type],
      issuerDepartments: (await Promise.all((issuers.get(t.id) ?? []).map(department))).filter((d): d is DepartmentRef => d !== null),
      fields: t.fields as FieldDef[],
      validity: t.validity as ValidityRule,
      validityText: describeValidity(t.validity as ValidityRule),
      faceTemplate: t.face_template as FaceTemplate,
      catalogEntryId: t.catalog_entry_id,
      referenceOnly: t.reference_only,
      status: t.status,
      licenseCount: counts.get(t.id) ?? 0,
      createdAt: t.created_at.toISOString(),
      updatedAt: t.updated_at.toISOString(),
    })),
  );
}

export type TypeView = Awaited<ReturnType<typeof typeViews>>[number];

/** The staff view of a license: everything but the signature bytes (fetched separately as the signed document). */
export function licenseView(row: LicenseRow, today: string, seal: { esId: string; name: string } | null) {
  return {
    id: row.id,
    identifier: row.identifier,
    version: row.version,
    serial: row.serial,
    typeId: row.type_id,
    typeCode: row.type_code,
    typeName: row.type_name,
    issuer: { departmentId: row.issuer_department_id, code: row.issuer_code, name: row.issuer_name },
    holder: { type: row.holder_type, code: HOLDER_CODES[row.holder_type], id: row.holder_id, name: row.holder_name },
    fields: row.fields as Record<string, string | number>,
    issuedOn: row.issued_on,
    issuedAt: row.issued_at.toISOString(),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: statusOf(row, today),
    state: row.state,
    origin: row.origin,
    changeReason: row.change_reason,
    previousId: row.previous_id,
    supersededById: row.superseded_by,
    ended: row.ended_on ? { on: row.ended_on, reason: row.end_reason ?? '' } : null,
    seal: { id: row.seal_id, esId: seal?.esId ?? '', name: seal?.name ?? '' },
    batchId: row.batch_id,
  };
}

export type LicenseView = ReturnType<typeof licenseView>;

/** The holder as the public may see it: names of people and every holder code masked (@shuzheng/standards masking). */
export function publicHolder(row: Pick<LicenseRow, 'holder_type' | 'holder_id' | 'holder_name'>) {
  return row.holder_type === 'citizen'
    ? { type: row.holder_type, code: HOLDER_CODES.citizen, id: maskIdNumber(row.holder_id, 'low'), name: maskName(row.holder_name, 'low') }
    : { type: row.holder_type, code: HOLDER_CODES.entity, id: maskCreditCode(row.holder_id, 'low'), name: row.holder_name };
}

/** Face fields for the public: printed on the face and of sensitivity 1 only, in the face template's order. */
export function publicFace(type: Pick<TypeRow, 'fields' | 'face_template'> | undefined, values: Record<string, unknown>) {
  if (!type) return [];
  const defs = (type.fields as FieldDef[]).filter((f) => f.onFace && f.sensitivity === 1);
  const order = (type.face_template as FaceTemplate).fieldOrder ?? [];
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  return defs
    .filter((f) => values[f.name] !== undefined && values[f.name] !== null)
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map((f) => ({ name: f.name, label: f.label, value: String(values[f.name]) }));
}
