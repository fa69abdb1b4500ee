import type { ServiceDeps } from '../../platform/deps';
import type { CatalogReadPort } from '../menus/menus.ports';
import { createApplicationsCalls } from './applications.calls';
import { createApplicationsHistory } from './applications.history';
import { createApplicationsPlanner } from './applications.planner';
import { createApplicationsPublication } from './applications.publication';
import { createApplicationsRecords } from './applications.records';
import type { SupportProjectFacts } from './applications.ports';
import { findSupportProject } from './applications.repository';
import { createApplicationsRuns } from './applications.runs';
import {
  type ChallengePrefillSource,
  createApplicationsSubmissions,
  noChallengePrefill,
} from './applications.submissions';

export { type ChallengePrefillSource, noChallengePrefill } from './applications.submissions';

/** What this feature reads of others: the menu catalog and the towns' survey answers (app.ts wires them). */
export interface ApplicationsPorts {
  catalog: CatalogReadPort;
  prefill?: ChallengePrefillSource;
}

/**
 * Calls, applications and the allocation of support, composed from one module per job: the call,
 * submissions, allocation runs (solved by the job runner), publication, the history import, and
 * support projects with the planner. Routes, jobs and home tasks use only this object.
 */
export function createApplicationsService(deps: ServiceDeps, ports: ApplicationsPorts) {
  const { db, config } = deps;
  const records = createApplicationsRecords(db, ports.catalog);
  const calls = createApplicationsCalls({ db, records });
  const submissions = createApplicationsSubmissions({
    db,
    records,
    prefillSource: ports.prefill ?? noChallengePrefill,
  });
  const runs = createApplicationsRuns({ db, records, catalog: ports.catalog });
  const publication = createApplicationsPublication({ db, config, records });
  const history = createApplicationsHistory({ db });
  const planner = createApplicationsPlanner({ db, records });
  /** One support project's base fields for other features (applications.ports.ts). */
  async function supportProjectOf(prefectureId: string, id: string): Promise<SupportProjectFacts | null> {
    const row = await findSupportProject(db, prefectureId, id);
    if (!row) return null;
    return {
      id: row.id,
      prefectureId: row.prefectureId,
      fiscalYearId: row.fiscalYearId,
      municipalityId: row.municipalityId,
      menuProposalId: row.menuProposalId,
      organizationId: row.organizationId,
      title: row.title,
      companyName: row.companyName,
      costThousandYen: row.costThousandYen,
      status: row.status,
    };
  }
  return { ...calls, ...submissions, ...runs, ...publication, ...history, ...planner, supportProjectOf };
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
