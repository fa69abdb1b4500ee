import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';

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
