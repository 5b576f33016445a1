import { expect, test } from '@playwright/test';
import { MANAGER, RESIDENT, check, login, open, person } from './support';

test('the office records a patrol for three; one of them swaps points for a dishcloth; the office hands it over by its code; the red board shows him', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const mode of ['normal', 'large'] as const) {
    const large = mode === 'large';
    const office = await person(browser, large);
    await login(office, MANAGER);
    await open(office, '/manage/points');
    await expect(office.getByLabel('活动')).toContainText('治安巡逻');
    await office.getByLabel('活动').selectOption({ index: 0 });
    // Name and flat: other journeys register people with the same names.
    for (const who of ['张建国 · 3号楼 201', '王秀英 · 1号楼 101', '陈玉兰 · 4号楼 202']) {
      await office.locator('.people label', { hasText: who }).click();
    }
    await expect(office.locator('legend')).toContainText('已选 3 人');
    await check(office, `points-award-${mode}`);
    await office.getByRole('button', { name: '记上积分' }).click();
    await expect(office.getByRole('status')).toContainText('已给 3 人各记 5 分');

    const father = await person(browser, large);
    await login(father, RESIDENT);
    await open(father, '/points');
    const balance = father.locator('.big-figure');
    await expect(balance).toBeVisible();
    const before = Number((await balance.textContent())!.replace(/\D/g, ''));
    await expect(father.locator('.ledger li').first()).toContainText('治安巡逻');
    await expect(father.locator('.ledger li').first()).toContainText('+5');
    await check(father, `points-home-${mode}`);
    const cloth = father.locator('.goods-card', { hasText: '洗碗巾' });
    await cloth.getByRole('button', { name: '换' }).click();
    await expect(cloth.locator('.confirm')).toContainText('用 5 积分换 1 个洗碗巾？');
    await cloth.locator('.confirm').getByRole('button', { name: '换', exact: true }).click();
    const code = father.locator('.issued .big-code').first();
    await expect(code).toHaveText(/^\d{6}$/);
    const pickup = (await code.textContent())!.trim();
    await expect(balance).toHaveText(new RegExp(`^${before - 5}`));
    await check(father, `points-code-${mode}`);

    await open(office, '/manage/shop');
    await office.getByLabel('取货码').fill(pickup);
    await office.getByRole('button', { name: '查找' }).click();
    const found = office.locator('article.handover', { hasText: pickup }).first();
    await expect(found).toContainText('张建国');
    await expect(found).toContainText('3号楼 201');
    await check(office, `points-handover-${mode}`);
    await found.getByRole('button', { name: '已交给住户' }).click();
    await expect(office.locator('article.handover', { hasText: pickup })).toHaveCount(0);

    await open(father, '/points/board');
    await expect(father.locator('.board')).toContainText('张某');
    await check(father, `points-board-${mode}`);
  }
});
