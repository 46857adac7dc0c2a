// The demo catalog of the demo city: per department its information systems and catalog entries, with data items
// named as in the national registries and code tables cited by their standard. Fictional content, realistic shape.

export type Sensitivity = 'none' | 'personal' | 'sensitive_personal';
type Openness = 'unconditional' | 'conditional' | 'none';

export interface DemoItem {
  name: string;
  codeName: string;
  dataType: 'string' | 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean';
  length: number | null;
  description: string | null;
  codeTable: string | null;
  shareType: Openness | null;
  openType: Openness | null;
  sensitivity: Sensitivity;
  authoritative: boolean;
}

export interface DemoSystem {
  name: string;
  purpose: string;
  deployment: 'gov_cloud' | 'self_hosted';
  network: 'extranet' | 'internet' | 'private';
}

/** What becomes of an entry in the seed (default `published`). */
export type Fate = 'published' | 'draft' | 'submitted' | 'returned' | 'version2' | 'change_submitted';

export type DemoMount =
  | { kind: 'table'; datasource: string; schema: string; table: string }
  | { kind: 'api'; path: string; method: 'GET' | 'POST'; auth: 'token' | 'app_key' | 'sm2' | 'mtls' };

export interface DemoEntry {
  name: string;
  category: 'basic' | 'theme' | 'department';
  subcategory: string;
  summary: string;
  keywords: string[];
  system: 0 | 1;
  format: [string, string];
  share: Openness;
  shareCondition?: string;
  /** platform channels; none means 其他方式 with `otherMethod` */
  channels?: ('table' | 'api' | 'file')[];
  otherMethod?: string;
  noShare?: ['law' | 'policy' | 'sensitive' | 'other', string];
  open: Openness;
  openCondition?: string;
  frequency: 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | 'irregular';
  grade: 'core' | 'important' | 'general';
  level?: 1 | 2 | 3 | 4;
  duty: string;
  records?: number;
  storageMb?: number;
  /** names of entries seeded before this one (their codes become 关联资源代码) */
  related?: string[];
  items: DemoItem[];
  fate?: Fate;
  /** working days before the seed day on which the resource was identified (资源确认日期) */
  identified?: number;
  /** the bureau's return reasons (fate `returned`) */
  reasons?: { path: string; message: string }[];
  /** the later change (fate `version2` / `change_submitted`) */
  change?: { summary?: string; addItems?: DemoItem[] };
  mount?: DemoMount;
}

export interface DemoDepartment {
  /** department name without the city prefix, as the demo city seed creates it */
  suffix: string;
  key: string;
  /** the steward account: an existing one of the demo city, or created by the catalog seed */
  steward: { username: string; displayName: string };
  phone: string;
  /** the department's 三定 regulation, cited in each entry's duty text */
  sanding: string;
  systems: DemoSystem[];
  entries: DemoEntry[];
}

// ── data items ──────────────────────────────────────────────────────────────
const P: Sensitivity = 'personal';
const S: Sensitivity = 'sensitive_personal';

// Code tables (代码表) by their standard.
const GENDER = 'GB/T 2261.1-2003 人的性别代码';
const MARITAL = 'GB/T 2261.2-2003 婚姻状况代码';
const DIVISION = 'GB/T 2260 中华人民共和国行政区划代码';
const NATION = 'GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码';
const EDUCATION = 'GB/T 4658-2006 学历代码';
const RELATION = 'GB/T 4761-2008 家庭关系代码';
const INDUSTRY = 'GB/T 4754-2017 国民经济行业分类';
const ECONOMY = 'GB/T 12402-2000 经济类型分类与代码';
const DISEASE = 'GB/T 14396-2016 疾病分类与代码';
const LAND_USE = 'GB/T 21010-2017 土地利用现状分类';
const ESTATE_UNIT = 'GB/T 37346-2019 不动产单元设定与代码编制规则';
const PLATE_KIND = 'GA 24.7-2005 机动车号牌种类代码';
const VEHICLE_KIND = 'GA 24.4-2005 机动车车辆类型代码';
const HEALTH_ORG = 'WS 218-2002 卫生机构（组织）分类与代码';
const EDU_BASE = 'JY/T 1001-2012 教育管理基础代码';
const AQI_LEVEL = 'HJ 633-2012 环境空气质量指数（AQI）级别';
const MEDICAL_CODE = '国家医疗保障信息业务编码标准';

/** A data item; `type` is `s<length>` (string), `n<length>` (decimal), `d` date, `t` datetime, `i` integer, `b` boolean. */
export function item(name: string, codeName: string, type: string, sensitivity: Sensitivity = 'none', extra: Partial<DemoItem> = {}): DemoItem {
  const sized = /^([sn])(\d+)$/.exec(type);
  const dataType = sized ? (sized[1] === 's' ? 'string' : 'decimal') : ({ d: 'date', t: 'datetime', i: 'integer', b: 'boolean' } as const)[type as 'd'];
  if (!dataType) throw new Error(`unknown item type ${type}`);
  return {
    name, codeName, dataType, length: sized ? Number(sized[2]) : null, description: null, codeTable: null,
    shareType: null, openType: null, sensitivity, authoritative: false, ...extra,
  };
}

// Items many registries share, with their national names.
const F = {
  idNumber: item('公民身份号码', 'id_number', 's18', S, { description: 'GB 11643-1999 公民身份号码' }),
  name: item('姓名', 'person_name', 's50', P),
  gender: item('性别', 'gender', 's1', P, { codeTable: GENDER }),
  nation: item('民族', 'nation', 's2', S, { codeTable: NATION }),
  birthDate: item('出生日期', 'birth_date', 'd', P),
  domicile: item('户籍地址', 'domicile_address', 's200', P),
  division: item('行政区划代码', 'division_code', 's6', 'none', { codeTable: DIVISION }),
  phone: item('联系电话', 'phone', 's20', P),
  creditCode: item('统一社会信用代码', 'credit_code', 's18', 'none', { description: 'GB 32100-2015 统一社会信用代码' }),
  orgName: item('单位名称', 'org_name', 's200'),
  legalRep: item('法定代表人', 'legal_representative', 's50', P),
  address: item('住所', 'address', 's200'),
  industry: item('行业代码', 'industry_code', 's5', 'none', { codeTable: INDUSTRY }),
  issuedOn: item('发证日期', 'issued_on', 'd'),
  validUntil: item('有效期至', 'valid_until', 'd'),
  authority: item('发证机关', 'issuing_authority', 's100'),
  licenceNo: item('证照编号', 'licence_no', 's64'),
} as const;

type FieldKey = keyof typeof F;
/** Shared items by key, or items written out, in order. */
const items = (...specs: (FieldKey | DemoItem)[]): DemoItem[] => specs.map((s) => (typeof s === 'string' ? { ...F[s] } : s));
/** The shared item, flagged as this department's authoritative source (一数一源). */
const auth = (k: FieldKey | DemoItem): DemoItem => ({ ...(typeof k === 'string' ? F[k] : k), authoritative: true });
/** The shared item, not opened to the public (personal information under an openly published entry). */
const closed = (k: FieldKey | DemoItem): DemoItem => ({ ...(typeof k === 'string' ? F[k] : k), openType: 'none' });

const PLATFORM_CONDITION = '仅限政务部门依法履职和办理政务服务事项时使用，经数据共享平台申请并经提供部门审核同意';

