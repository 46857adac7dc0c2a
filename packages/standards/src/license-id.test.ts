import { describe, expect, it } from 'vitest';
import { mod37_36 } from './iso7064.ts';
import {
  LICENSE_ID_ROOT,
  licenseIdCheckChar,
  makeLicenseId,
  parseLicenseId,
  validateLicenseId,
  type LicenseIdParseResult,
} from './license-id.ts';

const problemsOf = (result: LicenseIdParseResult) => (result.valid ? [] : result.problems);
const fieldsOf = (result: LicenseIdParseResult) => problemsOf(result).map((p) => p.field);

// The reference notes' example: 住房和城乡建设部 (11100000000013338W) type 011, issued by a Hunan
// authority (11430000006122244L), serial 20230000403, version 001.
const EXAMPLE = '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U';
const TYPE = '11100000000013338W011';
const ISSUER = '11430000006122244L';

describe('licenseIdCheckChar (ISO/IEC 7064 MOD 37,36)', () => {
  // By hand, for the short identifier 1.2.156.3005.2.3.A.9.001.T (lenient mode): the payload is
  // the four coded parts without dots, "3A9001". Characters are worth 0–9, A=10 … Z=35.
  // Start with P = 36 (= M). For each character a: S = (P + a) mod 36, reading 0 as 36;
  // then P = 2·S mod 37.
  //   '3' a=3:  S = (36 + 3)  mod 36 = 3;   P = 6  mod 37 = 6
  //   'A' a=10: S = (6 + 10)  mod 36 = 16;  P = 32 mod 37 = 32
  //   '9' a=9:  S = (32 + 9)  mod 36 = 5;   P = 10 mod 37 = 10
  //   '0' a=0:  S = (10 + 0)  mod 36 = 10;  P = 20 mod 37 = 20
  //   '0' a=0:  S = (20 + 0)  mod 36 = 20;  P = 40 mod 37 = 3
  //   '1' a=1:  S = (3 + 1)   mod 36 = 4;   P = 8  mod 37 = 8
  // The check value c makes (P + c) mod 36 = 1: c = 29, the character 'T' (check: 8 + 29 = 37).
  it('matches the hand computation for a short payload', () => {
    expect(mod37_36('3A9001')).toBe('T');
    expect(licenseIdCheckChar('3', 'A', '9', '001')).toBe('T');
    expect(parseLicenseId('1.2.156.3005.2.3.A.9.001.T', { strict: false }).valid).toBe(true);
  });

  // Identifiers from real systems (source code and interface documents of provincial platforms,
  // found while writing the reference notes); each reproduces with MOD 37,36 over the parts.
  it.each([
    [EXAMPLE, true],
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S', true],
    ['1.2.156.3005.2.11100000000013338W087.11370800MB28559184.37080001202411010001.001.3', true],
    ['1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0', true],
    // Issuer is a division code (340100), so only the lenient mode accepts it.
    ['1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9', false],
  ])('reproduces the check character of %s', (id, strictValid) => {
    const [typeCode, issuerCode, serial, version, check] = id.slice(LICENSE_ID_ROOT.length + 1).split('.');
    expect(licenseIdCheckChar(typeCode ?? '', issuerCode ?? '', serial ?? '', version ?? '')).toBe(check);
    expect(parseLicenseId(id, { strict: false }).valid).toBe(true);
    expect(parseLicenseId(id).valid).toBe(strictValid);
  });

  it('finds the one published example whose check character does not reproduce', () => {
    // A sample value in an interface document (issuer 113700000045046442, serial in hex) ends in
    // 'M' where MOD 37,36 gives 'D'. We read it as an invented sample rather than evidence against
    // the rule, since the five identifiers above agree with it.
    const sample = '1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M';
    expect(problemsOf(parseLicenseId(sample))).toEqual([{ field: 'checkChar', message: '校验位应为 D，实际为 M' }]);
  });
});

