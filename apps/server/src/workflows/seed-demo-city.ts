import { childDivisions, createRng, divisionFullName, randomCreditCode } from '@shuzheng/standards';
import { systemContext } from '../kernel/context.ts';
import type { Services } from '../app.ts';
import { syntheticEntities, syntheticPeople, type Area } from './synthetic-people.ts';

// The demo city: real GB/T 2260 division codes of one real prefecture (default 441500 汕尾市, 广东省),
// with fictional departments, staff, people and enterprises. Deterministic: a fixed seed.

const SEED = 2260;
const BATCH = 1000;

type Kind = 'bureau' | 'municipal' | 'county' | 'town' | 'other';

// [short key, name without the city prefix, kind]
const MUNICIPAL: [string, string, Kind][] = [
  ['zsj', '政务服务数据管理局', 'bureau'],
  ['gaj', '公安局', 'municipal'], ['mzj', '民政局', 'municipal'], ['rsj', '人力资源和社会保障局', 'municipal'],
  ['wjj', '卫生健康局', 'municipal'], ['scjg', '市场监督管理局', 'municipal'], ['swj', '税务局', 'municipal'],
  ['bb', '机构编制委员会办公室', 'municipal'], ['zrzy', '自然资源局', 'municipal'], ['zjj', '住房和城乡建设局', 'municipal'],
  ['jtj', '交通运输局', 'municipal'], ['jyj', '教育局', 'municipal'], ['czj', '财政局', 'municipal'],
  ['sthj', '生态环境局', 'municipal'], ['nync', '农业农村局', 'municipal'], ['swuj', '商务局', 'municipal'],
  ['wgly', '文化广电旅游体育局', 'municipal'], ['yjj', '应急管理局', 'municipal'], ['tyjr', '退役军人事务局', 'municipal'],
  ['ybj', '医疗保障局', 'municipal'], ['sfj', '司法局', 'municipal'], ['slj', '水务局', 'municipal'],
  ['lyj', '林业局', 'municipal'], ['tjj', '统计局', 'municipal'], ['fgj', '发展和改革局', 'municipal'],
  ['gxj', '工业和信息化局', 'municipal'], ['kjj', '科学技术局', 'municipal'], ['sjj', '审计局', 'municipal'],
  ['cgj', '城市管理和综合执法局', 'municipal'], ['cl', '残疾人联合会', 'other'], ['gjj', '住房公积金管理中心', 'other'],
  ['bdc', '不动产登记中心', 'other'], ['rfb', '人民防空办公室', 'municipal'], ['qxj', '气象局', 'other'],
];

// [username, display name, department key, roles]
const STAFF: [string, string, string, string[]][] = [
  ['admin', '系统管理员', 'zsj', ['platform_admin']],
  ['secadmin', '安全保密管理员', 'zsj', ['security_admin']],
  ['auditor', '安全审计员', 'zsj', ['auditor']],
  ['reviewer', '周审核', 'zsj', ['bureau_reviewer']],
  ['leader', '陈市长', 'zsj', ['leader']],
  ['gaj_cdo', '林首席', 'gaj', ['chief_data_officer']],
  ['gaj_steward', '黄数据', 'gaj', ['data_steward']],
  ['mzj_steward', '吴数据', 'mzj', ['data_steward']],
  ['scjg_approver', '郑审批', 'scjg', ['approver']],
  ['window', '何窗口', 'zsj', ['window_staff']],
  ['hotline', '蔡话务', 'zsj', ['hotline_agent']],
  ['grid', '许网格', 'town', ['grid_worker']],
];

/** The demo accounts, to print at start: username and roles. */
export const DEMO_LOGINS: { username: string; roles: string }[] = [
  ...STAFF.map(([username, , , roles]) => ({ username, roles: roles.join(',') })),
  { username: 'citizen', roles: 'citizen' },
  { username: 'enterprise', roles: 'enterprise' },
  { username: 'developer', roles: 'citizen,developer' },
];

/** Seeds the demo city once; false when the database already has departments. */
export async function seedDemoCity(
  services: Services,
  opts: { cityDivision: string; people: number; enterprises: number; password: string },
): Promise<boolean> {
  const { identity } = services;
  const existing = await identity.counts();
  if (existing.departments > 0) return false;
  const ctx = systemContext('seed-demo-city');
  const rng = createRng(SEED);
  const cityName = divisionFullName(opts.cityDivision)!.replace(/^.*?省/, '');
  const counties = childDivisions(opts.cityDivision);
  // 登记管理部门 1 = 机构编制, 机构类别 1 = 机关 (GB 32100-2015 Table 1)
  const creditCode = (divisionCode: string) => randomCreditCode(rng, { divisionCodes: [divisionCode.slice(0, 6)], authority: '1', orgType: '1' });

  const ids = new Map<string, string>();
  let order = 0;
  for (const [key, name, kind] of MUNICIPAL) {
    const d = await identity.departments.create(
      ctx,
      { name: `${cityName}${name}`, creditCode: creditCode(opts.cityDivision), divisionCode: opts.cityDivision, kind, parentId: null },
      { isDataBureau: kind === 'bureau', sortOrder: order++ },
    );
    ids.set(key, d.id);
  }
  for (const county of counties) {
    const d = await identity.departments.create(
      ctx,
      { name: `${county.name}政务服务数据管理局`, creditCode: creditCode(county.code), divisionCode: county.code, kind: 'county', parentId: ids.get('zsj')! },
      { sortOrder: order++ },
    );
    ids.set(`county:${county.code}`, d.id);
  }
  const firstTown = childDivisions(counties[0]!.code)[0]!;
  const town = await identity.departments.create(
    ctx,
    { name: `${firstTown.name}党政综合服务中心`, creditCode: creditCode(firstTown.code), divisionCode: firstTown.code, kind: 'town', parentId: ids.get(`county:${counties[0]!.code}`)! },
    { sortOrder: order++ },
  );
  ids.set('town', town.id);

  for (const [username, displayName, dept, roles] of STAFF) {
    await identity.users.create(ctx, { username, displayName, kind: 'staff', departmentId: ids.get(dept)!, roles, password: opts.password });
  }

  const areas: Area[] = counties.map((c) => ({ code: c.code, fullName: `${cityName}${c.name}`, towns: childDivisions(c.code).map((t) => t.name) }));
  const people = [...syntheticPeople(SEED, Math.max(opts.people, 1), areas)];
  const entities = [...syntheticEntities(SEED, Math.max(opts.enterprises, 1), areas)];
  for (let i = 0; i < people.length; i += BATCH) await identity.registerSubjects(ctx, { persons: people.slice(i, i + BATCH), entities: [] });
  for (let i = 0; i < entities.length; i += BATCH) await identity.registerSubjects(ctx, { persons: [], entities: entities.slice(i, i + BATCH) });

  const citizen = people[0]!;
  const enterprise = entities[0]!;
  await identity.users.create(ctx, { username: 'citizen', displayName: citizen.name, kind: 'citizen', idNumber: citizen.idNumber, password: opts.password });
  await identity.users.create(ctx, { username: 'enterprise', displayName: enterprise.name, kind: 'enterprise', creditCode: enterprise.creditCode, password: opts.password });
  await identity.users.create(ctx, { username: 'developer', displayName: people[1 % people.length]!.name, kind: 'citizen', idNumber: people[1 % people.length]!.idNumber, roles: ['developer'], password: opts.password });
  return true;
}
