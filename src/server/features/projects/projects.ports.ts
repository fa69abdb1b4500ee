/** An approved completion report with its project: what the case library builds a case from. */
export interface ApprovedProjectReport {
  projectId: string;
  prefectureId: string;
  fiscalYearId: string;
  municipalityId: string;
  menuProposalId: string | null;
  organizationId: string | null;
  title: string;
  companyName: string;
  costThousandYen: number | null;
  summary: string;
  challenge: string;
  approach: string;
  tools: string;
  effect: string;
  approvedAt: Date;
}

import type { OutcomeTally } from '../../domain/evaluation-outcomes';

/** What other features read of the projects feature (by prefecture: jobs and handlers have no actor). */
export interface ProjectsReadPort {
  /** The approved completion report of a project in the prefecture, or null (none/not approved). */
  approvedReportOf(prefectureId: string, projectId: string): Promise<ApprovedProjectReport | null>;
  /**
   * The municipalities' evaluations of the projects of each menu and of each company, as tallies
   * that add up (a menu's earlier years, a company's menus). Every id asked for has an entry.
   */
  outcomeTallies(
    prefectureId: string,
    ids: { menuProposalIds: string[]; organizationIds: string[] },
  ): Promise<{ byMenu: Map<string, OutcomeTally>; byCompany: Map<string, OutcomeTally> }>;
  /** The evaluations of every (not cancelled) project of one fiscal year: the summary sheet's 【効果】. */
  outcomeTallyOfYear(prefectureId: string, fiscalYearId: string): Promise<OutcomeTally>;
}
