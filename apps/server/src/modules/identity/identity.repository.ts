import { sql, type Kysely, type Generated, type Selectable, type Insertable } from 'kysely';

export type DepartmentKind = 'bureau' | 'municipal' | 'county' | 'town' | 'other';
export type UserKind = 'staff' | 'citizen' | 'enterprise';

// A type alias (not an interface) so Kysely's withTables accepts it.
export type IdentityTables = {
  identity_departments: {
    id: string;
    name: string;
    credit_code: string;
    division_code: string;
    parent_id: string | null;
    kind: DepartmentKind;
    is_data_bureau: Generated<boolean>;
    sort_order: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  identity_persons: {
    id: string;
    id_number: string;
    name: string;
    gender: '1' | '2';
    birth_date: string;
    division_code: string;
    phone: string | null;
    address: string | null;
    created_at: Generated<Date>;
  };
  identity_legal_entities: {
    id: string;
    credit_code: string;
    name: string;
    entity_type: string;
    legal_representative: string;
    division_code: string;
    established_on: string;
    address: string | null;
    created_at: Generated<Date>;
  };
  identity_users: {
    id: string;
    username: string;
    display_name: string;
    kind: UserKind;
    department_id: string | null;
    person_id: string | null;
    legal_entity_id: string | null;
    phone: string | null;
    password_hash: string;
    status: Generated<'active' | 'disabled'>;
    failed_attempts: Generated<number>;
    locked_until: Date | null;
    last_login_at: Date | null;
    password_changed_at: Generated<Date>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  identity_user_roles: { user_id: string; role_code: string };
  identity_sessions: {
    id: string;
    user_id: string;
    kind: 'web' | 'api';
    auth_method: Generated<string>;
    name: string | null;
    csrf_token: string | null;
    ip: string | null;
    user_agent: string | null;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Date;
    revoked_at: Date | null;
  };
};

export type DepartmentRow = Selectable<IdentityTables['identity_departments']>;
export type UserRow = Selectable<IdentityTables['identity_users']>;
export type SessionRow = Selectable<IdentityTables['identity_sessions']>;

export interface DepartmentFilter {
  q?: string | undefined;
  divisionCode?: string | undefined;
  parentId?: string | undefined;
}

export interface UserFilter {
  q?: string | undefined;
  departmentId?: string | undefined;
  role?: string | undefined;
  status?: 'active' | 'locked' | 'disabled' | undefined;
  kind?: UserKind | undefined;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** All SQL on the identity_* tables. */
export function createIdentityRepository(base: Kysely<unknown>) {
  const db = base.withTables<IdentityTables>();

  function departmentQuery(f: DepartmentFilter) {
    let q = db.selectFrom('identity_departments as d');
    if (f.divisionCode) q = q.where('d.division_code', 'like', `${f.divisionCode.replace(/(00)+$/, '')}%`);
    if (f.parentId) q = q.where('d.parent_id', '=', f.parentId);
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where((eb) => eb.or([eb('d.name', 'ilike', like), eb('d.credit_code', 'ilike', like)]));
    }
    return q;
  }

  const withUserCount = (q: ReturnType<typeof departmentQuery>) =>
    q.selectAll('d').select((eb) =>
      eb.selectFrom('identity_users as u').whereRef('u.department_id', '=', 'd.id').select((e) => e.fn.countAll<number>().as('n')).as('user_count'),
    );

  function userQuery(f: UserFilter, now: Date) {
    let q = db
      .selectFrom('identity_users as u')
      .leftJoin('identity_departments as d', 'd.id', 'u.department_id')
      .leftJoin('identity_persons as p', 'p.id', 'u.person_id')
      .leftJoin('identity_legal_entities as e', 'e.id', 'u.legal_entity_id');
    if (f.departmentId) q = q.where('u.department_id', '=', f.departmentId);
    if (f.kind) q = q.where('u.kind', '=', f.kind);
    if (f.role) q = q.where((eb) => eb.exists(eb.selectFrom('identity_user_roles as r').whereRef('r.user_id', '=', 'u.id').where('r.role_code', '=', f.role!)));
    if (f.status === 'disabled') q = q.where('u.status', '=', 'disabled');
    if (f.status === 'locked') q = q.where('u.status', '=', 'active').where('u.locked_until', '>', now);
    if (f.status === 'active') q = q.where('u.status', '=', 'active').where((eb) => eb.or([eb('u.locked_until', 'is', null), eb('u.locked_until', '<=', now)]));
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
    }
    return q;
  }

  return {
    async listDepartments(f: DepartmentFilter, limit: number, offset: number) {
      const [rows, count] = await Promise.all([
        withUserCount(departmentQuery(f)).orderBy('d.sort_order').orderBy('d.name').limit(limit).offset(offset).execute(),
        departmentQuery(f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },
    allDepartments: () => withUserCount(departmentQuery({})).orderBy('d.sort_order').orderBy('d.name').execute(),
    departmentById: (id: string) => withUserCount(departmentQuery({}).where('d.id', '=', id)).executeTakeFirst(),
    departmentByCreditCode: (code: string) => db.selectFrom('identity_departments').selectAll().where('credit_code', '=', code).executeTakeFirst(),
    departmentByName: (divisionCode: string, name: string) =>
      db.selectFrom('identity_departments').selectAll().where('division_code', '=', divisionCode).where('name', '=', name).executeTakeFirst(),
    async insertDepartment(row: Insertable<IdentityTables['identity_departments']>) {
      await db.insertInto('identity_departments').values(row).execute();
    },
    async updateDepartment(id: string, patch: Partial<Insertable<IdentityTables['identity_departments']>>) {
      await db.updateTable('identity_departments').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    /** Ids of the department and every department under it (for cycle checks). */
    async departmentSubtree(id: string): Promise<string[]> {
      const r = await sql<{ id: string }>`with recursive t(id) as (
          select ${id}::uuid union select d.id from identity_departments d join t on d.parent_id = t.id
        ) select id from t`.execute(db);
      return r.rows.map((x) => x.id);
    },
    countDepartmentsByDivision: () =>
      db.selectFrom('identity_departments').select(['division_code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('division_code').execute(),

    async listUsers(f: UserFilter, limit: number, offset: number, now = new Date()) {
      const [rows, count] = await Promise.all([
        userQuery(f, now).selectAll('u').select(['d.name as department_name', 'p.id_number', 'e.credit_code']).orderBy('u.created_at').orderBy('u.username').limit(limit).offset(offset).execute(),
        userQuery(f, now).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },
    userById: (id: string) =>
      userQuery({}, new Date()).selectAll('u').select(['d.name as department_name', 'p.id_number', 'e.credit_code']).where('u.id', '=', id).executeTakeFirst(),
    /** The person or legal entity a citizen / enterprise account stands for (the holder of its licenses). */
    subjectOfUser: (id: string) =>
      db
        .selectFrom('identity_users as u')
        .leftJoin('identity_persons as p', 'p.id', 'u.person_id')
        .leftJoin('identity_legal_entities as e', 'e.id', 'u.legal_entity_id')
        .select(['u.kind', 'u.status', 'p.id_number', 'p.name as person_name', 'e.credit_code', 'e.name as entity_name'])
        .where('u.id', '=', id)
        .executeTakeFirst(),
    userByUsername: (username: string) => db.selectFrom('identity_users').selectAll().where('username', '=', username).executeTakeFirst(),
    async insertUser(row: Insertable<IdentityTables['identity_users']>) {
      await db.insertInto('identity_users').values(row).execute();
    },
    async updateUser(id: string, patch: Partial<Insertable<IdentityTables['identity_users']>>) {
      await db.updateTable('identity_users').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
    },
    /** Counts a failed login and locks the account when the limit is reached; returns the new state. */
    async recordLoginFailure(id: string, maxFailures: number, lockMinutes: number) {
      return db
        .updateTable('identity_users')
        .set((eb) => ({
          failed_attempts: sql<number>`case when ${eb.ref('failed_attempts')} + 1 >= ${maxFailures} then 0 else ${eb.ref('failed_attempts')} + 1 end`,
          locked_until: sql<Date | null>`case when ${eb.ref('failed_attempts')} + 1 >= ${maxFailures} then now() + make_interval(mins => ${lockMinutes}) else ${eb.ref('locked_until')} end`,
        }))
        .where('id', '=', id)
        .returning(['failed_attempts', 'locked_until'])
        .executeTakeFirstOrThrow();
    },
    async rolesOf(userIds: string[]): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>();
      if (userIds.length === 0) return map;
      const rows = await db.selectFrom('identity_user_roles').select(['user_id', 'role_code']).where('user_id', 'in', userIds).orderBy('role_code').execute();
      for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role_code]);
      return map;
    },
    async setRoles(userId: string, roles: string[]) {
      await db.deleteFrom('identity_user_roles').where('user_id', '=', userId).execute();
      if (roles.length > 0) await db.insertInto('identity_user_roles').values(roles.map((role_code) => ({ user_id: userId, role_code }))).execute();
    },
    countUsersByRole: () =>
      db.selectFrom('identity_user_roles').select(['role_code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('role_code').execute(),

    async insertSession(row: Insertable<IdentityTables['identity_sessions']>) {
      await db.insertInto('identity_sessions').values(row).execute();
    },
    /** The live session or token with its user, department name and roles, or undefined. */
    activeSession: (id: string, now: Date) =>
      db
        .selectFrom('identity_sessions as s')
        .innerJoin('identity_users as u', 'u.id', 's.user_id')
        .leftJoin('identity_departments as d', 'd.id', 'u.department_id')
        .select([
          's.id as session_id', 's.kind as session_kind', 's.csrf_token', 's.last_seen_at', 's.expires_at',
          'u.id as user_id', 'u.username', 'u.display_name', 'u.kind', 'u.department_id', 'd.name as department_name', 'u.status', 'u.locked_until',
        ])
        .where('s.id', '=', id)
        .where('s.revoked_at', 'is', null)
        .where('s.expires_at', '>', now)
        .executeTakeFirst(),
    async touchSession(id: string, expiresAt: Date | null) {
      await db.updateTable('identity_sessions').set({ last_seen_at: new Date(), ...(expiresAt ? { expires_at: expiresAt } : {}) }).where('id', '=', id).execute();
    },
    async revokeSession(id: string, userId?: string) {
      let q = db.updateTable('identity_sessions').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null);
      if (userId) q = q.where('user_id', '=', userId);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async revokeUserSessions(userId: string, kind?: 'web' | 'api') {
      let q = db.updateTable('identity_sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
      if (kind) q = q.where('kind', '=', kind);
      await q.execute();
    },
    apiTokensOf: (userId: string) =>
      db.selectFrom('identity_sessions').selectAll().where('user_id', '=', userId).where('kind', '=', 'api').where('revoked_at', 'is', null)
        .where('expires_at', '>', new Date()).orderBy('created_at', 'desc').execute(),
    async deleteExpiredSessions(olderThan: Date) {
      const r = await db.deleteFrom('identity_sessions').where((eb) => eb.or([eb('expires_at', '<', olderThan), eb('revoked_at', '<', olderThan)])).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async insertPersons(rows: Insertable<IdentityTables['identity_persons']>[]) {
      if (rows.length) await db.insertInto('identity_persons').values(rows).execute();
    },
    async insertLegalEntities(rows: Insertable<IdentityTables['identity_legal_entities']>[]) {
      if (rows.length) await db.insertInto('identity_legal_entities').values(rows).execute();
    },
    personById: (id: string) => db.selectFrom('identity_persons').selectAll().where('id', '=', id).executeTakeFirst(),
    personByIdNumber: (idNumber: string) => db.selectFrom('identity_persons').selectAll().where('id_number', '=', idNumber).executeTakeFirst(),
    legalEntityById: (id: string) => db.selectFrom('identity_legal_entities').selectAll().where('id', '=', id).executeTakeFirst(),
    legalEntityByCreditCode: (code: string) => db.selectFrom('identity_legal_entities').selectAll().where('credit_code', '=', code).executeTakeFirst(),
    async counts() {
      const r = await sql<{ departments: number; users: number; people: number; enterprises: number }>`select
          (select count(*) from identity_departments)::int as departments,
          (select count(*) from identity_users)::int as users,
          (select count(*) from identity_persons)::int as people,
          (select count(*) from identity_legal_entities)::int as enterprises`.execute(db);
      return r.rows[0]!;
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
