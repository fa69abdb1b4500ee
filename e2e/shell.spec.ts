import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertNoOutsideRequests,
  demoPassword,
  expectNoAxeViolations,
  followMenuLink,
  launchBrowser,
  loginAs,
  mainMenuOutline,
  newPage,
  type RunningServer,
  screenshot,
  startServer,
  waitForNetworkQuiet,
} from './support';

/**
 * The app shell as people use it: the login page with its demo accounts,
 * signing in by keyboard alone, the language switch, the municipality list
 * and its shareable filters, the administrator's menu, and an accessibility
 * check (WCAG 2.2 AA) with a screenshot of every page.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staffEmail = 'dx@nishiaizu.example.jp';
const adminEmail = 'admin@pref.example.jp';

/** Municipalities of the reference list, so expected counts follow the data instead of being typed in. */
function readReferenceMunicipalities(): { name: string; kind: string; region: string }[] {
  const [header, ...lines] = fs
    .readFileSync(path.join(repoRoot, 'data/reference/fukushima-municipalities.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    return { name: cells[at('name')]!, kind: cells[at('kind')]!, region: cells[at('region')]! };
  });
}

/** Presses Tab until the focused element satisfies `isTarget` (as a keyboard user would), or fails. */
async function tabTo(
  page: Page,
  target: string,
  isTarget: () => boolean,
  { key = 'Tab', maxPresses = 60 }: { key?: 'Tab' | 'Shift+Tab'; maxPresses?: number } = {},
): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate(isTarget)) return;
  }
  throw new Error(`${key} never reached ${target}`);
}

/** The page has finished loading its data: an h1 and no loading indicator. */
async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

