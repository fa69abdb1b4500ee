import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertNoOutsideRequests,
  expectNoAxeViolations,
  launchBrowser,
  loginAs,
  newPage,
  type RunningServer,
  screenshot,
  startServer,
  waitForNetworkQuiet,
} from './support';

/**
 * The prefecture administrator brings the municipality master list up to
 * date from a file: a check that writes nothing shows every bad row, a real
 * import of the shipped list reports what changed, and only the
 * administrator is offered the page at all.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const referenceCsv = path.join(repoRoot, 'data/reference/fukushima-municipalities.csv');
const adminEmail = 'admin@pref.example.jp';
const staffEmail = 'dx@nishiaizu.example.jp';

function referenceRowCount(): number {
  const lines = fs.readFileSync(referenceCsv, 'utf8').trim().split(/\r?\n/);
  return lines.length - 1;
}

/** Presses Tab until the focused element satisfies `isTarget` (as a keyboard user would), or fails. */
async function tabTo(page: Page, target: string, isTarget: () => boolean, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isTarget)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The page has finished loading its data: an h1 and no loading indicator. */
async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

async function expectHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(text);
  await settle(page);
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('municipality master list import', () => {
  let server: RunningServer;
  let tempDir: string;

  beforeAll(async () => {
    server = await startServer();
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-import-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('the administrator checks a file with a bad row, then imports the shipped list', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, adminEmail);
    await settle(page);
    await page.goto('/municipalities');
    await settle(page);

    // From the list, by keyboard.
    await tabTo(
      page,
      'the link to the import page',
      () => document.activeElement?.textContent === '市町村マスタを取り込む',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/municipalities/import');
    await expectHeading(page, '市町村マスタの取り込み');
    await expect.poll(() => page.title()).toBe('市町村マスタの取り込み | Kakehashi 架け橋');
    await page
      .getByRole('navigation', { name: 'パンくずリスト' })
      .getByRole('link', { name: '市町村一覧' })
      .waitFor();
    // The accepted columns are explained, in Japanese and English header names.
    const columns = page.getByRole('table', { name: '必要な列' });
    expect(await columns.getByRole('rowheader').allTextContents()).toEqual([
      '団体コード',
      '市区町村名',
      'よみ',
      'ローマ字',
      '種別',
      '地域',
      '地方',
      '避難地域',
    ]);
    await page.getByText('1行でも誤りがあると、何も取り込みません').waitFor();
    await expectNoAxeViolations(page, 'municipality import (empty)');

    // Pressing a button without a file says what is missing, linked to the field.
    await page.getByRole('button', { name: '内容を確認（取り込まない）' }).press('Enter');
    await page.getByRole('link', { name: '取り込むファイルを選択してください。' }).waitFor();

    // A list whose only row has a wrong check digit (072010 is right), with Japanese headers.
    const badCsv = path.join(tempDir, 'bad-check-digit.csv');
    fs.writeFileSync(
      badCsv,
      '団体コード,市区町村名,よみ,ローマ字,種別,地域,地方,避難地域\n072011,福島市,ふくしまし,Fukushima-shi,市,県北,中通り,false\n',
    );
    const fileField = page.getByLabel('取り込むファイル', { exact: true });
    await fileField.setInputFiles(badCsv);
    await page.getByRole('button', { name: '内容を確認（取り込まない）' }).press('Enter');

    const errorsHeading = page.getByRole('heading', { level: 2, name: '1件の誤りがあります' });
    await errorsHeading.waitFor();
    // The keyboard is taken to the problems.
    await expect.poll(() => errorsHeading.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('status').filter({ hasText: '何も取り込んでいません' }).waitFor();
    const errorTable = page.getByRole('table', { name: '誤りのある行と内容' });
    expect(await errorTable.getByRole('columnheader').allTextContents()).toEqual([
      '行',
      '団体コード',
      '項目',
      '内容',
    ]);
    const cells = (await errorTable.locator('tbody tr').first().getByRole('cell').allTextContents()).map(
      (c) => c.trim(),
    );
    expect(cells).toEqual(['2', '072011', '団体コード', '団体コードの検査数字が正しくありません。']);
    await expectNoAxeViolations(page, 'municipality import (errors)');
    await screenshot(page, 'municipality-import-errors-ja');

    // The shipped list matches the demo data: a real import changes nothing.
    await fileField.setInputFiles(referenceCsv);
    // Choosing another file clears the report of the previous one.
    await expect.poll(() => errorTable.count()).toBe(0);
    await page.getByRole('button', { name: '取り込む', exact: true }).press('Enter');
    const summary = page.getByRole('status').filter({ hasText: '取り込みました。' });
    await summary.waitFor();
    const summaryText = (await summary.textContent()) ?? '';
    expect(summaryText).toContain(`変更なし${referenceRowCount()}件`);
    expect(summaryText).toContain('変更なし59件');
    expect(summaryText).toContain('新規0件');
    expect(summaryText).toContain('更新0件');
    await expectNoAxeViolations(page, 'municipality import (imported)');
    await screenshot(page, 'municipality-import-ja');

    // The list is read again and still shows every municipality.
    await page
      .getByRole('navigation', { name: 'パンくずリスト' })
      .getByRole('link', { name: '市町村一覧' })
      .click();
    await expectHeading(page, '市町村一覧');
    await page
      .getByRole('status')
      .filter({ hasText: `全${referenceRowCount()}市町村` })
      .waitFor();
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('the page works in English too', async () => {
    const page = await newPage(browser!, server.baseUrl, { locale: 'en-US' });
    await loginAs(page, adminEmail);
    await settle(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto('/municipalities/import');
    await expectHeading(page, 'Import the municipality list');
    const badCsv = path.join(tempDir, 'bad-kana.csv');
    fs.writeFileSync(
      badCsv,
      'code,name,name_kana,name_en,kind,area,region,evacuation12\n072010,福島市,Fukushima,Fukushima-shi,市,県北,中通り,false\n',
    );
    await page.getByLabel('File to import', { exact: true }).setInputFiles(badCsv);
    await page.getByRole('button', { name: 'Check only (do not import)' }).press('Enter');
    await page.getByRole('heading', { level: 2, name: '1 error(s) found' }).waitFor();
    const cells = (
      await page
        .getByRole('table', { name: 'Rows with errors' })
        .locator('tbody tr')
        .first()
        .getByRole('cell')
        .allTextContents()
    ).map((c) => c.trim());
    expect(cells).toEqual(['2', '072010', 'Reading (kana)', 'Enter the reading in kana.']);
    await expectNoAxeViolations(page, 'municipality import (English, errors)');
    await screenshot(page, 'municipality-import-errors-en');
    await page.context().close();
  });

  it('other roles see neither the link nor the page', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, staffEmail);
    await settle(page);
    await page.goto('/municipalities');
    await settle(page);
    expect(await page.getByRole('link', { name: '市町村マスタを取り込む' }).count()).toBe(0);
    await page.goto('/municipalities/import');
    await expectHeading(page, 'このページを表示する権限がありません');
    expect(await page.getByLabel('取り込むファイル').count()).toBe(0);
    await page.context().close();
  });
});
