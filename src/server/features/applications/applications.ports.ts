import type { Executor } from '../../db/client';
import { countSupportByMunicipalityYear, listCallYears } from './applications.repository';

/** Support projects of one municipality in one fiscal year (cancelled ones left out). */
export interface SupportCoverageRow {
  municipalityId: string;
  fiscalYear: number;
  projects: number;
}

/**
 * What other features (dashboards) read of calls and support projects. Server-side: the caller
 * has checked its own permissions and passes the actor's prefecture.
 */
export interface ApplicationsReadPort {
  supportCoverage(prefectureId: string): Promise<SupportCoverageRow[]>;
  /** The prefecture's calls, newest fiscal year first: where "invite to the call" leads. */
  calls(prefectureId: string): Promise<{ id: string; fiscalYear: number }[]>;
}

export function createApplicationsReadPort(db: Executor): ApplicationsReadPort {
  return {
    supportCoverage: (prefectureId) => countSupportByMunicipalityYear(db, prefectureId),
    calls: (prefectureId) => listCallYears(db, prefectureId),
  };
}
