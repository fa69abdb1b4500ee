import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
 * A seminar with one seat, end to end: the administrator opens it, 西会津町
 * registers and sees how to join, 郡山市 lands on the waiting list without
 * the join link, 西会津町 cancels and 郡山市 moves up and sees the link, the
 * administrator publishes the archive for registered municipalities (郡山市
 * watches it, 西会津町 may not), imports the webinar's attendance report, and
 * 郡山市's reach shows the attendance. The municipal registration steps are
 * done by keyboard.
 */

const adminEmail = 'admin@pref.example.jp';
const nishiaizuEmail = 'dx@nishiaizu.example.jp';
const koriyamaEmail = 'dx@koriyama.example.jp';
const joinUrl = 'https://webinar.example.jp/j/8123456789';
const passcode = 'kake2026';
const eventTitle = 'E2E 生成AI活用セミナー（職員向け）';

/** The page has finished loading its data: an h1 and no loading indicator. */
async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForNetworkQuiet(page);
  await page.waitForFunction(() => !/読み込んでいます|Loading…/.test(document.body.textContent ?? ''));
}

async function expectHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(text);
  await settle(page);
}

/** Presses Tab until the focused element satisfies `isTarget` (as a keyboard user would), or fails. */
async function tabTo(page: Page, target: string, text: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === text) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** A JSON call with the signed-in page's cookies and the CSRF header, as the app makes it. */
async function apiCall<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  data?: unknown,
): Promise<T> {
  const response = await page.request.fetch(url, {
    method,
    headers: { 'x-kakehashi-request': '1', accept: 'application/json' },
    ...(data === undefined ? {} : { data }),
  });
  if (!response.ok()) throw new Error(`${method} ${url} → ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

const browser: Browser | null = await launchBrowser();

describe.skipIf(!browser)('DX seminars', () => {
  let server: RunningServer;
  let tempDir: string;

  beforeAll(async () => {
    server = await startServer();
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-seminars-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('one seat: register, wait, move up on cancel, import attendance, reach', async () => {
    // The administrator opens a seminar with a single seat. The tests live on 30 November 2026
    // (e2e/clock.ts), so an event in December 2026 still has its registration open.
    const admin = await newPage(browser!, server.baseUrl);
    await loginAs(admin, adminEmail);
    await settle(admin);
    const eventId = await createOpenEvent(admin);

    // The administrator's list: events, the series per fiscal year and the form to add an event.
    await admin.goto('/seminars');
    await expectHeading(admin, 'DXセミナー');
    await admin.getByRole('heading', { level: 2, name: '年度ごとのシリーズ' }).waitFor();
    await admin.getByRole('link', { name: eventTitle }).waitFor();
    await expectNoAxeViolations(admin, 'seminar list (admin)');
    await screenshot(admin, 'seminars-list-admin');

    await admin.goto(`/seminars/events/${eventId}`);
    await expectHeading(admin, eventTitle);
    await expectNoAxeViolations(admin, 'seminar event (admin)');
    await screenshot(admin, 'seminars-event-admin');

    // 西会津町 finds the seminar in the list and registers, by keyboard.
    const a = await newPage(browser!, server.baseUrl);
    await loginAs(a, nishiaizuEmail);
    await settle(a);
    await a.goto('/seminars');
    await expectHeading(a, 'DXセミナー');
    await expectNoAxeViolations(a, 'seminar list (municipality)');
    await screenshot(a, 'seminars-list-municipality');
    await tabTo(a, 'the seminar link', eventTitle);
    await a.keyboard.press('Enter');
    await expectHeading(a, eventTitle);
    // Before registering, the join details are withheld.
    expect(await a.getByText(joinUrl).count()).toBe(0);
    await tabTo(a, 'the register button', '自分が申し込む');
    await a.keyboard.press('Enter');
    await a
      .getByRole('alert')
      .or(a.getByRole('status'))
      .filter({ hasText: '申し込みました' })
      .first()
      .waitFor();
    await a.getByRole('link', { name: joinUrl }).waitFor();
    await a.getByText(passcode, { exact: true }).waitFor();
    await expectNoAxeViolations(a, 'seminar event (registered)');
    await screenshot(a, 'seminars-event-registered');

    // 郡山市 joins: the seat is taken, so it waits, first in line, without the link.
    const b = await newPage(browser!, server.baseUrl);
    await loginAs(b, koriyamaEmail);
    await settle(b);
    await b.goto(`/seminars/events/${eventId}`);
    await expectHeading(b, eventTitle);
    await tabTo(b, 'the waiting-list button', 'キャンセル待ちに登録する');
    await b.keyboard.press('Enter');
    await b.getByText('1番目', { exact: true }).first().waitFor();
    expect(await b.getByText(joinUrl).count()).toBe(0);
    expect(await b.getByText(passcode).count()).toBe(0);
    await expectNoAxeViolations(b, 'seminar event (waiting list)');
    await screenshot(b, 'seminars-event-waitlisted');

    // 西会津町 cancels (confirmed in place), by keyboard.
    await tabTo(a, 'the cancel button', '申込みを取り消す');
    await a.keyboard.press('Enter');
    // The question's confirm button takes the focus.
    await expect.poll(() => a.evaluate(() => document.activeElement?.textContent?.trim())).toBe('取り消す');
    await a.keyboard.press('Enter');
    await a.getByText('申込みを取り消しました。').waitFor();
    await expect.poll(() => a.getByRole('link', { name: joinUrl }).count()).toBe(0);

    // 郡山市 has moved up and now sees how to join.
    await b.reload();
    await expectHeading(b, eventTitle);
    await b.getByRole('link', { name: joinUrl }).waitFor();
    await b.getByText(passcode, { exact: true }).waitFor();
    await expectNoAxeViolations(b, 'seminar event (moved up)');
    await screenshot(b, 'seminars-event-moved-up');

    // The administrator's list of registrations never carries the join URL in a row.
    await admin.reload();
    await expectHeading(admin, eventTitle);
    const registrations = admin.getByRole('table', { name: '申込者と出席' });
    await registrations.getByRole('cell', { name: '郡山市', exact: true }).waitFor();
    expect(await registrations.textContent()).not.toContain(joinUrl);

    // The administrator publishes the recording for registered municipalities, through the form.
    const recordingUrl = 'https://video.example.jp/archive/seminar-2026-12';
    await admin.getByLabel('録画のURL').fill(recordingUrl);
    await admin.getByLabel('公開開始').fill('2026-11-28T09:00');
    await admin.getByLabel('公開終了').fill('2027-01-31T17:00');
    await admin.getByLabel('視聴できる市町村').selectOption({ label: '申込みのあった市町村' });
    await admin.getByRole('button', { name: 'アーカイブを保存する' }).click();
    await admin.getByText('アーカイブを保存しました。').waitFor();

    // 郡山市 (registered) may watch; the view goes through the server, which hands out the link.
    await b.reload();
    await expectHeading(b, eventTitle);
    expect(await b.getByRole('link', { name: '録画を開く（新しいタブ）' }).count()).toBe(0);
    await b.getByRole('button', { name: 'アーカイブを視聴する' }).click();
    const recording = b.getByRole('link', { name: '録画を開く（新しいタブ）' });
    await recording.waitFor();
    expect(await recording.getAttribute('href')).toBe(recordingUrl);
    await expectNoAxeViolations(b, 'seminar event (archive)');
    // 西会津町 cancelled: not entitled, no button and no link.
    await a.reload();
    await expectHeading(a, eventTitle);
    await a.getByText('このアーカイブは、あなたの団体では視聴できないか、公開期間外です。').waitFor();
    expect(await a.getByRole('button', { name: 'アーカイブを視聴する' }).count()).toBe(0);
    expect(await a.getByText(recordingUrl).count()).toBe(0);

    // Reach before the import: the demo year shows the document's figures; 郡山市 has registered for 2026 and watched.
    await admin.goto('/seminars/reach');
    await expectHeading(admin, '到達状況');
    await admin.getByText('54／59', { exact: true }).waitFor();
    await admin.getByText('38／59', { exact: true }).waitFor();
    await admin.getByLabel('年度').selectOption({ label: '全年度' });
    await settle(admin);
    const koriyama2026 = admin
      .getByRole('table', { name: '市町村別の状況' })
      .getByRole('row')
      .filter({ hasText: '2026' })
      .filter({ hasText: '郡山市' });
    // Watching the archive counts toward reach (the default), attendance not yet.
    await koriyama2026.getByText('アーカイブ視聴').waitFor();
    expect(await koriyama2026.getByText('出席', { exact: true }).count()).toBe(0);

    // The administrator imports the webinar's attendance report (Zoom, Japanese headers, UTF-8 with BOM).
    const report = path.join(tempDir, 'zoom-participants.csv');
    fs.writeFileSync(
      report,
      `\uFEFF名前（元の名前）,ユーザーメール,参加時刻,退出時刻,期間（分）,ゲスト\n` +
        `郡山市 DX担当,${koriyamaEmail},2026/12/21 13:58:02,2026/12/21 15:30:11,93,いいえ\n` +
        `iPhone,,2026/12/21 14:05:00,2026/12/21 14:09:00,4,はい\n`,
    );
    await admin.goto(`/seminars/events/${eventId}/attendance`);
    await expectHeading(admin, '出席の取り込み');
    await expectNoAxeViolations(admin, 'attendance import (empty)');
    await admin.getByLabel('参加者レポート（CSV）').setInputFiles(report);
    await admin.getByRole('button', { name: '内容を確認する' }).click();
    const review = admin.getByRole('table', { name: 'レポートの各行と照合先' });
    await review.waitFor();
    await review.getByText('メールで照合').waitFor();
    await review.getByText('未照合').waitFor();
    // Join and leave times are shown in JST to the second.
    await review.getByText('12/21 13:58:02').waitFor();
    await expectNoAxeViolations(admin, 'attendance import (review)');
    await screenshot(admin, 'seminars-attendance-review');
    await admin.getByRole('button', { name: 'この内容で出席を記録する' }).click();
    await admin.getByText('出席を記録しました').waitFor();

    // Reach: 郡山市's staff attended in 2026.
    await admin.goto('/seminars/reach');
    await expectHeading(admin, '到達状況');
    await admin.getByLabel('年度').selectOption({ label: '全年度' });
    await settle(admin);
    await koriyama2026.getByText('出席', { exact: true }).waitFor();
    await expectNoAxeViolations(admin, 'reach');
    await screenshot(admin, 'seminars-reach');

    // 郡山市 sees the attendance in its own history too.
    await b.goto('/seminars/reach');
    await expectHeading(b, 'この団体の参加状況');
    await b.getByRole('table', { name: '市町村別の状況' }).getByText('出席').first().waitFor();
    expect(await b.getByText('西会津町').count()).toBe(0);
    await expectNoAxeViolations(b, 'own reach');

    for (const page of [admin, a, b]) assertNoOutsideRequests(page);
    for (const page of [admin, a, b]) await page.context().close();
  });

  it('feedback survey: the administrator links it in the editor; a seat holder gets the link and answers', async () => {
    const feedbackTitle = 'E2E フィードバック付きセミナー';
    const surveyTitle = 'E2E セミナーアンケート';
    const admin = await newPage(browser!, server.baseUrl);
    await loginAs(admin, adminEmail);
    await settle(admin);
    const eventId = await createOpenEvent(admin, feedbackTitle, 5);
    const event = await apiCall<{ seriesId: string }>(admin, 'GET', `/api/seminar-events/${eventId}`);
    const series = await apiCall<{ items: { id: string; fiscalYearId: string }[] }>(
      admin,
      'GET',
      '/api/seminar-series',
    );
    const fiscalYearId = series.items.find((s) => s.id === event.seriesId)!.fiscalYearId;
    const draft = await apiCall<{ id: string; version: number }>(admin, 'POST', '/api/surveys', {
      fiscalYearId,
      title: { ja: surveyTitle, en: 'E2E seminar feedback' },
      kind: 'seminar_feedback',
      audience: 'seminar_participants',
      opensAt: new Date(e2eNow().getTime() - 3_600_000).toISOString(),
      closesAt: new Date(e2eNow().getTime() + 7 * 86_400_000).toISOString(),
      sections: [
        {
          key: 'feedback',
          title: { ja: 'ご感想', en: 'Feedback' },
          questions: [
            {
              key: 'satisfaction',
              type: 'scale',
              label: { ja: '満足度', en: 'Satisfaction' },
              required: true,
            },
          ],
        },
      ],
    });
    // The builder makes a draft; published, its seat holders can answer it.
    const survey = await apiCall<{ id: string }>(admin, 'POST', `/api/surveys/${draft.id}/publish`, {
      version: draft.version,
    });

    // 郡山市 takes a seat (through the API; registering by keyboard is covered above).
    const b = await newPage(browser!, server.baseUrl);
    await loginAs(b, koriyamaEmail);
    await settle(b);
    await apiCall(b, 'POST', `/api/seminar-events/${eventId}/registrations`, { isSelf: true });

    // The administrator picks the survey in the event editor.
    await admin.goto(`/seminars/events/${eventId}`);
    await expectHeading(admin, feedbackTitle);
    await admin.getByRole('button', { name: 'セミナーを編集する' }).click();
    const feedbackSelect = admin.getByLabel('セミナーアンケート');
    await feedbackSelect.selectOption({ label: surveyTitle });
    await expectNoAxeViolations(admin, 'seminar event editor (feedback survey)');
    await admin.locator('form', { has: feedbackSelect }).getByRole('button', { name: '保存する' }).click();
    await admin.getByRole('link', { name: 'アンケートの集計結果を見る' }).waitFor();

    // The seat holder sees the link and opens the survey.
    await b.goto(`/seminars/events/${eventId}`);
    await expectHeading(b, feedbackTitle);
    const answer = b.getByRole('link', { name: 'アンケートに回答する' });
    await answer.waitFor();
    await expectNoAxeViolations(b, 'seminar event (feedback link)');
    await screenshot(b, 'seminars-event-feedback');
    await answer.click();
    await expectHeading(b, surveyTitle);
    expect(new URL(b.url()).pathname).toBe(`/surveys/${survey.id}/answer`);

    // 西会津町 holds no seat: no link.
    const a = await newPage(browser!, server.baseUrl);
    await loginAs(a, nishiaizuEmail);
    await settle(a);
    await a.goto(`/seminars/events/${eventId}`);
    await expectHeading(a, feedbackTitle);
    expect(await a.getByRole('link', { name: 'アンケートに回答する' }).count()).toBe(0);

    for (const page of [admin, a, b]) assertNoOutsideRequests(page);
    for (const page of [admin, a, b]) await page.context().close();
  });
});

/** Creates (through the API, as the administrator) a December 2026 seminar with one open seat. */
async function createOpenEvent(admin: Page, title = eventTitle, capacity = 1): Promise<string> {
  const series = await apiCall<{ items: { id: string; fiscalYear: number }[] }>(
    admin,
    'GET',
    '/api/seminar-series',
  );
  let seriesId = series.items.find((s) => s.fiscalYear === 2026)?.id;
  if (!seriesId) {
    const years = await apiCall<{ items: { id: string; year: number }[] }>(admin, 'GET', '/api/fiscal-years');
    let fiscalYearId = years.items.find((y) => y.year === 2026)?.id;
    if (!fiscalYearId) {
      fiscalYearId = (
        await apiCall<{ id: string }>(admin, 'POST', '/api/fiscal-years', { year: 2026, status: 'planning' })
      ).id;
    }
    seriesId = (
      await apiCall<{ id: string }>(admin, 'POST', '/api/seminar-series', {
        fiscalYearId,
        title: '令和8年度 DXセミナー',
        costPerSessionThousandYen: 330,
        sessionCount: 4,
      })
    ).id;
  }
  const event = await apiCall<{ id: string }>(admin, 'POST', `/api/seminar-series/${seriesId}/events`, {
    title,
    audience: 'staff',
    regionId: null,
    startsAt: '2026-12-21T05:00:00.000Z',
    endsAt: '2026-12-21T06:30:00.000Z',
    registrationClosesAt: '2026-12-18T08:00:00.000Z',
    capacity,
    attendanceThresholdMinutes: 30,
    joinUrl,
    passcode,
    programme: '1. 生成AIの基礎\n2. 自治体での活用事例\n3. ワークショップ',
    speakers: '講師：デモ 太郎（デモ情報システム株式会社）',
  });
  return event.id;
}
