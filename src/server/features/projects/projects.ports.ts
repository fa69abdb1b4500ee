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

/** What other features read of the projects feature (by prefecture: jobs and handlers have no actor). */
export interface ProjectsReadPort {
  /** The approved completion report of a project in the prefecture, or null (none/not approved). */
  approvedReportOf(prefectureId: string, projectId: string): Promise<ApprovedProjectReport | null>;
  /** The municipalities' evaluations of each menu's projects: count, share that said it helped, mean satisfaction (1–5). */
  outcomesByMenu(
    prefectureId: string,
    menuProposalIds: string[],
  ): Promise<Map<string, { evaluations: number; helpedRate: number | null; avgSatisfaction: number | null }>>;
}
