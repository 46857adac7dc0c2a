import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page in a fresh browser context as our users have it: on China's time zone (the web app takes “today” from the
 * browser's clock, e.g. a revocation date's default), on a desktop screen, a phone, or a given viewport.
 */
export async function openPage(browser: Browser, device: 'desktop' | 'phone' | { width: number; height: number } = 'desktop'): Promise<Page> {
  const screen = device === 'phone'
    ? { viewport: { width: 375, height: 812 }, isMobile: true }
    : { viewport: device === 'desktop' ? { width: 1440, height: 900 } : device };
  return (await browser.newContext({ ...screen, timezoneId: 'Asia/Shanghai' })).newPage();
}

/** Saves a screenshot as a test artifact (e2e/artifacts/<journey>/<step>.png). */
export async function snap(page: Page, journey: string, step: string): Promise<void> {
  const dir = path.join(ARTIFACTS, journey);
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${step}.png`), fullPage: false });
}

/** Logs in through the login page, as a user would. */
export async function logIn(page: Page, baseUrl: string, username: string, password = 'Shuzheng@2026'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Collects console errors so a journey fails on a broken page, not only on a missing element. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

/**
 * The open antd popup of this kind once its opening motion has finished: a click while it still slides in can land
 * beside the item and be lost (seen under load).
 */
export const popup = (page: Page, kind: '.ant-select-dropdown' | '.ant-cascader-dropdown') =>
  page.locator(`${kind}:visible:not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])`);

/**
 * The open antd modal (dialog or confirm) once its zoom-in motion has finished: a click on its button while it still
 * zooms in can be lost, leaving the dialog open (seen in CI under load on the share request's confirm).
 */
export const settledModal = (page: Page) => page.locator('.ant-modal:visible:not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');

/** A pattern matching exactly this text (antd pads some labels with spaces). */
export const exactly = (text: string) => new RegExp(`^\\s*${text}\\s*$`);

/** The option of the open antd Select whose text is exactly `text`. */
export const selectOption = (page: Page, text: string) => popup(page, '.ant-select-dropdown').locator('.ant-select-item-option', { hasText: exactly(text) });
