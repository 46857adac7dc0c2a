import { describe, expect, it } from 'vitest';
import {
  FULL_MASK,
  maskAddress,
  maskBankCard,
  maskCreditCode,
  maskIdNumber,
  maskName,
  maskPhone,
  maskValue,
  type MaskKind,
} from './masking.ts';

describe('maskIdNumber', () => {
  it('keeps 6 + 4 (low) or 1 + 1 (high) characters', () => {
    expect(maskIdNumber('44152119900101123X')).toBe('441521********123X');
    expect(maskIdNumber('44152119900101123X', 'high')).toBe('4****************X');
  });

  it('masks short or empty input entirely', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('4415211990')).toBe('**********');
    expect(maskIdNumber('12', 'high')).toBe('**');
    expect(maskIdNumber('123', 'high')).toBe('1*3');
  });
});

describe('maskPhone', () => {
  it('keeps 3 + 4 digits of an 11-digit number (low) or the last 4 (high)', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('13812345678', 'high')).toBe('*******5678');
  });

  it('keeps separators and a +86 prefix in place', () => {
    expect(maskPhone('+86 138 1234 5678')).toBe('+86 138 **** 5678');
    expect(maskPhone('0660-3366123')).toBe('066*-***6123');
    expect(maskPhone('3366123')).toBe('***6123');
  });

  it('masks short or empty input entirely', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone('1234')).toBe('****');
  });
});

describe('maskName', () => {
  it('keeps the surname, one star per hidden character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('司马相如')).toBe('司马**');
  });

  it('treats a two-character name as surname + given name', () => {
    expect(maskName('欧阳')).toBe('欧*');
  });

  it('keeps only the first character at high grade', () => {
    expect(maskName('欧阳娜娜', 'high')).toBe('欧***');
    expect(maskName('张三', 'high')).toBe('张*');
  });

  it('keeps the middle dot of transliterated names', () => {
    expect(maskName('阿依古丽·买买提')).toBe('阿***·***');
  });

  it('counts characters outside the BMP and variation sequences as one', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**'); // U+20BB7 is a surrogate pair in UTF-16
    expect(maskName('王𠮷')).toBe('王*');
    expect(maskName('葛\u{E0100}亮')).toBe('葛\u{E0100}*'); // ideographic variation sequence
  });

  it('treats as one grapheme per unit only what Intl.Segmenter (ICU, UAX #29) also splits that way', () => {
    // The fast path's ranges, every code point, each followed by every kind of neighbour in the ranges.
    const ranges: [number, number][] = [[0x20, 0x7e], [0xb7, 0xb7], [0x2010, 0x2027], [0x3000, 0x3029], [0x3030, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xff01, 0xff60]];
    const text = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i))).join('');
    const segments = Array.from(new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(text), (x) => x.segment);
    expect(segments.length).toBe(text.length);
    // Just outside them, combining marks stay with their base character.
    expect(maskName('张\u0301三丰')).toBe('张\u0301**');
    expect(maskName('李\u302a四')).toBe('李\u302a*');
  });

  it('masks a one-character or empty name entirely', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });
});

describe('maskAddress', () => {
  it('keeps divisions down to the town (low) or the county (high)', () => {
    const address = '广东省汕尾市海丰县海城镇二环路123号3栋502房';
    expect(maskAddress(address)).toBe('广东省汕尾市海丰县海城镇****');
    expect(maskAddress(address, 'high')).toBe('广东省汕尾市海丰县****');
  });

  it('recognizes addresses that omit upper levels', () => {
    expect(maskAddress('汕尾市城区香洲街道汕尾大道1号')).toBe('汕尾市城区香洲街道****');
    expect(maskAddress('陆丰市碣石镇新饶村')).toBe('陆丰市碣石镇****');
  });

  it('recognizes towns outside the table by their 街道/镇/乡 suffix', () => {
    expect(maskAddress('北京市朝阳区建国门外街道建国路88号')).toBe('北京市朝阳区建国门外街道****');
    expect(maskAddress('北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
    expect(maskAddress('北京市朝阳区建国路88号', 'high')).toBe('北京市朝阳区****');
  });

  it('masks everything when no division is recognized, and nothing when only divisions are given', () => {
    expect(maskAddress('幸福小区5栋502')).toBe('****');
    expect(maskAddress('广东省汕尾市')).toBe('广东省汕尾市');
    expect(maskAddress('')).toBe('');
  });
});

describe('maskBankCard', () => {
  it('keeps 6 + 4 (low) or the last 4 digits (high), separators in place', () => {
    expect(maskBankCard('6222021234567890123')).toBe('622202*********0123');
    expect(maskBankCard('6222 0212 3456 7890 123')).toBe('6222 02** **** ***0 123');
    expect(maskBankCard('6222021234567890123', 'high')).toBe('***************0123');
    expect(maskBankCard('622202')).toBe('******');
  });
});

describe('maskCreditCode', () => {
  it('keeps 8 + 2 (low) or the first 2 characters (high)', () => {
    expect(maskCreditCode('91350100M000100Y43')).toBe('91350100********43');
    expect(maskCreditCode('91350100M000100Y43', 'high')).toBe('91****************');
    expect(maskCreditCode('')).toBe('');
  });
});

describe('maskValue', () => {
  it('maps sensitivity levels to grades', () => {
    expect(maskValue('phone', '13812345678', 1)).toBe('13812345678');
    expect(maskValue('phone', '13812345678', 2)).toBe('138****5678');
    expect(maskValue('phone', '13812345678', 3)).toBe('*******5678');
    expect(maskValue('phone', '13812345678', 4)).toBe(FULL_MASK);
    expect(maskValue('name', '欧阳娜娜', 4)).toBe('******');
  });

  it('keeps empty values empty at every level', () => {
    for (const level of [1, 2, 3, 4] as const) expect(maskValue('idNumber', '', level)).toBe('');
  });

  it('dispatches every kind', () => {
    const samples: Record<MaskKind, string> = {
      idNumber: '44152119900101123X',
      phone: '13812345678',
      name: '张三',
      address: '广东省汕尾市海丰县海城镇二环路1号',
      bankCard: '6222021234567890123',
      creditCode: '91350100M000100Y43',
    };
    for (const [kind, value] of Object.entries(samples) as [MaskKind, string][]) {
      expect(maskValue(kind, value, 2)).not.toBe(value);
      expect(maskValue(kind, value, 2)).toContain('*');
    }
  });

  it('rejects levels outside 1–4', () => {
    expect(() => maskValue('name', '张三', 5 as never)).toThrow(RangeError);
  });
});
