import { expect, test, type Browser, type Page } from '@playwright/test';
import { MANAGER, PASSWORD, check, login, open, person } from './support';

const HELPER = '13800000004';
const STAFF = '13800000002';
const headers = { 'X-Requested-With': 'courtyard' };

/** A logged-in API client in its own context. */
async function client(browser: Browser, phone: string) {
  const context = await browser.newContext();
  const login = await context.request.post('/api/v1/auth/login', { data: { phone, password: PASSWORD }, headers });
  expect(login.status()).toBe(200);
  return context.request;
}

/** As a phone does when its owner comes back to the browser tab. */
async function showAgain(page: Page) {
  await page.evaluate(() => {
    for (const state of ['hidden', 'visible']) {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }
  });
}

for (const mode of ['normal', 'large'] as const) {
  const large = mode === 'large';

  test(`the office fixes the father's tap; his daughter hears of it without reloading (${mode} text)`, async ({ browser }) => {
    // The daughter, in another city, has read all her messages (marked
    // through the API: the button only shows once the list has arrived, so
    // looking for it straight away raced the page).
    const helper = await client(browser, HELPER);
    expect((await helper.post('/api/v1/inbox/read', { data: { ids: [], all: true }, headers })).status()).toBe(200);
    const daughter = await person(browser, large);
    await login(daughter, HELPER);
    await open(daughter, '/inbox');
    await expect(daughter.getByRole('heading', { level: 2, name: '消息' })).toBeVisible();
    await expect(daughter.locator('.skeleton')).toHaveCount(0);
    await expect(daughter.locator('.inbox-card.unread')).toHaveCount(0);
    const meBadge = daughter.locator('nav.tabs a[href="/me"] .badge');
    await expect(meBadge).toHaveCount(0);

    // Her father's tap leaks; the office gives it to 王师傅, who fixes it.
    const father = await client(browser, '13800000003');
    const description = large ? '卫生间水龙头漏水' : '厨房水龙头漏水';
    const ticket = await (await father.post('/api/v1/repairs', { data: { category: 'water', description, urgent: false }, headers })).json();
    const office = await client(browser, MANAGER);
    const workers = await (await office.get('/api/v1/repairs/workers')).json();
    const worker = workers.find((w: { phone: string }) => w.phone === STAFF).user_id;
    expect((await office.post(`/api/v1/repairs/${ticket.id}/events`, { data: { kind: 'assign', assignee_id: worker }, headers })).status()).toBe(201);
    const staff = await client(browser, STAFF);
    for (const status of ['in_progress', 'resolved']) {
      expect((await staff.post(`/api/v1/repairs/${ticket.id}/events`, { data: { kind: 'status', status }, headers })).status()).toBe(201);
    }

    // She comes back to the tab: the badge shows the news without a reload.
    await open(daughter, '/');
    await showAgain(daughter);
    await expect(meBadge).toHaveText(/^3/);
    await expect(daughter.locator('.inbox-row .badge')).toHaveText(/^3/);
    await check(daughter, `home-inbox-${mode}`);
    await daughter.locator('.inbox-row').click();
    const fixed = daughter.locator('.inbox-card.unread', { hasText: `「${description}」修好了，请确认并评价` });
    await expect(fixed).toBeVisible();
    await expect(fixed).toContainText('代办：张建国 · 3号楼 201');
    await expect(fixed.getByRole('button', { name: '朗读' })).toBeVisible();
    await check(daughter, `inbox-${mode}`);

    // Opening it marks it read and goes to the ticket.
    await fixed.getByRole('link', { name: '去看看' }).click();
    await expect(daughter).toHaveURL(new RegExp(`/repairs/${ticket.id}$`));
    await expect(meBadge).toHaveText(/^2/);
    await open(daughter, '/inbox');
    await daughter.getByRole('button', { name: '全部标为已读' }).click();
    await expect(daughter.locator('.inbox-card.unread')).toHaveCount(0);
    await expect(meBadge).toHaveCount(0);
  });
}
