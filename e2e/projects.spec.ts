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
} from './support';

/**
 * A support project's delivery end to end, on the demo's running FY2024 project of 西会津町: its
 * company's advisor logs online sessions through the form until the ledger warns that the
 * program's online hours are near their cap, marks the sessions complete and submits the
 * completion report; the prefecture approves it; the town is asked to evaluate, answers, and the
 * project is evaluated. axe and a screenshot on every page.
 */

const adminEmail = 'admin@pref.example.jp';
/** The advisor of 株式会社ネクストガバメント (menus demo), whose menu 西会津町 receives. */
const advisorEmail = 'advisor@nextgov.example.jp';
const townEmail = 'dx@nishiaizu.example.jp';
const headers = { 'x-kakehashi-request': '1' };

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

async function check(page: Page, name: string): Promise<void> {
  await settle(page);
  await expectNoAxeViolations(page, name);
  await screenshot(page, name);
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

describe.skipIf(!browser)('support project delivery', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the advisor logs sessions up to the cap warning and reports → the prefecture approves → the town evaluates', async () => {
    const pages: Page[] = [];
    try {
      await flow(pages);
    } catch (error) {
      for (const [i, p] of pages.entries()) if (!p.isClosed()) await screenshot(p, `projects-failure-${i}`);
      throw error;
    }
  }, 300_000);

  async function flow(pages: Page[]): Promise<void> {
    // --- The advisor: the running project of 西会津町.
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
    await check(advisor, 'projects-page-advisor');

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
    await check(advisor, 'projects-cap-warning');

    await advisor.getByRole('button', { name: '支援を完了にする' }).click();
    await advisor.getByLabel('効果').waitFor();
    await advisor.getByLabel('概要').fill('チャットボットを導入し、問い合わせ対応の手順を整えた。');
    await advisor.getByLabel('課題', { exact: true }).fill('電話での問い合わせが多く、窓口の負担が大きい');
    await advisor.getByLabel('取組内容').fill('よくある質問の整理、シナリオ作成、職員研修');
    await advisor.getByLabel('効果').fill('電話での問い合わせが月2割減った');
    await advisor.getByRole('button', { name: '提出する' }).click();
    await advisor.getByText('完了報告を提出しました。').waitFor();
    await check(advisor, 'projects-report-submitted');
    await advisor.context().close();

    // --- The prefecture approves the report.
    const admin = await newPage(browser!, server.baseUrl);
    pages.push(admin);
    await loginAs(admin, adminEmail);
    // The year's projects, the companies' load and the caps the prefecture sets.
    await admin.goto(`/projects?fy=${project!.fiscalYearId}`);
    await admin.getByLabel('オンライン時間の上限（時間）').waitFor();
    await admin.getByRole('table', { name: /事業者ごとの支援件数/ }).waitFor();
    await check(admin, 'projects-list-admin');
    await admin.goto('/projects/overdue');
    await admin.getByRole('table', { name: /期限超過の完了報告/ }).waitFor();
    await check(admin, 'projects-overdue');
    await admin.goto(`/projects/${project!.id}`);
    await admin.getByRole('heading', { level: 1, name: /西会津町/ }).waitFor();
    await check(admin, 'projects-review');
    await admin.getByRole('button', { name: '承認する' }).click();
    await admin.getByText(/完了報告を承認しました/).waitFor();
    const reported = await waitFor(
      () => getJson<ProjectView>(admin.request, `/api/projects/${project!.id}`),
      (p) => p.evaluation !== null,
      'the evaluation survey',
    );
    expect(reported.status).toBe('reported');
    await admin.context().close();

    // --- The town answers the evaluation; the project becomes evaluated.
    const town = await newPage(browser!, server.baseUrl);
    pages.push(town);
    await loginAs(town, townEmail);
    await town.goto(`/projects/${project!.id}`);
    await town.getByRole('heading', { level: 1, name: /西会津町/ }).waitFor();
    await check(town, 'projects-page-town');
    await town.getByRole('link', { name: '評価アンケートに回答する' }).click();
    await town.waitForURL(/\/surveys\/.+\/answer/);
    await check(town, 'projects-evaluation-survey');
    const surveyId = reported.evaluation!.surveyId;
    const submitted = await town.request.post(`/api/surveys/${surveyId}/response/submit`, {
      headers,
      data: {
        answers: {
          satisfaction: '5',
          helped: 'yes',
          what_changed: '問い合わせ対応が楽になった',
          recommend: 'yes',
        },
        version: null,
      },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
    await waitFor(
      () => getJson<ProjectView>(town.request, `/api/projects/${project!.id}`),
      (p) => p.status === 'evaluated',
      'the evaluation to be recorded',
    );
    await town.goto(`/projects/${project!.id}`);
    await town.getByText('評価済み').first().waitFor();
    await check(town, 'projects-evaluated');
  }
});
