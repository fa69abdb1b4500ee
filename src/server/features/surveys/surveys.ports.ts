import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import type { ChallengeArea } from '../../../shared/challenge-areas';
import type { Executor } from '../../db/client';
import { computeNeedsProfile } from '../../domain/needs-profile';
import {
  findLatestNeedsPerMunicipalityYear,
  listNeedsSurveyHeads,
  listNeedsSurveys,
} from './surveys.repository';

/** A fiscal year's needs survey as others read it: who was asked, and what the answers say. */
export interface NeedsSurveyOutcome {
  surveyId: string;
  /** Every municipality the survey asked (its eligibility). */
  eligibleMunicipalityIds: string[];
  /** One profile per municipality that submitted (the latest submission). */
  profiles: MunicipalityNeedsProfile[];
}

/**
 * What other features read of the needs surveys, without a request (the caller checked access):
 * null when the year had no needs survey addressed to municipalities.
 */
export interface NeedsSurveyReadPort {
  needsSurveyOutcome(prefectureId: string, fiscalYearId: string): Promise<NeedsSurveyOutcome | null>;
}

/** A municipality's needs-survey result of one fiscal year, as the dashboards map it. */
export interface NeedsResult {
  municipalityId: string;
  fiscalYear: number;
  overallLevel: number | null;
  maturityByArea: Partial<Record<ChallengeArea, number>>;
  helpWantedAreas: ChallengeArea[];
}

/** A fiscal year's current needs survey and what its sharing settings allow beyond the prefecture. */
export interface NeedsSurveyInfo {
  id: string;
  fiscalYear: number;
  opensAt: Date;
  closesAt: Date;
  isPublished: boolean;
  includeMunicipalityNames: boolean;
}

/**
 * What other features (dashboards) read of the municipal needs surveys: the same profiles the
 * survey results' heatmap and the menu recommendations are computed from (domain/needs-profile).
 * Server-side: the caller checked its own permissions and passes the actor's prefecture.
 */
export interface SurveysReadPort {
  /** The current (not superseded) needs survey of each fiscal year that has one. */
  needsSurveys(prefectureId: string): Promise<NeedsSurveyInfo[]>;
  /** Every municipality's latest submitted needs response per fiscal year, profiled. */
  needsResults(prefectureId: string): Promise<NeedsResult[]>;
}

export function createSurveysReadPort(db: Executor): SurveysReadPort {
  return {
    async needsSurveys(prefectureId) {
      const current = new Map<number, NeedsSurveyInfo>();
      for (const survey of await listNeedsSurveyHeads(db, prefectureId)) {
        current.set(survey.fiscalYear, {
          id: survey.id,
          fiscalYear: survey.fiscalYear,
          opensAt: survey.opensAt,
          closesAt: survey.closesAt,
          isPublished: survey.share?.isPublished === true,
          includeMunicipalityNames: survey.share?.includeMunicipalityNames === true,
        });
      }
      return [...current.values()];
    },

    async needsResults(prefectureId) {
      const [rows, responses] = await Promise.all([
        listNeedsSurveys(db, prefectureId),
        findLatestNeedsPerMunicipalityYear(db, prefectureId),
      ]);
      const byId = new Map(rows.map((r) => [r.survey.id, r]));
      return responses.flatMap((r) => {
        const of = byId.get(r.surveyId);
        if (!r.municipalityId || !of) return [];
        const profile = computeNeedsProfile(of.survey.definition, r.answers, {
          municipalityId: r.municipalityId,
          fiscalYearId: of.survey.fiscalYearId,
        });
        return [
          {
            municipalityId: r.municipalityId,
            fiscalYear: of.fiscalYear,
            overallLevel: profile.overallLevel,
            maturityByArea: profile.maturityByArea,
            helpWantedAreas: profile.helpWantedAreas,
          },
        ];
      });
    },
  };
}
