import type { Browser, Page } from 'playwright-core';
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
  waitForNetworkQuiet,
  nextFiscalYear,
  photographedOnFailure,
} from './support';

/**
 * Support menus end to end: the prefecture sets a rubric and an open proposal deadline on a new
 * fiscal year (the demo's FY2024 windows lie in the past), a company proposes and submits, two
 * reviewers score it (the second cannot see the first's scores before submitting), the
 * prefecture selects it, and a municipality finds it in the catalog (by keyboard) and, once it
 * has answered the year's needs survey asking for help in the menu's area, among its
 * recommendations with the reason. axe on every page, no outside requests, a screenshot of each step.
 */

const adminEmail = 'admin@pref.example.jp';
const companyEmail = 'advisor@company-a.example.jp';
const reviewerEmails = ['reviewer@pref.example.jp', 'reviewer2@pref.example.jp'];
const reviewerNames = ['県 審査員（市町村行政課）', '審査員 二郎（デモ）'];
const municipalityEmail = 'dx@nishiaizu.example.jp';
const menuTitle = 'E2E RPA導入伴走支援';

/** The page has loaded its data: an h1 and no loading indicator. */
async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

async function visit(page: Page, path: string, heading: string): Promise<void> {
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

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('support menus', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('propose → two reviews → select → catalog → recommended to a municipality', async () => {
    await photographedOnFailure('menus', flow);
  }, 240_000);

  async function flow(pages: Page[]): Promise<void> {
    // --- The prefecture opens a call: a new fiscal year, rubric and a deadline in the future.
    const admin = await newPage(browser!, server.baseUrl);
    pages.push(admin);
    await loginAs(admin, adminEmail);
    const created = await admin.request.post('/api/fiscal-years', {
      headers: { 'x-kakehashi-request': '1' },
      data: { year: nextFiscalYear(), status: 'active' }, // the demo already holds the current year
    });
    expect(created.status()).toBe(201);
    const fy = ((await created.json()) as { id: string }).id;

    await visit(admin, `/menus/admin?fy=${fy}`, '支援メニューの審査');
    // A year never saved shows its starting rubric as a draft to save, not as if it were saved.
    await admin.getByText(/評価基準はまだ保存されていません/).waitFor();
    await admin.getByRole('button', { name: '評価基準を保存する' }).click();
    await admin.getByText('評価基準を保存しました。').waitFor();
    // The one proposal deadline is the proposals phase's (set on the year's page; here through the API).
    const program = await admin.request.post(`/api/fiscal-years/${fy}/programs`, {
      headers: { 'x-kakehashi-request': '1' },
      data: { kind: 'advisor_dispatch', name: 'ICTアドバイザー派遣（E2E）', nameEn: 'ICT advisors (E2E)' },
    });
    const phase = await admin.request.post(
      `/api/programs/${((await program.json()) as { id: string }).id}/phases`,
      {
        headers: { 'x-kakehashi-request': '1' },
        data: {
          kind: 'proposals',
          startsOn: new Date(e2eNow().getTime() + 9 * 3_600_000).toISOString().slice(0, 10),
          endsOn: '2027-01-29',
          deadline: { date: '2027-01-29', time: '17:00' },
        },
      },
    );
    expect(phase.status(), await phase.text()).toBe(201);
    await visit(admin, `/menus/admin?fy=${fy}`, '支援メニューの審査');
    await admin.getByText(/提案の締切：2027年1月29日/).waitFor();
    await check(admin, 'menus-admin-rubric');

    // --- A company drafts and submits a proposal.
    const company = await newPage(browser!, server.baseUrl);
    pages.push(company);
    await loginAs(company, companyEmail);
    await visit(company, `/menus/proposals/new?fy=${fy}`, '新しい提案を作成');
    // Saving an empty form lists the problems and names the fields.
    await company.getByRole('button', { name: '下書きを保存する' }).click();
    await company.getByText('入力内容に誤りがあります。各項目をご確認ください。').waitFor();
    expect(await company.getByLabel('メニュー名').getAttribute('aria-invalid')).toBe('true');
    await check(company, 'menus-proposal-errors');

    await company.getByLabel('メニュー名').fill(menuTitle);
    await company.getByRole('checkbox', { name: 'AI・RPAの活用' }).check();
    await company
      .getByLabel('メニューの内容')
      .fill('定型業務を洗い出し、RPAの試行から本格導入までを伴走します。');
    await company.getByLabel('市町村が得られるもの').fill('RPAシナリオ3本と運用手順書');
    await company.getByLabel('実施形態').selectOption('hybrid');
    await company.getByLabel('受入可能団体数').fill('5');
    await company.getByLabel('1団体あたりの費用（千円）').fill('800');
    await company.getByLabel('予定時間数').fill('40');
    await company.getByLabel('訪問日数').fill('3');
    await company.getByRole('checkbox', { name: '会津', exact: true }).check();
    await company.getByRole('checkbox', { name: 'A社 ICTアドバイザー' }).check();
    await company.getByRole('button', { name: '下書きを保存する' }).click();
    await company.waitForURL(/\/menus\/proposals\/[0-9a-f-]{36}$/);
    await company.getByRole('heading', { level: 1, name: menuTitle }).waitFor();
    await company.getByText('下書き', { exact: true }).waitFor();
    await check(company, 'menus-proposal-draft');
    await company.getByRole('button', { name: '提案を提出する' }).click();
    await company.getByText('提出済み', { exact: true }).waitFor();
    // Submitted: no more form, the content is shown read-only.
    await expect.poll(() => company.getByLabel('メニュー名').count()).toBe(0);
    const proposalPath = new URL(company.url()).pathname;
    await check(company, 'menus-proposal-submitted');

    // --- The prefecture assigns two reviewers.
    await visit(admin, proposalPath, menuTitle);
    const reviewerSelect = admin.getByLabel('割り当てる審査員');
    for (const name of reviewerNames) {
      const value = await reviewerSelect.locator('option', { hasText: name }).getAttribute('value');
      await reviewerSelect.selectOption(value!);
      await admin.getByRole('button', { name: '審査員を割り当てる' }).click();
      await admin.getByRole('cell', { name, exact: true }).waitFor();
    }
    await check(admin, 'menus-admin-assigned');

    // --- Each reviewer scores independently; the second sees the first's scores only after submitting.
    const scores = [
      ['5', '4', '4', '3'],
      ['4', '4', '3', '3'],
    ];
    for (const [i, email] of reviewerEmails.entries()) {
      const reviewer = await newPage(browser!, server.baseUrl);
      pages.push(reviewer);
      await loginAs(reviewer, email);
      await visit(reviewer, `/menus/reviews?fy=${fy}`, '担当する審査');
      await reviewer.getByRole('link', { name: menuTitle }).click();
      await reviewer.getByRole('heading', { level: 1, name: menuTitle }).waitFor();
      await settle(reviewer);
      if (i === 1) {
        await reviewer.getByText('他の審査員の評点は、ご自身の審査を提出すると表示されます。').waitFor();
        expect(await reviewer.getByRole('cell', { name: reviewerNames[0], exact: true }).count()).toBe(0);
      }
      const criteria = ['必要性', '有効性', '実現可能性', '経済性'];
      for (const [k, label] of criteria.entries()) {
        await reviewer
          .getByRole('group', { name: new RegExp(`^${label}（`) })
          .getByRole('radio', { name: scores[i]![k]!, exact: true })
          .check();
      }
      await reviewer.getByLabel('コメント').fill(i === 0 ? '必要性が高い。' : '費用はやや高め。');
      await check(reviewer, `menus-review-${i + 1}-form`);
      await reviewer.getByRole('button', { name: '審査を提出する' }).click();
      await reviewer.getByText('この提案の審査を提出しました。').waitFor();
      if (i === 1) await reviewer.getByRole('cell', { name: reviewerNames[0], exact: true }).waitFor();
      await check(reviewer, `menus-review-${i + 1}-submitted`);
      await reviewer.context().close();
    }

    // --- The ranking shows the weighted total and spread; the prefecture selects the proposal.
    // Weights 30/30/20/20: reviewer 1 = 4.1, reviewer 2 = 3.6 → mean 3.85, spread 0.5.
    await visit(admin, `/menus/admin?fy=${fy}`, '支援メニューの審査');
    const row = admin.getByRole('row', { name: new RegExp(menuTitle) });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('3.85');
    expect(rowText).toContain('0.50');
    expect(rowText).toContain('2/2');
    await check(admin, 'menus-admin-ranking');

    await visit(admin, proposalPath, menuTitle);
    await admin.getByRole('radio', { name: '採択', exact: true }).check();
    await admin.getByRole('button', { name: '決定を登録する' }).click();
    await admin.getByText('決定を登録し、企業に通知しました。').waitFor();
    await admin.getByText('採択', { exact: true }).first().waitFor();
    await check(admin, 'menus-admin-selected');
    await admin.context().close();

    // The company sees the decision on its proposal.
    await visit(company, proposalPath, menuTitle);
    await company.getByText('県の決定：採択').waitFor();
    await check(company, 'menus-proposal-selected');
    await company.context().close();

    // --- A municipality finds the menu in the catalog, by keyboard.
    const staff = await newPage(browser!, server.baseUrl);
    pages.push(staff);
    await loginAs(staff, municipalityEmail);
    await visit(staff, `/menus/catalog?fy=${fy}`, '支援メニュー一覧');
    await staff.getByLabel('キーワード').focus();
    await staff.keyboard.type('RPA導入伴走');
    await staff.keyboard.press('Enter');
    await staff.waitForURL(/q=RPA/);
    const link = staff.getByRole('link', { name: menuTitle });
    await link.waitFor();
    await check(staff, 'menus-catalog');
    await link.focus();
    await staff.keyboard.press('Enter');
    await staff.getByRole('heading', { level: 1, name: menuTitle }).waitFor();
    await staff.getByText('まだ評価の実績はありません').waitFor();
    await staff.getByRole('heading', { level: 3, name: 'A社 ICTアドバイザー' }).waitFor();
    await check(staff, 'menus-catalog-detail');

    // --- Recommendations rank against the town's needs profile of the same year, which comes from
    // its needs-survey answer. Nobody has answered a survey in this new year yet, so the page says
    // so rather than listing menus.
    await visit(staff, `/menus/recommendations?fy=${fy}`, 'おすすめの支援メニュー');
    const recommendations = await staff.request.get(`/api/menus/recommendations?fiscalYearId=${fy}`);
    expect(recommendations.status()).toBe(200);
    const data = (await recommendations.json()) as { hasProfile: boolean; municipalityName: string };
    expect(data).toMatchObject({ hasProfile: false, municipalityName: '西会津町' });
    await staff.getByText('西会津町のニーズ調査の回答がありません').waitFor();
    expect(await staff.getByRole('link', { name: menuTitle }).count()).toBe(0);
    await check(staff, 'menus-recommendations-no-profile');

    // --- The town gets a FY2026 needs profile: the prefecture copies the FY2024 needs survey into
    // FY2026 with an open window; the town answers (starting from its FY2024 answers, which fill
    // every required question) asking for help with AI・RPA, and submits.
    const headers = { 'x-kakehashi-request': '1' };
    const prefecture = await newPage(browser!, server.baseUrl);
    pages.push(prefecture);
    await loginAs(prefecture, adminEmail);
    const surveyList = (await (await prefecture.request.get('/api/surveys')).json()) as {
      items: { id: string; kind: string; title: { ja: string } }[];
    };
    const fy2024Survey = surveyList.items.find((s) => s.kind === 'needs' && s.title.ja.includes('令和6年度'));
    expect(fy2024Survey, 'the seeded FY2024 needs survey').toBeDefined();
    const now = e2eNow().getTime();
    const copied = await prefecture.request.post('/api/surveys', {
      headers,
      data: {
        fiscalYearId: fy,
        title: { ja: '令和8年度 市町村DX推進ニーズ調査', en: 'FY2026 municipal DX needs survey' },
        kind: 'needs',
        audience: 'municipalities',
        opensAt: new Date(now - 86_400_000).toISOString(),
        closesAt: new Date(now + 10 * 86_400_000).toISOString(),
        copyFromId: fy2024Survey!.id,
      },
    });
    expect(copied.status(), await copied.text()).toBe(201);
    const copiedDraft = (await copied.json()) as { id: string; version: number };
    // The builder makes a draft; the prefecture publishes it before the town can answer.
    const published = await prefecture.request.post(`/api/surveys/${copiedDraft.id}/publish`, {
      headers,
      data: { version: copiedDraft.version },
    });
    expect(published.status(), await published.text()).toBe(200);
    const fy2026Survey = copiedDraft.id;
    await prefecture.context().close();

    const lastYear = (await (
      await staff.request.get(`/api/surveys/${fy2024Survey!.id}/response`)
    ).json()) as {
      status: string;
      answers: Record<string, unknown>;
    };
    expect(lastYear.status).toBe('submitted');
    const answers = { ...lastYear.answers, help_wanted_areas: ['ai_rpa', 'bpr'] };
    const draft = await staff.request.put(`/api/surveys/${fy2026Survey}/response`, {
      headers,
      data: { answers, version: null },
    });
    expect(draft.status(), await draft.text()).toBe(200);
    const draftVersion = ((await draft.json()) as { version: number }).version;
    const submitted = await staff.request.post(`/api/surveys/${fy2026Survey}/response/submit`, {
      headers,
      data: { answers, version: draftVersion },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);

    // --- Now the new menu is recommended to 西会津町, with its reason.
    await visit(staff, `/menus/recommendations?fy=${fy}`, 'おすすめの支援メニュー');
    await staff.getByRole('heading', { level: 2, name: '西会津町へのおすすめ' }).waitFor();
    const recommended = staff
      .getByRole('region', { name: '西会津町へのおすすめ' })
      .locator('ol > li')
      .filter({ has: staff.getByRole('link', { name: menuTitle, exact: true }) });
    await recommended.waitFor();
    const recommendedText = (await recommended.textContent()) ?? '';
    expect(recommendedText).toContain('おすすめの理由');
    expect(recommendedText).toContain('支援を希望した分野：AI・RPAの活用');
    await check(staff, 'menus-recommendations-new-menu');
    await staff.context().close();
  }

  it('the demo catalog of FY2024: 34 menus, filters in the URL, a menu page; an advisor edits the profile', async () => {
    const staff = await newPage(browser!, server.baseUrl);
    await loginAs(staff, municipalityEmail);
    const years = (await (await staff.request.get('/api/fiscal-years')).json()) as {
      items: { id: string; year: number }[];
    };
    const fy2024 = years.items.find((y) => y.year === 2024)!.id;
    await visit(staff, `/menus/catalog?fy=${fy2024}`, '支援メニュー一覧');
    await staff.getByRole('table', { name: '支援メニュー（34件）' }).waitFor();
    await check(staff, 'menus-catalog-fy2024');

    // Online menus only: fewer rows, each of them online, and the filter is in the URL.
    await staff.getByLabel('実施形態').selectOption('online');
    await staff.getByRole('button', { name: 'この条件で表示' }).click();
    await staff.waitForURL(/format=online/);
    const rows = staff.getByRole('table').getByRole('row');
    await expect
      .poll(async () => (await staff.locator('caption').textContent()) ?? '')
      .not.toContain('（34件）');
    const bodyRows = (await rows.count()) - 1;
    expect(bodyRows).toBeGreaterThan(0);
    expect(bodyRows).toBeLessThan(34);
    for (let r = 1; r <= bodyRows; r++) expect(await rows.nth(r).textContent()).toContain('オンライン');

    await rows.nth(1).getByRole('link').click();
    // Its record by year: one FY2024 project on it, not evaluated yet.
    const outcomes = staff.getByRole('table', { name: '年度ごとの評価' });
    await outcomes.waitFor();
    expect(await outcomes.getByRole('row').nth(1).textContent()).toBe('令和6年度（2024）10———');
    await check(staff, 'menus-catalog-fy2024-detail');

    // FY2024: the town answered the needs survey, so menus come ranked with their reasons, worded
    // from the structured reasons of the API.
    const recs = (await (
      await staff.request.get(`/api/menus/recommendations?fiscalYearId=${fy2024}`)
    ).json()) as {
      hasProfile: boolean;
      items: { menu: { title: string }; reasons: { code: string; params: { areas?: string[] } }[] }[];
    };
    expect(recs.hasProfile).toBe(true);
    expect(recs.items.length).toBeGreaterThan(0);
    for (const item of recs.items) expect(item.reasons.length).toBeGreaterThan(0);
    await visit(staff, `/menus/recommendations?fy=${fy2024}`, 'おすすめの支援メニュー');
    await staff.getByRole('heading', { level: 2, name: '西会津町へのおすすめ' }).waitFor();
    const first = staff.getByRole('listitem').filter({
      has: staff.getByRole('link', { name: recs.items[0]!.menu.title, exact: true }),
    });
    await first.first().waitFor();
    const firstText = (await first.first().textContent()) ?? '';
    expect(firstText).toContain('おすすめの理由');
    expect(firstText).toMatch(/支援を希望した分野：|成熟度が低い分野：|自由記述の「|対象地方：|似た規模の/);
    // The ten best first, the rest on request.
    const shown = () =>
      staff.getByRole('region', { name: '西会津町へのおすすめ' }).locator('ol > li').count();
    expect(await shown()).toBe(Math.min(10, recs.items.length));
    if (recs.items.length > 10) {
      await staff.getByRole('button', { name: `すべて表示（${recs.items.length}件）` }).click();
      await expect.poll(shown).toBe(recs.items.length);
    }
    await check(staff, 'menus-recommendations-fy2024');
    await staff.context().close();

    const company = await newPage(browser!, server.baseUrl);
    await loginAs(company, companyEmail);
    await visit(company, '/menus/profile', 'アドバイザー情報');
    await company.getByLabel('得意分野・スキル').fill('RPA導入\nBPR');
    await company.getByRole('button', { name: '保存する' }).click();
    await company.getByText('プロフィールを保存しました。').waitFor();
    const profile = (await (await company.request.get('/api/auth/me')).json()) as { id: string };
    const saved = (await (await company.request.get(`/api/menus/advisors/${profile.id}`)).json()) as {
      skills: string[];
    };
    expect(saved.skills).toEqual(['RPA導入', 'BPR']);
    await check(company, 'menus-advisor-profile');
    await company.context().close();
  }, 180_000);
});
