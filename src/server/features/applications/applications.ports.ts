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
