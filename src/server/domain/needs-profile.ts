import type { ChallengeArea } from '../../shared/challenge-areas';

/**
 * What the needs survey says about one municipality in one fiscal year, in the terms other
 * features use: the support-menu recommendations rank menus against it, dashboards map it.
 * Produced by the surveys feature from the submitted needs-survey response; pure data.
 */
export interface MunicipalityNeedsProfile {
  municipalityId: string;
  fiscalYearId: string;
  /** Areas where the municipality answered that it wants help, in the order it gave them. */
  helpWantedAreas: ChallengeArea[];
  /** Maturity per area, 1 (not started) to 5 (advanced); an area missing here was not asked. */
  maturityByArea: Partial<Record<ChallengeArea, number>>;
  /** Overall maturity level 1–5, or null when the response does not allow a score. */
  overallLevel: number | null;
  /** Free-text answers ("voices"), as written. */
  voices: string[];
}
