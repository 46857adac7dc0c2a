import {
  CLASS_DIGIT, CODE_LAYOUT, CODE_LENGTH, FORMAT_CLASS, FORMAT_TYPES, OPENNESS, OPEN_TYPE, SHARE_TYPE, SUBCATEGORIES,
  type Category, type CheckCode, type FormatClass, type ShareType,
} from './catalog.enums.ts';
import type { Problem } from './catalog.errors.ts';
import type { CatalogRepository, EntryRow } from './catalog.repository.ts';
import type { EntryContent } from './entry-model.ts';
import type { createSearchRepository } from './search.repository.ts';

// Machine checks before submission and approval: every problem at once, blocking errors apart from warnings.

export interface ChecksResult {
  passed: boolean;
  errorCount: number;
  warningCount: number;
  checkedAt: string;
  problems: Problem[];
}

/** Jaccard similarity of data item names at or above which another department's entry is a likely duplicate. */
export const DUPLICATE_JACCARD = 0.8;

const WARNINGS: ReadonlySet<CheckCode> = new Set(['RELATED_CODE_UNKNOWN', 'LIKELY_DUPLICATE']);
const blank = (v: string | null | undefined) => v == null || v.trim() === '';
const needsLength = (t: string | null) => t === 'string' || t === 'decimal';

/** The department key of the search projection: department id, or `province:<provider code>`. */
export const departmentKeyOf = (row: Pick<EntryRow, 'department_id' | 'provider_code'>) => row.department_id ?? `province:${row.provider_code}`;

/** The code prefix (类 + 项 + 目) for a category, subcategory and department catalog number. */
export const codePrefix = (category: string, subcategory: string, departmentNumber: number) =>
  `${CLASS_DIGIT[category as Category] ?? '?'}${subcategory}${String(departmentNumber).padStart(CODE_LAYOUT.department, '0')}`;

