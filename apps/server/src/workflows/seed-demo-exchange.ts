import { sql, type Kysely } from 'kysely';
import { childDivisions, divisionFullName } from '@shuzheng/standards';
import { systemContext, type Actor, type RequestContext, type Scope } from '../kernel/context.ts';
import type { Services } from '../app.ts';
import { ensureDataTable, isDataIdent, sqlTypeFor, SUBJECT_KEY_ITEMS } from '../kernel/data-tables.ts';
import { syntheticPeople, type Area, type SyntheticPerson } from './synthetic-people.ts';

// Demo data of the exchange: the 公安局 population table `rk.czrk_jbxx` that the demo catalog mounts for
// 常住人口基本信息, filled with the demo city's synthetic persons, and gateway credentials for 民政局's demo information
// system. Idempotent: the table is created and filled once; credentials are created only when the system has none.
// Grants are not created here (the sharing seed does that).

const REQUEST_ID = 'seed-demo-exchange';
/** The seed of seed-demo-city.ts (SEED there): regenerating with it gives exactly the persons the city registered. */
const CITY_SEED = 2260;
const ENTRY_NAME = '常住人口基本信息';
const CONSUMER_STEWARD = 'mzj_steward';
const CONSUMER_SYSTEM = '社会救助信息系统';
const BATCH = 1000;

export interface DemoExchangeResult {
  seeded: boolean;
  rows: number;
  entryId: string | null;
  /** Shown once at first start: the demo consumer system's credential. */
  credential: { appKey: string; secret: string; systemName: string } | null;
}

const NATIONS = ['01', '01', '01', '01', '01', '01', '01', '01', '02', '03', '04', '05'];
const RELATIONS = ['01', '02', '10', '20', '30'];
const EDUCATION = ['10', '20', '30', '40', '60', '70', '80', '90'];

/** A column's value for a synthetic person, by the data item it is mapped to. */
function valueFor(itemCodeName: string, p: SyntheticPerson, n: number): unknown {
  switch (itemCodeName) {
    case 'id_number': return p.idNumber;
    case 'person_name': return p.name;
    case 'former_name': return n % 37 === 0 ? `${p.name.slice(0, 1)}小${p.name.slice(-1)}` : null;
    case 'gender': return p.gender;
    case 'nation': return NATIONS[n % NATIONS.length];
    case 'birth_date': return p.birthDate;
    case 'birthplace_division': return p.divisionCode;
    case 'domicile_address': return p.address;
    case 'household_no': return String(100_000_000 + Math.floor(n / 3)).slice(0, 9);
    case 'relation_to_head': return RELATIONS[n % 3 === 0 ? 0 : (n % RELATIONS.length)];
    case 'education': return EDUCATION[n % EDUCATION.length];
    default: return null;
  }
}


function actingAs(user: { id: string; username: string; displayName: string; departmentId: string | null; departmentName: string | null }, permissions: [string, Scope][]): RequestContext {
  const actor: Actor = {
    userId: user.id, username: user.username, displayName: user.displayName, kind: 'staff', departmentId: user.departmentId, departmentName: user.departmentName,
    roles: ['data_steward'], permissions: new Map(permissions), sessionId: REQUEST_ID, authMethod: 'session',
  };
  return { ...systemContext(REQUEST_ID), actor };
}

/** Seeds the demo exchange data; needs the demo city and the demo catalog. */
export async function seedDemoExchange(services: Services, db: Kysely<unknown>, opts: { cityDivision: string; people: number }): Promise<DemoExchangeResult> {
  const { identity, catalog, gateway } = services;
  const system = systemContext(REQUEST_ID);
  const stewards = (await identity.users.list(system, { role: 'data_steward', kind: 'staff', status: 'active' }, { page: 1, pageSize: 100 })).items;
  const steward = stewards.find((u) => u.username === CONSUMER_STEWARD);
  if (!steward) return { seeded: false, rows: 0, entryId: null, credential: null };
  const reader = actingAs(steward, [['catalog.entry.read', 'all'], ['catalog.entry.review', 'all'], ['catalog.system.manage', 'department'], ['gateway.credential.manage', 'department']]);

  // 1. The population table behind the catalog mount of 常住人口基本信息.
  const entry = (await catalog.entries.list(reader, { q: ENTRY_NAME }, { page: 1, pageSize: 20 })).items.find((e: { name: string }) => e.name === ENTRY_NAME) as { id: string } | undefined;
  const table = entry ? await catalog.mounts.tableFor(entry.id) : null;
  let rows = 0;
  let seeded = false;
  if (table && table.schemaName && isDataIdent(table.schemaName) && isDataIdent(table.tableName) && table.columns.every((c) => isDataIdent(c.column))) {
    const exists = await sql<{ n: number }>`select 1 as n from information_schema.tables where table_schema = ${table.schemaName} and table_name = ${table.tableName}`.execute(db);
    if (!exists.rows.length) {
      const key = table.columns.find((c) => c.itemCodeName === SUBJECT_KEY_ITEMS.person) ?? table.columns[0]!;
      await ensureDataTable(db, { schemaName: table.schemaName, tableName: table.tableName, columns: table.columns, keyColumns: [key.column] });
      const cityName = divisionFullName(opts.cityDivision)!.replace(/^.*?省/, '');
      const areas: Area[] = childDivisions(opts.cityDivision).map((c) => ({ code: c.code, fullName: `${cityName}${c.name}`, towns: childDivisions(c.code).map((t) => t.name) }));
      let batch: SyntheticPerson[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const values = batch.map((p, i) => sql`(${sql.join(table.columns.map((c) => sql`${valueFor(c.itemCodeName, p, rows + i)}::${sql.raw(sqlTypeFor(c.dataType))}`))})`);
        await sql`insert into ${sql.id(table.schemaName!, table.tableName)} (${sql.join(table.columns.map((c) => sql.id(c.column)))}) values ${sql.join(values)} on conflict do nothing`.execute(db);
        rows += batch.length;
        batch = [];
      };
      for (const p of syntheticPeople(CITY_SEED, Math.max(opts.people, 1), areas)) {
        batch.push(p);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      seeded = true;
    }
  }

  // 2. Credentials for 民政局's demo information system (only when it has none).
  let credential: DemoExchangeResult['credential'] = null;
  const systems = (await catalog.systems.list(reader, { departmentId: steward.departmentId ?? undefined }, { page: 1, pageSize: 50 })).items;
  const consumer = systems.find((s) => s.name === CONSUMER_SYSTEM) ?? systems[0];
  if (consumer) {
    const existing = (await gateway.credentials.list(reader)).items.filter((c) => c.systemId === consumer.id && c.status === 'active');
    if (!existing.length) {
      const created = await gateway.credentials.create(reader, { systemId: consumer.id, name: '演示：低保审核调用人口信息' });
      credential = { appKey: created.appKey, secret: created.secret, systemName: consumer.name };
      seeded = true;
    }
  }
  return { seeded, rows, entryId: entry?.id ?? null, credential };
}
