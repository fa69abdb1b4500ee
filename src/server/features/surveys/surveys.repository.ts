import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { SurveyAudience, SurveyKind } from '../../../shared/schemas/surveys';
import type { Database, Executor } from '../../db/client';
import {
  areas,
  fiscalYears,
  municipalities,
  organizations,
  regions,
  surveyReminders,
  surveyResponses,
  surveys,
  users,
} from '../../db/schema';
import type { Actor, RequestContext } from '../../platform/context';
import { changeVersioned, updateVersioned, type VersionedChange } from '../../platform/locking';
export { findFiscalYear, findFiscalYearByYear } from '../../db/tenancy-reads';

/** Every Drizzle query of the surveys feature; the job modules call these and hold no SQL. */

export type SurveyRow = typeof surveys.$inferSelect;
export type NewSurvey = typeof surveys.$inferInsert;
export type ResponseRow = typeof surveyResponses.$inferSelect;
export type NewResponse = typeof surveyResponses.$inferInsert;

// ── Surveys ──────────────────────────────────────────────────────────────────

/** A survey of the prefecture (another tenant's id reads as missing). */
export async function findSurvey(ex: Executor, prefectureId: string, id: string): Promise<SurveyRow | null> {
  const [row] = await ex
    .select()
    .from(surveys)
    .where(and(eq(surveys.prefectureId, prefectureId), eq(surveys.id, id)));
  return row ?? null;
}

/** The current (not superseded) surveys of the prefecture, latest opening first. */
export async function findCurrentSurveys(ex: Executor, prefectureId: string, fiscalYearId?: string) {
  return ex
    .select()
    .from(surveys)
    .where(
      and(
        eq(surveys.prefectureId, prefectureId),
        isNull(surveys.supersededAt),
        fiscalYearId ? eq(surveys.fiscalYearId, fiscalYearId) : undefined,
      ),
    )
    .orderBy(desc(surveys.opensAt));
}

/** The survey of the same kind and audience in another fiscal year (for year over year). */
export async function findCurrentSurveyOfYear(
  ex: Executor,
  fiscalYearId: string,
  kind: SurveyKind,
  audience: SurveyAudience,
): Promise<SurveyRow | null> {
  const [row] = await ex
    .select()
    .from(surveys)
    .where(
      and(
        eq(surveys.fiscalYearId, fiscalYearId),
        eq(surveys.kind, kind),
        eq(surveys.audience, audience),
        isNull(surveys.supersededAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertSurvey(ex: Executor, values: NewSurvey): Promise<SurveyRow> {
  const [created] = await ex.insert(surveys).values(values).returning();
  return created!;
}

/** Optimistically locked edit of a survey row (409 on a stale version). */
export function updateSurveyVersioned(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<NewSurvey>,
  actorUserId: string,
  now: Date,
): Promise<SurveyRow> {
  return updateVersioned(ex, surveys, id, version, values, actorUserId, now);
}

/** The common edit of a survey row (versioned update + audit + reload), see changeVersioned. */
export function changeSurvey<Result>(
  db: Database,
  ctx: RequestContext & { actor: Actor },
  change: Omit<VersionedChange<typeof surveys, Result>, 'table'>,
): Promise<Result> {
  return changeVersioned(db, ctx, { ...change, table: surveys });
}

// ── Fiscal years and municipalities ─────────────────────────────────────────

export async function findMunicipality(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(and(eq(municipalities.id, id), eq(municipalities.prefectureId, prefectureId)));
  return row ?? null;
}

export async function findMunicipalityName(ex: Executor, id: string): Promise<string | null> {
  const [row] = await ex
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return row?.name ?? null;
}

export async function findUserDisplayName(ex: Executor, id: string): Promise<string | null> {
  const [row] = await ex.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  return row?.name ?? null;
}

// ── Responses ────────────────────────────────────────────────────────────────

export async function findResponse(
  ex: Executor,
  surveyId: string,
  respondentKey: string,
): Promise<ResponseRow | null> {
  const [row] = await ex
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.respondentKey, respondentKey)));
  return row ?? null;
}

/** Every response of a survey, drafts included. */
export async function findResponses(ex: Executor, surveyId: string): Promise<ResponseRow[]> {
  return ex.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
}

/** Who has a response and in which state: what a survey summary counts. */
export async function findResponseStates(ex: Executor, surveyId: string) {
  return ex
    .select({ status: surveyResponses.status, respondentKey: surveyResponses.respondentKey })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
}

/** What the results page needs of every response but its answers: who, in which state. */
export async function findResponseStatesWithPlace(ex: Executor, surveyId: string) {
  return ex
    .select({
      status: surveyResponses.status,
      respondentKey: surveyResponses.respondentKey,
      municipalityId: surveyResponses.municipalityId,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
}

/** How many responses, their latest change and the sum of their versions: moved by any write. */
const fingerprintColumns = {
  count: sql<number>`count(*)::int`,
  latest: sql<string | null>`max(${surveyResponses.updatedAt})::text`,
  versions: sql<string | null>`sum(${surveyResponses.version})::text`,
};
const fingerprintOf = (row: { count: number; latest: string | null; versions: string | null } | undefined) =>
  `${row?.count ?? 0}:${row?.latest ?? ''}:${row?.versions ?? ''}`;

/**
 * One survey's responses as one short string (how many, their latest change, the sum of their
 * versions): any answer saved, submitted, returned or deleted moves it.
 */
export async function responsesFingerprint(ex: Executor, surveyId: string): Promise<string> {
  const [row] = await ex
    .select(fingerprintColumns)
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return fingerprintOf(row);
}

/** The response states of several surveys in one query (a list page summarizes every survey). */
export async function findResponseStatesOfSurveys(ex: Executor, surveyIds: string[]) {
  const bySurvey = new Map<
    string,
    { status: (typeof surveyResponses.$inferSelect)['status']; respondentKey: string }[]
  >(surveyIds.map((id) => [id, []]));
  if (surveyIds.length === 0) return bySurvey;
  const rows = await ex
    .select({
      surveyId: surveyResponses.surveyId,
      status: surveyResponses.status,
      respondentKey: surveyResponses.respondentKey,
    })
    .from(surveyResponses)
    .where(inArray(surveyResponses.surveyId, surveyIds));
  for (const { surveyId, ...state } of rows) bySurvey.get(surveyId)?.push(state);
  return bySurvey;
}

export async function hasAnyResponse(ex: Executor, surveyId: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))
    .limit(1);
  return row !== undefined;
}

/** Inserts the first response of a respondent; null when a concurrent first save won the race. */
export async function insertResponse(ex: Executor, values: NewResponse): Promise<ResponseRow | null> {
  const [inserted] = await ex.insert(surveyResponses).values(values).onConflictDoNothing().returning();
  return inserted ?? null;
}

export function updateResponseVersioned(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<NewResponse>,
  actorUserId: string,
  now: Date,
): Promise<ResponseRow> {
  return updateVersioned(ex, surveyResponses, id, version, values, actorUserId, now);
}

/** Submitted responses with their answers and municipality: what the results are counted from. */
export async function findSubmittedResponses(ex: Executor, surveyId: string): Promise<ResponseRow[]> {
  return ex
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.status, 'submitted')));
}

