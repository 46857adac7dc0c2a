import type { Client } from '../../../test/helpers.ts';

// Shared fixtures of the catalog route tests: a department's information system and a complete, valid entry.

let counter = 0;
/** A name unique within the test file, so tests sharing one database do not collide. */
export const unique = (base: string) => `${base}${++counter}`;

export async function createSystem(client: Client, name = unique('人口信息管理系统')): Promise<string> {
  const res = await client.post('/api/v1/catalog/systems', {
    name, purpose: '户籍登记与常住人口信息管理', deployment: 'gov_cloud', network: 'extranet', status: 'running', contactName: '黄数据', contactPhone: '0660-3300001',
  });
  if (res.statusCode !== 201) throw new Error(`system: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export const personItems = () => [
  { name: '公民身份号码', codeName: 'id_number', dataType: 'string', length: 18, description: 'GB 11643', sensitivity: 'sensitive_personal', authoritative: false },
  { name: '姓名', codeName: 'person_name', dataType: 'string', length: 50, sensitivity: 'personal' },
  { name: '性别', codeName: 'gender', dataType: 'string', length: 1, codeTable: 'GB/T 2261.1-2003 性别代码', sensitivity: 'personal' },
  { name: '出生日期', codeName: 'birth_date', dataType: 'date', sensitivity: 'personal' },
  { name: '户籍地址', codeName: 'domicile', dataType: 'string', length: 200, sensitivity: 'personal' },
];

/** Everything the machine checks require, for a basic/人口 entry. */
export function entryBody(systemId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: unique('常住人口基本信息'),
    category: 'basic',
    subcategory: '01',
    summary: '本市常住人口的身份、户籍与出生等基本信息，由户籍登记业务产生，每日更新。',
    keywords: ['人口', '户籍', '常住人口'],
    systemId,
    formatClass: 'database',
    formatType: 'PostgreSQL',
    shareType: 'conditional',
    shareCondition: '用于政务服务办理时的身份核验',
    shareMethod: 'platform',
    shareChannels: ['api'],
    openType: 'none',
    updateFrequency: 'daily',
    grade: 'general',
    sensitivityLevel: 3,
    dutyText: '户籍管理（三定规定第三条）',
    dutyListRef: 'GAJ-ZZ-005',
    recordCount: 2850000,
    contactName: '黄数据',
    contactPhone: '0660-3300001',
    items: personItems(),
    ...overrides,
  };
}

/** Creates an entry as the steward and returns its id. */
export async function createEntry(client: Client, body: Record<string, unknown>): Promise<string> {
  const res = await client.post('/api/v1/catalog/entries', body);
  if (res.statusCode !== 201) throw new Error(`entry: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Creates, submits and approves an entry; returns its id. */
export async function publishEntry(steward: Client, reviewer: Client, body: Record<string, unknown>): Promise<string> {
  const id = await createEntry(steward, body);
  const submitted = await steward.post(`/api/v1/catalog/entries/${id}/submissions`);
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.statusCode} ${submitted.body}`);
  const approved = await reviewer.post(`/api/v1/catalog/entries/${id}/reviews`, { decision: 'approve' });
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  return id;
}
