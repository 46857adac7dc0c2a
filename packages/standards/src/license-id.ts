// Electronic license identifier (电子证照标识), in the GB/T 36904-2018 电子证照 标识规范 style:
//
//   <root>.<证照类型代码>.<颁发机构代码>.<流水号>.<版本号>.<校验位>
//   1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U
//
// What is known, and how well (reference notes: shared docs reference/services-licenses-hotline.md
// §1.4 and §6). The text of GB/T 36904 was NOT read, so whether this structure is its normative
// one is unverified. Every rule below is [S]: consistent across at least six independent
// implementations and a national-platform interface document, not taken from the standard:
//   - root 1.2.156.3005.2, the OID arc for e-licenses — configurable (`root` option);
//   - 证照类型代码 = unified social credit code (18) of the ministry that defines the license type
//     + a 3-digit sequence, 21 characters (e.g. 11100000000013338W011, 住房和城乡建设部 + 011);
//   - 颁发机构代码 = unified social credit code (18) of the issuing authority. One implementation's
//     test data has a 6-digit division code here, which `strict: false` admits;
//   - 流水号: [0-9A-Z], variable length (a provincial guide uses 20 characters);
//   - 版本号: 3 digits (001, 002, … for renewals and changes);
//   - 校验位: ISO/IEC 7064 MOD 37,36 over 类型代码 ‖ 颁发机构代码 ‖ 流水号 ‖ 版本号 (dots removed).
//     Five identifiers found in real systems reproduce with this rule (license-id.test.ts).
// Assumptions of ours [A]: upper case is canonical (lower case and surrounding blanks are
// accepted and normalised); version 000 is refused; the serial's length is not limited.

import { validateCreditCode } from './credit-code.ts';
import { mod37_36 } from './iso7064.ts';

/** OID arc under which e-license identifiers are issued [S]. */
export const LICENSE_ID_ROOT = '1.2.156.3005.2';

export interface LicenseIdOptions {
  /** Root arc; LICENSE_ID_ROOT by default. Dotted decimal, e.g. '1.2.156.3005.2'. */
  root?: string;
  /**
   * true (default): the type code must be a credit code + 3 digits and the issuer code a valid
   * credit code. false: any [0-9A-Z] run is accepted there; the check character is still checked.
   */
  strict?: boolean;
}

export interface LicenseIdParts {
  /** The identifier, normalised (upper case, no surrounding blanks). */
  id: string;
  root: string;
  /** 证照类型代码. */
  typeCode: string;
  /** 颁发机构代码. */
  issuerCode: string;
  /** 流水号. */
  serial: string;
  /** 版本号, three digits. */
  version: string;
  /** 校验位. */
  checkChar: string;
}

export interface LicenseIdSpec {
  typeCode: string;
  issuerCode: string;
  serial: string;
  /** 1–999 or three digits; 1 ('001') by default. */
  version?: number | string;
}

export type LicenseIdField = 'root' | 'structure' | 'typeCode' | 'issuerCode' | 'serial' | 'version' | 'checkChar';

export interface LicenseIdProblem {
  field: LicenseIdField;
  /** Chinese, for display. */
  message: string;
}

export type LicenseIdParseResult =
  | ({ valid: true } & LicenseIdParts)
  | { valid: false; problems: LicenseIdProblem[] };

const CODE_CHARS = /^[0-9A-Z]+$/;

function checkRoot(root: string): string {
  if (!/^\d+(\.\d+)*$/.test(root)) throw new RangeError(`证照标识根弧应为点分十进制数字：${root}`);
  return root;
}

/** ISO/IEC 7064 MOD 37,36 check character of an identifier's four coded parts. */
export function licenseIdCheckChar(typeCode: string, issuerCode: string, serial: string, version: string): string {
  return mod37_36(typeCode + issuerCode + serial + version);
}

