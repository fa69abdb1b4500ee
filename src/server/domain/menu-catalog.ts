import type { ChallengeArea } from '../../shared/challenge-areas';

/**
 * The catalog filters (area, format, region, cost, free text) over the year's selected menus,
 * sorted by title in Japanese order. Pure: the caller loads the menus.
 */
export interface CatalogEntry {
  title: string;
  description: string;
  organizationName: string;
  challengeAreas: readonly ChallengeArea[];
  format: string;
  unitCostThousandYen: number;
  /** Empty = the whole prefecture. */
  regions: readonly { id: string }[];
}

export interface CatalogFilter {
  area?: ChallengeArea | undefined;
  format?: string | undefined;
  regionId?: string | undefined;
  maxCost?: number | undefined;
  q?: string | undefined;
}

export function matchesCatalogFilter(menu: CatalogEntry, filter: CatalogFilter): boolean {
  const needle = filter.q?.toLowerCase();
  return (
    (!filter.area || menu.challengeAreas.includes(filter.area)) &&
    (!filter.format || menu.format === filter.format) &&
    // A menu with no regions listed serves the whole prefecture.
    (!filter.regionId || menu.regions.length === 0 || menu.regions.some((r) => r.id === filter.regionId)) &&
    (filter.maxCost === undefined || menu.unitCostThousandYen <= filter.maxCost) &&
    (!needle || `${menu.title}\n${menu.description}\n${menu.organizationName}`.toLowerCase().includes(needle))
  );
}

export function filterCatalog<M extends CatalogEntry>(menus: readonly M[], filter: CatalogFilter): M[] {
  return menus
    .filter((m) => matchesCatalogFilter(m, filter))
    .sort((a, b) => a.title.localeCompare(b.title, 'ja'));
}
