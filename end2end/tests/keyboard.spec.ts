import { expect, test } from '@playwright/test';
import { MANAGER, login } from './support';

test('a manager works the repair queue with the keyboard alone, and always sees where the focus is', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });
  const page = await context.newPage();
  await login(page, MANAGER);
  await page.goto('/manage/repairs');
  await expect(page.locator('a.ticket').first()).toBeVisible();
  // Tab until a ticket has the focus; every stop shows a visible ring.
  let onTicket = false;
  for (let i = 0; i < 40 && !onTicket; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const cs = getComputedStyle(el);
      return { ticket: el.classList.contains('ticket'), ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
    });
    expect(focus.ring).toBe(true);
    onTicket = focus.ticket;
  }
  expect(onTicket).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('.ticket-detail')).toBeVisible();
  // To the worker list (once it has arrived), pick with the arrow keys,
  // assign with Enter.
  await expect(page.locator('#assign-worker option')).not.toHaveCount(0);
  await page.getByLabel('派给').focus();
  await page.keyboard.press('ArrowDown');
  const assign = page.getByRole('button', { name: '派单' });
  await assign.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ticket-detail')).toContainText('已派师傅');
  await context.close();
});
