import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertNoOutsideRequests,
  expectNoAxeViolations,
  followMenuLink,
  launchBrowser,
  loginAs,
  newPage,
  type RunningServer,
  screenshot,
  startServer,
  waitForNetworkQuiet,
} from './support';

/**
 * Reports in the browser: the prefecture opens the dispatch program's summary sheet (事業概要)
 * from the reports page, prints it to an A4 PDF of one or two pages without the site's header,
 * menu or buttons; a municipality opens its own profile; and someone who is not signed in finds
 * the open data through the footer and downloads a CSV (UTF-8 with BOM).
 */

const adminEmail = 'admin@pref.example.jp';
const nishiaizuEmail = 'dx@nishiaizu.example.jp';

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('reports', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the summary sheet prints on A4 (1–2 pages) from the data, and is accessible', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, adminEmail);
    await settle(page);
    await followMenuLink(page, '分析・報告', '報告・統計');
    await settle(page);
    await expectNoAxeViolations(page, 'reports');
    await screenshot(page, 'reports-index');

    // The FY2024 program, the latest year the source document gives figures for.
    await page
      .getByRole('row')
      .filter({ hasText: '令和6年度（2024）' })
      .getByRole('link', { name: 'ICTアドバイザー市町村派遣事業' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'ICTアドバイザー市町村派遣事業' }).waitFor();
    await settle(page);
    for (const text of [
      '令和4年度実績：19市町村',
      '令和5年度実績：20市町村',
      // FY2024 has closed in the demo (the year in progress follows it): its figures are results.
      '令和6年度実績：41市町村',
      '令和6年度当初予算額 69,545千円（令和5年度当初予算額 30,947千円）',
    ]) {
      await page.getByText(text, { exact: true }).waitFor();
    }
    await expectNoAxeViolations(page, 'summary sheet');
    await screenshot(page, 'reports-summary-sheet');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'メインメニュー' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdfPageCount(pdf);
    expect(pages, `the summary sheet printed on ${pages} pages`).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    // A4 portrait: 595 × 842 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]/);

    // The seminars' sheet: reach of heads and staff.
    await page.goto('/reports');
    await settle(page);
    await page.getByRole('link', { name: '市町村DX推進トップセミナー事業' }).first().click();
    await page
      .getByText('令和6年度開催実績：首長・副首長等向け 54市町村、職員向け 38市町村', { exact: true })
      .waitFor();

    await page.goto('/reports/budget');
    await settle(page);
    await page.getByRole('table', { name: /予算執行状況/ }).waitFor();
    await expectNoAxeViolations(page, 'budget');
    await screenshot(page, 'reports-budget');
    assertNoOutsideRequests(page);
  });

  it('a municipality reads its own profile', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, nishiaizuEmail);
    await settle(page);
    await followMenuLink(page, '分析・報告', '自団体のプロフィール');
    await page.getByRole('heading', { level: 1, name: '自団体のプロフィール' }).waitFor();
    await settle(page);
    await page.getByText('西会津町（074055）', { exact: false }).waitFor();
    await page
      .getByRole('table', { name: /分野別の成熟度と県内平均/ })
      .first()
      .waitFor();
    expect(await page.getByText('郡山市').count()).toBe(0);
    await expectNoAxeViolations(page, 'municipality profile');
    await screenshot(page, 'reports-profile');
    assertNoOutsideRequests(page);
  });

  it('open data: listed signed out, CSV downloaded with a BOM', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await page.goto('/login');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('contentinfo').getByRole('link', { name: 'オープンデータ' }).click();
    await page.getByRole('heading', { level: 1, name: 'オープンデータ' }).waitFor();
    await settle(page);
    await page
      .getByText(/CC BY 4\.0/)
      .first()
      .waitFor();
    await page.getByRole('table', { name: /の列$/ }).first().waitFor();
    await expectNoAxeViolations(page, 'open data');
    await screenshot(page, 'reports-open-data');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '070009_support_projects.csv（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('070009_support_projects.csv');
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('全国地方公共団体コード,ID,地方公共団体名');
    assertNoOutsideRequests(page);
  });
});
