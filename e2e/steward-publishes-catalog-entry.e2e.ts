import { afterAll, beforeAll, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { exactly, launchBrowser, logIn, openPage, popup, selectOption, snap, watchConsole } from './browser.ts';

const JOURNEY = 'steward-publishes-catalog-entry';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Picks a path through an antd Cascader, one column at a time, and sees the field show it. */
async function pickCascader(page: Page, field: Locator, ...labels: string[]) {
  await field.click();
  for (const label of labels) {
    await popup(page, '.ant-cascader-dropdown').locator('.ant-cascader-menu-item', { hasText: exactly(label) }).click();
  }
  await expect.poll(() => page.locator('.ant-cascader-dropdown:visible').count()).toBe(0);
  const formItem = field.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-form-item ")][1]');
  await expect.poll(() => formItem.textContent()).toContain(labels.at(-1));
}

/** Chooses an antd radio or checkbox by clicking its visible label (the input itself is hidden), and sees it took. */
async function choose(page: Page, role: 'radio' | 'checkbox', name: string) {
  const label = page.locator(`label.ant-${role}-wrapper:visible, label.ant-${role}-button-wrapper:visible`, { hasText: exactly(name) });
  await label.click();
  await expect.poll(() => label.getAttribute('class')).toMatch(/-wrapper-checked/);
}

/** Waits for an antd message (toast) with this text. */
const toast = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.locator('.ant-message-notice', { hasText: text }).count()).toBeGreaterThan(0);

/** Filters the DataTable on the page by its search box. */
async function filterTable(page: Page, placeholder: string, q: string) {
  await page.getByPlaceholder(placeholder).fill(q);
  await page.getByRole('button', { name: /查\s*询/ }).click();
}

