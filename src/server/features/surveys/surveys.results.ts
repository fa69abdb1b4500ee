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
import { respondentKeyOf } from './eligibility';
import { loadForResults } from './surveys.common';
import { surveysPolicy as policy } from './surveys.policy';
import {
  findCurrentSurveyOfYear,
  findFiscalYear,
  findFiscalYearByYear,
  findMunicipality,
  findResponse,
  findResponses,
  findSubmittedAnswers,
  findSubmittedNeeds,
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
export function createSurveyResults(deps: SurveysDeps) {
  const { db } = deps;

  /** Who is asked and has not submitted, with every response of the survey. */
  async function respondentsOf(survey: SurveyRow) {
    const responses = await findResponses(db, survey.id);
    const eligible = await deps.eligibility.respondentsOf(db, survey);
    const byKey = new Map(responses.map((r) => [r.respondentKey, r]));
    const nonResponders = eligible
      .filter((e) => byKey.get(e.respondentKey)?.status !== 'submitted')
      .map((e) => ({
        municipalityId: e.municipalityId ?? e.organizationId ?? e.userId ?? '',
        name: e.name,
        status:
          byKey.get(e.respondentKey)?.status === 'draft' ? ('draft' as const) : ('not_started' as const),
      }));
    return { responses, eligible, nonResponders };
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
    const prevAnswers = await findSubmittedAnswers(db, prev.id);
    const prevResults = new Map(questionResults(prev.definition, prevAnswers).map((q) => [q.key, q]));
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

  return {
    nonRespondersOf: async (survey: SurveyRow) => (await respondentsOf(survey)).nonResponders,

    async results(ctx: RequestContext, id: string): Promise<SurveyResults> {
      const { survey } = await loadForResults(db, ctx, id);
      const { responses, eligible, nonResponders } = await respondentsOf(survey);
      const submitted = responses.filter((r) => r.status === 'submitted');
      const names = new Map(
        eligible.map((e) => [e.municipalityId ?? e.organizationId ?? e.userId ?? '', e.name]),
      );
      // Eligible municipalities come in 団体コード order, the order every list of municipalities uses.
      const position = new Map(eligible.map((e, index) => [e.municipalityId ?? '', index]));
      const positionOf = (id: string) => position.get(id) ?? Number.MAX_SAFE_INTEGER;
      const heatmap = submitted
        .filter((r) => r.municipalityId)
        .map((r) => {
          const p = profileOf(survey, r, survey.fiscalYearId);
          return {
            municipalityId: p.municipalityId,
            municipalityName: names.get(p.municipalityId) ?? '',
            overallLevel: p.overallLevel,
            levels: p.maturityByArea as Record<string, number>,
            helpWanted: p.helpWantedAreas,
          };
        })
        .sort((a, b) => positionOf(a.municipalityId) - positionOf(b.municipalityId));
      const questions = questionResults(
        survey.definition,
        submitted.map((r) => r.answers),
      );
      return {
        surveyId: id,
        submittedCount: submitted.length,
        eligibleCount: eligible.length,
        nonResponders,
        questions,
        heatmap,
        yearOverYear: await yearOverYear(survey, questions),
      };
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
      const rows = latestPerMunicipality(await findSubmittedNeeds(db, prefectureId, fiscalYearId));
      return rows.map(({ survey, response }) => profileOf(survey, response, fiscalYearId));
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
      const rows = latestPerMunicipality(await findSubmittedNeeds(db, prefectureId, fiscalYearId));
      return {
        surveyId: survey.id,
        eligibleMunicipalityIds: eligible.flatMap((e) => (e.municipalityId ? [e.municipalityId] : [])),
        profiles: rows.map(({ survey: s, response }) => profileOf(s, response, fiscalYearId)),
      };
    },

    /** Rows for results/exports (used by the export and share functions). */
    submittedResponses(surveyId: string) {
      return findSubmittedWithMunicipality(db, surveyId);
    },
  };
}
