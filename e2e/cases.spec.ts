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
  waitForPageSettled,
} from './support';

/**
 * The case library end to end: the prefecture drafts a case for 西会津町 through the form and asks
 * for approval; the town approves it on its page; the prefecture approves and publishes it. A
 * visitor who is not signed in then finds it through the public search (by a keyword of its
 * effect), opens its printable page and the booklet. axe and a screenshot on every page.
 */

const adminEmail = 'admin@pref.example.jp';
const townEmail = 'dx@nishiaizu.example.jp';
const title = 'E2E 窓口予約のオンライン化';
const keyword = '予約待ち';

async function check(page: Page, name: string): Promise<void> {
  await waitForPageSettled(page);
  await expectNoAxeViolations(page, name);
  await screenshot(page, name);
  assertNoOutsideRequests(page);
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('case library', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prefecture drafts → town approves → prefecture publishes → a visitor finds it and prints it', async () => {
    // --- The prefecture drafts and asks the town.
    const admin = await newPage(browser!, server.baseUrl);
    await loginAs(admin, adminEmail);
    await admin.goto('/cases/manage');
    await check(admin, 'cases-manage');
    await admin.getByRole('link', { name: '事例を作成する' }).click();
    await admin.getByRole('heading', { level: 1, name: '事例の作成' }).waitFor();
    await check(admin, 'cases-new');
    await admin.getByLabel('市町村', { exact: true }).selectOption({ label: '西会津町' });
    await admin.getByLabel('年度', { exact: true }).selectOption({ index: 1 });
    await admin.getByLabel('題名').fill(title);
    await admin.getByRole('checkbox', { name: 'フロントヤード改革・手続のオンライン化' }).check();
    await admin
      .getByLabel('課題', { exact: true })
      .fill('窓口の予約が電話だけで、予約待ちの電話が集中していた。');
    await admin.getByLabel('取組', { exact: true }).fill('電子申請システムで窓口予約のフォームを作った。');
    await admin.getByLabel('効果', { exact: true }).fill(`${keyword}の電話がほぼなくなった。`);
    await admin.getByRole('button', { name: '下書きを作成する' }).click();
    await admin.getByRole('heading', { level: 1, name: title }).waitFor();
    await check(admin, 'cases-draft');
    await admin.getByRole('button', { name: '市町村に承認を依頼する' }).click();
    await admin.getByText('市町村の承認待ちになりました。').waitFor();
    const caseUrl = new URL(admin.url()).pathname;

    // --- The town approves on the case's page.
    const town = await newPage(browser!, server.baseUrl);
    await loginAs(town, townEmail);
    await town.goto(caseUrl);
    await town.getByRole('heading', { level: 1, name: title }).waitFor();
    await check(town, 'cases-town-approval');
    await town.getByRole('button', { name: '承認する（県の承認へ進む）' }).click();
    await town.getByText('県の承認待ちになりました。').waitFor();

    // --- The prefecture approves and publishes.
    await admin.reload();
    await admin.getByRole('heading', { level: 1, name: title }).waitFor();
    await admin.getByRole('button', { name: '承認して公開する' }).click();
    await admin.getByText('公開中になりました。').waitFor();
    await check(admin, 'cases-published');

    // --- A visitor, not signed in, finds it through the search and opens its printable page.
    const visitor = await newPage(browser!, server.baseUrl);
    await visitor.goto('/');
    await visitor.getByRole('link', { name: '事例集' }).click();
    await visitor.getByRole('heading', { level: 1, name: '事例集' }).waitFor();
    await check(visitor, 'cases-public-list');
    await visitor.getByRole('searchbox', { name: 'キーワード' }).fill(keyword);
    await visitor.keyboard.press('Enter');
    await visitor.getByRole('heading', { level: 2, name: '1件中 1〜1件目' }).waitFor();
    await check(visitor, 'cases-public-search');
    await visitor.getByRole('link', { name: title }).click();
    await visitor.getByRole('heading', { level: 1, name: title }).waitFor();
    await check(visitor, 'cases-public-case');
    expect(await visitor.getByText(`${keyword}の電話がほぼなくなった。`).isVisible()).toBe(true);
    await visitor.emulateMedia({ media: 'print' });
    expect(await visitor.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
    await visitor.emulateMedia({ media: 'screen' });

    // The booklet: cover, contents and the case on its own page.
    await visitor.goto('/cases/booklet');
    await visitor.getByRole('heading', { level: 2, name: '目次' }).waitFor();
    await check(visitor, 'cases-booklet');
    expect(await visitor.getByRole('heading', { level: 2, name: title }).count()).toBe(1);

    // Once the prefecture takes it back, visitors no longer see it.
    const id = caseUrl.split('/').at(-1)!;
    expect((await visitor.request.get(`/api/public/cases/${id}`)).status()).toBe(200);
    const current = (await (await admin.request.get(`/api/cases/${id}`)).json()) as { version: number };
    const off = await admin.request.post(`/api/cases/${id}/unpublish`, {
      headers: { 'x-kakehashi-request': '1' },
      data: { version: current.version },
    });
    expect(off.status()).toBe(200);
    expect((await visitor.request.get(`/api/public/cases/${id}`)).status()).toBe(404);
  }, 300_000);
});
