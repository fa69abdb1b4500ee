import type { APIRequestContext, Browser, Page } from 'playwright-core';
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
  nextFiscalYear,
  photographedOnFailure,
} from './support';

/**
 * Calls, applications and the allocation end to end. The demo's FY2024 call windows lie in the
 * past, so the prefecture sets up a year of its own through the API: an advisor-dispatch program
 * with a call round open today and two selected menus of 1,500 and 1,000 千円 (capacity 1 each).
 * 郡山市 applies through the API; the prefecture then narrows the limits, requires the head's
 * confirmation and drafts an application as proxy for 三島町; 西会津町 applies through the form
 * (ranking the menus with the keyboard buttons) and its head confirms; the round is closed; a manual
 * lock is saved and lifted; the prefecture runs the allocation twice (a budget for both towns and
 * one for only one), compares the runs, reads an explanation and a counterfactual (also in English),
 * approves and publishes; history is imported; 西会津町 then sees its result and the reason. axe and
 * a screenshot on every page.
 */

const adminEmail = 'admin@pref.example.jp';
const companyEmail = 'advisor@company-a.example.jp';
const nishiaizuEmail = 'dx@nishiaizu.example.jp';
const koriyamaEmail = 'dx@koriyama.example.jp';
const headers = { 'x-kakehashi-request': '1' };
const menuA = 'E2E 業務改革伴走支援';
const menuB = 'E2E オンライン申請導入支援';
const programName = 'ICTアドバイザー派遣事業（E2E）';