export async function checkEntry(
  repo: CatalogRepository,
  search: ReturnType<typeof createSearchRepository>,
  row: EntryRow,
  c: EntryContent,
): Promise<ChecksResult> {
  const problems: Problem[] = [];
  const add = (code: CheckCode, path: string, message: string) => problems.push({ code, severity: WARNINGS.has(code) ? 'warning' : 'error', path, message });
  const required = (path: string, label: string, missing: boolean) => {
    if (missing) add('REQUIRED_MISSING', path, `${label}为必填项`);
  };

  // 必填元数据
  required('name', '信息资源名称', blank(c.name));
  required('summary', '信息资源摘要', blank(c.summary));
  required('keywords', '关键字', c.keywords.length === 0);
  required('systemId', '来源信息系统', !c.systemId);
  required('formatClass', '格式分类', !c.formatClass);
  required('formatType', '格式类型', blank(c.formatType));
  required('shareType', '共享类型', !c.shareType);
  required('shareMethod', '共享方式分类', !c.shareMethod);
  required('openType', '开放类型', !c.openType);
  required('updateFrequency', '更新周期', !c.updateFrequency);
  required('grade', '数据分级', !c.grade);
  required('dutyText', '对应的三定职责', blank(c.dutyText));
  required('contactName', '联系人', blank(c.contactName));
  required('contactPhone', '联系电话', blank(c.contactPhone));
  required('items', '信息项（至少一项）', c.items.length === 0);
  if (c.shareMethod === 'platform') required('shareChannels', '共享方式类型（库表、接口或文件）', c.shareChannels.length === 0);
  if (c.shareMethod === 'other') required('shareOtherMethod', '其他共享方式的说明', blank(c.shareOtherMethod));
  if (c.shareType === 'conditional') required('shareCondition', '有条件共享的共享条件', blank(c.shareCondition));
  if (c.openType === 'conditional') required('openCondition', '有条件开放的开放条件', blank(c.openCondition));
  c.items.forEach((item, i) => {
    required(`items.${i}.name`, `第 ${i + 1} 个信息项的名称`, blank(item.name));
    required(`items.${i}.codeName`, `第 ${i + 1} 个信息项的代码`, blank(item.codeName));
    required(`items.${i}.dataType`, `信息项“${item.name}”的数据类型`, !item.dataType);
    if (needsLength(item.dataType)) required(`items.${i}.length`, `信息项“${item.name}”的长度`, !item.length);
  });

  // 代码规则
  const subs = SUBCATEGORIES[c.category as Category];
  if (!subs?.some(([v]) => v === c.subcategory)) add('CODE_RULE', 'subcategory', `项 ${c.subcategory} 不属于“${c.category}”类`);
  if (row.origin === 'local' && row.department_id) {
    const prefix = codePrefix(c.category, c.subcategory, await repo.departmentNumber(row.department_id));
    if (!new RegExp(`^[0-9]{${CODE_LENGTH}}$`).test(row.code) || !row.code.startsWith(prefix)) {
      add('CODE_RULE', 'code', `信息资源代码 ${row.code} 与分类和提供方不符（应以 ${prefix} 开头，共 ${CODE_LENGTH} 位数字）`);
    }
  }
  const wellFormed: string[] = [];
  c.relatedCodes.forEach((code, i) => {
    if (!/^[0-9A-Za-z]{6,40}$/.test(code)) add('CODE_RULE', `relatedCodes.${i}`, `关联资源代码“${code}”格式不正确`);
    else if (code === row.code) add('CODE_RULE', `relatedCodes.${i}`, '关联资源代码不能是本目录自己的代码');
    else wellFormed.push(code);
  });
  if (wellFormed.length) {
    const known = new Set(await search.publishedCodes(wellFormed));
    c.relatedCodes.forEach((code, i) => {
      if (wellFormed.includes(code) && !known.has(code)) add('RELATED_CODE_UNKNOWN', `relatedCodes.${i}`, `关联资源代码 ${code} 不是已发布的目录`);
    });
  }

  // 共享、开放属性
  if (c.shareType === 'none' && (!c.noShareBasisType || blank(c.noShareBasisText))) {
    add('NO_SHARE_BASIS', c.noShareBasisType ? 'noShareBasisText' : 'noShareBasisType', '不予共享的目录须填写依据类型和具体依据（法律法规、政策文件等）');
  }
  c.items.forEach((item, i) => {
    if (c.shareType && item.shareType && OPENNESS[item.shareType as ShareType] > OPENNESS[c.shareType as ShareType]) {
      add('ITEM_LOOSER_THAN_ENTRY', `items.${i}.shareType`, `信息项“${item.name}”为${SHARE_TYPE.label(item.shareType)}，宽于目录的${SHARE_TYPE.label(c.shareType)}`);
    }
    if (c.openType && item.openType && OPENNESS[item.openType as ShareType] > OPENNESS[c.openType as ShareType]) {
      add('ITEM_LOOSER_THAN_ENTRY', `items.${i}.openType`, `信息项“${item.name}”为${OPEN_TYPE.label(item.openType)}，宽于目录的${OPEN_TYPE.label(c.openType)}`);
    }
    const effectiveOpen = item.openType ?? c.openType;
    if (item.sensitivity !== 'none' && effectiveOpen === 'unconditional') {
      add('SENSITIVE_ITEM_OPEN', `items.${i}.openType`, `信息项“${item.name}”含个人信息，不能无条件开放（GB/T 35273）`);
    }
  });

  // 分级、格式、系统
  if (c.grade === 'general' && c.sensitivityLevel == null) add('GRADE_LEVEL', 'sensitivityLevel', '一般数据须填写敏感级别（1–4 级）');
  if (c.grade && c.grade !== 'general' && c.sensitivityLevel != null) add('GRADE_LEVEL', 'sensitivityLevel', '核心数据、重要数据不填写一般数据的敏感级别');
  if (c.formatClass && !blank(c.formatType)) {
    const types = FORMAT_TYPES[c.formatClass as FormatClass] ?? [];
    if (types.length && !types.includes(c.formatType!)) {
      add('FORMAT_TYPE', 'formatType', `格式类型“${c.formatType}”不属于${FORMAT_CLASS.label(c.formatClass)}（可选：${types.join('、')}）`);
    }
  }
  if (c.systemId) {
    const system = await repo.systemById(c.systemId);
    if (!system || system.department_id !== row.department_id) add('SYSTEM_INVALID', 'systemId', '来源信息系统不是本部门登记的系统');
    else if (system.status === 'retired') add('SYSTEM_INVALID', 'systemId', `来源信息系统“${system.name}”已停用`);
  }

  // 信息项重复、目录重名、涉密
  const seenNames = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  c.items.forEach((item, i) => {
    if (seenNames.has(item.name)) add('ITEM_DUPLICATE', `items.${i}.name`, `信息项名称“${item.name}”与第 ${seenNames.get(item.name)! + 1} 项重复`);
    else seenNames.set(item.name, i);
    if (seenCodes.has(item.codeName)) add('ITEM_DUPLICATE', `items.${i}.codeName`, `信息项代码“${item.codeName}”与第 ${seenCodes.get(item.codeName)! + 1} 项重复`);
    else seenCodes.set(item.codeName, i);
  });
  if (row.department_id && !blank(c.name)) {
    const clash = await repo.sameNameInDepartment(row.department_id, c.name, row.id);
    if (clash.length) add('DUPLICATE_NAME', 'name', `本部门已有同名目录“${c.name}”（${clash[0]!.code}）`);
  }
  if (c.classified) add('CLASSIFIED_REFUSED', 'classified', '涉密信息资源不在本平台编目（本平台不存储涉密数据），请按保密规定另行管理');

  // 一数一源
  const ownKey = departmentKeyOf(row);
  const authoritative = c.items.map((item, i) => ({ item, i })).filter(({ item }) => item.authoritative);
  if (authoritative.length) {
    const claims = await search.authoritativeClaims(ownKey, authoritative.map(({ item }) => item.codeName), authoritative.map(({ item }) => item.name));
    for (const { item, i } of authoritative) {
      const claim = claims.find((x) => x.code_name === item.codeName || x.name === item.name);
      if (claim) {
        add('AUTHORITATIVE_CONFLICT', `items.${i}.authoritative`,
          `信息项“${item.name}”已由${claim.department_name}在目录“${claim.entry_name}”（${claim.code}）中登记为权威来源（一数一源），请与数据局协调确认`);
      }
    }
  }

  // 疑似重复采集
  const names = [...new Set(c.items.map((i) => i.name).filter((n) => !blank(n)))];
  if (names.length) {
    const overlaps = await search.overlappingEntries(ownKey, names);
    const sizes = new Map((await search.distinctItemNames(overlaps.map((o) => o.entry_id))).map((r) => [r.entry_id, Number(r.n)]));
    for (const o of overlaps) {
      const shared = Number(o.shared);
      const jaccard = shared / (names.length + (sizes.get(o.entry_id) ?? Number(o.item_count)) - shared);
      if (jaccard >= DUPLICATE_JACCARD) {
        add('LIKELY_DUPLICATE', 'items', `疑似重复采集：与${o.department_name}已发布的目录“${o.name}”（${o.code}）的信息项相似度为 ${Math.round(jaccard * 100)}%，请确认是否可直接申请共享`);
      }
    }
  }

  const errorCount = problems.filter((p) => p.severity === 'error').length;
  return { passed: errorCount === 0, errorCount, warningCount: problems.length - errorCount, checkedAt: new Date().toISOString(), problems };
}
