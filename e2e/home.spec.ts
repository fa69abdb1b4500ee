import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  e2eNow,
  assertNoOutsideRequests,
  expectNoAxeViolations,
  launchBrowser,
  loginAs,
  newPage,
  type RunningServer,
  screenshot,
  startServer,
  waitForPageSettled,
} from './support';

/**
 * The demo on today's date: the server seeded its demo on its first start with the real clock (as
 * `npm start` does, e2e/global-setup.ts), so the year in progress is today's fiscal year and every
 * role's home page has something to act on. Each task is a link to the page that does it; axe and
 * a 1280 px screenshot per role.
 */

const browser: Browser | null = await launchBrowser();

/** What each role must find on its home page today: a task link (by its name), and for towns their summary. */
const roles: { email: string; name: string; task: RegExp; summary?: boolean }[] = [
  { email: 'admin@pref.example.jp', name: 'prefecture', task: /回答 \d+\/59（\d+%）、未回答 \d+件/ },
  {
    email: 'dx@nishiaizu.example.jp',
    name: 'municipality-staff',
    task: /ニーズ調査（例示）に回答してください/,
    summary: true,
  },
  {
    email: 'mayor@nishiaizu.example.jp',
    name: 'mayor',
    task: /DXトップセミナー（首長・副首長向け）：申込受付中/,
    summary: true,
  },
  {
    email: 'advisor@company-a.example.jp',
    name: 'company',
    task: /支援メニューの提案を受付中です（評価基準：/,
  },
  { email: 'reviewer@pref.example.jp', name: 'reviewer', task: /を審査してください/ },
  {
    email: 'secretariat@council.example.jp',
    name: 'council',
    task: /市町村のニーズ（.*の共有結果）を確認する/,
  },
];

describe.skipIf(!browser)('home pages on today’s date', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const thisYear = (() => {
    const jstNow = new Date(e2eNow().getTime() + 9 * 3_600_000);
    return jstNow.getUTCMonth() >= 3 ? jstNow.getUTCFullYear() : jstNow.getUTCFullYear() - 1;
  })();

  for (const role of roles) {
    it(`shows the ${role.name} at least one task to act on, as a link to a page that exists`, async () => {
      const page = await newPage(browser!, server.baseUrl);
      await loginAs(page, role.email);
      await page.goto('/');
      await waitForPageSettled(page);
      // Today's fiscal year is the one the home shows.
      await page.getByText(`（${thisYear}）`, { exact: false }).first().waitFor();
      const tasks = page.getByRole('region', { name: /対応が必要な作業|職員の対応待ち/ });
      const task = tasks.getByRole('link', { name: role.task }).first();
      await task.waitFor();
      if (role.summary) await page.getByRole('region', { name: 'まちの概要' }).waitFor();
      await expectNoAxeViolations(page, `home (${role.name})`);
      await screenshot(page, `home-${role.name}`);
      // The link leads to a page of the app, not to "page not found".
      await task.click();
      await waitForPageSettled(page);
      expect(await page.getByRole('heading', { name: /ページが見つかりません/ }).count(), role.name).toBe(0);
      assertNoOutsideRequests(page);
      await page.context().close();
    });
  }
});