it('a data steward catalogs a resource, the bureau returns it once, then publishes it, and it can be found', async () => {
  const baseUrl = inject('baseUrl');
  const stamp = Date.now().toString(36).toUpperCase();
  const name = `110接处警记录信息E2E${stamp}`;
  const summary = '全市110报警服务台接警、派警、处警及反馈的业务记录，由接处警系统产生，用于警情统计分析与应急联动。';
  const fixedSummary = `${summary}覆盖全市各县（市、区）公安机关，自2020年起，每日增量更新。`;
  const returnReason = '摘要未说明数据覆盖范围和起始年份，请补充';

  // ───── the steward (市公安局) starts a new entry from the sider ─────
  // A failure leaves a picture of where each user was.
  const open: [string, Page][] = [];
  onTestFailed(async () => {
    for (const [who, page] of open) await snap(page, JOURNEY, `failed-${who}`).catch(() => undefined);
  });

  const steward = await openPage(browser);
  open.push(['steward', steward]);
  const stewardErrors = watchConsole(steward);
  await logIn(steward, baseUrl, 'gaj_steward');
  await steward.getByRole('menuitem', { name: '本部门编目' }).click();
  await steward.waitForURL('**/catalog/entries');
  await expect.poll(() => steward.locator('.ant-table-row').count()).toBeGreaterThan(0);
  await snap(steward, JOURNEY, '01-my-entries');

  const openNewForm = async () => {
    await steward.getByRole('button', { name: /新建目录/ }).click();
    await steward.waitForURL('**/catalog/entries/new');
    await steward.getByLabel('信息资源名称').waitFor();
  };
  await openNewForm();

  // The entry must name its source system. Register one first when the department has none yet.
  const systemSelect = steward.getByLabel('来源信息系统');
  await systemSelect.click();
  const systemOptions = popup(steward, '.ant-select-dropdown').locator('.ant-select-item-option');
  await expect
    .poll(async () => (await systemOptions.count()) > 0 || (await steward.getByText('本部门尚未登记信息系统').isVisible()))
    .toBe(true);
  const newSystem = '110接处警系统';
  const registering = (await systemOptions.count()) === 0;
  if (registering) {
    await steward.keyboard.press('Escape');
    await steward.getByRole('menuitem', { name: '信息系统' }).click();
    await steward.waitForURL('**/catalog/systems');
    await steward.getByRole('button', { name: /登记信息系统/ }).click();
    const drawer = steward.locator('.ant-drawer-section');
    await drawer.getByLabel('系统名称').fill(newSystem);
    await drawer.getByLabel('用途').fill('110报警服务台接警、派警、处警与反馈');
    await drawer.getByLabel('联系人').fill('黄数据');
    await drawer.getByLabel('联系电话').fill('0660-3360110');
    await snap(steward, JOURNEY, '01b-register-system');
    await drawer.getByRole('button', { name: /登\s*记/ }).click();
    await toast(steward, '信息系统已登记');
    await expect.poll(() => steward.locator('.ant-table-row', { hasText: newSystem }).count()).toBe(1);
    await steward.getByRole('menuitem', { name: '本部门编目' }).click();
    await steward.waitForURL('**/catalog/entries');
    await openNewForm();
    await systemSelect.click();
  }
  const systemOption = registering
    ? systemOptions.and(steward.locator(`[title="${newSystem}"]`))
    : systemOptions.and(steward.locator(':not(.ant-select-item-option-disabled)')).first();
  await expect.poll(() => systemOption.count()).toBeGreaterThan(0);
  const systemName = await systemOption.getAttribute('title');
  await systemOption.click();

  // Step 1 · 基本信息
  await steward.getByLabel('信息资源名称').fill(name);
  await steward.getByLabel('信息资源摘要').fill(summary);
  const keywords = steward.getByLabel('关键字');
  for (const k of ['警情', '接处警', '110']) {
    await keywords.fill(k);
    await keywords.press('Enter');
  }
  await steward.getByLabel('三定职责').fill('负责110报警服务台接警、处警工作（三定规定第三条第七项）');
  const formItem = (label: string) => steward.locator('.ant-form-item', { has: steward.locator(`label[title="${label}"]`) });
  expect(systemName).toBeTruthy();
  await expect.poll(() => formItem('来源信息系统').textContent()).toContain(systemName);
  await expect.poll(() => formItem('关键字').textContent()).toMatch(/警情.*接处警.*110/);
  await snap(steward, JOURNEY, '02-form-basic');
  const next = steward.getByRole('button', { name: /下一步/ });
  await next.click();

  // Step 2 · 分类与格式
  await pickCascader(steward, steward.getByLabel('资源属性分类'), '主题信息资源', '12 应急维稳');
  await pickCascader(steward, steward.getByLabel('信息资源格式'), '数据库', 'PostgreSQL');
  await snap(steward, JOURNEY, '03-form-classification');
  await next.click();

  // Step 3 · 共享与开放
  await choose(steward, 'radio', '有条件共享');
  await steward.getByLabel('共享条件').fill('仅限政务部门依法履职时经数据共享平台申请使用');
  await choose(steward, 'radio', '共享平台方式');
  await choose(steward, 'checkbox', '接口');
  await choose(steward, 'checkbox', '库表');
  await choose(steward, 'radio', '不予开放');
  await snap(steward, JOURNEY, '04-form-share');
  await next.click();

  // Step 4 · 安全与更新
  await choose(steward, 'radio', '一般数据');
  await choose(steward, 'radio', '3 级');
  await choose(steward, 'radio', '每日');
  await snap(steward, JOURNEY, '05-form-security');
  await next.click();

  // Step 5 · 信息项: two data items in the editable table
  const rows = steward.locator('.catalog-items-editor .ant-table-row');
  await expect.poll(() => rows.count()).toBe(1);
  await steward.getByRole('button', { name: /添加信息项/ }).click();
  await expect.poll(() => rows.count()).toBe(2);
  const fillItem = async (i: number, item: { name: string; code: string; type?: string; length?: number; description: string }) => {
    const row = rows.nth(i);
    await row.getByPlaceholder('如：公民身份号码').fill(item.name);
    await row.getByPlaceholder('如：id_number').fill(item.code);
    if (item.type) {
      await row.locator('.ant-select').first().click();
      await selectOption(steward, item.type).click();
    }
    if (item.length) await row.locator('.ant-input-number-input').fill(String(item.length));
    await row.getByPlaceholder('含义、取值范围').fill(item.description);
  };
  await fillItem(0, { name: '接警单编号', code: 'alarm_no', length: 20, description: '接警单的唯一编号' });
  await fillItem(1, { name: '接警时间', code: 'received_at', type: '日期时间型', description: '报警服务台受理报警的时间' });
  await snap(steward, JOURNEY, '06-form-items');
  await next.click();

  // Step 6 · 联系人, then save, check and submit
  await expect.poll(() => steward.getByLabel('联系人').inputValue()).not.toBe('');
  await steward.getByLabel('联系电话').fill('0660-3360110');
  await steward.getByRole('button', { name: /保存草稿/ }).click();
  await toast(steward, /草稿已保存，信息资源代码 \d{12}/);
  await steward.waitForURL(/\/catalog\/entries\/[^/]+\/edit/);
  const entryPath = new URL(steward.url()).pathname.replace(/\/edit$/, '');
  await expect.poll(() => steward.getByText(`编辑目录：${name}`).isVisible()).toBe(true);
  await steward.getByRole('button', { name: /保存并校验/ }).click();
  await toast(steward, /校验通过/);
  await expect.poll(() => steward.locator('.ant-alert', { hasText: /校验通过/ }).first().isVisible()).toBe(true);
  await snap(steward, JOURNEY, '07-checks-passed');

  await steward.getByRole('button', { name: /提交审核/ }).click();
  const confirm = steward.locator('.ant-modal-confirm:visible');
  await expect.poll(() => confirm.locator('.ant-modal-confirm-title', { hasText: '提交审核？' }).isVisible()).toBe(true);
  await confirm.getByRole('button', { name: /提\s*交/ }).click();
  await toast(steward, '已提交，等待数据局审核');
  await steward.waitForURL((url) => url.pathname === entryPath);
  await expect.poll(() => steward.locator('.ant-tag', { hasText: '待审核' }).first().isVisible()).toBe(true);
  await snap(steward, JOURNEY, '08-submitted');

  // ───── the bureau's reviewer returns it, with a reason on the summary ─────
  const reviewer = await openPage(browser);
  open.push(['reviewer', reviewer]);
  const reviewerErrors = watchConsole(reviewer);
  await logIn(reviewer, baseUrl, 'reviewer');
  await reviewer.getByRole('menuitem', { name: '目录审核' }).click();
  await reviewer.waitForURL('**/catalog/reviews');
  await filterTable(reviewer, '名称或信息资源代码', name);
  const reviewRow = reviewer.locator('.ant-table-row', { hasText: name });
  await expect.poll(() => reviewRow.count()).toBe(1);
  await expect.poll(() => reviewRow.getByText('新增发布').isVisible()).toBe(true);
  await snap(reviewer, JOURNEY, '09-review-queue');
  await reviewRow.getByText(name).click();
  const drawer = reviewer.locator('.ant-drawer-section');
  await expect.poll(() => drawer.getByText(`审核：${name}`).isVisible()).toBe(true);
  await expect.poll(() => drawer.getByText(summary).isVisible()).toBe(true);
  await choose(reviewer, 'radio', '退回修改');
  await pickCascader(reviewer, drawer.locator('.ant-cascader').first(), '元数据', '信息资源摘要');
  await drawer.getByPlaceholder(/写明问题和修改要求/).fill(returnReason);
  await snap(reviewer, JOURNEY, '10-review-return');
  await drawer.getByRole('button', { name: '退回修改', exact: true }).click();
  await toast(reviewer, '已退回，部门将收到退回原因');
  await drawer.waitFor({ state: 'hidden' });
  await expect.poll(() => reviewRow.count()).toBe(0);

  // ───── the steward sees the reason, fixes the summary and submits again ─────
  await steward.getByRole('menuitem', { name: '本部门编目' }).click();
  await steward.waitForURL('**/catalog/entries');
  await filterTable(steward, '名称或信息资源代码', name);
  const myRow = steward.locator('.ant-table-row', { hasText: name });
  await expect.poll(() => myRow.locator('.ant-tag', { hasText: '已退回' }).count()).toBe(1);
  await snap(steward, JOURNEY, '11-returned-in-list');
  await myRow.getByRole('link', { name }).click();
  await steward.waitForURL((url) => url.pathname === entryPath);
  const returned = steward.locator('.ant-alert', { hasText: '数据局已退回' });
  await expect.poll(() => returned.isVisible()).toBe(true);
  await expect.poll(() => returned.textContent()).toContain(`信息资源摘要：${returnReason}`);
  await snap(steward, JOURNEY, '12-return-reason');

  await steward.getByRole('button', { name: /编\s*辑/ }).click();
  await steward.waitForURL(/\/edit/);
  const summaryField = steward.getByLabel('信息资源摘要');
  await expect.poll(() => summaryField.inputValue()).toBe(summary);
  await expect.poll(() => steward.getByText('数据局已退回本目录').isVisible()).toBe(true);
  await summaryField.fill(fixedSummary);
  await snap(steward, JOURNEY, '13-fix-summary');
  await steward.getByRole('button', { name: /提交审核/ }).click();
  await expect.poll(() => confirm.locator('.ant-modal-confirm-title', { hasText: '提交审核？' }).isVisible()).toBe(true);
  await confirm.getByRole('button', { name: /提\s*交/ }).click();
  await toast(steward, '已提交，等待数据局审核');
  await steward.waitForURL((url) => url.pathname === entryPath);
  await expect.poll(() => steward.locator('.ant-tag', { hasText: '待审核' }).first().isVisible()).toBe(true);
  await snap(steward, JOURNEY, '14-resubmitted');

  // ───── the reviewer approves: version 1 is published ─────
  await reviewer.reload();
  await filterTable(reviewer, '名称或信息资源代码', name);
  await expect.poll(() => reviewRow.count()).toBe(1);
  await reviewRow.getByText(name).click();
  await expect.poll(() => drawer.getByText(fixedSummary).isVisible()).toBe(true);
  await drawer.getByRole('tab', { name: /审核记录/ }).click();
  await expect.poll(() => drawer.getByText(returnReason).isVisible()).toBe(true);
  await snap(reviewer, JOURNEY, '15-review-again');
  await drawer.getByRole('button', { name: '审核通过', exact: true }).click();
  const approve = reviewer.locator('.ant-modal-confirm:visible');
  await expect.poll(() => approve.locator('.ant-modal-confirm-title', { hasText: '审核通过并发布？' }).isVisible()).toBe(true);
  await approve.getByRole('button', { name: /确\s*定/ }).click();
  await toast(reviewer, '审核通过，已发布 v1');
  await drawer.waitFor({ state: 'hidden' });
  await snap(reviewer, JOURNEY, '16-approved');

  // ───── anyone finds it in 目录检索 and opens version 1 ─────
  await steward.getByRole('menuitem', { name: '目录检索' }).click();
  await steward.waitForURL('**/catalog/search');
  await steward.getByLabel('检索目录').fill(name);
  await steward.getByRole('button', { name: /^检\s*索$/ }).click();
  await steward.waitForURL((url) => url.searchParams.get('q') === name);
  // The result line names the query once the search has answered, and the entry is the best match.
  const resultLine = steward.locator('.ant-typography', { hasText: /^(正在检索…|.*共 [\d,]+ 条)$/ }).first();
  await expect.poll(() => resultLine.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^“${name}” 共 [\\d,]+ 条$`));
  const hit = steward.locator('.catalog-hit').first();
  await expect.poll(() => hit.locator('.catalog-hit-title').textContent()).toBe(name);
  await expect.poll(() => hit.textContent()).toContain('v1');
  await snap(steward, JOURNEY, '17-search-hit');
  await hit.locator('.catalog-hit-title').click();
  await steward.waitForURL('**/catalog/published/**');
  const current = steward.locator('.catalog-detail-stat', { hasText: '当前版本' });
  await expect.poll(() => current.textContent()).toContain('v1');
  await expect.poll(() => steward.getByText(fixedSummary).first().isVisible()).toBe(true);
  await steward.getByRole('tab', { name: /版本/ }).click();
  await expect.poll(() => steward.locator('.ant-table-row', { hasText: 'v1' }).first().isVisible()).toBe(true);
  await expect.poll(() => steward.getByText('v1 与 工作副本 之间没有差异').isVisible()).toBe(true);
  await snap(steward, JOURNEY, '18-published-v1');

  expect(stewardErrors).toEqual([]);
  expect(reviewerErrors).toEqual([]);
}, 180_000);
