import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, mailOutbox } from '../../db/schema';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const nishiaizu = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const nishiaizuHead = await ctx.sessionCookieFor('mayor@nishiaizu.example.jp');
const koriyama = await ctx.sessionCookieFor('dx@koriyama.example.jp');
const company = await ctx.sessionCookieFor('advisor@company-a.example.jp');

async function call(method: string, url: string, body?: unknown, cookie = admin) {
  const res = await ctx.request(method, url, { cookie, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any, text };
}

const years = await call('GET', '/api/fiscal-years');
const fy2024 = years.body.items.find((y: { year: number }) => y.year === 2024);

const feedbackSections = [
  {
    key: 'feedback',
    title: { ja: 'ご感想', en: 'Feedback' },
    questions: [
      { key: 'satisfaction', type: 'scale', label: { ja: '満足度', en: 'Satisfaction' }, required: true },
      { key: 'comment', type: 'long_text', label: { ja: '自由記述', en: 'Comments' }, required: false },
    ],
  },
];

async function createSurvey(kind: string, audience: string) {
  const res = await call('POST', '/api/surveys', {
    fiscalYearId: fy2024.id,
    title: { ja: 'セミナーアンケート（テスト）', en: 'Seminar feedback (test)' },
    kind,
    audience,
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    sections: feedbackSections,
  });
  expect(res.status, res.text).toBe(201);
  // The builder makes a draft; the prefecture publishes it before anyone answers.
  const published = await call('POST', `/api/surveys/${res.body.id}/publish`, { version: res.body.version });
  expect(published.status, published.text).toBe(200);
  return published.body as { id: string };
}

async function createEvent() {
  const series = await call('POST', '/api/seminar-series', {
    fiscalYearId: fy2024.id,
    title: 'フィードバック用シリーズ',
    costPerSessionThousandYen: 330,
    sessionCount: 1,
  });
  expect(series.status).toBe(201);
  const res = await call('POST', `/api/seminar-series/${series.body.id}/events`, {
    title: 'アンケート付きセミナー',
    audience: 'all',
    regionId: null,
    startsAt: '2026-12-21T05:00:00.000Z',
    endsAt: '2026-12-21T06:30:00.000Z',
    registrationClosesAt: '2026-12-18T08:00:00.000Z',
    capacity: 2,
    attendanceThresholdMinutes: 30,
    joinUrl: 'https://webinar.example.jp/j/1',
    passcode: 'p',
    programme: '',
    speakers: '',
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
}

async function register(eventId: string, body: unknown, cookie: string) {
  const res = await call('POST', `/api/seminar-events/${eventId}/registrations`, body, cookie);
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; status: string; version: number };
}

describe('seminar feedback survey per event', () => {
  it('the demo links a FY2024 feedback survey to the heads seminar, with no faked answers', async () => {
    const events = await call('GET', '/api/seminar-events?fiscalYear=2024&audience=heads');
    const heads = await call('GET', `/api/seminar-events/${events.body.items[0].id}`);
    expect(heads.body.feedbackSurveyId).not.toBeNull();
    const survey = await call('GET', `/api/surveys/${heads.body.feedbackSurveyId}`);
    expect(survey.body).toMatchObject({ kind: 'seminar_feedback', audience: 'seminar_participants' });
    expect(survey.body.sections[0].questions.map((q: { type: string }) => q.type)).toEqual([
      'scale',
      'multiple_choice',
      'long_text',
    ]);
    // Demo registrations were not made by user accounts: no respondents, no answers.
    expect(survey.body).toMatchObject({ eligibleCount: 0, submittedCount: 0 });
  });

  it('links a survey; seat holders answer it, others get 404; results count the participants', async () => {
    const event = await createEvent();
    const survey = await createSurvey('seminar_feedback', 'seminar_participants');

    // Seat 1: 西会津町's DX lead registers a colleague without an account (the lead answers for them).
    await register(
      event.id,
      { attendeeName: '会津 花子', attendeePosition: '総務課', attendeeEmail: 'hanako@nishiaizu.example.jp' },
      nishiaizu,
    );
    const koriyamaSeat = await register(event.id, { isSelf: true }, koriyama); // seat 2
    const headWaiting = await register(event.id, { isSelf: true }, nishiaizuHead);
    expect(headWaiting.status).toBe('waitlisted');

    // Before the link nobody is asked.
    expect((await call('GET', `/api/surveys/${survey.id}`, undefined, nishiaizu)).status).toBe(404);

    const linked = await call('PATCH', `/api/seminar-events/${event.id}`, {
      feedbackSurveyId: survey.id,
      version: event.version,
    });
    expect(linked.status, linked.text).toBe(200);
    expect(linked.body.feedbackSurveyId).toBe(survey.id);
    const [audit] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, event.id), eq(auditLog.action, 'seminar_event.update')));
    expect(JSON.stringify(audit?.after)).toContain(survey.id);

    // The event page tells the seat holders (and only them) to answer.
    const seenByLead = await call('GET', `/api/seminar-events/${event.id}`, undefined, nishiaizu);
    expect(seenByLead.body).toMatchObject({
      feedbackSurveyId: survey.id,
      can: { answerFeedback: true, viewFeedbackResults: false },
    });
    const seenByHead = await call('GET', `/api/seminar-events/${event.id}`, undefined, nishiaizuHead);
    expect(seenByHead.body.can.answerFeedback).toBe(false);
    const seenByAdmin = await call('GET', `/api/seminar-events/${event.id}`);
    expect(seenByAdmin.body.can).toMatchObject({ answerFeedback: false, viewFeedbackResults: true });

    // A seat holder opens, saves and submits.
    const opened = await call('GET', `/api/surveys/${survey.id}`, undefined, nishiaizu);
    expect(opened.status).toBe(200);
    expect(opened.body.myStatus).toBe('not_started');
    const submitted = await call(
      'POST',
      `/api/surveys/${survey.id}/response/submit`,
      { answers: { satisfaction: '5', comment: '事例紹介が参考になった' }, version: null },
      nishiaizu,
    );
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.status).toBe('submitted');

    // Waitlisted, companies: 404 on the survey and on the response.
    for (const cookie of [nishiaizuHead, company]) {
      expect((await call('GET', `/api/surveys/${survey.id}`, undefined, cookie)).status).toBe(404);
      expect((await call('GET', `/api/surveys/${survey.id}/response`, undefined, cookie)).status).toBe(404);
      const put = await call(
        'PUT',
        `/api/surveys/${survey.id}/response`,
        { answers: { satisfaction: '1' }, version: null },
        cookie,
      );
      expect(put.status).toBe(404);
    }

    // 郡山市 (another municipality, also a participant) sees only its own (empty) response, not 西会津町's.
    const own = await call('GET', `/api/surveys/${survey.id}/response`, undefined, koriyama);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('事例紹介');
    const theirResults = await call('GET', `/api/surveys/${survey.id}/results`, undefined, koriyama);
    expect([403, 404]).toContain(theirResults.status);
    expect(theirResults.text).not.toContain('事例紹介');

    const results = await call('GET', `/api/surveys/${survey.id}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ submittedCount: 1, eligibleCount: 2 });
    expect(results.body.nonResponders.map((n: { name: string }) => n.name).join()).toContain('郡山市');
    // The reminder goes to the participant who has not answered, and to nobody else.
    const before = await ctx.database.db.select().from(mailOutbox);
    const reminded = await call('POST', `/api/surveys/${survey.id}/reminders`);
    expect(reminded.status, reminded.text).toBe(200);
    expect(reminded.body).toMatchObject({ queuedCount: 1, municipalityCount: 1 });
    const seen = new Set(before.map((m) => m.id));
    const mails = (await ctx.database.db.select().from(mailOutbox)).filter((m) => !seen.has(m.id));
    expect(mails.map((m) => m.toAddress)).toEqual(['dx@koriyama.example.jp']);
    expect(mails[0]!.bodyText).toContain(`/surveys/${survey.id}/answer`);

    // 郡山市 cancels: the waitlisted head moves up and is now asked; the cancelled user is not.
    const cancelled = await call(
      'POST',
      `/api/seminar-registrations/${koriyamaSeat.id}/cancel`,
      { version: koriyamaSeat.version },
      koriyama,
    );
    expect(cancelled.status, cancelled.text).toBe(200);
    expect((await call('GET', `/api/surveys/${survey.id}`, undefined, koriyama)).status).toBe(404);
    expect((await call('GET', `/api/surveys/${survey.id}`, undefined, nishiaizuHead)).status).toBe(200);
    const after = await call('GET', `/api/surveys/${survey.id}/results`);
    expect(after.body).toMatchObject({ submittedCount: 1, eligibleCount: 2 });
    const list = await call('GET', '/api/surveys', undefined, nishiaizuHead);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(survey.id);

    // Clearing the link ends it: nobody is asked any more.
    const current = await call('GET', `/api/seminar-events/${event.id}`);
    const cleared = await call('PATCH', `/api/seminar-events/${event.id}`, {
      feedbackSurveyId: null,
      version: current.body.version,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      feedbackSurveyId: null,
      can: { answerFeedback: false, viewFeedbackResults: false },
    });
    expect((await call('GET', `/api/surveys/${survey.id}`, undefined, nishiaizu)).status).toBe(404);
    expect((await call('GET', `/api/surveys/${survey.id}/results`)).body.eligibleCount).toBe(0);
  });

  it('refuses a survey of another kind or audience, or an unknown one, with 422 in ja and en; 409 on a stale version', async () => {
    const event = await createEvent();
    const needs = await createSurvey('post_support', 'municipalities');
    const wrongAudience = await createSurvey('seminar_feedback', 'municipalities');
    for (const id of [needs.id, wrongAudience.id]) {
      const res = await call('PATCH', `/api/seminar-events/${event.id}`, {
        feedbackSurveyId: id,
        version: event.version,
      });
      expect(res.status).toBe(422);
      const field = res.body.error.fields.find(
        (f: { path: string[] }) => f.path.join('.') === 'feedbackSurveyId',
      );
      expect(field.ja).toContain('セミナーアンケート');
      expect(field.en).toContain('seminar feedback survey');
    }
    const unknown = await call('PATCH', `/api/seminar-events/${event.id}`, {
      feedbackSurveyId: '00000000-0000-4000-8000-000000000000',
      version: event.version,
    });
    expect(unknown.status).toBe(422);
    const notUuid = await call('PATCH', `/api/seminar-events/${event.id}`, {
      feedbackSurveyId: 'x',
      version: event.version,
    });
    expect(notUuid.status).toBe(422);

    const ok = await createSurvey('seminar_feedback', 'seminar_participants');
    const first = await call('PATCH', `/api/seminar-events/${event.id}`, {
      feedbackSurveyId: ok.id,
      version: event.version,
    });
    expect(first.status).toBe(200);
    const stale = await call('PATCH', `/api/seminar-events/${event.id}`, {
      feedbackSurveyId: null,
      version: event.version,
    });
    expect(stale.status).toBe(409);
    // A municipality user may not link surveys.
    const byMuni = await call(
      'PATCH',
      `/api/seminar-events/${event.id}`,
      { feedbackSurveyId: null, version: first.body.version },
      nishiaizu,
    );
    expect(byMuni.status).toBe(403);
  });
});
