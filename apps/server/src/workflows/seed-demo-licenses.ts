import { generateIdNumber } from '@shuzheng/standards';
import { systemContext, type Actor, type RequestContext } from '../kernel/context.ts';
import type { Services } from '../app.ts';
import type { FieldDef, TypeInput, ValidityRule } from '../modules/licenses/index.ts';

// The demo city's license catalog (证照目录): about twenty common license types, each issued by the department of the
// demo city that issues it in real life, and one electronic seal for every issuing department — written through the
// licenses service, on first start only. Deterministic: the type codes derive from the departments' credit codes.
//
// Stated simplifications of the demo data:
//   - 证照类型代码 is “defining department's credit code + 3-digit sequence” [S]; real types are defined nationally
//     (e.g. by 住房和城乡建设部) — here the demo city's issuing department stands in for the defining ministry;
//   - validity terms: 5 years for 食品经营许可证, 药品经营许可证 and 排污许可证 are the well-known statutory terms; the
//     other terms are demo values, not checked against their regulations;
//   - the demo city has no 烟草专卖局 (烟草专卖零售许可证 is issued by it); 商务局 stands in;
//   - 出生医学证明's holder is the mother (the newborn has no ID number yet when it is issued);
//   - 居民身份证 and 社会保障卡 are issued by national systems: known here (reference only), never issued.
//   - the wallet demo (我的证照): the demo `citizen` holds a 结婚证 (民政局) and a 居住证 (公安局), the demo `enterprise`
//     a 营业执照 and a 食品经营许可证 (市场监督管理局), issued through the service by those departments' demo staff;
//     their data (spouse, addresses, legal representative) is made up.

type Opts = { required?: boolean; onFace?: boolean; sensitivity?: FieldDef['sensitivity']; options?: string[]; maxLength?: number };

/** A field: required, printed on the face and public (sensitivity 1) unless said otherwise. */
const F = (name: string, label: string, type: FieldDef['type'] = 'string', o: Opts = {}): FieldDef => ({
  name, label, type, required: o.required ?? true, onFace: o.onFace ?? true, sensitivity: o.sensitivity ?? 1,
  ...(o.options ? { options: o.options } : {}), ...(o.maxLength ? { maxLength: o.maxLength } : {}),
});
const E = (name: string, label: string, options: string[], o: Opts = {}) => F(name, label, 'enum', { ...o, options });

const PERMANENT: ValidityRule = { kind: 'permanent' };
const years = (n: number): ValidityRule => ({ kind: 'term', years: n });

interface DemoType {
  name: string;
  /** The issuing department's name without the city prefix (as seed-demo-city.ts names it). */
  department: string;
  holderType: TypeInput['holderType'];
  validity: ValidityRule;
  fields: FieldDef[];
  referenceOnly?: boolean;
}

