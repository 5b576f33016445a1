import { expect, test } from '@playwright/test';
import { MANAGER, PASSWORD, RESIDENT, check, login, open, ready } from './support';

test('installable, and a repeat visit without the network still shows the last notices and bills, marked offline', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The manifest an installed icon needs.
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: '院里', display: 'standalone', theme_color: '#a61b1b' });
  expect(manifest.icons.length).toBeGreaterThan(0);

  // The office posts a notice for everyone.
  const office = await browser.newContext();
  const headers = { 'X-Requested-With': 'courtyard' };
  expect((await office.request.post('/api/v1/auth/login', { data: { phone: MANAGER, password: PASSWORD }, headers })).status()).toBe(200);
  const communities = await (await office.request.get('/api/v1/communities')).json();
  const community = communities.items.find((c: { name: string }) => c.name === '轻机南院').id;
  const posted = await office.request.post('/api/v1/notices', {
    data: { community_id: community, title: '周六上午停水检修', body: '周六 8 点到 12 点停水，请提前接水。', category: 'water' },
    headers,
  });
  expect(posted.status()).toBe(201);
  await office.close();

  await login(page, RESIDENT);
  // The worker installs on the first visit and controls the next one.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await ready(page);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await open(page, '/notices');
  await expect(page.locator('main')).toContainText('周六上午停水检修');
  await open(page, '/fees');
  await expect(page.locator('section.bill').first()).toBeVisible();
  await expect(page.locator('.offline')).toHaveCount(0);

  // No network, for the service worker's own fetches too: with Debian's
  // Chromium 148 the offline emulation reached the page but not the worker,
  // whose fetch still got the server's answer (so no 离线 label).
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await page.goto('/notices');
  await ready(page);
  await expect(page.locator('.offline')).toContainText('离线 · 上次更新');
  await expect(page.locator('main')).toContainText('周六上午停水检修');
  await check(page, 'offline-notices');
  await page.goto('/fees');
  await expect(page.locator('section.bill').first()).toContainText('2026年物业费');
  await expect(page.locator('.offline')).toBeVisible();
  await context.unroute('**/*');
  await context.setOffline(false);
  await context.close();
});

test('a WebView without streaming compilation still starts the app', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    // @ts-expect-error: an old WebView lacks it.
    delete WebAssembly.instantiateStreaming;
  });
  const page = await context.newPage();
  await open(page, '/');
  await expect(page.locator('.welcome')).toBeVisible();
  await context.close();
});
