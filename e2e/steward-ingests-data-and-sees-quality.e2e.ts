import { afterAll, beforeAll, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { generateIdNumber } from '../packages/standards/src/index.ts';
import { launchBrowser, logIn, openPage, selectOption, snap, watchConsole } from './browser.ts';

// Issue 4's journey: 公安局's steward uploads a population file with bad rows, watches the job, sees the rejected rows
// with their reasons, then finds the quality run the load triggered (score) and the new 问题数据 in the department's
// to-do list. The load is an upsert, so the demo population the other journeys use stays in place.

const JOURNEY = 'steward-ingests-data-and-sees-quality';
const ENTRY = '常住人口基本信息';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A CSV as a department exports it: Chinese headers (the data items' names), GBK-free UTF-8, CRLF. */
function populationCsv(): { csv: string; gender5: string } {
  const person = (n: number) => {
    const birthDate = `195${n % 10}-0${1 + (n % 9)}-1${n % 10}`;
    return { id: generateIdNumber({ divisionCode: '441502', birthDate, gender: n % 2 ? 'male' : 'female', sequence: 400 + n }), name: `归集测试${n}`, gender: n % 2 ? '1' : '2', birthDate, address: `广东省汕尾市城区新港街道归集路${n}号` };
  };
  const good = Array.from({ length: 8 }, (_, n) => person(n));
  const rows = good.map((p) => [p.id, p.name, p.gender, p.birthDate, p.address]);
  const bad = person(8);
  rows.push([`${bad.id.slice(0, 17)}${bad.id[17] === '0' ? '1' : '0'}`, bad.name, bad.gender, bad.birthDate, bad.address]); // wrong check character → rejected
  const badDate = person(9);
  rows.push([badDate.id, badDate.name, badDate.gender, '1959-02-30', badDate.address]); // no such day → rejected
  const odd = person(10);
  rows.push([odd.id, odd.name, '5', odd.birthDate, odd.address]); // loads, but 5 is not a GB/T 2261.1 gender code → quality issue
  const csv = [['公民身份号码', '姓名', '性别', '出生日期', '户籍地址'], ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
  return { csv, gender5: odd.id };
}

it('公安局 uploads a file with bad rows, watches the job, sees the rejected rows, then the quality score and the new issue in its to-do list', async () => {
  const baseUrl = inject('baseUrl');
  const page = await openPage(browser);
  const errors = watchConsole(page);
  onTestFailed(async () => {
    await snap(page, JOURNEY, 'failed').catch(() => undefined);
  });
  await logIn(page, baseUrl, 'gaj_steward');

  // 1. New ingest: the entry, the file, the mapping preview.
  await page.goto(`${baseUrl}/ingest/new`);
  await page.locator('tr', { hasText: ENTRY }).first().locator('input[type=radio]').check();
  await expect.poll(() => page.getByText('目标数据表').count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: '下一步' }).click();
  const { csv } = populationCsv();
  await page.locator('input[type=file]').setInputFiles({ name: '常住人口_2026-11.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByText('常住人口_2026-11.csv').waitFor();
  await page.getByRole('button', { name: '预 览' }).or(page.getByRole('button', { name: '预览' })).click();
  // the suggested mapping takes the Chinese headers; the two bad sample rows are reported before loading
  await page.getByText('字段映射').first().waitFor();
  await snap(page, JOURNEY, '1-preview');
  await page.getByRole('button', { name: '下一步' }).click();

  // 2. Upsert (the demo population stays), run, watch the job until it is done.
  await page.getByText('增量更新', { exact: true }).click();
  await page.getByRole('button', { name: '立即运行' }).click();
  await page.waitForURL(/\/ingest\/jobs\/[0-9a-f-]{36}$/);
  await page.locator('.ant-tag', { hasText: '成功' }).first().waitFor({ timeout: 60_000 });
  const stat = (title: string) => page.locator('.ant-statistic', { has: page.locator('.ant-statistic-title', { hasText: title }) }).locator('.ant-statistic-content-value');
  await expect.poll(async () => (await stat('拒绝').innerText()).trim()).toBe('2');
  expect((await stat('新增').innerText()).trim()).toBe('9');
  await snap(page, JOURNEY, '2-job-done');

  // 3. The rejected rows with their reasons.
  await page.getByRole('tab', { name: /被拒绝的行/ }).click();
  await page.locator('td:visible', { hasText: '公民身份号码不合规：校验码错误' }).waitFor();
  await page.locator('td:visible', { hasText: '日期无效：1959-02-30' }).waitFor();
  await snap(page, JOURNEY, '3-rejects');

  // 4. The quality run the load queued: the entry's score, then the new issue in the provider's to-do list.
  await page.goto(`${baseUrl}/quality/issues`);
  const issueRow = page.locator('tr', { hasText: ENTRY }).filter({ hasText: /性别/ });
  await expect.poll(async () => {
    await page.reload();
    await page.locator('.ant-table').first().waitFor();
    return issueRow.count();
  }, { timeout: 60_000, intervals: [2000] }).toBeGreaterThan(0);
  expect(await issueRow.first().getByTestId('quality-issue-light').innerText()).toMatch(/剩 \d+ 个工作日/);
  await snap(page, JOURNEY, '4-issue-todo');

  await page.goto(`${baseUrl}/quality/entries`);
  await page.getByTestId('quality-entry-select').click();
  const option = selectOption(page, `${ENTRY}（6 条规则，得分 .*）`);
  await option.waitFor();
  expect(await option.innerText()).toMatch(/得分 \d+(\.\d+)?/); // the run after the load scored the entry
  await option.click();
  await page.getByText('检测记录', { exact: true }).click();
  await page.locator('td:visible', { hasText: '归集' }).first().waitFor(); // the run the ingest job triggered
  await snap(page, JOURNEY, '5-score');
  expect(await page.getByText('操作失败').count()).toBe(0);
  expect(errors).toEqual([]);
});
