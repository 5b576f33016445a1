import { expect, test, type Page } from '@playwright/test';
import { MANAGER, SCREENSHOTS, check, expectNoAxeViolations, login, open, person, ready, screenshot } from './support';


for (const mode of ['normal', 'large'] as const) {
  const large = mode === 'large';
  // Each mode registers its own people in its own flat.
  const flat = large ? '203' : '202';
  const resident = large ? '13911110002' : '13911110001';
  const daughter = large ? '13722220002' : '13722220001';

  test(`registering, helping, revoking and resetting (${mode} text)`, async ({ browser }) => {
    // The office prints the slips of 3号楼.
    const office = await person(browser, large);
    await login(office, MANAGER);
    await open(office, '/me');
    await office.getByRole('link', { name: '物业管理' }).click();
    await office.getByRole('link', { name: '打印登记码' }).click();
    await office.getByLabel('楼').selectOption({ label: '3号楼' });
    const slip = office.locator('article.slip', { hasText: `3号楼 ${flat}` });
    await expect(slip.locator('.big-code')).toHaveText(/^[2-9A-HJ-NP-Z]{8}$/);
    await expect(slip.locator('svg.qr')).toBeVisible();
    await check(office, `manage-codes-${mode}`);
    // The A4 sheet for the notice board, kept as an artefact.
    await office.pdf({ path: `${SCREENSHOTS}/registration-slips-${mode}.pdf`, format: 'A4', printBackground: true });
    const code = (await slip.locator('.big-code').textContent())!.trim();

    // The elderly resident opens the QR link: the code is already there.
    const elder = await person(browser, large);
    await elder.goto(`/register?code=${code}`);
    await ready(elder);
    await expect(elder.getByLabel('登记码')).toHaveValue(code);
    await elder.getByLabel('手机号').fill(resident);
    await elder.getByLabel('姓名').fill('王秀英');
    await elder.getByLabel('密码', { exact: true }).fill('xiuying-1952');
    await check(elder, `register-${mode}`);
    await elder.getByRole('button', { name: '注册' }).click();
    await expect(elder.locator('.welcome')).toContainText('您好，王秀英！');
    // Her large-text choice made before registering is kept for her account.
    await expect(elder.locator('html')).toHaveClass(large ? /large/ : /^(?!.*large)/);

    // She gives her daughter a helper code.
    await open(elder, '/me');
    await expect(elder.locator('.household')).toContainText(`3号楼 ${flat}`);
    await elder.getByRole('button', { name: '给家人一个代办码' }).click();
    const helperCode = (await elder.locator('.issued .big-code').textContent())!.trim();
    await check(elder, `me-resident-${mode}`);

    // The daughter, in another city, registers with it as 子女.
    const child = await person(browser, large);
    await child.goto(`/register?for=helper&code=${helperCode}`);
    await ready(child);
    await expect(child.getByLabel('登记码')).toHaveValue(helperCode);
    await child.getByLabel('手机号').fill(daughter);
    await child.getByLabel('姓名').fill('王小红');
    await child.getByLabel('密码', { exact: true }).fill('xiaohong-1980');
    await child.getByLabel('子女').check();
    await check(child, `register-helper-${mode}`);
    await child.getByRole('button', { name: '注册' }).click();
    // She sees her mother's household, and says so on every screen.
    await expect(child.locator('.household')).toContainText(`王秀英 · 3号楼 ${flat}`);
    await expect(child.locator('.acting')).toContainText(`代办：王秀英 · 3号楼 ${flat}`);
    await child.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '报修' }).click();
    await expect(child.locator('.acting')).toContainText('王秀英');
    await check(child, `helper-banner-${mode}`);

    // The mother revokes her: it asks first, in plain words.
    await elder.reload();
    await ready(elder);
    await expect(elder.locator('li.helper')).toContainText('王小红');
    await elder.locator('li.helper').getByRole('button', { name: '取消代办' }).click();
    await expect(elder.locator('.confirm')).toContainText('确定不让 王小红 再替您办事吗？');
    await check(elder, `revoke-confirm-${mode}`);
    await elder.getByRole('button', { name: '是的，取消' }).click();
    await expect(elder.locator('.helpers')).toContainText('还没有家人帮您办事。');
    await child.reload();
    await ready(child);
    await expect(child.locator('.acting')).toHaveCount(0);

    // She forgets her password; the office reads her a reset code.
    await open(office, '/manage');
    const resetForm = office.locator('form', { hasText: '给居民重置密码' });
    await resetForm.getByLabel('手机号').fill(resident);
    await resetForm.getByRole('button', { name: '生成重置码' }).click();
    const resetCode = (await office.locator('.issued .big-code').textContent())!.trim();
    await check(office, `manage-${mode}`);
    const again = await person(browser, large);
    await open(again, '/reset-password');
    await again.getByLabel('手机号').fill(resident);
    await again.getByLabel('重置码').fill(resetCode);
    await again.getByLabel('新密码').fill('xiuying-2026');
    await again.getByRole('button', { name: '设好新密码' }).click();
    await expect(again.locator('.welcome')).toContainText('您好，王秀英！');

    // Logging out asks first.
    await open(again, '/me');
    await again.getByRole('button', { name: '退出登录' }).click();
    await again.getByRole('button', { name: '是的，退出' }).click();
    await expect(again.getByRole('link', { name: '登录', exact: true })).toBeVisible();
  });
}

test('a wrong password says so plainly and the login page offers the office phone', async ({ page }) => {
  await open(page, '/login');
  await page.getByLabel('手机号').fill('13800000003');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '显示密码' }).click();
  await expect(page.getByLabel('密码', { exact: true })).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '手机号或密码不对' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'login-error');
});
