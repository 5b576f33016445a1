import { expect, test, type Page } from '@playwright/test';
import { login, open, MANAGER, RESIDENT } from './support';

/** Records the path of every WASM file the page asks for. */
function wasmFetched(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) seen.push(path);
  });
  return seen;
}

/** The files the service worker keeps at install: the shell and every piece
 * of the residents' pages, never the office console's. */
async function residentFiles(page: Page): Promise<Set<string>> {
  const worker = await (await page.request.get('/sw.js')).text();
  const assets = worker.match(/const ASSETS = (\[.*\]);/);
  expect(assets).not.toBeNull();
  return new Set(JSON.parse(assets![1]) as string[]);
}

test('a first visit downloads the shell alone, and a resident never the office console', async ({ page }) => {
  const fetched = wasmFetched(page);
  await open(page, '/');
  await expect(page.locator('.tiles')).toBeVisible();
  expect(fetched.map((p) => p.split('/').pop())).toEqual(['app_bg.wasm']);

  await login(page, RESIDENT);
  for (const path of ['/repairs', '/repairs/new', '/points', '/points/board', '/notices', '/fees', '/me']) {
    await open(page, path);
    await expect(page.locator('main > *').first()).toBeVisible();
  }
  // Each capability came in its own pieces, and none of them was the office's.
  expect(fetched.length).toBeGreaterThan(6);
  const resident = await residentFiles(page);
  expect(fetched.filter((p) => !resident.has(p))).toEqual([]);
});

test('the office console arrives in its own pieces when a manager opens it', async ({ page }) => {
  await login(page, MANAGER);
  const fetched = wasmFetched(page);
  await open(page, '/manage');
  await expect(page.locator('main h2.section-title').first()).toBeVisible();
  const resident = await residentFiles(page);
  expect(fetched.some((p) => !resident.has(p))).toBe(true);
});
