import { expect, test } from '@playwright/test';
import { MANAGER, RESIDENT, check, login, open, person } from './support';

const DAUGHTER = '13800000004';
const STAFF = '13800000002';
/** A 1×1 PNG, as a phone would upload a photo. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('the daughter reports a leaking tap with a photo; the office assigns; the worker fixes it; the father gives five stars', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const mode of ['normal', 'large'] as const) {
    const large = mode === 'large';
    // The daughter, from another city, reports for her father.
    const daughter = await person(browser, large);
    await login(daughter, DAUGHTER);
    await open(daughter, '/repairs');
    await check(daughter, `repairs-home-${mode}`);
    await daughter.getByRole('link', { name: /我要报修/ }).click();
    await expect(daughter.getByRole('heading', { name: '什么坏了？' })).toBeVisible();
    await check(daughter, `repairs-categories-${mode}`);
    await daughter.getByRole('button', { name: '水管水龙头' }).click();
    await daughter.getByLabel('怎么坏的（可以不写）').fill('厨房水龙头一直滴水');
    await daughter.locator('#repair-photo').setInputFiles({ name: 'tap.png', mimeType: 'image/png', buffer: PHOTO });
    await expect(daughter.locator('.photo-list img')).toHaveCount(1);
    await check(daughter, `repairs-details-${mode}`);
    await daughter.getByRole('button', { name: '提交报修' }).click();
    await expect(daughter.getByRole('heading', { name: '报修已提交' })).toBeVisible();
    const number = (await daughter.locator('.big-code').textContent())!.trim();
    expect(number).toMatch(/^BX-\d{5,}$/);
    await check(daughter, `repairs-filed-${mode}`);

    // The office assigns it to 王师傅.
    const office = await person(browser, large);
    await login(office, MANAGER);
    await open(office, '/manage/repairs');
    await expect(office.locator('.figures')).toBeVisible();
    await check(office, `repairs-queue-${mode}`);
    await office.locator('a.ticket', { hasText: '3号楼 201' }).first().click();
    await expect(office.locator('.ticket-detail')).toContainText(number);
    await expect(office.getByLabel('派给')).toContainText('王师傅');
    await office.getByLabel('派给').selectOption({ index: 0 });
    await office.getByRole('button', { name: '派单' }).click();
    await expect(office.locator('.ticket-detail')).toContainText('已派师傅');
    await check(office, `repairs-assigned-${mode}`);

    // The worker sees where to go, with the phone one tap away, and fixes it.
    const worker = await person(browser, large);
    await login(worker, STAFF);
    await open(worker, '/repairs');
    await worker.locator('a.ticket', { hasText: '3号楼 201' }).first().click();
    await expect(worker.locator(`a[href="tel:${DAUGHTER}"]`)).toBeVisible();
    await worker.getByRole('button', { name: '开始维修' }).click();
    await expect(worker.locator('.ticket-detail')).toContainText('正在修');
    await worker.getByLabel('说明（可以不写）').fill('换了阀芯');
    await worker.getByRole('button', { name: '已修好' }).click();
    await expect(worker.locator('.ticket-detail')).toContainText('修好了，请确认');
    await check(worker, `repairs-worker-${mode}`);

    // The father sees news on 报修 and confirms with five stars.
    const father = await person(browser, large);
    await login(father, RESIDENT);
    await expect(father.locator('nav.tabs a[href="/repairs"] .badge')).toBeVisible();
    await open(father, '/repairs');
    await father.locator('a.ticket', { hasText: '修好了，请确认' }).first().click();
    await expect(father.getByRole('heading', { name: '修好了吗？请打分' })).toBeVisible();
    await father.getByRole('button', { name: '5 颗星' }).click();
    await check(father, `repairs-rate-${mode}`);
    await father.getByRole('button', { name: '确认修好' }).click();
    await expect(father.locator('.ticket-detail')).toContainText('已完成');
    await expect(father.locator('.timeline')).toContainText('5 颗星');
    await expect(father.locator('.timeline')).toContainText('张丽（代 3号楼 201）');
    await check(father, `repairs-closed-${mode}`);
  }
});

test('the office logs a repair that came by phone', async ({ browser }) => {
  for (const mode of ['normal', 'large'] as const) {
    const office = await person(browser, mode === 'large');
    await login(office, MANAGER);
    await open(office, '/repairs/new?office=1');
    await office.getByRole('button', { name: '暖气' }).click();
    await office.getByLabel('楼', { exact: true }).selectOption({ label: '5号楼' });
    await office.getByLabel('门牌').selectOption({ index: 2 });
    await office.getByLabel('很急（漏水、停电、有危险）').check();
    await office.getByLabel('联系电话').fill('0372-5551234');
    await check(office, `repairs-intake-${mode}`);
    await office.getByRole('button', { name: '提交报修' }).click();
    await expect(office.getByRole('heading', { name: '报修已提交' })).toBeVisible();
    await office.getByRole('link', { name: '看这张报修单' }).click();
    await expect(office.locator('.ticket-detail')).toContainText('5号楼');
    await expect(office.locator('.timeline')).toContainText('李合昌（管理员）');
    const ticketId = new URL(office.url()).pathname.split('/').pop()!;
    const number = `BX-${ticketId.padStart(5, '0')}`;

    // The audit log says it in plain words, with a link to the ticket.
    await open(office, '/manage/audit');
    const line = office.locator('ol.audit li', { hasText: number }).first();
    await expect(line).toContainText(/李合昌 为 5号楼 \S+ 登记了电话报修/);
    await expect(office.locator('ol.audit')).not.toContainText('repair.create');
    await expect(office.locator('ol.audit')).not.toContainText('{');
    await check(office, `audit-${mode}`);
    await line.getByRole('link', { name: number }).click();
    await expect(office.locator('.ticket-detail')).toContainText('5号楼');
  }
});
