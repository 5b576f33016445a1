import { expect, test } from '@playwright/test';
import {
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  expectTapTargets,
  check,
  login,
  open,
  person,
  ready,
  screenshot,
  setLargeText,
} from './support';

const TABS = [
  { path: '/', zh: '首页', en: 'Home' },
  { path: '/repairs', zh: '报修', en: 'Repairs' },
  { path: '/points', zh: '积分', en: 'Points' },
  { path: '/notices', zh: '通知', en: 'Notices' },
  { path: '/me', zh: '我的', en: 'Me' },
];

test('pages without a first screen paint the loading screen, and the app replaces it', async ({ page }) => {
  // Hold the WASM back so the loading screen can be seen on its own.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/notices');
  await expect(page.locator('#boot')).toContainText('正在打开');
  await screenshot(page, 'loading-screen');
  release();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('院里');
  await expect(page.locator('nav.tabs a')).toHaveCount(5);
});

test('when the app cannot start, the page says so and lists the office phones', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/notices');
  await expect(page.locator('#boot-text')).toContainText('没能打开');
  await expect(page.locator('#boot-help a[href="tel:0372-3169690"]')).toContainText('轻机南院');
  await screenshot(page, 'cannot-start');
  // 首页's first screen stays, and its office phones work without the app.
  await page.goto('/');
  await expect(page.locator('#first-screen li.community a[href="tel:0372-3169690"]')).toBeVisible();
});

test('the five tabs navigate and mark the current one', async ({ page }) => {
  await open(page, '/');
  for (const tab of TABS) {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: tab.zh }).click();
    await expect(page).toHaveURL(new RegExp(`${tab.path}$`));
    const current = page.locator('nav.tabs a[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toContainText(tab.zh);
  }
});

test('home lists the communities with their office phones and remembers the choice', async ({ page }) => {
  await open(page, '/');
  const qingji = page.locator('li.community', { hasText: '轻机南院' });
  await expect(qingji.locator('a[href="tel:0372-3169690"]')).toBeVisible();
  await expect(page.locator('li.community', { hasText: '纱厂东院' })).toBeVisible();
  // Before a choice the header's phone leads to the list of offices.
  await expect(page.locator('header a.call')).toHaveAttribute('href', '/#communities-heading');
  await qingji.getByRole('button').click();
  await expect(page.locator('header a.call')).toHaveAttribute('href', 'tel:0372-3169690');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('轻机南院');
  // The server's first screen already speaks for the chosen community (read
  // from the HTML: once the WASM is cached, the app may take over before a
  // locator could look).
  const html = await (await page.request.get('/')).text();
  const first = html.slice(html.indexOf('<div id="first-screen">'));
  expect(first.slice(0, first.indexOf('</header>'))).toContain('href="tel:0372-3169690"');
  await page.reload();
  await ready(page);
  await expect(page.locator('header a.call')).toHaveAttribute('href', 'tel:0372-3169690');
  // Every other tab offers the same office, one tap away.
  await open(page, '/repairs');
  await expect(page.locator('main a[href="tel:0372-3169690"]')).toBeVisible();
});

test('large-text mode enlarges everything, re-lays the tiles and is remembered', async ({ page }) => {
  await open(page, '/');
  const bodySize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(await bodySize()).toBeGreaterThanOrEqual(18);
  await setLargeText(page, true);
  await expect(page.locator('html')).toHaveClass(/large/);
  expect(await bodySize()).toBeGreaterThanOrEqual(24);
  const tiles = page.locator('.tile');
  const first = await tiles.nth(0).boundingBox();
  const second = await tiles.nth(1).boundingBox();
  expect(second!.y).toBeGreaterThan(first!.y); // one column
  await page.reload();
  await ready(page);
  await expect(page.locator('html')).toHaveClass(/large/);
  await setLargeText(page, false);
  await expect(page.locator('html')).not.toHaveClass(/large/);
});

test('English is one tap away on 我的 and is remembered', async ({ page }) => {
  await open(page, '/me');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  for (const tab of TABS) {
    await expect(page.locator('nav.tabs')).toContainText(tab.en);
  }
  await page.reload();
  await ready(page);
  await expect(page.locator('nav.tabs')).toContainText('Repairs');
  // The English error words come in a piece of their own, fetched once
  // English is chosen; a refused login reads them.
  await open(page, '/login');
  await page.getByLabel('Mobile number').fill('13800000003');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password-1');
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByText('Wrong number or password. Please try again.')).toBeVisible();
  await open(page, '/me');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('an unknown address shows a plain page with the way home', async ({ page }) => {
  await open(page, '/no-such-page');
  await expect(page.getByRole('heading', { name: '没有这个页面' })).toBeVisible();
  await page.getByRole('link', { name: '回到首页' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('an unknown API address is a JSON 404, never the app', async ({ request }) => {
  const response = await request.get('/api/v1/nothing');
  expect(response.status()).toBe(404);
  expect((await response.json()).error.code).toBe('not_found');
});

for (const mode of ['normal', 'large'] as const) {
  for (const tab of TABS) {
    test(`${tab.path} in ${mode} text: zero axe violations, big targets, no sideways scroll`, async ({ page }) => {
      await open(page, '/');
      await page.locator('li.community', { hasText: '轻机南院' }).getByRole('button').click();
      await setLargeText(page, mode === 'large');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: tab.zh }).click();
      await expect(page).toHaveURL(new RegExp(`${tab.path}$`));
      await expectNoAxeViolations(page);
      await expectNoSidewaysScroll(page);
      await expectTapTargets(page, mode === 'large' ? 60 : 48);
      const name = tab.path === '/' ? 'home' : tab.path.slice(1);
      await screenshot(page, `${name}-${mode}`);
      await page.setViewportSize({ width: 320, height: 640 });
      await expectNoSidewaysScroll(page);
    });
  }
}

for (const mode of ['normal', 'large'] as const) {
  test(`a manager of two compounds switches in the header; the office pages follow, remembered on the account (${mode} text)`, async ({ browser }) => {
    const office = await person(browser, mode === 'large');
    await login(office, '13800000006');
    const header = office.locator('header.top');
    const switcher = header.getByLabel('管理哪个小区');
    await expect(switcher).toBeVisible();
    const start = (await switcher.locator('option:checked').textContent())!;
    const other = start === '轻机南院' ? '纱厂东院' : '轻机南院';
    await expect(header.locator('h1')).toContainText(start);
    await open(office, '/manage');
    await expect(office.locator('main .soft').first()).toHaveText(start);
    await check(office, `office-switch-${mode}`);

    // The page loads again, speaking for the other compound.
    const reloaded = office.waitForEvent('load');
    await switcher.selectOption({ label: other });
    await reloaded;
    await ready(office);
    await expect(header.locator('h1')).toContainText(other);
    await expect(office.locator('main .soft').first()).toHaveText(other);
    await open(office, '/manage/fees');
    await expect(header.getByLabel('管理哪个小区').locator('option:checked')).toHaveText(other);

    // Another device: the same choice.
    const elsewhere = await person(browser, mode === 'large');
    await login(elsewhere, '13800000006');
    await expect(elsewhere.locator('header.top h1')).toContainText(other);
    // Leave it as the other run expects to find it.
    const back = elsewhere.waitForEvent('load');
    await elsewhere.locator('header.top').getByLabel('管理哪个小区').selectOption({ label: start });
    await back;
    await ready(elsewhere);
    await expect(elsewhere.locator('header.top h1')).toContainText(start);
  });
}
