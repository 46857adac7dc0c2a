import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { generateCreditCode } from '@shuzheng/standards';
import { launchBrowser, logIn, openPage, popup, selectOption, snap, watchConsole } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('an administrator logs in, creates a department from the menu, and finds it in the list', async () => {
  const baseUrl = inject('baseUrl');
  const page = await openPage(browser, { width: 1366, height: 768 });
  const errors = watchConsole(page);
  await logIn(page, baseUrl, 'admin');
  await snap(page, 'admin-creates-department', '1-workbench');

  await page.getByRole('menuitem', { name: '部门管理' }).click();
  await page.waitForURL('**/admin/departments');
  await page.getByRole('button', { name: /新建部门/ }).click();

  const name = '汕尾市数据资源运营中心';
  const creditCode = generateCreditCode({ authority: '1', orgType: '2', divisionCode: '441500', orgCode: 'E2E00001' });
  await page.getByLabel('部门名称').fill(name);
  await page.getByLabel('统一社会信用代码').fill(creditCode);
  await page.getByLabel('所属行政区划').click();
  await popup(page, '.ant-cascader-dropdown').locator('.ant-cascader-menu-item', { hasText: '广东省' }).click();
  await popup(page, '.ant-cascader-dropdown').locator('.ant-cascader-menu-item', { hasText: '汕尾市' }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('部门类型').click();
  await selectOption(page, '其他').click();
  await snap(page, 'admin-creates-department', '2-form');
  await page.getByRole('button', { name: /创\s*建/ }).click();
  await expect.poll(() => page.getByText('部门已创建').isVisible()).toBe(true);
  // The new department is selected: its detail shows the code, and the tree lists it.
  await expect.poll(() => page.getByText(creditCode).first().isVisible()).toBe(true);
  await expect.poll(() => page.locator('.ant-tree-treenode', { hasText: name }).count()).toBe(1);
  await snap(page, 'admin-creates-department', '3-created');

  // And a search of the whole directory finds it.
  await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
  await page.getByText('全部部门', { exact: false }).first().click();
  await page.getByPlaceholder('部门名称或统一社会信用代码').fill(creditCode);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect.poll(() => page.locator('.ant-table-row', { hasText: name }).count()).toBe(1);
  await snap(page, 'admin-creates-department', '4-listed');
  expect(errors).toEqual([]);
});
