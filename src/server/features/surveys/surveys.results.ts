import { challengeAreas } from '../../../shared/challenge-areas';
import type { SurveysDeps } from './surveys.service';
import type { Crosstab, Maturity, SurveyResults } from '../../../shared/schemas/surveys';
import { crosstab, isCrosstabQuestion } from '../../domain/crosstab';
import { scoreMaturity } from '../../domain/maturity';
import { computeNeedsProfile, type MunicipalityNeedsProfile } from '../../domain/needs-profile';
import { questionResults } from '../../domain/question-results';
import { type RequestContext, requireActor } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { allQuestions } from './answers';
import { type EligibleRespondent, respondentKeyOf } from './eligibility';
import { snapshotCacheFor } from '../../platform/snapshots';
import { loadForResults } from './surveys.common';
import { surveysPolicy as policy } from './surveys.policy';
import {
  findCurrentSurveyOfYear,
  findFiscalYear,
  findFiscalYearByYear,
  findMunicipality,
  findResponse,
  findResponses,
  findSubmittedNeeds,
  findSubmittedResponses,
  findResponseStatesWithPlace,
  responsesFingerprint,
  submittedNeedsFingerprint,
  findSubmittedWithMunicipality,
  findSubmittedWithPlace,
  findSurvey,
  type ResponseRow,
  type SurveyRow,
} from './surveys.repository';

function profileOf(survey: SurveyRow, response: ResponseRow, fiscalYearId: string): MunicipalityNeedsProfile {
  return computeNeedsProfile(survey.definition, response.answers, {
    municipalityId: response.municipalityId!,
    fiscalYearId,
  });
}

/** Latest submitted response per municipality (rows come oldest first). */
function latestPerMunicipality<T extends { response: ResponseRow }>(rows: T[]): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) if (row.response.municipalityId) latest.set(row.response.municipalityId, row);
  return [...latest.values()];
}

/**
 * Results of a survey: counts per question, response rate and non-responders, the maturity
 * heatmap, year over year, crosstabs, one town's maturity, and the needs profiles menus rank by.
 */
/** Who is asked and has not submitted (a draft, or nothing yet), in the order of `eligible`. */
function nonRespondersAmong(
  eligible: readonly EligibleRespondent[],
  responses: readonly { respondentKey: string; status: string }[],
) {
  const byKey = new Map(responses.map((r) => [r.respondentKey, r]));
  return eligible
    .filter((e) => byKey.get(e.respondentKey)?.status !== 'submitted')
    .map((e) => ({
      municipalityId: e.municipalityId ?? e.organizationId ?? e.userId ?? '',
      name: e.name,
      status: byKey.get(e.respondentKey)?.status === 'draft' ? ('draft' as const) : ('not_started' as const),
    }));
}

/** How many years' needs profiles a process keeps (a prefecture has one needs survey a year). */
const NEEDS_PROFILE_CACHE_LIMIT = 64;
/** How many surveys' answer summaries a process keeps (results pages, year-over-year comparisons). */
const ANSWER_SUMMARY_CACHE_LIMIT = 256;

