/**
 * The reports feature's queries. Reports own no table: what they read of other features comes
 * through read ports (support projects, seminar reach, needs surveys; see reports.service.ts).
 * What is left here are read-only queries over the shared plan and tenancy tables every feature
 * reads (prefectures, regions, areas, municipalities, fiscal_years, programs, program_phases), and
 * two aggregate queries that say in their comment which other tables they read: the seminar
 * series' costs and sessions held, and when each open dataset last changed. Nothing here writes.
 */
import { and, asc, eq, lt, max, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  areas,
  fiscalYears,
  municipalities,
  prefectures,
  programPhases,
  programs,
  regions,
  seminarArchiveViews,
  seminarEvents,
  seminarRegistrations,
  seminarSeries,
  seminarWalkIns,
  supportProjects,
  surveyResponses,
} from '../../db/schema';

export type PrefectureRow = typeof prefectures.$inferSelect;

export async function findPrefecture(ex: Executor, id: string): Promise<PrefectureRow | null> {
  const [row] = await ex.select().from(prefectures).where(eq(prefectures.id, id));
  return row ?? null;
}

export async function findPrefectures(ex: Executor): Promise<PrefectureRow[]> {
  return ex.select().from(prefectures).orderBy(asc(prefectures.code));
}

export async function findPrefectureByCode(ex: Executor, code: string): Promise<PrefectureRow | null> {
  const [row] = await ex.select().from(prefectures).where(eq(prefectures.code, code));
  return row ?? null;
}

/** The prefecture's municipalities in code order, with their region (地方). */
export async function findMunicipalities(ex: Executor, prefectureId: string) {
  return ex
    .select({
      id: municipalities.id,
      code: municipalities.code,
      name: municipalities.name,
      nameEn: municipalities.nameEn,
      regionId: regions.id,
      regionName: regions.name,
      regionNameEn: regions.nameEn,
      regionOrder: regions.sortOrder,
    })
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(eq(municipalities.prefectureId, prefectureId))
    .orderBy(asc(municipalities.code));
}
export type MunicipalityWithRegion = Awaited<ReturnType<typeof findMunicipalities>>[number];

export async function findFiscalYears(ex: Executor, prefectureId: string) {
  return ex
    .select({ id: fiscalYears.id, year: fiscalYears.year, status: fiscalYears.status })
    .from(fiscalYears)
    .where(eq(fiscalYears.prefectureId, prefectureId))
    .orderBy(asc(fiscalYears.year));
}
export type FiscalYearFact = Awaited<ReturnType<typeof findFiscalYears>>[number];

/** Every program of the prefecture with its year, oldest year first. */
export async function findPrograms(ex: Executor, prefectureId: string) {
  return ex
    .select({
      id: programs.id,
      fiscalYearId: programs.fiscalYearId,
      year: fiscalYears.year,
      yearStatus: fiscalYears.status,
      kind: programs.kind,
      name: programs.name,
      nameEn: programs.nameEn,
      description: programs.description,
      budgetThousandYen: programs.budgetThousandYen,
      updatedAt: programs.updatedAt,
    })
    .from(programs)
    .innerJoin(fiscalYears, eq(fiscalYears.id, programs.fiscalYearId))
    .where(eq(programs.prefectureId, prefectureId))
    .orderBy(asc(fiscalYears.year), asc(programs.kind), asc(programs.createdAt));
}
export type ProgramFact = Awaited<ReturnType<typeof findPrograms>>[number];

export async function findPhases(ex: Executor, prefectureId: string, programId: string) {
  return ex
    .select({
      kind: programPhases.kind,
      startsOn: programPhases.startsOn,
      endsOn: programPhases.endsOn,
      note: programPhases.note,
    })
    .from(programPhases)
    .where(and(eq(programPhases.prefectureId, prefectureId), eq(programPhases.programId, programId)))
    .orderBy(asc(programPhases.startsOn), asc(programPhases.endsOn));
}

/**
 * Aggregate over the seminars feature's seminar_series and seminar_events (read only): per fiscal
 * year, the series' cost (per session × sessions) and how many of its events had ended by `now`
 * — what the budget counts as committed and as spent.
 */
export async function findSeminarSeriesCosts(ex: Executor, prefectureId: string, now: Date) {
  const held = ex
    .select({
      seriesId: seminarEvents.seriesId,
      held: sql<number>`count(*)::int`.as('held'),
    })
    .from(seminarEvents)
    .where(and(eq(seminarEvents.prefectureId, prefectureId), lt(seminarEvents.endsAt, now)))
    .groupBy(seminarEvents.seriesId)
    .as('held');
  return ex
    .select({
      fiscalYearId: seminarSeries.fiscalYearId,
      programId: seminarSeries.programId,
      costPerSessionThousandYen: seminarSeries.costPerSessionThousandYen,
      sessionCount: seminarSeries.sessionCount,
      held: sql<number>`coalesce(${held.held}, 0)::int`,
    })
    .from(seminarSeries)
    .leftJoin(held, eq(held.seriesId, seminarSeries.id))
    .where(eq(seminarSeries.prefectureId, prefectureId));
}

/**
 * When each open dataset last changed: the latest write among the rows it is computed from.
 * Aggregates (max only) over support_projects (applications), survey_responses (surveys),
 * seminar_registrations, seminar_walk_ins and seminar_archive_views (seminars), and programs.
 */
export async function findDatasetFreshness(ex: Executor, prefectureId: string) {
  const latest = async <T>(query: Promise<{ at: T | null }[]>) => (await query)[0]?.at ?? null;
  const [projects, responses, registrations, walkIns, views, budgets] = await Promise.all([
    latest(
      ex
        .select({ at: max(supportProjects.updatedAt) })
        .from(supportProjects)
        .where(eq(supportProjects.prefectureId, prefectureId)),
    ),
    latest(
      ex
        .select({ at: max(surveyResponses.submittedAt) })
        .from(surveyResponses)
        .where(eq(surveyResponses.prefectureId, prefectureId)),
    ),
    latest(
      ex
        .select({ at: max(seminarRegistrations.updatedAt) })
        .from(seminarRegistrations)
        .where(eq(seminarRegistrations.prefectureId, prefectureId)),
    ),
    latest(
      ex
        .select({ at: max(seminarWalkIns.createdAt) })
        .from(seminarWalkIns)
        .where(eq(seminarWalkIns.prefectureId, prefectureId)),
    ),
    latest(
      ex
        .select({ at: max(seminarArchiveViews.viewedAt) })
        .from(seminarArchiveViews)
        .where(eq(seminarArchiveViews.prefectureId, prefectureId)),
    ),
    latest(
      ex
        .select({ at: max(programs.updatedAt) })
        .from(programs)
        .where(eq(programs.prefectureId, prefectureId)),
    ),
  ]);
  const newest = (...dates: (Date | null)[]) =>
    dates.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
  return {
    support_projects: projects,
    seminar_reach: newest(registrations, walkIns, views),
    survey_maturity: responses,
    program_budget: budgets,
  } as const;
}
