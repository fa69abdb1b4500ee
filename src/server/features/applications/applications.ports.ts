import type { ApplicationStatus, SupportProjectStatus } from '../../../shared/schemas/applications';
import type { Executor } from '../../db/client';
import { countSupportByMunicipalityYear, listCallYears } from './applications.repository';

/** A support project as reports and dashboards read it: who, which year, what it costs, how far. */
export interface SupportProjectFact {
  id: string;
  fiscalYearId: string;
  municipalityId: string;
  title: string;
  companyName: string;
  costThousandYen: number | null;
  status: SupportProjectStatus;
  source: 'allocation' | 'import';
  updatedAt: Date;
}

/** A municipality's application to a call, without its contact person. */
export interface ApplicationFact {
  id: string;
  fiscalYearId: string;
  municipalityId: string;
  status: ApplicationStatus;
  menuCount: number;
  submittedAt: Date | null;
}

/**
 * What other features read of the allocation of support, without a request (the caller has
 * checked its own permissions): support projects exist only once an allocation is published (or
 * history imported), so every one of them is public in count.
 */
export interface SupportReadPort {
  supportProjects(prefectureId: string, filter?: { municipalityId?: string }): Promise<SupportProjectFact[]>;
  applicationsOf(prefectureId: string, municipalityId: string): Promise<ApplicationFact[]>;
}

/** A support project's base fields, as other features read them. */
export interface SupportProjectFacts {
  id: string;
  prefectureId: string;
  fiscalYearId: string;
  municipalityId: string;
  menuProposalId: string | null;
  /** The company delivering it (null for imported history without one). */
  organizationId: string | null;
  title: string;
  companyName: string;
  costThousandYen: number | null;
  status: string;
}

/** One support project by id, scoped to the prefecture; null when absent or another tenant's. */
export interface SupportProjectReadPort {
  supportProjectOf(prefectureId: string, id: string): Promise<SupportProjectFacts | null>;
}

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