export function createSurveyResults(deps: SurveysDeps) {
  const { db } = deps;
  /**
   * The submitted needs profiles of a year, kept per process with the fingerprint of the answers
   * they were computed from (ADR 014): the fingerprint is read from the database on every call, so
   * an answer submitted through another process is seen at once; only the decoding and scoring
   * of every answer (the costly part: the municipality's home page and profile read four years of
   * them) is skipped while nothing changed.
   */
  const needsProfileCache = new Map<string, { fingerprint: string; profiles: MunicipalityNeedsProfile[] }>();

  /**
   * A survey's questions are frozen once it has an answer (a new question set is a new survey
   * row), so the answers' fingerprint alone says whether the profiles are still right.
   */
  async function submittedNeedsProfiles(
    prefectureId: string,
    fiscalYearId: string,
  ): Promise<MunicipalityNeedsProfile[]> {
    const key = `${prefectureId}:${fiscalYearId}`;
    const fingerprint = await submittedNeedsFingerprint(db, prefectureId, fiscalYearId);
    const cached = needsProfileCache.get(key);
    // A copy: a caller that sorts its list must not reorder the cached one.
    if (cached?.fingerprint === fingerprint) return [...cached.profiles];
    const rows = latestPerMunicipality(await findSubmittedNeeds(db, prefectureId, fiscalYearId));
    const profiles = rows.map(({ survey, response }) => profileOf(survey, response, fiscalYearId));
    needsProfileCache.delete(key);
    if (needsProfileCache.size >= NEEDS_PROFILE_CACHE_LIMIT) {
      needsProfileCache.delete(needsProfileCache.keys().next().value!);
    }
    needsProfileCache.set(key, { fingerprint, profiles });
    return [...profiles];
  }

  /**
   * What a survey's submitted answers add up to — each question's counts and each municipality's
   * profile — kept per survey and process with the fingerprint of its responses and the version of
   * its questions (ADR 014). Decoding and counting every answer was most of a results request;
   * the fingerprint is one indexed query, read every time, so a change made anywhere shows at once.
   */
  const answerSummaryCache = new Map<
    string,
    { fingerprint: string; questions: SurveyResults['questions']; profiles: MunicipalityNeedsProfile[] }
  >();
  async function answerSummaryOf(survey: SurveyRow) {
    const fingerprint = `${survey.version}:${await responsesFingerprint(db, survey.id)}`;
    const cached = answerSummaryCache.get(survey.id);
    if (cached?.fingerprint === fingerprint) return cached;
    const submitted = await findSubmittedResponses(db, survey.id);
    const fresh = {
      fingerprint,
      questions: questionResults(
        survey.definition,
        submitted.map((r) => r.answers),
      ),
      profiles: submitted
        .filter((r) => r.municipalityId)
        .map((r) => profileOf(survey, r, survey.fiscalYearId)),
    };
    answerSummaryCache.delete(survey.id);
    if (answerSummaryCache.size >= ANSWER_SUMMARY_CACHE_LIMIT) {
      answerSummaryCache.delete(answerSummaryCache.keys().next().value!);
    }
    answerSummaryCache.set(survey.id, fresh);
    return fresh;
  }

  /** Who is asked and has not submitted, with every response of the survey. */
  async function respondentsOf(survey: SurveyRow) {
    const responses = await findResponses(db, survey.id);
    const eligible = await deps.eligibility.respondentsOf(db, survey);
    return { responses, eligible, nonResponders: nonRespondersAmong(eligible, responses) };
  }

  /** The same kind and audience in the previous fiscal year, compared question by question (same keys). */
  async function yearOverYear(
    survey: SurveyRow,
    questions: SurveyResults['questions'],
  ): Promise<SurveyResults['yearOverYear']> {
    const fy = await findFiscalYear(db, survey.prefectureId, survey.fiscalYearId);
    const prevFy = await findFiscalYearByYear(db, survey.prefectureId, (fy?.year ?? 0) - 1);
    if (!prevFy) return [];
    const prev = await findCurrentSurveyOfYear(db, prevFy.id, survey.kind, survey.audience);
    if (!prev) return [];
    const prevResults = new Map((await answerSummaryOf(prev)).questions.map((q) => [q.key, q]));
    return questions
      .filter((q) => q.counts.length > 0 && prevResults.has(q.key))
      .map((q) => ({
        key: q.key,
        label: q.label,
        previousSurveyId: prev.id,
        previous: prevResults.get(q.key)!.counts,
        current: q.counts,
      }));
  }

  /** A survey's results as the results page shows them (kept by `results`, below). */
  async function resultsOf(survey: SurveyRow): Promise<SurveyResults> {
    const id = survey.id;
    const states = await findResponseStatesWithPlace(db, survey.id);
    const eligible = await deps.eligibility.respondentsOf(db, survey);
    const nonResponders = nonRespondersAmong(eligible, states);
    const { questions, profiles } = await answerSummaryOf(survey);
    const names = new Map(
      eligible.map((e) => [e.municipalityId ?? e.organizationId ?? e.userId ?? '', e.name]),
    );
    // Eligible municipalities come in 団体コード order, the order every list of municipalities uses.
    const position = new Map(eligible.map((e, index) => [e.municipalityId ?? '', index]));
    const positionOf = (id: string) => position.get(id) ?? Number.MAX_SAFE_INTEGER;
    const heatmap = profiles
      .map((p) => {
        return {
          municipalityId: p.municipalityId,
          municipalityName: names.get(p.municipalityId) ?? '',
          overallLevel: p.overallLevel,
          levels: p.maturityByArea as Record<string, number>,
          helpWanted: p.helpWantedAreas,
        };
      })
      .sort((a, b) => positionOf(a.municipalityId) - positionOf(b.municipalityId));
    return {
      surveyId: id,
      submittedCount: states.filter((r) => r.status === 'submitted').length,
      eligibleCount: eligible.length,
      nonResponders,
      questions,
      heatmap,
      yearOverYear: await yearOverYear(survey, questions),
    };
  }
  const resultSnapshots = snapshotCacheFor<SurveyResults>(deps);

  return {
    nonRespondersOf: async (survey: SurveyRow) => (await respondentsOf(survey)).nonResponders,

    async results(ctx: RequestContext, id: string): Promise<SurveyResults> {
      const actor = requireActor(ctx);
      // Whoever may read results reads the same results: kept per survey until the next write,
      // the survey looked up (404 when not the prefecture's) only when they are computed.
      assertAllowed(policy.canReadResults(actor, actor.prefectureId));
      return resultSnapshots.get(`${actor.prefectureId}|${id}`, ctx.now, async () => {
        const { survey } = await loadForResults(db, ctx, id);
        return resultsOf(survey);
      });
    },

    async crosstab(
      ctx: RequestContext,
      id: string,
      query: { questionKey: string; by: Crosstab['dimension'] },
    ): Promise<Crosstab> {
      const { survey } = await loadForResults(db, ctx, id);
      const q = allQuestions(survey.definition).find((x) => x.key === query.questionKey);
      if (!q || !isCrosstabQuestion(q)) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['questionKey'],
              code: 'custom',
              ja: 'クロス集計できる選択式の設問を指定してください。',
              en: 'Choose a choice question to cross-tabulate.',
            },
          ],
        });
      }
      return crosstab(q, await findSubmittedWithPlace(db, id), query.by);
    },

    /**
     * A town's maturity level (overall and per marked challenge area) from its submitted response
     * to this survey. Admins and reviewers may ask for any town of the prefecture; municipal users
     * only for their own (another town → 404, so ids reveal nothing); everyone else → 403.
     */
    async maturity(ctx: RequestContext, id: string, municipalityId: string): Promise<Maturity> {
      const actor = requireActor(ctx);
      const survey = await findSurvey(db, actor.prefectureId, id);
      if (survey?.audience !== 'municipalities') throw new AppError('NOT_FOUND');
      if (policy.canAnswerForMunicipality(actor) && actor.municipalityId !== municipalityId) {
        throw new AppError('NOT_FOUND');
      }
      assertAllowed(policy.canReadMaturity(actor, survey.prefectureId, municipalityId));
      const m = await findMunicipality(db, actor.prefectureId, municipalityId);
      if (!m) throw new AppError('NOT_FOUND');
      const response = await findResponse(db, id, respondentKeyOf.municipality(m.id));
      const submitted = response?.status === 'submitted' ? response : null;
      const result = scoreMaturity(survey.definition, submitted ? submitted.answers : {});
      const profile = submitted ? profileOf(survey, submitted, survey.fiscalYearId) : null;
      return {
        surveyId: id,
        municipalityId: m.id,
        municipalityName: m.name,
        submittedAt: submitted?.submittedAt ? submitted.submittedAt.toISOString() : null,
        overallLevel: submitted ? result.overall : null,
        areas: challengeAreas
          .filter((area) => result.markedAreas.includes(area))
          .map((area) => ({
            area,
            level: submitted ? (result.byArea[area] ?? null) : null,
            answerCount: result.items.filter((i) => i.area === area).length,
          })),
        helpWantedAreas: profile?.helpWantedAreas ?? [],
      };
    },

    /**
     * Needs profiles of every municipality that submitted a needs survey in the fiscal year:
     * what the support-menu recommendations rank against. Accepts a request context (checked:
     * signed in, same prefecture) or a prefecture id for server-side callers.
     */
    async needsProfiles(
      ctxOrPrefectureId: RequestContext | string,
      fiscalYearId: string,
    ): Promise<MunicipalityNeedsProfile[]> {
      const prefectureId =
        typeof ctxOrPrefectureId === 'string'
          ? ctxOrPrefectureId
          : requireActor(ctxOrPrefectureId).prefectureId;
      return submittedNeedsProfiles(prefectureId, fiscalYearId);
    },

    /** One municipality's profile (null before it has submitted): what recommendations need per call. */
    async needsProfileOf(
      prefectureId: string,
      municipalityId: string,
      fiscalYearId: string,
    ): Promise<MunicipalityNeedsProfile | null> {
      const [row] = latestPerMunicipality(
        await findSubmittedNeeds(db, prefectureId, fiscalYearId, municipalityId),
      );
      return row ? profileOf(row.survey, row.response, fiscalYearId) : null;
    },

    /**
     * The year's needs survey: who it asked and every submitted profile (the read port reports
     * and dashboards get); null when the year had none.
     */
    async needsSurveyOutcome(prefectureId: string, fiscalYearId: string) {
      const fy = await findFiscalYear(db, prefectureId, fiscalYearId);
      if (!fy) return null;
      const survey = await findCurrentSurveyOfYear(db, fy.id, 'needs', 'municipalities');
      if (!survey) return null;
      const eligible = await deps.eligibility.respondentsOf(db, survey);
      return {
        surveyId: survey.id,
        eligibleMunicipalityIds: eligible.flatMap((e) => (e.municipalityId ? [e.municipalityId] : [])),
        profiles: await submittedNeedsProfiles(prefectureId, fiscalYearId),
      };
    },

    /** Rows for results/exports (used by the export and share functions). */
    submittedResponses(surveyId: string) {
      return findSubmittedWithMunicipality(db, surveyId);
    },
  };
}