/** Waits for the page whose h1 reads `text` (a client-side navigation renders after the click returns). */
async function expectHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(text);
  await settle(page);
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('app shell', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('login page: demo accounts shown, no accessibility violations', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await page.goto('/login');
    await expect.poll(() => page.title()).toBe('ログイン | Kakehashi 架け橋');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
    await page.getByRole('heading', { level: 2, name: 'デモ用アカウント' }).waitFor();
    expect(await page.getByText('デモ環境専用').count()).toBeGreaterThan(0);
    expect(
      await page.getByRole('button', { name: 'このアカウントでログイン' }).count(),
    ).toBeGreaterThanOrEqual(8);
    // The administrator's current code is shown for the demo.
    await expect.poll(() => page.getByText(/^\d{6}$/).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'login');
    await screenshot(page, 'login-ja');

    // A demo row fills the form; the page does not sign in by itself.
    await page.getByRole('button', { name: 'このアカウントでログイン' }).nth(5).click();
    expect(await page.getByLabel('メールアドレス', { exact: true }).inputValue()).toBe(staffEmail);
    expect(new URL(page.url()).pathname).toBe('/login');
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('login errors are listed, linked to the fields, and receive focus', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await page.goto('/login');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    const summary = page.locator('section[aria-labelledby="login-error-summary-title"]');
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const emailField = page.getByLabel('メールアドレス', { exact: true });
    const passwordField = page.getByLabel('パスワード', { exact: true });
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    expect(await passwordField.getAttribute('aria-invalid')).toBe('true');
    // Each message is tied to its field, so a screen reader reads it with the field.
    const errorIdOf = async (field: typeof emailField) =>
      (await field.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${await errorIdOf(emailField)}"]`).textContent()).toContain(
      'メールアドレスの形式',
    );
    expect(await page.locator(`[id="${await errorIdOf(passwordField)}"]`).textContent()).toContain(
      '必須項目です',
    );
    await expectNoAxeViolations(page, 'login with errors');

    // The summary's link takes the keyboard to the field.
    await summary.getByRole('link').first().press('Enter');
    await expect.poll(() => emailField.evaluate((el) => el === document.activeElement)).toBe(true);

    // A wrong password says so, without telling which half was wrong.
    await emailField.fill(staffEmail);
    await passwordField.fill('wrong-password-123');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByText('メールアドレスまたはパスワードが正しくありません。').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('a municipality staff member signs in and works by keyboard alone', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await page.goto('/login');
    const focusedLabel = () => {
      const el = document.activeElement;
      return el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? '') : '';
    };
    await tabTo(page, 'the e-mail field', () => {
      const el = document.activeElement;
      return el instanceof HTMLInputElement && el.labels?.[0]?.textContent === 'メールアドレス';
    });
    await page.keyboard.type(staffEmail);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(focusedLabel)).toBe('パスワード');
    await page.keyboard.type('Kakehashi-Demo-2024');
    await page.keyboard.press('Enter');

    await page.waitForURL((url) => url.pathname === '/');
    await expectHeading(page, 'ホーム');
    await page.getByRole('heading', { name: 'あなたの市町村' }).waitFor();
    await page.getByRole('link', { name: '西会津町', exact: true }).waitFor();

    // The menu of a municipality, grouped by task: no administration pages.
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    expect(await mainMenuOutline(page)).toEqual([
      'ホーム',
      { '調査・ニーズ': ['アンケート', '市町村一覧'] },
      { '支援メニュー・公募': ['年度・事業', 'おすすめの支援メニュー', '支援メニュー一覧', '公募・申請'] },
      { '支援の実施・事例': ['支援実績', '支援の実施', '事例の作成・承認'] },
      'DXセミナー',
      { '分析・報告': ['自団体のプロフィール', 'ダッシュボード'] },
      'アカウント',
    ]);

    // On a fresh load the skip link comes first and takes focus to the main content…
    await page.reload();
    await settle(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('本文へ移動');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // …and the menu is just before it: a group opens with Enter (a disclosure button), Escape closes
    // it with focus back on its button, and its links follow it in the tab order.
    await tabTo(
      page,
      'the 調査・ニーズ menu button',
      () => document.activeElement?.textContent === '調査・ニーズ',
      {
        key: 'Shift+Tab',
      },
    );
    const research = menu.getByRole('button', { name: '調査・ニーズ' });
    expect(await research.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getByRole('link', { name: '市町村一覧' }).isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    expect(await research.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('アンケート');
    await page.keyboard.press('Escape');
    expect(await research.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('調査・ニーズ');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('市町村一覧');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/municipalities');
    // The new page closed the menu (on the render after the URL changed); its group is marked as the current one.
    await expect.poll(() => research.getAttribute('aria-expanded')).toBe('false');
    await settle(page);
    // Focus moved to the new page's heading, as after a full page load.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // Open one municipality from the table by keyboard.
    await tabTo(page, 'the link to 会津若松市', () => document.activeElement?.textContent === '会津若松市');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => /^\/municipalities\/[0-9a-f-]{36}$/.test(url.pathname));
    await expectHeading(page, '会津若松市');
    // Only the prefecture records population.
    expect(await page.getByRole('heading', { name: '人口の登録' }).count()).toBe(0);
    await page.getByText('未登録（公式統計から登録してください）').waitFor();
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('switching to English changes the UI and survives a reload', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, 'dx@koriyama.example.jp');
    await settle(page);
    const english = page.getByRole('button', { name: 'English' });
    expect(await english.getAttribute('aria-pressed')).toBe('false');
    await english.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Home');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    expect(await mainMenuOutline(page, 'Main menu')).toContainEqual({
      'Surveys & needs': ['Surveys', 'Municipalities'],
    });
    // The server is told too, so its messages come in the same language.
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'kk_locale')?.value).toBe('en');

    await page.reload();
    await expectHeading(page, 'Home');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await expectNoAxeViolations(page, 'home (English)');
    await screenshot(page, 'home-en');

    await followMenuLink(page, 'Surveys & needs', 'Municipalities', 'Main menu');
    await expectHeading(page, 'Municipalities');
    await expect.poll(() => page.title()).toBe('Municipalities | Kakehashi 架け橋');
    await page.getByRole('link', { name: 'Koriyama-shi' }).waitFor();
    await expectNoAxeViolations(page, 'municipalities (English)');
    await screenshot(page, 'municipalities-en');

    // And back to Japanese.
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('市町村一覧');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('filters municipalities by region and kind, in a URL that can be shared', async () => {
    const reference = readReferenceMunicipalities();
    const expected = reference.filter((m) => m.region === '会津' && m.kind === '村');
    expect(expected.length).toBeGreaterThan(0);

    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, staffEmail);
    await page.goto('/municipalities');
    await settle(page);
    await page
      .getByRole('status')
      .filter({ hasText: `全${reference.length}市町村` })
      .waitFor();
    expect(await page.locator('tbody tr').count()).toBe(reference.length);

    await page.getByLabel('地方', { exact: true }).selectOption({ label: '会津' });
    await page.getByLabel('種別', { exact: true }).selectOption({ label: '村' });
    await page.getByRole('button', { name: 'この条件で表示' }).click();
    // The count is announced (aria-live) and the table shows exactly those villages.
    const status = page.getByRole('status').filter({ hasText: '条件に合う市町村' });
    await expect.poll(() => status.textContent()).toBe(`条件に合う市町村：${expected.length}件`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(expected.length);
    const shown = (await page.locator('tbody tr td:nth-child(2) a').allTextContents()).map((s) => s.trim());
    expect(shown.sort()).toEqual(expected.map((m) => m.name).sort());

    const url = new URL(page.url());
    expect(url.searchParams.get('kind')).toBe('village');
    expect(url.searchParams.get('regionId')).toMatch(/^[0-9a-f-]{36}$/);

    // The same URL in a fresh tab shows the same view.
    const shared = await page.context().newPage();
    await shared.goto(url.pathname + url.search);
    await settle(shared);
    await expect.poll(() => shared.locator('tbody tr').count()).toBe(expected.length);
    expect(await shared.getByLabel('種別', { exact: true }).inputValue()).toBe('village');
    await shared.close();

    // The detail page opens from the list.
    const first = expected.map((m) => m.name).sort()[0]!;
    await page.getByRole('link', { name: first, exact: true }).click();
    await expectHeading(page, first);
    await page
      .getByRole('navigation', { name: 'パンくずリスト' })
      .getByRole('link', { name: '市町村一覧' })
      .waitFor();
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  describe('as the prefecture administrator', () => {
    let page: Page;

    beforeAll(async () => {
      page = await newPage(browser!, server.baseUrl);
      // Through the form: the first test here is about signing in with a TOTP code.
      await loginAs(page, adminEmail, demoPassword, { via: 'form' });
      await settle(page);
    });

    afterAll(async () => {
      await page?.context().close();
    });

    it('signs in with a TOTP code and sees the administration menu', async () => {
      // Seven entries in one row, each group a task.
      expect(await mainMenuOutline(page)).toEqual([
        'ホーム',
        { '調査・ニーズ': ['アンケート', '市町村'] },
        { '支援メニュー・公募': ['支援メニューの審査', '支援メニュー一覧', '公募・申請'] },
        { '支援の実施・事例': ['支援実績', '支援の実施', '事例の作成・承認'] },
        { セミナー: ['DXセミナー', 'セミナーの到達状況'] },
        { '分析・報告': ['報告・統計', 'ダッシュボード'] },
        { 管理: ['年度・事業', 'ユーザー管理', '組織', '送信メール', '監査ログ'] },
      ]);
      const menu = page.getByRole('navigation', { name: 'メインメニュー' });
      const box = await menu.boundingBox();
      expect(box!.height).toBeLessThan(60);
      // A click elsewhere closes an open group.
      await menu.getByRole('button', { name: '管理' }).click();
      await menu.getByRole('link', { name: '監査ログ' }).waitFor();
      await page.getByRole('heading', { level: 1 }).click();
      await menu.getByRole('link', { name: '監査ログ' }).waitFor({ state: 'hidden' });
      expect(await page.getByRole('heading', { name: '今年度の事業' }).count()).toBe(1);
      // The year in progress of the demo: its seminar series costs 4 sessions × 350千円.
      expect(await page.getByText('1,400千円').count()).toBeGreaterThan(0);
    });

    it('every page passes axe, calls no other host, and is photographed', async () => {
      const visit = async (name: string, open: () => Promise<unknown>, heading: string) => {
        await open();
        await expectHeading(page, heading);
        expect(await page.title()).toMatch(/ \| Kakehashi 架け橋$/);
        await expectNoAxeViolations(page, name);
        await screenshot(page, `${name}-ja`);
      };
      await visit('home', () => page.goto('/'), 'ホーム');
      await visit('municipalities', () => page.goto('/municipalities'), '市町村一覧');
      await visit(
        'municipality-detail',
        () => page.getByRole('link', { name: '西会津町', exact: true }).click(),
        '西会津町',
      );
      await visit('fiscal-years', () => page.goto('/fiscal-years'), '年度・事業');
      await visit(
        'fiscal-year-detail',
        () => page.getByRole('link', { name: '令和6年度（2024）' }).click(),
        '令和6年度（2024）',
      );
      await visit('admin-users', () => page.goto('/admin/users'), 'ユーザー管理');
      await visit('admin-organizations', () => page.goto('/admin/organizations'), '組織');
      await visit('admin-outbox', () => page.goto('/admin/outbox'), '送信メール');
      await visit('admin-audit', () => page.goto('/admin/audit'), '監査ログ');
      await visit('account', () => page.goto('/account'), 'アカウント');
      await visit('about', () => page.goto('/about'), 'データの出典とライセンス');
      await visit('not-found', () => page.goto('/no-such-page'), 'ページが見つかりません');
      assertNoOutsideRequests(page);
    });

    it('the fiscal year shows budgets in 千円 and phases as a table beside the chart', async () => {
      await page.goto('/fiscal-years');
      await settle(page);
      await page.getByRole('link', { name: '令和6年度（2024）' }).click();
      await expectHeading(page, '令和6年度（2024）');
      const schedule = page.getByRole('table', { name: '令和6年度（2024）の工程一覧' });
      await schedule.waitFor();
      expect(await schedule.getByRole('columnheader').allTextContents()).toEqual([
        '事業',
        '工程',
        '期間',
        '締切',
        '状況',
      ]);
      expect(await schedule.getByRole('row').count()).toBeGreaterThan(1);
      expect(await page.getByText('69,545千円').count()).toBeGreaterThan(0);
    });

    it('a population saved by someone else first is reported as a conflict with the latest values', async () => {
      await page.goto('/municipalities?q=西会津');
      await settle(page);
      await page.getByRole('link', { name: '西会津町', exact: true }).click();
      await expectHeading(page, '西会津町');
      const detailUrl = page.url();
      // A colleague opened the same page a moment earlier (same account, second tab).
      const colleague = await page.context().newPage();
      await colleague.goto(detailUrl);
      await settle(colleague);

      await colleague.getByLabel('人口', { exact: true }).fill('5825');
      await colleague.getByLabel('人口の出典', { exact: true }).fill('総務省統計局 令和2年国勢調査');
      await colleague.getByRole('button', { name: '保存する' }).click();
      await colleague.getByText('人口を保存しました。').waitFor();
      await colleague.close();

      await page.getByLabel('人口', { exact: true }).fill('6000');
      await page.getByLabel('人口の出典', { exact: true }).fill('別の資料');
      await page.getByRole('button', { name: '保存する' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: '他の人が先に更新しました' });
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('5,825人');
      await conflict.getByRole('button', { name: '最新の内容を読み込む' }).click();
      expect(await page.getByLabel('人口', { exact: true }).inputValue()).toBe('5825');
      // The master data above shows the saved value, not the one that lost.
      await page.getByText('5,825人').first().waitFor();
      await expectNoAxeViolations(page, 'municipality detail after a conflict');
    });
  });

  it('an invited person registers from the mailed link and signs in', async () => {
    const adminPage = await newPage(browser!, server.baseUrl);
    await loginAs(adminPage, adminEmail);
    await adminPage.goto('/admin/users');
    await settle(adminPage);
    const email = 'new.advisor@company-a.example.jp';
    await adminPage.getByLabel('メールアドレス', { exact: true }).fill(email);
    await adminPage.getByLabel('表示名', { exact: true }).last().fill('A社 新任アドバイザー');
    await adminPage
      .getByLabel('所属', { exact: true })
      .last()
      .selectOption({ label: 'デモ情報システム株式会社' });
    await adminPage.getByRole('checkbox', { name: '会員企業 担当者' }).check();
    await adminPage.getByRole('button', { name: '招待メールを送信' }).click();
    await adminPage.getByRole('status').filter({ hasText: '招待しました' }).waitFor();
    await expect.poll(() => adminPage.locator('tbody tr').filter({ hasText: email }).count()).toBe(1);

    // Without SMTP the mail waits in the outbox, where the administrator reads the link.
    await followMenuLink(adminPage, '管理', '送信メール');
    await expectHeading(adminPage, '送信メール');
    const row = adminPage.locator('tbody tr').filter({ hasText: email }).first();
    await row.locator('summary').click();
    const body = (await row.locator('pre').textContent()) ?? '';
    const link = /https?:\/\/\S+\/invitations\/accept\?token=[\w-]+/.exec(body)?.[0];
    expect(link, body).toBeDefined();
    await expectNoAxeViolations(adminPage, 'outbox with an open message');
    assertNoOutsideRequests(adminPage);
    await adminPage.context().close();

    const page = await newPage(browser!, server.baseUrl);
    await page.goto(new URL(link!).pathname + new URL(link!).search);
    await expectHeading(page, 'アカウントの登録');
    await page.getByText('デモ情報システム株式会社').waitFor();
    expect(await page.getByLabel('表示名', { exact: true }).inputValue()).toBe('A社 新任アドバイザー');
    await expectNoAxeViolations(page, 'invitation');
    // Too short first: the rule is named at the field.
    await page.getByLabel('新しいパスワード', { exact: true }).fill('short');
    await page.getByLabel('新しいパスワード（確認用）', { exact: true }).fill('short');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('12文字以上で入力してください。').first().waitFor();
    const password = 'Kakehashi-Invited-2024';
    await page.getByLabel('新しいパスワード', { exact: true }).fill(password);
    await page.getByLabel('新しいパスワード（確認用）', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('アカウントを登録しました').waitFor();
    await page.getByRole('link', { name: 'ログイン画面へ戻る' }).click();
    await loginAs(page, email, password);
    await expectHeading(page, 'ホーム');
    await page.getByText('A社 新任アドバイザー').first().waitFor();
    assertNoOutsideRequests(page);
    await page.context().close();
  });

  it('a municipality head sees the home and account pages without violations', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, 'mayor@nishiaizu.example.jp');
    await settle(page);
    await expectNoAxeViolations(page, 'home (municipality head)');
    await screenshot(page, 'home-municipality-ja');
    await page.goto('/account');
    await settle(page);
    await expectNoAxeViolations(page, 'account (municipality head)');
    // The head keeps their own display name up to date; the header follows.
    const name = page.getByRole('textbox', { name: '表示名' });
    await name.fill('西会津町長（デモ）');
    await page.getByRole('button', { name: '表示名を変更する' }).click();
    await page.getByText('表示名を変更しました。').waitFor();
    await page.getByRole('banner').getByText('西会津町長（デモ）').waitFor();
    await expectNoAxeViolations(page, 'account after a name change');
    // Administration pages stay closed to other roles.
    await page.goto('/admin/users');
    await expectHeading(page, 'このページを表示する権限がありません');
    assertNoOutsideRequests(page);
    await page.context().close();
  });
});
