import { expect, test } from '@playwright/test';
import { MANAGER, RESIDENT, check, login, open, person } from './support';

const HELPER = '13800000004';

// The servers hold 报平安's clock at noon today (playwright.config.ts): the
// demo father, who checks in by 10:00, has not today.
test('the father misses his check-in; his daughter and the office see it with his phone; 我很好 clears it', async ({ browser }) => {
  // His daughter, far away, sees it on 首页 and in her messages.
  const daughter = await person(browser, false);
  await login(daughter, HELPER);
  const card = daughter.locator('.care-card');
  await expect(card).toContainText('张建国今天还没报平安');
  await expect(card.getByRole('link', { name: `打电话 ${RESIDENT}` })).toHaveAttribute('href', `tel:${RESIDENT}`);
  await check(daughter, 'home-care-missed-normal');
  await open(daughter, '/inbox');
  const told = daughter.locator('.inbox-card', { hasText: '张建国今天还没报平安' });
  await expect(told).toContainText('代办：张建国 · 3号楼 201');
  await expect(told.getByRole('link', { name: `打电话 ${RESIDENT}` })).toBeVisible();

  // The office has him on today's list, by building, with the phone.
  const office = await person(browser, false);
  await login(office, MANAGER);
  await open(office, '/manage/care');
  await expect(office.getByRole('heading', { level: 2, name: '今天还没报平安' })).toBeVisible();
  const row = office.locator('.care-missed li', { hasText: '张建国' });
  await expect(row).toContainText('3号楼 201');
  await expect(row.getByRole('link', { name: `打电话 ${RESIDENT}` })).toHaveAttribute('href', `tel:${RESIDENT}`);
  await check(office, 'care-missed-normal');

  // He, in 长辈模式, presses the very large 我很好.
  const father = await person(browser, true);
  await login(father, RESIDENT);
  const fine = father.getByRole('button', { name: '我很好' });
  await expect(fine).toBeVisible();
  const box = await fine.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(96);
  await check(father, 'home-care-fine-large');
  await fine.click();
  await expect(father.getByRole('status')).toContainText('收到了，今天已报平安。');
  await expect(fine).toHaveCount(0);
  await check(father, 'home-care-thanks-large');

  // It clears: the daughter sees the time, the office's list is empty.
  await daughter.goto('/');
  await expect(card).toContainText('张建国今天 12:00 已报平安');
  await expect(card.getByRole('link', { name: /打电话/ })).toHaveCount(0);
  await open(office, '/manage/care');
  await expect(office.locator('main')).toContainText('今天大家都报过平安了。');

  // Her settings for him: by when, who is told.
  await open(daughter, '/care');
  await expect(daughter.getByLabel('每天几点前报平安')).toHaveValue('10:00');
  await expect(daughter.locator('main')).toContainText('家里人 · 张丽');
  await check(daughter, 'care-settings-normal');
});
