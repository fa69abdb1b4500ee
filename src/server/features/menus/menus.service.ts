import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import type { ServiceDeps } from '../../platform/deps';
import { snapshotCacheFor } from '../../platform/snapshots';
import { createMenusAdvisors } from './menus.advisors';
import {
  createMenusCatalog,
  type MenuOutcomeSource,
  type NeedsProfileSource,
  noNeedsProfiles,
  noOutcomes,
} from './menus.catalog';
import { createMenusDecisions } from './menus.decisions';
import { createMenusExports } from './menus.exports';
import { createMenusProposals } from './menus.proposals';
import { createMenusRecords } from './menus.records';
import { createMenusReviews } from './menus.reviews';
import type { MenuDeliveryReadPort, MenuTitle } from './menus.ports';
import * as repo from './menus.repository';
import { createMenusRubric } from './menus.rubric';

export { type NeedsProfileSource, noNeedsProfiles } from './menus.catalog';

/** Adapts the surveys service (profiles of every municipality that answered the year's needs survey). */
export function needsProfilesFrom(surveys: {
  needsProfileOf(
    prefectureId: string,
    municipalityId: string,
    fiscalYearId: string,
  ): Promise<MunicipalityNeedsProfile | null>;
}): NeedsProfileSource {
  return {
    profileOf: (prefectureId, municipalityId, fiscalYearId) =>
      surveys.needsProfileOf(prefectureId, municipalityId, fiscalYearId),
  };
}

/**
 * Support menus, composed from one module per job: the rubric and reviewer assignments,
 * proposals, reviews and scores, ranking and decisions, the catalog and recommendations, advisor
 * profiles, and the xlsx exports. Routes and other features use only this object.
 */
export function createMenusService(
  deps: ServiceDeps,
  needsProfiles: NeedsProfileSource = noNeedsProfiles,
  outcomes: MenuOutcomeSource = noOutcomes,
) {
  const { db, config } = deps;
  const records = createMenusRecords(db);
  const rubric = createMenusRubric({ db, records, publicUrl: deps.config.publicUrl });
  const proposals = createMenusProposals({ db, records });
  const reviews = createMenusReviews({ db, records });
  const decisions = createMenusDecisions({ db, config, records });
  const catalog = createMenusCatalog({
    db,
    records,
    needsProfiles,
    outcomes,
    recommendationSnapshots: snapshotCacheFor(deps),
  });
  const advisors = createMenusAdvisors({ db, records });
  const exports = createMenusExports({ db, records, ranking: decisions.ranking, catalog: catalog.catalog });
  /** Titles by id for other features (menus.ports.ts MenuTitlesReadPort). */
  async function menuTitles(prefectureId: string, ids: string[]): Promise<MenuTitle[]> {
    const rows = await repo.findProposals(db, prefectureId, { ids });
    return rows.map((r) => ({
      id: r.id,
      fiscalYearId: r.fiscalYearId,
      title: r.title,
      challengeAreas: r.challengeAreas,
      status: r.status,
    }));
  }
  return {
    ...rubric,
    ...proposals,
    ...reviews,
    ...decisions,
    ...catalog,
    ...advisors,
    ...exports,
    menuTitles,
    delivery: createMenuDeliveryReader(db),
  };
}

/** MenuDeliveryReadPort: advisors and menu terms for the delivery of support projects. */
function createMenuDeliveryReader(db: ServiceDeps['db']): MenuDeliveryReadPort {
  return {
    advisorsOf: (prefectureId, organizationId) => repo.findCompanyAdvisors(db, prefectureId, organizationId),
    termsOf: (prefectureId, ids) => repo.findMenuTerms(db, prefectureId, ids),
    selectedTermsOfYear: (prefectureId, fiscalYearId) =>
      repo.findSelectedMenuTerms(db, prefectureId, fiscalYearId),
  };
}

export type MenusService = ReturnType<typeof createMenusService>;
