import { afterAll, beforeAll, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, openPage, selectOption, settledModal, snap, watchConsole } from './browser.ts';

const JOURNEY = 'department-issues-license';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Today on the China calendar, as the server dates licenses. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The verdict the public verification page shows for an identifier, after pasting it as a verifier would. */
async function verifyByPaste(page: Page, baseUrl: string, identifier: string) {
  await page.goto(`${baseUrl}/verify`);
  await page.getByTestId('verify-input').fill(identifier);
  await page.getByTestId('verify-submit').click();
  const verdict = page.getByTestId('verify-verdict');
  await verdict.waitFor();
  return verdict;
}

it('a department issues a 营业执照, the holder finds it in the wallet, a verifier sees 有效, and 已吊销 after revocation', async () => {
  const baseUrl = inject('baseUrl');
  const pages: Page[] = [];
  onTestFailed(async () => {
    for (const [i, p] of pages.entries()) await snap(p, JOURNEY, `failed-${i}`).catch(() => undefined);
  });

  // The holder: the demo enterprise, on a phone. Its credit code and name come from its own wallet.
  const holder = await openPage(browser, 'phone');
  pages.push(holder);
  const holderErrors = watchConsole(holder);
  await logIn(holder, baseUrl, 'enterprise');
  const wallet = await holder.evaluate(async () => (await fetch('/api/v1/licenses/licenses/mine')).json());
  const { id: creditCode, name: enterpriseName } = wallet.holder as { id: string; name: string };

  // The issuer: 市场监督管理局's approver, from the menu to the issue form.
  const staff = await openPage(browser);
  pages.push(staff);
  const staffErrors = watchConsole(staff);
  await logIn(staff, baseUrl, 'scjg_approver');
  await staff.locator('.ant-menu').getByText('电子证照', { exact: true }).click();
  await staff.locator('.ant-menu').getByText('证照管理', { exact: true }).click();
  await staff.waitForURL('**/licenses/licenses');
  await staff.getByTestId('license-new').click();
  await staff.waitForURL('**/licenses/licenses/new**');

  await staff.getByTestId('license-type-select').click();
  await selectOption(staff, '营业执照').click();
  await staff.getByTestId('license-holder-id').fill(creditCode);
  await staff.getByTestId('license-holder-name').fill(enterpriseName);
  await staff.getByTestId('license-field-entityType').click();
  await selectOption(staff, '有限责任公司').click();
  await staff.getByTestId('license-field-legalRepresentative').fill('林晓峰');
  await staff.getByTestId('license-field-registeredCapital').fill('500万元人民币');
  const established = staff.getByTestId('license-field-establishedOn');
  await established.click();
  await established.fill('2026-11-02');
  await established.press('Enter');
  await staff.getByTestId('license-field-businessTerm').fill('长期');
  await staff.getByTestId('license-field-address').fill('汕尾市城区凤山街道汕尾大道 188 号');
  await staff.getByTestId('license-field-businessScope').fill('软件开发；信息技术咨询服务；数据处理服务');
  await snap(staff, JOURNEY, '1-issue-form');
  await staff.getByTestId('license-issue-submit').click();

  await staff.waitForURL(/\/licenses\/licenses\/[0-9a-f-]{36}$/);
  const licenseId = staff.url().split('/').at(-1)!;
  await expect.poll(() => staff.getByTestId('license-status').first().textContent()).toContain('有效');
  const identifier = (await staff.getByTestId('license-identifier').first().innerText()).trim();
  expect(identifier).toMatch(/^1\.2\.156\.3005\.2\./);
  await snap(staff, JOURNEY, '2-issued');

  // The holder sees the new license among their own, issued today, and its identifier on the detail page.
  await holder.goto(`${baseUrl}/portal/licenses`);
  const card = holder.getByTestId('wallet-card').filter({ hasText: '营业执照' }).filter({ hasText: today() });
  await expect.poll(() => card.count()).toBe(1);
  await expect.poll(() => card.getByTestId('wallet-status').textContent()).toBe('有效');
  await snap(holder, JOURNEY, '3-wallet');
  await card.click();
  await holder.waitForURL(`**/portal/licenses/${licenseId}`);
  await expect.poll(() => holder.getByText(identifier).first().isVisible()).toBe(true);

  // A verifier, not logged in, pastes the identifier: 有效, sealed by 市场监督管理局.
  const verifier = await openPage(browser, 'phone');
  pages.push(verifier);
  const verifierErrors = watchConsole(verifier);
  let verdict = await verifyByPaste(verifier, baseUrl, identifier);
  await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('valid');
  await expect.poll(() => verdict.textContent()).toContain('有效');
  await expect.poll(() => verifier.getByText(/市场监督管理局/).first().isVisible()).toBe(true);
  await snap(verifier, JOURNEY, '4-verified-valid');

  // The department revokes it, with a reason, and confirms.
  await staff.getByTestId('license-revoke').click();
  await staff.getByTestId('license-revoke-reason').fill('以欺骗手段取得登记，依法撤销');
  await staff.getByTestId('license-revoke-submit').click();
  await settledModal(staff).getByTestId('license-revoke-confirm').click();
  await expect.poll(() => staff.getByTestId('license-status').first().textContent()).toContain('已吊销');
  await snap(staff, JOURNEY, '5-revoked');

  // The verifier checks again: 已吊销. The holder's wallet says so too.
  verdict = await verifyByPaste(verifier, baseUrl, identifier);
  await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('bad');
  await expect.poll(() => verdict.textContent()).toContain('已吊销');
  await snap(verifier, JOURNEY, '6-verified-revoked');
  await holder.goto(`${baseUrl}/portal/licenses`);
  await expect.poll(() => card.getByTestId('wallet-status').textContent()).toBe('已吊销');

  expect([...holderErrors, ...staffErrors, ...verifierErrors]).toEqual([]);
});
