import { expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where screenshots are kept as test artefacts. */
export const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

/** Waits until the app has taken over from the loading screen or the
 *  server's first screen (index.html and takeover.rs mark `<html data-app>`). */
export async function ready(page: Page) {
  await expect(page.locator('html[data-app]')).toHaveCount(1);
  await expect(page.locator('#boot, #first-screen')).toHaveCount(0);
}

/** Holds every WASM download until the returned function is called. */
export async function holdWasm(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Sums the layout shifts the page has seen (none expected). */
export async function watchShifts(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) (window as unknown as { shifts: number }).shifts += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** What `watchShifts` has summed so far. */
export async function shifts(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { shifts: number }).shifts);
}

/** Opens a page and waits until the app (not the loading screen) shows it. */
export async function open(page: Page, url: string) {
  await page.goto(url);
  await ready(page);
  await expect(page.locator('nav.tabs')).toBeVisible();
}

/** Turns 长辈模式 on or off the way a person would, on the home page. */
export async function setLargeText(page: Page, on: boolean) {
  const toggle = page.getByRole('switch');
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) {
    await toggle.click();
  }
  await expect(toggle).toHaveAttribute('aria-checked', String(on));
}

/** axe-core with the WCAG 2.2 AA rule set: zero violations. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

/** Nothing scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Every visible button and link is at least `min` CSS pixels tall and wide. */
export async function expectTapTargets(page: Page, min: number) {
  const small = await page.evaluate((min) => {
    return Array.from(document.querySelectorAll('a, button'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .filter(({ r }) => r.height < min - 0.5 || r.width < min - 0.5)
      .map(({ el, r }) => `${el.textContent?.trim()} ${Math.round(r.width)}×${Math.round(r.height)}`);
  }, min);
  expect(small).toEqual([]);
}

/** Saves a full-page screenshot under end2end/screenshots/. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The demo password and logins. */
export const PASSWORD = 'qingji1969';
export const MANAGER = '13800000001';
export const RESIDENT = '13800000003';

/** A fresh browser (its own cookies and storage), in the given text mode. */
export async function person(browser: Browser, large: boolean): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await open(page, '/');
  await setLargeText(page, large);
  return page;
}

export async function login(page: Page, phone: string, password = PASSWORD) {
  await open(page, '/login');
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.locator('.welcome')).toContainText('您好，');
}


/** The checks every journey screen gets: axe, no sideways scroll, a screenshot. */
export async function check(page: Page, name: string) {
  await expectNoAxeViolations(page);
  await expectNoSidewaysScroll(page);
  await screenshot(page, name);
}
