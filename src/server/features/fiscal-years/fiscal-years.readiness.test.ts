import { describe, expect, it } from 'vitest';
import { jstDate } from '../../../shared/fiscal-year';
import { resolveSession } from '../../platform/auth/sessions';
import type { RequestContext } from '../../platform/context';
import { defaultConfig } from '../../platform/deps';
import { createTestContext } from '../../testing/harness';

/**
 * A phase dated in the future that will start without what it needs (ADR 017): warned of on the
 * admin's home 14 days ahead, 準備未了 (not 実施中) once its dates have come, 実施中 when fixed.
 * Everything is read through the services at an injected clock.
 */
const ctx = await createTestContext();
const adminEmail = 'admin@pref.example.jp';
const admin = await ctx.sessionCookieFor(adminEmail);

async function requestAs(email: string, now: Date): Promise<RequestContext> {
  const cookie = await ctx.sessionCookieFor(email);
  const token = cookie.slice(cookie.indexOf('=') + 1);
  const session = await resolveSession(ctx.database.db, token, defaultConfig.sessionPolicy, new Date());
  return {
    actor: session!.actor,
    requestId: 'readiness-test',
    locale: 'ja',
    ipAddress: null,
    userAgent: null,
    now,
  };
}

async function ok(method: string, path: string, body: unknown, status: number) {
  const res = await ctx.request(method, path, { cookie: admin, body });
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
}

// A year of its own, far from the seeded ones, planned now: the proposals phase starts on 8 December.
const year = await ok('POST', '/api/fiscal-years', { year: 2030 }, 201);
const program = await ok(
  'POST',
  `/api/fiscal-years/${year.id}/programs`,
  { kind: 'advisor_dispatch', name: '準備確認事業', nameEn: 'Readiness check program' },
  201,
);
const phase = await ok(
  'POST',
  `/api/programs/${program.id}/phases`,
  { kind: 'proposals', startsOn: '2030-12-08', endsOn: '2030-12-26' },
  201,
);

const tenDaysBefore = jstDate(2030, 11, 28, 10);
const twentyDaysBefore = jstDate(2030, 11, 18, 10);
const pastStart = jstDate(2030, 12, 9, 10);

const phaseAt = async (email: string, now: Date) => {
  const detail = await ctx.services.fiscalYears.get(await requestAs(email, now), year.id);
  return detail.programs.find((p) => p.id === program.id)!.phases.find((p) => p.id === phase.id)!;
};
const readinessTasksAt = async (email: string, now: Date) =>
  (await ctx.services.home.get(await requestAs(email, now))).tasks.filter(
    (t) => t.kind === 'phase_not_ready',
  );
const checklistItemAt = async (now: Date) =>
  (await ctx.services.fiscalYears.checklist(await requestAs(adminEmail, now), year.id)).items.find(
    (i) => i.key === `phase_ready:${phase.id}`,
  );

describe('a phase that reaches its start date without what it needs', () => {
  it('is warned of on the admin’s home within 14 days of its start, not before', async () => {
    expect(await readinessTasksAt(adminEmail, twentyDaysBefore)).toEqual([]);
    expect((await phaseAt(adminEmail, twentyDaysBefore)).blockers).toEqual([]);

    const tasks = await readinessTasksAt(adminEmail, tenDaysBefore);
    expect(tasks).toEqual([
      {
        kind: 'phase_not_ready',
        title: {
          ja: '準備確認事業：「支援メニュー提案」は12月8日に始まりますが、評価基準が未保存です',
          en: 'Readiness check program: “Menu proposals” starts on 8 Dec, but the review rubric is not saved',
        },
        href: `/fiscal-years/${year.id}/setup`,
        dueAt: jstDate(2030, 12, 8).toISOString(),
      },
    ]);
    // Still upcoming, with the reason for the admin; the checklist has its line.
    expect(await phaseAt(adminEmail, tenDaysBefore)).toMatchObject({
      state: 'upcoming',
      blockers: [{ ja: '評価基準が未保存', en: 'the review rubric is not saved' }],
    });
    expect(await checklistItemAt(tenDaysBefore)).toMatchObject({
      state: 'missing',
      label: { ja: '支援メニュー提案の開始準備' },
      href: `/fiscal-years/${year.id}`,
    });
    // Nobody else is told of the prefecture's set-up work.
    expect(await readinessTasksAt('dx@nishiaizu.example.jp', tenDaysBefore)).toEqual([]);
    expect(await readinessTasksAt('advisor@company-a.example.jp', tenDaysBefore)).toEqual([]);
  });

  it('is 準備未了, not 実施中, once its start date has come, and stays a task until fixed', async () => {
    const admins = await phaseAt(adminEmail, pastStart);
    expect(admins.state).toBe('not_ready');
    expect(admins.blockers).toEqual([{ ja: '評価基準が未保存', en: 'the review rubric is not saved' }]);
    // Everyone reading the plan sees the state; only the admins the reasons.
    expect(await phaseAt('advisor@company-a.example.jp', pastStart)).toMatchObject({
      state: 'not_ready',
      blockers: [],
    });
    const [task] = await readinessTasksAt(adminEmail, pastStart);
    expect(task?.title.ja).toBe(
      '準備確認事業：「支援メニュー提案」は準備未了です。12月8日に始まる日程ですが、評価基準が未保存です',
    );
    expect(task?.href).toBe(`/fiscal-years/${year.id}/setup`);
    expect(await checklistItemAt(pastStart)).toMatchObject({
      state: 'missing',
      label: { ja: '支援メニュー提案（準備未了）', en: 'Menu proposals (not ready)' },
    });
  });

  it('is 実施中 with no task once the rubric is saved', async () => {
    await ok(
      'PUT',
      `/api/menus/settings/${year.id}`,
      { criteria: [{ key: 'need', label: '必要性', labelEn: 'Need', weight: 100 }] },
      200,
    );
    expect(await phaseAt(adminEmail, pastStart)).toMatchObject({ state: 'open', blockers: [] });
    expect(await readinessTasksAt(adminEmail, pastStart)).toEqual([]);
    expect(await readinessTasksAt(adminEmail, tenDaysBefore)).toEqual([]);
    expect(await checklistItemAt(pastStart)).toBeUndefined();
  });
});