export async function findSubmittedAnswers(ex: Executor, surveyId: string) {
  const rows = await ex
    .select({ answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.status, 'submitted')));
  return rows.map((r) => r.answers);
}

/**
 * The respondent's submitted responses to earlier surveys of the same kind and audience (opened no
 * later than `before`, itself excluded), newest submission first, with their surveys: what prefill
 * offers. Any earlier year counts, so a year without that survey does not lose the answers before it.
 */
export async function findEarlierSubmissions(
  ex: Executor,
  of: {
    prefectureId: string;
    kind: SurveyKind;
    audience: SurveyAudience;
    respondentKey: string;
    before: { id: string; opensAt: Date };
  },
  limit = 20,
) {
  return ex
    .select({ response: surveyResponses, survey: surveys })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(
      and(
        eq(surveys.prefectureId, of.prefectureId),
        eq(surveys.kind, of.kind),
        eq(surveys.audience, of.audience),
        ne(surveys.id, of.before.id),
        lte(surveys.opensAt, of.before.opensAt),
        eq(surveyResponses.respondentKey, of.respondentKey),
        eq(surveyResponses.status, 'submitted'),
      ),
    )
    .orderBy(desc(surveyResponses.submittedAt), desc(surveys.opensAt))
    .limit(limit);
}

/** Submitted responses of every municipal needs survey of the year, oldest submission first. */
export async function findSubmittedNeeds(
  ex: Executor,
  prefectureId: string,
  fiscalYearId: string,
  municipalityId?: string,
) {
  return ex
    .select({ response: surveyResponses, survey: surveys })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(
      and(
        eq(surveys.prefectureId, prefectureId),
        eq(surveys.fiscalYearId, fiscalYearId),
        eq(surveys.kind, 'needs'),
        eq(surveys.audience, 'municipalities'),
        eq(surveyResponses.status, 'submitted'),
        municipalityId ? eq(surveyResponses.municipalityId, municipalityId) : undefined,
      ),
    )
    .orderBy(asc(surveyResponses.submittedAt));
}

