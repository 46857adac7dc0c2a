import type { Kysely } from 'kysely';

// A type alias (not an interface) so Kysely's withTables accepts it.
export type CalendarTables = {
  calendar_years: {
    year: number;
    holidays: string[];
    workdays: string[];
    source: 'official' | 'local';
    note: string | null;
    updated_by: string | null;
    updated_at: Date;
  };
};

/** All SQL on calendar_years. */
export function createCalendarRepository(base: Kysely<unknown>) {
  const db = base.withTables<CalendarTables>();
  return {
    all: () => db.selectFrom('calendar_years').selectAll().orderBy('year').execute(),
    byYear: (year: number) => db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst(),
    async upsert(row: CalendarTables['calendar_years']) {
      await db
        .insertInto('calendar_years')
        .values(row)
        .onConflict((oc) => oc.column('year').doUpdateSet({ holidays: row.holidays, workdays: row.workdays, source: row.source, note: row.note, updated_by: row.updated_by, updated_at: row.updated_at }))
        .execute();
    },
    async insertMissing(rows: CalendarTables['calendar_years'][]) {
      if (rows.length) await db.insertInto('calendar_years').values(rows).onConflict((oc) => oc.column('year').doNothing()).execute();
    },
  };
}
