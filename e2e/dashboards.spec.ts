import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
 * The coverage map of the demo prefecture: drawn from the served boundaries with the credit line,
 * the year slider moved by keyboard (FY2024 → FY2023), the municipality list beside the map
 * worked by keyboard, and the table alternative read; the left-behind list links to its actions;
 * the maturity and seminar pages; axe on each.
 */

const adminEmail = 'admin@pref.example.jp';
const credit = '「国土数値情報（行政区域データ）」（国土交通省）を加工して作成';

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

/** The figure of the matrix table for one municipality and fiscal-year column. */
async function statusOf(page: Page, municipality: string): Promise<string> {
  const table = page.getByRole('table', { name: /市町村×年度の支援件数/ });
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: municipality, exact: true }) });
  return (await row.getByRole('cell').nth(1).textContent()) ?? '';
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('dashboards', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('coverage map: slider by keyboard, keyboard list, table alternative, credit', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, adminEmail);
    await settle(page);
    await followMenuLink(page, '分析・報告', 'ダッシュボード');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('支援状況');
    await settle(page);

    // Drawn from the served boundaries: one shape per municipality (59), with the credit line.
    await expect.poll(() => page.locator('figure svg path[d]').count()).toBeGreaterThanOrEqual(59);
    await page.getByText(credit).first().waitFor();

    const slider = page.getByRole('slider', { name: '表示する年度' });
    expect(await slider.inputValue()).toBe('2024');
    await page.getByText('3年以内に全市町村：令和4年度（2022）〜令和6年度（2024）').waitFor();
    await expectNoAxeViolations(page, 'coverage FY2024');
    await screenshot(page, 'dashboards-coverage-2024');

    // The table alternative: the FY2024 matrix has 41 municipalities supported this year.
    const table = page.getByRole('table', { name: /市町村×年度の支援件数/ });
    await expect
      .poll(() => table.getByRole('cell', { name: 'この年度に支援', exact: true }).count())
      .toBe(41);

    // The slider by keyboard: one step left is FY2023.
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slider.inputValue()).toBe('2023');
    await waitForNetworkQuiet(page);
    await expect
      .poll(() => table.getByRole('cell', { name: 'この年度に支援', exact: true }).count())
      .toBe(20);
    await page.getByText('3年以内に全市町村：令和3年度（2021）〜令和5年度（2023）').waitFor();

    // The keyboard list beside the map: Tab reaches a municipality's button; its name and status
    // are its accessible name, and choosing it outlines it on the map (announced under the map).
    const list = page.getByRole('list', { name: /支援状況（令和5年度（2023））の市町村地図/ });
    const first = list.getByRole('button').first();
    const firstName = (await first.textContent()) ?? '';
    await first.focus();
    await page.keyboard.press('Enter');
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    await page.getByText(`選択中：${firstName.replace(': ', ' — ')}`).waitFor();
    const town = firstName.split(':')[0]!;
    expect(firstName.split(': ')[1]).toBe(await statusOf(page, town));
    await expectNoAxeViolations(page, 'coverage FY2023');
    await screenshot(page, 'dashboards-coverage-2023');
  });

  it('left behind, maturity and seminar reach pages', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, adminEmail);
    await settle(page);

    await page.goto('/dashboards/left-behind');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('誰一人取り残さない');
    await settle(page);
    await page.getByRole('table', { name: '理由ごとの市町村数' }).waitFor();
    await expectNoAxeViolations(page, 'left behind');
    await screenshot(page, 'dashboards-left-behind');

    await page.goto('/dashboards/maturity');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('成熟度とニーズ');
    await settle(page);
    await page.getByRole('table', { name: '総合レベル別の市町村数' }).waitFor();
    await page.getByText(credit).first().waitFor();
    await expectNoAxeViolations(page, 'maturity');
    await screenshot(page, 'dashboards-maturity');

    await page.goto('/dashboards/seminars');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('セミナー到達');
    await settle(page);
    // It opens on the year in progress; FY2024 is the latest year of the source document's figures.
    const slider = page.getByRole('slider', { name: '表示する年度' });
    await slider.focus();
    while (Number(await slider.inputValue()) > 2024) {
      await page.keyboard.press('ArrowLeft');
      await waitForNetworkQuiet(page);
    }
    expect(await slider.inputValue()).toBe('2024');
    await page.getByText('首長等の到達：54 / 59 市町村').waitFor();
    await page.getByText('職員の到達：38 / 59 市町村').waitFor();
    await expectNoAxeViolations(page, 'seminar reach');
    await screenshot(page, 'dashboards-seminars');
  });
});
