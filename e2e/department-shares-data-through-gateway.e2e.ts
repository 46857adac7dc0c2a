import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signRequest } from '../apps/server/src/modules/gateway/index.ts';
import { exactly, launchBrowser, logIn, openPage, popup, settledModal, snap, watchConsole } from './browser.ts';

const JOURNEY = 'department-shares-data-through-gateway';
const ENTRY = '常住人口基本信息';
const SYSTEM = '婚姻登记管理信息系统';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});


/** A staff member in their own browser context, logged in. */
async function staff(username: string) {
  const page = await openPage(browser);
  const errors = watchConsole(page);
  await logIn(page, inject('baseUrl'), username);
  return { page, errors };
}

/** Opens an action dialog on the request page, submits it and confirms. */
async function act(page: Page, button: string) {
  await page.getByTestId(button).click();
  await page.getByTestId('sharing-action-submit').click();
  await settledModal(page).getByTestId('sharing-action-confirm').click();
}

it('民政局 applies for the population data of 公安局, the bureau checks, 公安局 approves, 民政局 calls the gateway, and the call shows on both sides and to the citizen', async () => {
  const baseUrl = inject('baseUrl');
  const pages: Page[] = [];
  onTestFailed(async () => {
    for (const [i, p] of pages.entries()) await snap(p, JOURNEY, `failed-${i}`).catch(() => undefined);
  });

  // 民政局 finds the entry in the catalog and applies for it.
  const consumer = await staff('mzj_steward');
  pages.push(consumer.page);
  const c = consumer.page;
  await c.goto(`${baseUrl}/catalog/search?q=${encodeURIComponent(ENTRY)}`);
  await c.locator('.catalog-hit', { has: c.locator('.catalog-hit-title', { hasText: exactly(ENTRY) }) }).first().click();
  await c.waitForURL('**/catalog/published/**');
  await c.getByTestId('catalog-apply-share').click();
  await c.waitForURL('**/sharing/requests/new?entryId=*');
  await c.getByTestId('sharing-items-all').click();
  await c.getByTestId('sharing-purpose-type').click();
  await popup(c, '.ant-select-dropdown').locator('.ant-select-item-option').first().click();
  await c.getByTestId('sharing-scenario').fill('婚姻登记（结婚登记）当事人户籍核验');
  await c.getByTestId('sharing-purpose-text').fill('办理结婚登记时核对当事人的户籍与婚姻状况，免于当事人提交户口簿');
  await c.getByTestId('sharing-legal-basis').fill('《婚姻登记条例》第五条、第七条');
  await c.getByTestId('sharing-system').click();
  await popup(c, '.ant-select-dropdown').locator('.ant-select-item-option', { hasText: exactly(SYSTEM) }).click();
  const ips = c.getByTestId('sharing-ips').locator('input');
  await ips.fill('127.0.0.1');
  await ips.press('Enter');
  const validUntil = c.getByTestId('sharing-valid-until');
  await validUntil.click();
  const nextYear = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  await validUntil.fill(nextYear);
  await validUntil.press('Enter');
  await c.getByTestId('sharing-volume').fill('500');
  // Query and verify ticked (whatever the form preselects), nothing else.
  for (const box of await c.getByTestId('sharing-operations').locator('label.ant-checkbox-wrapper').all()) {
    const wanted = ['查询', '核验'].includes((await box.innerText()).trim());
    const checked = ((await box.getAttribute('class')) ?? '').includes('ant-checkbox-wrapper-checked');
    if (wanted !== checked) await box.click();
  }
  await snap(c, JOURNEY, '1-apply');
  await c.getByTestId('sharing-request-submit').click();
  await settledModal(c).getByTestId('sharing-request-confirm').click();
  await c.waitForURL(/\/sharing\/requests\/[0-9a-f-]{36}$/);
  const requestUrl = c.url();

  // The bureau checks compliance; 公安局 approves.
  const bureau = await staff('reviewer');
  pages.push(bureau.page);
  await bureau.page.goto(requestUrl);
  await act(bureau.page, 'sharing-check');
  await expect.poll(() => bureau.page.getByTestId('sharing-request-status').first().getAttribute('data-status')).toBe('reviewing');

  const provider = await staff('gaj_steward');
  pages.push(provider.page);
  await provider.page.goto(requestUrl);
  await act(provider.page, 'sharing-approve');
  await expect.poll(() => provider.page.getByTestId('sharing-request-status').first().getAttribute('data-status')).toBe('granted');
  await snap(provider.page, JOURNEY, '2-granted');

  // 民政局 makes a credential for its system; the secret is shown once.
  await c.goto(`${baseUrl}/gateway/credentials`);
  await c.getByTestId('credential-create').click();
  await c.getByTestId('credential-system').click();
  await popup(c, '.ant-select-dropdown').locator('.ant-select-item-option', { hasText: SYSTEM }).click();
  await settledModal(c).getByTestId('credential-create-submit').click();
  const secret = (await c.getByTestId('credential-secret').innerText()).trim();
  const appKey = (await c.getByTestId('credential-issued-app-key').innerText()).trim();
  expect(secret).toMatch(/^gws_/);
  expect(appKey).toMatch(/^gwk_/);
  await snap(c, JOURNEY, '3-credential');

  // The citizen's record, queried by 民政局's system through the gateway with a signed request.
  const citizen = await openPage(browser, 'phone');
  pages.push(citizen);
  const citizenErrors = watchConsole(citizen);
  await logIn(citizen, baseUrl, 'citizen');
  const idNumber = (await citizen.evaluate(async () => (await fetch('/api/v1/licenses/licenses/mine')).json())).holder.id as string;
  const entryId = (await (await c.request.get(`${baseUrl}/api/v1/sharing/requests/${requestUrl.split('/').at(-1)}`)).json()).entryId as string;
  const path = `/gateway/v1/entries/${entryId}/records/${idNumber}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID().replaceAll('-', '');
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { 'x-app-key': appKey, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signRequest(secret, { method: 'GET', path, query: '', timestamp, nonce, body: '' }), 'x-case-number': 'HY2026-000123' },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  expect((await res.json()).record).toBeTruthy();

  // Both sides see the call in their statistics …
  for (const side of [consumer, provider]) {
    await side.page.goto(`${baseUrl}/gateway/stats`);
    await expect.poll(async () => Number((await side.page.getByTestId('stats-total-calls').innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
  }
  await provider.page.waitForLoadState('networkidle');
  await snap(provider.page, JOURNEY, '4-provider-stats');

  // … and the citizen sees who used their data, for what.
  await citizen.goto(`${baseUrl}/portal/data-uses`);
  await expect.poll(() => citizen.getByTestId('data-use-item').filter({ hasText: '民政局' }).count()).toBeGreaterThan(0);
  await expect.poll(() => citizen.locator('.ant-spin-blur').count()).toBe(0);
  await snap(citizen, JOURNEY, '5-citizen-data-uses');

  expect([...consumer.errors, ...bureau.errors, ...provider.errors, ...citizenErrors]).toEqual([]);
});