// ── departments ─────────────────────────────────────────────────────────────
export const DEMO_CATALOG: DemoDepartment[] = [
  {
    suffix: '公安局', key: 'gaj', steward: { username: 'gaj_steward', displayName: '黄数据' }, phone: '0660-3360110',
    sanding: '《汕尾市公安局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '人口信息管理系统', purpose: '户籍登记、迁移与常住人口、流动人口信息管理', deployment: 'self_hosted', network: 'private' },
      { name: '出入境证件管理系统', purpose: '出入境证件受理、审批、制证与签发', deployment: 'self_hosted', network: 'private' },
    ],
    entries: [
      {
        name: '常住人口基本信息', category: 'basic', subcategory: '01', system: 0, fate: 'version2',
        summary: '全市常住户籍人口的身份、户籍与出生等基本信息，由派出所户籍登记业务产生，是人口基础信息库的权威来源，每日更新。',
        keywords: ['人口', '户籍', '常住人口', '身份核验'], format: ['database', 'KingbaseES'], share: 'conditional', shareCondition: PLATFORM_CONDITION,
        channels: ['api', 'table'], open: 'none', frequency: 'daily', grade: 'important', duty: '负责户籍管理和居民身份证管理工作', records: 2_861_000, storageMb: 5_120,
        items: items(auth('idNumber'), 'name', item('曾用名', 'former_name', 's50', P), 'gender', 'nation', 'birthDate',
          item('出生地行政区划代码', 'birthplace_division', 's6', P, { codeTable: DIVISION }), 'domicile', item('户号', 'household_no', 's9', P),
          item('与户主关系', 'relation_to_head', 's2', P, { codeTable: RELATION }), item('文化程度', 'education', 's2', P, { codeTable: EDUCATION })),
        change: { summary: '全市常住户籍人口的身份、户籍、出生与户籍注销等基本信息，由派出所户籍登记业务产生，是人口基础信息库的权威来源，每日更新；自第 2 版起含户籍注销日期。', addItems: [item('户籍注销日期', 'deregistered_on', 'd', P)] },
        mount: { kind: 'table', datasource: '公安人口库', schema: 'rk', table: 'czrk_jbxx' },
      },
      {
        name: '户籍迁移登记信息', category: 'basic', subcategory: '01', system: 0, related: ['常住人口基本信息'],
        summary: '户口迁入、迁出及市内户口移居登记信息，包括迁移类型、迁出迁入地址和承办派出所，用于入学、社保关系转移等事项核验。',
        keywords: ['户籍迁移', '户口迁入', '迁出'], format: ['database', 'KingbaseES'], share: 'conditional', shareCondition: PLATFORM_CONDITION,
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责户口迁移登记管理', records: 186_000,
        items: items('idNumber', 'name', item('迁移类型', 'migration_type', 's2', P), item('迁出地址', 'moved_out_address', 's200', P),
          item('迁入地址', 'moved_in_address', 's200', P), item('迁入地行政区划代码', 'moved_in_division', 's6', P, { codeTable: DIVISION }),
          item('迁移日期', 'migrated_on', 'd', P), item('承办派出所', 'police_station', 's100')),
        mount: { kind: 'api', path: '/gaj/hukou/migrations', method: 'POST', auth: 'sm2' },
      },
      {
        name: '居住证登记信息', category: 'theme', subcategory: '01', system: 0,
        summary: '流动人口申领居住证的登记与签发信息，用于随迁子女入学、积分入户和基本公共服务均等化办理时核验居住年限。',
        keywords: ['居住证', '流动人口', '公共服务'], format: ['database', 'KingbaseES'], share: 'conditional', shareCondition: '用于基本公共服务事项办理时核验居住证信息',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责流动人口服务管理和居住证签发', records: 312_000,
        items: items('idNumber', 'name', item('居住证编号', 'residence_permit_no', 's20', P), item('居住地址', 'residence_address', 's200', P),
          F.issuedOn, F.validUntil, F.authority),
      },
      {
        name: '出入境证件签发信息', category: 'department', subcategory: '01', system: 1,
        summary: '普通护照、往来港澳通行证、往来台湾通行证等出入境证件的受理与签发信息，用于出国（境）证照办理进度查询和证件核验。',
        keywords: ['出入境', '护照', '港澳通行证'], format: ['database', 'oracle'], share: 'conditional', shareCondition: '仅用于公职人员出国（境）证照管理和依法核验',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责出入境管理和出入境证件签发', records: 428_000,
        items: items('idNumber', 'name', item('证件类型', 'document_type', 's2', P, { codeTable: 'GA/T 2000.156-2016 常用证件代码' }),
          item('证件号码', 'document_no', 's20', S), F.issuedOn, F.validUntil, F.authority),
      },
      {
        name: '居民身份证电子证照', category: 'basic', subcategory: '05', system: 0, fate: 'submitted', identified: 8,
        summary: '居民身份证的电子证照信息，按电子证照标准生成并加盖电子印章，用于政务服务“免证办”和亮证核验。',
        keywords: ['身份证', '电子证照', '免证办'], format: ['electronic_file', 'OFD'], share: 'conditional', shareCondition: '经持证人授权或用于依法履职的身份核验',
        channels: ['api'], open: 'none', frequency: 'realtime', grade: 'general', level: 4, duty: '负责居民身份证管理工作', records: 2_540_000,
        items: items('licenceNo', 'idNumber', 'name', 'gender', 'nation', 'birthDate', item('住址', 'id_card_address', 's200', P),
          F.authority, item('有效期限起始日期', 'valid_from', 'd', P), item('有效期限截止日期', 'valid_to', 'd', P)),
      },
      {
        name: '警情明细信息', category: 'department', subcategory: '01', system: 0,
        summary: '110 接处警形成的警情明细，包括报警时间、警情类别、处置单位和处置结果；涉及案件侦查与报警人个人信息，不予共享，仅提供统计汇总。',
        keywords: ['警情', '110', '接处警'], format: ['database', 'oracle'], share: 'none', noShare: ['law', '《中华人民共和国刑事诉讼法》及《公安机关办理刑事案件程序规定》关于侦查工作保密的规定；报警人信息依《中华人民共和国个人信息保护法》予以保护'],
        otherMethod: '不提供明细，按季度提供警情统计汇总表', open: 'none', frequency: 'realtime', grade: 'important', duty: '负责社会治安管理和接处警工作', records: 640_000,
        items: items(item('警情编号', 'incident_no', 's22'), item('报警时间', 'reported_at', 't'), item('警情类别', 'incident_type', 's6'),
          item('发生地址', 'incident_address', 's200'), item('报警人联系电话', 'caller_phone', 's20', P), item('处置单位', 'handling_unit', 's100'),
          item('处置结果', 'outcome', 's500')),
      },
    ],
  },
  {
    suffix: '民政局', key: 'mzj', steward: { username: 'mzj_steward', displayName: '吴数据' }, phone: '0660-3362345',
    sanding: '《汕尾市民政局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '婚姻登记管理信息系统', purpose: '结婚、离婚登记与补领婚姻登记证', deployment: 'gov_cloud', network: 'extranet' },
      { name: '社会救助信息系统', purpose: '最低生活保障、特困人员供养和临时救助的申请、审核与发放', deployment: 'gov_cloud', network: 'extranet' },
    ],
    entries: [
      {
        name: '婚姻登记信息', category: 'basic', subcategory: '01', system: 0,
        summary: '全市婚姻登记机关办理结婚、离婚登记和补领婚姻登记证形成的登记信息，用于不动产登记、户籍办理等事项免于提交婚姻证明。',
        keywords: ['婚姻登记', '结婚', '离婚', '婚姻状况'], format: ['database', 'MySQL'], share: 'conditional', shareCondition: '用于政务服务事项办理时核验婚姻状况',
        channels: ['api', 'table'], open: 'none', frequency: 'realtime', grade: 'general', level: 3, duty: '负责婚姻登记管理工作', records: 652_000,
        items: items(item('男方公民身份号码', 'male_id_number', 's18', S), item('男方姓名', 'male_name', 's50', P),
          item('女方公民身份号码', 'female_id_number', 's18', S), item('女方姓名', 'female_name', 's50', P),
          item('登记类别', 'registration_type', 's2', P, { description: '结婚、离婚、补领' }), auth(item('婚姻登记日期', 'married_on', 'd', P)),
          item('婚姻登记证字号', 'certificate_no', 's30', P), item('登记机关', 'registry_office', 's100')),
        mount: { kind: 'api', path: '/mzj/marriages/verify', method: 'POST', auth: 'sm2' },
      },
      {
        name: '结婚证电子证照', category: 'basic', subcategory: '05', system: 0, related: ['婚姻登记信息'],
        summary: '结婚证的电子证照信息，由婚姻登记信息生成并加盖婚姻登记机关电子印章，支持“粤省事”亮证和政务服务免提交。',
        keywords: ['结婚证', '电子证照', '婚姻'], format: ['electronic_file', 'OFD'], share: 'conditional', shareCondition: '经持证人授权使用',
        channels: ['api'], open: 'none', frequency: 'realtime', grade: 'general', level: 3, duty: '负责婚姻登记管理工作', records: 418_000,
        items: items('licenceNo', item('持证人姓名', 'holder_name', 's50', P), item('持证人公民身份号码', 'holder_id_number', 's18', S),
          item('配偶姓名', 'spouse_name', 's50', P), item('配偶公民身份号码', 'spouse_id_number', 's18', S), item('登记日期', 'registered_on', 'd', P), F.authority),
      },
      {
        name: '最低生活保障对象信息', category: 'theme', subcategory: '03', system: 1,
        summary: '城乡最低生活保障对象的家庭与保障金发放信息，按月更新，用于医疗救助、教育资助、水电费减免等联动救助和动态监测。',
        keywords: ['低保', '社会救助', '最低生活保障'], format: ['database', 'MySQL'], share: 'conditional', shareCondition: '用于社会救助联动和困难群众动态监测，不得用于其他用途',
        channels: ['table'], open: 'none', frequency: 'monthly', grade: 'general', level: 4, duty: '负责城乡最低生活保障工作', records: 38_600,
        items: items('idNumber', 'name', item('保障类别', 'assistance_type', 's2', S, { description: '城市低保、农村低保' }),
          item('家庭保障人口数', 'household_size', 'i', S), item('月保障金额（元）', 'monthly_amount', 'n12', S), item('救助起始日期', 'assisted_from', 'd', S),
          item('所属乡镇（街道）', 'township', 's100'), 'division'),
        mount: { kind: 'table', datasource: '社会救助库', schema: 'shjz', table: 'db_dx' },
      },
      {
        name: '社会组织登记信息', category: 'basic', subcategory: '02', system: 1,
        summary: '在本市登记的社会团体、民办非企业单位和基金会的登记信息，向社会公开，用于社会组织查询、信用监管和政府购买服务资格核验。',
        keywords: ['社会组织', '社会团体', '民办非企业'], format: ['database', 'MySQL'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责社会组织登记和监督管理', records: 2_140,
        items: items('creditCode', item('社会组织名称', 'social_org_name', 's200'), item('社会组织类型', 'social_org_type', 's2'), closed('legalRep'),
          item('业务主管单位', 'supervising_unit', 's100'), item('成立登记日期', 'registered_on', 'd'), 'address', item('登记状态', 'registration_status', 's2')),
      },
      {
        name: '特困人员供养信息', category: 'theme', subcategory: '03', system: 1, fate: 'draft', identified: 30,
        summary: '特困人员（城乡分散供养和集中供养）的认定与供养金发放信息。',
        keywords: ['特困人员', '供养'], format: ['database', 'MySQL'], share: 'conditional', shareCondition: '用于社会救助联动',
        channels: ['table'], open: 'none', frequency: 'monthly', grade: 'general', level: 4, duty: '负责特困人员救助供养工作',
        items: items('idNumber', 'name', item('供养方式', 'support_mode', 's2', S), item('认定日期', 'certified_on', 'd', S), item('供养金额（元）', 'support_amount', 'n12', S)),
      },
      {
        name: '养老机构备案信息', category: 'theme', subcategory: '01', system: 1, fate: 'returned', identified: 17,
        summary: '养老机构。',
        keywords: ['养老机构', '养老服务', '备案'], format: ['spreadsheet', 'xlsx'], share: 'unconditional', channels: ['file'],
        open: 'unconditional', frequency: 'quarterly', grade: 'general', level: 1, duty: '负责养老服务体系建设和养老机构监督管理', records: 86,
        items: items(item('养老机构名称', 'institution_name', 's200'), 'creditCode', item('床位数', 'beds', 'i'), item('备案日期', 'filed_on', 'd'),
          closed(item('机构负责人', 'person_in_charge', 's50', P)), 'address'),
        reasons: [
          { path: 'summary', message: '摘要过于简单，请说明数据范围（公办、民办）、来源业务和更新方式' },
          { path: 'items.2.name', message: '床位数请区分护理型床位和普通床位，便于养老服务补贴核算' },
        ],
      },
    ],
  },
  {
    suffix: '人力资源和社会保障局', key: 'rsj', steward: { username: 'rsj_steward', displayName: '梁数据' }, phone: '0660-3361233',
    sanding: '《汕尾市人力资源和社会保障局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '社会保险信息系统', purpose: '企业职工和城乡居民养老、工伤、失业保险的参保登记、缴费与待遇发放', deployment: 'self_hosted', network: 'private' },
      { name: '就业创业服务系统', purpose: '就业失业登记、职业技能培训与鉴定、创业补贴发放', deployment: 'gov_cloud', network: 'extranet' },
    ],
    entries: [
      {
        name: '社会保险参保登记信息', category: 'theme', subcategory: '03', system: 0,
        summary: '企业职工基本养老、工伤、失业保险和城乡居民养老保险的参保登记信息，包括参保单位、险种和参保状态，用于参保证明免提交。',
        keywords: ['社保', '参保登记', '养老保险', '参保状态'], format: ['database', 'oracle'], share: 'conditional', shareCondition: PLATFORM_CONDITION,
        channels: ['api', 'table'], open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责全市社会保险参保登记和基金征缴管理', records: 1_376_000,
        items: items('idNumber', 'name', item('参保单位统一社会信用代码', 'employer_credit_code', 's18'), item('参保单位名称', 'employer_name', 's200'),
          item('险种类型', 'insurance_type', 's3', 'none', { description: '110 企业职工基本养老保险、120 城乡居民养老保险、210 失业保险、410 工伤保险' }),
          auth(item('参保状态', 'insured_status', 's1', P)), item('参保日期', 'insured_from', 'd', P), item('人员类别', 'person_category', 's2', P)),
        mount: { kind: 'table', datasource: '社保核心库', schema: 'si', table: 'ac02_cbdj' },
      },
      {
        name: '社会保险缴费信息', category: 'theme', subcategory: '03', system: 0, related: ['社会保险参保登记信息'],
        summary: '参保人员按月的社会保险缴费明细，包括缴费基数、单位和个人缴费金额，用于购房、入学、积分入户等资格审查中的社保缴费核验。',
        keywords: ['社保缴费', '缴费基数', '缴费记录'], format: ['database', 'oracle'], share: 'conditional', shareCondition: '用于资格审查时核验连续缴费月数',
        channels: ['api'], open: 'none', frequency: 'monthly', grade: 'general', level: 3, duty: '负责全市社会保险参保登记和基金征缴管理', records: 96_500_000, storageMb: 48_200,
        items: items('idNumber', 'name', item('险种类型', 'insurance_type', 's3'), item('缴费年月', 'contribution_month', 's6', P, { description: 'YYYYMM' }),
          item('缴费基数（元）', 'contribution_base', 'n14', S), item('单位缴费金额（元）', 'employer_amount', 'n14', S),
          item('个人缴费金额（元）', 'personal_amount', 'n14', S), item('缴费状态', 'contribution_status', 's1', P)),
        mount: { kind: 'api', path: '/rsj/contributions/query', method: 'POST', auth: 'app_key' },
      },
      {
        name: '社会保障卡持卡信息', category: 'basic', subcategory: '05', system: 0,
        summary: '第三代社会保障卡的发卡、启用与挂失信息，用于“一卡通”惠民惠农补贴发放和就医、乘车等场景的持卡人身份核验。',
        keywords: ['社会保障卡', '社保卡', '一卡通'], format: ['database', 'oracle'], share: 'conditional', shareCondition: '用于“一卡通”业务办理',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责社会保障卡发行和应用管理', records: 2_210_000,
        items: items(item('社会保障卡卡号', 'card_no', 's20', S), 'idNumber', 'name', item('发卡日期', 'card_issued_on', 'd', P),
          item('卡状态', 'card_status', 's2', P), item('发卡银行', 'card_bank', 's50')),
      },
      {
        name: '就业失业登记信息', category: 'theme', subcategory: '01', system: 1,
        summary: '劳动者就业登记和失业登记信息，用于失业保险金申领、就业援助和创业补贴审核，按月更新。',
        keywords: ['就业', '失业登记', '就业援助'], format: ['database', 'Dm'], share: 'conditional', shareCondition: '用于就业创业扶持政策审核',
        channels: ['api'], open: 'none', frequency: 'monthly', grade: 'general', level: 3, duty: '负责促进就业和失业登记管理', records: 215_000,
        items: items('idNumber', 'name', item('就业状态', 'employment_status', 's2', P), item('就业创业证编号', 'employment_card_no', 's20', P),
          item('登记日期', 'registered_on', 'd', P), item('失业原因', 'unemployment_reason', 's2', P), item('就业援助对象类别', 'assistance_category', 's2', S)),
      },
      {
        name: '职业技能等级证书信息', category: 'basic', subcategory: '05', system: 1, fate: 'submitted', identified: 6,
        summary: '经备案的用人单位和社会培训评价组织颁发的职业技能等级证书信息，用于技能补贴申领和人才引进资格核验。',
        keywords: ['技能证书', '职业技能等级', '技能补贴'], format: ['database', 'Dm'], share: 'conditional', shareCondition: '用于技能人才政策审核',
        channels: ['api'], open: 'none', frequency: 'weekly', grade: 'general', level: 2, duty: '负责职业技能鉴定和技能人才评价', records: 52_000,
        items: items(item('证书编号', 'certificate_no', 's30', P), 'idNumber', 'name', item('职业（工种）名称', 'occupation', 's100', P),
          item('技能等级', 'skill_level', 's1', P), item('评价机构', 'assessing_org', 's200'), F.issuedOn),
      },
    ],
  },
  {
    suffix: '卫生健康局', key: 'wjj', steward: { username: 'wjj_steward', displayName: '罗数据' }, phone: '0660-3362120',
    sanding: '《汕尾市卫生健康局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '全民健康信息平台', purpose: '汇聚医疗机构诊疗、公共卫生和卫生资源数据', deployment: 'gov_cloud', network: 'extranet' },
      { name: '妇幼保健信息系统', purpose: '孕产妇和儿童保健管理、出生医学证明签发', deployment: 'gov_cloud', network: 'extranet' },
    ],
    entries: [
      {
        name: '出生医学证明信息', category: 'basic', subcategory: '01', system: 1,
        summary: '助产机构签发出生医学证明形成的新生儿及父母信息，是新生儿户口登记、医保参保和预防接种建档“出生一件事”联办的数据来源。',
        keywords: ['出生医学证明', '新生儿', '出生一件事'], format: ['database', 'PostgreSQL'], share: 'conditional', shareCondition: '用于“出生一件事”联办及户籍登记核验',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 4, duty: '负责妇幼健康和出生医学证明管理', records: 268_000,
        items: items(auth(item('出生医学证明编号', 'birth_certificate_no', 's10', P)), item('新生儿姓名', 'newborn_name', 's50', P), 'gender', 'birthDate',
          item('出生孕周', 'gestational_weeks', 'i', S), item('出生体重（克）', 'birth_weight', 'i', S), item('出生地点', 'birthplace', 's200', P),
          item('母亲姓名', 'mother_name', 's50', P), item('母亲公民身份号码', 'mother_id_number', 's18', S), item('父亲姓名', 'father_name', 's50', P),
          item('父亲公民身份号码', 'father_id_number', 's18', S), item('接生机构名称', 'delivery_institution', 's200')),
        mount: { kind: 'api', path: '/wjj/birth-certificates', method: 'GET', auth: 'sm2' },
      },
      {
        name: '预防接种记录', category: 'theme', subcategory: '02', system: 0,
        summary: '儿童免疫规划疫苗和非免疫规划疫苗的接种记录，用于入托入学查验预防接种证和预防接种异常反应追溯。',
        keywords: ['预防接种', '疫苗', '入学查验'], format: ['database', 'PostgreSQL'], share: 'conditional', shareCondition: '用于入托入学查验和公共卫生管理',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 4, duty: '负责疾病预防控制和免疫规划工作', records: 7_830_000, storageMb: 3_900,
        items: items(item('受种者公民身份号码', 'vaccinee_id_number', 's18', S), item('受种者姓名', 'vaccinee_name', 's50', P),
          item('疫苗名称', 'vaccine_name', 's100', S), item('疫苗批号', 'vaccine_batch', 's30'), item('接种剂次', 'dose_no', 'i', S),
          item('接种日期', 'vaccinated_on', 'd', S), item('接种单位', 'vaccination_site', 's200')),
      },
      {
        name: '医疗机构执业登记信息', category: 'basic', subcategory: '02', system: 0,
        summary: '全市医疗机构执业许可证的登记、校验和变更信息，向社会公开，用于就医指引、医保定点协议管理和卫生监督执法。',
        keywords: ['医疗机构', '执业许可证', '医院'], format: ['database', 'PostgreSQL'], share: 'unconditional', channels: ['api', 'table'],
        open: 'unconditional', frequency: 'weekly', grade: 'general', level: 1, duty: '负责医疗机构执业登记和监督管理', records: 1_980,
        items: items(item('医疗机构名称', 'institution_name', 's200'), 'creditCode', item('医疗机构执业许可证登记号', 'practice_licence_no', 's30'),
          item('机构类别', 'institution_type', 's4', 'none', { codeTable: HEALTH_ORG }), item('诊疗科目', 'clinical_subjects', 's1000'),
          item('核定床位数', 'approved_beds', 'i'), 'address', F.validUntil),
        mount: { kind: 'table', datasource: '卫生资源库', schema: 'wszy', table: 'yljg_zydj' },
      },
      {
        name: '死亡医学证明信息', category: 'basic', subcategory: '01', system: 0,
        summary: '医疗卫生机构签发的居民死亡医学证明（推断）书信息，用于户籍注销、殡葬服务、养老金停发等“身后一件事”联办。',
        keywords: ['死亡医学证明', '身后一件事', '死亡登记'], format: ['database', 'PostgreSQL'], share: 'conditional', shareCondition: '用于“身后一件事”联办和待遇停发核验',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 4, duty: '负责人口死亡信息登记管理', records: 94_000,
        items: items('idNumber', 'name', item('死亡日期', 'died_on', 'd', S), item('死亡地点', 'death_place', 's200', S),
          item('根本死亡原因', 'underlying_cause', 's10', S, { codeTable: DISEASE }), item('死亡医学证明编号', 'death_certificate_no', 's20', P),
          item('签发机构', 'issuing_institution', 's200')),
      },
      {
        name: '传染病个案报告信息', category: 'theme', subcategory: '02', system: 0,
        summary: '法定传染病个案报告与订正信息，包含患者身份、诊断和发病时间，按规定仅在疾病预防控制体系内使用，不予共享；疫情统计数据按月发布。',
        keywords: ['传染病', '疫情报告', '公共卫生'], format: ['database', 'PostgreSQL'], share: 'none',
        noShare: ['law', '《中华人民共和国传染病防治法》第十二条：疾病预防控制机构、医疗机构不得泄露涉及个人隐私的有关信息、资料'],
        otherMethod: '不予共享，疫情统计数据按月公开发布', open: 'none', frequency: 'realtime', grade: 'important', duty: '负责传染病防治和疫情报告管理', records: 41_000,
        items: items('idNumber', 'name', item('疾病名称', 'disease_name', 's100', S, { codeTable: DISEASE }), item('发病日期', 'onset_on', 'd', S),
          item('诊断日期', 'diagnosed_on', 'd', S), item('报告单位', 'reporting_unit', 's200'), item('病例分类', 'case_class', 's2', S)),
      },
      {
        name: '医师执业注册信息', category: 'department', subcategory: '01', system: 0, fate: 'draft', identified: 17,
        summary: '医师执业注册、变更注册和注销注册信息，用于医师执业资格查询和医疗机构人员配置审核。',
        keywords: ['医师', '执业注册'], format: ['database', 'PostgreSQL'], share: 'conditional', shareCondition: '用于医疗机构监管',
        channels: ['api'], open: 'conditional', openCondition: '仅公开医师姓名、执业类别与执业机构', frequency: 'weekly', grade: 'general', level: 2, duty: '负责医师执业注册管理',
        items: items('name', item('医师执业证书编码', 'physician_cert_no', 's30', P), item('执业类别', 'practice_category', 's2'), item('执业范围', 'practice_scope', 's100'),
          item('执业机构', 'practice_institution', 's200')),
      },
    ],
  },
  {
    suffix: '市场监督管理局', key: 'scjg', steward: { username: 'scjg_steward', displayName: '苏数据' }, phone: '0660-3362315',
    sanding: '《汕尾市市场监督管理局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '市场主体登记注册系统', purpose: '企业、个体工商户、农民专业合作社的设立、变更、注销登记', deployment: 'gov_cloud', network: 'extranet' },
      { name: '食品安全智慧监管系统', purpose: '食品生产经营许可、日常检查和抽检监测', deployment: 'gov_cloud', network: 'extranet' },
    ],
    entries: [
      {
        name: '市场主体登记基本信息', category: 'basic', subcategory: '02', system: 0,
        summary: '全市企业、个体工商户和农民专业合作社的登记注册信息，是法人单位基础信息库的权威来源，按国家企业信用信息公示规定向社会公开。',
        keywords: ['营业执照', '企业登记', '市场主体', '商事登记', '企业信用'], format: ['database', 'oracle'], share: 'unconditional', channels: ['api', 'table'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责市场主体统一登记注册', records: 236_000, storageMb: 2_300,
        items: items(auth('creditCode'), item('企业名称', 'enterprise_name', 's200'), item('市场主体类型', 'entity_type', 's4', 'none', { codeTable: ECONOMY }),
          closed('legalRep'), item('注册资本（万元）', 'registered_capital', 'n18'), item('成立日期', 'established_on', 'd'), item('营业期限至', 'operating_until', 'd'),
          'address', item('经营范围', 'business_scope', 's4000'), item('登记机关', 'registration_authority', 's100'), item('登记状态', 'registration_status', 's2'), 'industry'),
        mount: { kind: 'api', path: '/scjg/enterprises', method: 'GET', auth: 'token' },
      },
      {
        name: '营业执照电子证照', category: 'basic', subcategory: '05', system: 0, related: ['市场主体登记基本信息'],
        summary: '营业执照的电子证照信息，与纸质执照同步生成并具有同等法律效力，用于企业办事“免提交、免证办”。',
        keywords: ['营业执照', '电子营业执照', '电子证照'], format: ['electronic_file', 'OFD'], share: 'conditional', shareCondition: '经企业授权或用于依法履职',
        channels: ['api'], open: 'none', frequency: 'realtime', grade: 'general', level: 2, duty: '负责市场主体统一登记注册', records: 236_000,
        items: items('licenceNo', 'creditCode', item('名称', 'entity_name', 's200'), item('类型', 'entity_type', 's4', 'none', { codeTable: ECONOMY }),
          'legalRep', item('注册资本（万元）', 'registered_capital', 'n18'), item('成立日期', 'established_on', 'd'), 'address', F.authority, F.issuedOn),
      },
      {
        name: '经营异常名录信息', category: 'basic', subcategory: '04', system: 0,
        summary: '被列入和移出经营异常名录的市场主体信息，依《企业信息公示暂行条例》向社会公示，用于信用联合惩戒和政府采购资格审查。',
        keywords: ['经营异常', '信用监管', '企业信用'], format: ['database', 'oracle'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责企业信息公示和信用监管', records: 18_400,
        items: items('creditCode', item('企业名称', 'enterprise_name', 's200'), item('列入经营异常名录原因', 'listed_reason', 's500'), item('列入日期', 'listed_on', 'd'),
          item('作出决定机关', 'deciding_authority', 's100'), item('移出日期', 'removed_on', 'd'), item('移出原因', 'removed_reason', 's500')),
      },
      {
        name: '食品经营许可信息', category: 'theme', subcategory: '04', system: 1,
        summary: '食品经营许可证的核发、变更、延续和注销信息，向社会公开，用于外卖平台入网审核、食品安全监督检查和消费者查询。',
        keywords: ['食品经营许可', '食品安全', '许可证'], format: ['database', 'MySQL'], share: 'unconditional', channels: ['table', 'api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责食品经营许可和食品安全监督管理', records: 24_700,
        items: items(item('许可证编号', 'permit_no', 's20'), item('经营者名称', 'operator_name', 's200'), 'creditCode', closed(item('负责人', 'person_in_charge', 's50', P)),
          item('经营场所', 'premises', 's200'), item('主体业态', 'business_form', 's50'), item('经营项目', 'business_items', 's500'), F.validUntil, F.authority),
        mount: { kind: 'table', datasource: '食品安全库', schema: 'spaq', table: 'spjy_xk' },
      },
      {
        name: '市场监管行政处罚信息', category: 'basic', subcategory: '04', system: 0,
        summary: '市场监管部门作出的行政处罚决定信息，按“双公示”要求在作出决定之日起七个工作日内公示，用于信用修复和联合惩戒。',
        keywords: ['行政处罚', '双公示', '信用'], format: ['database', 'oracle'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责市场监管综合执法', records: 9_300,
        items: items(item('行政处罚决定书文号', 'decision_no', 's50'), item('当事人名称', 'party_name', 's200'), 'creditCode', item('违法行为类型', 'violation_type', 's200'),
          item('处罚依据', 'legal_basis', 's1000'), item('处罚类别', 'penalty_type', 's50'), item('罚款金额（万元）', 'fine_amount', 'n14'), item('处罚决定日期', 'decided_on', 'd')),
      },
      {
        name: '特种设备使用登记信息', category: 'theme', subcategory: '05', system: 1, fate: 'submitted', identified: 9,
        summary: '锅炉、压力容器、电梯、起重机械等特种设备的使用登记和定期检验信息，用于特种设备安全监管和电梯应急处置。',
        keywords: ['特种设备', '电梯', '安全生产'], format: ['database', 'MySQL'], share: 'conditional', shareCondition: '用于安全生产监管和应急处置',
        channels: ['api'], open: 'none', frequency: 'weekly', grade: 'general', level: 2, duty: '负责特种设备安全监督管理', records: 31_200,
        items: items(item('使用登记证编号', 'registration_no', 's30'), item('设备类别', 'equipment_type', 's4'), item('设备代码', 'equipment_code', 's30'),
          item('使用单位名称', 'user_org_name', 's200'), 'creditCode', item('设备使用地点', 'location', 's200'), item('下次检验日期', 'next_inspection_on', 'd')),
      },
    ],
  },
  {
    suffix: '税务局', key: 'swj', steward: { username: 'swj_steward', displayName: '钟数据' }, phone: '0660-12366',
    sanding: '《国家税务总局汕尾市税务局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '税收征管信息系统', purpose: '纳税人登记、申报、征收与税务稽查', deployment: 'self_hosted', network: 'private' },
      { name: '电子税务局', purpose: '纳税人网上办税和涉税证明开具', deployment: 'self_hosted', network: 'internet' },
    ],
    entries: [
      {
        name: '纳税人登记信息', category: 'basic', subcategory: '02', system: 0,
        summary: '单位纳税人和个体工商户的税务登记信息，包括纳税人识别号、主管税务机关和纳税人状态，用于企业开办、注销和政策兑现审核。',
        keywords: ['纳税人', '税务登记', '纳税人识别号'], format: ['database', 'oracle'], share: 'conditional', shareCondition: PLATFORM_CONDITION,
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 2, duty: '负责税务登记和纳税人管理', records: 201_000,
        items: items(item('纳税人识别号', 'taxpayer_id', 's20'), item('纳税人名称', 'taxpayer_name', 's200'), item('登记注册类型', 'registration_type', 's3', 'none', { codeTable: ECONOMY }),
          'legalRep', item('生产经营地址', 'business_address', 's200'), item('主管税务机关', 'tax_authority', 's100'), item('纳税人状态', 'taxpayer_status', 's2'), 'industry'),
      },
      {
        name: '纳税信用A级纳税人名单', category: 'basic', subcategory: '04', system: 0,
        summary: '按年度评价并公布的纳税信用A级纳税人名单，用于守信激励、银税互动和招投标信用审查，每年更新。',
        keywords: ['纳税信用', 'A级纳税人', '守信激励'], format: ['spreadsheet', 'xlsx'], share: 'unconditional', channels: ['file', 'api'],
        open: 'unconditional', frequency: 'yearly', grade: 'general', level: 1, duty: '负责纳税信用管理', records: 5_600,
        items: items(item('纳税人识别号', 'taxpayer_id', 's20'), item('纳税人名称', 'taxpayer_name', 's200'), item('评价年度', 'rating_year', 'i'),
          auth(item('纳税信用等级', 'tax_credit_rating', 's1'))),
      },
      {
        name: '欠税公告信息', category: 'theme', subcategory: '08', system: 0,
        summary: '依《中华人民共和国税收征收管理法》第四十五条定期公告的欠税纳税人及欠税税种、余额信息，用于信用惩戒和出境管理协查。',
        keywords: ['欠税', '欠税公告', '信用惩戒'], format: ['database', 'oracle'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'quarterly', grade: 'general', level: 1, duty: '负责税款征收和欠税管理', records: 3_100,
        items: items(item('纳税人识别号', 'taxpayer_id', 's20'), item('纳税人名称', 'taxpayer_name', 's200'), { ...F.legalRep, openType: 'conditional' },
          item('欠税税种', 'tax_type', 's50'), item('欠税余额（元）', 'arrears_balance', 'n16'), item('当期新发生欠税金额（元）', 'new_arrears', 'n16'), item('公告日期', 'announced_on', 'd')),
      },
      {
        name: '纳税申报明细信息', category: 'department', subcategory: '01', system: 0,
        summary: '纳税人各税种纳税申报的明细数据，属于纳税人涉税保密信息，依法不予共享；需要时由税务机关出具纳税证明或按法定程序提供。',
        keywords: ['纳税申报', '涉税信息', '税收'], format: ['database', 'oracle'], share: 'none',
        noShare: ['law', '《中华人民共和国税收征收管理法》第八条：纳税人、扣缴义务人有权要求税务机关为其情况保密；《纳税人涉税保密信息管理暂行办法》'],
        otherMethod: '不予共享，纳税人可通过电子税务局自行开具纳税证明', open: 'none', frequency: 'monthly', grade: 'important', duty: '负责税收征收管理', records: 38_000_000, storageMb: 61_000,
        items: items(item('纳税人识别号', 'taxpayer_id', 's20'), item('所属期起', 'period_from', 'd'), item('所属期止', 'period_to', 'd'), item('税种', 'tax_type', 's50'),
          item('计税依据（元）', 'tax_base', 'n18'), item('应纳税额（元）', 'tax_payable', 'n18'), item('申报日期', 'declared_on', 'd')),
      },
      {
        name: '完税证明信息', category: 'basic', subcategory: '05', system: 1, fate: 'draft', identified: 4,
        summary: '税务机关为纳税人开具的税收完税证明电子信息，用于购房、购车和出国（境）等场景的纳税证明免提交。',
        keywords: ['完税证明', '纳税证明', '电子证照'], format: ['electronic_file', 'OFD'], share: 'conditional', shareCondition: '经纳税人授权使用',
        channels: ['api'], open: 'none', frequency: 'realtime', grade: 'general', level: 3, duty: '负责税收票证管理',
        items: items(item('完税证明号码', 'tax_certificate_no', 's30', P), item('纳税人识别号', 'taxpayer_id', 's20'), item('纳税人名称', 'taxpayer_name', 's200', P),
          item('税种', 'tax_type', 's50'), item('实缴税额（元）', 'tax_paid', 'n18', P), item('开具日期', 'issued_on', 'd')),
      },
    ],
  },
  {
    suffix: '自然资源局', key: 'zrzy', steward: { username: 'zrzy_steward', displayName: '冯数据' }, phone: '0660-3368116',
    sanding: '《汕尾市自然资源局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '不动产登记信息管理平台', purpose: '不动产首次、转移、变更、抵押登记及权籍调查', deployment: 'gov_cloud', network: 'extranet' },
      { name: '国土空间基础信息平台', purpose: '国土空间规划“一张图”、基础测绘和地质灾害防治数据管理', deployment: 'gov_cloud', network: 'extranet' },
    ],
    entries: [
      {
        name: '不动产登记信息', category: 'basic', subcategory: '03', system: 0,
        summary: '全市土地、房屋等不动产的权利登记信息，包括不动产单元号、权利人、坐落、用途和面积，用于交易、抵押、户籍和入学等事项的产权核验。',
        keywords: ['不动产', '不动产登记', '房产', '产权核验'], format: ['database', 'KingbaseES'], share: 'conditional', shareCondition: '用于依法履职和政务服务事项办理时核验产权',
        channels: ['api', 'table'], open: 'none', frequency: 'realtime', grade: 'important', duty: '负责不动产统一登记', records: 1_120_000, storageMb: 9_800,
        items: items(auth(item('不动产单元号', 'estate_unit_no', 's28', 'none', { codeTable: ESTATE_UNIT })), item('不动产权证书号', 'estate_certificate_no', 's50', P),
          item('权利人名称', 'right_holder', 's200', P), item('权利人证件号码', 'right_holder_id', 's18', S), item('坐落', 'location', 's200', P),
          item('权利类型', 'right_type', 's2'), item('权利性质', 'right_nature', 's2'), item('用途', 'land_use', 's4', 'none', { codeTable: LAND_USE }),
          item('面积（平方米）', 'area', 'n14'), item('使用期限起', 'term_from', 'd'), item('使用期限止', 'term_to', 'd'), item('登记时间', 'registered_at', 't')),
        mount: { kind: 'table', datasource: '不动产登记库', schema: 'bdc', table: 'qlxx' },
      },
      {
        name: '不动产权证书电子证照', category: 'basic', subcategory: '05', system: 0, related: ['不动产登记信息'],
        summary: '不动产权证书和不动产登记证明的电子证照信息，加盖不动产登记机构电子印章，用于水电气过户、公积金提取等“免证办”。',
        keywords: ['不动产权证书', '电子证照', '房产证'], format: ['electronic_file', 'OFD'], share: 'conditional', shareCondition: '经权利人授权或用于依法履职',
        channels: ['api'], open: 'none', frequency: 'realtime', grade: 'general', level: 3, duty: '负责不动产统一登记', records: 836_000,
        items: items('licenceNo', item('不动产权证书号', 'estate_certificate_no', 's50', P), item('权利人', 'right_holder', 's200', P), item('坐落', 'location', 's200', P),
          item('不动产单元号', 'estate_unit_no', 's28', 'none', { codeTable: ESTATE_UNIT }), F.issuedOn),
      },
      {
        name: '国土空间规划“一张图”数据', category: 'basic', subcategory: '03', system: 1,
        summary: '经批准的市县国土空间总体规划和详细规划的规划分区、用地用途与管控边界图斑数据，用于项目选址、用地审批和规划实施监督。',
        keywords: ['国土空间规划', '一张图', '用地用途'], format: ['database', 'PostgreSQL'], share: 'conditional', shareCondition: '用于规划审批和项目选址，不得对外提供矢量数据',
        channels: ['table'], open: 'none', frequency: 'yearly', grade: 'important', duty: '负责国土空间规划编制和实施监督', records: 412_000, storageMb: 26_500,
        items: items(item('图斑编号', 'parcel_no', 's30'), 'division', item('规划分区', 'planning_zone', 's4'), item('用地用途代码', 'land_use_code', 's6', 'none', { codeTable: LAND_USE }),
          item('图斑面积（平方米）', 'parcel_area', 'n16'), item('规划期限', 'planning_horizon', 's20'), item('批准文号', 'approval_no', 's50')),
      },
      {
        name: '地质灾害隐患点信息', category: 'theme', subcategory: '12', system: 1,
        summary: '全市崩塌、滑坡、泥石流等地质灾害隐患点的位置、威胁对象和监测责任人信息，汛期每月更新，用于三防应急和群测群防。',
        keywords: ['地质灾害', '隐患点', '三防', '应急'], format: ['self_describing', 'json'], share: 'unconditional', channels: ['api'],
        open: 'conditional', openCondition: '向社会公开隐患点位置和威胁范围，不公开监测责任人联系方式', frequency: 'monthly', grade: 'general', level: 2, duty: '负责地质灾害防治工作', records: 1_260,
        items: items(item('隐患点编号', 'hazard_no', 's20'), item('灾害类型', 'hazard_type', 's2'), item('位置', 'hazard_location', 's200'), item('经度', 'longitude', 'n12'),
          item('纬度', 'latitude', 'n12'), item('威胁人数', 'people_at_risk', 'i'), item('威胁财产（万元）', 'property_at_risk', 'n14'), item('险情等级', 'risk_level', 's1'),
          closed(item('监测责任人', 'monitor_name', 's50', P)), closed(item('监测责任人联系电话', 'monitor_phone', 's20', P))),
        mount: { kind: 'api', path: '/zrzy/geohazards', method: 'GET', auth: 'token' },
      },
      {
        name: '国有建设用地供应信息', category: 'department', subcategory: '01', system: 1, fate: 'draft', identified: 3,
        summary: '国有建设用地使用权出让、划拨和租赁的供地信息，用于土地市场监测和供地率考核。',
        keywords: ['土地供应', '出让', '划拨'], format: ['database', 'PostgreSQL'], share: 'unconditional', channels: ['api'], open: 'unconditional',
        frequency: 'monthly', grade: 'general', level: 1, duty: '负责国有土地使用权出让和土地市场监管',
        items: items(item('电子监管号', 'supervision_no', 's30'), item('项目名称', 'project_name', 's200'), item('供地方式', 'supply_mode', 's2'),
          item('土地用途', 'land_use', 's4', 'none', { codeTable: LAND_USE }), item('面积（公顷）', 'area_ha', 'n12'), item('成交价款（万元）', 'price', 'n16'), item('签订日期', 'signed_on', 'd')),
      },
    ],
  },
  {
    suffix: '住房和城乡建设局', key: 'zjj', steward: { username: 'zjj_steward', displayName: '邓数据' }, phone: '0660-3363180',
    sanding: '《汕尾市住房和城乡建设局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '房地产市场监管平台', purpose: '商品房预售许可、网签备案和存量房交易监管', deployment: 'gov_cloud', network: 'extranet' },
      { name: '建筑市场监管与诚信信息平台', purpose: '建筑工程施工许可、企业资质和从业人员管理', deployment: 'gov_cloud', network: 'extranet' },
    ],
    entries: [
      {
        name: '商品房网签备案信息', category: 'theme', subcategory: '09', system: 0,
        summary: '新建商品房买卖合同网签备案信息，包括房屋坐落、面积、合同价款和买受人，用于不动产登记、公积金贷款和购房资格审核。',
        keywords: ['网签备案', '商品房', '购房合同'], format: ['database', 'MySQL'], share: 'conditional', shareCondition: '用于不动产登记、住房公积金贷款和购房资格审核',
        channels: ['api'], open: 'none', frequency: 'realtime', grade: 'general', level: 3, duty: '负责房地产市场监管和商品房交易管理', records: 176_000,
        items: items(item('合同备案号', 'contract_filing_no', 's30'), item('项目名称', 'project_name', 's200'), item('房屋坐落', 'house_location', 's200', P),
          item('建筑面积（平方米）', 'floor_area', 'n12'), item('合同总价（万元）', 'contract_price', 'n14', P), item('买受人姓名', 'buyer_name', 's50', P),
          item('买受人证件号码', 'buyer_id_number', 's18', S), item('出卖人名称', 'seller_name', 's200'), item('备案日期', 'filed_on', 'd')),
        mount: { kind: 'api', path: '/zjj/contracts/filings', method: 'POST', auth: 'app_key' },
      },
      {
        name: '商品房预售许可信息', category: 'theme', subcategory: '09', system: 0,
        summary: '商品房预售许可证的核发信息，向社会公开，用于购房者查询楼盘预售资格和预售资金监管。',
        keywords: ['预售许可', '楼盘', '商品房'], format: ['database', 'MySQL'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责商品房预售许可', records: 1_420,
        items: items(item('预售许可证号', 'presale_permit_no', 's30'), item('项目名称', 'project_name', 's200'), item('开发企业名称', 'developer_name', 's200'), 'creditCode',
          item('预售幢号', 'buildings', 's200'), item('预售面积（平方米）', 'presale_area', 'n14'), item('预售套数', 'presale_units', 'i'), F.issuedOn),
      },
      {
        name: '建筑工程施工许可证信息', category: 'basic', subcategory: '05', system: 1,
        summary: '房屋建筑和市政基础设施工程施工许可证的核发信息，用于工程质量安全监管、农民工工资保证金管理和竣工验收备案。',
        keywords: ['施工许可', '建筑工程', '电子证照'], format: ['database', 'MySQL'], share: 'unconditional', channels: ['api'],
        open: 'conditional', openCondition: '公开工程名称、建设单位、施工单位和发证日期', frequency: 'daily', grade: 'general', level: 1, duty: '负责建筑工程施工许可管理', records: 6_800,
        items: items(item('施工许可证编号', 'construction_permit_no', 's30'), item('工程名称', 'project_name', 's200'), item('建设单位', 'builder_org', 's200'),
          item('施工单位', 'contractor', 's200'), item('监理单位', 'supervisor_org', 's200'), item('建设地址', 'site_address', 's200'),
          item('合同价格（万元）', 'contract_price', 'n16'), item('建筑面积（平方米）', 'floor_area', 'n14'), F.issuedOn, F.authority),
      },
      {
        name: '建筑业企业资质信息', category: 'basic', subcategory: '02', system: 1,
        summary: '本市建筑业企业、工程监理企业和房地产开发企业的资质证书信息，用于招投标资格审查和建筑市场动态监管。',
        keywords: ['企业资质', '建筑业', '招投标'], format: ['database', 'MySQL'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'weekly', grade: 'general', level: 1, duty: '负责建筑市场监管和企业资质管理', records: 2_950,
        items: items(item('资质证书编号', 'qualification_no', 's30'), item('企业名称', 'enterprise_name', 's200'), 'creditCode', item('资质类别及等级', 'qualification_level', 's200'),
          F.issuedOn, F.validUntil),
      },
      {
        name: '城镇老旧小区改造项目信息', category: 'theme', subcategory: '09', system: 1, fate: 'submitted', identified: 10,
        summary: '纳入年度计划的城镇老旧小区改造项目的小区、户数、改造内容、投资和进度信息，用于项目调度和民生实事考核。',
        keywords: ['老旧小区改造', '城市更新', '民生实事'], format: ['spreadsheet', 'xlsx'], share: 'unconditional', channels: ['file'],
        open: 'unconditional', frequency: 'monthly', grade: 'general', level: 1, duty: '负责城镇老旧小区改造工作', records: 214,
        items: items(item('项目编号', 'project_no', 's20'), item('小区名称', 'community_name', 's100'), 'division', item('涉及户数', 'households', 'i'),
          item('改造内容', 'renovation_scope', 's1000'), item('总投资（万元）', 'investment', 'n14'), item('项目进度', 'progress', 's2')),
      },
    ],
  },
  {
    suffix: '教育局', key: 'jyj', steward: { username: 'jyj_steward', displayName: '叶数据' }, phone: '0660-3362601',
    sanding: '《汕尾市教育局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '教育管理公共服务平台', purpose: '中小学生学籍、学校和教师信息管理', deployment: 'gov_cloud', network: 'extranet' },
      { name: '义务教育招生报名系统', purpose: '义务教育阶段公办、民办学校招生报名与录取', deployment: 'gov_cloud', network: 'internet' },
    ],
    entries: [
      {
        name: '中小学生学籍信息', category: 'theme', subcategory: '01', system: 0,
        summary: '全市中小学在校学生的电子学籍信息，包括全国学籍号、就读学校、年级和学籍状态，用于转学、资助和随迁子女入学核验。',
        keywords: ['学籍', '中小学生', '在校生'], format: ['database', 'Dm'], share: 'conditional', shareCondition: '用于教育资助和学生资格核验，涉及未成年人信息须最小必要',
        channels: ['table'], open: 'none', frequency: 'daily', grade: 'general', level: 4, duty: '负责中小学学籍管理', records: 512_000,
        items: items(auth(item('全国学籍号', 'student_no', 's19', S)), item('学生姓名', 'student_name', 's50', P), 'idNumber', 'gender', 'birthDate',
          item('学校标识码', 'school_id', 's10'), item('学校名称', 'school_name', 's200'), item('年级', 'grade_level', 's2', P), item('班级', 'class_name', 's20', P),
          item('入学年月', 'enrolled_month', 's6', P), item('学籍状态', 'status', 's2', P)),
        mount: { kind: 'table', datasource: '教育基础库', schema: 'jy', table: 'xs_xjxx' },
      },
      {
        name: '学校基本信息', category: 'basic', subcategory: '02', system: 0,
        summary: '全市幼儿园、中小学和中等职业学校的基本信息，包括学校标识码、办学类型和在校生规模，向社会公开，用于入学指引和学位规划。',
        keywords: ['学校', '学校名录', '学位'], format: ['database', 'Dm'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'yearly', grade: 'general', level: 1, duty: '负责各级各类学校的统筹管理', records: 1_160,
        items: items(item('学校标识码', 'school_id', 's10'), item('学校名称', 'school_name', 's200'), 'creditCode',
          item('办学类型', 'school_type', 's3', 'none', { codeTable: EDU_BASE }), item('举办者类型', 'sponsor_type', 's2', 'none', { codeTable: EDU_BASE }),
          'division', 'address', item('在校生数', 'student_count', 'i')),
      },
      {
        name: '教师资格证书信息', category: 'basic', subcategory: '05', system: 0,
        summary: '经教育行政部门认定的教师资格证书信息，用于教师招聘、民办学校教师资格审查和校外培训机构从业人员核验。',
        keywords: ['教师资格', '教师', '资格证书'], format: ['database', 'Dm'], share: 'conditional', shareCondition: '用于教师招聘和从业资格核验',
        channels: ['api'], open: 'none', frequency: 'monthly', grade: 'general', level: 3, duty: '负责教师资格认定', records: 48_300,
        items: items(item('教师资格证书编号', 'teacher_cert_no', 's17', P), 'name', 'idNumber', item('资格种类', 'qualification_type', 's2', P),
          item('任教学科', 'subject', 's50', P), item('认定机构', 'certifying_authority', 's100'), F.issuedOn),
      },
      {
        name: '义务教育招生入学信息', category: 'theme', subcategory: '01', system: 1, fate: 'returned', identified: 31,
        summary: '义务教育阶段学校招生报名、资格审核与录取结果信息，用于学位分配和入学资格复核，每年招生季更新。',
        keywords: ['招生', '入学', '义务教育'], format: ['database', 'MySQL'], share: 'conditional', shareCondition: '用于入学资格审核', channels: ['api'],
        open: 'none', frequency: 'yearly', grade: 'general', level: 4, duty: '负责义务教育招生入学管理', records: 76_000,
        items: items(item('报名号', 'application_no', 's20', P), item('学生姓名', 'student_name', 's50', P), 'idNumber', 'domicile',
          item('监护人姓名', 'guardian_name', 's50', P), item('监护人公民身份号码', 'guardian_id_number', 's18', S), item('录取学校', 'admitted_school', 's200', P), item('录取日期', 'admitted_on', 'd', P)),
        reasons: [
          { path: 'items.5.name', message: '监护人公民身份号码与户籍、不动产核验重复采集，请改为通过共享平台核验，不在本目录中存储' },
          { path: 'shareCondition', message: '共享条件请写明可使用的部门范围和期限' },
        ],
      },
      {
        name: '校外培训机构信息', category: 'theme', subcategory: '01', system: 0, fate: 'draft',
        summary: '经审批的学科类和非学科类校外培训机构名单。',
        keywords: ['校外培训'], format: ['spreadsheet', 'xlsx'], share: 'unconditional', channels: ['file'], open: 'unconditional',
        frequency: 'quarterly', grade: 'general', level: 1, duty: '负责校外培训机构监管',
        items: items(item('机构名称', 'institution_name', 's200'), 'creditCode', item('培训类别', 'training_type', 's2'), item('办学许可证编号', 'school_permit_no', 's30')),
      },
    ],
  },
  {
    suffix: '交通运输局', key: 'jtj', steward: { username: 'jtj_steward', displayName: '彭数据' }, phone: '0660-3366106',
    sanding: '《汕尾市交通运输局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '道路运输管理信息系统', purpose: '道路运输经营许可、营运车辆和从业人员管理', deployment: 'gov_cloud', network: 'extranet' },
      { name: '公共交通运营监测平台', purpose: '公交线路、站点与车辆运营的动态监测', deployment: 'gov_cloud', network: 'internet' },
    ],
    entries: [
      {
        name: '道路运输经营许可信息', category: 'basic', subcategory: '02', system: 0,
        summary: '道路旅客运输、货物运输和机动车维修经营许可信息，向社会公开，用于运输企业资格核验和信用监管。',
        keywords: ['道路运输', '经营许可', '运输企业'], format: ['database', 'MySQL'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责道路运输市场监管', records: 12_600,
        items: items(item('道路运输经营许可证号', 'transport_permit_no', 's20'), item('经营业户名称', 'operator_name', 's200'), 'creditCode',
          item('经营范围', 'business_scope', 's500'), item('有效期起', 'valid_from', 'd'), F.validUntil, F.authority),
      },
      {
        name: '营运车辆道路运输证信息', category: 'theme', subcategory: '05', system: 0,
        summary: '客运、货运营运车辆的道路运输证及年度审验信息，用于交通执法、保险理赔和“两客一危”车辆安全监管。',
        keywords: ['道路运输证', '营运车辆', '两客一危'], format: ['database', 'MySQL'], share: 'conditional', shareCondition: '用于交通运输执法和安全生产监管',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 2, duty: '负责营运车辆管理', records: 21_400,
        items: items(item('道路运输证号', 'transport_certificate_no', 's20'), item('车辆号牌', 'plate_no', 's15', 'none', { description: 'GA 36-2018 中华人民共和国机动车号牌' }),
          item('号牌种类', 'plate_kind', 's2', 'none', { codeTable: PLATE_KIND }), item('车辆类型', 'vehicle_kind', 's3', 'none', { codeTable: VEHICLE_KIND }),
          item('核定载客（人）/吨位（吨）', 'capacity', 'n10'), item('业户名称', 'operator_name', 's200'), F.issuedOn, item('年审有效期至', 'inspection_valid_until', 'd')),
        mount: { kind: 'api', path: '/jtj/vehicles/transport-certificates', method: 'GET', auth: 'token' },
      },
      {
        name: '公交线路与站点信息', category: 'theme', subcategory: '01', system: 1,
        summary: '市区及城乡公交线路、站点位置、首末班时间和票价信息，向社会开放，供出行服务和地图应用调用。',
        keywords: ['公交', '公交线路', '公交站点', '出行'], format: ['self_describing', 'json'], share: 'unconditional', channels: ['api', 'file'],
        open: 'unconditional', frequency: 'monthly', grade: 'general', level: 1, duty: '负责城市公共交通管理', records: 3_840,
        items: items(item('线路编号', 'route_no', 's10'), item('线路名称', 'route_name', 's50'), item('起点站', 'origin_stop', 's50'), item('终点站', 'terminal_stop', 's50'),
          item('站点名称', 'stop_name', 's50'), item('站点经度', 'stop_longitude', 'n12'), item('站点纬度', 'stop_latitude', 'n12'),
          item('首班时间', 'first_bus', 's5'), item('末班时间', 'last_bus', 's5'), item('票价（元）', 'fare', 'n6')),
        mount: { kind: 'api', path: '/jtj/bus/routes', method: 'GET', auth: 'token' },
      },
      {
        name: '道路运输从业人员资格信息', category: 'basic', subcategory: '05', system: 0,
        summary: '道路旅客运输、货物运输和危险货物运输驾驶员等从业人员的从业资格证信息，用于从业资格核验和诚信考核。',
        keywords: ['从业资格', '驾驶员', '从业人员'], format: ['database', 'MySQL'], share: 'conditional', shareCondition: '用于从业资格核验',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责道路运输从业人员管理', records: 58_200,
        items: items(item('从业资格证号', 'qualification_no', 's20', P), 'name', 'idNumber', item('从业资格类别', 'qualification_type', 's4', P),
          item('初领日期', 'first_issued_on', 'd', P), F.validUntil),
      },
      {
        name: '交通运输行政执法信息', category: 'department', subcategory: '01', system: 0, fate: 'change_submitted',
        summary: '交通运输综合执法形成的行政检查和行政处罚信息，按“双公示”要求公示处罚决定。',
        keywords: ['交通执法', '行政处罚', '双公示'], format: ['database', 'MySQL'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责交通运输综合行政执法', records: 7_400,
        items: items(item('行政处罚决定书文号', 'decision_no', 's50'), item('当事人名称', 'party_name', 's200'), item('违法行为', 'violation', 's500'),
          item('处罚内容', 'penalty', 's500'), item('处罚决定日期', 'decided_on', 'd')),
        change: { summary: '交通运输综合执法形成的行政检查和行政处罚信息，按“双公示”要求在作出决定之日起七个工作日内公示处罚决定；新增处罚依据。', addItems: [item('处罚依据', 'legal_basis', 's1000')] },
      },
    ],
  },
  {
    suffix: '生态环境局', key: 'sthj', steward: { username: 'sthj_steward', displayName: '曾数据' }, phone: '0660-3363369',
    sanding: '《汕尾市生态环境局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '生态环境监测数据平台', purpose: '环境空气、地表水自动监测和污染源在线监控', deployment: 'gov_cloud', network: 'extranet' },
      { name: '排污许可管理信息平台', purpose: '排污许可证核发、执行报告和环评审批', deployment: 'gov_cloud', network: 'extranet' },
    ],
    entries: [
      {
        name: '空气质量自动监测数据', category: 'theme', subcategory: '11', system: 0,
        summary: '全市国控、省控空气质量自动监测站点的逐小时监测数据，包括 AQI、PM2.5、PM10、臭氧等指标，向社会实时开放。',
        keywords: ['空气质量', 'AQI', 'PM2.5', '环境监测'], format: ['self_describing', 'json'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'realtime', grade: 'general', level: 1, duty: '负责生态环境监测和信息发布', records: 1_050_000,
        items: items(item('监测站点编码', 'station_code', 's10'), item('监测站点名称', 'station_name', 's50'), item('监测时间', 'measured_at', 't'),
          item('空气质量指数', 'aqi', 'i'), item('PM2.5浓度（μg/m³）', 'pm25', 'n8'), item('PM10浓度（μg/m³）', 'pm10', 'n8'), item('二氧化硫浓度（μg/m³）', 'so2', 'n8'),
          item('二氧化氮浓度（μg/m³）', 'no2', 'n8'), item('臭氧浓度（μg/m³）', 'o3', 'n8'), item('一氧化碳浓度（mg/m³）', 'co', 'n8'),
          item('首要污染物', 'primary_pollutant', 's20'), item('空气质量级别', 'aqi_level', 's2', 'none', { codeTable: AQI_LEVEL })),
        mount: { kind: 'api', path: '/sthj/air-quality/hourly', method: 'GET', auth: 'token' },
      },
      {
        name: '排污许可证信息', category: 'theme', subcategory: '11', system: 1,
        summary: '实行重点管理和简化管理的排污单位的排污许可证核发信息，向社会公开，用于固定污染源监管和环境执法。',
        keywords: ['排污许可', '污染源', '固定污染源'], format: ['database', 'PostgreSQL'], share: 'unconditional', channels: ['table', 'api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责排污许可管理', records: 1_730,
        items: items(item('许可证编号', 'permit_no', 's30'), item('排污单位名称', 'discharger_name', 's200'), 'creditCode', 'industry',
          item('生产经营场所地址', 'site_address', 's200'), item('管理类别', 'management_class', 's2', 'none', { description: '重点管理、简化管理' }),
          item('有效期限起', 'valid_from', 'd'), F.validUntil, F.issuedOn),
        mount: { kind: 'table', datasource: '生态环境库', schema: 'pwxk', table: 'xkz' },
      },
      {
        name: '建设项目环境影响评价审批信息', category: 'theme', subcategory: '11', system: 1,
        summary: '建设项目环境影响报告书（表）的审批决定信息，依法向社会公开，用于项目开工前置条件核验和事中事后监管。',
        keywords: ['环评', '环境影响评价', '建设项目'], format: ['database', 'PostgreSQL'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'weekly', grade: 'general', level: 1, duty: '负责建设项目环境影响评价审批', records: 4_260,
        items: items(item('批复文号', 'approval_no', 's50'), item('项目名称', 'project_name', 's200'), item('建设单位', 'builder_org', 's200'),
          item('建设地点', 'site', 's200'), item('环评文件类型', 'eia_type', 's2'), item('审批日期', 'approved_on', 'd')),
      },
      {
        name: '重点排污单位自动监控数据', category: 'theme', subcategory: '11', system: 0,
        summary: '重点排污单位废水、废气排放口的在线监控数据，包括污染物浓度、排放限值和超标标识，用于超标预警和非现场执法。',
        keywords: ['在线监控', '排放口', '超标预警'], format: ['database', 'PostgreSQL'], share: 'conditional', shareCondition: '用于环境执法和超标预警',
        channels: ['api'], open: 'conditional', openCondition: '按《企业环境信息依法披露管理办法》公开日均值', frequency: 'realtime', grade: 'general', level: 2,
        duty: '负责污染源监督管理', records: 22_600_000, storageMb: 18_400,
        items: items(item('排污单位名称', 'discharger_name', 's200'), 'creditCode', item('排放口编号', 'outlet_code', 's20'), item('污染物名称', 'pollutant', 's50'),
          item('排放浓度', 'concentration', 'n12'), item('排放限值', 'limit_value', 'n12'), item('监测时间', 'measured_at', 't'), item('是否超标', 'exceeded', 'b')),
      },
      {
        name: '生态环境行政处罚信息', category: 'basic', subcategory: '04', system: 1,
        summary: '生态环境部门作出的行政处罚决定信息，按“双公示”要求向社会公示，用于企业环境信用评价和联合惩戒。',
        keywords: ['环境处罚', '行政处罚', '环境信用'], format: ['database', 'PostgreSQL'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'daily', grade: 'general', level: 1, duty: '负责生态环境执法', records: 1_180,
        items: items(item('行政处罚决定书文号', 'decision_no', 's50'), item('当事人名称', 'party_name', 's200'), 'creditCode', item('违法事实', 'facts', 's2000'),
          item('处罚依据', 'legal_basis', 's1000'), item('罚款金额（万元）', 'fine_amount', 'n14'), item('处罚决定日期', 'decided_on', 'd')),
      },
    ],
  },
  {
    suffix: '医疗保障局', key: 'ybj', steward: { username: 'ybj_steward', displayName: '谢数据' }, phone: '0660-3369012',
    sanding: '《汕尾市医疗保障局职能配置、内设机构和人员编制规定》',
    systems: [
      { name: '医疗保障信息平台', purpose: '医保参保登记、待遇核定、费用结算与异地就医', deployment: 'self_hosted', network: 'private' },
      { name: '医保基金智能监管系统', purpose: '医保基金使用的事前提醒、事中审核和事后稽核', deployment: 'self_hosted', network: 'private' },
    ],
    entries: [
      {
        name: '基本医疗保险参保信息', category: 'theme', subcategory: '02', system: 0,
        summary: '职工基本医疗保险和城乡居民基本医疗保险的参保登记信息，包括参保险种、人员类别和医保参保状态，用于“出生一件事”和医疗救助核验。',
        keywords: ['医保', '参保', '城乡居民医保'], format: ['database', 'oracle'], share: 'conditional', shareCondition: PLATFORM_CONDITION,
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责医疗保险参保管理', records: 2_480_000,
        items: items('idNumber', 'name', item('个人医保编号', 'insured_no', 's30', S, { codeTable: MEDICAL_CODE }), item('参保险种', 'medical_insurance_type', 's3'),
          item('人员类别', 'person_category', 's2', P), item('医保参保状态', 'medical_insured_status', 's1', P), item('参保日期', 'insured_from', 'd', P),
          item('参保地行政区划代码', 'insured_division', 's6', 'none', { codeTable: DIVISION })),
        mount: { kind: 'api', path: '/ybj/insured-persons/verify', method: 'POST', auth: 'sm2' },
      },
      {
        name: '医疗费用结算信息', category: 'theme', subcategory: '02', system: 0,
        summary: '参保人员在定点医药机构就医购药的费用结算明细，包括医疗费用总额和统筹基金、个人账户支付金额，用于基金监管和医疗救助。',
        keywords: ['医保结算', '医疗费用', '基金监管'], format: ['database', 'oracle'], share: 'conditional', shareCondition: '用于医疗救助、基金监管和大病保险，涉及个人健康信息须脱敏',
        channels: ['table'], open: 'none', frequency: 'daily', grade: 'important', duty: '负责医疗保障基金监督管理', records: 41_300_000, storageMb: 72_000,
        items: items(item('就诊流水号', 'visit_no', 's40'), 'idNumber', 'name', item('定点医药机构编码', 'fixed_point_code', 's12', 'none', { codeTable: MEDICAL_CODE }),
          item('定点医药机构名称', 'fixed_point_name', 's200'), item('医疗类别', 'medical_category', 's3', S), item('结算日期', 'settled_on', 'd', S),
          item('医疗费用总额（元）', 'total_cost', 'n14', S), item('统筹基金支付（元）', 'pooled_fund_paid', 'n14', S), item('个人账户支付（元）', 'account_paid', 'n14', S),
          item('个人现金支付（元）', 'cash_paid', 'n14', S)),
        mount: { kind: 'table', datasource: '医保结算库', schema: 'yb', table: 'setl_d' },
      },
      {
        name: '定点医药机构信息', category: 'basic', subcategory: '02', system: 0,
        summary: '与医保经办机构签订服务协议的定点医疗机构和定点零售药店信息，向社会公开，用于参保人就医购药查询。',
        keywords: ['定点医院', '定点药店', '医保'], format: ['database', 'oracle'], share: 'unconditional', channels: ['api'],
        open: 'unconditional', frequency: 'weekly', grade: 'general', level: 1, duty: '负责定点医药机构协议管理', records: 1_540,
        items: items(auth(item('定点医药机构代码', 'fixed_point_org_code', 's12', 'none', { codeTable: MEDICAL_CODE })), item('机构名称', 'org_name', 's200'), 'creditCode',
          item('机构类别', 'org_type', 's2'), item('医院等级', 'hospital_level', 's2'), 'address', item('协议起始日期', 'agreement_from', 'd'), item('协议终止日期', 'agreement_to', 'd')),
      },
      {
        name: '门诊慢特病待遇认定信息', category: 'theme', subcategory: '02', system: 0, fate: 'returned', identified: 5,
        summary: '参保人员门诊慢性病、特殊疾病待遇的认定信息，用于门诊结算待遇享受和异地就医备案。',
        keywords: ['慢特病', '门诊待遇', '医保'], format: ['database', 'oracle'], share: 'conditional', shareCondition: '用于医保待遇结算',
        channels: ['api'], open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责医疗保障待遇管理', records: 96_000,
        items: items('idNumber', 'name', item('病种名称', 'disease_name', 's100', S), item('病种编码', 'disease_code', 's20', S, { codeTable: MEDICAL_CODE }),
          item('认定日期', 'certified_on', 'd', S), item('待遇有效期至', 'benefit_until', 'd', S), item('认定机构', 'certifying_org', 's200')),
        reasons: [{ path: 'sensitivityLevel', message: '病种信息属于个人健康敏感信息，敏感级别应为 4 级' }],
      },
      {
        name: '异地就医备案信息', category: 'theme', subcategory: '02', system: 0,
        summary: '参保人员办理跨省、省内异地就医备案的信息，包括备案类型、就医地和有效期，用于异地就医直接结算。',
        keywords: ['异地就医', '备案', '跨省结算'], format: ['database', 'oracle'], share: 'conditional', shareCondition: '用于异地就医直接结算', channels: ['api'],
        open: 'none', frequency: 'daily', grade: 'general', level: 3, duty: '负责异地就医管理', records: 128_000,
        items: items('idNumber', 'name', item('备案类型', 'filing_type', 's2', P), item('就医地行政区划代码', 'treatment_division', 's6', P, { codeTable: DIVISION }),
          item('备案开始日期', 'filed_from', 'd', P), item('备案结束日期', 'filed_to', 'd', P)),
      },
    ],
  },
];
