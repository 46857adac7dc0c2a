import { sql, type ColumnType, type Generated, type Insertable, type Kysely, type Selectable } from 'kysely';

// SQL of 存量证照导入 (import-stock.ts): the licenses_imports table and the duplicate check against issued licenses.

type Json<T> = ColumnType<T, string, string>;

export interface RejectedRow {
  /** Row number in the uploaded sheet (1 = header row). */
  row: number;
  /** Every problem of the row, in Chinese. */
  problems: string[];
  /** The row's cells as text, in the order of `columns`. */
  cells: string[];
}

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

// A type alias (not an interface) so Kysely's withTables accepts it.
export type LicensesImportTables = {
  licenses_imports: {
    id: string;
    type_id: string;
    type_code: string;
    type_name: string;
    department_id: string;
    created_by: string | null;
    created_by_name: string | null;
    file_name: string;
    status: ImportStatus;
    total_rows: number;
    done_rows: Generated<number>;
    issued_rows: Generated<number>;
    rejected_rows: Generated<number>;
    columns: Json<string[]>;
    rejected: ColumnType<RejectedRow[], string | undefined, string>;
    error: string | null;
    created_at: Generated<Date>;
    started_at: Date | null;
    finished_at: Date | null;
    updated_at: Generated<Date>;
  };
  licenses_licenses: { holder_id: string; type_code: string; state: string; valid_until: string | null };
};

export type ImportRow = Selectable<LicensesImportTables['licenses_imports']>;
/** The list columns: everything but the rejected rows. */
export type ImportSummaryRow = Omit<ImportRow, 'rejected'>;

const SUMMARY_COLUMNS = [
  'id', 'type_id', 'type_code', 'type_name', 'department_id', 'created_by', 'created_by_name', 'file_name', 'status', 'total_rows', 'done_rows',
  'issued_rows', 'rejected_rows', 'columns', 'error', 'created_at', 'started_at', 'finished_at', 'updated_at',
] as const;

export function createImportRepository(base: Kysely<unknown>) {
  const db = base.withTables<LicensesImportTables>();
  return {
    async insertImport(row: Insertable<LicensesImportTables['licenses_imports']>) {
      await db.insertInto('licenses_imports').values(row).execute();
    },
    importById: (id: string) => db.selectFrom('licenses_imports').selectAll().where('id', '=', id).executeTakeFirst(),
    importSummary: (id: string) => db.selectFrom('licenses_imports').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst(),
    async listImports(f: { departmentId?: string | undefined; typeCode?: string | undefined }, limit: number, offset: number) {
      let query = db.selectFrom('licenses_imports');
      if (f.departmentId) query = query.where('department_id', '=', f.departmentId);
      if (f.typeCode) query = query.where('type_code', '=', f.typeCode);
      const [rows, total] = await Promise.all([
        query.select(SUMMARY_COLUMNS).orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    async markRunning(id: string, at: Date) {
      await db.updateTable('licenses_imports').set({ status: 'running', started_at: at, updated_at: at }).where('id', '=', id).execute();
    },
    /** Adds a step's counts and rejected rows (already capped by the caller) to the import. */
    async addProgress(id: string, step: { done: number; issued: number; rejected: number; rejectedRows: RejectedRow[] }, at: Date) {
      await db
        .updateTable('licenses_imports')
        .set({
          done_rows: sql`done_rows + ${step.done}`,
          issued_rows: sql`issued_rows + ${step.issued}`,
          rejected_rows: sql`rejected_rows + ${step.rejected}`,
          rejected: step.rejectedRows.length ? sql`rejected || ${JSON.stringify(step.rejectedRows)}::jsonb` : sql`rejected`,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async finish(id: string, status: 'succeeded' | 'failed', error: string | null, at: Date) {
      await db.updateTable('licenses_imports').set({ status, error, finished_at: at, updated_at: at }).where('id', '=', id).execute();
    },
    /** Holders among `holderIds` that hold a license of the type that is still current (not ended, not replaced, not expired). */
    async holdersWithCurrent(typeCode: string, holderIds: string[], today: string): Promise<Set<string>> {
      if (!holderIds.length) return new Set();
      const rows = await db
        .selectFrom('licenses_licenses')
        .select('holder_id')
        .distinct()
        .where('type_code', '=', typeCode)
        .where('holder_id', 'in', holderIds)
        .where('state', '=', 'active')
        .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]))
        .execute();
      return new Set(rows.map((r) => r.holder_id));
    },
  };
}
