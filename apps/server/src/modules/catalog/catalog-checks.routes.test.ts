import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { createEntry, createSystem, entryBody, personItems, publishEntry, unique } from './catalog.test-support.ts';

let t: TestApp;
let steward: Client;
let mzj: Client;
let reviewer: Client;
let systemId: string;
let mzjSystemId: string;

beforeAll(async () => {
  t = await createTestApp();
  steward = await t.login('gaj_steward');
  mzj = await t.login('mzj_steward');
  reviewer = await t.login('reviewer');
  systemId = await createSystem(steward);
  mzjSystemId = await createSystem(mzj, '民政业务综合系统');
});
afterAll(async () => {
  await t?.close();
});

const E = '/api/v1/catalog/entries';
type Problem = { code: string; severity: string; path: string; message: string };

async function checks(client: Client, body: Record<string, unknown>) {
  const id = await createEntry(client, body);
  const res = await client.post(`${E}/${id}/checks`);
  expect(res.statusCode).toBe(200);
  return { id, result: res.json() as { passed: boolean; errorCount: number; warningCount: number; problems: Problem[] } };
}
const codes = (problems: Problem[]) => problems.map((p) => `${p.code}@${p.path}`);

describe('machine checks', () => {
  it('passes a complete entry with no problems', async () => {
    const { result } = await checks(steward, entryBody(systemId));
    expect(result).toMatchObject({ passed: true, errorCount: 0, warningCount: 0, problems: [] });
  });

  it('lists every missing required field at once, and submission refuses with the same list as field errors', async () => {
    const { id, result } = await checks(steward, { name: unique('未完成的目录'), category: 'department', subcategory: '01', shareType: 'conditional', openType: 'conditional', items: [{ name: '单位名称', codeName: 'org_name', dataType: 'string' }] });
    expect(result.passed).toBe(false);
    const paths = result.problems.filter((p) => p.code === 'REQUIRED_MISSING').map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([
      'summary', 'keywords', 'systemId', 'formatClass', 'formatType', 'shareMethod', 'updateFrequency', 'grade', 'dutyText', 'contactName',
      'contactPhone', 'shareCondition', 'openCondition', 'items.0.length',
    ]));
    const submit = await steward.post(`${E}/${id}/submissions`);
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error.code).toBe('CATALOG_CHECKS_FAILED');
    expect(submit.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['body.summary', 'body.items.0.length']));
    expect((await steward.get(`${E}/${id}`)).json().status).toBe('draft');
  });

  it('checks code rules on related resource codes (malformed: error; unknown: warning only)', async () => {
    const { result } = await checks(steward, entryBody(systemId, { relatedCodes: ['12-AB', '101999000001'] }));
    expect(codes(result.problems)).toEqual(['CODE_RULE@relatedCodes.0', 'RELATED_CODE_UNKNOWN@relatedCodes.1']);
    expect(result.problems[1]!.severity).toBe('warning');
    const { id } = await checks(steward, entryBody(systemId, { relatedCodes: ['101999000001'] }));
    expect((await steward.post(`${E}/${id}/submissions`)).statusCode).toBe(200);
  });

  it('refuses 不予共享 without a legal basis', async () => {
    const { result } = await checks(steward, entryBody(systemId, { shareType: 'none', shareCondition: null, noShareBasisType: 'law' }));
    expect(codes(result.problems)).toEqual(['NO_SHARE_BASIS@noShareBasisText']);
    const fixed = await checks(steward, entryBody(systemId, { shareType: 'none', noShareBasisType: 'law', noShareBasisText: '《中华人民共和国居民身份证法》第六条' }));
    expect(fixed.result.passed).toBe(true);
  });

  it('refuses a data item looser than its entry (share and open order 不予 < 有条件 < 无条件)', async () => {
    const items = personItems();
    items[1] = { ...items[1]!, shareType: 'unconditional' } as never;
    items[2] = { ...items[2]!, shareType: 'none', openType: 'conditional' } as never;
    const { result } = await checks(steward, entryBody(systemId, { items }));
    expect(codes(result.problems)).toEqual(['ITEM_LOOSER_THAN_ENTRY@items.1.shareType', 'ITEM_LOOSER_THAN_ENTRY@items.2.openType']);
  });

  it('refuses personal information opened unconditionally', async () => {
    const { result } = await checks(steward, entryBody(systemId, { openType: 'unconditional' }));
    expect(result.problems.every((p) => p.code === 'SENSITIVE_ITEM_OPEN')).toBe(true);
    expect(result.problems).toHaveLength(5);
  });

  it('checks the sensitivity level against the grade, and the format type against its class', async () => {
    const { result } = await checks(steward, entryBody(systemId, { sensitivityLevel: null, formatType: 'xlsx' }));
    expect(codes(result.problems)).toEqual(['GRADE_LEVEL@sensitivityLevel', 'FORMAT_TYPE@formatType']);
    const core = await checks(steward, entryBody(systemId, { grade: 'core', sensitivityLevel: 2 }));
    expect(codes(core.result.problems)).toEqual(['GRADE_LEVEL@sensitivityLevel']);
  });

  it('refuses a retired source system', async () => {
    const retired = await createSystem(steward);
    const { id } = await checks(steward, entryBody(retired));
    await steward.patch(`/api/v1/catalog/systems/${retired}`, { status: 'retired' });
    const res = (await steward.post(`${E}/${id}/checks`)).json();
    expect(codes(res.problems)).toEqual(['SYSTEM_INVALID@systemId']);
  });

  it('refuses duplicate data items', async () => {
    const { result } = await checks(steward, entryBody(systemId, { items: [...personItems(), { name: '公民身份号码', codeName: 'id_number', dataType: 'string', length: 18 }] }));
    expect(codes(result.problems)).toEqual(['ITEM_DUPLICATE@items.5.name', 'ITEM_DUPLICATE@items.5.codeName']);
  });

  it('refuses a second entry with the same name in the department, but not in another department', async () => {
    const name = unique('流动人口登记信息');
    await createEntry(steward, entryBody(systemId, { name }));
    const { result } = await checks(steward, entryBody(systemId, { name }));
    expect(codes(result.problems)).toEqual(['DUPLICATE_NAME@name']);
    const other = await checks(mzj, entryBody(mzjSystemId, { name, items: [{ name: '登记编号', codeName: 'reg_no', dataType: 'string', length: 20 }] }));
    expect(other.result.passed).toBe(true);
  });

  it('refuses classified (涉密) resources', async () => {
    const { result } = await checks(steward, entryBody(systemId, { classified: true }));
    expect(codes(result.problems)).toEqual(['CLASSIFIED_REFUSED@classified']);
  });

  it('flags an authoritative-source (一数一源) conflict with another department, and re-checks at approval', async () => {
    const items = () => [{ name: '婚姻登记证号', codeName: 'marriage_cert_no', dataType: 'string', length: 30, authoritative: true }, { name: '登记日期', codeName: 'reg_date', dataType: 'date' }];
    // both departments submit a claim; the first approval wins, the second is refused at approval
    const gajId = await createEntry(steward, entryBody(systemId, { name: unique('婚姻状况核验'), items: items() }));
    const mzjId = await createEntry(mzj, entryBody(mzjSystemId, { name: unique('婚姻登记信息'), items: items() }));
    expect((await steward.post(`${E}/${gajId}/submissions`)).statusCode).toBe(200);
    expect((await mzj.post(`${E}/${mzjId}/submissions`)).statusCode).toBe(200);
    expect((await reviewer.post(`${E}/${gajId}/reviews`, { decision: 'approve' })).statusCode).toBe(200);
    const second = await reviewer.post(`${E}/${mzjId}/reviews`, { decision: 'approve' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('CATALOG_CHECKS_FAILED');
    const problem = second.json().error.details.problems.find((p: Problem) => p.code === 'AUTHORITATIVE_CONFLICT');
    expect(problem).toMatchObject({ path: 'items.0.authoritative' });
    expect(problem.message).toContain('汕尾市公安局');
    expect((await mzj.get(`${E}/${mzjId}`)).json().status).toBe('submitted');
  });

  it('warns of a likely duplicate collection (same data items as another department\'s entry) without blocking', async () => {
    const items = [
      { name: '低保对象姓名', codeName: 'holder_name', dataType: 'string', length: 50, sensitivity: 'personal' },
      { name: '低保证号', codeName: 'cert_no', dataType: 'string', length: 30 },
      { name: '保障人数', codeName: 'members', dataType: 'integer' },
      { name: '月保障金额', codeName: 'amount', dataType: 'decimal', length: 12 },
      { name: '所属街道', codeName: 'street', dataType: 'string', length: 50 },
    ];
    await publishEntry(mzj, reviewer, entryBody(mzjSystemId, { name: unique('最低生活保障对象'), category: 'theme', subcategory: '03', items }));
    const copy = [...items.slice(0, 4).map((i) => ({ ...i, codeName: `x_${i.codeName}` })), { name: '所属街道', codeName: 'x_street', dataType: 'string', length: 50 }];
    const { id, result } = await checks(steward, entryBody(systemId, { name: unique('低保人员信息'), items: copy }));
    expect(result).toMatchObject({ passed: true, warningCount: 1 });
    expect(result.problems[0]).toMatchObject({ code: 'LIKELY_DUPLICATE', severity: 'warning', path: 'items' });
    expect(result.problems[0]!.message).toContain('疑似重复采集');
    expect(result.problems[0]!.message).toContain('100%');
    expect((await steward.post(`${E}/${id}/submissions`)).statusCode).toBe(200);
    // 3 of 6 distinct names shared: Jaccard 0.5, no warning
    const partial = await checks(steward, entryBody(systemId, { name: unique('街道人口'), items: [...copy.slice(0, 3), { name: '甲', codeName: 'a', dataType: 'date' }, { name: '乙', codeName: 'b', dataType: 'date' }, { name: '丙', codeName: 'c', dataType: 'date' }] }));
    expect(partial.result.problems.filter((p) => p.code === 'LIKELY_DUPLICATE')).toEqual([]);
  });
});
