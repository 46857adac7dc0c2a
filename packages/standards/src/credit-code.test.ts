import { describe, expect, it } from 'vitest';
import { generateCreditCode, randomCreditCode, validateCreditCode } from './credit-code.ts';
import { createRng } from './rng.ts';

// GB 32100-2015 check character by the standard's weight table, independent of the
// implementation's: C18 = 31 − (Σ C_i·W_i mod 31), 31 written as '0'.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function withCheck(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + CHARSET.indexOf(ch) * (WEIGHTS[i] ?? 0), 0);
  return first17 + CHARSET.charAt((31 - (sum % 31)) % 31);
}

describe('validateCreditCode', () => {
  it('decodes the GB 32100-2015 example', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({
      valid: true,
      creditCode: '91350100M000100Y43',
      registrationAuthority: '9',
      registrationAuthorityName: '工商',
      orgType: '1',
      orgTypeName: '企业',
      divisionCode: '350100',
      knownDivision: true,
      orgCode: 'M000100Y4',
    });
  });

  it.each([
    ['914403001922038216', '440300'], // 华为技术有限公司
    ['91440300708461136T', '440300'], // 深圳市腾讯计算机系统有限公司
    ['91330100799655058B', '330100'], // 阿里巴巴（中国）有限公司
  ])('accepts the published code %s', (code, divisionCode) => {
    expect(validateCreditCode(code)).toMatchObject({ valid: true, divisionCode, knownDivision: true });
  });

  it('accepts lower case and national-level authorities (division 100000)', () => {
    expect(validateCreditCode('91440300708461136t')).toMatchObject({ valid: true, creditCode: '91440300708461136T' });
    const national = withCheck('11100000000013127');
    expect(validateCreditCode(national)).toMatchObject({
      valid: true,
      registrationAuthorityName: '机构编制',
      orgTypeName: '机关',
      divisionCode: '100000',
      knownDivision: true,
    });
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'charset'], // I is excluded
    ['91350100M00O100Y43', 'charset'], // O is excluded
    ['91350100M000100Y4S', 'charset'], // S is excluded
    [withCheck('B1350100M000100Y4'), 'registration_authority'],
    [withCheck('94350100M000100Y4'), 'org_type'], // 工商 has types 1–3 only
    [withCheck('Y2350100M000100Y4'), 'org_type'], // 其他 has type 1 only
    [withCheck('91990100M000100Y4'), 'division'],
    [withCheck('913501A0M000100Y4'), 'division'],
    [withCheck('91350100M000100Y5'), 'org_code_check'],
    ['91350100M000100Y44', 'check_char'],
    ['91350100M000010Y43', 'org_code_check'], // transposition inside the organization code
  ])('%s → %s', (input, reason) => {
    const result = validateCreditCode(input);
    expect(result).toMatchObject({ valid: false, reason });
    expect(!result.valid && result.message).toMatch(/\p{Script=Han}/u);
  });
});

describe('generateCreditCode', () => {
  it('rebuilds published codes from their parts', () => {
    expect(generateCreditCode({ authority: '9', orgType: '1', divisionCode: '440300', orgCode: '19220382' })).toBe(
      '914403001922038216',
    );
    expect(generateCreditCode({ authority: '9', orgType: '1', divisionCode: '350100', orgCode: 'M000100Y4' })).toBe(
      '91350100M000100Y43',
    );
  });

  it.each([
    { authority: '9', orgType: '4', divisionCode: '441500', orgCode: '12345678' },
    { authority: 'Z', orgType: '1', divisionCode: '441500', orgCode: '12345678' },
    { authority: '9', orgType: '1', divisionCode: '44150', orgCode: '12345678' },
    { authority: '9', orgType: '1', divisionCode: '441500', orgCode: '1234567' },
    { authority: '9', orgType: '1', divisionCode: '441500', orgCode: '123456780' }, // wrong GB 11714 check
    { authority: '9', orgType: '1', divisionCode: '441500', orgCode: 'I2345678' },
  ])('rejects %o', (spec) => {
    expect(() => generateCreditCode(spec)).toThrow(RangeError);
  });
});

describe('randomCreditCode', () => {
  it('produces valid codes, reproducibly, honouring fixed parts', () => {
    const options = { divisionCodes: ['441500', '441521'] };
    const codes = Array.from({ length: 200 }, (_, i) => randomCreditCode(createRng(i), options));
    expect(codes.map((_, i) => randomCreditCode(createRng(i), options))).toEqual(codes);
    for (const code of codes) expect(validateCreditCode(code).valid).toBe(true);
    expect(new Set(codes.map((c) => c.charAt(0))).size).toBeGreaterThan(5);

    const enterprise = randomCreditCode(createRng(7), { ...options, authority: '9', orgType: '2' });
    expect(validateCreditCode(enterprise)).toMatchObject({ valid: true, orgTypeName: '个体工商户' });
  });

  it('rejects an unknown authority', () => {
    expect(() => randomCreditCode(createRng(1), { divisionCodes: ['441500'], authority: 'Q' })).toThrow(RangeError);
  });
});
