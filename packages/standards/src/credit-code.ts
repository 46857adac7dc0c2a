// Unified social credit code (统一社会信用代码), GB 32100-2015: registration-authority code (1),
// organization-type code (1), registering authority's GB/T 2260 division code (6), subject
// identifier = GB 11714 organization code (9), check character (1).

import { getDivision, isKnownDivision } from './divisions.ts';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, orgCodeCheckChar } from './iso7064.ts';
import type { Rng } from './rng.ts';

interface AuthorityEntry {
  readonly name: string;
  readonly orgTypes: Readonly<Record<string, string>>;
}

// GB 32100-2015 「登记管理部门代码」 and 「机构类别代码」 table, with the later national
// assignments 'A' (中央军委改革和编制办公室) and 'N' (农业, rural collective economic
// organizations). Names as in the table ('9 工商' is today's market regulation administration).
const AUTHORITIES: Readonly<Record<string, AuthorityEntry>> = {
  '1': { name: '机构编制', orgTypes: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', orgTypes: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    orgTypes: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', orgTypes: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', orgTypes: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    orgTypes: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', orgTypes: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', orgTypes: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', orgTypes: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', orgTypes: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', orgTypes: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', orgTypes: { '1': '其他' } },
};

const CHARSET_CHARS = [...CREDIT_CODE_CHARSET];

/** Division code used by national-level registration authorities (e.g. 11100000…). */
const NATIONAL_DIVISION_CODE = '100000';

export interface CreditCodeInfo {
  /** The code, upper-cased. */
  creditCode: string;
  /** Registration-authority code (position 1), e.g. '9'. */
  registrationAuthority: string;
  registrationAuthorityName: string;
  /** Organization-type code (position 2), e.g. '1'. */
  orgType: string;
  orgTypeName: string;
  /** Registering authority's division code (positions 3–8); '100000' for national authorities. */
  divisionCode: string;
  /** Whether divisionCode is '100000' or in the current division table. */
  knownDivision: boolean;
  /** GB 11714 organization code (positions 9–17), check character included. */
  orgCode: string;
}

export type CreditCodeInvalidReason =
  | 'length'
  | 'charset'
  | 'registration_authority'
  | 'org_type'
  | 'division'
  | 'org_code_check'
  | 'check_char';

export type CreditCodeValidation =
  | ({ valid: true } & CreditCodeInfo)
  | { valid: false; reason: CreditCodeInvalidReason; message: string };

const invalid = (reason: CreditCodeInvalidReason, message: string): CreditCodeValidation => ({
  valid: false,
  reason,
  message,
});

/** Checks an 18-character unified social credit code (lower case accepted). */
export function validateCreditCode(input: string): CreditCodeValidation {
  if (input.length !== 18) return invalid('length', `统一社会信用代码应为 18 位，实际为 ${input.length} 位`);
  const creditCode = input.toUpperCase();
  // GB 32100-2015 「代码结构」: digits and capital letters other than I, O, Z, S, V.
  if ([...creditCode].some((ch) => !CHARSET_CHARS.includes(ch))) {
    return invalid('charset', '统一社会信用代码只能由数字和除 I、O、Z、S、V 以外的大写字母组成');
  }

  const registrationAuthority = creditCode.charAt(0);
  const authority = AUTHORITIES[registrationAuthority];
  if (!authority) return invalid('registration_authority', `登记管理部门代码 ${registrationAuthority} 不存在`);
  const orgType = creditCode.charAt(1);
  const orgTypeName = authority.orgTypes[orgType];
  if (orgTypeName === undefined) {
    return invalid('org_type', `登记管理部门「${authority.name}」下不存在机构类别代码 ${orgType}`);
  }

  // GB 32100-2015 「登记管理机关行政区划码」: a GB/T 2260 code; abolished counties stay in old
  // codes, so only the province must exist.
  const divisionCode = creditCode.slice(2, 8);
  const national = divisionCode === NATIONAL_DIVISION_CODE;
  if (!national && (!/^\d{6}$/.test(divisionCode) || !getDivision(`${divisionCode.slice(0, 2)}0000`))) {
    return invalid('division', `登记管理机关行政区划码 ${divisionCode} 无效`);
  }

  // GB 32100-2015 「主体标识码」 is the GB 11714 organization code with its own check character.
  const orgCode = creditCode.slice(8, 17);
  if (orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode.charAt(8)) {
    return invalid('org_code_check', `组织机构代码 ${orgCode} 的校验码错误`);
  }

  if (creditCodeCheckChar(creditCode.slice(0, 17)) !== creditCode.charAt(17)) {
    return invalid('check_char', '校验码错误');
  }

  return {
    valid: true,
    creditCode,
    registrationAuthority,
    registrationAuthorityName: authority.name,
    orgType,
    orgTypeName,
    divisionCode,
    knownDivision: national || isKnownDivision(divisionCode),
    orgCode,
  };
}

export interface CreditCodeSpec {
  /** Registration-authority code, e.g. '9'. */
  authority: string;
  /** Organization-type code valid for the authority, e.g. '1'. */
  orgType: string;
  /** 6-digit division code of the registering authority, or '100000'. */
  divisionCode: string;
  /** 8-character organization code body (its check character is appended) or all 9 characters. */
  orgCode: string;
}

/** Builds a valid credit code (synthetic data); throws RangeError if the spec cannot yield one. */
export function generateCreditCode(spec: CreditCodeSpec): string {
  const { authority, orgType, divisionCode, orgCode } = spec;
  if (!/^[0-9A-Z]{8,9}$/.test(orgCode)) throw new RangeError(`组织机构代码应为 8 或 9 位：${orgCode}`);
  const fullOrgCode = orgCode.length === 8 ? orgCode + orgCodeCheckChar(orgCode) : orgCode;
  const first17 = `${authority}${orgType}${divisionCode}${fullOrgCode}`;
  if (first17.length !== 17 || [...first17].some((ch) => !CHARSET_CHARS.includes(ch))) {
    throw new RangeError(`无法由 ${JSON.stringify(spec)} 生成统一社会信用代码`);
  }
  const creditCode = first17 + creditCodeCheckChar(first17);
  const result = validateCreditCode(creditCode);
  if (!result.valid) throw new RangeError(result.message);
  return creditCode;
}

export interface RandomCreditCodeOptions {
  /** Division codes of registering authorities to choose from, uniformly. */
  divisionCodes: readonly string[];
  /** Fixed registration-authority code; random from the table when omitted. */
  authority?: string;
  /** Fixed organization-type code; random among the authority's types when omitted. */
  orgType?: string;
}

/** A random valid credit code with a random organization code body (synthetic data). */
export function randomCreditCode(rng: Rng, options: RandomCreditCodeOptions): string {
  const authority = options.authority ?? rng.pick(Object.keys(AUTHORITIES));
  const orgTypes = AUTHORITIES[authority]?.orgTypes;
  if (!orgTypes) throw new RangeError(`登记管理部门代码 ${authority} 不存在`);
  let body = '';
  for (let i = 0; i < 8; i++) body += rng.pick(CHARSET_CHARS);
  return generateCreditCode({
    authority,
    orgType: options.orgType ?? rng.pick(Object.keys(orgTypes)),
    divisionCode: rng.pick(options.divisionCodes),
    orgCode: body,
  });
}
