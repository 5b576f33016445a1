import { expect, test } from '@playwright/test';
import { MANAGER, RESIDENT, SCREENSHOTS, check, login, open, person, ready, shifts, watchShifts } from './support';

for (const mode of ['normal', 'large'] as const) {
  const large = mode === 'large';
  const title = large ? '停水通知（大字）' : '停水通知';

  test(`an urgent water outage for two buildings, read and reached (${mode} text)`, async ({ browser }) => {
    // The office posts it for 3号楼 and 4号楼.
    const office = await person(browser, large);
    await login(office, MANAGER);
    await open(office, '/notices');
    await office.getByRole('link', { name: '发通知' }).click();
    await office.getByLabel('标题').fill(title);
    await office.getByLabel('正文').fill('周四 8:00–14:00 停水，请提前储水。\n\n详情：https://example.cn/water');
    await office.getByLabel('类别').selectOption({ label: '停水' });
    await office.getByLabel('紧急（首页置顶提醒，直到看过）').check();
    await office.getByLabel('3号楼', { exact: true }).check();
    await office.getByLabel('4号楼', { exact: true }).check();
    await expect(office.locator('.preview')).toContainText('请提前储水');
    await check(office, `notice-editor-${mode}`);
    await office.getByRole('button', { name: '发布' }).click();
    await expect(office.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(office.locator('.notice')).toContainText('只发给：3号楼、4号楼');
    const id = office.url().split('/').pop();

    // 张建国 of 3号楼 201 sees the banner and the badge until he reads it.
    const elder = await person(browser, large);
    await login(elder, RESIDENT);
    if (large) {
      // Turned on before logging in, it stays on (and is saved for him).
      await expect(elder.locator('html')).toHaveClass(/large/);
    }
    const banner = elder.locator('.urgent-banner', { hasText: title });
    await expect(banner).toBeVisible();
    await expect(elder.locator('nav.tabs a[href="/notices"] .badge')).toBeVisible();
    await check(elder, `home-urgent-${mode}`);
    // Opened afresh, the banner and the badge are in the server's first
    // screen (asked for directly: by now the service worker serves the WASM,
    // which a route cannot hold back), and the app takes over without
    // moving anything.
    const html = await (await elder.request.get('/')).text();
    expect(html.slice(html.indexOf('<div id="first-screen">'))).toMatch(
      new RegExp(`class="urgent-banner"[^]*${title}[^]*class="badge">\\d+<`),
    );
    await watchShifts(elder);
    await elder.reload();
    await ready(elder);
    await expect(banner).toBeVisible();
    expect(await shifts(elder)).toBe(0);
    await banner.getByRole('link', { name: '看详情' }).click();
    await expect(elder.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(elder.getByRole('link', { name: 'https://example.cn/water' })).toBeVisible();
    await expect(elder.getByRole('button', { name: '朗读' })).toBeVisible();
    await check(elder, `notice-detail-${mode}`);
    await elder.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }).click();
    await expect(elder.locator('.urgent-banner', { hasText: title })).toHaveCount(0);
    await open(elder, '/notices');
    await expect(elder.locator('.notice-card', { hasText: title })).not.toContainText('未读');
    await check(elder, `notices-list-${mode}`);

    // The reach page lists exactly the other 49 households of the two buildings.
    await open(office, `/notices/${id}/reach`);
    const unreached = office.locator('ul.unreached > li');
    await expect(unreached).toHaveCount(49);
    await expect(unreached.filter({ hasText: '3号楼 201' })).toHaveCount(0);
    await expect(unreached.first()).toContainText('3号楼 101');
    await expect(unreached.last()).toContainText('4号楼 505');
    await expect(office.locator('.big').first()).toContainText('1 / 50');
    await check(office, `notice-reach-${mode}`);

    // The outage reaches 5号楼 too: the office adds it after publishing, and
    // the reach list follows (24 more households, none of them read).
    await open(office, `/notices/${id}/edit`);
    await expect(office.getByLabel('3号楼', { exact: true })).toBeChecked();
    await office.getByLabel('5号楼', { exact: true }).check();
    await check(office, `notice-edit-buildings-${mode}`);
    await office.getByRole('button', { name: '保存' }).click();
    await expect(office.locator('.notice-detail, main')).toContainText('5号楼');
    await open(office, `/notices/${id}/reach`);
    await expect(office.locator('.big').first()).toContainText('1 / 74');
    await expect(unreached.filter({ hasText: '5号楼' }).first()).toBeVisible();

    // The print view for the paper board.
    await open(office, `/notices/${id}/print`);
    await expect(office.locator('.poster-title')).toHaveText(title);
    await expect(office.locator('.poster svg.qr')).toBeVisible();
    await check(office, `notice-print-${mode}`);
    await office.pdf({ path: `${SCREENSHOTS}/notice-print-${mode}.pdf`, format: 'A4', printBackground: true });
  });
}

test('markup a manager types is shown as text and never runs', async ({ browser }) => {
  const office = await person(browser, false);
  await login(office, MANAGER);
  await open(office, '/notices/new');
  const title = '<b>粗</b><img src=x onerror="window.__xss=1">';
  await office.getByLabel('标题').fill(title);
  await office.getByLabel('正文').fill('<script>window.__xss=2</script>正文');
  await office.getByRole('button', { name: '发布' }).click();
  await expect(office.getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(office.locator('.notice-body')).toContainText('<script>window.__xss=2</script>正文');
  expect(await office.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(office.locator('.notice img')).toHaveCount(0);
});
