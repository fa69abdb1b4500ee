import { defineFeature } from '../feature-module';
import { applicationTasks } from './applications.home-tasks';
import { applicationJobs } from './applications.jobs';
import { createApplicationsRoutes } from './applications.routes';
import type { ApplicationsService } from './applications.service';

/** Calls, applications, allocation runs, publication, support projects and the planner. */
export const applicationsModule = defineFeature<ApplicationsService>({
  name: 'applications',
  homeTasks: () => [applicationTasks],
  routes: (service) => [createApplicationsRoutes(service)],
  jobs: (service) => applicationJobs(service),
});