/** Splits and checks an e-license identifier; lists every problem found, in Chinese. */
export function parseLicenseId(input: string, options: LicenseIdOptions = {}): LicenseIdParseResult {
  const root = checkRoot(options.root ?? LICENSE_ID_ROOT);
  const strict = options.strict ?? true;
  const id = input.trim().toUpperCase();
  if (!id.startsWith(`${root}.`)) {
    return { valid: false, problems: [{ field: 'root', message: `证照标识应以 ${root}. 开头` }] };
  }
  const segments = id.slice(root.length + 1).split('.');
  if (segments.length !== 5) {
    const message = `根弧之后应有 5 段（证照类型代码.颁发机构代码.流水号.版本号.校验位），实际为 ${segments.length} 段`;
    return { valid: false, problems: [{ field: 'structure', message }] };
  }
  const [typeCode = '', issuerCode = '', serial = '', version = '', checkChar = ''] = segments;
  const problems: LicenseIdProblem[] = [];
  const add = (field: LicenseIdField, message: string): void => {
    problems.push({ field, message });
  };

  if (!CODE_CHARS.test(typeCode)) {
    add('typeCode', '证照类型代码应由数字和大写字母组成且不能为空');
  } else if (strict) {
    const ministry = validateCreditCode(typeCode.slice(0, 18));
    if (!/^[0-9A-Z]{18}\d{3}$/.test(typeCode)) {
      add('typeCode', `证照类型代码应为 21 位（定义部门的统一社会信用代码 18 位 + 3 位顺序号），实际为 ${typeCode.length} 位`);
    } else if (!ministry.valid) {
      add('typeCode', `证照类型代码的前 18 位不是有效的统一社会信用代码：${ministry.message}`);
    }
  }

  if (!CODE_CHARS.test(issuerCode)) {
    add('issuerCode', '颁发机构代码应由数字和大写字母组成且不能为空');
  } else if (strict) {
    const issuer = validateCreditCode(issuerCode);
    if (!issuer.valid) add('issuerCode', `颁发机构代码不是有效的统一社会信用代码：${issuer.message}`);
  }

  if (!CODE_CHARS.test(serial)) add('serial', '流水号应由数字和大写字母组成且不能为空');

  if (!/^\d{3}$/.test(version)) add('version', `版本号应为 3 位数字，实际为「${version}」`);
  else if (version === '000') add('version', '版本号从 001 起');

  if (!/^[0-9A-Z]$/.test(checkChar)) {
    add('checkChar', `校验位应为 1 位数字或大写字母，实际为「${checkChar}」`);
  } else if ([typeCode, issuerCode, serial].every((part) => CODE_CHARS.test(part)) && /^\d{3}$/.test(version)) {
    // ISO/IEC 7064 MOD 37,36 over the four coded parts without their dots [S].
    const expected = licenseIdCheckChar(typeCode, issuerCode, serial, version);
    if (expected !== checkChar) add('checkChar', `校验位应为 ${expected}，实际为 ${checkChar}`);
  }

  if (problems.length > 0) return { valid: false, problems };
  return { valid: true, id, root, typeCode, issuerCode, serial, version, checkChar };
}

/** Whether an e-license identifier is well formed and its check character is right. */
export function validateLicenseId(input: string, options: LicenseIdOptions = {}): boolean {
  return parseLicenseId(input, options).valid;
}

/** Builds an e-license identifier with its check character; throws RangeError listing every problem. */
export function makeLicenseId(spec: LicenseIdSpec, options: LicenseIdOptions = {}): string {
  const root = checkRoot(options.root ?? LICENSE_ID_ROOT);
  const rawVersion = spec.version ?? 1;
  const version =
    typeof rawVersion === 'number' && Number.isInteger(rawVersion) && rawVersion >= 0 && rawVersion <= 999
      ? String(rawVersion).padStart(3, '0')
      : String(rawVersion);
  const typeCode = spec.typeCode.toUpperCase();
  const issuerCode = spec.issuerCode.toUpperCase();
  const serial = spec.serial.toUpperCase();
  // The check character is computed only from well-formed parts; the parse below then reports
  // every problem of the parts themselves in one message.
  const wellFormed = [typeCode, issuerCode, serial].every((part) => CODE_CHARS.test(part)) && /^\d{3}$/.test(version);
  const checkChar = wellFormed ? licenseIdCheckChar(typeCode, issuerCode, serial, version) : '0';
  const id = [root, typeCode, issuerCode, serial, version, checkChar].join('.');
  const parsed = parseLicenseId(id, options);
  if (!parsed.valid) throw new RangeError(`无法生成证照标识：${parsed.problems.map((p) => p.message).join('；')}`);
  return parsed.id;
}
