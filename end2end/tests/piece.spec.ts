import { expect, test } from '@playwright/test';
import { open } from './support';

test('a piece of the app that does not arrive is a plain notice with a retry, not a dead app', async ({ page }) => {
  // The shell arrives; every other piece fails, as on a lost signal.
  let offline = true;
  await page.route('**/*.wasm', async (route) => {
    if (offline && !route.request().url().endsWith('/app_bg.wasm')) await route.abort();
    else await route.continue();
  });
  await open(page, '/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '报修' }).click();
  const notice = page.getByRole('alert');
  await expect(notice).toBeVisible();
  // The rest of the app still works: the tabs answer.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }).click();
  await expect(page.locator('.tiles')).toBeVisible();
  // With the signal back, retry loads the page afresh and the piece arrives.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '报修' }).click();
  offline = false;
  await page.getByRole('alert').getByRole('button').click();
  await expect(page.locator('main > *').first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