/**
 * What the year's submitted needs answers add up to, as one short string: how many, their latest
 * change and the sum of their versions. Any submit, re-submit, return to draft or deletion moves it.
 */
export async function submittedNeedsFingerprint(
  ex: Executor,
  prefectureId: string,
  fiscalYearId: string,
): Promise<string> {
  const [row] = await ex
    .select(fingerprintColumns)
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(
      and(
        eq(surveys.prefectureId, prefectureId),
        eq(surveys.fiscalYearId, fiscalYearId),
        eq(surveys.kind, 'needs'),
        eq(surveys.audience, 'municipalities'),
        eq(surveyResponses.status, 'submitted'),
      ),
    );
  return fingerprintOf(row);
}

/** Submitted responses with their municipality (null for non-municipal respondents). */
export async function findSubmittedWithMunicipality(ex: Executor, surveyId: string) {
  return ex
    .select({ response: surveyResponses, municipality: municipalities })
    .from(surveyResponses)
    .leftJoin(municipalities, eq(municipalities.id, surveyResponses.municipalityId))
    .where(and(eq(surveyResponses.surveyId, surveyId), inArray(surveyResponses.status, ['submitted'])));
}

/** Submitted municipal responses with the town's code, name, kind, area, region and population. */
export async function findSubmittedWithPlace(ex: Executor, surveyId: string) {
  return ex
    .select({
      responseId: surveyResponses.id,
      responseVersion: surveyResponses.version,
      answers: surveyResponses.answers,
      submittedAt: surveyResponses.submittedAt,
      proxiedBy: surveyResponses.proxiedBy,
      municipalityId: municipalities.id,
      code: municipalities.code,
      name: municipalities.name,
      kind: municipalities.kind,
      population: municipalities.population,
      areaName: areas.name,
      areaNameEn: areas.nameEn,
      regionName: regions.name,
      regionNameEn: regions.nameEn,
    })
    .from(surveyResponses)
    .innerJoin(municipalities, eq(municipalities.id, surveyResponses.municipalityId))
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.status, 'submitted')))
    .orderBy(municipalities.code);
}

export type PlacedResponse = Awaited<ReturnType<typeof findSubmittedWithPlace>>[number];

// ── Reminders ────────────────────────────────────────────────────────────────

/**
 * Active users of the prefecture to remind: the users of the given municipalities, or (for
 * per-user audiences) the given users themselves.
 */
/**
 * Surveys that opened between `since` and `now` and were not announced yet: first versions only
 * (a new version of a question set replaces one its respondents already know), not superseded,
 * for audiences whose respondents are known in advance.
 */
export async function findSurveysToAnnounce(
  ex: Executor,
  since: Date,
  now: Date,
  audiences: readonly SurveyAudience[],
) {
  return ex
    .select()
    .from(surveys)
    .where(
      and(
        // A draft published after its window opened opens for its respondents when published:
        // the later of the two is recent. (Column comparisons, so each side is typed as a timestamp
        // on both drivers; a raw greatest() left postgres-js a Date it could not send.)
        or(gt(surveys.opensAt, since), gt(surveys.publishedAt, since)),
        lte(surveys.opensAt, now),
        gt(surveys.closesAt, now),
        isNull(surveys.openedNoticeAt),
        isNotNull(surveys.publishedAt),
        isNull(surveys.supersededAt),
        isNull(surveys.previousId),
        inArray(surveys.audience, [...audiences]),
      ),
    )
    .limit(50);
}

/** Claims the announcement of a survey: false when another process made it first. */
export async function markOpenedNotice(ex: Executor, surveyId: string, now: Date): Promise<boolean> {
  const rows = await ex
    .update(surveys)
    .set({ openedNoticeAt: now })
    .where(and(eq(surveys.id, surveyId), isNull(surveys.openedNoticeAt)))
    .returning({ id: surveys.id });
  return rows.length === 1;
}

export async function findReminderRecipients(
  ex: Executor,
  of: { prefectureId: string; ids: string[]; perUser: boolean },
) {
  if (of.ids.length === 0) return [];
  return ex
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
      municipalityId: organizations.municipalityId,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        of.perUser ? inArray(users.id, of.ids) : inArray(organizations.municipalityId, of.ids),
        eq(users.isActive, true),
        eq(users.prefectureId, of.prefectureId),
      ),
    );
}

