import { sql, type Kysely } from 'kysely';
import { childDivisions, divisionFullName } from '@shuzheng/standards';
import type { Services } from '../app.ts';
import type { MountedTable } from '../modules/catalog/index.ts';
import { ensureDataTable, isDataIdent, sqlTypeFor, SUBJECT_KEY_ITEMS } from '../kernel/data-tables.ts';
import { syntheticEntities, syntheticPeople, type Area, type SyntheticEntity, type SyntheticPerson } from './synthetic-people.ts';

// Demo data of the base registries (人口库 / 法人库): several departments' mounted tables filled with a subset of the
// demo city's synthetic persons and entities (the same CITY_SEED as seed-demo-city.ts and seed-demo-exchange.ts), with
// a few deliberate disagreements between sources (a name written differently in 社保, a birth date or gender
// differing in 学籍, a licence's validity differing between 卫健 and 市场监管) and a few bad values (invalid ID numbers
// and credit codes, dates in the future) for the comparison and quality pages. Then builds both registries.
// Idempotent: a table that already has rows is left alone; a build runs only when a table was filled or none succeeded.

const CITY_SEED = 2260;

type Row = Record<string, unknown>;
type Filler = { table: string; keyItem: string; rows: (ctx: { people: SyntheticPerson[]; entities: SyntheticEntity[] }) => Row[] };

