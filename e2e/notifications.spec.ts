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
 * Notifications as a reviewer meets them: the prefecture assigns a proposal, the reviewer sees the
 * unread count in the header, opens the inbox by keyboard, follows the notice to the reviews page
 * (which marks it read), and chooses a daily digest for survey reminders. axe on both pages.
 */

const headers = { 'x-kakehashi-request': '1' };
const browser: Browser | null = await launchBrowser();

/** As the administrator, through the API: assigns the demo reviewer to a proposal not yet theirs. */
async function assignReviewer(admin: Page): Promise<string> {
  const years = (await (await admin.request.get('/api/fiscal-years')).json()) as {
    items: { id: string; year: number }[];
  };
  const fy2024 = years.items.find((y) => y.year === 2024)!;
  const reviewers = (await (await admin.request.get('/api/menus/reviewers')).json()) as {
    items: { userId: string; displayName: string }[];
  };
  const reviewer = reviewers.items.find((r) => r.displayName === '県 審査員（市町村行政課）')!;
  const proposals = (await (
    await admin.request.get(`/api/menus/proposals?fiscalYearId=${fy2024.id}`)
  ).json()) as { items: { id: string; title: string; status: string }[] };
  for (const proposal of proposals.items.filter((p) => p.status !== 'draft')) {
    const res = await admin.request.post(`/api/menus/proposals/${proposal.id}/assignments`, {
      headers,
      data: { reviewerUserId: reviewer.userId },
    });
    if (res.status() === 201) return proposal.title;
  }
  throw new Error('no proposal left to assign the reviewer to');
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

  it('a reviewer is told of an assignment, opens it from the inbox, and sets a digest', async () => {
    const admin = await newPage(browser!, server.baseUrl);
    await loginAs(admin, 'admin@pref.example.jp');
    const title = await assignReviewer(admin);

    const page = await newPage(browser!, server.baseUrl);
    await loginAs(page, 'reviewer@pref.example.jp');
    await waitForPageSettled(page);
    const inboxLink = page.getByRole('link', { name: /お知らせ.*未読 \d+ 件/ });
    await inboxLink.waitFor();
    await inboxLink.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/notifications');
    await waitForPageSettled(page);
    const notice = page.getByRole('link', { name: `【Kakehashi】【審査のお願い】${title}` });
    await notice.waitFor();
    await expectNoAxeViolations(page, 'inbox');
    await screenshot(page, 'notifications-inbox');

    await notice.click();
    await page.waitForURL('**/menus/reviews');
    await waitForPageSettled(page);
    await page.goto('/notifications');
    await waitForPageSettled(page);
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `【Kakehashi】【審査のお願い】${title}` }) });
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
