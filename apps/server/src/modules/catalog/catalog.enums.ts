// Enumerations of the catalog with their Chinese labels, from 《政务信息资源目录编制指南（试行）》(发改高技〔2017〕1272号),
// GB/T 21063.3, GB/T 43697 and GB/T 35273. One place for values and labels: schemas, checks, Excel and /meta use it.

export type Labelled<V extends string> = readonly (readonly [V, string])[];

function labels<V extends string>(pairs: Labelled<V>) {
  const values = pairs.map(([v]) => v) as V[];
  const byValue = new Map<string, string>(pairs);
  const byLabel = new Map<string, V>(pairs.map(([v, l]) => [l, v]));
  return { pairs, values, label: (v: string | null | undefined) => (v == null ? '' : byValue.get(v) ?? v), fromLabel: (l: string) => byLabel.get(l) };
}

export const CATEGORY = labels([
  ['basic', '基础信息资源'],
  ['theme', '主题信息资源'],
  ['department', '部门信息资源'],
] as const);
export type Category = (typeof CATEGORY.values)[number];

/** 项 under each 类: the five base registries, the twelve themes, and one item for department catalogs. */
export const SUBCATEGORIES: Record<Category, Labelled<string>> = {
  basic: [['01', '人口'], ['02', '法人单位'], ['03', '自然资源和空间地理'], ['04', '社会信用'], ['05', '电子证照']],
  theme: [
    ['01', '公共服务'], ['02', '健康保障'], ['03', '社会保障'], ['04', '食品药品安全'], ['05', '安全生产'], ['06', '价格监管'],
    ['07', '能源安全'], ['08', '信用体系'], ['09', '城乡建设'], ['10', '社区治理'], ['11', '生态环保'], ['12', '应急维稳'],
  ],
  department: [['01', '部门信息资源']],
};

/** 类 digit of the resource code per category. */
export const CLASS_DIGIT: Record<Category, string> = { basic: '1', theme: '2', department: '3' };

/**
 * Widths of the resource code (信息资源代码) = 类 + 项 + 目 + 顺序码.
 * The 2017 guide fixes 类 = 1, 项 = 2, 目 = 3 digits; 细目 and 顺序码 are "variable length" there, and the exact national
 * layout of 细目/顺序码 is unverified in our reference notes. We use no 细目 and a 6-digit 顺序码; change only here.
 */
export const CODE_LAYOUT = { class: 1, item: 2, department: 3, sequence: 6 } as const;
export const CODE_LENGTH = CODE_LAYOUT.class + CODE_LAYOUT.item + CODE_LAYOUT.department + CODE_LAYOUT.sequence;
export const CODE_PATTERN = `^[0-9]{${CODE_LENGTH}}$`;

export const FORMAT_CLASS = labels([
  ['electronic_file', '电子文件'],
  ['spreadsheet', '电子表格'],
  ['database', '数据库'],
  ['image', '图形图像'],
  ['streaming', '流媒体'],
  ['self_describing', '自描述格式'],
  ['other', '其他'],
] as const);
export type FormatClass = (typeof FORMAT_CLASS.values)[number];

/** 格式类型 allowed under each 格式分类 (class `other` takes free text). */
export const FORMAT_TYPES: Record<FormatClass, readonly string[]> = {
  electronic_file: ['OFD', 'wps', 'xml', 'txt', 'doc', 'docx', 'html', 'pdf', 'ppt'],
  spreadsheet: ['et', 'xls', 'xlsx'],
  database: ['Dm', 'KingbaseES', 'access', 'dbf', 'dbase', 'sysbase', 'oracle', 'sqlserver', 'db2', 'PostgreSQL', 'MySQL'],
  image: ['jpg', 'gif', 'bmp', 'png', 'tif'],
  streaming: ['swf', 'rm', 'mpg', 'mp4'],
  self_describing: ['json', 'xml', 'csv'],
  other: [],
};

export const SHARE_TYPE = labels([['unconditional', '无条件共享'], ['conditional', '有条件共享'], ['none', '不予共享']] as const);
export type ShareType = (typeof SHARE_TYPE.values)[number];
export const OPEN_TYPE = labels([['unconditional', '无条件开放'], ['conditional', '有条件开放'], ['none', '不予开放']] as const);
export type OpenType = (typeof OPEN_TYPE.values)[number];
/** Strictness order shared by share and open types: none < conditional < unconditional. */
export const OPENNESS: Record<ShareType, number> = { none: 0, conditional: 1, unconditional: 2 };

export const SHARE_METHOD = labels([['platform', '共享平台方式'], ['other', '其他方式']] as const);
export const SHARE_CHANNEL = labels([['table', '库表'], ['api', '接口'], ['file', '文件']] as const);
export const NO_SHARE_BASIS = labels([['law', '法律法规'], ['policy', '政策文件'], ['sensitive', '涉及敏感信息'], ['other', '其他']] as const);
export const UPDATE_FREQUENCY = labels([
  ['realtime', '实时'], ['daily', '每日'], ['weekly', '每周'], ['monthly', '每月'], ['quarterly', '每季度'],
  ['half_yearly', '每半年'], ['yearly', '每年'], ['irregular', '不定期'],
] as const);
export const GRADE = labels([['core', '核心数据'], ['important', '重要数据'], ['general', '一般数据']] as const);
export const DATA_TYPE = labels([
  ['string', '字符型'], ['integer', '整数型'], ['decimal', '数值型'], ['date', '日期型'], ['datetime', '日期时间型'],
  ['boolean', '布尔型'], ['binary', '二进制'],
] as const);
export const SENSITIVITY = labels([['none', '非个人信息'], ['personal', '个人信息'], ['sensitive_personal', '个人敏感信息']] as const);

