import type { Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';

// A type alias (not an interface) so Kysely accepts it.
export type SharingTables = {
  sharing_settings: { id: number; unconditional_mode: 'auto' | 'check'; max_validity_days: number; default_rate_limit_per_minute: number; updated_at: Generated<Date>; updated_by: string | null };
  sharing_deadline_rules: { code: string; name: string; description: string; working_days: number; yellow_days: number; enabled: boolean; sort_order: number };
  sharing_grants: {
    id: string; request_id: string; entry_id: string; entry_code: string; entry_name: string; provider_department_id: string; consumer_department_id: string;
    consumer_system_id: string; items: string[]; operations: string[]; allowed_ips: string[]; purpose: string; valid_from: string; valid_until: string;
    rate_limit_per_minute: number; daily_quota: number; require_case_number: boolean; require_operator_id: boolean; status: 'active' | 'revoked';
    revoked_at: Date | null; revoked_by: string | null; revoke_reason: string | null; created_at: Generated<Date>; updated_at: Generated<Date>;
  };
  sharing_requests: {
    id: string; kind: 'new' | 'renewal'; grant_id: string | null; entry_id: string; entry_code: string; entry_name: string; share_type: 'unconditional' | 'conditional';
    mounted: boolean; provider_department_id: string; provider_department_name: string; requester_department_id: string; requester_department_name: string;
    requester_user_id: string | null; requester_name: string; items: string[]; item_names: string[]; purpose_type: string; purpose_text: string; legal_basis: string;
    scenario: string; consumer_system_id: string; consumer_system_name: string; allowed_ips: string[]; valid_until: string; expected_daily_volume: number;
    operations: string[]; status: string; step_rule: string | null; step_started_on: string | null; refusal_code: string | null; refusal_text: string | null;
    arbitration_reason: string | null; decision_note: string | null; created_at: Generated<Date>; updated_at: Generated<Date>; decided_at: Date | null;
  };
  sharing_demands: {
    id: string; title: string; description: string; items: string[]; purpose: string; legal_basis: string; requester_department_id: string;
    requester_department_name: string; requester_user_id: string | null; target_department_id: string | null; target_department_name: string | null;
    provider_department_id: string | null; provider_department_name: string | null; status: string; step_rule: string | null; step_started_on: string | null;
    answer_outcome: string | null; answer_entry_id: string | null; answer_entry_name: string | null; answer_reason_code: string | null; answer_text: string | null;
    satisfied: boolean | null; created_at: Generated<Date>; updated_at: Generated<Date>;
  };
  sharing_events: {
    seq: Generated<string>; subject_type: 'request' | 'demand'; subject_id: string; at: Generated<Date>; actor_id: string | null; actor_name: string;
    action: string; from_status: string | null; to_status: string | null; note: string | null;
  };
};

export type SettingsRow = Selectable<SharingTables['sharing_settings']>;
export type RuleRow = Selectable<SharingTables['sharing_deadline_rules']>;
export type GrantRow = Selectable<SharingTables['sharing_grants']>;
export type RequestRow = Selectable<SharingTables['sharing_requests']>;
export type DemandRow = Selectable<SharingTables['sharing_demands']>;
export type EventRow = Selectable<SharingTables['sharing_events']>;

/** Visibility filter: null = everything (bureau), else rows where the department is requester/consumer or provider. */
export interface Visibility {
  departmentId: string | null;
  all: boolean;
}

export function createSharingRepository(raw: Kysely<unknown>) {
  const db = raw as unknown as Kysely<SharingTables>;
  return {
    settings: () => db.selectFrom('sharing_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
    async updateSettings(patch: Updateable<SharingTables['sharing_settings']>) {
      await db.updateTable('sharing_settings').set({ ...patch, updated_at: new Date() }).where('id', '=', 1).execute();
    },
    rules: () => db.selectFrom('sharing_deadline_rules').selectAll().orderBy('sort_order').execute(),
    async updateRule(code: string, patch: Updateable<SharingTables['sharing_deadline_rules']>) {
      await db.updateTable('sharing_deadline_rules').set(patch).where('code', '=', code).execute();
    },

    // ── requests ──
    request: (id: string) => db.selectFrom('sharing_requests').selectAll().where('id', '=', id).executeTakeFirst(),
    requestForUpdate: (id: string) => db.selectFrom('sharing_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    async insertRequest(row: Insertable<SharingTables['sharing_requests']>) {
      await db.insertInto('sharing_requests').values(row).execute();
    },
    async updateRequest(id: string, patch: Updateable<SharingTables['sharing_requests']>) {
      await db.updateTable('sharing_requests').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async listRequests(f: { box: 'outgoing' | 'incoming' | 'all'; vis: Visibility; status?: string | undefined; q?: string | undefined }, limit: number, offset: number) {
      let q = db.selectFrom('sharing_requests');
      const dept = f.vis.departmentId ?? '00000000-0000-0000-0000-000000000000';
      if (f.box === 'outgoing') q = q.where('requester_department_id', '=', dept);
      else if (f.box === 'incoming') q = q.where('provider_department_id', '=', dept);
      else if (!f.vis.all) q = q.where((eb) => eb.or([eb('requester_department_id', '=', dept), eb('provider_department_id', '=', dept)]));
      if (f.status) q = q.where('status', '=', f.status);
      if (f.q) q = q.where((eb) => eb.or([eb('entry_name', 'ilike', `%${f.q}%`), eb('purpose_text', 'ilike', `%${f.q}%`), eb('scenario', 'ilike', `%${f.q}%`)]));
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    openRequests: (statuses: string[]) => db.selectFrom('sharing_requests').selectAll().where('status', 'in', statuses).orderBy('created_at').execute(),
    openRenewal: (grantId: string) =>
      db.selectFrom('sharing_requests').select('id').where('grant_id', '=', grantId).where('kind', '=', 'renewal').where('status', 'in', ['reviewing', 'arbitrating']).executeTakeFirst(),
    requestCounts: () => db.selectFrom('sharing_requests').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),

    // ── grants ──
    grant: (id: string) => db.selectFrom('sharing_grants').selectAll().where('id', '=', id).executeTakeFirst(),
    grantForUpdate: (id: string) => db.selectFrom('sharing_grants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    async insertGrant(row: Insertable<SharingTables['sharing_grants']>) {
      await db.insertInto('sharing_grants').values(row).execute();
    },
    async updateGrant(id: string, patch: Updateable<SharingTables['sharing_grants']>) {
      await db.updateTable('sharing_grants').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async listGrants(f: { role: 'consumer' | 'provider' | 'all'; vis: Visibility; status?: string | undefined; entryId?: string | undefined; today: string }, limit: number, offset: number) {
      let q = db.selectFrom('sharing_grants');
      const dept = f.vis.departmentId ?? '00000000-0000-0000-0000-000000000000';
      if (f.role === 'consumer') q = q.where('consumer_department_id', '=', dept);
      else if (f.role === 'provider') q = q.where('provider_department_id', '=', dept);
      else if (!f.vis.all) q = q.where((eb) => eb.or([eb('consumer_department_id', '=', dept), eb('provider_department_id', '=', dept)]));
      if (f.entryId) q = q.where('entry_id', '=', f.entryId);
      if (f.status === 'revoked') q = q.where('status', '=', 'revoked');
      if (f.status === 'active') q = q.where('status', '=', 'active').where('valid_until', '>=', f.today);
      if (f.status === 'expired') q = q.where('status', '=', 'active').where('valid_until', '<', f.today);
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    activeGrants: (consumerSystemId: string, today: string, entryId?: string) => {
      let q = db.selectFrom('sharing_grants').selectAll().where('consumer_system_id', '=', consumerSystemId).where('status', '=', 'active')
        .where('valid_from', '<=', today).where('valid_until', '>=', today);
      if (entryId) q = q.where('entry_id', '=', entryId);
      return q.orderBy('valid_until', 'desc').execute();
    },
    allGrantStatus: () => db.selectFrom('sharing_grants').select(['status', 'valid_until']).execute(),

    // ── demands ──
    demand: (id: string) => db.selectFrom('sharing_demands').selectAll().where('id', '=', id).executeTakeFirst(),
    demandForUpdate: (id: string) => db.selectFrom('sharing_demands').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    async insertDemand(row: Insertable<SharingTables['sharing_demands']>) {
      await db.insertInto('sharing_demands').values(row).execute();
    },
    async updateDemand(id: string, patch: Updateable<SharingTables['sharing_demands']>) {
      await db.updateTable('sharing_demands').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async listDemands(f: { box: 'outgoing' | 'incoming' | 'all'; vis: Visibility; status?: string | undefined }, limit: number, offset: number) {
      let q = db.selectFrom('sharing_demands');
      const dept = f.vis.departmentId ?? '00000000-0000-0000-0000-000000000000';
      if (f.box === 'outgoing') q = q.where('requester_department_id', '=', dept);
      else if (f.box === 'incoming') q = q.where('provider_department_id', '=', dept);
      else if (!f.vis.all) q = q.where((eb) => eb.or([eb('requester_department_id', '=', dept), eb('provider_department_id', '=', dept)]));
      if (f.status) q = q.where('status', '=', f.status);
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    openDemands: (statuses: string[]) => db.selectFrom('sharing_demands').selectAll().where('status', 'in', statuses).orderBy('created_at').execute(),
    demandCounts: () => db.selectFrom('sharing_demands').select(['status', 'satisfied']).execute(),

    // ── history ──
    async insertEvent(row: Insertable<SharingTables['sharing_events']>) {
      await db.insertInto('sharing_events').values(row).execute();
    },
    events: (subjectId: string) => db.selectFrom('sharing_events').selectAll().where('subject_id', '=', subjectId).orderBy('seq').execute(),
  };
}
export type SharingRepository = ReturnType<typeof createSharingRepository>;
