import { sql, type ColumnType, type Generated, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { FieldDef, FieldValues, HolderType, LicenseState, ValidityRule } from './license-model.ts';
import type { WalletTables } from './licenses-wallet.repository.ts';

type Json<T> = ColumnType<T, string, string>;

export interface FaceTemplate {
  title: string;
  fieldOrder: string[];
  page: { width: number; height: number };
  seal: { x: number; y: number; size: number };
  qr: { x: number; y: number; size: number };
}

// A type alias (not an interface) so Kysely's withTables accepts it.
export type LicensesTables = {
  licenses_types: {
    id: string;
    code: string;
    name: string;
    level: string;
    holder_type: HolderType;
    fields: Json<FieldDef[]>;
    validity: Json<ValidityRule>;
    face_template: Json<FaceTemplate>;
    catalog_entry_id: string | null;
    reference_only: boolean;
    status: 'active' | 'retired';
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  licenses_type_issuers: { type_id: string; department_id: string };
  licenses_platform_keys: {
    purpose: 'seal-maker' | 'status-list';
    public_key: string;
    private_key_enc: Buffer;
    master_key_id: string;
    created_at: Generated<Date>;
  };
  licenses_seals: {
    id: string;
    department_id: string;
    es_id: string;
    name: string;
    seal_type: number;
    public_key: string;
    private_key_enc: Buffer;
    master_key_id: string;
    maker_public_key: string;
    seal_der: Buffer;
    picture_type: string;
    picture: Buffer;
    valid_start: Date;
    valid_end: Date;
    status: 'active' | 'retired';
    created_by: string | null;
    created_at: Generated<Date>;
    retired_at: Date | null;
  };
  licenses_serials: { type_code: string; issuer_code: string; last_value: number };
  licenses_licenses: {
    id: string;
    identifier: string;
    type_id: string;
    type_code: string;
    type_name: string;
    issuer_department_id: string;
    issuer_code: string;
    issuer_name: string;
    serial: string;
    version: number;
    holder_type: HolderType;
    holder_id: string;
    holder_name: string;
    fields: Json<FieldValues>;
    valid_from: string;
    valid_until: string | null;
    issued_on: string;
    issued_at: Date;
    seal_id: string;
    signature: Buffer;
    state: LicenseState;
    origin: 'issue' | 'renewal' | 'change';
    change_reason: string | null;
    previous_id: string | null;
    superseded_by: string | null;
    superseded_at: Date | null;
    ended_on: string | null;
    end_reason: string | null;
    ended_at: Date | null;
    ended_by: string | null;
    batch_id: string | null;
    issued_by: string | null;
  };
  licenses_trusted_issuers: {
    id: string;
    name: string;
    division_code: string | null;
    public_key: string;
    note: string | null;
    enabled: boolean;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  licenses_uses: {
    id: string;
    license_id: string | null;
    holder_id: string;
    type_code: string;
    purpose: string;
    case_number: string | null;
    consent: Json<unknown> | null;
    /** no_consent: refused for want of the holder's consent · shared_open: a shared copy (分享副本) was opened */
    outcome: 'provided' | 'not_found' | 'invalid' | 'no_consent' | 'shared_open';
    actor_id: string | null;
    actor_name: string | null;
    department_id: string | null;
    used_at: Generated<Date>;
    consent_id: Generated<string | null>;
    share_id: Generated<string | null>;
  };
} & WalletTables;

export type TypeRow = Selectable<LicensesTables['licenses_types']>;
export type SealRow = Selectable<LicensesTables['licenses_seals']>;
export type LicenseRow = Selectable<LicensesTables['licenses_licenses']>;
export type TrustedIssuerRow = Selectable<LicensesTables['licenses_trusted_issuers']>;
export type UseRow = Selectable<LicensesTables['licenses_uses']>;
export type PlatformKeyRow = Selectable<LicensesTables['licenses_platform_keys']>;
export type NewLicenseRow = Insertable<LicensesTables['licenses_licenses']>;

/** Seal columns without the encrypted private key: what every read path uses. */
const PUBLIC_SEAL_COLUMNS = [
  'id', 'department_id', 'es_id', 'name', 'seal_type', 'public_key', 'maker_public_key', 'seal_der', 'picture_type', 'picture',
  'valid_start', 'valid_end', 'status', 'created_by', 'created_at', 'retired_at',
] as const;
export type PublicSealRow = Omit<SealRow, 'private_key_enc' | 'master_key_id'>;

export const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export interface TypeFilter {
  q?: string | undefined;
  departmentId?: string | undefined;
  holderType?: HolderType | undefined;
  status?: 'active' | 'retired' | undefined;
}

export interface LicenseFilter {
  /** Only licenses issued by this department (scope or filter). */
  departmentId?: string | undefined;
  typeCode?: string | undefined;
  holderId?: string | undefined;
  q?: string | undefined;
  /** Computed status on `today`; see statusOf in license-model.ts (the same rule in SQL). */
  status?: 'valid' | 'expired' | 'not_yet_valid' | 'revoked' | 'cancelled' | 'superseded' | undefined;
  today: string;
  /** false: only the current version of each license (no superseded rows) unless status asks for them. */
  allVersions?: boolean | undefined;
}

/** All SQL of the licenses module. */
export function createLicensesRepository(base: Kysely<unknown>) {
  const db = base.withTables<LicensesTables>();

  return {
    // ── types ────────────────────────────────────────────────────────────────
    typeById: (id: string) => db.selectFrom('licenses_types').selectAll().where('id', '=', id).executeTakeFirst(),
    typeByCode: (code: string) => db.selectFrom('licenses_types').selectAll().where('code', '=', code).executeTakeFirst(),
    typeByName: (name: string) => db.selectFrom('licenses_types').selectAll().where('name', '=', name).executeTakeFirst(),
    async listTypes(f: TypeFilter, limit: number, offset: number) {
      let query = db.selectFrom('licenses_types as t');
      if (f.holderType) query = query.where('t.holder_type', '=', f.holderType);
      if (f.status) query = query.where('t.status', '=', f.status);
      if (f.departmentId) {
        const dept = f.departmentId;
        query = query.where((eb) => eb.exists(eb.selectFrom('licenses_type_issuers as i').select('i.type_id').whereRef('i.type_id', '=', 't.id').where('i.department_id', '=', dept)));
      }
      if (f.q) query = query.where((eb) => eb.or([eb('t.name', 'ilike', `%${escapeLike(f.q!)}%`), eb('t.code', 'like', `${escapeLike(f.q!.toUpperCase())}%`)]));
      const [rows, total] = await Promise.all([
        query.selectAll('t').orderBy('t.code').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    async insertType(row: Insertable<LicensesTables['licenses_types']>) {
      await db.insertInto('licenses_types').values(row).execute();
    },
    async updateType(id: string, patch: Updateable<LicensesTables['licenses_types']>) {
      await db.updateTable('licenses_types').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async deleteType(id: string) {
      await db.deleteFrom('licenses_types').where('id', '=', id).execute();
    },
    async issuersOf(typeIds: string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (!typeIds.length) return out;
      const rows = await db.selectFrom('licenses_type_issuers').selectAll().where('type_id', 'in', typeIds).execute();
      for (const r of rows) out.set(r.type_id, [...(out.get(r.type_id) ?? []), r.department_id]);
      return out;
    },
    async replaceIssuers(typeId: string, departmentIds: string[]) {
      await db.deleteFrom('licenses_type_issuers').where('type_id', '=', typeId).execute();
      if (departmentIds.length) await db.insertInto('licenses_type_issuers').values(departmentIds.map((d) => ({ type_id: typeId, department_id: d }))).execute();
    },
    async licenseCounts(typeIds: string[]): Promise<Map<string, number>> {
      if (!typeIds.length) return new Map();
      const rows = await db
        .selectFrom('licenses_licenses')
        .select(['type_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('type_id', 'in', typeIds)
        .groupBy('type_id')
        .execute();
      return new Map(rows.map((r) => [r.type_id, Number(r.n)]));
    },

    // ── platform keys ────────────────────────────────────────────────────────
    platformKey: (purpose: PlatformKeyRow['purpose']) => db.selectFrom('licenses_platform_keys').selectAll().where('purpose', '=', purpose).executeTakeFirst(),
    /** Inserts the key unless one exists for the purpose (two first uses at once keep the first). */
    async insertPlatformKey(row: Insertable<LicensesTables['licenses_platform_keys']>) {
      await db.insertInto('licenses_platform_keys').values(row).onConflict((oc) => oc.column('purpose').doNothing()).execute();
    },

    // ── seals ────────────────────────────────────────────────────────────────
    sealById: (id: string) => db.selectFrom('licenses_seals').select(PUBLIC_SEAL_COLUMNS).where('id', '=', id).executeTakeFirst(),
    sealByEsId: (esId: string) => db.selectFrom('licenses_seals').select(PUBLIC_SEAL_COLUMNS).where('es_id', '=', esId).executeTakeFirst(),
    /** The department's active seal with its encrypted private key, locked for the signing transaction. */
    activeSealForSigning: (departmentId: string) =>
      db.selectFrom('licenses_seals').selectAll().where('department_id', '=', departmentId).where('status', '=', 'active').forShare().executeTakeFirst(),
    activeSealForUpdate: (departmentId: string) =>
      db.selectFrom('licenses_seals').select(PUBLIC_SEAL_COLUMNS).where('department_id', '=', departmentId).where('status', '=', 'active').forUpdate().executeTakeFirst(),
    async listSeals(f: { departmentId?: string | undefined; status?: 'active' | 'retired' | undefined }) {
      let query = db.selectFrom('licenses_seals').select(PUBLIC_SEAL_COLUMNS);
      if (f.departmentId) query = query.where('department_id', '=', f.departmentId);
      if (f.status) query = query.where('status', '=', f.status);
      return query.orderBy('department_id').orderBy('created_at', 'desc').execute();
    },
    async sealCount(departmentId: string): Promise<number> {
      const row = await db.selectFrom('licenses_seals').select((eb) => eb.fn.countAll<number>().as('n')).where('department_id', '=', departmentId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async retireSeal(id: string) {
      await db.updateTable('licenses_seals').set({ status: 'retired', retired_at: new Date() }).where('id', '=', id).execute();
    },
    async insertSeal(row: Insertable<LicensesTables['licenses_seals']>) {
      await db.insertInto('licenses_seals').values(row).execute();
    },
    async sealsByIds(ids: string[]) {
      if (!ids.length) return [];
      return db.selectFrom('licenses_seals').select(['id', 'es_id', 'name', 'department_id']).where('id', 'in', ids).execute();
    },

    // ── licenses ─────────────────────────────────────────────────────────────
    /** Takes the next 流水号 of a type at an issuer (the row lock serialises concurrent issuers). */
    async nextSerial(typeCode: string, issuerCode: string): Promise<number> {
      const row = await db
        .insertInto('licenses_serials')
        .values({ type_code: typeCode, issuer_code: issuerCode, last_value: 1 })
        .onConflict((oc) => oc.columns(['type_code', 'issuer_code']).doUpdateSet({ last_value: sql`licenses_serials.last_value + 1` }))
        .returning('last_value')
        .executeTakeFirstOrThrow();
      return Number(row.last_value);
    },
    async insertLicenses(rows: NewLicenseRow[]) {
      if (rows.length) await db.insertInto('licenses_licenses').values(rows).execute();
    },
    licenseById: (id: string) => db.selectFrom('licenses_licenses').selectAll().where('id', '=', id).executeTakeFirst(),
    licenseForUpdate: (id: string) => db.selectFrom('licenses_licenses').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    licenseByIdentifier: (identifier: string) => db.selectFrom('licenses_licenses').selectAll().where('identifier', '=', identifier).executeTakeFirst(),
    async supersede(id: string, by: string, at: Date) {
      await db.updateTable('licenses_licenses').set({ state: 'superseded', superseded_by: by, superseded_at: at }).where('id', '=', id).where('state', '=', 'active').execute();
    },
    async endLicense(id: string, patch: { state: 'revoked' | 'cancelled'; ended_on: string; end_reason: string; ended_at: Date; ended_by: string | null }) {
      await db.updateTable('licenses_licenses').set(patch).where('id', '=', id).where('state', '=', 'active').execute();
    },
    async listLicenses(f: LicenseFilter, limit: number, offset: number) {
      let query = db.selectFrom('licenses_licenses');
      if (f.departmentId) query = query.where('issuer_department_id', '=', f.departmentId);
      if (f.typeCode) query = query.where('type_code', '=', f.typeCode);
      if (f.holderId) query = query.where('holder_id', '=', f.holderId.toUpperCase());
      if (f.q) query = query.where((eb) => eb.or([eb('holder_name', 'ilike', `%${escapeLike(f.q!)}%`), eb('identifier', 'like', `%${escapeLike(f.q!.toUpperCase())}%`)]));
      const today = f.today;
      switch (f.status) {
        case 'revoked': case 'cancelled': case 'superseded':
          query = query.where('state', '=', f.status);
          break;
        case 'expired':
          query = query.where('state', '=', 'active').where('valid_until', '<', today);
          break;
        case 'not_yet_valid':
          query = query.where('state', '=', 'active').where('valid_from', '>', today);
          break;
        case 'valid':
          query = query.where('state', '=', 'active').where('valid_from', '<=', today).where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]));
          break;
        default:
          if (!f.allVersions) query = query.where('state', '!=', 'superseded');
      }
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('issued_at', 'desc').orderBy('identifier').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    /** Every version of one license (same type, issuer and serial), oldest first. */
    versionsOf: (row: Pick<LicenseRow, 'type_code' | 'issuer_code' | 'serial'>) =>
      db
        .selectFrom('licenses_licenses')
        .select(['id', 'identifier', 'version', 'state', 'origin', 'issued_at', 'change_reason'])
        .where('type_code', '=', row.type_code)
        .where('issuer_code', '=', row.issuer_code)
        .where('serial', '=', row.serial)
        .orderBy('version')
        .execute(),
    /** The holder's licenses of a type that are valid on `today`, newest first. */
    validLicensesOf: (holderId: string, typeCode: string, today: string) =>
      db
        .selectFrom('licenses_licenses')
        .selectAll()
        .where('holder_id', '=', holderId.toUpperCase())
        .where('type_code', '=', typeCode)
        .where('state', '=', 'active')
        .where('valid_from', '<=', today)
        .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]))
        .orderBy('issued_at', 'desc')
        .execute(),
    /** Every license that is no longer in force for a reason other than its dates: the status list's entries. */
    endedLicenses: () =>
      db
        .selectFrom('licenses_licenses')
        .select(['identifier', 'state', 'ended_on', 'superseded_at'])
        .where('state', '!=', 'active')
        .orderBy('identifier')
        .execute(),

    // ── trusted issuers ──────────────────────────────────────────────────────
    trustedIssuers: (onlyEnabled = false) => {
      let query = db.selectFrom('licenses_trusted_issuers').selectAll();
      if (onlyEnabled) query = query.where('enabled', '=', true);
      return query.orderBy('name').execute();
    },
    trustedIssuerById: (id: string) => db.selectFrom('licenses_trusted_issuers').selectAll().where('id', '=', id).executeTakeFirst(),
    trustedIssuerByKey: (publicKey: string) => db.selectFrom('licenses_trusted_issuers').selectAll().where('public_key', '=', publicKey).executeTakeFirst(),
    async insertTrustedIssuer(row: Insertable<LicensesTables['licenses_trusted_issuers']>) {
      await db.insertInto('licenses_trusted_issuers').values(row).execute();
    },
    async updateTrustedIssuer(id: string, patch: Updateable<LicensesTables['licenses_trusted_issuers']>) {
      await db.updateTable('licenses_trusted_issuers').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },

    // ── uses ─────────────────────────────────────────────────────────────────
    async insertUse(row: Insertable<LicensesTables['licenses_uses']>) {
      await db.insertInto('licenses_uses').values(row).execute();
    },
    usesOfLicense: (licenseId: string) => db.selectFrom('licenses_uses').selectAll().where('license_id', '=', licenseId).orderBy('used_at', 'desc').limit(500).execute(),
  };
}

export type LicensesRepository = ReturnType<typeof createLicensesRepository>;
