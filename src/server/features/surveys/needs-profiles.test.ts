import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { challengeAreas } from '../../../shared/challenge-areas';
import { fiscalYears, municipalities, surveyResponses, surveys } from '../../db/schema';
import { createTestContext } from '../../testing/harness';

const ctx = await createTestContext();
const db = ctx.database.db;
const [pref] = await db.select({ prefectureId: fiscalYears.prefectureId }).from(fiscalYears).limit(1);
const prefectureId = pref!.prefectureId;
async function yearId(year: number) {
  const [row] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, year));
  return row!.id;
}

describe('seeded needs surveys and needs profiles', () => {
  it('FY2023 and FY2024 needs surveys are answered by all 59 municipalities', async () => {
    for (const year of [2023, 2024]) {
      const [survey] = await db
        .select()
        .from(surveys)
        .where(and(eq(surveys.fiscalYearId, await yearId(year)), eq(surveys.kind, 'needs')));
      const rows = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey!.id));
      expect(rows).toHaveLength(59);
      expect(rows.every((r) => r.status === 'submitted')).toBe(true);
    }
  });

  it("reads one municipality's profile alone, the same as in the full list; none for a year without answers", async () => {
    const fy2024 = await yearId(2024);
    const all = await ctx.services.surveys.needsProfiles(prefectureId, fy2024);
    for (const expected of [all[0]!, all[30]!, all[58]!]) {
      const one = await ctx.services.surveys.needsProfileOf(prefectureId, expected.municipalityId, fy2024);
      expect(one).toEqual(expected);
    }
    expect(
      await ctx.services.surveys.needsProfileOf(prefectureId, all[0]!.municipalityId, await yearId(2022)),
    ).toBeNull();
  });

  it('gives a profile per municipality with help-wanted areas, maturity per area, level and voices', async () => {
    const profiles = await ctx.services.surveys.needsProfiles(prefectureId, await yearId(2024));
    expect(profiles).toHaveLength(59);
    for (const p of profiles) {
      expect(p.helpWantedAreas.length).toBeGreaterThan(0);
      expect(p.helpWantedAreas.every((a) => (challengeAreas as readonly string[]).includes(a))).toBe(true);
      expect(Object.keys(p.maturityByArea)).toHaveLength(10);
      expect(p.overallLevel).toBeGreaterThanOrEqual(1);
      expect(p.overallLevel).toBeLessThanOrEqual(5);
    }
    expect(profiles.some((p) => p.voices.length > 0)).toBe(true);
    // Cities are on average further along than villages; evacuation-area towns behind other towns.
    const towns = await db.select().from(municipalities);
    const byId = new Map(towns.map((m) => [m.id, m]));
    const mean = (pred: (m: (typeof towns)[number]) => boolean) => {
      const levels = profiles.filter((p) => pred(byId.get(p.municipalityId)!)).map((p) => p.overallLevel!);
      return levels.reduce((a, b) => a + b, 0) / levels.length;
    };
    expect(mean((m) => m.kind === 'city')).toBeGreaterThan(mean((m) => m.kind === 'village') + 0.5);
    expect(mean((m) => m.kind === 'town' && !m.isEvacuationArea)).toBeGreaterThan(
      mean((m) => m.kind === 'town' && m.isEvacuationArea),
    );
  });

  it('FY2023 profiles exist for year-over-year and are on average lower', async () => {
    const before = await ctx.services.surveys.needsProfiles(prefectureId, await yearId(2023));
    const after = await ctx.services.surveys.needsProfiles(prefectureId, await yearId(2024));
    const avg = (ps: typeof before) => ps.reduce((a, p) => a + (p.overallLevel ?? 0), 0) / ps.length;
    expect(before).toHaveLength(59);
    expect(avg(after)).toBeGreaterThan(avg(before));
  });

  it('kept per process, the profiles follow every change of the answers, made by any process', async () => {
    const fy2023 = await yearId(2023);
    const first = await ctx.services.surveys.needsProfiles(prefectureId, fy2023);
    const town = first[0]!;
    const [response] = await db
      .select()
      .from(surveyResponses)
      .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .where(
        and(
          eq(surveys.fiscalYearId, fy2023),
          eq(surveys.kind, 'needs'),
          eq(surveyResponses.municipalityId, town.municipalityId),
        ),
      );
    const row = response!.survey_responses;
    // Straight in the database, as another process would write: returned to draft…
    await db
      .update(surveyResponses)
      .set({ status: 'draft', version: row.version + 1 })
      .where(eq(surveyResponses.id, row.id));
    const withoutTown = await ctx.services.surveys.needsProfiles(prefectureId, fy2023);
    expect(withoutTown.map((p) => p.municipalityId)).not.toContain(town.municipalityId);
    expect(withoutTown).toHaveLength(first.length - 1);
    // …then submitted again with every answer cleared: its profile has no help-wanted area left.
    await db
      .update(surveyResponses)
      .set({ status: 'submitted', answers: {}, version: row.version + 2 })
      .where(eq(surveyResponses.id, row.id));
    const resubmitted = await ctx.services.surveys.needsProfiles(prefectureId, fy2023);
    expect(resubmitted).toHaveLength(first.length);
    expect(resubmitted.find((p) => p.municipalityId === town.municipalityId)!.helpWantedAreas).toEqual([]);
    expect(town.helpWantedAreas.length).toBeGreaterThan(0);
    // A caller sorting its copy leaves the kept list alone.
    resubmitted.reverse();
    expect((await ctx.services.surveys.needsProfiles(prefectureId, fy2023))[0]!.municipalityId).toBe(
      town.municipalityId,
    );
    await db.update(surveyResponses).set(row).where(eq(surveyResponses.id, row.id));
  });

  it('the results page, kept per survey, follows an answer returned to draft and submitted again', async () => {
    const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
    const [survey] = await db
      .select()
      .from(surveys)
      .where(and(eq(surveys.fiscalYearId, await yearId(2024)), eq(surveys.kind, 'needs')));
    type Results = {
      submittedCount: number;
      nonResponders: { municipalityId: string }[];
      questions: { key: string; respondents: number }[];
      heatmap: { municipalityId: string }[];
    };
    const results = async () =>
      (await (
        await ctx.request('GET', `/api/surveys/${survey!.id}/results`, { cookie: admin })
      ).json()) as Results;
    const before = await results();
    const [row] = await db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, survey!.id))
      .limit(1);
    await db
      .update(surveyResponses)
      .set({ status: 'draft', version: row!.version + 1 })
      .where(eq(surveyResponses.id, row!.id));
    const returned = await results();
    expect(returned.submittedCount).toBe(before.submittedCount - 1);
    expect(returned.nonResponders.map((n) => n.municipalityId)).toContain(row!.municipalityId);
    expect(returned.heatmap.map((h) => h.municipalityId)).not.toContain(row!.municipalityId);
    expect(returned.questions).not.toEqual(before.questions);
    await db.update(surveyResponses).set(row!).where(eq(surveyResponses.id, row!.id));
    // Back as it was (its version too): the answers' fingerprint moves back, and so do the figures.
    expect(await results()).toEqual(before);
  });

  it('is empty for a year without a needs survey', async () => {
    expect(await ctx.services.surveys.needsProfiles(prefectureId, await yearId(2022))).toEqual([]);
  });
});
