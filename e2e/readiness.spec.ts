import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertNoOutsideRequests,
  e2eNow,
  expectNoAxeViolations,
  launchBrowser,
  loginAs,
  newPage,
  nextFiscalYear,
  photographedOnFailure,
  type RunningServer,
  screenshot,
  startServer,
  waitForPageSettled,
} from './support';

/**
 * A phase whose start date comes before the year is ready (ADR 017), lived through by moving the
 * server's clock a day on (RunningServer.relaunchLater): dated to start tomorrow without a saved
 * rubric, the proposals phase is 開始前 with what it lacks; the next day it is 準備未了, not 実施中,
 * on the year's page and as a task on the administrator's home; once the rubric is saved it runs.
 */

const browser: Browser | null = await launchBrowser();
const adminEmail = 'admin@pref.example.jp';
const day = 86_400_000;
const csrf = { 'x-kakehashi-request': '1' };

/** A JST calendar date `offsetDays` from the tests' day. */
const jstDate = (offsetDays: number) =>
  new Date(e2eNow().getTime() + 9 * 3_600_000 + offsetDays * day).toISOString().slice(0, 10);

async function visit(page: Page, path: string, heading: RegExp | string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await waitForPageSettled(page);
}

async function check(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  await screenshot(page, name);
  assertNoOutsideRequests(page);
}

describe.skipIf(!browser)('a phase that reaches its start date unready', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is 開始前 with what it lacks, then 準備未了 on the day, then 実施中 once the rubric is saved', async () => {
    await photographedOnFailure('readiness', flow);
  }, 240_000);

  async function flow(pages: Page[]): Promise<void> {
    // --- Today: a new year whose proposals phase starts tomorrow; its rubric is not saved.
    const admin = await newPage(browser!, server.baseUrl);
    pages.push(admin);
    await loginAs(admin, adminEmail);
    const created = await admin.request.post('/api/fiscal-years', {
      headers: csrf,
      data: { year: nextFiscalYear(), status: 'active' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const fy = ((await created.json()) as { id: string }).id;
    const program = await admin.request.post(`/api/fiscal-years/${fy}/programs`, {
      headers: csrf,
      data: {
        kind: 'advisor_dispatch',
        name: 'ICTアドバイザー派遣（準備確認）',
        nameEn: 'ICT advisors (readiness)',
      },
    });
    expect(program.status(), await program.text()).toBe(201);
    const tomorrow = jstDate(1);
    const phase = await admin.request.post(
      `/api/programs/${((await program.json()) as { id: string }).id}/phases`,
      {
        headers: csrf,
        data: {
          kind: 'proposals',
          startsOn: tomorrow,
          endsOn: '2027-01-29',
          deadline: { date: '2027-01-29', time: '17:00' },
        },
      },
    );
    expect(phase.status(), await phase.text()).toBe(201);

    await visit(admin, `/fiscal-years/${fy}`, /年度/);
    // The schedule table and the program's phase table both list it: the program's table, last.
    const row = (page: Page) => page.getByRole('row', { name: /支援メニュー提案/ }).last();
    await row(admin).getByText('開始前', { exact: true }).waitFor();
    await row(admin)
      .getByText(/評価基準が未保存/)
      .waitFor();
    await check(admin, 'readiness-upcoming');
    await admin.context().close();

    // --- The next day: the same data, the server's clock a day on.
    await server.relaunchLater(day);
    const nextDay = await newPage(browser!, server.baseUrl);
    pages.push(nextDay);
    await loginAs(nextDay, adminEmail);
    await visit(nextDay, `/fiscal-years/${fy}`, /年度/);
    await row(nextDay).getByText('準備未了', { exact: true }).waitFor();
    await row(nextDay)
      .getByText(/評価基準が未保存/)
      .waitFor();
    expect(await row(nextDay).getByText('実施中', { exact: true }).count()).toBe(0);
    await check(nextDay, 'readiness-not-ready');
    // The administrator's home names it and links to the year's set-up checklist.
    await nextDay.goto('/');
    await waitForPageSettled(nextDay);
    const tasks = nextDay.getByRole('region', { name: /対応が必要な作業/ });
    const task = tasks.getByRole('link', { name: /「支援メニュー提案」は準備未了です/ });
    await task.waitFor();
    expect(await task.getAttribute('href')).toBe(`/fiscal-years/${fy}/setup`);

    // --- The rubric saved, the phase runs.
    await visit(nextDay, `/menus/admin?fy=${fy}`, '支援メニューの審査');
    await nextDay.getByRole('button', { name: '評価基準を保存する' }).click();
    await nextDay.getByText('評価基準を保存しました。').waitFor();
    await visit(nextDay, `/fiscal-years/${fy}`, /年度/);
    await row(nextDay).getByText('実施中', { exact: true }).waitFor();
    expect(
      await row(nextDay)
        .getByText(/評価基準が未保存/)
        .count(),
    ).toBe(0);
  }
});