export const DEMO_LICENSE_TYPES: DemoType[] = [
  {
    name: '营业执照', department: '市场监督管理局', holderType: 'entity', validity: PERMANENT,
    fields: [
      E('entityType', '类型', ['有限责任公司', '股份有限公司', '个人独资企业', '合伙企业', '个体工商户', '农民专业合作社']),
      F('legalRepresentative', '法定代表人'), F('registeredCapital', '注册资本', 'string', { required: false }), F('establishedOn', '成立日期', 'date'),
      F('businessTerm', '营业期限'), F('address', '住所'), F('businessScope', '经营范围', 'string', { maxLength: 2000 }),
    ],
  },
  {
    name: '食品经营许可证', department: '市场监督管理局', holderType: 'entity', validity: years(5),
    fields: [
      F('licenseNumber', '许可证编号'), F('legalRepresentative', '法定代表人（负责人）'), F('premises', '经营场所'),
      E('mainBusiness', '主体业态', ['食品销售经营者', '餐饮服务经营者', '单位食堂']), F('businessItems', '经营项目', 'string', { maxLength: 1000 }),
    ],
  },
  {
    name: '药品经营许可证', department: '市场监督管理局', holderType: 'entity', validity: years(5),
    fields: [
      F('licenseNumber', '许可证编号'), F('legalRepresentative', '法定代表人'), F('responsiblePerson', '企业负责人'), F('qualityManager', '质量负责人'),
      F('address', '注册地址'), F('warehouseAddress', '仓库地址', 'string', { required: false }), E('businessMode', '经营方式', ['批发', '零售', '零售连锁']),
      F('businessScope', '经营范围', 'string', { maxLength: 1000 }),
    ],
  },
  {
    name: '结婚证', department: '民政局', holderType: 'citizen', validity: PERMANENT,
    fields: [
      F('certificateNo', '结婚证字号'), F('registeredOn', '登记日期', 'date'), F('spouseName', '配偶姓名', 'string', { sensitivity: 2 }),
      F('spouseIdNumber', '配偶公民身份号码', 'string', { sensitivity: 3 }),
    ],
  },
  {
    name: '离婚证', department: '民政局', holderType: 'citizen', validity: PERMANENT,
    fields: [
      F('certificateNo', '离婚证字号'), F('registeredOn', '登记日期', 'date'), F('formerSpouseName', '原配偶姓名', 'string', { sensitivity: 2 }),
      F('formerSpouseIdNumber', '原配偶公民身份号码', 'string', { sensitivity: 3 }),
    ],
  },
  {
    name: '老年人优待证', department: '民政局', holderType: 'citizen', validity: PERMANENT,
    fields: [F('certificateNo', '证号'), F('benefits', '优待项目', 'string', { required: false, onFace: false })],
  },
  {
    name: '出生医学证明', department: '卫生健康局', holderType: 'citizen', validity: PERMANENT,
    fields: [
      F('certificateNo', '出生医学证明编号'), F('babyName', '新生儿姓名', 'string', { sensitivity: 2 }), E('babyGender', '新生儿性别', ['男', '女'], { sensitivity: 2 }),
      F('birthDate', '出生日期', 'date', { sensitivity: 2 }), F('birthPlace', '出生地点', 'string', { sensitivity: 2 }),
      F('fatherName', '父亲姓名', 'string', { sensitivity: 2, required: false }), F('institution', '接生机构'),
    ],
  },
  {
    name: '医师执业证书', department: '卫生健康局', holderType: 'citizen', validity: PERMANENT,
    fields: [F('certificateNo', '证书编码'), E('category', '执业类别', ['临床', '中医', '口腔', '公共卫生']), F('scope', '执业范围'), F('institution', '执业地点')],
  },
  {
    name: '生育登记服务证（准生证）', department: '卫生健康局', holderType: 'citizen', validity: years(1),
    fields: [F('registrationNo', '登记号'), F('spouseName', '配偶姓名', 'string', { sensitivity: 2 }), E('childOrder', '生育子女次序', ['一孩', '二孩', '三孩'], { sensitivity: 2 })],
  },
  {
    name: '不动产权证书', department: '自然资源局', holderType: 'citizen', validity: PERMANENT,
    fields: [
      F('certificateNo', '不动产权证书号'), E('ownership', '共有情况', ['单独所有', '共同共有', '按份共有']), F('location', '坐落', 'string', { sensitivity: 2 }),
      F('unitNumber', '不动产单元号', 'string', { sensitivity: 2 }), F('rightType', '权利类型'), F('rightNature', '权利性质'), F('usage', '用途'),
      F('area', '面积（平方米）', 'number', { sensitivity: 2 }), F('term', '使用期限', 'string', { required: false }),
    ],
  },
  {
    name: '建筑工程施工许可证', department: '住房和城乡建设局', holderType: 'entity', validity: PERMANENT,
    fields: [
      F('licenseNumber', '编号'), F('projectName', '工程名称'), F('constructionSite', '建设地址'), F('scale', '建设规模'),
      F('contractPrice', '合同价格（万元）', 'number'), F('designUnit', '设计单位'), F('contractor', '施工单位'), F('supervisionUnit', '监理单位'),
      F('contractPeriod', '合同工期'),
    ],
  },
  {
    name: '道路运输证', department: '交通运输局', holderType: 'entity', validity: years(6),
    fields: [
      F('certificateNo', '道路运输证号'), F('plateNumber', '车辆号牌'), F('vehicleType', '车辆类型'), F('tonnageOrSeats', '吨（座）位'),
      F('businessScope', '经营范围'), F('operatorLicenseNo', '经营许可证号', 'string', { required: false }),
    ],
  },
  {
    name: '残疾人证', department: '残疾人联合会', holderType: 'citizen', validity: years(10),
    fields: [
      F('certificateNo', '残疾人证号', 'string', { sensitivity: 3 }), E('category', '残疾类别', ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'], { sensitivity: 3 }),
      E('grade', '残疾等级', ['一级', '二级', '三级', '四级'], { sensitivity: 3 }), F('guardian', '监护人', 'string', { required: false, sensitivity: 2 }),
    ],
  },
  {
    name: '居住证', department: '公安局', holderType: 'citizen', validity: years(1),
    fields: [F('address', '居住地址', 'string', { sensitivity: 2 }), F('domicile', '户籍地址', 'string', { sensitivity: 3, onFace: false })],
  },
  {
    name: '居民身份证', department: '公安局', holderType: 'citizen', validity: years(20), referenceOnly: true,
    fields: [E('gender', '性别', ['男', '女'], { sensitivity: 2 }), F('ethnicity', '民族', 'string', { sensitivity: 2 }), F('address', '住址', 'string', { sensitivity: 3 })],
  },
  {
    name: '社会保障卡', department: '人力资源和社会保障局', holderType: 'citizen', validity: years(10), referenceOnly: true,
    fields: [F('socialSecurityNumber', '社会保障号码', 'string', { sensitivity: 3 }), F('cardNumber', '卡号', 'string', { sensitivity: 3 })],
  },
  {
    name: '职业资格证书', department: '人力资源和社会保障局', holderType: 'citizen', validity: PERMANENT,
    fields: [F('certificateNo', '证书编号'), F('occupation', '职业（工种）'), E('level', '等级', ['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师'])],
  },
  {
    name: '教师资格证', department: '教育局', holderType: 'citizen', validity: PERMANENT,
    fields: [
      F('certificateNo', '证书号码'), E('category', '资格种类', ['幼儿园', '小学', '初级中学', '高级中学', '中等职业学校', '中等职业学校实习指导', '高等学校']),
      F('subject', '任教学科', 'string', { required: false }),
    ],
  },
  {
    name: '排污许可证', department: '生态环境局', holderType: 'entity', validity: years(5),
    fields: [F('certificateNo', '证书编号'), F('industry', '行业类别'), F('productionAddress', '生产经营场所地址'), F('legalRepresentative', '法定代表人')],
  },
  {
    name: '烟草专卖零售许可证', department: '商务局', holderType: 'entity', validity: years(5),
    fields: [F('licenseNumber', '许可证号'), F('responsiblePerson', '负责人'), F('address', '经营场所'), F('businessScope', '经营范围')],
  },
  {
    name: '退役军人优待证', department: '退役军人事务局', holderType: 'citizen', validity: PERMANENT,
    fields: [F('certificateNo', '证号'), E('category', '优待对象类别', ['退役军人', '其他优抚对象'])],
  },
];

export interface DemoLicensesResult {
  /** false when the catalog already had types (nothing was written) */
  seeded: boolean;
  types: number;
  seals: number;
}

/** Seeds the demo license catalog and the issuing departments' seals once; does nothing when types exist. */
export async function seedDemoLicenses(services: Pick<Services, 'identity' | 'licenses'> & Partial<Pick<Services, 'catalog'>>): Promise<DemoLicensesResult> {
  const { identity, licenses, catalog } = services;
  const ctx = systemContext('seed-demo-licenses');
  if ((await licenses.types.list({}, { page: 1, pageSize: 1 })).total > 0) return { seeded: false, types: 0, seals: 0 };

  const departments = (await identity.departments.list({}, { page: 1, pageSize: 1000 })).items;
  const bureau = departments.find((d) => d.isDataBureau);
  if (!bureau) throw new Error('演示证照目录需要演示城市的政务服务数据管理局（先运行演示城市初始化）');
  const city = bureau.name.replace(/政务服务数据管理局$/, '');

  const sequence = new Map<string, number>();
  const issuing = new Map<string, string>();
  let types = 0;
  for (const spec of DEMO_LICENSE_TYPES) {
    const department = departments.find((d) => d.name === `${city}${spec.department}`);
    if (!department) continue;
    const n = (sequence.get(department.id) ?? 0) + 1;
    sequence.set(department.id, n);
    // The license library is a base registry in the catalog: a type is registered under the published entry
    // “<type>电子证照” of the demo catalog when there is one.
    const entryName = `${spec.name}电子证照`;
    const entry = catalog ? (await catalog.search.search({ q: entryName }, { page: 1, pageSize: 5 })).items.find((e) => e.name === entryName) : undefined;
    await licenses.types.create(ctx, {
      code: `${department.creditCode}${String(n).padStart(3, '0')}`, name: spec.name, level: 'city', holderType: spec.holderType,
      issuerDepartmentIds: [department.id], fields: spec.fields, validity: spec.validity, referenceOnly: spec.referenceOnly ?? false,
      catalogEntryId: entry?.id ?? null,
    });
    types++;
    if (!spec.referenceOnly) issuing.set(department.id, department.name);
  }
  for (const departmentId of issuing.keys()) await licenses.seals.create(ctx, { departmentId });
  await seedDemoWallet(services);
  return { seeded: true, types, seals: issuing.size };
}

/** A context acting as a demo issuer (department-scoped 制证 rights, as the approver / data steward roles give). */
async function issuerContext(identity: Services['identity'], username: string): Promise<RequestContext | null> {
  const sys = systemContext('seed-demo-licenses');
  const user = (await identity.users.list(sys, { q: username, kind: 'staff' }, { page: 1, pageSize: 20 })).items.find((u) => u.username === username);
  if (!user?.departmentId) return null;
  const actor: Actor = {
    userId: user.id, username: user.username, displayName: user.displayName, kind: 'staff', departmentId: user.departmentId, departmentName: user.departmentName,
    roles: user.roles.map((r) => r.code), permissions: new Map([['licenses.license.issue', 'department'], ['licenses.license.read', 'department']]),
    sessionId: 'seed-demo-licenses', authMethod: 'session',
  };
  return { ...sys, actor };
}

/**
 * Licenses for the demo `citizen` and `enterprise` accounts, so that 我的证照 is not empty on a fresh start. Each
 * license is issued only if the holder has none of its type in force (safe to run again).
 */
export async function seedDemoWallet(services: Pick<Services, 'identity' | 'licenses'>): Promise<number> {
  const { identity, licenses } = services;
  const sys = systemContext('seed-demo-licenses');
  const holderOf = async (username: string, kind: 'citizen' | 'enterprise') => {
    const user = (await identity.users.list(sys, { q: username, kind }, { page: 1, pageSize: 20 })).items.find((u) => u.username === username);
    return user ? identity.holderOf(user.id) : null;
  };
  const typeCode = async (name: string) => (await licenses.types.list({ q: name }, { page: 1, pageSize: 50 })).items.find((t) => t.name === name)?.code;
  const citizen = await holderOf('citizen', 'citizen');
  const enterprise = await holderOf('enterprise', 'enterprise');
  const plan: { issuer: string; type: string; holder: typeof citizen; fields: Record<string, unknown>; issuedOn?: string }[] = [
    { issuer: 'mzj_steward', type: '结婚证', holder: citizen, issuedOn: '2021-05-20', fields: {
      certificateNo: 'J441502-2021-000520', registeredOn: '2021-05-20', spouseName: '陈美玲',
      spouseIdNumber: generateIdNumber({ divisionCode: '441502', birthDate: '1993-08-08', gender: 'female', sequence: 88 }),
    } },
    { issuer: 'gaj_steward', type: '居住证', holder: citizen, fields: { address: '汕尾市城区新港街道海滨大道 66 号 3 栋 502 房', domicile: '广东省汕尾市海丰县附城镇新园村' } },
    { issuer: 'scjg_approver', type: '营业执照', holder: enterprise, issuedOn: '2022-03-18', fields: {
      entityType: '有限责任公司', legalRepresentative: '林晓峰', registeredCapital: '200万元人民币', establishedOn: '2022-03-18', businessTerm: '长期',
      address: '汕尾市城区香洲街道汕尾大道 88 号', businessScope: '餐饮服务；食品销售；信息技术咨询服务',
    } },
    { issuer: 'scjg_approver', type: '食品经营许可证', holder: enterprise, fields: {
      licenseNumber: 'JY14415020026688', legalRepresentative: '林晓峰', premises: '汕尾市城区香洲街道汕尾大道 88 号首层', mainBusiness: '餐饮服务经营者',
      businessItems: '热食类食品制售；冷食类食品制售',
    } },
  ];
  const issuers = new Map<string, RequestContext | null>();
  let issued = 0;
  for (const p of plan) {
    const code = await typeCode(p.type);
    if (!p.holder || !code || (await licenses.holds(p.holder.id, code))) continue;
    if (!issuers.has(p.issuer)) issuers.set(p.issuer, await issuerContext(identity, p.issuer));
    const ctx = issuers.get(p.issuer);
    if (!ctx) continue;
    await licenses.licenses.issue(ctx, { typeCode: code, holderId: p.holder.id, holderName: p.holder.name, fields: p.fields, ...(p.issuedOn ? { issuedOn: p.issuedOn } : {}) });
    issued++;
  }
  return issued;
}
