import { type ChallengeArea, challengeAreas } from '../../../shared/challenge-areas';
import type { ShareConfig, SharedView } from '../../../shared/schemas/surveys';
import { HELP_WANTED_KEY } from '../../domain/needs-profile';
import { type RequestContext, requireActor, signedIn } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed } from '../../platform/errors';
import { allQuestions } from './answers';
import { answerText } from './surveys.raw-answers';
import { loadManaged } from './surveys.common';
import { surveysPolicy as policy } from './surveys.policy';
import { changeSurvey, findSubmittedWithPlace, findSurvey, type SurveyRow } from './surveys.repository';

function shareConfigOf(survey: SurveyRow): ShareConfig {
  const share = survey.share ?? {};
  return {
    version: survey.version,
    isPublished: share.isPublished === true,
    includeMunicipalityNames: share.includeMunicipalityNames === true,
    rawAnswerKeys: Array.isArray(share.rawAnswerKeys) ? share.rawAnswerKeys : [],
  };
}

/** Sharing: what the prefecture publishes of a survey's results for council members and companies. */
export function createSurveySharing(deps: ServiceDeps) {
  const { db } = deps;
  return {
    /** The saved share config with the survey's current version, so the form edits what was saved. */
    async shareConfig(ctx: RequestContext, id: string): Promise<ShareConfig> {
      const { survey } = await loadManaged(db, ctx, id);
      return shareConfigOf(survey);
    },

    async share(ctx: RequestContext, id: string, config: ShareConfig): Promise<ShareConfig> {
      const { actor, survey } = await loadManaged(db, ctx, id);
      const keys = new Set(allQuestions(survey.definition).map((q) => q.key));
      const unknown = config.rawAnswerKeys.filter((k) => !keys.has(k));
      if (unknown.length > 0) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['rawAnswerKeys'],
              code: 'custom',
              ja: `この調査にない設問です：${unknown.join('、')}`,
              en: `Not questions of this survey: ${unknown.join(', ')}`,
            },
          ],
        });
      }
      return changeSurvey(db, signedIn(ctx), {
        id,
        version: config.version,
        values: {
          share: {
            isPublished: config.isPublished,
            includeMunicipalityNames: config.includeMunicipalityNames,
            rawAnswerKeys: config.rawAnswerKeys,
          },
        },
        audit: { action: 'survey.share', entityType: 'survey', before: survey.share },
        reload: async (ex) => {
          const row = await findSurvey(ex, actor.prefectureId, id);
          return row ? shareConfigOf(row) : null;
        },
      });
    },

    /** What council members and companies see; 404 unless published. Never raw answers unless opted in. */
    async shared(ctx: RequestContext, id: string): Promise<SharedView> {
      const actor = requireActor(ctx);
      const survey = await findSurvey(db, actor.prefectureId, id);
      const share = survey?.share;
      if (!survey || !share?.isPublished) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canReadShared(actor, survey.prefectureId));
      const rows = await findSubmittedWithPlace(db, id);
      const demand = challengeAreas.map((area: ChallengeArea) => {
        const wanting = rows.filter((r) => {
          const v = r.answers[HELP_WANTED_KEY];
          return Array.isArray(v) && v.includes(area);
        });
        const byRegion: Record<string, number> = {};
        for (const r of wanting) byRegion[r.regionName] = (byRegion[r.regionName] ?? 0) + 1;
        return {
          area,
          count: wanting.length,
          byRegion,
          municipalityNames: share.includeMunicipalityNames ? wanting.map((r) => r.name) : null,
        };
      });
      const questions = allQuestions(survey.definition);
      const rawAnswers = (share.rawAnswerKeys ?? []).flatMap((key) => {
        const q = questions.find((x) => x.key === key);
        if (!q) return [];
        const values = rows.map((r) => answerText(q, r.answers[key])).filter((v) => v !== '');
        return [{ questionKey: key, label: q.label, values }];
      });
      return {
        surveyId: id,
        title: { ja: survey.title, en: survey.titleEn },
        submittedCount: rows.length,
        demand,
        rawAnswers,
      };
    },
  };
}
