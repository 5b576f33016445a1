import { expect, test } from '@playwright/test';
import { MANAGER, RESIDENT, check, login, open, person, ready } from './support';

const DAUGHTER = '13800000004';

test('deciding the roof together: the office opens a major-matter vote, the father votes on his phone, his daughter changes it, the office enters two paper ballots, the missing list shrinks, and the published result states participation and approval by area and by households', async ({ browser }) => {
  test.setTimeout(180_000);
  // The office (in large text) opens the vote.
  const office = await person(browser, true);
  await login(office, MANAGER);
  await open(office, '/manage');
  await office.getByRole('link', { name: '表决' }).click();
  await office.getByRole('link', { name: '发起表决' }).click();
  await office.getByLabel('要大家定的事').fill('用维修基金换屋顶');
  await expect(office.getByLabel('重大事项')).toBeChecked();
  await office.getByLabel('要先看的材料（可以不写）').fill('3号楼、4号楼屋顶漏水，报价 12 万元，从维修基金支出。');
  await check(office, 'vote-new-large');
  await office.getByRole('button', { name: '开始表决' }).click();
  await expect(office.getByRole('heading', { level: 2, name: '用维修基金换屋顶' })).toBeVisible();
  const missing = office.locator('section[aria-labelledby="missing-title"] p').first();
  await expect(missing).toHaveText('327 户');
  const voteUrl = office.url();

  // The father, on his phone, finds it from 通知 and agrees.
  const father = await person(browser, false);
  await login(father, RESIDENT);
  await open(father, '/notices');
  await father.getByRole('link', { name: '大家来表决' }).click();
  await father.locator('.vote-card', { hasText: '用维修基金换屋顶' }).click();
  await expect(father.locator('.vote-card')).toHaveCount(0);
  await expect(father.locator('main')).toContainText('四分之三以上同意');
  await father.getByLabel('同意', { exact: true }).check();
  await father.getByRole('button', { name: '投票' }).click();
  await expect(father.locator('.ballot').getByRole('status')).toContainText('您家投了：同意（张建国');
  await check(father, 'vote-resident-normal');

  // His daughter, from another city, changes it for him.
  const daughter = await person(browser, true);
  await login(daughter, DAUGHTER);
  await open(daughter, new URL(voteUrl).pathname);
  await expect(daughter.locator('.ballot').getByRole('status')).toContainText('同意（张建国');
  await daughter.getByLabel('不同意').check();
  await daughter.getByRole('button', { name: '改成这个' }).click();
  await expect(daughter.locator('.ballot').getByRole('status')).toContainText('您家投了：不同意（张丽');
  await check(daughter, 'vote-helper-large');

  // The office enters two paper ballots from 1号楼; the missing list shrinks.
  await office.reload();
  await ready(office);
  await expect(missing).toHaveText('326 户');
  const paper = office.locator('details', { hasText: '录入纸质票' });
  await paper.locator('summary').click();
  for (const [i, no] of [[1, 'P-001'], [2, 'P-002']] as const) {
    await paper.getByLabel('楼', { exact: true }).selectOption({ label: '1号楼' });
    await paper.getByLabel('门牌').selectOption({ index: i });
    await paper.getByLabel('您家的选择').selectOption({ label: '同意' });
    await paper.getByLabel('票的编号').fill(no);
    await paper.getByLabel('谁收的票').fill('王阿姨');
    await paper.getByRole('button', { name: '录入' }).click();
    await expect(paper.getByRole('status')).toContainText('已录入');
  }
  await expect(missing).toHaveText('324 户');
  const tally = office.locator('section[aria-labelledby="tally-title"]');
  await expect(tally).toContainText('3 / 327');
  await expect(tally).toContainText('参与还不到三分之二');
  await expect(tally).toContainText('手机投票 1 户，纸质票 2 户');
  await check(office, 'vote-office-large');
  await office.getByRole('link', { name: '打印上门名单' }).click();
  await expect(office.locator('ul.unreached > li')).toHaveCount(324);
  await office.goBack();
  await ready(office);

  // At close the result is fixed and published.
  await office.getByRole('button', { name: '结束表决并公布结果' }).click();
  await office.locator('.confirm').getByRole('button', { name: '结束表决并公布结果' }).click();
  await expect(office.locator('section[aria-labelledby="vote-result"]')).toContainText('3 / 327');
  await father.reload();
  await ready(father);
  await expect(father.getByRole('button', { name: '改成这个' })).toHaveCount(0);
  await father.getByRole('link', { name: '看公布的结果' }).click();
  const notice = father.locator('main');
  await expect(notice).toContainText('表决结果：用维修基金换屋顶');
  await expect(notice).toContainText('参与表决 3 户（占 0.9%）');
  await expect(notice).toContainText(/同意：2 户（占 66\.6%），面积 [\d.]+ 平方米（占 [\d.]+%）/);
  await expect(notice).toContainText('结果：未通过。');
  await check(father, 'vote-result-normal');
});