describe('parseLicenseId', () => {
  it('splits a valid identifier into its parts', () => {
    expect(parseLicenseId(EXAMPLE)).toEqual({
      valid: true,
      id: EXAMPLE,
      root: '1.2.156.3005.2',
      typeCode: TYPE,
      issuerCode: ISSUER,
      serial: '20230000403',
      version: '001',
      checkChar: 'U',
    });
  });

  it('normalises lower case and surrounding blanks', () => {
    const result = parseLicenseId(`  ${EXAMPLE.toLowerCase()}\n`);
    expect(result.valid && result.id).toBe(EXAMPLE);
  });

  it('rejects another root, and accepts it when configured', () => {
    const local = `1.2.156.9999.${EXAMPLE.slice(LICENSE_ID_ROOT.length + 1)}`;
    expect(problemsOf(parseLicenseId(local))).toEqual([{ field: 'root', message: '证照标识应以 1.2.156.3005.2. 开头' }]);
    expect(parseLicenseId(local, { root: '1.2.156.9999' }).valid).toBe(true);
    expect(fieldsOf(parseLicenseId('1.2.156.3005.21.X.Y.Z.001.A'))).toEqual(['root']); // arc 21 is not arc 2
    expect(() => parseLicenseId(EXAMPLE, { root: '1.2.x' })).toThrow(RangeError);
    expect(() => parseLicenseId(EXAMPLE, { root: '1.2.156.' })).toThrow(RangeError);
  });

  it.each([
    ['too few segments', `${LICENSE_ID_ROOT}.${TYPE}.${ISSUER}.20230000403.001`, 4],
    ['too many segments', `${EXAMPLE}.X`, 6],
    ['a dot inside the serial', `${LICENSE_ID_ROOT}.${TYPE}.${ISSUER}.2023.0000403.001.U`, 6],
    ['nothing after the root', `${LICENSE_ID_ROOT}.`, 1],
  ])('reports the structure for %s', (_name, id, count) => {
    const problems = problemsOf(parseLicenseId(id));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('structure');
    expect(problems[0]?.message).toContain(`实际为 ${count} 段`);
  });

  it('rejects the empty string and garbage', () => {
    expect(fieldsOf(parseLicenseId(''))).toEqual(['root']);
    expect(fieldsOf(parseLicenseId('证照'))).toEqual(['root']);
  });

  // Builds an identifier; the check character is computed unless given, so that each case below
  // has exactly the one problem it names.
  const withParts = (type: string, issuer: string, serial: string, version: string, check?: string): string => {
    const computable = [type, issuer, serial].every((p) => /^[0-9A-Z]+$/.test(p)) && /^\d{3}$/.test(version);
    const checkChar = check ?? (computable ? licenseIdCheckChar(type, issuer, serial, version) : 'U');
    return [LICENSE_ID_ROOT, type, issuer, serial, version, checkChar].join('.');
  };

  it.each([
    ['a type code of 20 characters', withParts(TYPE.slice(0, 20), ISSUER, '1', '001'), 'typeCode'],
    ['a type code of 22 characters', withParts(`${TYPE}1`, ISSUER, '1', '001'), 'typeCode'],
    ['a type code with a bad credit code', withParts('11100000000013338X011', ISSUER, '1', '001'), 'typeCode'],
    ['a type code ending in a letter', withParts('11100000000013338W01A', ISSUER, '1', '001'), 'typeCode'],
    ['an empty type code', withParts('', ISSUER, '1', '001'), 'typeCode'],
    ['an issuer with a wrong check character', withParts(TYPE, '11430000006122244M', '1', '001'), 'issuerCode'],
    ['an issuer of 17 characters', withParts(TYPE, ISSUER.slice(0, 17), '1', '001'), 'issuerCode'],
    ['an issuer with a hyphen', withParts(TYPE, '1143-0000006122244', '1', '001'), 'issuerCode'],
    ['a serial with an underscore', withParts(TYPE, ISSUER, '0624_001', '001'), 'serial'],
    ['a serial with Chinese', withParts(TYPE, ISSUER, '粤2023', '001'), 'serial'],
    ['an empty serial', withParts(TYPE, ISSUER, '', '001'), 'serial'],
    ['a two-digit version', withParts(TYPE, ISSUER, '20230000403', '01'), 'version'],
    ['a four-digit version', withParts(TYPE, ISSUER, '20230000403', '0001'), 'version'],
    ['version 000', withParts(TYPE, ISSUER, '20230000403', '000'), 'version'],
    ['a version with a letter', withParts(TYPE, ISSUER, '20230000403', '00A'), 'version'],
    ['two check characters', withParts(TYPE, ISSUER, '20230000403', '001', 'UU'), 'checkChar'],
    ['no check character', withParts(TYPE, ISSUER, '20230000403', '001', ''), 'checkChar'],
    ['a punctuation check character', withParts(TYPE, ISSUER, '20230000403', '001', '*'), 'checkChar'],
    ['a wrong check character', withParts(TYPE, ISSUER, '20230000403', '001', 'V'), 'checkChar'],
  ])('reports %s', (_name, id, field) => {
    const result = parseLicenseId(id);
    expect(result.valid).toBe(false);
    expect(fieldsOf(result)).toEqual([field]);
    for (const p of problemsOf(result)) expect(p.message).toMatch(/[\u4e00-\u9fff]/); // messages are Chinese
  });

  it('lists several problems at once', () => {
    const result = parseLicenseId(withParts('X', 'Y', 'a_b', '1', '??'));
    expect(fieldsOf(result)).toEqual(['typeCode', 'issuerCode', 'serial', 'version', 'checkChar']);
  });

  it('the lenient mode still checks characters and the check character', () => {
    expect(fieldsOf(parseLicenseId(withParts('X', 'Y', 'a_b', '001', 'Q'), { strict: false }))).toEqual(['serial']);
    expect(fieldsOf(parseLicenseId('1.2.156.3005.2.3.A.9.001.S', { strict: false }))).toEqual(['checkChar']);
  });

  it('detects every single-character substitution and adjacent transposition in the coded parts', () => {
    const payloadEnd = EXAMPLE.length - 2; // up to the dot before the check character
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = LICENSE_ID_ROOT.length + 1; i < payloadEnd; i++) {
      const ch = EXAMPLE.charAt(i);
      if (ch === '.') continue;
      for (const other of alphabet) {
        if (other === ch) continue;
        const changed = EXAMPLE.slice(0, i) + other + EXAMPLE.slice(i + 1);
        expect(validateLicenseId(changed, { strict: false }), changed).toBe(false);
      }
      const next = EXAMPLE.charAt(i + 1);
      if (next !== '.' && i + 1 < payloadEnd && next !== ch) {
        const swapped = EXAMPLE.slice(0, i) + next + ch + EXAMPLE.slice(i + 2);
        expect(validateLicenseId(swapped, { strict: false }), swapped).toBe(false);
      }
    }
  });
});

