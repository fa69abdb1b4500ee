import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDaysToYmd, fiscalYearOf, formatYmd, getJstParts } from '../../../shared/fiscal-year';
import type { NextYearPreview, PreparedYear, SetupChecklist } from '../../../shared/schemas/fiscal-years';
import { auditLog, menuSettings, programs, seminarSeries, surveys } from '../../db/schema';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');

async function call(method: string, path: string, body?: unknown, cookie = admin) {
  const res = await ctx.request(method, path, { cookie, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function ok(method: string, path: string, body?: unknown, status = 200, cookie = admin) {
  const res = await call(method, path, body, cookie);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const { year: y, month: m, day: d } = getJstParts(new Date());
const today = formatYmd(y, m, d);

async function rowsOfYear(fiscalYearId: string) {
  const db = ctx.database.db;
  return {
    programs: await db.select().from(programs).where(eq(programs.fiscalYearId, fiscalYearId)),
    surveys: await db.select().from(surveys).where(eq(surveys.fiscalYearId, fiscalYearId)),
    series: await db.select().from(seminarSeries).where(eq(seminarSeries.fiscalYearId, fiscalYearId)),
    settings: await db.select().from(menuSettings).where(eq(menuSettings.fiscalYearId, fiscalYearId)),
  };
}

const item = (list: SetupChecklist['items'], key: string) => list.find((i) => i.key === key)!;

describe('prepare next year', () => {
  let prepared: PreparedYear;

  it('previews the year it makes (the current fiscal year while missing, else the next) and what it copies', async () => {
    const preview: NextYearPreview = await ok('GET', '/api/fiscal-years/next-year');
    const years = (await ok('GET', '/api/fiscal-years')).items.map((i: { year: number }) => i.year);
    const current = fiscalYearOf(new Date());
    expect(preview.year).toBe(
      years.includes(current) ? Math.max(...years) + 1 : Math.max(current, Math.max(...years) + 1),
    );
    expect(preview.existingId).toBeNull();
    expect(preview.copyFrom?.year).toBe(Math.max(...years.filter((yr: number) => yr < preview.year)));
    const states = Object.fromEntries(preview.items.map((i) => [i.key, i.state]));
    expect(states).toMatchObject({
      programs: 'will_copy',
      phases: 'will_copy',
      rubric: 'will_copy',
      needs_survey: 'will_copy',
      seminar_series: 'will_copy',
    });
    expect((await call('GET', '/api/fiscal-years/next-year', undefined, staff)).status).toBe(403);
  });

  it('creates the year with programs (budgets undecided), phases a year on, rubric, a draft needs survey and the series; audited', async () => {
    const preview: NextYearPreview = await ok('GET', '/api/fiscal-years/next-year');
    prepared = await ok('POST', '/api/fiscal-years/prepare-next', { year: preview.year });
    expect(prepared.year).toBe(preview.year);
    expect(prepared.items.every((i) => i.state !== 'will_copy')).toBe(true);
    const rows = await rowsOfYear(prepared.fiscalYearId);
    const source = await rowsOfYear(preview.copyFrom!.id);
    expect(rows.programs.map((p) => p.name).sort()).toEqual(source.programs.map((p) => p.name).sort());
    expect(rows.programs.every((p) => p.budgetThousandYen === null)).toBe(true);
    expect(rows.settings[0]!.criteria).toEqual(source.settings[0]!.criteria);
    const needs = rows.surveys.filter((s) => s.kind === 'needs');
    expect(needs).toHaveLength(1);
    expect(needs[0]!.publishedAt).toBeNull();
    const sourceNeeds = source.surveys.find((s) => s.kind === 'needs' && s.supersededAt === null)!;
    expect(needs[0]!.definition).toEqual(sourceNeeds.definition);
    const shift = preview.year - preview.copyFrom!.year;
    expect(needs[0]!.opensAt.getUTCFullYear()).toBe(sourceNeeds.opensAt.getUTCFullYear() + shift);
    expect(rows.series.map((s) => s.title)).toEqual(source.series.map((s) => s.title));
    const detail = await ok('GET', `/api/fiscal-years/${prepared.fiscalYearId}`);
    const sourceDetail = await ok('GET', `/api/fiscal-years/${preview.copyFrom!.id}`);
    const firstPhase = sourceDetail.programs[0].phases[0];
    expect(detail.programs[0].phases[0].startsOn.slice(0, 4)).toBe(
      String(Number(firstPhase.startsOn.slice(0, 4)) + shift),
    );
    const audits = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, prepared.fiscalYearId));
    expect(audits.map((a) => a.action)).toContain('fiscal_year.prepare');
    const copiedSurveyAudit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, needs[0]!.id), eq(auditLog.action, 'survey.create')));
    expect(copiedSurveyAudit).toHaveLength(1);
  });

  it('running it again for the same year duplicates nothing; a stale proposal is a 409', async () => {
    const before = await rowsOfYear(prepared.fiscalYearId);
    const again = await ok('POST', '/api/fiscal-years/prepare-next', { year: prepared.year });
    expect(again.fiscalYearId).toBe(prepared.fiscalYearId);
    const after = await rowsOfYear(prepared.fiscalYearId);
    expect(after.programs).toHaveLength(before.programs.length);
    expect(after.surveys).toHaveLength(before.surveys.length);
    expect(after.series).toHaveLength(before.series.length);
    expect(after.settings).toHaveLength(1);
    const preview: NextYearPreview = await ok('GET', '/api/fiscal-years/next-year');
    expect(preview.year).toBeGreaterThan(prepared.year);
    const stale = await call('POST', '/api/fiscal-years/prepare-next', { year: prepared.year + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.year).toBe(preview.year);
    expect((await call('POST', '/api/fiscal-years/prepare-next', { year: preview.year }, staff)).status).toBe(
      403,
    );
    expect(
      (await call('POST', '/api/fiscal-years/prepare-next', { year: preview.year, copy: true })).status,
    ).toBe(422);
  });

  it('the draft survey is hidden from its respondents and never open until published', async () => {
    const [draft] = (await rowsOfYear(prepared.fiscalYearId)).surveys;
    const list = await ok('GET', `/api/surveys?fiscalYearId=${prepared.fiscalYearId}`, undefined, 200, staff);
    expect(list.items).toHaveLength(0);
    expect((await call('GET', `/api/surveys/${draft!.id}`, undefined, staff)).status).toBe(404);
    const asAdmin = await ok('GET', `/api/surveys/${draft!.id}`);
    expect(asAdmin).toMatchObject({ isDraft: true, isOpen: false });
  });

  it('the checklist says what is missing and links to the page that fixes it; publishing the survey ticks it', async () => {
    const checklist: SetupChecklist = await ok('GET', `/api/fiscal-years/${prepared.fiscalYearId}/checklist`);
    expect(checklist.isReady).toBe(false);
    expect(item(checklist.items, 'budgets')).toMatchObject({
      state: 'missing',
      href: `/fiscal-years/${prepared.fiscalYearId}`,
    });
    expect(item(checklist.items, 'budgets').detail.ja).toContain('前年度');
    expect(item(checklist.items, 'rubric')).toMatchObject({
      state: 'done',
      href: `/menus/admin?fy=${prepared.fiscalYearId}`,
    });
    expect(item(checklist.items, 'reviewers').state).toBe('later');
    expect(item(checklist.items, 'seminar_series').state).toBe('done');
    const survey = item(checklist.items, 'needs_survey');
    expect(survey.state).toBe('missing');
    expect(survey.href).toMatch(/^\/surveys\/[0-9a-f-]+\/edit$/);
    expect(
      (await call('GET', `/api/fiscal-years/${prepared.fiscalYearId}/checklist`, undefined, staff)).status,
    ).toBe(403);

    const surveyId = survey.href.split('/')[2]!;
    const draft = await ok('GET', `/api/surveys/${surveyId}`);
    const stale = await call('POST', `/api/surveys/${surveyId}/publish`, { version: draft.version + 1 });
    expect(stale.status).toBe(409);
    const published = await ok('POST', `/api/surveys/${surveyId}/publish`, { version: draft.version });
    expect(published.isDraft).toBe(false);
    const twice = await call('POST', `/api/surveys/${surveyId}/publish`, { version: published.version });
    expect(twice.status).toBe(422);
    const after: SetupChecklist = await ok('GET', `/api/fiscal-years/${prepared.fiscalYearId}/checklist`);
    expect(item(after.items, 'needs_survey').state).toBe('done');
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, surveyId), eq(auditLog.action, 'survey.publish')));
    expect(audits).toHaveLength(1);
  });
});

