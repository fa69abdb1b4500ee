import type { ServiceDeps } from '../../platform/deps';
import type { SurveyEligibility } from './eligibility';
import { createSurveyAnswering } from './surveys.answering';
import { createSurveyDefinitions } from './surveys.definitions';
import { createSurveyResults } from './surveys.results';

export { HELP_WANTED_KEY } from '../../domain/needs-profile';
export type { ResponseRow, SurveyRow } from './surveys.repository';

/**
 * The surveys feature's service: the builder (definitions and versions), answering (drafts,
 * submit, prefill, proxy) and results (with maturity and the needs profiles menus rank by).
 * Each job lives in its own module; this composes them into the one object routes and other
 * features call. Crosstabs, voices, exports, reminders and sharing: surveys.exports.ts.
 */
/** What the surveys feature is built from: the common deps and who may answer which audience. */
export type SurveysDeps = ServiceDeps & { eligibility: SurveyEligibility };

export function createSurveysService(deps: SurveysDeps) {
  const { results, maturity, needsProfiles, needsProfileOf, needsSurveyOutcome, submittedResponses } =
    createSurveyResults(deps);
  return {
    ...createSurveyDefinitions(deps),
    ...createSurveyAnswering(deps),
    results,
    maturity,
    needsProfiles,
    needsProfileOf,
    needsSurveyOutcome,
    submittedResponses,
  };
}

export type SurveysService = ReturnType<typeof createSurveysService>;
