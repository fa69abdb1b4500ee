import { defineFeature } from '../feature-module';
import { companyRespondents, municipalityRespondents } from './eligibility';
import type { SurveysExports } from './surveys.exports';
import { openSurveyTasks } from './surveys.home-tasks';
import { surveyOpenedNoticesJob } from './surveys.reminders';
import { createSurveysRoutes } from './surveys.routes';
import type { SurveysService } from './surveys.service';

/** The survey engine: builder, answering, results, sharing, reminders and exports. */
export const surveysModule = defineFeature<{ surveys: SurveysService; exports: SurveysExports }>({
  name: 'surveys',
  surveyEligibility: { municipalities: municipalityRespondents, companies: companyRespondents },
  homeTasks: ({ surveys }) => [openSurveyTasks(surveys)],
  routes: ({ surveys, exports }) => [createSurveysRoutes(surveys, exports)],
  jobs: ({ exports }) => [
    {
      kind: surveyOpenedNoticesJob,
      // Every quarter hour: respondents hear of a survey within 15 minutes of its opening.
      everyMs: 15 * 60_000,
      run: async ({ now }) => {
        await exports.announceOpened(now);
      },
    },
  ],
});
