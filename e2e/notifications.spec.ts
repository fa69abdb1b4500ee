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
  waitForPageSettled,
} from './support';

/**
 * Notifications as a town meets them: the prefecture opens a survey, the job runner announces it
 * within one pass, the town's staff sees the unread count in the header, opens the inbox by
 * keyboard, follows the notice to the answer page (which marks it read), and chooses a daily digest
 * for survey reminders. axe on both pages.
 */

const headers = { 'x-kakehashi-request': '1' };
const browser: Browser | null = await launchBrowser();
const title = '受付開始のお知らせ確認調査';

/** As the administrator, through the API: a survey copied from the seeded one, open since a minute ago and published. */
async function openSurvey(admin: Page): Promise<string> {
  const years = (await (await admin.request.get('/api/fiscal-years')).json()) as {
    items: { id: string; year: number }[];
  };
  const fy2024 = years.items.find((y) => y.year === 2024)!;
  const surveys = (await (await admin.request.get('/api/surveys')).json()) as {
    items: { id: string; kind: string; title: { ja: string } }[];
  };
  const seeded = surveys.items.find((s) => s.kind === 'needs' && s.title.ja.includes('令和6年度'))!;
  const now = e2eNow().getTime();
  const created = await admin.request.post('/api/surveys', {
    headers,
    data: {
      fiscalYearId: fy2024.id,
      title: { ja: title, en: 'Opening notice check' },
      kind: 'post_support',
      audience: 'municipalities',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
      copyFromId: seeded.id,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  // The builder makes a draft: published now, its respondents are told.
  const draft = (await created.json()) as { id: string; version: number };
  const published = await admin.request.post(`/api/surveys/${draft.id}/publish`, {
    headers,
    data: { version: draft.version },
  });
  expect(published.status(), await published.text()).toBe(200);
  return draft.id;
}

describe.skipIf(!browser)('notifications', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a town is told a survey opened, opens it from the inbox, and sets a digest', async () => {
    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, 'dx@nishiaizu.example.jp');
    const unread = async () =>
      ((await (await page.request.get('/api/notifications/unread-count')).json()) as { count: number }).count;
    // The demo's year in progress already left notices in this inbox: the new one comes on top.
    const before = await unread();

    const admin = await newPage(browser!, server.baseUrl);
    await loginAs(admin, 'admin@pref.example.jp');
    const surveyId = await openSurvey(admin);

    // The server's job runner announces it on its next pass (every few seconds).
    await expect.poll(unread, { timeout: 30_000, interval: 500 }).toBeGreaterThan(before);
    await page.reload();
    await waitForPageSettled(page);
    const inboxLink = page.getByRole('link', { name: /お知らせ.*未読 \d+ 件/ });
    await inboxLink.waitFor();
    await inboxLink.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/notifications');
    await waitForPageSettled(page);
    const notice = page.getByRole('link', { name: `【Kakehashi】【回答受付開始】${title}` });
    await notice.waitFor();
    await expectNoAxeViolations(page, 'inbox');
    await screenshot(page, 'notifications-inbox');

    await notice.click();
    await page.waitForURL(`**/surveys/${surveyId}/answer`);
    await waitForPageSettled(page);
    await page.goto('/notifications');
    await waitForPageSettled(page);
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `【Kakehashi】【回答受付開始】${title}` }) });
    await expect.poll(() => row.textContent()).toContain('既読');

    await page.getByRole('link', { name: 'メールの受け取り方を変更する' }).click();
    await page.waitForURL('**/account/notifications');
    await waitForPageSettled(page);
    await page.getByLabel('アンケート回答のお願い（督促）').selectOption('digest');
    await page.getByRole('button', { name: '設定を保存する' }).click();
    await page.getByText('お知らせメールの設定を保存しました。').waitFor();
    await expectNoAxeViolations(page, 'notification preferences');
    await screenshot(page, 'notifications-preferences');
    const saved = (await (await page.request.get('/api/notifications/preferences')).json()) as {
      emailByKind: Record<string, string>;
    };
    expect(saved.emailByKind['surveys.reminder']).toBe('digest');
    assertNoOutsideRequests(page);
  });
});
