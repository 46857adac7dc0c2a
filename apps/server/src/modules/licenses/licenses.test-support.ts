import { generateCreditCode, generateIdNumber } from '@shuzheng/standards';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { seedDemoLicenses } from '../../workflows/seed-demo-licenses.ts';

// Shared fixtures of the licenses route tests: a test city with the demo license catalog and seals, clients that
// remember every response body (to prove no private key ever leaves), and valid holder codes.

export const L = '/api/v1/licenses';

export interface LicensesTestApp {
  t: TestApp;
  /** Every response body any client below received, in order. */
  bodies: string[];
  login(username: string): Promise<Client>;
  anonymous: Pick<Client, 'get' | 'post' | 'request'>;
}

function recorded<C extends Pick<Client, 'request'>>(client: C, bodies: string[]): C {
  const request: Client['request'] = async (opts) => {
    const res = await client.request(opts);
    bodies.push(res.body);
    return res;
  };
  return {
    ...client,
    request,
    get: (url: string) => request({ method: 'GET', url }),
    post: (url: string, payload?: unknown) => request({ method: 'POST', url, payload: payload as never }),
    patch: (url: string, payload?: unknown) => request({ method: 'PATCH', url, payload: payload as never }),
    put: (url: string, payload?: unknown) => request({ method: 'PUT', url, payload: payload as never }),
    delete: (url: string) => request({ method: 'DELETE', url }),
  };
}

/** A test app with the demo license types and one seal per issuing department. */
export async function createLicensesTestApp(): Promise<LicensesTestApp> {
  const t = await createTestApp();
  await seedDemoLicenses(t.services);
  const bodies: string[] = [];
  return {
    t,
    bodies,
    login: async (username: string) => recorded(await t.login(username), bodies),
    anonymous: recorded(t.anonymous, bodies),
  };
}

/** A valid citizen ID number of the demo city (GB 11643), distinct per n (0–499). */
export const citizenId = (n: number, birthDate = '1990-05-01') => generateIdNumber({ divisionCode: '441502', birthDate, gender: n % 2 ? 'male' : 'female', sequence: n });

/** A valid enterprise credit code of the demo city (GB 32100), distinct per n. */
export const entityCode = (n: number) => generateCreditCode({ authority: '9', orgType: '1', divisionCode: '441500', orgCode: String(30_000_000 + n) });

/** The demo type with this name, from the API. */
export async function typeNamed(client: Client, name: string): Promise<{ id: string; code: string; issuerDepartments: { id: string; name: string }[] }> {
  const res = await client.get(`${L}/types?q=${encodeURIComponent(name)}&pageSize=100`);
  const hit = res.json().items.find((i: { name: string }) => i.name === name);
  if (!hit) throw new Error(`no license type ${name}: ${res.body}`);
  return hit;
}

export const businessFields = (over: Record<string, unknown> = {}) => ({
  entityType: '有限责任公司', legalRepresentative: '林晓峰', registeredCapital: '100万元人民币', establishedOn: '2021-06-18',
  businessTerm: '长期', address: '汕尾市城区香洲街道汕尾大道 88 号', businessScope: '软件开发；信息技术咨询服务', ...over,
});

export const marriageFields = (over: Record<string, unknown> = {}) => ({
  certificateNo: 'J441502-2026-000128', registeredOn: '2026-05-20', spouseName: '陈美玲', spouseIdNumber: citizenId(401, '1992-08-08'), ...over,
});

export const foodFields = (over: Record<string, unknown> = {}) => ({
  licenseNumber: 'JY14415020012345', legalRepresentative: '黄海', premises: '汕尾市城区新港街道海滨路 12 号', mainBusiness: '餐饮服务经营者', businessItems: '热食类食品制售', ...over,
});
