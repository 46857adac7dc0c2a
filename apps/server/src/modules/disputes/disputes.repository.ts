import { sql, type Generated, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';

// A type alias (not an interface) so Kysely accepts it.
export type DisputesTables = {
  disputes_rules: { code: string; name: string; description: string; working_days: number; yellow_days: number; enabled: boolean; sort_order: number };
  disputes_disputes: {
    id: string; entry_id: string; entry_name: string; record_key: string; key_item: string; items: string[]; item_names: string[];
    seen_values: Record<string, string | null>; current_values: Record<string, string | null>; expected_values: Record<string, string | null>;
    corrected_values: Record<string, string | null> | null; reason: string; raiser_user_id: string | null; raiser_name: string;
    raiser_department_id: string; raiser_department_name: string; provider_department_id: string; provider_department_name: string;
    status: string; step_rule: string | null; step_started_on: string | null; step_due_on: string | null; decision_note: string | null;
    created_at: Generated<Date>; updated_at: Generated<Date>; accepted_at: Date | null; closed_at: Date | null;
  };
  disputes_marks: { dispute_id: string; item_code: string; entry_id: string; record_key: string; marked_at: Generated<Date> };
  disputes_evidence: {
    id: string; dispute_id: string; file_name: string; content_type: string; size: number; sm3: string; content: Buffer;
    uploaded_by: string | null; uploader_name: string; created_at: Generated<Date>;
  };
  disputes_events: {
    seq: Generated<string>; dispute_id: string; at: Generated<Date>; actor_id: string | null; actor_name: string; action: string;
    from_status: string | null; to_status: string | null; note: string | null;
  };
  disputes_notifications: { id: string; user_id: string; dispute_id: string; title: string; body: string; created_at: Generated<Date>; read_at: Date | null };
};

export type RuleRow = Selectable<DisputesTables['disputes_rules']>;
export type DisputeRow = Selectable<DisputesTables['disputes_disputes']>;
export type EventRow = Selectable<DisputesTables['disputes_events']>;
export type NotificationRow = Selectable<DisputesTables['disputes_notifications']>;

/** Who sees which disputes: everything, or the ones a department raised or provides (and a user's own). */
export interface Visibility {
  all: boolean;
  departmentId: string | null;
  userId: string | null;
}

export interface ListFilter {
  box: 'mine' | 'accept' | 'verify' | 'all';
  vis: Visibility;
  status?: string | undefined;
  q?: string | undefined;
  entryId?: string | undefined;
  overdue?: boolean | undefined;
  today: string;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';
const ident = (name: string) => sql.id(name);

export function createDisputesRepository(raw: Kysely<unknown>) {
  const db = raw as unknown as Kysely<DisputesTables>;

  function filtered(f: ListFilter) {
    let q = db.selectFrom('disputes_disputes');
    const dept = f.vis.departmentId ?? NO_ID;
    if (f.box === 'mine') q = q.where('raiser_user_id', '=', f.vis.userId ?? NO_ID);
    else if (f.box === 'accept') q = q.where('status', '=', 'submitted');
    else if (f.box === 'verify') q = q.where('provider_department_id', '=', dept).where('status', '=', 'verifying');
    if (!f.vis.all) {
      q = q.where((eb) => eb.or([eb('raiser_department_id', '=', dept), eb('provider_department_id', '=', dept), eb('raiser_user_id', '=', f.vis.userId ?? NO_ID)]));
    }
    if (f.status) q = q.where('status', '=', f.status);
    if (f.entryId) q = q.where('entry_id', '=', f.entryId);
    if (f.overdue) q = q.where('status', 'in', ['submitted', 'verifying']).where('step_due_on', '<', f.today);
    if (f.q) {
      const like = `%${f.q}%`;
      q = q.where((eb) => eb.or([eb('entry_name', 'ilike', like), eb('record_key', '=', f.q!), eb('reason', 'ilike', like), eb('raiser_department_name', 'ilike', like)]));
    }
    return q;
  }

  return {
    rules: () => db.selectFrom('disputes_rules').selectAll().orderBy('sort_order').execute(),
    async updateRule(code: string, patch: Updateable<DisputesTables['disputes_rules']>) {
      await db.updateTable('disputes_rules').set(patch).where('code', '=', code).execute();
    },

    dispute: (id: string) => db.selectFrom('disputes_disputes').selectAll().where('id', '=', id).executeTakeFirst(),
    disputeForUpdate: (id: string) => db.selectFrom('disputes_disputes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    async insertDispute(row: Insertable<DisputesTables['disputes_disputes']>) {
      await db.insertInto('disputes_disputes').values(row).execute();
    },
    async updateDispute(id: string, patch: Updateable<DisputesTables['disputes_disputes']>) {
      await db.updateTable('disputes_disputes').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    /** Open disputes (submitted or verifying) on the same record that touch any of the items. */
    openOverlapping: (entryId: string, key: string, items: string[]) =>
      db.selectFrom('disputes_disputes').select(['id', 'items']).where('entry_id', '=', entryId).where('record_key', '=', key)
        .where('status', 'in', ['submitted', 'verifying']).where(sql<boolean>`items && ${sql.val(items)}::text[]`).execute(),
    async list(f: ListFilter, limit: number, offset: number) {
      const q = filtered(f);
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    listAll: (f: ListFilter, max: number) => filtered(f).selectAll().orderBy('created_at', 'desc').orderBy('id').limit(max).execute(),
    counts: (vis: Visibility, today: string) => {
      const q = filtered({ box: 'all', vis, today });
      return q.select([
        'status', (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`count(*) filter (where step_due_on < ${today})`.as('overdue'),
      ]).groupBy('status').execute();
    },

    // ── marks ──
    async insertMarks(rows: Insertable<DisputesTables['disputes_marks']>[]) {
      if (rows.length) await db.insertInto('disputes_marks').values(rows).execute();
    },
    async deleteMarks(disputeId: string) {
      await db.deleteFrom('disputes_marks').where('dispute_id', '=', disputeId).execute();
    },
    async markedEntries(): Promise<string[]> {
      return (await db.selectFrom('disputes_marks').select('entry_id').distinct().execute()).map((r) => r.entry_id);
    },
    marksFor: (entryId: string, keys: string[]) =>
      db.selectFrom('disputes_marks').select(['record_key', 'item_code', 'dispute_id', 'marked_at']).where('entry_id', '=', entryId).where('record_key', 'in', keys)
        .orderBy('record_key').orderBy('item_code').execute(),

    // ── evidence ──
    async insertEvidence(row: Insertable<DisputesTables['disputes_evidence']>) {
      await db.insertInto('disputes_evidence').values(row).execute();
    },
    evidenceList: (disputeId: string) =>
      db.selectFrom('disputes_evidence').select(['id', 'file_name', 'content_type', 'size', 'sm3', 'uploader_name', 'created_at']).where('dispute_id', '=', disputeId).orderBy('created_at').execute(),
    evidence: (disputeId: string, id: string) => db.selectFrom('disputes_evidence').selectAll().where('dispute_id', '=', disputeId).where('id', '=', id).executeTakeFirst(),

    // ── history ──
    async insertEvent(row: Insertable<DisputesTables['disputes_events']>) {
      await db.insertInto('disputes_events').values(row).execute();
    },
    events: (disputeId: string) => db.selectFrom('disputes_events').selectAll().where('dispute_id', '=', disputeId).orderBy('seq').execute(),

    // ── notifications ──
    async insertNotification(row: Insertable<DisputesTables['disputes_notifications']>) {
      await db.insertInto('disputes_notifications').values(row).execute();
    },
    notifications: (userId: string, unreadOnly: boolean, limit: number) => {
      let q = db.selectFrom('disputes_notifications').selectAll().where('user_id', '=', userId);
      if (unreadOnly) q = q.where('read_at', 'is', null);
      return q.orderBy('created_at', 'desc').limit(limit).execute();
    },
    async unreadCount(userId: string) {
      const r = await db.selectFrom('disputes_notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async markRead(userId: string, ids: string[] | null) {
      let q = db.updateTable('disputes_notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
      if (ids) q = q.where('id', 'in', ids.length ? ids : [NO_ID]);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    // ── the department data table (read only): one live row by its key ──
    async readRecord(t: { schema: string; table: string }, keyColumn: string, key: string, columns: string[]): Promise<Record<string, unknown> | null> {
      const r = await sql<Record<string, unknown>>`
        select ${sql.join(columns.map(ident))} from ${sql.id(t.schema, t.table)}
        where ${ident(keyColumn)}::text = ${key} and deleted_at is null limit 1`.execute(db);
      return r.rows[0] ?? null;
    },
  };
}
export type DisputesRepository = ReturnType<typeof createDisputesRepository>;
