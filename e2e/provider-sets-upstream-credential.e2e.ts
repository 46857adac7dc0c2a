import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, settledModal, snap, watchConsole } from './browser.ts';

// 上游接口凭据 (docs/gateway-api.md §9.1): 市场监管局 mounted 市场主体登记基本信息 as an API that wants a token; its steward
// sets the token the gateway presents when it forwards granted calls. The page shows it as set, never the token itself.

const JOURNEY = 'provider-sets-upstream-credential';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('a provider opens 上游接口凭据 from the menu, sets the token of its mounted API, and sees it as set without the token', async () => {
  const baseUrl = inject('baseUrl');
  const page = await openPage(browser);
  const errors = watchConsole(page);
  await logIn(page, baseUrl, 'scjg_steward');
  await page.getByRole('menuitem', { name: '上游接口凭据' }).click();
  await page.waitForURL('**/gateway/upstreams');
  const row = page.locator('.ant-table-row', { hasText: '市场主体登记基本信息' });
  await expect.poll(() => row.getByTestId('upstream-status').getAttribute('data-status')).toBe('missing');

  await row.getByTestId('upstream-edit').click();
  await settledModal(page).getByTestId('upstream-token').fill('scjg-api-token-2026');
  await snap(page, JOURNEY, '1-form');
  await settledModal(page).getByTestId('upstream-submit').click();
  await expect.poll(() => row.getByTestId('upstream-status').getAttribute('data-status')).toBe('set');
  await expect.poll(() => row.innerText()).toContain('Authorization: Bearer');
  expect(await page.content()).not.toContain('scjg-api-token-2026');
  await snap(page, JOURNEY, '2-set');
  expect(errors).toEqual([]);
});
