import type { ChallengeArea } from '../../../shared/challenge-areas';

/** A selected menu of a year's catalog, as the allocation of support reads it. */
export interface CatalogMenuForAllocation {
  id: string;
  title: string;
  organizationId: string;
  companyName: string;
  capacity: number;
  unitCostThousandYen: number;
  /** Mean of the reviewers' weighted rubric totals (0–5); 0 when the menu has no complete review. */
  reviewMean: number;
  advisorUserIds: string[];
}

/**
 * What other features read of the menu catalog. Without a request: the allocation job reads it
 * for the prefecture that owns the call, so it takes the prefecture id, not an actor.
 */
export interface CatalogReadPort {
  selectedMenus(prefectureId: string, fiscalYearId: string): Promise<CatalogMenuForAllocation[]>;
}

/** A menu as another feature names it (a case study links the menu it was built on). */
export interface MenuTitle {
  id: string;
  fiscalYearId: string;
  title: string;
  challengeAreas: ChallengeArea[];
  status: string;
}

/** Menu titles by id, scoped to the prefecture; unknown ids are left out. */
export interface MenuTitlesReadPort {
  menuTitles(prefectureId: string, ids: string[]): Promise<MenuTitle[]>;
}

/** An advisor profile of a company, as a support project picks its advisors from. */
export interface CompanyAdvisor {
  profileId: string;
  userId: string;
  name: string;
  skills: string[];
}

/** What a project's delivery reads of its menu: the planned effort (its caps) and the capacity. */
export interface MenuDeliveryTerms {
  id: string;
  organizationId: string;
  companyName: string;
  title: string;
  /** 0 when the proposal gave none (no cap). */
  plannedHours: number;
  onsiteDays: number;
  capacity: number;
}

/** What the projects feature reads of menus (by prefecture: event handlers and jobs have no actor). */
export interface MenuDeliveryReadPort {
  advisorsOf(prefectureId: string, organizationId: string): Promise<CompanyAdvisor[]>;
  termsOf(prefectureId: string, menuProposalIds: string[]): Promise<MenuDeliveryTerms[]>;
  /** Selected menus of a year (every company's, or one's): the capacity side of the load view. */
  selectedTermsOfYear(prefectureId: string, fiscalYearId: string): Promise<MenuDeliveryTerms[]>;
}