describe('validateLicenseId', () => {
  it('is true exactly when parseLicenseId is valid', () => {
    expect(validateLicenseId(EXAMPLE)).toBe(true);
    expect(validateLicenseId(EXAMPLE.replace(/U$/, 'V'))).toBe(false);
    const divisionIssuer = '1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9';
    expect(validateLicenseId(divisionIssuer)).toBe(false);
    expect(validateLicenseId(divisionIssuer, { strict: false })).toBe(true);
  });
});

describe('makeLicenseId', () => {
  it('reproduces the reference example', () => {
    expect(makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial: '20230000403', version: 1 })).toBe(EXAMPLE);
    expect(makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial: '20230000403', version: '002' })).toBe(
      '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S',
    );
  });

  it('defaults to version 001 and upper-cases its input', () => {
    const lower = { typeCode: TYPE.toLowerCase(), issuerCode: ISSUER.toLowerCase(), serial: '20230000403' };
    expect(makeLicenseId(lower)).toBe(EXAMPLE);
  });

  it('round-trips through parseLicenseId for many serials and versions', () => {
    for (let n = 0; n < 500; n++) {
      const serial = (n * 7_919 + 1).toString(36).toUpperCase().padStart(20, '0');
      const version = (n % 999) + 1;
      const id = makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial, version });
      const parsed = parseLicenseId(id);
      expect(parsed).toMatchObject({ valid: true, typeCode: TYPE, issuerCode: ISSUER, serial });
      expect(parsed.valid && parsed.version).toBe(String(version).padStart(3, '0'));
    }
  });

  it('uses a configured root', () => {
    const id = makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial: '1' }, { root: '1.2.156.9999.1' });
    expect(id.startsWith('1.2.156.9999.1.')).toBe(true);
    expect(validateLicenseId(id, { root: '1.2.156.9999.1' })).toBe(true);
    expect(validateLicenseId(id)).toBe(false);
  });

  it('refuses malformed parts, naming every problem', () => {
    expect(() => makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial: '1', version: 0 })).toThrow('版本号从 001 起');
    expect(() => makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial: '1', version: 1000 })).toThrow(
      '版本号应为 3 位数字',
    );
    expect(() => makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial: '1', version: 1.5 })).toThrow(RangeError);
    expect(() => makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial: 'a.b' })).toThrow('实际为 6 段');
    expect(() => makeLicenseId({ typeCode: 'X', issuerCode: '340100', serial: '_' })).toThrow(
      /证照类型代码.*；颁发机构代码.*；流水号/,
    );
    expect(makeLicenseId({ typeCode: 'X', issuerCode: '340100', serial: '1' }, { strict: false })).toBe(
      `1.2.156.3005.2.X.340100.1.001.${mod37_36('X3401001001')}`,
    );
  });
});
