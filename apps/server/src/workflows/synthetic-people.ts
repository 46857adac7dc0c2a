import { createRng, randomCreditCode, randomIdNumber, type Rng } from '@shuzheng/standards';

// Synthetic but standard-valid people and enterprises for the demo city and the benchmarks.
// Deterministic: the same seed and count always give the same rows.

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕鹏辉建国文斌志宇浩婷雪琳晨欣怡梓涵子轩俊杰佳颖思远嘉豪海峰丹凤振宏晓东春梅秋菊冬梅'];
const ROADS = ['人民路', '中山路', '解放路', '建设路', '新华路', '朝阳路', '滨海大道', '红海大道', '香洲路', '海汕路', '环城路', '东风路'];
const TRADE_NAMES = [...'兴华盛达隆昌泰福源恒通宏信瑞丰嘉和鑫诚海晨汕联创新星辰远航蓝湾金沙'];
const INDUSTRIES = ['贸易', '科技', '渔业', '食品', '建筑工程', '物流', '电子', '海产品加工', '旅游开发', '商贸', '医药', '新能源', '服装', '文化传媒'];
const ENTITY_FORMS = [
  { suffix: '有限公司', type: '有限责任公司', weight: 8 },
  { suffix: '股份有限公司', type: '股份有限公司', weight: 1 },
  { suffix: '（个体工商户）', type: '个体工商户', weight: 3 },
];

export interface SyntheticPerson {
  idNumber: string;
  name: string;
  gender: '1' | '2';
  birthDate: string;
  divisionCode: string;
  phone: string;
  address: string;
}

export interface SyntheticEntity {
  creditCode: string;
  name: string;
  entityType: string;
  legalRepresentative: string;
  divisionCode: string;
  establishedOn: string;
  address: string;
}

export interface Area {
  code: string;
  /** e.g. 汕尾市海丰县 */
  fullName: string;
  towns: string[];
}

const pickName = (rng: Rng) => {
  const surname = rng.next() < 0.01 ? rng.pick(COMPOUND_SURNAMES) : rng.pick(SURNAMES);
  const given = rng.pick(GIVEN) + (rng.next() < 0.7 ? rng.pick(GIVEN) : '');
  return surname + given;
};

const address = (rng: Rng, area: Area) =>
  `${area.fullName}${area.towns.length ? rng.pick(area.towns) : ''}${rng.pick(ROADS)}${rng.int(1, 399)}号`;

/** Yields `count` distinct natural persons registered in the given areas (GB 11643-valid ID numbers). */
export function* syntheticPeople(seed: number, count: number, areas: Area[], today = '2026-01-01'): Generator<SyntheticPerson> {
  const rng = createRng(seed);
  const seen = new Set<string>();
  const divisionCodes = areas.map((a) => a.code);
  const byCode = new Map(areas.map((a) => [a.code, a]));
  while (seen.size < count) {
    const idNumber = randomIdNumber(rng, { divisionCodes, minYear: 1936, maxYear: 2024, today });
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    const divisionCode = idNumber.slice(0, 6);
    yield {
      idNumber,
      name: pickName(rng),
      gender: Number(idNumber[16]) % 2 === 1 ? '1' : '2',
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      divisionCode,
      phone: `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      address: address(rng, byCode.get(divisionCode)!),
    };
  }
}

/** Yields `count` distinct legal entities registered by market regulators in the given areas (GB 32100-valid codes). */
export function* syntheticEntities(seed: number, count: number, areas: Area[]): Generator<SyntheticEntity> {
  const rng = createRng(seed);
  const seen = new Set<string>();
  const names = new Set<string>();
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const cityName = areas[0]?.fullName.slice(0, 3) ?? '';
  const totalWeight = ENTITY_FORMS.reduce((s, f) => s + f.weight, 0);
  while (seen.size < count) {
    const creditCode = randomCreditCode(rng, { divisionCodes: areas.map((a) => a.code), authority: '9', orgType: rng.next() < 0.8 ? '1' : '2' });
    if (seen.has(creditCode)) continue;
    let roll = rng.int(1, totalWeight);
    const form = ENTITY_FORMS.find((f) => (roll -= f.weight) <= 0)!;
    const base = `${cityName}${rng.pick(TRADE_NAMES)}${rng.pick(TRADE_NAMES)}${rng.pick(INDUSTRIES)}`;
    let name = `${base}${form.suffix}`;
    for (let n = 2; names.has(name); n++) name = `${base}${n}${form.suffix}`;
    seen.add(creditCode);
    names.add(name);
    const area = byCode.get(creditCode.slice(2, 8))!;
    yield {
      creditCode,
      name,
      entityType: form.type,
      legalRepresentative: pickName(rng),
      divisionCode: area.code,
      establishedOn: `${rng.int(1995, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      address: address(rng, area),
    };
  }
}
