import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jstDate } from '../../../shared/fiscal-year';
import { projectEvaluations, supportProjects, surveyResponses, surveys } from '../../db/schema';
import { resolveSession } from '../../platform/auth/sessions';
import type { RequestContext } from '../../platform/context';
import { defaultConfig } from '../../platform/deps';
import { createTestContext } from '../../testing/harness';
import { routedPage } from '../../testing/web-pages';
import { respondentKeyOf } from './eligibility';
import { monthDay } from './surveys.home-tasks';

/**
 * The prefecture admin's home groups the per-project surveys: one task per kind and closing week
 * ("支援から1年後のアンケート：27件が未回答"), linking to the survey list narrowed to exactly them.
 */
const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');

async function requestAs(email: string, now: Date): Promise<RequestContext> {
  const cookie = await ctx.sessionCookieFor(email);
  const token = cookie.slice(cookie.indexOf('=') + 1);
  const session = await resolveSession(db, token, defaultConfig.sessionPolicy, new Date());
  return {
    actor: session!.actor,
    requestId: 'grouping-test',
    locale: 'ja',
    ipAddress: null,
    userAgent: null,
    now,
  };
}

// A year after the seeded FY2024 evaluations: the follow-up job sends one survey per project.
const sentAt = jstDate(2026, 3, 31, 10);
const followUpCount = await ctx.services.projects.sendFollowUps(sentAt);
const followUpIds = (await db.select().from(surveys).where(eq(surveys.kind, 'follow_up')))
  .filter((s) => s.opensAt.getTime() === sentAt.getTime())
  .map((s) => s.id)
  .sort();
const later = jstDate(2026, 4, 1, 9);

describe('the admin home groups per-project surveys', () => {
  it('one task for the follow-ups closing in one week, not one per project', async () => {
    expect(followUpCount).toBeGreaterThan(1);
    expect(followUpIds).toHaveLength(followUpCount);
    const home = await ctx.services.home.get(await requestAs('admin@pref.example.jp', later));
    const groups = home.tasks.filter((t) => t.kind === 'survey_project_group');
    // One line per kind and week. The seeded FY2024 evaluations closed 60 days after they opened,
    // in 2025: they are no task of 2026.
    expect(new Set(groups.map((t) => t.href)).size).toBe(groups.length);
    expect(groups.filter((t) => t.title.ja.startsWith('支援の評価アンケート：'))).toEqual([]);
    const grouped = groups.filter((t) => t.href.includes('kind=follow_up'));
    // The window is 60 days from 31 March: they close on 30 May 2026, a Saturday.
    expect(grouped).toEqual([
      {
        kind: 'survey_project_group',
        title: {
          ja: `支援から1年後のアンケート：${followUpCount}件が未回答（5月25日〜5月31日締切）`,
          en: `One-year follow-up surveys: ${followUpCount} not answered (closing 25 May – 31 May)`,
        },
        href: '/surveys?kind=follow_up&audience=project_municipalities&closingWeek=2026-05-25&pending=true',
        dueAt: jstDate(2026, 5, 30, 10).toISOString(),
      },
    ]);
    // No line per project any more.
    expect(home.tasks.filter((t) => t.title.ja.startsWith('支援から1年後：'))).toEqual([]);
    expect(routedPage(grouped[0]!.href)).toBe(true);
  });

  it('names the year of a closing date that is not in this year', () => {
    expect(monthDay('2026-05-25', 'ja', 2026)).toBe('5月25日');
    expect(monthDay('2027-01-04', 'ja', 2026)).toBe('2027年1月4日');
    expect(monthDay('2026-05-25', 'en', 2026)).toBe('25 May');
    expect(monthDay('2027-01-04', 'en', 2026)).toBe('4 Jan 2027');
  });

  it('the link lists exactly those surveys, and a survey answered leaves the group', async () => {
    const query = {
      kind: 'follow_up',
      audience: 'project_municipalities',
      closingWeek: '2026-05-25',
      pending: 'true',
    } as const;
    const listed = await ctx.services.surveys.list(await requestAs('admin@pref.example.jp', later), query);
    expect(listed.map((s) => s.id).sort()).toEqual(followUpIds);
    // Another week lists none of them.
    expect(
      await ctx.services.surveys.list(await requestAs('admin@pref.example.jp', later), {
        ...query,
        closingWeek: '2026-06-01',
      }),
    ).toEqual([]);

    // One town submits its follow-up (written as the answering service stores it; towns supported
    // in FY2024 have no demo accounts to answer with): the group counts one fewer, the list drops it.
    const [answered] = await db
      .select({
        surveyId: projectEvaluations.followUpSurveyId,
        municipalityId: supportProjects.municipalityId,
      })
      .from(projectEvaluations)
      .innerJoin(supportProjects, eq(supportProjects.id, projectEvaluations.projectId))
      .where(inArray(projectEvaluations.followUpSurveyId, followUpIds))
      .limit(1);
    const [survey] = await db.select().from(surveys).where(eq(surveys.id, answered!.surveyId!));
    await db.insert(surveyResponses).values({
      prefectureId: survey!.prefectureId,
      surveyId: survey!.id,
      respondentKey: respondentKeyOf.municipality(answered!.municipalityId),
      municipalityId: answered!.municipalityId,
      status: 'submitted',
      answers: { still_in_use: 'yes' },
      submittedAt: later,
    });
    const after = await ctx.services.home.get(await requestAs('admin@pref.example.jp', later));
    expect(after.tasks.find((t) => t.kind === 'survey_project_group')!.title.ja).toContain(
      `${followUpCount - 1}件が未回答`,
    );
    const remaining = await ctx.services.surveys.list(await requestAs('admin@pref.example.jp', later), query);
    expect(remaining.map((s) => s.id)).not.toContain(answered!.surveyId);
    expect(remaining).toHaveLength(followUpCount - 1);
  });

  it('refuses a closing week that is not a Monday, field by field', async () => {
    const res = await ctx.request('GET', '/api/surveys?closingWeek=2026-05-27', { cookie: admin });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: { path: string[]; ja: string; en: string }[] } };
    expect(body.error.fields[0]).toMatchObject({
      path: ['query', 'closingWeek'],
      ja: '週の初め（月曜日）の日付を入力してください。',
    });
  });
});
