import { sql, type Generated, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { HolderType } from './license-model.ts';
import type { LicensesTables } from './licenses.repository.ts';

// SQL of the holder wallet (我的证照): the holder's licenses, shareable copies (分享副本), consents (用证授权) and the
// holder's use log. Table types of licenses_shares and licenses_consents (migration 0002).

export type WalletTables = {
  licenses_shares: {
    id: string;
    license_id: string;
    holder_id: string;
    /** SM3 (hex) of the token; the token itself is never stored. */
    token_hash: string;
    purpose: string;
    expires_at: Date;
    created_by: string | null;
    created_at: Generated<Date>;
    revoked_at: Date | null;
    revoked_by: string | null;
  };
  licenses_consents: {
    id: string;
    holder_id: string;
    holder_type: HolderType;
    type_code: string;
    department_id: string;
    purpose: string;
    service_item: string | null;
    case_number: string | null;
    once: boolean;
    valid_until: string;
    created_by: string | null;
    created_at: Generated<Date>;
    revoked_at: Date | null;
    revoked_by: string | null;
    consumed_at: Date | null;
    use_count: Generated<number>;
  };
};

export type ShareRow = Selectable<WalletTables['licenses_shares']>;
export type ConsentRow = Selectable<WalletTables['licenses_consents']>;

/** All SQL of the holder wallet. */
export function createWalletRepository(base: Kysely<unknown>) {
  const db = base.withTables<LicensesTables>();

  return {
    /** The holder's licenses: current versions (no superseded rows), newest first. */
    licensesOfHolder: (holderId: string) =>
      db.selectFrom('licenses_licenses').selectAll().where('holder_id', '=', holderId).where('state', '!=', 'superseded').orderBy('issued_at', 'desc').limit(500).execute(),

    // ── shares ───────────────────────────────────────────────────────────────
    async insertShare(row: Insertable<WalletTables['licenses_shares']>) {
      await db.insertInto('licenses_shares').values(row).execute();
    },
    sharesOfLicense: (licenseId: string) =>
      db.selectFrom('licenses_shares').selectAll().where('license_id', '=', licenseId).orderBy('created_at', 'desc').limit(200).execute(),
    shareById: (id: string) => db.selectFrom('licenses_shares').selectAll().where('id', '=', id).executeTakeFirst(),
    shareByTokenHash: (hash: string) => db.selectFrom('licenses_shares').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
    async revokeShare(id: string, by: string | null, at: Date) {
      await db.updateTable('licenses_shares').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    /** How often each share was opened (用证记录 rows with outcome shared_open). */
    async shareOpens(shareIds: string[]): Promise<Map<string, { count: number; last: Date | null }>> {
      if (!shareIds.length) return new Map();
      const rows = await db
        .selectFrom('licenses_uses')
        .select(['share_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('used_at').as('last')])
        .where('share_id', 'in', shareIds)
        .groupBy('share_id')
        .execute();
      return new Map(rows.map((r) => [r.share_id!, { count: Number(r.n), last: r.last ? new Date(r.last as unknown as string) : null }]));
    },

    // ── consents ─────────────────────────────────────────────────────────────
    async insertConsent(row: Insertable<WalletTables['licenses_consents']>) {
      await db.insertInto('licenses_consents').values(row).execute();
    },
    consentsOfHolder: (holderId: string) =>
      db.selectFrom('licenses_consents').selectAll().where('holder_id', '=', holderId).orderBy('created_at', 'desc').limit(500).execute(),
    consentById: (id: string) => db.selectFrom('licenses_consents').selectAll().where('id', '=', id).executeTakeFirst(),
    consentForUpdate: (id: string) => db.selectFrom('licenses_consents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    async revokeConsent(id: string, by: string | null, at: Date) {
      await db.updateTable('licenses_consents').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    /** Counts a use of the consent; a one-off consent is consumed by it. */
    async markConsentUsed(id: string, once: boolean, at: Date) {
      await db
        .updateTable('licenses_consents')
        .set({ use_count: sql`use_count + 1`, ...(once ? { consumed_at: at } : {}) })
        .where('id', '=', id)
        .execute();
    },

    // ── uses ─────────────────────────────────────────────────────────────────
    /** Every use of the holder's licenses (including requests that found none, refusals and shared-copy opens). */
    usesOfHolder: (holderId: string) =>
      db
        .selectFrom('licenses_uses as u')
        .leftJoin('licenses_licenses as l', 'l.id', 'u.license_id')
        .leftJoin('licenses_shares as s', 's.id', 'u.share_id')
        .selectAll('u')
        .select(['l.type_name', 'l.identifier', 's.purpose as share_purpose'])
        .where('u.holder_id', '=', holderId)
        .orderBy('u.used_at', 'desc')
        .limit(500)
        .execute(),
  };
}

export type WalletRepository = ReturnType<typeof createWalletRepository>;
