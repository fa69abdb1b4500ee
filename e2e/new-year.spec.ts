import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustToBusinessDay } from '../src/shared/deadlines';
import { addDaysToYmd } from '../src/shared/fiscal-year';
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
  waitForNetworkQuiet,
  photographedOnFailure,
} from './support';

/**
 * A new year set up end to end by the prefecture admin: "prepare next year" (preview, then one
 * button), the checklist shows what is missing, and each item is fixed from the page it links to:
 * the proposals phase dated (starting tomorrow, one deadline), the copied needs survey published,
 * the rubric edited (unsaved state, then saved), budgets entered, reviewers assigned to two
 * submitted proposals at once, the year made active; the checklist reads done; the proposals
 * phase is opened today. axe and a screenshot on every page.
 */

const adminEmail = 'admin@pref.example.jp';
const companyEmail = 'advisor@company-a.example.jp';
const headers = { 'x-kakehashi-request': '1' };
const reviewerNames = ['県 審査員（市町村行政課）', '審査員 二郎（デモ）'];

/** The JST calendar day `offset` days from today, as YYYY-MM-DD. */
function jstDay(offset: number): string {
  return new Date(e2eNow().getTime() + 9 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

async function visit(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await settle(page);
}

async function check(page: Page, name: string): Promise<void> {
  await settle(page);
  await expectNoAxeViolations(page, name);
  await screenshot(page, name);
  assertNoOutsideRequests(page);
}

async function json<T>(
  request: APIRequestContext,
  method: 'get' | 'post',
  url: string,
  data?: unknown,
): Promise<T> {
  const response = await request[method](url, method === 'get' ? {} : { headers, data });
  const body = await response.text();
  expect(response.status(), `${method.toUpperCase()} ${url}: ${body}`).toBeLessThan(300);
  return JSON.parse(body) as T;
}

interface ChecklistItem {
  key: string;
  state: 'done' | 'missing' | 'later';
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('a new year set up end to end', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prepare next year → checklist → each item fixed → proposals phase opened', async () => {
    await photographedOnFailure('new-year', flow);
  }, 300_000);

  async function flow(pages: Page[]): Promise<void> {
    const admin = await newPage(browser!, server.baseUrl);
    pages.push(admin);
    await loginAs(admin, adminEmail);

    // --- Prepare next year: the preview says what is made and copied; one button.
    await visit(admin, '/fiscal-years', '年度・事業');
    await admin.getByRole('heading', { name: '次の年度を準備する' }).waitFor();
    await admin.getByRole('table', { name: '引き継ぐもの' }).waitFor();
    await admin.getByRole('cell', { name: '審査の評価基準' }).waitFor();
    await check(admin, 'new-year-prepare');
    await admin.getByRole('button', { name: /を準備する$/ }).click();
    await admin.waitForURL(/\/fiscal-years\/[0-9a-f-]{36}\/setup$/);
    const fy = admin.url().split('/').at(-2)!;
    await admin.getByText(/を準備しました。/).waitFor();
    await admin.getByText(/まだ済んでいない項目が\d+件あります/).waitFor();
    await check(admin, 'new-year-checklist');
    const year = await json<{
      phaseWindow: { to: string };
      programs: { id: string; kind: string; name: string; phases: { id: string; kind: string }[] }[];
    }>(admin.request, 'get', `/api/fiscal-years/${fy}`);

    // --- Phase dates: the proposals phase starts tomorrow and has the one deadline.
    const dispatch = year.programs.find((p) => p.kind === 'advisor_dispatch')!;
    const startsOn = jstDay(1);
    const endsOn = [addDaysToYmd(startsOn, 30), year.phaseWindow.to].sort()[0]!;
    const deadline = adjustToBusinessDay(endsOn, 'earlier');
    await visit(admin, `/fiscal-years/${fy}`, /年度/);
    await admin.getByRole('button', { name: '工程「支援メニュー提案」を編集' }).click();
    await admin.getByLabel('開始日').fill(startsOn);
    await admin.getByLabel('終了日').fill(endsOn);
    await admin.getByLabel('締切日').fill(deadline);
    await admin.getByLabel('締切時刻').fill('17:00');
    await admin.getByRole('button', { name: '保存する', exact: true }).click();
    await admin.getByText('工程を保存しました。').waitFor();
    await check(admin, 'new-year-phase-dated');

    // --- Budgets: last year's figures are shown as the proposal to confirm; entered per program.
    for (const program of year.programs) {
      await admin.getByRole('button', { name: `事業「${program.name}」を編集` }).click();
      await admin.getByLabel('予算（千円）').fill('1000');
      await admin.getByRole('button', { name: '保存する', exact: true }).click();
      await admin.getByText('事業を保存しました。').waitFor();
    }

    // --- The year is made active.
    await admin.getByLabel('状態', { exact: true }).selectOption('active');
    await admin.getByRole('button', { name: '状態を変更' }).click();
    await expect
      .poll(
        async () => (await json<{ status: string }>(admin.request, 'get', `/api/fiscal-years/${fy}`)).status,
      )
      .toBe('active');

    // --- The needs survey: copied as a draft, published from the page the checklist links to.
    await visit(admin, `/fiscal-years/${fy}/setup`, /準備チェックリスト/);
    await admin.getByRole('link', { name: '設定する：課題把握アンケートの公開' }).click();
    await admin.getByText('この調査は下書きです').waitFor();
    await check(admin, 'new-year-survey-draft');
    await admin.getByRole('button', { name: 'この調査を公開する' }).click();
    // Publishing asks first, saying who will be told (the window opens later, or now).
    await admin.getByText(/回答者（市町村）\d+件/).waitFor();
    await admin.getByRole('button', { name: '公開する', exact: true }).click();
    await admin.getByText('この調査は公開されています。').waitFor();

    // --- The rubric: an edit shows as unsaved until it is saved, then says so.
    await visit(admin, `/menus/admin?fy=${fy}`, '支援メニューの審査');
    await admin.getByText(/保存済み（版\d+）/).waitFor();
    await admin.getByLabel('重み').first().fill('35');
    await admin.getByText(/保存していない変更があります/).waitFor();
    await check(admin, 'new-year-rubric-unsaved');
    await admin.getByLabel('重み').nth(1).fill('25');
    await admin.getByRole('button', { name: '評価基準を保存する' }).click();
    await admin.getByText('評価基準を保存しました。').waitFor();
    await expect.poll(() => admin.getByText(/保存していない変更があります/).count()).toBe(0);

    // --- Two proposals come in (a company, through the API), and both reviewers are assigned at once.
    const company = await newPage(browser!, server.baseUrl);
    pages.push(company);
    await loginAs(company, companyEmail);
    for (const title of ['E2E 新年度 業務改革支援', 'E2E 新年度 窓口DX支援']) {
      const created = await json<{ id: string; version: number }>(
        company.request,
        'post',
        '/api/menus/proposals',
        {
          fiscalYearId: fy,
          title,
          challengeAreas: ['bpr'],
          description: `${title}の内容`,
          format: 'online',
          capacity: 2,
          unitCostThousandYen: 500,
        },
      );
      await json(company.request, 'post', `/api/menus/proposals/${created.id}/submit`, {
        version: created.version,
      });
    }
    await company.context().close();
    await visit(admin, `/fiscal-years/${fy}/setup`, /準備チェックリスト/);
    await admin.getByText('審査員のいない提案が2件あります。').waitFor();
    await admin.getByRole('link', { name: '設定する：審査員の割り当て' }).click();
    await admin.getByRole('heading', { level: 1, name: '支援メニューの審査' }).waitFor();
    await settle(admin);
    await admin.getByRole('checkbox', { name: /E2E 新年度 業務改革支援/ }).check();
    await admin.getByRole('checkbox', { name: /E2E 新年度 窓口DX支援/ }).check();
    for (const name of reviewerNames) await admin.getByRole('checkbox', { name: new RegExp(name) }).check();
    await admin.getByRole('button', { name: '選んだ2件に2人を割り当てる' }).click();
    await admin.getByText(/4件を割り当てました/).waitFor();
    await check(admin, 'new-year-bulk-assigned');

    // --- The checklist is done.
    await visit(admin, `/fiscal-years/${fy}/setup`, /準備チェックリスト/);
    const checklist = await json<{ isReady: boolean; items: ChecklistItem[] }>(
      admin.request,
      'get',
      `/api/fiscal-years/${fy}/checklist`,
    );
    expect(checklist.items.filter((i) => i.state === 'missing').map((i) => i.key)).toEqual([]);
    await admin.getByText('必要な準備はすべて済んでいます。').waitFor();
    await check(admin, 'new-year-checklist-done');

    // --- The proposals phase is opened today.
    await visit(admin, `/fiscal-years/${fy}`, /年度/);
    await admin.getByRole('button', { name: '今日から開始：支援メニュー提案' }).click();
    await admin.getByText('「支援メニュー提案」を今日から開始しました。').waitFor();
    const after = await json<{
      programs: { id: string; phases: { kind: string; state: string; startsOn: string }[] }[];
    }>(admin.request, 'get', `/api/fiscal-years/${fy}`);
    const proposals = after.programs
      .find((p) => p.id === dispatch.id)!
      .phases.find((p) => p.kind === 'proposals')!;
    expect(proposals).toMatchObject({ state: 'open', startsOn: jstDay(0) });
    await check(admin, 'new-year-proposals-open');
  }
});
