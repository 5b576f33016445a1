import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './tests/chromium';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `cargo xtask test` builds the site and the server and passes their paths;
// E2E_SITE=embedded runs a server that carries the site (no --site).
const server = process.env.COURTYARD_SERVER ?? '../target/debug/server';
const site = process.env.E2E_SITE ?? '../target/site';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 3107);
// The every-page run has a server and a database of its own, so that it can
// run beside the journeys (which change the demo's data) in a second
// worker; each side stays one test file at a time.
const everyPagePort = port + 1;
// A fresh database for every run, one a server.
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-e2e-'));
const everyPageData = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-e2e-pages-'));
// 报平安's clock held at noon today in Beijing, so that the demo father
// (who checks in by 10:00, last yesterday) has missed today's check-in
// whatever the hour the tests run.
const beijingToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const careClock = `${beijingToday}T12:00:00+08:00`;
const siteFlag = site === 'embedded' ? '' : ` --site ${site}`;
const serve = (at: number, dir: string) => ({
  command: `${server} --demo --care-clock ${careClock} --addr 127.0.0.1:${at} --data ${dir}${siteFlag}`,
  url: `http://127.0.0.1:${at}/api/health`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'pipe' as const,
});

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 2,
  projects: [
    { name: 'journeys', testIgnore: /zz-every-page/, workers: 1 },
    {
      name: 'every-page',
      testMatch: /zz-every-page/,
      workers: 1,
      use: { baseURL: `http://127.0.0.1:${everyPagePort}` },
    },
  ],
  // Two workers share two cores with two servers: a journey that takes
  // 25 s alone can take twice that beside the every-page run.
  timeout: 90_000,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [serve(port, data), serve(everyPagePort, everyPageData)],
});
