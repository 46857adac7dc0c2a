import { describe, expect, it } from 'vitest';
import {
  childDivisions,
  divisionFullName,
  divisionPath,
  getDivision,
  isKnownDivision,
  type Division,
} from './divisions.ts';

const names = (divisions: Division[]): string[] => divisions.map((d) => d.name);

function allDivisions(parentCode: string | null = null): Division[] {
  return childDivisions(parentCode).flatMap((d) => [d, ...allDivisions(d.code)]);
}

describe('getDivision', () => {
  it('derives level and parent from the code', () => {
    expect(getDivision('440000')).toEqual({ code: '440000', name: '广东省', level: 'province', parentCode: null });
    expect(getDivision('441500')).toEqual({ code: '441500', name: '汕尾市', level: 'city', parentCode: '440000' });
    expect(getDivision('441521')).toEqual({ code: '441521', name: '海丰县', level: 'county', parentCode: '441500' });
    expect(getDivision('441521115')).toEqual({ code: '441521115', name: '海城镇', level: 'town', parentCode: '441521' });
  });

  it('hangs counties of municipalities and 省直辖县级行政区划 on the province', () => {
    expect(getDivision('110105')).toMatchObject({ name: '朝阳区', parentCode: '110000' });
    expect(getDivision('500229')).toMatchObject({ name: '城口县', parentCode: '500000' });
    expect(getDivision('469001')).toMatchObject({ name: '五指山市', level: 'county', parentCode: '460000' });
    expect(getDivision('419001')).toMatchObject({ name: '济源市', level: 'county', parentCode: '410000' });
    for (const summary of ['110100', '120100', '310100', '500100', '500200', '419000', '429000', '469000', '659000']) {
      expect(getDivision(summary)).toBeUndefined();
    }
  });

  it('leaves out statistical development zones and pseudo-counties', () => {
    expect(getDivision('130171')).toBeUndefined(); // 石家庄高新技术产业开发区
    expect(getDivision('320576')).toBeUndefined(); // 苏州工业园区
    expect(getDivision('441900')).toMatchObject({ name: '东莞市', level: 'city' });
    expect(childDivisions('441900')).toEqual([]);
    expect(getDivision('620201')).toBeUndefined();
  });

  it('includes Taiwan, Hong Kong and Macao at provincial level (GB/T 2260)', () => {
    expect(names(['710000', '810000', '820000'].map((c) => getDivision(c) as Division))).toEqual([
      '台湾省',
      '香港特别行政区',
      '澳门特别行政区',
    ]);
  });
});

describe('divisionPath and divisionFullName', () => {
  it('runs from the province down to a town of 汕尾', () => {
    expect(names(divisionPath('441581102'))).toEqual(['广东省', '汕尾市', '陆丰市', '碣石镇']);
    expect(divisionFullName('441521115')).toBe('广东省汕尾市海丰县海城镇');
    expect(divisionFullName('441521')).toBe('广东省汕尾市海丰县');
  });

  it('skips the 市辖区 placeholder of municipalities', () => {
    expect(names(divisionPath('110101'))).toEqual(['北京市', '东城区']);
    expect(divisionFullName('310115')).toBe('上海市浦东新区');
  });

  it('is empty or undefined for unknown codes', () => {
    expect(divisionPath('999999')).toEqual([]);
    expect(divisionFullName('441521999')).toBeUndefined();
    expect(divisionPath('')).toEqual([]);
  });
});

describe('childDivisions', () => {
  it('lists the 34 provincial-level divisions', () => {
    const provinces = childDivisions(null);
    expect(provinces).toHaveLength(34);
    expect(provinces[0]?.name).toBe('北京市');
    expect(provinces.every((d) => d.level === 'province')).toBe(true);
  });

  it('lists the counties of 汕尾 and the towns of 陆河县', () => {
    expect(names(childDivisions('441500'))).toEqual(['城区', '海丰县', '陆河县', '陆丰市']);
    expect(names(childDivisions('441523'))).toEqual([
      '河田镇',
      '水唇镇',
      '河口镇',
      '新田镇',
      '上护镇',
      '螺溪镇',
      '东坑镇',
      '南万镇',
    ]);
  });

  it('lists the 16 districts of Beijing directly under the municipality', () => {
    const districts = childDivisions('110000');
    expect(districts).toHaveLength(16);
    expect(districts.every((d) => d.level === 'county')).toBe(true);
  });

  it('returns a copy', () => {
    childDivisions('441500').pop();
    expect(childDivisions('441500')).toHaveLength(4);
  });
});

describe('the table as a whole', () => {
  const all = allDivisions();

  it('reaches every division from the provinces, with consistent parents', () => {
    expect(all.length).toBeGreaterThan(3200);
    for (const d of all) {
      const path = divisionPath(d.code);
      expect(path[0]?.level).toBe('province');
      expect(path.at(-1)).toBe(d);
      if (d.parentCode !== null) expect(d.code.startsWith(d.parentCode.replace(/0+$/, ''))).toBe(true);
    }
  });

  it('has the 333 prefecture-level divisions, and towns only for 汕尾', () => {
    expect(all.filter((d) => d.level === 'city')).toHaveLength(333);
    const towns = all.filter((d) => d.level === 'town');
    expect(towns.length).toBeGreaterThan(50);
    expect(towns.every((d) => d.code.startsWith('4415'))).toBe(true);
  });

  it('isKnownDivision matches getDivision', () => {
    expect(isKnownDivision('441502')).toBe(true);
    expect(isKnownDivision('441502001')).toBe(true);
    expect(isKnownDivision('441599')).toBe(false);
  });
});
