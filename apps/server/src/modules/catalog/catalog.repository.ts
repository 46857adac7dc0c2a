import type { EntryStatus } from './catalog.enums.ts';
import { sql, type ColumnType, type Generated, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

// A type alias (not an interface) so Kysely's withTables accepts it.
export type CatalogTables = {
  catalog_department_numbers: { department_id: string; number: number; allocated_at: Generated<Date> };
  catalog_code_sequences: { prefix: string; last_value: number };
  catalog_codes: { code: string; entry_id: string | null; status: 'active' | 'retired'; allocated_at: Generated<Date>; retired_at: Date | null; retired_reason: string | null };
  catalog_systems: {
    id: string;
    department_id: string;
    name: string;
    purpose: string;
    deployment: string;
    network: string;
    status: string;
    contact_name: string | null;
    contact_phone: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  catalog_entries: {
    id: string;
    code: string;
    origin: 'local' | 'provincial';
    department_id: string | null;
    provider_name: string;
    provider_code: string;
    status: EntryStatus;
    category: string;
    subcategory: string;
    name: string;
    summary: string;
    keywords: string[];
    system_id: string | null;
    format_class: string | null;
    format_type: string | null;
    share_type: string | null;
    share_condition: string | null;
    share_method: string | null;
    share_channels: string[];
    share_other_method: string | null;
    no_share_basis_type: string | null;
    no_share_basis_text: string | null;
    open_type: string | null;
    open_condition: string | null;
    update_frequency: string | null;
    grade: string | null;
    sensitivity_level: number | null;
    classified: boolean;
    related_codes: string[];
    duty_text: string | null;
    duty_list_ref: string | null;
    identified_on: string | null;
    duty_changed_on: string | null;
    record_count: number | null;
    storage_mb: ColumnType<string | null, number | null, number | null>;
    contact_name: string | null;
    contact_phone: string | null;
    contact_email: string | null;
    current_version: number | null;
    published_on: string | null;
    last_published_at: Date | null;
    submitted_at: Date | null;
    withdrawal_reason: string | null;
    report_status: Generated<'not_reported' | 'reported' | 'synced' | 'rejected'>;
    report_note: string | null;
    reported_at: Date | null;
    cascade_seq: number | null;
    last_check: Json<unknown> | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  catalog_items: {
    id: string;
    entry_id: string;
    position: number;
    name: string;
    code_name: string;
    data_type: string | null;
    length: number | null;
    description: string | null;
    code_table: string | null;
    share_type: string | null;
    open_type: string | null;
    sensitivity: string;
    authoritative: boolean;
  };
  catalog_versions: {
    entry_id: string;
    version: number;
    snapshot: Json<unknown>;
    published_at: Date;
    published_by: string | null;
    published_by_name: string | null;
    review_id: string | null;
  };
  catalog_reviews: {
    id: string;
    entry_id: string;
    kind: string;
    decision: string;
    comment: string | null;
    reasons: Json<{ path: string; message: string }[]>;
    reviewer_id: string | null;
    reviewer_name: string | null;
    decided_at: Generated<Date>;
    version: number | null;
  };
  catalog_mounts: {
    id: string;
    entry_id: string;
    kind: string;
    status: string;
    status_note: string | null;
    table_spec: Json<unknown> | null;
    api_spec: Json<unknown> | null;
    file_name: string | null;
    file_size: number | null;
    file_sm3: string | null;
    file_content_type: string | null;
    file_content: Buffer | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  catalog_deadline_rules: {
    code: string;
    name: string;
    description: string;
    working_days: number;
    yellow_days: number;
    enabled: boolean;
    sort_order: number;
    updated_at: Generated<Date>;
    updated_by: string | null;
    updated_by_name: string | null;
  };
  catalog_search: {
    entry_id: string;
    code: string;
    name: string;
    summary: string;
    keywords: string[];
    item_names: string[];
    doc: string;
    department_id: string | null;
    department_key: string;
    department_name: string;
    origin: string;
    category: string;
    subcategory: string;
    share_type: string | null;
    open_type: string | null;
    format_class: string | null;
    update_frequency: string | null;
    grade: string | null;
    mounted: boolean;
    version: number;
    published_on: string | null;
    last_published_at: Date;
    item_count: number;
    quality_score: number;
    quality: Json<unknown>;
  };
  catalog_search_items: { entry_id: string; name: string; code_name: string; authoritative: boolean };
};

export type EntryRow = Selectable<CatalogTables['catalog_entries']>;
export type NewEntryRow = Insertable<CatalogTables['catalog_entries']>;
export type EntryPatch = Updateable<CatalogTables['catalog_entries']>;
export type ItemRow = Selectable<CatalogTables['catalog_items']>;
export type SystemRow = Selectable<CatalogTables['catalog_systems']>;
export type MountRow = Omit<Selectable<CatalogTables['catalog_mounts']>, 'file_content'>;
export type ReviewRow = Selectable<CatalogTables['catalog_reviews']>;
export type VersionRow = Selectable<CatalogTables['catalog_versions']>;
export type RuleRow = Selectable<CatalogTables['catalog_deadline_rules']>;

export interface EntryFilter {
  departmentId?: string | undefined;
  q?: string | undefined;
  status?: string[] | undefined;
  category?: string | undefined;
  origin?: string | undefined;
  reportStatus?: string | undefined;
}

// Any constant fits: the allocation of department catalog numbers serialises on it.
const DEPARTMENT_NUMBER_LOCK = 7_204_301;
const CASCADE_FEED_LOCK = 7_204_302;

export const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

const MOUNT_COLUMNS = [
  'id', 'entry_id', 'kind', 'status', 'status_note', 'table_spec', 'api_spec', 'file_name', 'file_size', 'file_sm3', 'file_content_type',
  'created_by', 'created_at', 'updated_at',
] as const;

/** SQL on the catalog's working data: codes, systems, entries, items, versions, reviews, mounts, rules. */
export function createCatalogRepository(base: Kysely<unknown>) {
  const db = base.withTables<CatalogTables>();

  return {
    // ── codes ──────────────────────────────────────────────────────────────
    async departmentNumber(departmentId: string): Promise<number> {
      const existing = await db.selectFrom('catalog_department_numbers').select('number').where('department_id', '=', departmentId).executeTakeFirst();
      if (existing) return existing.number;
      await sql`select pg_advisory_xact_lock(${DEPARTMENT_NUMBER_LOCK})`.execute(db);
      const row = (
        await sql<{ number: number }>`
          insert into catalog_department_numbers (department_id, number)
          select ${departmentId}::uuid, coalesce(max(number), 0) + 1 from catalog_department_numbers
          on conflict (department_id) do nothing
          returning number`.execute(db)
      ).rows[0];
      if (row) return row.number;
      return (await db.selectFrom('catalog_department_numbers').select('number').where('department_id', '=', departmentId).executeTakeFirstOrThrow()).number;
    },
    async nextSequence(prefix: string): Promise<number> {
      const row = await db
        .insertInto('catalog_code_sequences')
        .values({ prefix, last_value: 1 })
        .onConflict((oc) => oc.column('prefix').doUpdateSet({ last_value: sql`catalog_code_sequences.last_value + 1` }))
        .returning('last_value')
        .executeTakeFirstOrThrow();
      return row.last_value;
    },
    async insertCode(code: string, entryId: string | null) {
      await db.insertInto('catalog_codes').values({ code, entry_id: entryId, status: 'active', retired_at: null, retired_reason: null }).execute();
    },
    async linkCode(code: string, entryId: string) {
      await db.updateTable('catalog_codes').set({ entry_id: entryId }).where('code', '=', code).execute();
    },
    async retireCode(code: string, reason: string) {
      await db.updateTable('catalog_codes').set({ status: 'retired', retired_at: new Date(), retired_reason: reason }).where('code', '=', code).execute();
    },
    codeRecord: (code: string) => db.selectFrom('catalog_codes').selectAll().where('code', '=', code).executeTakeFirst(),

    // ── systems ────────────────────────────────────────────────────────────
    systemById: (id: string) => db.selectFrom('catalog_systems').selectAll().where('id', '=', id).executeTakeFirst(),
    systemByName: (departmentId: string, name: string) =>
      db.selectFrom('catalog_systems').selectAll().where('department_id', '=', departmentId).where('name', '=', name).executeTakeFirst(),
    systemsOfDepartment: (departmentId: string) => db.selectFrom('catalog_systems').selectAll().where('department_id', '=', departmentId).orderBy('name').execute(),
    async insertSystem(row: Insertable<CatalogTables['catalog_systems']>) {
      await db.insertInto('catalog_systems').values(row).execute();
    },
    async updateSystem(id: string, patch: Updateable<CatalogTables['catalog_systems']>) {
      await db.updateTable('catalog_systems').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async listSystems(f: { departmentId?: string | undefined; q?: string | undefined; status?: string | undefined }, limit: number, offset: number) {
      let query = db.selectFrom('catalog_systems');
      if (f.departmentId) query = query.where('department_id', '=', f.departmentId);
      if (f.status) query = query.where('status', '=', f.status);
      if (f.q) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${escapeLike(f.q!)}%`), eb('purpose', 'ilike', `%${escapeLike(f.q!)}%`)]));
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('department_id').orderBy('name').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    async systemEntryCounts(ids: string[]): Promise<Map<string, number>> {
      if (!ids.length) return new Map();
      const rows = await db
        .selectFrom('catalog_entries')
        .select(['system_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('system_id', 'in', ids)
        .where('status', '!=', 'withdrawn')
        .groupBy('system_id')
        .execute();
      return new Map(rows.map((r) => [r.system_id!, Number(r.n)]));
    },

    // ── entries and items ──────────────────────────────────────────────────
    entryById: (id: string) => db.selectFrom('catalog_entries').selectAll().where('id', '=', id).executeTakeFirst(),
    entryForUpdate: (id: string) => db.selectFrom('catalog_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    entryByCode: (code: string) => db.selectFrom('catalog_entries').selectAll().where('code', '=', code).executeTakeFirst(),
    async insertEntry(row: NewEntryRow) {
      await db.insertInto('catalog_entries').values(row).execute();
    },
    async updateEntry(id: string, patch: EntryPatch) {
      await db.updateTable('catalog_entries').set({ updated_at: new Date(), ...patch }).where('id', '=', id).execute();
    },
    async deleteEntry(id: string) {
      await db.deleteFrom('catalog_entries').where('id', '=', id).execute();
    },
    items: (entryId: string) => db.selectFrom('catalog_items').selectAll().where('entry_id', '=', entryId).orderBy('position').execute(),
    async itemsOf(entryIds: string[]): Promise<ItemRow[]> {
      if (!entryIds.length) return [];
      return db.selectFrom('catalog_items').selectAll().where('entry_id', 'in', entryIds).orderBy('entry_id').orderBy('position').execute();
    },
    async replaceItems(entryId: string, items: Omit<ItemRow, 'entry_id'>[]) {
      await db.deleteFrom('catalog_items').where('entry_id', '=', entryId).execute();
      if (items.length) await db.insertInto('catalog_items').values(items.map((i) => ({ ...i, entry_id: entryId }))).execute();
    },
    /** Other entries of the department with this name (withdrawn ones excluded). */
    sameNameInDepartment: (departmentId: string, name: string, excludeId: string) =>
      db
        .selectFrom('catalog_entries')
        .select(['id', 'code', 'name', 'status'])
        .where('department_id', '=', departmentId)
        .where('name', '=', name)
        .where('id', '!=', excludeId)
        .where('status', '!=', 'withdrawn')
        .execute(),
    async listEntries(f: EntryFilter, limit: number, offset: number) {
      let query = db.selectFrom('catalog_entries as e');
      if (f.departmentId) query = query.where('e.department_id', '=', f.departmentId);
      if (f.status?.length) query = query.where('e.status', 'in', f.status as EntryStatus[]);
      if (f.category) query = query.where('e.category', '=', f.category);
      if (f.origin) query = query.where('e.origin', '=', f.origin as 'local' | 'provincial');
      if (f.reportStatus) query = query.where('e.report_status', '=', f.reportStatus as 'reported');
      if (f.q) query = query.where((eb) => eb.or([eb('e.name', 'ilike', `%${escapeLike(f.q!)}%`), eb('e.code', 'like', `${escapeLike(f.q!)}%`)]));
      const [rows, total] = await Promise.all([
        query
          .selectAll('e')
          .select((eb) => eb.selectFrom('catalog_items as i').whereRef('i.entry_id', '=', 'e.id').select((x) => x.fn.countAll<number>().as('n')).as('item_count'))
          .orderBy('e.updated_at', 'desc')
          .orderBy('e.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    /** Local entries of one department (all departments when null), for Excel export and statistics. */
    entriesOfDepartment: (departmentId: string | null, opts: { excludeWithdrawn?: boolean } = {}) => {
      let query = db.selectFrom('catalog_entries').selectAll().where('origin', '=', 'local');
      if (departmentId) query = query.where('department_id', '=', departmentId);
      if (opts.excludeWithdrawn) query = query.where('status', '!=', 'withdrawn');
      return query.orderBy('department_id').orderBy('code').execute();
    },
    /** Entries that can carry an open deadline (see track-deadlines.ts). */
    deadlineCandidates: (departmentId: string | null) => {
      let query = db
        .selectFrom('catalog_entries')
        .selectAll()
        .where('origin', '=', 'local')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', 'in', ['draft', 'returned']), eb('identified_on', 'is not', null)]),
            eb.and([eb('status', 'in', ['published', 'change_returned']), eb('duty_changed_on', 'is not', null)]),
            eb('status', 'in', ['submitted', 'change_submitted', 'withdrawal_submitted']),
          ]),
        );
      if (departmentId) query = query.where('department_id', '=', departmentId);
      return query.orderBy('code').execute();
    },
    statusCounts: () =>
      db
        .selectFrom('catalog_entries')
        .select(['department_id', 'provider_name', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('origin', '=', 'local')
        .groupBy(['department_id', 'provider_name', 'status'])
        .execute(),
    /**
     * The next position in the cascade change feed. The transaction-scoped lock makes writers commit in sequence
     * order, so a reader never sees seq n+1 while n is still uncommitted (and a cursor past n can't skip it).
     */
    async nextCascadeSeq() {
      await sql`select pg_advisory_xact_lock(${CASCADE_FEED_LOCK})`.execute(db);
      return Number((await sql<{ n: string }>`select nextval('catalog_cascade_seq') as n`.execute(db)).rows[0]!.n);
    },
    changedSince: (seq: number, limit: number) =>
      db
        .selectFrom('catalog_entries')
        .selectAll()
        .where('origin', '=', 'local')
        .where('cascade_seq', '>', seq)
        .orderBy('cascade_seq')
        .limit(limit)
        .execute(),
    async setReportStatus(ids: string[], status: 'not_reported' | 'reported' | 'synced' | 'rejected', note: string | null) {
      const res = await db
        .updateTable('catalog_entries')
        .set({ report_status: status, report_note: note, reported_at: new Date() })
        .where('id', 'in', ids)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
    entriesByIds: (ids: string[]) => db.selectFrom('catalog_entries').selectAll().where('id', 'in', ids).execute(),
    async entriesByCodes(codes: string[]) {
      if (!codes.length) return [];
      return db.selectFrom('catalog_entries').selectAll().where('code', 'in', codes).forUpdate().execute();
    },
    localCodesAmong: async (codes: string[]) =>
      codes.length ? (await db.selectFrom('catalog_codes').select('code').where('code', 'in', codes).execute()).map((r) => r.code) : [],

    // ── versions and reviews ───────────────────────────────────────────────
    async insertVersion(row: Insertable<CatalogTables['catalog_versions']>) {
      await db.insertInto('catalog_versions').values(row).execute();
    },
    versions: (entryId: string) => db.selectFrom('catalog_versions').selectAll().where('entry_id', '=', entryId).orderBy('version', 'desc').execute(),
    version: (entryId: string, version: number) =>
      db.selectFrom('catalog_versions').selectAll().where('entry_id', '=', entryId).where('version', '=', version).executeTakeFirst(),
    async latestSnapshots(entryIds: string[]) {
      if (!entryIds.length) return [];
      return db
        .selectFrom('catalog_versions as v')
        .innerJoin('catalog_entries as e', (j) => j.onRef('e.id', '=', 'v.entry_id').onRef('e.current_version', '=', 'v.version'))
        .select(['v.entry_id', 'v.version', 'v.snapshot', 'v.published_at'])
        .where('v.entry_id', 'in', entryIds)
        .execute();
    },
    async insertReview(row: Insertable<CatalogTables['catalog_reviews']>) {
      await db.insertInto('catalog_reviews').values(row).execute();
    },
    reviews: (entryId: string) => db.selectFrom('catalog_reviews').selectAll().where('entry_id', '=', entryId).orderBy('decided_at', 'desc').execute(),

    // ── mounts ─────────────────────────────────────────────────────────────
    mounts: (entryId: string) => db.selectFrom('catalog_mounts').select(MOUNT_COLUMNS).where('entry_id', '=', entryId).orderBy('created_at').execute(),
    /** Usable API mounts (registered/available) with their entries, of one department or (null) of all. */
    apiMounts: (departmentId: string | null) =>
      db.selectFrom('catalog_mounts as m').innerJoin('catalog_entries as e', 'e.id', 'm.entry_id')
        .select(['m.entry_id', 'e.name as entry_name', 'e.department_id', 'm.api_spec', 'm.status'])
        .where('m.kind', '=', 'api').where('m.status', 'in', ['available', 'registered']).where('e.status', '!=', 'withdrawn')
        .$if(departmentId !== null, (q) => q.where('e.department_id', '=', departmentId!))
        .orderBy('e.name').orderBy('m.created_at').limit(1000).execute(),
    /** Published (current version, not withdrawn) entries with a live table mount mapping the item `codeName`. */
    async publishedEntriesMappingItem(codeName: string): Promise<string[]> {
      const rows = await db
        .selectFrom('catalog_mounts as m')
        .innerJoin('catalog_entries as e', 'e.id', 'm.entry_id')
        .select('m.entry_id')
        .distinct()
        .where('m.kind', '=', 'table')
        .where('m.status', 'in', ['registered', 'available'])
        .where('e.current_version', 'is not', null)
        .where('e.status', '!=', 'withdrawn')
        .where(sql<boolean>`m.table_spec -> 'columns' @> jsonb_build_array(jsonb_build_object('itemCodeName', ${codeName}::text))`)
        .orderBy('m.entry_id')
        .execute();
      return rows.map((r) => r.entry_id);
    },
    async mountsOf(entryIds: string[]) {
      if (!entryIds.length) return [];
      return db.selectFrom('catalog_mounts').select(MOUNT_COLUMNS).where('entry_id', 'in', entryIds).orderBy('entry_id').orderBy('created_at').execute();
    },
    mount: (entryId: string, id: string) =>
      db.selectFrom('catalog_mounts').select(MOUNT_COLUMNS).where('entry_id', '=', entryId).where('id', '=', id).executeTakeFirst(),
    mountFile: (entryId: string, id: string) =>
      db
        .selectFrom('catalog_mounts')
        .select(['file_name', 'file_content_type', 'file_content'])
        .where('entry_id', '=', entryId)
        .where('id', '=', id)
        .where('kind', '=', 'file')
        .executeTakeFirst(),
    async insertMount(row: Insertable<CatalogTables['catalog_mounts']>) {
      await db.insertInto('catalog_mounts').values(row).execute();
    },
    async updateMount(id: string, patch: { status: string; status_note: string | null }) {
      await db.updateTable('catalog_mounts').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async deleteMount(id: string) {
      await db.deleteFrom('catalog_mounts').where('id', '=', id).execute();
    },
    async mountCounts(entryIds: string[]): Promise<Map<string, { total: number; live: number }>> {
      if (!entryIds.length) return new Map();
      const rows = await db
        .selectFrom('catalog_mounts')
        .select([
          'entry_id',
          (eb) => eb.fn.countAll<number>().as('total'),
          sql<number>`count(*) filter (where status in ('registered', 'available'))`.as('live'),
        ])
        .where('entry_id', 'in', entryIds)
        .groupBy('entry_id')
        .execute();
      return new Map(rows.map((r) => [r.entry_id, { total: Number(r.total), live: Number(r.live) }]));
    },

    // ── deadline rules ─────────────────────────────────────────────────────
    rules: () => db.selectFrom('catalog_deadline_rules').selectAll().orderBy('sort_order').execute(),
    rule: (code: string) => db.selectFrom('catalog_deadline_rules').selectAll().where('code', '=', code).executeTakeFirst(),
    async updateRule(code: string, patch: { working_days: number; yellow_days: number; enabled: boolean; updated_by: string | null; updated_by_name: string | null }) {
      await db.updateTable('catalog_deadline_rules').set({ ...patch, updated_at: new Date() }).where('code', '=', code).execute();
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
