import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, RESIDENT, expectNoAxeViolations, holdWasm, ready, screenshot, shifts, watchShifts } from './support';

// The entry pages arrive with their first screen in the HTML (issue #17):
// it paints before the WebAssembly, and the app takes it over unchanged.

/** Lets the WASM through and expects the app to take over with the same
 *  pixels and without a layout shift. */
async function takesOverUnchanged(page: Page, release: () => void) {
  const before = await page.screenshot();
  release();
  await ready(page);
  expect((await page.screenshot()).equals(before)).toBe(true);
  expect(await shifts(page)).toBe(0);
}

async function qingjiId(page: Page): Promise<number> {
  const list = await (await page.request.get('/api/v1/communities')).json();
  return list.items.find((c: { name: string }) => c.name === '轻机南院').id;
}

for (const large of [false, true]) {
  const mode = large ? 'large' : 'normal';

  test(`首页 paints from the HTML and the app takes over without a visible change (${mode})`, async ({ browser }) => {
    const context = await browser.newContext();
    if (large) {
      await context.addCookies([{ name: 'courtyard_large_text', value: '1', url: test.info().project.use.baseURL! }]);
    }
    const page = await context.newPage();
    await watchShifts(page);
    const release = await holdWasm(page);
    await page.goto('/');
    const first = page.locator('#first-screen');
    await expect(first.locator('header.top h1')).toContainText('院里');
    await expect(first.locator('li.community', { hasText: '轻机南院' }).locator('a[href="tel:0372-3169690"]')).toBeVisible();
    await expect(first.locator('.tile')).toHaveCount(4);
    await expect(first.getByRole('switch')).toHaveAttribute('aria-checked', String(large));
    if (large) await expect(page.locator('html')).toHaveClass(/large/);
    await screenshot(page, `first-screen-home-${mode}`);
    await takesOverUnchanged(page, release);
    await expectNoAxeViolations(page);
    await context.close();
  });

  test(`a signed-in resident's 首页 is theirs from the first paint (${mode})`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = await page.request.post('/api/v1/auth/login', {
      data: { phone: RESIDENT, password: PASSWORD },
      headers: { 'X-Requested-With': 'courtyard' },
    });
    expect(login.status()).toBe(200);
    if (large) {
      await context.addCookies([{ name: 'courtyard_large_text', value: '1', url: test.info().project.use.baseURL! }]);
    }
    await watchShifts(page);
    const release = await holdWasm(page);
    await page.goto('/');
    const first = page.locator('#first-screen');
    await expect(first.locator('.welcome')).toHaveText('您好，张建国！');
    await expect(first.locator('header.top h1')).toContainText('轻机南院');
    await expect(first.locator('header a.call')).toHaveAttribute('href', 'tel:0372-3169690');
    await expect(page.locator('li.community')).toHaveCount(0);
    await screenshot(page, `first-screen-resident-${mode}`);
    await takesOverUnchanged(page, release);
    await context.close();
  });
}

test('what was typed into 登录 before the app started is kept, and so is the focus', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/login');
  await page.locator('#first-screen #phone').fill('13800000003');
  await page.locator('#first-screen #password').fill('qingji');
  await expect(page.locator('#first-screen #password')).toBeFocused();
  release();
  await ready(page);
  await expect(page.getByLabel('手机号')).toHaveValue('13800000003');
  await expect(page.getByLabel('密码', { exact: true })).toHaveValue('qingji');
  await expect(page.getByLabel('密码', { exact: true })).toBeFocused();
  // The app has the values, not just the fields: it sends them.
  await page.keyboard.type('1969');
  await page.keyboard.press('Enter');
  await expect(page.locator('.welcome')).toContainText('您好，张建国');
});

test('a login sent before the app started is held, never sent as a plain form, then sent by the app', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/login');
  await page.locator('#first-screen #phone').fill(RESIDENT);
  await page.locator('#first-screen #password').fill(PASSWORD);
  await page.locator('#first-screen #password').press('Enter');
  // Still here, and the password never went into the address.
  expect(page.url()).not.toContain('password');
  release();
  await expect(page.locator('.welcome')).toContainText('您好，张建国');
  expect(page.url()).not.toContain('password');
});

test('without JavaScript, 首页 and 登录 still show the header, the office phone and the page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('院里');
  await expect(page.locator('li.community', { hasText: '轻机南院' }).locator('a[href="tel:0372-3169690"]')).toBeVisible();
  await expect(page.locator('main .tile')).toHaveCount(4);
  await expect(page.locator('nav.tabs a')).toHaveCount(5);
  await screenshot(page, 'no-javascript-home');
  // A returning visitor has chosen 轻机南院: its phone is in the header.
  const id = await qingjiId(page);
  await context.addCookies([{ name: 'courtyard_community', value: String(id), url: test.info().project.use.baseURL! }]);
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('轻机南院');
  await expect(page.locator('header a.call')).toHaveAttribute('href', 'tel:0372-3169690');
  await expect(page.locator('main form #phone')).toBeVisible();
  await expect(page.locator('main form #password')).toBeVisible();
  await screenshot(page, 'no-javascript-login');
  // Sent anyway, the password never lands in the address.
  await page.locator('#phone').fill(RESIDENT);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password').press('Enter');
  await page.waitForLoadState();
  expect(page.url()).not.toContain(PASSWORD);
  await context.close();
});
