import type { ServiceDeps } from '../../platform/deps';
import { createUploadStore } from '../../platform/uploads';
import type { MenuDeliveryReadPort } from '../menus/menus.ports';
import type { SurveyInstancesPort } from '../surveys/surveys.ports';
import { createProjectsAttachments } from './projects.attachments';
import { createProjectsDelivery } from './projects.delivery';
import { createProjectsEvaluation } from './projects.evaluation';
import type { ProjectsDeps } from './projects.records';
import { createProjectsReports } from './projects.reports';

export { createProjectsReadPort } from './projects.evaluation';

/** What this feature reads of others: menus (advisors, planned effort) and the survey engine (app.ts wires them). */
export interface ProjectsPorts {
  menus: MenuDeliveryReadPort;
  surveys: SurveyInstancesPort;
}

/**
 * The delivery of support projects, composed from one module per job: plan and activity ledger
 * with caps, attachments, the completion report with its reminders, and the evaluation through
 * the survey engine. Routes, jobs, event handlers and home tasks use only this object.
 */
export function createProjectsService(deps: ServiceDeps, ports: ProjectsPorts) {
  const modules: ProjectsDeps = {
    db: deps.db,
    config: deps.config,
    uploads: createUploadStore(deps.config.uploadsDir, 'projects'),
    menus: ports.menus,
    surveys: ports.surveys,
  };
  return {
    ...createProjectsDelivery(modules),
    ...createProjectsAttachments(modules),
    ...createProjectsReports(modules),
    ...createProjectsEvaluation(modules),
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
