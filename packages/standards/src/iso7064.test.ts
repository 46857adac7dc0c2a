import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, mod11_2, mod37_36, orgCodeCheckChar } from './iso7064.ts';

// GB 11643-1999's formulation of MOD 11-2, independent of the recursive one under test:
// Σ a_i·W_i ≡ 1 (mod 11) over all 18 positions, W_i = 2^(i−1) mod 11 counted from the right
// with the check character at i = 1, and 'X' worth 10.
function mod11_2Holds(full: string): boolean {
  let sum = 0;
  [...full].reverse().forEach((ch, i) => {
    sum += (ch === 'X' ? 10 : Number(ch)) * (2 ** i % 11);
  });
  return sum % 11 === 1;
}

const replaceAt = (s: string, i: number, ch: string): string => s.slice(0, i) + ch + s.slice(i + 1);

describe('mod11_2 (ISO/IEC 7064 MOD 11-2)', () => {
  it.each([
    ['079', 'X'], // ISO/IEC 7064 worked examples
    ['0794', '0'],
    ['11010519491231002', 'X'], // GB 11643-1999 Appendix A
    ['44052418800101001', '4'], // GB 11643-1999 Appendix A
    ['34052419800101001', 'X'], // GB 11643-1999 Appendix B
  ])('%s → %s', (payload, check) => {
    expect(mod11_2(payload)).toBe(check);
    expect(mod11_2Holds(payload + check)).toBe(true);
  });

  it('agrees with the weighted-sum formula on many payloads', () => {
    for (let n = 0; n < 2000; n++) {
      const payload = String(n * 104_729).padStart(17, '3');
      expect(mod11_2Holds(payload + mod11_2(payload))).toBe(true);
    }
  });

  it('detects every single-digit substitution and adjacent transposition', () => {
    const payload = '11010519491231002';
    const check = mod11_2(payload);
    for (let i = 0; i < payload.length; i++) {
      for (const d of '0123456789') {
        if (d !== payload[i]) expect(mod11_2(replaceAt(payload, i, d))).not.toBe(check);
      }
      const a = payload.charAt(i);
      const b = payload.charAt(i + 1);
      if (b && a !== b) expect(mod11_2(replaceAt(replaceAt(payload, i, b), i + 1, a))).not.toBe(check);
    }
  });

  it('rejects non-digits', () => {
    expect(() => mod11_2('12a')).toThrow(RangeError);
    expect(() => mod11_2('')).toThrow(RangeError);
  });
});

describe('mod37_36 (ISO/IEC 7064 MOD 37,36)', () => {
  it.each([
    ['A12425GABC1234002', 'M'], // ISO/IEC 7064 examples
    ['B159D8FA01240000', 'K'],
    ['188166C734200000', '3'],
  ])('%s → %s', (payload, check) => {
    expect(mod37_36(payload)).toBe(check);
  });

  it('detects every single-character substitution', () => {
    const payload = 'A12425GABC1234002';
    for (let i = 0; i < payload.length; i++) {
      for (const ch of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        if (ch !== payload[i]) expect(mod37_36(replaceAt(payload, i, ch))).not.toBe('M');
      }
    }
  });

  it('rejects lower case and symbols', () => {
    expect(() => mod37_36('a1')).toThrow(RangeError);
    expect(() => mod37_36('A-1')).toThrow(RangeError);
  });
});

// Codes printed on business licences and in GB 32100-2015 itself.
const PUBLISHED_CREDIT_CODES = [
  '91350100M000100Y43', // GB 32100-2015 example
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
];

describe('creditCodeCheckChar (GB 32100-2015)', () => {
  it.each(PUBLISHED_CREDIT_CODES)('%s', (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
    // Independent restatement: Σ_{i=1..18} C_i·3^(i−1) ≡ 0 (mod 31) with C_18 weighted 1.
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let sum = charset.indexOf(code.charAt(17));
    for (let i = 0; i < 17; i++) sum += charset.indexOf(code.charAt(i)) * (3 ** i % 31);
    expect(sum % 31).toBe(0);
  });

  it('rejects excluded letters and wrong lengths', () => {
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
  });
});

describe('orgCodeCheckChar (GB 11714-1997)', () => {
  it.each(PUBLISHED_CREDIT_CODES.map((c) => c.slice(8, 17)))('organization code %s', (orgCode) => {
    expect(orgCodeCheckChar(orgCode.slice(0, 8))).toBe(orgCode.charAt(8));
  });

  it("writes C9 = 10 as 'X' and C9 = 11 as '0'", () => {
    // '40000000': Σ = 4·3 = 12 ≡ 1 (mod 11), C9 = 11 − 1 = 10.
    expect(orgCodeCheckChar('40000000')).toBe('X');
    // '00000000': Σ = 0, C9 = 11.
    expect(orgCodeCheckChar('00000000')).toBe('0');
    // '00000001': Σ = 1·2 = 2, C9 = 9.
    expect(orgCodeCheckChar('00000001')).toBe('9');
  });

  it('rejects malformed bodies', () => {
    expect(() => orgCodeCheckChar('1234567')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('1234567a')).toThrow(RangeError);
  });
});