const day = (d: string, plusDays: number) => new Date(Date.parse(`${d}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
/** The same name written differently (a variant character, as often happens between systems). */
const variant = (name: string) => (name.length > 1 ? `${name.slice(0, -1)}${name.endsWith('华') ? '花' : '华'}` : `${name}华`);
/** An ID number with a wrong check character (GB 11643 fails). */
const badCheck = (id: string) => `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;

const FILLERS: Filler[] = [
  {
    // 人社 参保登记: most adults; every 25th name written differently; two invalid ID numbers; one insured date in the future.
    table: 'si.ac02_cbdj', keyItem: 'id_number',
    rows: ({ people, entities }) => {
      const adults = people.filter((p) => p.birthDate < '2006-01-01');
      const rows: Row[] = adults.map((p, n) => ({
        id_number: p.idNumber, person_name: n % 25 === 3 ? variant(p.name) : p.name,
        employer_credit_code: entities[n % Math.max(entities.length, 1)]?.creditCode ?? null, employer_name: entities[n % Math.max(entities.length, 1)]?.name ?? null,
        insurance_type: ['110', '120', '210', '410'][n % 4], insured_status: n % 9 === 0 ? '2' : '1', insured_from: day('2015-01-01', n * 13), person_category: n % 5 === 0 ? '20' : '10',
      }));
      if (adults[0]) rows.push({ ...rows[0], id_number: badCheck(adults[0].idNumber), person_name: adults[0].name, insured_from: '2031-06-01' });
      if (adults[1]) rows.push({ ...rows[1], id_number: '44150219901301123X', insured_from: day('2020-01-01', 1) });
      return rows;
    },
  },
  {
    // 民政 低保: every 7th person; one start date in the future.
    table: 'shjz.db_dx', keyItem: 'id_number',
    rows: ({ people }) => people.filter((_, n) => n % 7 === 1).map((p, n) => ({
      id_number: p.idNumber, person_name: p.name, assistance_type: n % 2 ? '01' : '02', household_size: 1 + (n % 4), monthly_amount: 680 + 40 * (n % 5),
      assisted_from: n === 0 ? '2030-01-01' : day('2022-01-01', n * 31), township: null, division_code: p.divisionCode,
    })),
  },
  {
    // 教育 学籍: school-age persons; every 6th a different birth date, every 11th a different gender.
    table: 'jy.xs_xjxx', keyItem: 'student_no',
    rows: ({ people }) => people.filter((p) => p.birthDate >= '2008-01-01' && p.birthDate <= '2020-12-31').map((p, n) => ({
      student_no: `G${p.idNumber}`, student_name: p.name, id_number: p.idNumber, gender: n % 11 === 2 ? (p.gender === '1' ? '2' : '1') : p.gender,
      birth_date: n % 6 === 1 ? day(p.birthDate, 1) : p.birthDate, school_id: `${p.divisionCode}0${n % 10}`, school_name: `第${(n % 9) + 1}实验学校`,
      grade_level: String(10 + (n % 9)), class_name: `${(n % 6) + 1}班`, enrolled_month: '202409', status: '01',
    })),
  },
  {
    // 医保 结算: two settlements for every 4th person (the profile shows several rows of one source).
    table: 'yb.setl_d', keyItem: 'visit_no',
    rows: ({ people }) => people.filter((_, n) => n % 4 === 0).flatMap((p, n) => [0, 1].map((k) => ({
      visit_no: `V${p.idNumber}${k}`, id_number: p.idNumber, person_name: p.name, fixed_point_code: `H44150${String(n % 90).padStart(6, '0')}`,
      fixed_point_name: '汕尾市人民医院', medical_category: k ? '11' : '21', settled_on: day('2025-03-01', n * 3 + k * 40), total_cost: 120 + n * 7 + k * 300,
      pooled_fund_paid: 60 + n * 3, account_paid: 20, cash_paid: 40 + n,
    }))),
  },
  {
    // 卫健 医疗机构: the first 8 entities; one validity date differs from 市场监管's.
    table: 'wszy.yljg_zydj', keyItem: 'credit_code',
    rows: ({ entities }) => entities.slice(0, 8).map((e, n) => ({
      institution_name: e.name, credit_code: e.creditCode, practice_licence_no: `PDY${e.creditCode.slice(2, 10)}${n}`, institution_type: 'A100',
      clinical_subjects: '内科；外科', approved_beds: 20 * (n + 1), address: e.address, valid_until: n === 6 ? '2028-12-31' : '2029-12-31',
    })),
  },
  {
    // 市场监管 食品经营许可: entities 6–19; one invalid credit code.
    table: 'spaq.spjy_xk', keyItem: 'permit_no',
    rows: ({ entities }) => {
      const rows: Row[] = entities.slice(6, 20).map((e, n) => ({
        permit_no: `JY1441500${String(n).padStart(7, '0')}`, operator_name: e.name, credit_code: e.creditCode, person_in_charge: e.legalRepresentative,
        premises: e.address, business_form: '餐饮服务经营者', business_items: '热食类食品制售', valid_until: '2029-12-31', issuing_authority: '汕尾市市场监督管理局',
      }));
      if (entities[6]) rows.push({ ...rows[0], permit_no: 'JY14415009999999', credit_code: `${entities[6].creditCode.slice(0, 17)}Z` });
      return rows;
    },
  },
  {
    // 生态环境 排污许可: entities 0–5; one issue date in the future.
    table: 'pwxk.xkz', keyItem: 'permit_no',
    rows: ({ entities }) => entities.slice(0, 6).map((e, n) => ({
      permit_no: `91441500MA${String(n).padStart(6, '0')}001V`, discharger_name: e.name, credit_code: e.creditCode, industry_code: 'C1391', site_address: e.address,
      management_class: n % 2 ? '01' : '02', valid_from: '2024-01-01', valid_until: '2029-12-31', issued_on: n === 2 ? '2031-01-01' : '2024-01-01',
    })),
  },
];

export interface DemoRegistriesResult { seeded: boolean; tables: Record<string, number>; subjects: { person: number | null; entity: number | null } }

/** Fills the demo department tables behind the registries and builds both registries; needs the demo catalog. */
export async function seedDemoRegistries(services: Services, db: Kysely<unknown>, opts: { cityDivision: string; people: number; enterprises: number }): Promise<DemoRegistriesResult> {
  const mounts = new Map<string, MountedTable>();
  for (const item of [SUBJECT_KEY_ITEMS.person, SUBJECT_KEY_ITEMS.entity]) {
    for (const m of await services.catalog.mounts.tablesWithItem(item)) mounts.set(`${m.schemaName}.${m.tableName}`, m);
  }
  const cityName = (divisionFullName(opts.cityDivision) ?? '').replace(/^.*?省/, '');
  const areas: Area[] = childDivisions(opts.cityDivision).map((c) => ({ code: c.code, fullName: `${cityName}${c.name}`, towns: childDivisions(c.code).map((t) => t.name) }));
  const people = [...syntheticPeople(CITY_SEED, Math.min(Math.max(opts.people, 1), 2000), areas)];
  const entities = [...syntheticEntities(CITY_SEED, Math.min(Math.max(opts.enterprises, 1), 200), areas)];
  const tables: Record<string, number> = {};
  for (const f of FILLERS) {
    const m = mounts.get(f.table);
    if (!m || !m.schemaName || !isDataIdent(m.schemaName) || !isDataIdent(m.tableName) || !m.columns.every((c) => isDataIdent(c.column))) continue;
    const key = m.columns.find((c) => c.itemCodeName === f.keyItem);
    if (!key) continue;
    await ensureDataTable(db, { schemaName: m.schemaName, tableName: m.tableName, columns: m.columns, keyColumns: [key.column] });
    const table = sql.id(m.schemaName, m.tableName);
    const any = await sql<{ n: number }>`select 1 as n from ${table} limit 1`.execute(db);
    if (any.rows.length) continue;
    const rows = f.rows({ people, entities });
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r, n) =>
        sql`(${sql.join([...m.columns.map((c) => sql`${r[c.itemCodeName] ?? null}::${sql.raw(sqlTypeFor(c.dataType))}`), sql`now() - ${`${(i + n) % 90} days`}::interval`])})`);
      await sql`insert into ${table} (${sql.join([...m.columns.map((c) => sql.id(c.column)), sql.id('updated_at')])}) values ${sql.join(values)} on conflict do nothing`.execute(db);
    }
    tables[f.table] = rows.length;
  }
  const seeded = Object.keys(tables).length > 0;
  const subjects: DemoRegistriesResult['subjects'] = { person: null, entity: null };
  for (const registry of ['person', 'entity'] as const) {
    const last = (await services.registry.builds.list(registry, 5)).find((b) => b.status === 'succeeded');
    if (!seeded && last) continue;
    // A build already under way (the scheduled one at startup) may have read the tables before they were filled: wait, then build again.
    let build = await services.registry.builds.runNow(registry, 'seed');
    if (!build) {
      await services.registry.builds.whenIdle();
      build = await services.registry.builds.runNow(registry, 'seed');
    }
    subjects[registry] = build?.subjects ?? null;
  }
  return { seeded, tables, subjects };
}
