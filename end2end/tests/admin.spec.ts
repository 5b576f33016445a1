// 全区: the district's operator adds a compound, gives it a manager who
// already runs another compound and a new one, takes one off again, and
// reads the district's totals (never a household's data).
import { expect, test } from '@playwright/test';
import { check, login, open, person } from './support';

const ADMIN = '13800000007';

for (const mode of ['normal', 'large'] as const) {
  const large = mode === 'large';
  // Each run adds its own compound and its own new manager.
  const compound = large ? '红星机械厂宿舍' : '纺机新村';
  const newPhone = large ? '13600000072' : '13600000071';

  test(`the operator adds a compound and its managers, and takes one off (${mode} text)`, async ({ browser }) => {
    const page = await person(browser, large);
    await login(page, ADMIN);

    // 首页 carries the district in one line and the way in.
    const card = page.locator('section', { has: page.getByRole('heading', { name: '全区' }) });
    await expect(card).toContainText(/个小区 · \d+ 户 · \d+ 人在用/);
    await card.getByRole('link', { name: '看各小区和管理员' }).click();
    await expect(page).toHaveURL(/\/admin$/);

    // Each compound with its totals; 轻机南院 has its 327 households.
    const qingji = page.locator('section', { has: page.getByRole('heading', { name: '轻机南院', level: 3 }) });
    await expect(qingji).toContainText('327');
    await expect(qingji).toContainText('物业费收缴率');
    await expect(qingji.locator('a[href="tel:0372-3169690"]')).toBeVisible();
    await expect(page.getByText('张建国')).toHaveCount(0);
    await check(page, `admin-district-${mode}`);

    // A new compound.
    await page.getByLabel('小区名称').fill(compound);
    await page.getByLabel('地址').fill('建设路 12 号');
    await page.getByLabel('物业电话').fill('0371-6650001');
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `已新建：${compound}` })).toBeVisible();
    const fresh = page.locator('section', { has: page.getByRole('heading', { name: compound, level: 3 }) });
    await expect(fresh).toBeVisible();
    await fresh.getByRole('link', { name: `${compound}的管理员` }).click();
    await expect(page.getByRole('heading', { name: `${compound}的物业管理员` })).toBeVisible();
    await expect(page.getByText('这个小区还没有物业管理员。')).toBeVisible();

    // 赵桂兰 runs 纱厂东院: her phone alone makes her a manager here too.
    await page.getByLabel('手机号').fill('13800000005');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    const zhao = page.locator('section.manager', { hasText: '赵桂兰' });
    await expect(zhao).toContainText('也管：纱厂东院');
    await expect(page.getByRole('status').filter({ hasText: '已添加' })).toBeVisible();
    // A new person's phone alone is not enough: the page says what else it needs.
    await page.getByLabel('手机号').fill(newPhone);
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await expect(page.getByText('没有用这个手机号的账号。要新建，请同时填姓名和第一次的密码。')).toBeVisible();
    await page.getByLabel('姓名（新账号才填）').fill('孙红梅');
    await page.getByLabel('第一次的密码（新账号才填）').fill('sun-hongmei-2026');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await expect(page.locator('section.manager', { hasText: '孙红梅' })).toContainText(newPhone);
    await check(page, `admin-managers-${mode}`);

    // She keeps her own compound only: asked first, in plain words.
    await zhao.getByRole('button', { name: '撤下' }).click();
    await expect(zhao).toContainText(`让 赵桂兰 不再管理${compound}？`);
    await zhao.getByRole('button', { name: '撤下' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已撤下 赵桂兰。' })).toBeVisible();
    await expect(page.locator('section.manager', { hasText: '赵桂兰' })).toHaveCount(0);

    // The new manager logs in to her compound's office.
    const manager = await person(browser, large);
    await login(manager, newPhone, 'sun-hongmei-2026');
    await open(manager, '/manage');
    await expect(manager.locator('main')).toContainText(compound);
    await manager.context().close();
    await page.context().close();
  });
}
