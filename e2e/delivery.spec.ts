import type { APIRequestContext, Browser, Page } from 'playwright-core';
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
  photographedOnFailure,
} from './support';

/**
 * One support project from the first session to a published case (issue 14), on the demo's running
 * FY2024 project of 西会津町:
 *  1. its company's advisor logs online sessions through the form until the ledger warns that the
 *     program's online hours are near their cap, edits one session (keyboard only), marks the
 *     sessions complete and submits the completion report;
 *  2. the prefecture looks at the year's projects and the overdue reports, and approves the report;
 *  3. the town is asked to evaluate, answers, and the project is evaluated;
 *  4. the prefecture drafts a case from that project's report and asks the town, which approves;
 *     the prefecture approves and publishes it;
 *  5. a visitor who is not signed in finds it through the public search (a word of the report's
 *     effect), opens its printable page and the booklet; once unpublished it answers 404.
 * axe and a screenshot (e2e/screenshots/delivery-*.png) on every page.
 */

const adminEmail = 'admin@pref.example.jp';
/** The advisor of 株式会社ネクストガバメント (menus demo), whose menu 西会津町 receives. */
const advisorEmail = 'advisor@nextgov.example.jp';
const townEmail = 'dx@nishiaizu.example.jp';
const headers = { 'x-kakehashi-request': '1' };
/** A word of the report's effect that no demo case uses, for the public search. */
const keyword = '予約待ち';
const effect = `${keyword}の電話がほぼなくなり、問い合わせが月2割減った。`;

