import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import type { ChallengeArea } from '../../../shared/challenge-areas';
import type { Executor } from '../../db/client';
import { computeNeedsProfile } from '../../domain/needs-profile';
import {
  findLatestNeedsPerMunicipalityYear,
  listNeedsSurveyHeads,
  listNeedsSurveys,
} from './surveys.repository';
import type { Answers, Section, SurveyKind } from '../../../shared/schemas/surveys';

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

/** A survey another feature opens for something of its own (a project's evaluation questionnaire). */
export interface SurveyInstanceInput {
  prefectureId: string;
  fiscalYearId: string;
  kind: SurveyKind;
  title: string;
  titleEn: string;
  opensAt: Date;
  closesAt: Date;
  /** The questions when the prefecture has no earlier survey of this kind and audience to copy. */
  defaultDefinition: Section[];
  createdBy: string | null;
}

/**
 * What other features may ask of the survey engine. A project survey (audience
 * `project_municipalities`) copies the questions of the prefecture's latest survey of the same kind
 * and audience, so questions the prefecture edited in the builder carry over; the answering
 * feature decides who answers through its eligibility provider.
 */
export interface SurveyInstancesPort {
  /** Creates the survey in the caller's transaction; answers its id. */
  openProjectSurvey(ex: Executor, input: SurveyInstanceInput): Promise<string>;
  /** A submitted response of the survey (by its id), or null. */
  submittedResponse(
    ex: Executor,
    prefectureId: string,
    responseId: string,
  ): Promise<{ surveyId: string; municipalityId: string | null; answers: Answers; submittedAt: Date } | null>;
}