/** Which of the users were reminded of the survey after `since` (the cool-down a preview reports). */
export async function findRecentlyReminded(
  ex: Executor,
  surveyId: string,
  userIds: string[],
  since: Date,
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await ex
    .select({ userId: surveyReminders.userId })
    .from(surveyReminders)
    .where(
      and(
        eq(surveyReminders.surveyId, surveyId),
        inArray(surveyReminders.userId, userIds),
        gt(surveyReminders.lastSentAt, since),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

/**
 * Claims the right to remind each user now: records `now` for every user not reminded of the
 * survey since `notSince`, and returns exactly those users. The upsert's condition is evaluated
 * against the committed row, so of two concurrent claims for the same user only one gets it.
 */
export async function claimReminders(
  ex: Executor,
  surveyId: string,
  userIds: string[],
  now: Date,
  notSince: Date,
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const claimed = await ex
    .insert(surveyReminders)
    .values(userIds.map((userId) => ({ surveyId, userId, lastSentAt: now })))
    .onConflictDoUpdate({
      target: [surveyReminders.surveyId, surveyReminders.userId],
      set: { lastSentAt: sql`excluded.last_sent_at` },
      setWhere: lte(surveyReminders.lastSentAt, notSince),
    })
    .returning({ userId: surveyReminders.userId });
  return new Set(claimed.map((r) => r.userId));
}

// ---- Read port for dashboards (surveys.ports.ts) ----------------------------------------------

/** The municipal needs surveys of every fiscal year (every version), with the year. */
export async function listNeedsSurveys(ex: Executor, prefectureId: string) {
  const rows = await ex
    .select({ survey: surveys, fiscalYear: fiscalYears.year })
    .from(surveys)
    .innerJoin(fiscalYears, eq(fiscalYears.id, surveys.fiscalYearId))
    .where(
      and(
        eq(surveys.prefectureId, prefectureId),
        eq(surveys.kind, 'needs'),
        eq(surveys.audience, 'municipalities'),
      ),
    )
    .orderBy(asc(fiscalYears.year), asc(surveys.createdAt));
  return rows.map((r) => ({ ...r, fiscalYear: Number(r.fiscalYear) }));
}

/**
 * The latest submitted needs response of each municipality per fiscal year (any version of the
 * year's survey): one row per municipality and year, however many versions were answered.
 */
export function findLatestNeedsPerMunicipalityYear(ex: Executor, prefectureId: string) {
  return ex
    .selectDistinctOn([surveyResponses.municipalityId, fiscalYears.year], {
      surveyId: surveyResponses.surveyId,
      municipalityId: surveyResponses.municipalityId,
      answers: surveyResponses.answers,
    })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .innerJoin(fiscalYears, eq(fiscalYears.id, surveys.fiscalYearId))
    .where(
      and(
        eq(surveyResponses.prefectureId, prefectureId),
        eq(surveys.kind, 'needs'),
        eq(surveys.audience, 'municipalities'),
        eq(surveyResponses.status, 'submitted'),
      ),
    )
    .orderBy(surveyResponses.municipalityId, fiscalYears.year, desc(surveyResponses.submittedAt));
}

/** The same surveys without their question sets: what a dashboard request reads every time. */
export async function listNeedsSurveyHeads(ex: Executor, prefectureId: string) {
  const rows = await ex
    .select({
      id: surveys.id,
      fiscalYear: fiscalYears.year,
      opensAt: surveys.opensAt,
      closesAt: surveys.closesAt,
      supersededAt: surveys.supersededAt,
      share: surveys.share,
    })
    .from(surveys)
    .innerJoin(fiscalYears, eq(fiscalYears.id, surveys.fiscalYearId))
    .where(
      and(
        eq(surveys.prefectureId, prefectureId),
        eq(surveys.kind, 'needs'),
        eq(surveys.audience, 'municipalities'),
        isNull(surveys.supersededAt),
      ),
    )
    .orderBy(asc(fiscalYears.year), asc(surveys.createdAt));
  return rows.map((r) => ({ ...r, fiscalYear: Number(r.fiscalYear) }));
}

// ── Project surveys (SurveyInstancesPort) ───────────────────────────────────

/** The question set of the prefecture's latest survey of a kind and audience (what a new one copies). */
export async function findLatestDefinition(
  ex: Executor,
  prefectureId: string,
  kind: SurveyRow['kind'],
  audience: SurveyRow['audience'],
) {
  const [row] = await ex
    .select({ definition: surveys.definition })
    .from(surveys)
    .where(
      and(eq(surveys.prefectureId, prefectureId), eq(surveys.kind, kind), eq(surveys.audience, audience)),
    )
    .orderBy(desc(surveys.createdAt))
    .limit(1);
  return row?.definition ?? null;
}

export async function findResponseById(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.id, id), eq(surveyResponses.prefectureId, prefectureId)));
  return row ?? null;
}
