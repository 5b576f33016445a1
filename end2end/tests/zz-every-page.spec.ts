// Every page, every way it is seen: each route a role can reach, at 360×740
// and 320×640, in normal text, in 长辈模式 and with the root text at 140 %
// (WeChat's care mode). axe-core finds nothing, nothing scrolls sideways,
// no text is cut off, and each view is kept as a screenshot. Named to run
// last: it only reads, and it leaves every account in normal text.
import { expect, test, type Browser, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { MANAGER, PASSWORD, RESIDENT, SCREENSHOTS, ready } from './support';

const HELPER = '13800000004';
const STAFF = '13800000002';
const SIZES = [
  { width: 360, height: 740 },
  { width: 320, height: 640 },
];
const MODES = ['normal', 'large', 'care'] as const;
type Mode = (typeof MODES)[number];

/** 140 % of the normal 18 px root, as WeChat's care mode scales text. */
const CARE_STYLE = 'html { font-size: 157.5% !important; }';

/** Where each role goes; `ids` fills in detail pages from the API. */
async function routes(page: Page, role: string): Promise<string[]> {
  const json = async (url: string) => (await page.request.get(url)).json();
  switch (role) {
    case 'anonymous':
      return ['/', '/login', '/register', '/reset-password', '/repairs', '/points', '/notices', '/fees', '/me', '/help/install', '/no-such-page'];
    case 'resident': {
      const tickets = await json('/api/v1/repairs?limit=1');
      const notices = await json('/api/v1/notices?limit=1');
      const activities = await json('/api/v1/activities');
      return [
        '/', '/repairs', '/repairs/new', '/points', '/points/board', '/notices', '/fees', '/me', '/inbox', '/care', '/help/install',
        '/activities', '/activities/my-code', '/votes', '/suggestions', '/suggestions/new',
        ...(activities.items?.length ? [`/activities/${activities.items[0].id}`] : []),
        ...(tickets.items?.length ? [`/repairs/${tickets.items[0].id}`] : []),
        ...(notices.items?.length ? [`/notices/${notices.items[0].id}`] : []),
      ];
    }
    case 'admin': {
      // The district's operator: 全区 and one compound's managers.
      const communities = await json('/api/v1/admin/communities');
      return ['/', '/admin', `/admin/communities/${communities[0].id}`];
    }
    case 'two-offices':
      // A manager of both compounds: the header carries the switch.
      return ['/', '/manage', '/manage/fees'];
    case 'helper':
      return ['/', '/repairs', '/repairs/new', '/points', '/notices', '/fees', '/me', '/inbox', '/care', '/activities/my-code'];
    case 'staff': {
      const mine = await json('/api/v1/repairs?scope=assigned&limit=1');
      return ['/', '/repairs', '/notices', '/points', '/me', ...(mine.items?.length ? [`/repairs/${mine.items[0].id}`] : [])];
    }
    default: {
      const queue = await json('/api/v1/repairs?scope=queue&status=all&limit=1');
      const notices = await json('/api/v1/notices?limit=1');
      const notice = notices.items?.[0]?.id;
      const activity = (await json('/api/v1/activities')).items?.[0]?.id;
      const someone = (await json('/api/v1/points/residents'))?.[0]?.user_id;
      return [
        ...(someone ? [`/points/statement?user_id=${someone}`] : []),
        '/activities', '/activities/new', '/activities/turnout', ...(activity ? [`/activities/${activity}/run`, `/activities/${activity}/poster`] : []),
        '/', '/manage', '/manage/codes', '/manage/fees', '/manage/import', '/manage/audit', '/manage/repairs', '/manage/points',
        '/manage/shop', '/manage/care', '/manage/disclosures', '/manage/fees/slips?period=2026', '/manage/fees/schedules', '/votes', '/votes/new', '/suggestions', '/repairs', '/repairs/new?office=1', '/points', '/points/board', '/notices', '/notices/new', '/me',
        ...(queue.items?.length ? [`/repairs/${queue.items[0].id}`] : []),
        ...(notice ? [`/notices/${notice}`, `/notices/${notice}/reach`, `/notices/${notice}/edit`, `/notices/${notice}/print`] : []),
      ];
    }
  }
}

/** What is wrong with the page as shown: axe violations, sideways
 * scrolling, text cut off by an `overflow: hidden` box or an ellipsis. */
async function problems(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const found = axe.violations.map((v) => `axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (sideways > 0) {
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    found.push(`sideways by ${sideways}px: ${wide.join(', ')}`);
  }
  const clipped = await page.evaluate(() =>
    Array.from(document.querySelectorAll('main *, header *, nav *'))
      .filter((el) => {
        const cs = getComputedStyle(el);
        if (el.classList.contains('visually-hidden') || cs.display === 'none') return false;
        const hides = ['hidden', 'clip'].includes(cs.overflowX) || cs.textOverflow === 'ellipsis';
        return hides && el.scrollWidth > el.clientWidth + 1 && (el.textContent ?? '').trim() !== '';
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 30)}`),
  );
  return [...found, ...clipped.map((c) => `clipped ${c}`)];
}

