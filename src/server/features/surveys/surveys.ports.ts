import type { Answers, Section, SurveyKind } from '../../../shared/schemas/surveys';
import type { Executor } from '../../db/client';

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