test('the suggestion box: the daughter complains without her name, with a photo; the office sees only the building and answers; she hears of it and says it helped (large text)', async ({ browser }) => {
  test.setTimeout(120_000);
  const daughter = await person(browser, true);
  await login(daughter, DAUGHTER);
  await open(daughter, '/notices');
  await daughter.getByRole('link', { name: '意见箱' }).click();
  await daughter.getByRole('link', { name: '写意见' }).click();
  await daughter.getByLabel('投诉').check();
  await daughter.getByLabel('想说的话').fill('3号楼门口的垃圾桶三天没清了，夏天很臭。');
  const picture = await daughter.screenshot({ clip: { x: 0, y: 0, width: 200, height: 48 } });
  await daughter.getByLabel('照片（可以不传）').setInputFiles({ name: 'bin.png', mimeType: 'image/png', buffer: picture });
  await expect(daughter.locator('.photo-input img')).toHaveCount(1);
  await daughter.getByLabel('不让物业看到我的名字和门牌').check();
  await check(daughter, 'suggestion-new-large');
  await daughter.getByRole('button', { name: '投进意见箱' }).click();
  await expect(daughter.locator('.suggestion')).toContainText('张丽 · 3号楼 201');
  const path = new URL(daughter.url()).pathname;

  const office = await person(browser, true);
  await login(office, MANAGER);
  await open(office, '/manage');
  await office.getByRole('link', { name: '意见箱' }).click();
  const card = office.locator('.suggestion-card').first();
  await expect(card).toContainText('3号楼的一位居民');
  await expect(card).toContainText('等物业回复');
  await card.click();
  await expect(office.locator('main')).not.toContainText('张丽');
  await expect(office.locator('.suggestion img')).toBeVisible();
  await office.getByLabel('回复居民').fill('已经让保洁每天清两次，谢谢提醒。');
  await office.getByRole('button', { name: '回复' }).click();
  await expect(office.locator('.reply.office')).toContainText('李合昌');
  await check(office, 'suggestion-office-large');

  await open(daughter, '/inbox');
  await daughter.locator('.inbox-card', { hasText: '物业回复了您的意见' }).first().getByRole('link', { name: '去看看' }).click();
  await expect(daughter).toHaveURL(new RegExp(`${path}$`));
  await daughter.getByRole('button', { name: '有帮助' }).click();
  await expect(daughter.locator('.said')).toContainText('您说：有帮助');
  await check(daughter, 'suggestion-answered-large');
  await open(office, '/suggestions');
  await expect(office.locator('main')).toContainText('三天内回复了 1 / 1 条');
});

test('asking opinions: the office asks what to do with the empty lot, the father answers in his words, the office reads them and publishes them without names', async ({ browser }) => {
  test.setTimeout(120_000);
  const office = await person(browser, false);
  await login(office, MANAGER);
  await open(office, '/votes/new');
  await office.getByLabel('要大家定的事').fill('院里的空地做什么好？');
  await office.getByLabel('征求意见（每人一份，不算票）').check();
  await office.getByRole('button', { name: '开始表决' }).click();
  await expect(office.getByRole('heading', { level: 2, name: '院里的空地做什么好？' })).toBeVisible();
  const url = new URL(office.url()).pathname;

  const father = await person(browser, true);
  await login(father, RESIDENT);
  await open(father, url);
  await expect(father.locator('main')).toContainText('这不是表决');
  await father.getByRole('textbox', { name: '您的意见' }).fill('种几棵枣树，夏天能乘凉');
  await father.getByRole('button', { name: '投票' }).click();
  await expect(father.locator('.ballot').getByRole('status')).toContainText('您说：种几棵枣树，夏天能乘凉');
  await check(father, 'consultation-answer-large');

  await office.reload();
  await ready(office);
  const count = office.locator('section[aria-labelledby="tally-title"]');
  await expect(count).toContainText('已回答 1 人');
  await expect(count).toContainText('种几棵枣树，夏天能乘凉');
  await check(office, 'consultation-office-normal');
  await office.getByRole('button', { name: '结束表决并公布结果' }).click();
  await office.locator('.confirm').getByRole('button', { name: '结束表决并公布结果' }).click();
  await expect(office.locator('section[aria-labelledby="vote-result"]')).toContainText('种几棵枣树');
  await father.reload();
  await ready(father);
  await father.getByRole('link', { name: '看公布的结果' }).click();
  await expect(father.locator('main')).toContainText('征求意见结果：院里的空地做什么好？');
  await expect(father.locator('main')).toContainText('· 种几棵枣树，夏天能乘凉');
  await expect(father.locator('main')).not.toContainText('张建国');
});