export const ENTRY_STATUS = labels([
  ['draft', '草稿'], ['submitted', '待审核'], ['returned', '已退回'], ['published', '已发布'],
  ['change_submitted', '变更待审核'], ['change_returned', '变更已退回'], ['withdrawal_submitted', '撤销待审核'], ['withdrawn', '已撤销'],
] as const);
export type EntryStatus = (typeof ENTRY_STATUS.values)[number];

export const ORIGIN = labels([['local', '本级编目'], ['provincial', '省级下发']] as const);
export const REPORT_STATUS = labels([['not_reported', '未上报'], ['reported', '已上报'], ['synced', '已同步'], ['rejected', '退回']] as const);
export const SYSTEM_DEPLOYMENT = labels([['gov_cloud', '政务云'], ['self_hosted', '自建机房']] as const);
export const SYSTEM_NETWORK = labels([['extranet', '电子政务外网'], ['internet', '互联网'], ['private', '专网']] as const);
export const SYSTEM_STATUS = labels([['building', '在建'], ['running', '运行'], ['retired', '停用']] as const);
export const MOUNT_KIND = labels([['table', '库表'], ['api', '接口'], ['file', '文件']] as const);
export const MOUNT_STATUS = labels([['registered', '已登记'], ['available', '可用'], ['invalid', '映射失效'], ['disabled', '已停用']] as const);
export const API_AUTH = labels([['token', '令牌'], ['app_key', 'AppKey 签名'], ['sm2', 'SM2 数字签名'], ['mtls', '双向证书']] as const);
export const DEADLINE_RULE = labels([
  ['register_new', '新增资源编目'], ['update_after_duty_change', '职责变更后更新目录'], ['bureau_review', '数据局审核'],
] as const);
export type DeadlineRuleCode = (typeof DEADLINE_RULE.values)[number];
export const LIGHT = labels([['green', '正常'], ['yellow', '临期'], ['red', '逾期'], ['unknown', '无法计算']] as const);
export type Light = (typeof LIGHT.values)[number];

export const CHECK_CODES = [
  ['REQUIRED_MISSING', '必填元数据缺失', 'error'],
  ['CODE_RULE', '不符合代码规则', 'error'],
  ['RELATED_CODE_UNKNOWN', '关联资源代码未发布', 'warning'],
  ['NO_SHARE_BASIS', '不予共享缺少依据', 'error'],
  ['ITEM_LOOSER_THAN_ENTRY', '信息项属性宽于目录', 'error'],
  ['SENSITIVE_ITEM_OPEN', '个人信息无条件开放', 'error'],
  ['GRADE_LEVEL', '分级与敏感级别不符', 'error'],
  ['FORMAT_TYPE', '格式类型与格式分类不符', 'error'],
  ['SYSTEM_INVALID', '来源系统无效', 'error'],
  ['ITEM_DUPLICATE', '信息项重复', 'error'],
  ['DUPLICATE_NAME', '本部门目录重名', 'error'],
  ['CLASSIFIED_REFUSED', '涉密资源不予编目', 'error'],
  ['AUTHORITATIVE_CONFLICT', '一数一源冲突', 'error'],
  ['LIKELY_DUPLICATE', '疑似重复采集', 'warning'],
] as const;
export type CheckCode = (typeof CHECK_CODES)[number][0];

/** Every enumeration by the name the contract uses, for GET /meta. */
export const ENUMS = {
  Category: CATEGORY.pairs,
  FormatClass: FORMAT_CLASS.pairs,
  ShareType: SHARE_TYPE.pairs,
  OpenType: OPEN_TYPE.pairs,
  ShareMethod: SHARE_METHOD.pairs,
  ShareChannel: SHARE_CHANNEL.pairs,
  NoShareBasisType: NO_SHARE_BASIS.pairs,
  UpdateFrequency: UPDATE_FREQUENCY.pairs,
  Grade: GRADE.pairs,
  DataType: DATA_TYPE.pairs,
  Sensitivity: SENSITIVITY.pairs,
  EntryStatus: ENTRY_STATUS.pairs,
  Origin: ORIGIN.pairs,
  ReportStatus: REPORT_STATUS.pairs,
  SystemDeployment: SYSTEM_DEPLOYMENT.pairs,
  SystemNetwork: SYSTEM_NETWORK.pairs,
  SystemStatus: SYSTEM_STATUS.pairs,
  MountKind: MOUNT_KIND.pairs,
  MountStatus: MOUNT_STATUS.pairs,
  ApiAuth: API_AUTH.pairs,
  DeadlineRuleCode: DEADLINE_RULE.pairs,
  Light: LIGHT.pairs,
} as const;

export const subcategoryLabel = (category: string, sub: string) => SUBCATEGORIES[category as Category]?.find(([v]) => v === sub)?.[1] ?? null;
