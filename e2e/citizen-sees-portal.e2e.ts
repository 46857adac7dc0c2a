import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, snap, watchConsole } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('a citizen opens the public portal on a phone, logs in and sees their own account', async () => {
  const baseUrl = inject('baseUrl');
  const page = await openPage(browser, 'phone');
  const errors = watchConsole(page);
  const overview = await (await fetch(`${baseUrl}/api/v1/portal/overview`)).json();

  await page.goto(baseUrl);
  await expect.poll(() => page.getByText('一网通办').first().isVisible()).toBe(true);
  // The portal shows the live count from the API, not a made-up number.
  await expect.poll(() => page.getByText(overview.people.toLocaleString('en-US')).first().isVisible()).toBe(true);
  await snap(page, 'citizen-sees-portal', '1-portal');

  await logIn(page, baseUrl, 'citizen');
  await page.waitForURL('**/portal/me');
  const me = await page.evaluate(async () => (await fetch('/api/v1/identity/me')).json());
  await expect.poll(() => page.getByText(me.user.displayName).first().isVisible()).toBe(true);
  await expect.poll(() => page.getByText('自然人').first().isVisible()).toBe(true);
  await snap(page, 'citizen-sees-portal', '2-me');

  // A citizen has no way into the administration pages.
  await page.goto(`${baseUrl}/admin/departments`);
  await expect.poll(() => page.getByText(/403|无权/).first().isVisible()).toBe(true);
  expect(errors).toEqual([]);
});