async function check(page: Page, name: string): Promise<void> {
  await waitForPageSettled(page);
  await expectNoAxeViolations(page, name);
  await screenshot(page, `delivery-${name}`);
  assertNoOutsideRequests(page);
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

interface ProjectView {
  id: string;
  fiscalYearId: string;
  title: string;
  municipalityName: string;
  status: string;
  evaluation: { surveyId: string; evaluatedAt: string | null } | null;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 60; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('support project to published case', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sessions to the cap warning (one edited) → report → approval → evaluation → case approved twice → found by a visitor', async () => {
    await photographedOnFailure('delivery', story);
  }, 600_000);

  async function story(pages: Page[]): Promise<void> {
    // --- 1. The advisor: the running project of 西会津町.
    const advisor = await newPage(browser!, server.baseUrl);
    pages.push(advisor);
    await loginAs(advisor, advisorEmail);
    const list = await getJson<{ items: ProjectView[] }>(advisor.request, '/api/projects?status=in_progress');
    const project = list.items.find((p) => p.municipalityName === '西会津町');
    expect(project, 'the demo has a running project of 西会津町').toBeDefined();
    await advisor.goto('/projects');
    await check(advisor, 'projects-list-advisor');
    // The same menu serves several towns: the row of 西会津町.
    await advisor
      .getByRole('row')
      .filter({ hasText: '西会津町' })
      .getByRole('link', { name: project!.title })
      .click();
    await advisor.getByRole('heading', { level: 1, name: /西会津町/ }).waitFor();
    await check(advisor, 'project-advisor');

    // Online sessions of 4 hours until the ledger warns about the program's 10 online hours.
    const warning = advisor.getByText(/8割を超えました/);
    for (const [i, date] of ['2025-02-03', '2025-02-10', '2025-02-17'].entries()) {
      await advisor.getByLabel('実施日').fill(date);
      await advisor.getByLabel('方法').selectOption('online');
      await advisor.getByLabel('時間', { exact: true }).fill('4');
      await advisor.getByLabel('参加した職員の人数').fill('3');
      await advisor.getByLabel('実施内容').fill(`オンラインで業務の見直しを進めた（${i + 1}）`);
      await advisor.getByRole('button', { name: '記録する' }).click();
      await advisor.getByText('活動を記録しました。').waitFor();
      if (await warning.isVisible()) break;
    }
    await warning.waitFor();
    await check(advisor, 'cap-warning');

    // Edit the first of them with the keyboard: the row's action moves focus to the form.
    const firstRow = advisor.getByRole('row').filter({ hasText: 'オンラインで業務の見直しを進めた（1）' });
    await firstRow.getByRole('button', { name: /^修正: / }).focus();
    await advisor.keyboard.press('Enter');
    const editHeading = advisor.getByRole('heading', { level: 3, name: /活動記録を修正/ });
    await editHeading.waitFor();
    expect(await editHeading.evaluate((h) => h === document.activeElement)).toBe(true);
    expect(await advisor.getByLabel('実施内容').inputValue()).toBe('オンラインで業務の見直しを進めた（1）');
    await advisor.getByLabel('実施内容').fill('オンラインで業務フローを図にした（修正）');
    await advisor.getByRole('button', { name: '修正を保存する' }).click();
    await advisor.getByText('活動記録を修正しました。').waitFor();
    await advisor.getByRole('cell', { name: 'オンラインで業務フローを図にした（修正）' }).waitFor();
    expect(await advisor.getByRole('heading', { level: 3, name: '活動を記録' }).isVisible()).toBe(true);
    await check(advisor, 'session-edited');

    await advisor.getByRole('button', { name: '支援を完了にする' }).click();
    await advisor.getByLabel('効果').waitFor();
    await advisor.getByLabel('概要').fill('窓口予約をオンライン化し、問い合わせ対応の手順を整えた。');
    await advisor
      .getByLabel('課題', { exact: true })
      .fill('窓口の予約が電話だけで、予約の電話が集中していた');
    await advisor.getByLabel('取組内容').fill('電子申請で予約フォームを作り、よくある質問を整理した');
    await advisor.getByLabel('効果').fill(effect);
    await advisor.getByRole('button', { name: '提出する' }).click();
    await advisor.getByText('完了報告を提出しました。').waitFor();
    await check(advisor, 'report-submitted');
    await advisor.context().close();

    // --- 2. The prefecture: the year's projects, the companies' load, the caps, the overdue list; approval.
    const admin = await newPage(browser!, server.baseUrl);
    pages.push(admin);
    await loginAs(admin, adminEmail);
    await admin.goto(`/projects?fy=${project!.fiscalYearId}`);
    await admin.getByLabel('オンライン時間の上限（時間）').waitFor();
    await admin.getByRole('table', { name: /事業者ごとの支援件数/ }).waitFor();
    await check(admin, 'projects-list-admin');
    await admin.goto('/projects/overdue');
    await admin.getByRole('table', { name: /期限超過の完了報告/ }).waitFor();
    await check(admin, 'projects-overdue');
    await admin.goto(`/projects/${project!.id}`);
    await admin.getByRole('heading', { level: 1, name: /西会津町/ }).waitFor();
    await check(admin, 'report-review');
    await admin.getByRole('button', { name: '承認する' }).click();
    await admin.getByText(/完了報告を承認しました/).waitFor();
    const reported = await waitFor(
      () => getJson<ProjectView>(admin.request, `/api/projects/${project!.id}`),
      (p) => p.evaluation !== null,
      'the evaluation survey',
    );
    expect(reported.status).toBe('reported');

    // --- 3. The town answers the evaluation; the project becomes evaluated.
    const town = await newPage(browser!, server.baseUrl);
    pages.push(town);
    await loginAs(town, townEmail);
    await town.goto(`/projects/${project!.id}`);
    await town.getByRole('heading', { level: 1, name: /西会津町/ }).waitFor();
    await town.getByRole('link', { name: '評価アンケートに回答する' }).click();
    await town.waitForURL(/\/surveys\/.+\/answer/);
    await check(town, 'evaluation-survey');
    const submitted = await town.request.post(
      `/api/surveys/${reported.evaluation!.surveyId}/response/submit`,
      {
        headers,
        data: {
          answers: { satisfaction: '5', helped: 'yes', what_changed: '予約の電話が減った', recommend: 'yes' },
          version: null,
        },
      },
    );
    expect(submitted.status(), await submitted.text()).toBe(200);
    await waitFor(
      () => getJson<ProjectView>(town.request, `/api/projects/${project!.id}`),
      (p) => p.status === 'evaluated',
      'the evaluation to be recorded',
    );
    await town.goto(`/projects/${project!.id}`);
    await town.getByText('評価済み').first().waitFor();
    await check(town, 'project-evaluated');

    // --- 4. The prefecture drafts a case from that project's report and asks the town.
    await admin.goto('/cases/manage');
    await check(admin, 'cases-manage');
    await admin.getByRole('link', { name: '事例を作成する' }).click();
    await admin.getByRole('heading', { level: 1, name: '事例の作成' }).waitFor();
    await admin.getByLabel('支援プロジェクト', { exact: true }).selectOption(project!.id);
    await admin.getByRole('button', { name: '支援プロジェクトから作成する' }).click();
    await admin.waitForURL(/\/cases\/manage\/[0-9a-f-]{36}$/);
    await admin.getByRole('heading', { level: 1, name: project!.title }).waitFor();
    await check(admin, 'case-draft');
    await admin.getByRole('button', { name: '市町村に承認を依頼する' }).click();
    await admin.getByText('市町村の承認待ちになりました。').waitFor();
    const caseUrl = new URL(admin.url()).pathname;

    await town.goto(caseUrl);
    await town.getByRole('heading', { level: 1, name: project!.title }).waitFor();
    await check(town, 'case-town-approval');
    await town.getByRole('button', { name: '承認する（県の承認へ進む）' }).click();
    await town.getByText('県の承認待ちになりました。').waitFor();

    await admin.reload();
    await admin.getByRole('heading', { level: 1, name: project!.title }).waitFor();
    await admin.getByRole('button', { name: '承認して公開する' }).click();
    await admin.getByText('公開中になりました。').waitFor();
    await check(admin, 'case-published');

    // --- 5. A visitor, not signed in, finds it through the search and opens its printable page.
    const visitor = await newPage(browser!, server.baseUrl);
    pages.push(visitor);
    await visitor.goto('/');
    await visitor.getByRole('link', { name: '事例集' }).click();
    await visitor.getByRole('heading', { level: 1, name: '事例集' }).waitFor();
    await check(visitor, 'cases-public-list');
    await visitor.getByRole('searchbox', { name: 'キーワード' }).fill(keyword);
    await visitor.keyboard.press('Enter');
    await visitor.getByRole('heading', { level: 2, name: '1件中 1〜1件目' }).waitFor();
    await check(visitor, 'cases-public-search');
    await visitor.getByRole('link', { name: project!.title }).click();
    await visitor.getByRole('heading', { level: 1, name: project!.title }).waitFor();
    await check(visitor, 'case-public');
    expect(await visitor.getByText(effect).isVisible()).toBe(true);
    await visitor.emulateMedia({ media: 'print' });
    expect(await visitor.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
    await visitor.emulateMedia({ media: 'screen' });

    // The booklet: cover, contents and the case on its own page.
    await visitor.goto('/cases/booklet');
    await visitor.getByRole('heading', { level: 2, name: '目次' }).waitFor();
    await check(visitor, 'cases-booklet');
    expect(await visitor.getByText(effect).count()).toBe(1);

    // Once the prefecture takes it back, visitors no longer see it.
    const id = caseUrl.split('/').at(-1)!;
    expect((await visitor.request.get(`/api/public/cases/${id}`)).status()).toBe(200);
    const current = await getJson<{ version: number }>(admin.request, `/api/cases/${id}`);
    const off = await admin.request.post(`/api/cases/${id}/unpublish`, {
      headers,
      data: { version: current.version },
    });
    expect(off.status()).toBe(200);
    expect((await visitor.request.get(`/api/public/cases/${id}`)).status()).toBe(404);
  }
});
