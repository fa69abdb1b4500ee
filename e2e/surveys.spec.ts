import fs from 'node:fs';
import ExcelJS from 'exceljs';
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
} from './support';

/**
 * The needs survey end to end: the administrator opens a survey window (FY2024's seeded one is in
 * the past, so a copy with an open window), a municipality answers it by keyboard only, leaves and
 * comes back to its saved draft, submits; the administrator sees the response in the results and
 * downloads the Excel file, which holds the answers.
 */

const adminEmail = 'admin@pref.example.jp';
const staffEmail = 'dx@nishiaizu.example.jp';
const voiceText = 'デジタル人材が不足しており、RPAのシナリオを作れる職員がいない。';
const talentDetail = '地域活性化起業人';

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

/** Presses Tab until the focused element satisfies `isTarget`, or fails. */
async function tabTo(page: Page, target: string, isTarget: () => boolean, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isTarget)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The accessible name of the focused element (its label's text). */
function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    return (label?.textContent ?? el.textContent ?? '').trim();
  });
}

async function tabToLabel(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedLabel(page)).includes(label)) return;
  }
  throw new Error(`Tab never reached "${label}"`);
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('needs survey', () => {
  let server: RunningServer;
  let surveyId: string;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the administrator makes a draft from the seeded FY2024 needs survey, previews it and publishes it', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, adminEmail);

    const headers = { 'x-kakehashi-request': '1' };
    const list = (await (await page.request.get('/api/surveys')).json()) as {
      items: { id: string; fiscalYearId: string; kind: string; title: { ja: string } }[];
    };
    const seeded = list.items.find((s) => s.kind === 'needs' && s.title.ja.includes('令和6年度'));
    expect(seeded, 'the seeded FY2024 needs survey').toBeDefined();
    const now = e2eNow().getTime();
    const created = await page.request.post('/api/surveys', {
      headers,
      data: {
        fiscalYearId: seeded!.fiscalYearId,
        title: { ja: '令和6年度 市町村DX推進ニーズ調査（追加回答）', en: 'FY2024 needs survey (additional)' },
        kind: 'needs',
        audience: 'municipalities',
        opensAt: new Date(now - 86_400_000).toISOString(),
        closesAt: new Date(now + 10 * 86_400_000).toISOString(),
        copyFromId: seeded!.id,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    surveyId = ((await created.json()) as { id: string }).id;

    // The list marks it a draft.
    await page.goto('/surveys');
    await settle(page);
    const table = page.getByRole('table', { name: 'アンケート一覧' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: '（追加回答）' });
    expect(await row.getByText('下書き', { exact: true }).count()).toBe(1);
    expect(
      await table.getByRole('cell', { name: '令和6年度 市町村DX推進ニーズ調査', exact: true }).count(),
    ).toBe(1);
    await expectNoAxeViolations(page, 'survey list (admin)');
    await screenshot(page, 'surveys-list-admin');

    // The builder shows the copied questions, the draft state and a preview of the answer form.
    await page.goto(`/surveys/${surveyId}/edit`);
    await settle(page);
    await page.getByRole('heading', { name: 'DX推進体制' }).waitFor();
    await page.getByText('この調査は下書きです').waitFor();
    await page.getByText('回答画面のプレビュー').click();
    const preview = page.locator('details').filter({ hasText: '回答画面のプレビュー' });
    await preview
      .getByRole('group', { name: /CDO（最高デジタル責任者）またはCIOを任命していますか/ })
      .waitFor();
    await expectNoAxeViolations(page, 'survey builder (draft with preview)');
    await screenshot(page, 'surveys-builder');

    // Publishing asks first, saying who is told and how many have no account to receive it.
    await page.getByRole('button', { name: 'この調査を公開する' }).click();
    await page.getByText(/回答者（市町村）\d+件に受付開始のお知らせをすぐにお送りします/).waitFor();
    await page.getByText(/うち\d+件はアカウントが登録されていないため、メールが届きません/).waitFor();
    await expectNoAxeViolations(page, 'survey builder (publish confirmation)');
    await page.getByRole('button', { name: '公開する', exact: true }).click();
    await page.getByText('この調査は公開されています。').waitFor();
    const published = (await (await page.request.get(`/api/surveys/${surveyId}`)).json()) as {
      isDraft: boolean;
    };
    expect(published.isDraft).toBe(false);

    // A link may narrow the list (the home's grouped tasks do): it says so and lists only those.
    await page.goto('/surveys?kind=needs&audience=municipalities&pending=true');
    await settle(page);
    await page.getByText('絞り込んで表示しています').waitFor();
    const narrowed = page.getByRole('table', { name: 'アンケート一覧' });
    await narrowed.getByRole('row').filter({ hasText: '（追加回答）' }).waitFor();
    // The closed FY2024 survey is left out: only open ones with answers still missing.
    expect(
      await narrowed.getByRole('cell', { name: '令和6年度 市町村DX推進ニーズ調査', exact: true }).count(),
    ).toBe(0);
    await expectNoAxeViolations(page, 'survey list (narrowed by a link)');
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('a municipality answers by keyboard, leaves, comes back to the draft and submits', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, staffEmail);
    await page.goto('/surveys');
    await settle(page);
    await expectNoAxeViolations(page, 'survey list (municipality)');
    await tabTo(page, 'the answer link', () =>
      (document.activeElement?.getAttribute('aria-label') ?? '').includes('（追加回答）'),
    );
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/surveys/${surveyId}/answer`);
    await settle(page);
    await page.getByText(/あと\d+日/).waitFor();
    await expectNoAxeViolations(page, 'answer page (empty)');

    // Submitting at once lists the missing answers, each a link to its field.
    await tabToLabel(page, '回答を提出する');
    await page.keyboard.press('Enter');
    await page
      .getByRole('link', {
        name: /「CDO（最高デジタル責任者）またはCIOを任命していますか」に回答してください/,
      })
      .waitFor();
    await expectNoAxeViolations(page, 'answer page (missing answers)');
    await screenshot(page, 'surveys-answer-errors');

    // Back to the top: the first question.
    await page.getByRole('heading', { level: 1 }).focus();
    await tabToLabel(page, '任命している');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // DX plan: first option, then arrow to "in progress"
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab'); // outside talent: "using" reveals the follow-up question
    await page.keyboard.press('Space');
    await page.getByLabel(/活用している外部人材の内容/).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type(talentDetail);
    // Matrix: one radio group per area; the third point (3) for each.
    const rows = await page.getByRole('rowheader').count();
    expect(rows).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < rows; i++) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
    }
    // Help wanted: the first two areas.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabToLabel(page, 'DX推進にあたっての課題');
    await page.keyboard.type(voiceText);
    await page.getByRole('status').filter({ hasText: '下書きを保存しました' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'surveys-answer-draft');
    // Every required answer is given now, so the list of missing answers has gone.
    expect(await page.getByRole('link', { name: /に回答してください/ }).count()).toBe(0);

    // Leave and come back: the draft is there.
    await page.goto('/');
    await settle(page);
    await page.goto(`/surveys/${surveyId}/answer`);
    await settle(page);
    expect(await page.getByLabel('任命している', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('策定中', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel(/DX推進を担当する職員数/).inputValue()).toBe('4');
    expect(await page.getByLabel(/活用している外部人材の内容/).inputValue()).toBe(talentDetail);
    expect(await page.getByLabel(/DX推進にあたっての課題/).inputValue()).toBe(voiceText);
    await expectNoAxeViolations(page, 'answer page (draft resumed)');

    await tabToLabel(page, '回答を提出する');
    await page.keyboard.press('Enter');
    await page.getByText(/回答を提出しました/).waitFor();
    // The town's own maturity level appears: overall and one row per challenge area.
    const maturity = page.getByRole('table', { name: '西会津町の課題分野別の成熟度レベル' });
    await maturity.waitFor();
    await page.getByText(/総合レベル：/).waitFor();
    expect(await maturity.getByRole('rowheader').count()).toBeGreaterThan(3);
    expect(await maturity.getByRole('rowheader', { name: 'DX推進体制・計画' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'answer page (submitted)');
    await screenshot(page, 'surveys-answer-submitted');
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('the administrator sees the response in the results and exports it to Excel', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, adminEmail);
    await page.goto(`/surveys/${surveyId}/results`);
    await settle(page);
    await page.getByText(/^1 \/ 59 団体/).waitFor();
    await page
      .getByRole('table', { name: '課題分野 × 市町村' })
      .getByRole('rowheader', { name: '西会津町' })
      .waitFor();
    await page.getByRole('heading', { name: '自治体の声' }).waitFor();
    await expectNoAxeViolations(page, 'results');
    await screenshot(page, 'surveys-results');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Excel/ }).click(),
    ]);
    const file = await download.path();
    expect(file).toBeTruthy();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file!);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const texts: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => texts.push(String(cell.value ?? '')));
      });
    }
    expect(texts.some((t) => t.includes('西会津町'))).toBe(true);
    expect(texts.some((t) => t.includes(voiceText))).toBe(true);
    expect(texts.some((t) => t.includes(talentDetail))).toBe(true);
    fs.rmSync(file!, { force: true });

    // Reminders are asked first: how many mails go, and how many towns no mail can reach.
    await page.getByRole('button', { name: '督促メールを送る' }).click();
    const confirm = page.getByRole('region', { name: '督促メールを送りますか' });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reminder-confirm-title');
    const question = (await confirm.textContent()) ?? '';
    expect(question).toMatch(/未回答の58件のうち、アカウントのある宛先に[1-9]\d*通のメールを送ります。/);
    expect(question).toMatch(/うち[1-9]\d*件はアカウントが登録されていないため、メールが届きません/);
    await expectNoAxeViolations(page, 'reminder confirmation');
    // やめる closes it and gives focus back to the button; asked again, it sends on 送信する.
    await confirm.getByRole('button', { name: 'やめる' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('督促メールを送る');
    expect(await confirm.count()).toBe(0);
    await page.getByRole('button', { name: '督促メールを送る' }).click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '送信する' }).click();
    await page.getByText(/^[1-9]\d*団体に督促メールを送りました/).waitFor();
    expect(await confirm.count()).toBe(0);
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('the administrator publishes the aggregates and a company reads only the shared view', async () => {
    const admin = await newPage(browser!, server.baseUrl);
    await loginAs(admin, adminEmail);
    await admin.goto(`/surveys/${surveyId}/results`);
    await settle(admin);
    await admin.getByLabel('集計を協議会会員に公開する').check();
    await admin.getByRole('button', { name: '共有設定を保存する' }).click();
    await admin.getByText('共有設定を保存しました。').waitFor();
    // Coming back, the form shows what was saved (it is loaded, not reset to unchecked).
    await admin.reload();
    await settle(admin);
    await admin.getByRole('button', { name: '共有設定を保存する' }).waitFor();
    expect(await admin.getByLabel('集計を協議会会員に公開する').isChecked()).toBe(true);
    expect(await admin.getByLabel('市町村名を含める').isChecked()).toBe(false);
    // Someone else saves in between: saving the stale form is refused (409), the form shows what
    // is saved now, and saving again (on purpose) works.
    const headers = { 'x-kakehashi-request': '1' };
    const current = (await (await admin.request.get(`/api/surveys/${surveyId}/share`)).json()) as {
      version: number;
      isPublished: boolean;
    };
    expect(current.isPublished).toBe(true);
    const other = await admin.request.put(`/api/surveys/${surveyId}/share`, {
      headers,
      data: { ...current, includeMunicipalityNames: true },
    });
    expect(other.status()).toBe(200);
    await admin.getByRole('button', { name: '共有設定を保存する' }).click();
    await admin.getByText(/他の人が先に共有設定を保存しました/).waitFor();
    expect(await admin.getByLabel('市町村名を含める').isChecked()).toBe(true);
    await expectNoAxeViolations(admin, 'sharing settings (conflict)');
    await screenshot(admin, 'surveys-sharing-conflict');
    await admin.getByLabel('市町村名を含める').uncheck();
    await admin.getByRole('button', { name: '共有設定を保存する' }).click();
    await admin.getByText('共有設定を保存しました。').waitFor();
    await expect
      .poll(async () => {
        const saved = (await (await admin.request.get(`/api/surveys/${surveyId}/share`)).json()) as {
          includeMunicipalityNames: boolean;
        };
        return saved.includeMunicipalityNames;
      })
      .toBe(false);
    await admin.context().close();

    const company = await newPage(browser!, server.baseUrl);
    await loginAs(company, 'advisor@company-a.example.jp');
    // The results themselves are not theirs to read.
    expect((await company.request.get(`/api/surveys/${surveyId}/results`)).status()).toBeGreaterThanOrEqual(
      403,
    );
    await company.goto(`/surveys/${surveyId}/shared`);
    await settle(company);
    await company.getByRole('heading', { name: '課題分野別の支援希望' }).waitFor();
    await company.getByRole('table', { name: '課題分野別の支援希望' }).waitFor();
    await expectNoAxeViolations(company, 'shared view (company)');
    await screenshot(company, 'surveys-shared-company');
    assertNoOutsideRequests(company);
    await company.context().close();
  });
});
