import { sql, type Generated, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';

// A type alias (not an interface) so Kysely accepts it.
export type QualityTables = {
  quality_settings: { id: number; schedule_interval_hours: number; weight_high: number; weight_medium: number; weight_low: number; updated_at: Generated<Date>; updated_by: string | null };
  quality_deadline_rules: { code: string; name: string; description: string; working_days: number; yellow_days: number; enabled: boolean; sort_order: number };
  quality_code_tables: { id: string; code: string; name: string; description: string; builtin: boolean; department_id: string | null; created_at: Generated<Date>; updated_at: Generated<Date> };
  quality_code_values: { table_id: string; value: string; label: string };
  quality_rules: {
    id: string; entry_id: string; entry_name: string; department_id: string; rule_type: string; name: string; item_code_names: string[]; dimension: string;
    severity: string; params: unknown; enabled: boolean; created_by: string | null; created_at: Generated<Date>; updated_at: Generated<Date>;
  };
  quality_runs: {
    id: string; entry_id: string; entry_name: string; department_id: string; trigger: string; ingest_job_id: string | null; status: string; row_count: number | null;
    score: string | null; dimension_scores: unknown; error: string | null; started_at: Date; finished_at: Generated<Date>; created_by: string | null;
  };
  quality_run_results: {
    run_id: string; rule_id: string; rule_type: string; rule_name: string; dimension: string; severity: string; checked: number; failed: number;
    pass_rate: string | null; sample_keys: string[]; error: string | null; duration_ms: number;
  };
  quality_issues: {
    id: string; rule_id: string; entry_id: string; entry_name: string; department_id: string; rule_name: string; rule_type: string; dimension: string; severity: string;
    status: string; resolution: string | null; failed: number; checked: number; sample_keys: string[]; first_run_id: string; last_run_id: string; started_on: string;
    review_started_on: string | null; explanation: string | null; escalated: boolean; escalated_at: Date | null; created_at: Generated<Date>; updated_at: Generated<Date>;
    closed_at: Date | null;
  };
  quality_issue_events: { seq: Generated<string>; issue_id: string; at: Generated<Date>; actor_name: string; action: string; from_status: string | null; to_status: string | null; note: string | null };
};

export type SettingsRow = Selectable<QualityTables['quality_settings']>;
export type DeadlineRuleRow = Selectable<QualityTables['quality_deadline_rules']>;
export type CodeTableRow = Selectable<QualityTables['quality_code_tables']>;
export type RuleRow = Selectable<QualityTables['quality_rules']>;
export type RunRow = Selectable<QualityTables['quality_runs']>;
export type ResultRow = Selectable<QualityTables['quality_run_results']>;
export type IssueRow = Selectable<QualityTables['quality_issues']>;
export type IssueEventRow = Selectable<QualityTables['quality_issue_events']>;

export interface IssueFilter {
  departmentId?: string | null | undefined;
  entryId?: string | undefined;
  status?: string | undefined;
  openOnly?: boolean | undefined;
  escalated?: boolean | undefined;
}

export function createQualityRepository(raw: Kysely<unknown>) {
  const db = raw as unknown as Kysely<QualityTables>;
  return {
    // ── settings ──
    settings: () => db.selectFrom('quality_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
    async updateSettings(patch: Updateable<QualityTables['quality_settings']>) {
      await db.updateTable('quality_settings').set({ ...patch, updated_at: new Date() }).where('id', '=', 1).execute();
    },
    deadlineRules: () => db.selectFrom('quality_deadline_rules').selectAll().orderBy('sort_order').execute(),
    async updateDeadlineRule(code: string, patch: Updateable<QualityTables['quality_deadline_rules']>) {
      await db.updateTable('quality_deadline_rules').set(patch).where('code', '=', code).execute();
    },

    // ── code tables ──
    codeTables: () => db.selectFrom('quality_code_tables as t')
      .select((eb) => ['t.id', 't.code', 't.name', 't.description', 't.builtin', 't.department_id', 't.created_at', 't.updated_at',
        eb.selectFrom('quality_code_values as v').whereRef('v.table_id', '=', 't.id').select(sql<number>`count(*)::int`.as('n')).as('value_count')])
      .orderBy('t.builtin', 'desc').orderBy('t.code').execute(),
    codeTable: (id: string) => db.selectFrom('quality_code_tables').selectAll().where('id', '=', id).executeTakeFirst(),
    codeTableByCode: (code: string) => db.selectFrom('quality_code_tables').selectAll().where('code', '=', code).executeTakeFirst(),
    codeValues: (tableId: string) => db.selectFrom('quality_code_values').select(['value', 'label']).where('table_id', '=', tableId).orderBy('value').execute(),
    async insertCodeTable(row: Insertable<QualityTables['quality_code_tables']>) {
      await db.insertInto('quality_code_tables').values(row).execute();
    },
    async updateCodeTable(id: string, patch: Updateable<QualityTables['quality_code_tables']>) {
      await db.updateTable('quality_code_tables').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async deleteCodeTable(id: string) {
      await db.deleteFrom('quality_code_tables').where('id', '=', id).execute();
    },
    async replaceCodeValues(tableId: string, values: { value: string; label: string }[]) {
      await db.deleteFrom('quality_code_values').where('table_id', '=', tableId).execute();
      for (let i = 0; i < values.length; i += 1000) {
        const chunk = values.slice(i, i + 1000);
        if (chunk.length) await db.insertInto('quality_code_values').values(chunk.map((v) => ({ table_id: tableId, ...v }))).execute();
      }
    },
    async codeValueCount(tableId: string) {
      return Number((await db.selectFrom('quality_code_values').select(sql<number>`count(*)::int`.as('n')).where('table_id', '=', tableId).executeTakeFirstOrThrow()).n);
    },
    rulesUsingCodeTable: (tableId: string) => db.selectFrom('quality_rules').select(['id', 'name']).where(sql<boolean>`params->>'codeTableId' = ${tableId}`).execute(),

    // ── rules ──
    rules: (entryId: string) => db.selectFrom('quality_rules').selectAll().where('entry_id', '=', entryId).orderBy('created_at').orderBy('id').execute(),
    rule: (id: string) => db.selectFrom('quality_rules').selectAll().where('id', '=', id).executeTakeFirst(),
    async insertRule(row: Insertable<QualityTables['quality_rules']>) {
      await db.insertInto('quality_rules').values({ ...row, params: JSON.stringify(row.params) }).execute();
    },
    async updateRule(id: string, patch: Updateable<QualityTables['quality_rules']>) {
      const p = patch.params === undefined ? patch : { ...patch, params: JSON.stringify(patch.params) };
      await db.updateTable('quality_rules').set({ ...p, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async deleteRule(id: string) {
      await db.deleteFrom('quality_rules').where('id', '=', id).execute();
    },
    /** Entries that have rules or runs, with their department, rule count and latest run (for the entry list). */
    async entries(departmentId: string | null) {
      const r = await sql<{ entry_id: string; entry_name: string; department_id: string; rules: number; last_run_id: string | null; last_run_at: Date | null; score: string | null }>`
        with e as (
          select entry_id, max(entry_name) as entry_name, max(department_id::text)::uuid as department_id, count(*)::int as rules from quality_rules group by entry_id
          union all
          select entry_id, max(entry_name), max(department_id::text)::uuid, 0 from quality_runs where entry_id not in (select entry_id from quality_rules) group by entry_id
        )
        select e.*, lr.id as last_run_id, lr.started_at as last_run_at, lr.score
        from e left join lateral (select id, started_at, score from quality_runs r where r.entry_id = e.entry_id order by started_at desc limit 1) lr on true
        where ${departmentId}::uuid is null or e.department_id = ${departmentId}::uuid
        order by e.entry_name`.execute(db);
      return r.rows;
    },

    // ── runs ──
    async insertRun(row: Insertable<QualityTables['quality_runs']>) {
      await db.insertInto('quality_runs').values({ ...row, dimension_scores: JSON.stringify(row.dimension_scores ?? {}) }).execute();
    },
    async insertResults(rows: Insertable<QualityTables['quality_run_results']>[]) {
      if (rows.length) await db.insertInto('quality_run_results').values(rows).execute();
    },
    run: (id: string) => db.selectFrom('quality_runs').selectAll().where('id', '=', id).executeTakeFirst(),
    results: (runId: string) => db.selectFrom('quality_run_results').selectAll().where('run_id', '=', runId).orderBy('rule_name').execute(),
    async runs(entryId: string, limit: number) {
      return db.selectFrom('quality_runs').selectAll().where('entry_id', '=', entryId).orderBy('started_at', 'desc').limit(limit).execute();
    },
    lastRun: (entryId: string) => db.selectFrom('quality_runs').selectAll().where('entry_id', '=', entryId).where('status', '=', 'done').orderBy('started_at', 'desc').limit(1).executeTakeFirst(),
    /** Entries with enabled rules whose latest run started before `olderThan` (or that never ran). */
    async staleEntries(olderThan: Date) {
      const r = await sql<{ entry_id: string }>`
        select q.entry_id from quality_rules q where q.enabled group by q.entry_id
        having coalesce((select max(started_at) from quality_runs r where r.entry_id = q.entry_id), '-infinity'::timestamptz) < ${olderThan}
        order by q.entry_id`.execute(db);
      return r.rows.map((x) => x.entry_id);
    },
    /** Each department's entries' latest scored run (for the ranking). */
    async latestScores() {
      const r = await sql<{ entry_id: string; entry_name: string; department_id: string; score: string | null; dimension_scores: Record<string, number | null>; started_at: Date }>`
        select distinct on (entry_id) entry_id, entry_name, department_id, score, dimension_scores, started_at
        from quality_runs where status = 'done' order by entry_id, started_at desc`.execute(db);
      return r.rows;
    },
    /** Daily history of a department's (or every) entry score: the last run per entry and day, averaged. */
    async scoreHistory(filter: { entryId?: string | undefined; departmentId?: string | null | undefined }, since: Date) {
      const r = await sql<{ day: string; score: string | null; runs: number }>`
        with last_per_day as (
          select distinct on (entry_id, (started_at at time zone 'Asia/Shanghai')::date) entry_id, (started_at at time zone 'Asia/Shanghai')::date as day, score
          from quality_runs
          where status = 'done' and started_at >= ${since}
            and (${filter.entryId ?? null}::uuid is null or entry_id = ${filter.entryId ?? null}::uuid)
            and (${filter.departmentId ?? null}::uuid is null or department_id = ${filter.departmentId ?? null}::uuid)
          order by entry_id, (started_at at time zone 'Asia/Shanghai')::date, started_at desc
        )
        select to_char(day, 'YYYY-MM-DD') as day, round(avg(score), 2)::text as score, count(*)::int as runs from last_per_day group by day order by day`.execute(db);
      return r.rows;
    },

    // ── issues ──
    openIssueForRule: (ruleId: string) => db.selectFrom('quality_issues').selectAll().where('rule_id', '=', ruleId).where('status', '<>', 'closed').forUpdate().executeTakeFirst(),
    lastClosedIssueForRule: (ruleId: string) => db.selectFrom('quality_issues').selectAll().where('rule_id', '=', ruleId).where('status', '=', 'closed')
      .orderBy('closed_at', 'desc').limit(1).executeTakeFirst(),
    issue: (id: string) => db.selectFrom('quality_issues').selectAll().where('id', '=', id).executeTakeFirst(),
    issueForUpdate: (id: string) => db.selectFrom('quality_issues').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    async insertIssue(row: Insertable<QualityTables['quality_issues']>) {
      await db.insertInto('quality_issues').values(row).execute();
    },
    async updateIssue(id: string, patch: Updateable<QualityTables['quality_issues']>) {
      await db.updateTable('quality_issues').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async issues(f: IssueFilter) {
      let q = db.selectFrom('quality_issues').selectAll();
      if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
      if (f.entryId) q = q.where('entry_id', '=', f.entryId);
      if (f.status) q = q.where('status', '=', f.status);
      if (f.openOnly) q = q.where('status', '<>', 'closed');
      if (f.escalated !== undefined) q = q.where('escalated', '=', f.escalated);
      return q.orderBy('started_on').orderBy('created_at').limit(5000).execute();
    },
    openIssues: () => db.selectFrom('quality_issues').selectAll().where('status', '<>', 'closed').execute(),
    events: (issueId: string) => db.selectFrom('quality_issue_events').selectAll().where('issue_id', '=', issueId).orderBy('seq').execute(),
    async insertEvent(row: Insertable<QualityTables['quality_issue_events']>) {
      await db.insertInto('quality_issue_events').values(row).execute();
    },
  };
}
export type QualityRepository = ReturnType<typeof createQualityRepository>;
