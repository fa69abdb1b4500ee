import type { ApplicationStatus, SupportProjectStatus } from '../../../shared/schemas/applications';

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
