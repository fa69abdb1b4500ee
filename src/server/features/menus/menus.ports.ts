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