/** The JST calendar day `offset` days from today, as YYYY-MM-DD. */
function jstDay(offset: number): string {
  return new Date(e2eNow().getTime() + 9 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
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
  method: 'get' | 'post' | 'patch' | 'put',
  url: string,
  data?: unknown,
  expected = [200, 201, 202],
): Promise<T> {
  const response = await request[method](url, method === 'get' ? {} : { headers, data });
  const body = await response.text();
  expect(expected, `${method.toUpperCase()} ${url} answered ${response.status()}: ${body}`).toContain(
    response.status(),
  );
  return JSON.parse(body) as T;
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('calls, applications and allocation', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('two towns apply → two runs compared → explanation and counterfactual → approve → publish → the town reads its result', async () => {
    await photographedOnFailure('allocation', flow);
  }, 300_000);

  async function flow(pages: Page[]): Promise<void> {
    // --- The prefecture: a year with an advisor-dispatch program whose call round is open today.
    const admin = await newPage(browser!, server.baseUrl);
    pages.push(admin);
    await loginAs(admin, adminEmail);
    const api = admin.request;
    // A year of its own: the demo already holds the current fiscal year (a year in progress).
    const fy = await json<{ id: string }>(api, 'post', '/api/fiscal-years', {
      year: nextFiscalYear(),
      status: 'active',
    });
    const program = await json<{ id: string }>(api, 'post', `/api/fiscal-years/${fy.id}/programs`, {
      kind: 'advisor_dispatch',
      name: programName,
      nameEn: 'ICT advisor dispatch (E2E)',
      budgetThousandYen: 2_500,
    });
    const phase = await json<{ id: string; version: number }>(
      api,
      'post',
      `/api/programs/${program.id}/phases`,
      {
        kind: 'call',
        startsOn: jstDay(-10),
        endsOn: jstDay(10),
      },
    );

    // Two menus of company A, selected for the year, form the catalog the towns choose from.
    await json(api, 'put', `/api/menus/settings/${fy.id}`, {
      criteria: [{ key: 'need', label: '必要性', labelEn: 'Need', weight: 100 }],
    });
    const company = await newPage(browser!, server.baseUrl);
    pages.push(company);
    await loginAs(company, companyEmail);
    for (const [title, cost] of [
      [menuA, 1_500],
      [menuB, 1_000],
    ] as const) {
      const created = await json<{ id: string; version: number }>(
        company.request,
        'post',
        '/api/menus/proposals',
        {
          fiscalYearId: fy.id,
          title,
          challengeAreas: ['online_procedures'],
          description: `${title}の内容`,
          format: 'hybrid',
          capacity: 1,
          unitCostThousandYen: cost,
        },
      );
      const submitted = await json<{ version: number }>(
        company.request,
        'post',
        `/api/menus/proposals/${created.id}/submit`,
        { version: created.version },
      );
      await json(api, 'post', `/api/menus/proposals/${created.id}/decision`, {
        version: submitted.version,
        decision: 'selected',
        reason: '',
      });
    }
    await company.context().close();
    const call = await json<{ id: string }>(api, 'post', '/api/calls', { programId: program.id });

    // --- The calls list and the call as the prefecture sees them.
    await visit(admin, `/calls?fy=${fy.id}`, '公募・申請');
    await admin
      .getByRole('cell', { name: /受付中/ })
      .first()
      .waitFor();
    await check(admin, 'allocation-calls');
    await admin.getByRole('link', { name: programName }).click();
    await admin.getByRole('heading', { level: 1, name: programName }).waitFor();
    await check(admin, 'allocation-call-admin');

    // --- 郡山市 applies through the API (the same two menus, A first), before the head's confirmation is required.
    const koriyama = await newPage(browser!, server.baseUrl);
    pages.push(koriyama);
    await loginAs(koriyama, koriyamaEmail);
    const menuIds = (
      await json<{ items: { id: string; title: string }[] }>(
        koriyama.request,
        'get',
        `/api/menus/catalog?fiscalYearId=${fy.id}`,
      )
    ).items;
    const idOf = (title: string) => menuIds.find((m) => m.title === title)!.id;
    const draft = await json<{ id: string; version: number }>(
      koriyama.request,
      'post',
      `/api/calls/${call.id}/applications`,
      {
        menuIds: [idOf(menuA), idOf(menuB)],
        challenge: '庁内のペーパーレス化を進めたい。',
        contactName: '郡山 太郎',
        contactEmail: 'taro@koriyama.example.jp',
      },
    );
    await json(koriyama.request, 'post', `/api/applications/${draft.id}/submit`, { version: draft.version });
    await koriyama.context().close();

    // The prefecture narrows the limits and requires the head's confirmation (a versioned form) …
    await admin.getByRole('button', { name: '条件を変更する' }).click();
    await admin.getByLabel('選べる支援メニューの数').fill('2');
    await admin.getByRole('checkbox', { name: '申請には首長等の確認が必要' }).check();
    await admin.getByRole('button', { name: '条件を保存する' }).click();
    await admin.getByText('公募の条件を保存しました。').waitFor();
    await admin.getByText('第2希望まで').waitFor();

    // … and drafts an application as proxy for a short-staffed town, which stays a draft for the town.
    const proxyTown = admin.getByLabel('代理で作成する市町村');
    await proxyTown.selectOption(
      (await proxyTown.locator('option', { hasText: '三島町' }).getAttribute('value'))!,
    );
    await admin.getByRole('button', { name: '代理で作成を始める' }).click();
    await admin.getByRole('heading', { level: 1, name: '申請の作成' }).waitFor();
    await admin.getByText('三島町の申請を県が代理で作成しています。').waitFor();
    await settle(admin);
    const proxyAdd = admin.getByLabel('追加する支援メニュー');
    await proxyAdd.selectOption(
      (await proxyAdd.locator('option', { hasText: menuB }).getAttribute('value'))!,
    );
    await admin.getByRole('button', { name: '希望に追加する' }).click();
    await admin.getByLabel('解決したい課題').fill('職員が少なく、情報システムの見直しに手が回らない。');
    await admin.getByLabel('担当者名').fill('三島 次郎');
    await admin.getByLabel('担当者のメールアドレス').fill('jiro@mishima.example.jp');
    await check(admin, 'allocation-proxy-form');
    await admin.getByRole('button', { name: '下書きを保存する' }).click();
    await admin.getByRole('heading', { level: 1, name: '三島町の申請' }).waitFor();
    await admin.getByText('下書き', { exact: true }).first().waitFor();
    await admin.getByText('代理入力', { exact: true }).waitFor();
    await check(admin, 'allocation-proxy-draft');

    // --- 西会津町 applies through the form.
    const town = await newPage(browser!, server.baseUrl);
    pages.push(town);
    await loginAs(town, nishiaizuEmail);
    await visit(town, `/calls/${call.id}`, programName);
    // The town sees its own applications (none yet) and the apply button, not the admin's tools.
    await town.getByText('自団体の申請').waitFor();
    expect(await town.getByRole('link', { name: '支援先の選定' }).count()).toBe(0);
    await check(town, 'allocation-call-town');
    await town.getByRole('link', { name: '申請を作成する' }).click();
    await town.getByRole('heading', { level: 1, name: '申請の作成' }).waitFor();
    await settle(town);

    // Saving without menus or contact names the failing fields.
    await town.getByLabel('解決したい課題').fill('');
    await town.getByRole('button', { name: '下書きを保存する' }).click();
    await town.getByText('入力内容に誤りがあります。各項目をご確認ください。').waitFor();
    expect(await town.getByLabel('担当者名').getAttribute('aria-invalid')).toBe('true');
    await check(town, 'allocation-apply-errors');

    // B first, then A; then A is moved up with the keyboard so A is the first choice.
    const add = town.getByLabel('追加する支援メニュー');
    for (const title of [menuB, menuA]) {
      const value = await add.locator('option', { hasText: title }).getAttribute('value');
      await add.selectOption(value!);
      await town.getByRole('button', { name: '希望に追加する' }).click();
    }
    const up = town.getByRole('button', { name: `${menuA}の希望順位を上げる` });
    await up.focus();
    await town.keyboard.press('Enter');
    const choices = town.getByRole('list', { name: '選んだ支援メニュー' }).getByRole('listitem');
    await expect.poll(() => choices.first().textContent()).toContain(menuA);
    expect(await choices.nth(1).textContent()).toContain(menuB);

    await town
      .getByLabel('解決したい課題')
      .fill('窓口の申請手続をオンライン化し、職員の入力作業を減らしたい。');
    await town.getByLabel('担当者名').fill('西会津 花子');
    await town.getByLabel('担当者のメールアドレス').fill('hanako@nishiaizu.example.jp');
    await check(town, 'allocation-apply-form');
    await town.getByRole('button', { name: '下書きを保存する' }).click();
    await town.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await town.getByRole('heading', { level: 1, name: '西会津町の申請' }).waitFor();
    const applicationPath = new URL(town.url()).pathname;
    await town.getByRole('button', { name: '申請を提出する' }).click();
    await town.getByText('申請を提出しました。').waitFor();
    await town.getByText('首長等の確認待ち', { exact: true }).first().waitFor();
    await check(town, 'allocation-application-awaiting-head');

    // The head of 西会津町 confirms it; only then is it submitted.
    const mayor = await newPage(browser!, server.baseUrl);
    pages.push(mayor);
    await loginAs(mayor, 'mayor@nishiaizu.example.jp');
    await visit(mayor, applicationPath, '西会津町の申請');
    await mayor.getByRole('button', { name: '首長等として確認する' }).click();
    await mayor.getByText('申請を確認しました。').waitFor();
    await mayor.getByText('申請済み', { exact: true }).first().waitFor();
    await check(mayor, 'allocation-application-confirmed');
    await mayor.context().close();

    // --- The round closes (its last day moves to yesterday).
    await json(api, 'patch', `/api/phases/${phase.id}`, {
      version: phase.version,
      startsOn: jstDay(-10),
      endsOn: jstDay(-1),
    });

    // --- Two runs: a budget for both towns, then one for only one of them.
    await visit(admin, `/calls/${call.id}/allocation`, '支援先の選定');
    await admin.getByRole('cell', { name: '西会津町' }).waitFor();
    await check(admin, 'allocation-desk');

    // A manual decision is saved with its reason and shown again after the reload; then lifted.
    const koriyamaLock = admin.getByRole('form', { name: '郡山市の手動の指定' });
    await koriyamaLock.getByLabel('指定').selectOption('exclude');
    await koriyamaLock.getByLabel('理由').fill('E2E: 指定の保存を確かめる');
    await koriyamaLock.getByRole('button', { name: '指定を保存' }).click();
    await koriyamaLock.getByText('郡山市の指定を保存しました。').waitFor();
    await visit(admin, `/calls/${call.id}/allocation`, '支援先の選定');
    expect(await koriyamaLock.getByLabel('指定').inputValue()).toBe('exclude');
    expect(await koriyamaLock.getByLabel('理由').inputValue()).toBe('E2E: 指定の保存を確かめる');
    await koriyamaLock.getByLabel('指定').selectOption('none');
    await koriyamaLock.getByRole('button', { name: '指定を保存' }).click();
    await koriyamaLock.getByText('郡山市の指定を保存しました。').waitFor();
    for (const [label, budget] of [
      ['両方採択できる予算', '2500'],
      ['予算1,500千円', '1500'],
    ] as const) {
      await visit(admin, `/calls/${call.id}/allocation`, '支援先の選定');
      await admin.getByLabel('ラベル').fill(label);
      await admin.getByLabel('予算（千円）').fill(budget);
      await admin.getByLabel('乱数の種（同点の抽選）').fill('42');
      await admin.getByRole('button', { name: '計算を開始する' }).click();
      await admin.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
      await admin.getByRole('heading', { level: 1, name: `選定結果：${label}` }).waitFor();
      // The page polls until the job runner has solved the run.
      await admin.getByText('計算済み', { exact: true }).first().waitFor({ timeout: 60_000 });
    }
    const runPath = new URL(admin.url()).pathname;
    await settle(admin);
    const totals = admin.getByRole('table', { name: '合計の比較' });
    expect(await totals.getByRole('row', { name: /費用の合計/ }).textContent()).toContain('1,500千円');
    await check(admin, 'allocation-run');

    // The budget covers one town: which one depends on the towns' priority (past support in the
    // demo history among it). The other town's explanation carries the counterfactual.
    const unselectedDetails = admin
      .locator('details')
      .filter({ has: admin.locator('summary', { hasText: '不採択' }) });
    expect(await unselectedDetails.count()).toBe(1);
    const unselected = (await unselectedDetails.locator('summary > span').first().textContent()) ?? '';
    const selected = unselected === '郡山市' ? '西会津町' : '郡山市';
    expect(['郡山市', '西会津町']).toContain(unselected);
    // From here on the panel is found by the town's name, which reads the same in both languages.
    const unselectedPanel = admin
      .locator('details')
      .filter({ has: admin.locator('summary', { hasText: unselected }) });
    await unselectedPanel.locator('summary').click();
    await unselectedPanel.getByRole('heading', { name: 'もし条件が違っていたら' }).waitFor();
    // Another 1,000 千円 would fund the other menu as well.
    expect(await unselectedPanel.textContent()).toContain('1,000千円');
    await check(admin, 'allocation-run-explanation');

    // The same page in English: every label translated, still no accessibility violation.
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Allocation: 予算1,500千円' }).waitFor();
    await admin.getByRole('table', { name: 'Totals compared' }).waitFor();
    // The explanation opened above stays open across the language switch.
    await unselectedPanel.evaluate((element) => {
      (element as HTMLDetailsElement).open = true;
    });
    await admin.getByRole('heading', { name: 'What would change the outcome' }).waitFor();
    await check(admin, 'allocation-run-english');
    await admin.getByRole('button', { name: '日本語' }).click();
    await admin.getByRole('heading', { level: 1, name: '選定結果：予算1,500千円' }).waitFor();

    // --- The comparison: the town left out with 1,500 千円 is selected in the first run only.
    await visit(admin, `/calls/${call.id}/allocation`, '支援先の選定');
    await admin.getByRole('checkbox', { name: '両方採択できる予算を比較に使う' }).check();
    await admin.getByRole('checkbox', { name: '予算1,500千円を比較に使う' }).check();
    await admin.getByRole('button', { name: '選んだ2件を比較する' }).click();
    await admin.getByRole('heading', { level: 1, name: '計算結果の比較' }).waitFor();
    await settle(admin);
    const differences = admin.getByRole('table', { name: /結果が異なる申請/ });
    // The other town is selected in both runs; it is listed only when the runs give it different menus.
    const unselectedRow = await differences.getByRole('row', { name: new RegExp(unselected) }).textContent();
    expect(unselectedRow).toMatch(/採択.*不採択/);
    for (const row of await differences.getByRole('row', { name: new RegExp(selected) }).all()) {
      expect(await row.textContent()).not.toContain('不採択');
    }
    await check(admin, 'allocation-compare');

    // --- The planner and the support projects pages.
    await visit(admin, `/calls/${call.id}/planner`, '3年計画');
    await check(admin, 'allocation-planner');

    // --- Approve and publish the second run.
    await visit(admin, runPath, /^選定結果：予算1,500千円$/);
    await admin.getByRole('button', { name: 'この結果を承認する' }).click();
    await admin.getByText('承認しました。').waitFor();
    await admin.getByRole('button', { name: '結果を公表する' }).click();
    await admin.getByRole('button', { name: '公表する', exact: true }).click();
    await admin.getByText('結果を公表し、市町村と企業に通知しました。').waitFor();
    await admin.getByText('公表済み', { exact: true }).first().waitFor();
    await check(admin, 'allocation-run-published');

    await visit(admin, `/support-projects?fy=${fy.id}`, '支援実績');
    await admin.getByRole('cell', { name: selected }).waitFor();
    await check(admin, 'allocation-support-projects');

    // History import: a file with a wrong row is refused row by row; the corrected one is checked, then imported.
    const history = (rows: string[]) => ({
      name: 'history.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `\uFEFF${['年度,市町村コード,市町村名,支援内容,事業者名,費用（千円）', ...rows].join('\r\n')}\r\n`,
      ),
    });
    const goodRow = '2024,074446,三島町,E2E 過去の業務改善支援,デモ情報システム株式会社,900';
    await visit(admin, '/support-projects', '支援実績');
    const file = admin.getByLabel('取り込むファイル');
    await file.setInputFiles(history([goodRow, '2024,079999,架空町,支援,会社,100']));
    await admin.getByRole('button', { name: '内容を確認する' }).click();
    const rowErrors = admin.getByRole('table', { name: /行ごとの誤り/ });
    await rowErrors.waitFor();
    expect(await rowErrors.getByRole('row').nth(1).textContent()).toMatch(/^3市町村コード/);
    await check(admin, 'allocation-history-errors');
    await file.setInputFiles(history([goodRow]));
    await admin.getByRole('button', { name: '内容を確認する' }).click();
    await admin.getByText('確認しました。1行を取り込めます。').waitFor();
    await admin.getByRole('button', { name: '取り込む', exact: true }).click();
    await admin.getByText('1行を取り込みました。').waitFor();
    await admin.getByRole('cell', { name: 'E2E 過去の業務改善支援' }).waitFor();
    await check(admin, 'allocation-history-imported');

    // --- 西会津町 reads its result and the reason.
    await visit(town, applicationPath, '西会津町の申請');
    const result = town.getByRole('region', { name: '選定結果' });
    await result.waitFor();
    const outcome = unselected === '西会津町' ? '不採択' : '採択';
    await result.getByText(outcome, { exact: true }).waitFor();
    // The reasons in plain words, and for an unselected town what would have changed the outcome.
    expect(await result.getByRole('listitem').count()).toBeGreaterThan(0);
    if (outcome === '不採択') {
      await result.getByRole('heading', { name: 'もし条件が違っていたら' }).waitFor();
      // The town that would be displaced is counted, never named.
      await result.getByText('他の市町村の申請 1件').waitFor();
      expect(await result.textContent()).not.toContain(selected);
    } else await result.getByText(menuA).waitFor();
    await check(town, 'allocation-town-result');
  }
});
