import { describe, expect, it } from 'vitest';
import {
  InvalidIdNumberError,
  generateIdNumber,
  parseIdNumber,
  randomIdNumber,
  validateIdNumber,
} from './id-number.ts';
import { createRng } from './rng.ts';

const TODAY = { today: '2026-06-01' };

// GB 11643-1999 check character by the standard's weight table, independent of mod11_2.
function checkChar(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0);
  return '10X98765432'.charAt(sum % 11);
}
const withCheck = (body: string): string => body + checkChar(body);

describe('validateIdNumber', () => {
  it('accepts the GB 11643-1999 Appendix A examples', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({
      valid: true,
      idNumber: '11010519491231002X',
      divisionCode: '110105',
      knownDivision: true,
      birthDate: '1949-12-31',
      gender: 'female',
    });
    // 440524 (潮阳县) was abolished long ago: the province is enough.
    expect(validateIdNumber('440524188001010014', TODAY)).toEqual({
      valid: true,
      idNumber: '440524188001010014',
      divisionCode: '440524',
      knownDivision: false,
      birthDate: '1880-01-01',
      gender: 'male',
    });
  });

  it('accepts a lower-case x and normalises it', () => {
    const result = validateIdNumber('11010519491231002x', TODAY);
    expect(result.valid && result.idNumber).toBe('11010519491231002X');
  });

  it.each([
    ['11010519491231002', 'length'],
    ['11010519491231002XX', 'length'],
    ['', 'length'],
    ['1101051949123100AX', 'charset'],
    ['X10105194912310021', 'charset'],
    ['11010519491231002Y', 'charset'],
    [withCheck('99010519491231002'), 'division'],
    [withCheck('11010520230230001'), 'birth_date'],
    [withCheck('11010520231301001'), 'birth_date'],
    [withCheck('11010520300101001'), 'birth_date_future'],
    [withCheck('11010518491231001'), 'birth_date_too_early'],
    ['110105194912310021', 'check_digit'],
    ['11010519491231003X', 'check_digit'],
  ])('%s → %s', (input, reason) => {
    const result = validateIdNumber(input, TODAY);
    expect(result).toMatchObject({ valid: false, reason });
    expect(!result.valid && result.message).toMatch(/\p{Script=Han}/u);
  });

  it('treats the day after `today` as future and `today` itself as valid', () => {
    expect(validateIdNumber(withCheck('11010520260601001'), TODAY).valid).toBe(true);
    expect(validateIdNumber(withCheck('11010520260602001'), TODAY)).toMatchObject({ reason: 'birth_date_future' });
  });

  it('accepts 29 February only in leap years', () => {
    expect(validateIdNumber(withCheck('11010520000229001'), TODAY).valid).toBe(true);
    expect(validateIdNumber(withCheck('11010519000229001'), TODAY)).toMatchObject({ reason: 'birth_date' });
  });
});

describe('parseIdNumber', () => {
  it('returns the details of a valid number', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toMatchObject({ birthDate: '1949-12-31', gender: 'female' });
  });

  it('throws InvalidIdNumberError with the reason', () => {
    expect(() => parseIdNumber('110105194912310021', TODAY)).toThrow(InvalidIdNumberError);
    try {
      parseIdNumber('110105194912310021', TODAY);
    } catch (error) {
      expect(error).toMatchObject({ reason: 'check_digit', message: '校验码错误' });
    }
  });
});

describe('generateIdNumber', () => {
  it('reproduces the GB 11643-1999 Appendix A examples', () => {
    // 002 is the second woman's sequence code (index 1); 001 the first man's (index 0).
    expect(
      generateIdNumber({ divisionCode: '110105', birthDate: '1949-12-31', gender: 'female', sequence: 1 }, TODAY),
    ).toBe('11010519491231002X');
    expect(
      generateIdNumber({ divisionCode: '440524', birthDate: '1880-01-01', gender: 'male', sequence: 0 }, TODAY),
    ).toBe('440524188001010014');
  });

  it.each([
    { divisionCode: '44152', birthDate: '1990-01-01', gender: 'male', sequence: 0 },
    { divisionCode: '441521', birthDate: '1990-02-30', gender: 'male', sequence: 0 },
    { divisionCode: '441521', birthDate: '19900101', gender: 'male', sequence: 0 },
    { divisionCode: '441521', birthDate: '2027-01-01', gender: 'male', sequence: 0 },
    { divisionCode: '991521', birthDate: '1990-01-01', gender: 'male', sequence: 0 },
    { divisionCode: '441521', birthDate: '1990-01-01', gender: 'male', sequence: 500 },
    { divisionCode: '441521', birthDate: '1990-01-01', gender: 'male', sequence: 1.5 },
  ] as const)('rejects %o', (spec) => {
    expect(() => generateIdNumber(spec, TODAY)).toThrow(RangeError);
  });
});

describe('randomIdNumber', () => {
  const options = { divisionCodes: ['441502', '441521', '441523', '441581'], minYear: 1950, maxYear: 2026, ...TODAY };

  it('produces valid numbers within the options, reproducibly', () => {
    const rng = createRng(2026);
    const numbers = Array.from({ length: 300 }, () => randomIdNumber(rng, options));
    const again = createRng(2026);
    expect(numbers.map(() => randomIdNumber(again, options))).toEqual(numbers);
    for (const n of numbers) {
      const result = parseIdNumber(n, TODAY);
      expect(options.divisionCodes).toContain(result.divisionCode);
      expect(result.birthDate >= '1950-01-01' && result.birthDate <= '2026-06-01').toBe(true);
    }
    expect(new Set(numbers.map((n) => parseIdNumber(n, TODAY).gender))).toEqual(new Set(['male', 'female']));
  });

  it('rejects an empty year range', () => {
    expect(() => randomIdNumber(createRng(1), { ...options, minYear: 2027, maxYear: 2030 })).toThrow(RangeError);
    expect(() => randomIdNumber(createRng(1), { ...options, minYear: 2000, maxYear: 1999 })).toThrow(RangeError);
  });
});