/** Tap targets under the MIIT minimum: 48×48 px in normal text, 60×60 in
 * 长辈模式. Links inside running text are exempt (as in WCAG 2.5.8). */
async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) =>
    Array.from(document.querySelectorAll(
      'button, a.button, nav a, a.tile, a.card, a.ticket, select, label.radio, .field input:not([type=file]):not([type=radio]):not([type=checkbox])',
    ))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ el, r }) => r.width > 0 && r.height > 0 && !el.closest('.visually-hidden'))
      .filter(({ r }) => r.height < min - 0.5 || r.width < min - 0.5)
      .map(({ el, r }) => `small target ${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 16)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  min);
}

/** Large mode: text contrast at least 7:1 (axe's enhanced contrast rule). */
async function lowContrast(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withRules(['color-contrast-enhanced']).analyze();
  return axe.violations.flatMap((v) => v.nodes.map((n) => `contrast < 7:1 at ${n.target.join(' ')}`));
}

async function setMode(page: Page, mode: Mode, loggedIn: boolean) {
  await page.goto('/');
  await ready(page);
  // Wait for the account's own preference to arrive before changing it.
  if (loggedIn) await expect(page.locator('.welcome')).toContainText('您好，');
  const toggle = page.getByRole('switch').first();
  const want = String(mode === 'large');
  if ((await toggle.getAttribute('aria-checked')) !== want) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', want);
}

async function visit(browser: Browser, role: string, phone: string | null) {
  const dir = path.join(SCREENSHOTS, 'every-page');
  fs.mkdirSync(dir, { recursive: true });
  let views = 0;
  const failures: string[] = [];
  for (const size of SIZES) {
    // bypassCSP: the care-mode style is injected the way WeChat scales text,
    // not served by us.
    const context = await browser.newContext({ viewport: size, bypassCSP: true });
    const page = await context.newPage();
    if (phone) {
      const login = await page.request.post('/api/v1/auth/login', {
        data: { phone, password: PASSWORD },
        headers: { 'X-Requested-With': 'courtyard' },
      });
      expect(login.status()).toBe(200);
    }
    const list = await routes(page, role);
    for (const mode of MODES) {
      await setMode(page, mode, phone !== null);
      if (mode === 'care') await page.addStyleTag({ content: CARE_STYLE });
      for (const route of list) {
        await test.step(`${role} ${size.width}px ${mode} ${route}`, async () => {
          await page.goto(route);
          if (mode === 'care') await page.addStyleTag({ content: CARE_STYLE });
          await ready(page);
          await expect(page.locator('.skeleton')).toHaveCount(0, { timeout: 10_000 });
          const found = await problems(page);
          if (mode !== 'care') found.push(...(await smallTargets(page, mode === 'large' ? 60 : 48)));
          if (mode === 'large') found.push(...(await lowContrast(page)));
          for (const p of found) failures.push(`${size.width}px ${mode} ${route}: ${p}`);
          const slug = route.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
          await page.screenshot({ path: path.join(dir, `${role}-${size.width}-${mode}-${slug}.png`), fullPage: true });
          views += 1;
        });
      }
    }
    // Leave the account as it was: normal text.
    await setMode(page, 'normal', phone !== null);
    await context.close();
  }
  console.log(`${role}: ${views} page views checked`);
  expect(failures).toEqual([]);
}

for (const [role, phone] of [
  ['anonymous', null],
  ['resident', RESIDENT],
  ['helper', HELPER],
  ['staff', STAFF],
  ['manager', MANAGER],
  ['two-offices', '13800000006'],
  ['admin', '13800000007'],
] as const) {
  test(`every page as ${role}: two sizes, three text modes, no axe violations, nothing sideways or cut off`, async ({ browser }) => {
    test.setTimeout(600_000);
    await visit(browser, role, phone);
  });
}
