/**
 * What the case library reads of project delivery: the APPROVED completion report of a support
 * project, to pre-fill a draft. The projects feature implements it (projects.ports.ts); this is
 * its structural type, so this feature depends on no other feature's files. app.ts injects it.
 */
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

export interface ProjectReportSource {
  /** The project's approved completion report; null when there is none (or no such project). */
  approvedReportOf(prefectureId: string, projectId: string): Promise<ApprovedProjectReport | null>;
}
