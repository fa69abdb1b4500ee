import type { PriorityFactor } from '../../../shared/allocation-reasons';

/** How much each attribute adds to a municipality's weight in the coverage objective. */
export interface PriorityWeights {
  notRecentlySupported: number;
  evacuationArea: number;
  smallMunicipality: number;
}

/** Not supported in the past two years weighs most: the goal is every municipality supported within three years. */
export const defaultPriorityWeights: PriorityWeights = {
  notRecentlySupported: 3,
  evacuationArea: 1,
  smallMunicipality: 1,
};

export interface MunicipalityFacts {
  id: string;
  supportedInLastTwoYears: boolean;
  evacuationArea: boolean;
  small: boolean;
}

/** weight = 1 + Σ the weights of the factors that apply; factors listed in a fixed order for display. */
export function priorityOf(
  m: MunicipalityFacts,
  w: PriorityWeights,
): { weight: number; factors: PriorityFactor[] } {
  const factors: PriorityFactor[] = [];
  let weight = 1;
  if (!m.supportedInLastTwoYears) {
    factors.push('not_recently_supported');
    weight += w.notRecentlySupported;
  }
  if (m.evacuationArea) {
    factors.push('evacuation_area');
    weight += w.evacuationArea;
  }
  if (m.small) {
    factors.push('small_municipality');
    weight += w.smallMunicipality;
  }
  return { weight, factors };
}