describe('a phase that cannot work is not opened', () => {
  it('proposals without a saved rubric: refused when dated to run now, and when opened; accepted once the rubric is saved', async () => {
    const preview: NextYearPreview = await ok('GET', '/api/fiscal-years/next-year');
    // A year whose window holds today and tomorrow: the one of tomorrow (JST).
    const tomorrow = addDaysToYmd(today, 1);
    const year = fiscalYearOf(new Date(`${tomorrow}T12:00:00+09:00`));
    const years = (await ok('GET', '/api/fiscal-years')).items;
    const fyId: string =
      years.find((i: { year: number }) => i.year === year)?.id ??
      (await ok('POST', '/api/fiscal-years/prepare-next', { year: preview.year })).fiscalYearId;
    // Without a rubric (the copy may have brought one: take it away).
    await ctx.database.db.delete(menuSettings).where(eq(menuSettings.fiscalYearId, fyId));
    const program = await ok(
      'POST',
      `/api/fiscal-years/${fyId}/programs`,
      { kind: 'advisor_dispatch', name: '開始確認', nameEn: 'Opening check' },
      201,
    );
    const runningNow = await call('POST', `/api/programs/${program.id}/phases`, {
      kind: 'proposals',
      startsOn: today,
      endsOn: addDaysToYmd(today, 3),
    });
    expect(runningNow.status).toBe(422);
    expect(runningNow.body.error.fields[0]).toMatchObject({ code: 'phase_not_ready', path: ['startsOn'] });
    expect(runningNow.body.error.fields[0].ja).toContain('評価基準');
    expect(runningNow.body.error.fields[0].en).toContain('rubric');

    const upcoming = await ok(
      'POST',
      `/api/programs/${program.id}/phases`,
      { kind: 'proposals', startsOn: tomorrow, endsOn: addDaysToYmd(tomorrow, 3) },
      201,
    );
    expect(upcoming.state).toBe('upcoming');
    const refused = await call('POST', `/api/phases/${upcoming.id}/open`, { version: upcoming.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0].code).toBe('phase_not_ready');
    // Moving its dates onto today is the same opening, refused the same way.
    const moved = await call('PATCH', `/api/phases/${upcoming.id}`, {
      version: upcoming.version,
      startsOn: today,
    });
    expect(moved.status).toBe(422);

    const settings = await ok('GET', `/api/menus/settings?fiscalYearId=${fyId}`);
    expect(settings.version).toBeNull();
    await ok('PUT', `/api/menus/settings/${fyId}`, {
      criteria: [{ key: 'need', label: '必要性', labelEn: 'Need', weight: 100 }],
    });
    const stale = await call('POST', `/api/phases/${upcoming.id}/open`, { version: upcoming.version + 1 });
    expect(stale.status).toBe(409);
    const opened = await ok('POST', `/api/phases/${upcoming.id}/open`, { version: upcoming.version });
    expect(opened).toMatchObject({ state: 'open', startsOn: today });
    const again = await call('POST', `/api/phases/${upcoming.id}/open`, { version: opened.version });
    expect(again.status).toBe(422);
    expect(
      (await call('POST', `/api/phases/${upcoming.id}/open`, { version: opened.version }, staff)).status,
    ).toBe(403);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, upcoming.id), eq(auditLog.action, 'program_phase.open')));
    expect(audits).toHaveLength(1);
  });

  it('a survey phase without a published needs survey is refused', async () => {
    const tomorrow = addDaysToYmd(today, 1);
    const year = fiscalYearOf(new Date(`${tomorrow}T12:00:00+09:00`));
    const fyId: string = (await ok('GET', '/api/fiscal-years')).items.find(
      (i: { year: number }) => i.year === year,
    ).id;
    await ctx.database.db
      .update(surveys)
      .set({ publishedAt: null })
      .where(and(eq(surveys.fiscalYearId, fyId), eq(surveys.kind, 'needs')));
    const program = await ok(
      'POST',
      `/api/fiscal-years/${fyId}/programs`,
      { kind: 'other', name: '調査確認', nameEn: 'Survey check' },
      201,
    );
    const refused = await call('POST', `/api/programs/${program.id}/phases`, {
      kind: 'survey',
      startsOn: today,
      endsOn: addDaysToYmd(today, 3),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0].ja).toContain('課題把握アンケート');
    // An upcoming survey phase may be planned before the survey exists.
    await ok(
      'POST',
      `/api/programs/${program.id}/phases`,
      { kind: 'survey', startsOn: tomorrow, endsOn: addDaysToYmd(tomorrow, 3) },
      201,
    );
  });
});
