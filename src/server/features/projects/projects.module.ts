import { onEvent } from '../../platform/jobs/runner';
import { defineFeature } from '../feature-module';
import { projectMunicipalityRespondents } from './projects.evaluation';
import { projectTasks } from './projects.home-tasks';
import { findPrefectureIds } from './projects.repository';
import { createProjectsRoutes } from './projects.routes';
import type { ProjectsService } from './projects.service';

/** How often the report reminders and the follow-up surveys are looked for. */
const dailyMs = 6 * 3_600_000;

/** Delivery of support projects: plan, activity ledger, attachments, completion report, evaluation. */
export const projectsModule = defineFeature<ProjectsService>({
  name: 'projects',
  // A project's post-support and follow-up surveys are answered by its municipality.
  surveyEligibility: { project_municipalities: projectMunicipalityRespondents },
  homeTasks: (service) => [projectTasks(service)],
  routes: (service) => [createProjectsRoutes(service)],
  eventHandlers: (service) => [
    onEvent('projects.report_approved', 'projects.open-evaluation', (event, { now }) =>
      service.openEvaluation(event, now),
    ),
    onEvent('surveys.response_submitted', 'projects.record-evaluation', (event, { now }) =>
      service.recordEvaluation(event, now),
    ),
  ],
  jobs: (service) => [
    {
      kind: 'projects.report_reminders',
      everyMs: dailyMs,
      run: async ({ db, now }) => void (await service.sendReportReminders(await findPrefectureIds(db), now)),
    },
    {
      kind: 'projects.follow_ups',
      everyMs: dailyMs,
      run: async ({ now }) => void (await service.sendFollowUps(now)),
    },
  ],
});
