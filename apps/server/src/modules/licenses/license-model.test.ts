import { describe, expect, it } from 'vitest';
import { canonicalJson, documentBytes, statusOf, termEnd, validateFieldValues, validateHolder, validUntilOf, type FieldDef } from './license-model.ts';
import { sealSvg } from './seal-image.ts';

const defs: FieldDef[] = [
  { name: 'no', label: '编号', type: 'string', required: true, onFace: true, sensitivity: 1, maxLength: 10 },
  { name: 'on', label: '登记日期', type: 'date', required: true, onFace: true, sensitivity: 1 },
  { name: 'area', label: '面积', type: 'number', required: false, onFace: true, sensitivity: 2 },
  { name: 'kind', label: '类型', type: 'enum', required: true, onFace: true, sensitivity: 1, options: ['甲', '乙'] },
];

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units, drops undefined and writes no whitespace (RFC 8785 for these values)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, 中: '文', A: { z: 1.5, y: -0 } })).toBe('{"A":{"y":0,"z":1.5},"a":[true,null,"x"],"b":1,"中":"文"}');
    expect(canonicalJson({ e: 1e21, f: 0.1, g: 'line\n"q"' })).toBe('{"e":1e+21,"f":0.1,"g":"line\\n\\"q\\""}');
  });

  it('refuses values that have no canonical form', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(RangeError);
    expect(() => canonicalJson({ x: () => 1 })).toThrow(TypeError);
  });

  it('changes the signed bytes when any field of the license changes', () => {
    const row = {
      identifier: 'X', version: 1, type_code: 'T', type_name: '营业执照', issuer_code: 'I', issuer_name: '市场监管局', holder_type: 'entity' as const,
      holder_id: 'H', holder_name: '某公司', fields: { a: '1' }, issued_on: '2026-01-01', valid_from: '2026-01-01', valid_until: null,
    };
    const base = documentBytes(row).toString();
    expect(base).toContain('"holder":{"id":"H","name":"某公司","type":"001"}');
    expect(documentBytes({ ...row, fields: { a: '2' } }).toString()).not.toBe(base);
    expect(documentBytes({ ...row, valid_until: '2030-01-01' }).toString()).not.toBe(base);
  });
});

describe('validity', () => {
  it('ends a term on the day before the corresponding day, or the last day of a shorter month', () => {
    expect(termEnd('2024-01-01', 12)).toBe('2024-12-31');
    expect(termEnd('2024-02-29', 12)).toBe('2025-02-28');
    expect(termEnd('2024-01-31', 1)).toBe('2024-02-29');
    expect(termEnd('2024-03-01', 1)).toBe('2024-03-31');
    expect(termEnd('2024-03-31', 1)).toBe('2024-04-30');
    expect(termEnd('2015-03-01', 60)).toBe('2020-02-29');
  });

  it('computes the last valid day from the rule', () => {
    expect(validUntilOf({ kind: 'permanent' }, '2026-01-01')).toBeNull();
    expect(validUntilOf({ kind: 'until', until: '2027-06-30' }, '2026-01-01')).toBe('2027-06-30');
    expect(validUntilOf({ kind: 'term', years: 1, months: 6 }, '2026-01-01')).toBe('2027-06-30');
  });

  it('derives the status from the dates at query time; revocation and replacement win over dates', () => {
    const row = { state: 'active' as const, valid_from: '2020-01-01', valid_until: '2024-12-31', ended_on: null, superseded_at: null };
    expect(statusOf(row, '2024-12-31')).toEqual({ code: 'valid', label: '有效', since: '2020-01-01' });
    expect(statusOf(row, '2025-01-01')).toEqual({ code: 'expired', label: '已过期', since: '2025-01-01' });
    expect(statusOf(row, '2019-12-31').code).toBe('not_yet_valid');
    expect(statusOf({ ...row, state: 'revoked', ended_on: '2023-05-06' }, '2025-06-01')).toEqual({ code: 'revoked', label: '已吊销', since: '2023-05-06' });
    expect(statusOf({ ...row, state: 'superseded', superseded_at: new Date('2023-05-06T17:00:00Z') }, '2023-06-01')).toMatchObject({ code: 'superseded', since: '2023-05-07' });
  });
});

describe('field values', () => {
  it('lists every problem at once: missing, wrong type, bad date, unknown value, unknown field, too long', () => {
    const { problems } = validateFieldValues(defs, { no: '12345678901', on: '2026-02-30', area: '12', kind: '丙', extra: 1 }, 'body.fields');
    expect(problems.map((p) => p.path).sort()).toEqual(['body.fields.area', 'body.fields.extra', 'body.fields.kind', 'body.fields.no', 'body.fields.on']);
    expect(validateFieldValues(defs, {}, 'f').problems.map((p) => p.path)).toEqual(['f.no', 'f.on', 'f.kind']);
  });

  it('trims strings, drops empty optional values and refuses control characters and lone surrogates', () => {
    expect(validateFieldValues(defs, { no: ' A1 ', on: '2026-02-28', area: null, kind: '甲' }, 'f')).toEqual({ problems: [], clean: { no: 'A1', on: '2026-02-28', kind: '甲' } });
    expect(validateFieldValues(defs, { no: 'a\u0000b', on: '2026-02-28', kind: '甲' }, 'f').problems).toHaveLength(1);
    expect(validateFieldValues(defs, { no: 'a\ud800', on: '2026-02-28', kind: '甲' }, 'f').problems).toHaveLength(1);
    expect(validateFieldValues(defs, { no: '𠮷', on: '2026-02-28', kind: '甲' }, 'f').problems).toHaveLength(0);
  });

  it('checks holders with GB 11643 and GB 32100', () => {
    expect(validateHolder('citizen', '441502199005010011', '张三', 'body', '2026-06-01').problems[0]?.message).toContain('公民身份号码不正确');
    expect(validateHolder('entity', '91441500MA4UH5L2X1', ' ', 'body', '2026-06-01').problems.map((p) => p.path)).toEqual(['body.holderId', 'body.holderName']);
  });
});

describe('seal picture', () => {
  it('is a red round SVG with the name along the arc, a star and escaped text', () => {
    const svg = sealSvg('汕尾市<市场>监督管理局');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<textPath href="#arc"');
    expect(svg).toContain('汕尾市&lt;市场&gt;监督管理局');
    expect(svg).toContain('<polygon points=');
    expect(svg).toContain('电子证照专用章');
  });
});
