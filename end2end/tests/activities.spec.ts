import { expect, test, type Page } from '@playwright/test';
import { MANAGER, RESIDENT, check, login, open, person } from './support';

const HELPER = '13800000004';

/** "YYYY-MM-DD" and "HH:MM" in Beijing, `minutes` from now. */
function beijing(minutes: number): [string, string] {
  const at = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString();
  return [at.slice(0, 10), at.slice(11, 16)];
}

/** A call the page itself could make (its cookies, the CSRF header). */
async function api(page: Page, method: 'GET' | 'POST', url: string, data?: object) {
  const response = await page.request.fetch(url, {
    method,
    data,
    headers: { 'X-Requested-With': 'courtyard' },
  });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBeTruthy();
  return response.json();
}

test('the office publishes a patrol; the daughter signs her father up; he checks in by the code; a member without a phone is ticked on the list; closing gives +5', async ({ browser }) => {
  // The office publishes this evening's patrol (it starts in ten minutes).
  const office = await person(browser, false);
  await login(office, MANAGER);
  await open(office, '/activities/new');
  const [day, from] = beijing(10);
  const [, to] = beijing(70);
  await office.getByLabel('活动名称').fill('今晚治安巡逻');
  await office.getByLabel('集合地点').fill('大门口');
  await office.getByLabel('日期').fill(day);
  await office.getByLabel('开始时间').fill(from);
  await office.getByLabel('结束时间').fill(to > from ? to : '23:59');
  await check(office, 'activity-new-normal');
  await office.getByRole('button', { name: '发布活动' }).click();
  await expect(office.getByRole('heading', { level: 2, name: '今晚治安巡逻' })).toBeVisible();
  const id = Number(new URL(office.url()).pathname.split('/').pop());

  // The daughter, in another city, signs her father up from 活动.
  const daughter = await person(browser, false);
  await login(daughter, HELPER);
  await open(daughter, '/activities');
  await daughter.getByRole('link', { name: '今晚治安巡逻' }).click();
  await expect(daughter.locator('.facts')).toContainText('每次 +5 分');
  await daughter.getByRole('button', { name: '报名', exact: true }).click();
  await expect(daughter.locator('.said')).toContainText('张建国 · 已报名');
  await check(daughter, 'activity-signed-up-normal');

  // His wife has no phone: the office adds her to the flat and signs her up.
  const household = (await api(daughter, 'GET', '/api/v1/me')).households[0].household_id;
  await open(office, `/activities/${id}/run`);
  const forSomeone = office.locator('section', { has: office.getByRole('heading', { name: '物业代报名、代签到' }) });
  await forSomeone.getByLabel('楼').selectOption({ label: '3号楼' });
  await forSomeone.getByLabel('门牌').selectOption({ value: String(household) });
  await forSomeone.getByLabel('姓名（没有手机的老人）').fill('刘桂兰');
  await forSomeone.getByRole('button', { name: '添加没有手机的家人' }).click();
  const her = forSomeone.locator('li', { hasText: '刘桂兰' });
  await expect(her).toContainText('没有手机');
  await her.getByRole('button', { name: '报名' }).click();
  await expect(office.locator('.said')).toContainText('刘桂兰 · 已报名');
  await check(office, 'activity-for-someone-normal');

  // At the gate: the organiser's phone shows the code; the father types it.
  const code = (await office.locator('.run-code .big-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await check(office, 'activity-run-normal');
  const father = await person(browser, true);
  await login(father, RESIDENT);
  await open(father, `/activities/${id}`);
  await expect(father.locator('.activity-mine')).toContainText('你报名了：张建国、刘桂兰');
  await father.getByLabel('签到码（6 位数字）').fill(code);
  await father.getByRole('button', { name: '签到', exact: true }).click();
  await expect(father.locator('.said')).toContainText('签到好了：张建国');
  await check(father, 'activity-checked-in-large');

  // The office ticks her on the list, then closes: points, once.
  await office.reload();
  await expect(office.locator('.run-code')).toBeVisible();
  const line = office.locator('.attendance-line', { hasText: '刘桂兰' });
  await expect(line).toContainText('没有手机');
  await line.getByRole('button', { name: '签到' }).click();
  await expect(office.locator('.said')).toContainText('签到好了：刘桂兰');
  await office.getByRole('button', { name: '结束并发积分' }).click();
  await office.locator('.confirm').getByRole('button', { name: '结束并发积分' }).click();
  await expect(office.locator('.said')).toContainText('已结束：2 人得到积分，共 10 分');

  // Both balances show the +5; his ledger names the activity.
  const members = await api(daughter, 'GET', `/api/v1/households/${household}/members`);
  expect(members.find((m: { name: string }) => m.name === '刘桂兰').balance).toBe(5);
  await open(father, '/points');
  await expect(father.locator('main')).toContainText('今晚治安巡逻');
});
