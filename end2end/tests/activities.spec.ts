import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { MANAGER, RESIDENT, check, login, open, person } from './support';

// The organiser's camera is Chromium's fake one, playing this file: a blank
// frame until the test draws a resident's code into it.
const CAMERA = path.join(os.tmpdir(), `courtyard-camera-${process.pid}.y4m`);
const [W, H] = [640, 480];
function showCamera(grey: Uint8Array) {
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
  const chroma = Buffer.alloc((W * H) / 2, 128);
  fs.writeFileSync(CAMERA, Buffer.concat([header, Buffer.from('FRAME\n'), Buffer.from(grey), chroma]));
}
showCamera(new Uint8Array(W * H).fill(255));
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${CAMERA}`],
  },
  permissions: ['camera'],
});

/** The QR code a page shows (`selector`), drawn on a white camera frame in grey levels. */
async function frameOf(page: Page, selector: string): Promise<Uint8Array> {
  const grey = await page.evaluate(
    async ([selector, w, h]) => {
      const svg = document.querySelector(selector as string) as SVGElement;
      const img = new Image();
      img.src = 'data:image/svg+xml;base64,' + btoa(new XMLSerializer().serializeToString(svg));
      await img.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [w as number, h as number];
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 170, 90, 300, 300);
      const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
      const out: number[] = [];
      for (let i = 0; i < d.length; i += 4) out.push(Math.round(0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]));
      return out;
    },
    [selector, W, H],
  );
  return Uint8Array.from(grey);
}

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

test('the office publishes a patrol; the daughter signs her father up, the office two members without a phone; check-in by the code, by the camera and by the list; closing gives +5 each', async ({ browser }) => {
  // The office (in large text) publishes this evening's patrol (it starts
  // in ten minutes).
  const office = await person(browser, true);
  await login(office, MANAGER);
  await open(office, '/activities/new');
  const [day, from] = beijing(10);
  const [, to] = beijing(70);
  await office.getByLabel('活动名称').fill('今晚治安巡逻');
  await office.getByLabel('集合地点').fill('大门口');
  await office.getByLabel('日期').fill(day);
  await office.getByLabel('开始时间').fill(from);
  await office.getByLabel('结束时间').fill(to > from ? to : '23:59');
  // A resident volunteer with a phone leads it.
  await office.getByLabel('组织人', { exact: true }).selectOption({ label: '6号楼' });
  await office.getByLabel('哪一位居民志愿者').selectOption({ label: '401 杨志强' });
  await check(office, 'activity-new-large');
  await office.getByRole('button', { name: '发布活动' }).click();
  await expect(office.getByRole('heading', { level: 2, name: '今晚治安巡逻' })).toBeVisible();
  const id = Number(new URL(office.url()).pathname.split('/').pop());

  await expect(office.locator('.facts')).toContainText('杨志强');

  // The daughter, in another city, signs her father up from 活动.
  const daughter = await person(browser, false);
  await login(daughter, HELPER);
  await open(daughter, '/activities');
  await expect(daughter.getByRole('button', { name: '朗读' })).toBeVisible();
  await daughter.getByRole('link', { name: '今晚治安巡逻' }).click();
  await expect(daughter.locator('.facts')).toContainText('每次 +5 分');
  await daughter.getByRole('button', { name: '报名', exact: true }).click();
  await expect(daughter.locator('.said')).toContainText('张建国 · 已报名');
  await check(daughter, 'activity-signed-up-normal');

  // His wife and his brother have no phone: the office adds them to the
  // flat and signs them up.
  const household = (await api(daughter, 'GET', '/api/v1/me')).households[0].household_id;
  await open(office, `/activities/${id}/run`);
  const forSomeone = office.locator('section', { has: office.getByRole('heading', { name: '物业代报名、代签到' }) });
  await forSomeone.getByLabel('楼').selectOption({ label: '3号楼' });
  await forSomeone.getByLabel('门牌').selectOption({ value: String(household) });
  for (const name of ['刘桂兰', '张建华']) {
    await forSomeone.getByLabel('姓名（没有手机的老人）').fill(name);
    await forSomeone.getByRole('button', { name: '添加没有手机的家人' }).click();
    const member = forSomeone.locator('li', { hasText: name });
    await expect(member).toContainText('没有手机');
    await member.getByRole('button', { name: '报名' }).click();
    await expect(office.locator('.said')).toContainText(`${name} · 已报名`);
  }
  await check(office, 'activity-for-someone-large');

  // At the gate, 1: the organiser's phone shows the code; the father types it.
  const code = (await office.locator('.run-code .big-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await check(office, 'activity-run-large');
  const father = await person(browser, true);
  await login(father, RESIDENT);
  await open(father, `/activities/${id}`);
  await expect(father.locator('.activity-mine')).toContainText('你报名了：张建国、刘桂兰、张建华');
  await father.getByLabel('签到码（6 位数字）').fill(code);
  await father.getByRole('button', { name: '签到', exact: true }).click();
  await expect(father.locator('.said')).toContainText('签到好了：张建国');
  await check(father, 'activity-checked-in-large');

  // 2: the wife's card (her daughter shows it on her phone) before the
  // organiser's camera.
  await open(daughter, '/activities/my-code');
  await daughter.getByRole('button', { name: '刘桂兰' }).click();
  await expect(daughter.locator('.person-code .big-name')).toHaveText('刘桂兰');
  await check(daughter, 'activity-my-code-normal');
  showCamera(await frameOf(daughter, '.person-code svg.qr'));
  await office.getByRole('button', { name: '用摄像头扫居民的码' }).click();
  await expect(office.locator('.said')).toContainText('签到好了：刘桂兰', { timeout: 15_000 });

  // 3: the brother is ticked on the list (the paper sheet, entered back).
  const line = office.locator('.attendance-line', { hasText: '张建华' });
  await expect(line).toContainText('没有手机');
  await line.getByRole('button', { name: '签到' }).click();
  await expect(office.locator('.said')).toContainText('签到好了：张建华');
  await expect(office.locator('.attendance-line', { hasText: '刘桂兰' })).toContainText('组织人扫码');

  // Closing gives the points, once.
  await office.getByRole('button', { name: '结束并发积分' }).click();
  await office.locator('.confirm').getByRole('button', { name: '结束并发积分' }).click();
  await expect(office.locator('.said')).toContainText('已结束：3 人得到积分，共 15 分');

  // The three balances show the +5; his ledger names the activity.
  const members = await api(daughter, 'GET', `/api/v1/households/${household}/members`);
  for (const name of ['刘桂兰', '张建华']) {
    expect(members.find((m: { name: string }) => m.name === name).balance).toBe(5);
  }
  await open(father, '/points');
  await expect(father.locator('main')).toContainText('今晚治安巡逻');

  // The red board names the activity beside him.
  await open(father, '/points/board');
  await expect(father.locator('.board li', { hasText: '张某' }).first()).toContainText('今晚治安巡逻');

  // Her month on paper, for the office to hand over.
  const wife = members.find((m: { name: string }) => m.name === '刘桂兰');
  await open(office, `/points/statement?user_id=${wife.user_id}`);
  await expect(office.locator('.statement')).toContainText('治安巡逻（今晚治安巡逻）');
  await expect(office.locator('.statement-sum')).toContainText('现在还有 5 分');
  await check(office, 'points-statement-large');

  // The office's month, and the poster for the board.
  await open(office, '/activities/turnout');
  await expect(office.locator('.activity', { hasText: '今晚治安巡逻' })).toContainText('来了 3 · 发了 15 分');
  await check(office, 'activity-turnout-large');
  await open(father, `/activities/${id}/poster`);
  await expect(father.locator('.poster-title')).toHaveText('今晚治安巡逻');
  await check(father, 'activity-poster-large');
});

test('the office keeps a grandmother without a phone: she swaps at the counter; later she registers with the slip, chooses herself, keeps her points and signs up from 首页', async ({ browser }) => {
  const office = await person(browser, true);
  await login(office, MANAGER);
  const community = (await api(office, 'GET', '/api/v1/me')).communities[0].community_id;
  const slip = (await api(office, 'GET', `/api/v1/admin/households/codes?community_id=${community}`)).slips.find(
    (s: { building: string; flat_label: string }) => s.building === '3号楼' && s.flat_label === '201',
  );
  const grandma = await api(office, 'POST', `/api/v1/households/${slip.household_id}/members`, { name: '张奶奶' });
  await api(office, 'POST', '/api/v1/points/adjustments', {
    community_id: community,
    user_id: grandma.user_id,
    amount: 17,
    reason: '补记纸上登记的打扫',
  });

  // At the counter she swaps a bar of soap; the office hands it over there and then.
  await open(office, '/manage/shop');
  const counter = office.locator('details.counter');
  await counter.locator('summary').click();
  await counter.getByLabel('楼栋').selectOption({ label: '3号楼' });
  await counter.getByLabel('谁来换').selectOption({ label: '201 张奶奶' });
  await expect(counter.locator('.counter-balance')).toContainText('张奶奶 现在有 17');
  const soap = counter.locator('.goods-card', { hasText: '香皂' });
  await soap.getByRole('button', { name: '换' }).click();
  await soap.locator('.confirm').getByRole('button').first().click();
  await expect(counter.locator('.handover')).toContainText('张奶奶');
  await check(office, 'shop-counter-large');
  await counter.locator('.handover').getByRole('button', { name: '已交给住户' }).click();
  await expect(counter.locator('.counter-balance')).toContainText('张奶奶 现在有 7');

  // Her grandson buys her a phone: the slip's QR opens 注册 with the code in it.
  const her = await person(browser, true);
  await her.goto(`/register?code=${slip.code}`);
  await expect(her.locator('html[data-app]')).toHaveCount(1);
  await her.getByLabel('张奶奶').check();
  await expect(her.getByLabel('姓名')).toHaveValue('张奶奶');
  await check(her, 'register-kept-member-large');
  await her.getByLabel('手机号').fill('13700000066');
  await her.getByLabel('密码', { exact: true }).fill('grandma-1950');
  await her.getByRole('button', { name: '注册' }).click();
  await expect(her).toHaveURL(/\/$/);
  await expect(her.locator('main')).toContainText('张奶奶');

  // Her points came with her; she signs up for the patrol from 首页.
  await open(her, '/points');
  await expect(her.locator('.balance .big-figure')).toContainText('7');
  await open(her, '/');
  await her.locator('.activities-card').getByRole('link', { name: '全部活动' }).click();
  await her.getByRole('link', { name: '周六晚治安巡逻' }).click();
  await her.getByRole('button', { name: '报名', exact: true }).click();
  await expect(her.locator('.said')).toContainText('张奶奶 · 已报名');
  await check(her, 'activity-signed-up-herself-large');
});
