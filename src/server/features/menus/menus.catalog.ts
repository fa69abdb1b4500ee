import type {
  CatalogItem,
  CatalogQuery,
  MenuDetail,
  RecommendationList,
} from '../../../shared/schemas/menus';
import type { Database } from '../../db/client';
import { filterCatalog } from '../../domain/menu-catalog';
import { aggregateReviews } from '../../domain/menu-review';
import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import { recommendMenus } from '../../domain/recommendations';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { menusPolicy as policy } from './menus.policy';
import type { CatalogMenuForAllocation } from './menus.ports';
import { type MenusRecords, toCatalogItem } from './menus.records';
import * as repo from './menus.repository';

/** Where municipality needs profiles come from (the surveys feature); injected so menus does not depend on it. */
export interface NeedsProfileSource {
  profileOf(
    prefectureId: string,
    municipalityId: string,
    fiscalYearId: string,
  ): Promise<MunicipalityNeedsProfile | null>;
}

/** For tests and set-ups without surveys: no municipality has a profile. */
export const noNeedsProfiles: NeedsProfileSource = { profileOf: async () => null };

/** How the municipalities evaluated the projects of each menu (the projects feature's read port). */
export interface MenuOutcomeSource {
  outcomesByMenu(
    prefectureId: string,
    menuProposalIds: string[],
  ): Promise<Map<string, { evaluations: number; helpedRate: number | null; avgSatisfaction: number | null }>>;
}
export const noOutcomes: MenuOutcomeSource = { outcomesByMenu: async () => new Map() };

/**
 * The catalog of a year's selected menus (every signed-in user reads it), a menu's page with its
 * advisors, and the menus that fit one municipality's needs profile best. A needs profile is
 * derived from that municipality's survey answers, so only the municipality itself and the
 * prefecture receive its recommendations.
 */
export function createMenusCatalog({
  db,
  records,
  needsProfiles,
  outcomes = noOutcomes,
}: {
  db: Database;
  records: MenusRecords;
  needsProfiles: NeedsProfileSource;
  outcomes?: MenuOutcomeSource;
}) {
  async function selectedMenus(actor: Actor, fiscalYearId: string) {
    const rows = await repo.findProposals(db, actor.prefectureId, { fiscalYearId, status: ['selected'] });
    const l = await records.lookups(db, actor.prefectureId, rows);
    return rows.map((r) => ({ row: r, item: toCatalogItem(r, l) }));
  }

  async function catalog(ctx: RequestContext, q: CatalogQuery): Promise<CatalogItem[]> {
    const { actor } = signedIn(ctx);
    await records.requireFiscalYear(db, actor, q.fiscalYearId);
    const menus = await selectedMenus(actor, q.fiscalYearId);
    return filterCatalog(
      menus.map((m) => m.item),
      q,
    );
  }

  /** The catalog with capacities, unit costs and review means, for the allocation (menus.ports.ts). */
  async function selectedMenusForAllocation(
    prefectureId: string,
    fiscalYearId: string,
  ): Promise<CatalogMenuForAllocation[]> {
    const rows = await repo.findProposals(db, prefectureId, { fiscalYearId, status: ['selected'] });
    if (rows.length === 0) return [];
    const l = await records.lookups(db, prefectureId, rows);
    const criteria = await records.criteriaOfYear(db, prefectureId, fiscalYearId);
    const reviews = await repo.findReviews(db, prefectureId, { proposalIds: rows.map((r) => r.id) });
    return rows.map((r) => {
      const submitted = reviews.filter((v) => v.proposalId === r.id && v.status === 'submitted');
      const { mean } = aggregateReviews(
        criteria,
        submitted.map((v) => v.scores),
      );
      return {
        id: r.id,
        title: r.title,
        organizationId: r.organizationId,
        companyName: l.orgNames.get(r.organizationId) ?? '',
        capacity: r.capacity,
        unitCostThousandYen: r.unitCostThousandYen,
        reviewMean: Math.min(5, Math.max(0, mean ?? 0)),
        advisorUserIds: r.advisorUserIds,
      };
    });
  }

  return {
    selectedMenusForAllocation,
    catalog,

    async menuDetail(ctx: RequestContext, id: string): Promise<MenuDetail> {
      const { actor } = signedIn(ctx);
      const row = await repo.findProposal(db, actor.prefectureId, id);
      if (row?.status !== 'selected') throw new AppError('NOT_FOUND');
      const l = await records.lookups(db, actor.prefectureId, [row]);
      return {
        ...toCatalogItem(row, l),
        deliverables: row.deliverables,
        advisors: await records.advisorProfilesOf(actor, row.advisorUserIds),
        // Per-project rows stay private to the towns; the menu shows the evaluations in aggregate.
        pastOutcomes: [],
        outcomeSummary: (await outcomes.outcomesByMenu(actor.prefectureId, [row.id])).get(row.id) ?? null,
      };
    },

    async recommendations(
      ctx: RequestContext,
      q: { fiscalYearId: string; municipalityId?: string | undefined },
    ): Promise<RecommendationList> {
      const { actor } = signedIn(ctx);
      const municipalityId = q.municipalityId ?? actor.municipalityId;
      if (!municipalityId)
        throw fieldError(
          ['municipalityId'],
          '市町村を指定してください。',
          'Choose a municipality.',
          'required',
        );
      assertAllowed(policy.canRecommendFor(actor, municipalityId));
      await records.requireFiscalYear(db, actor, q.fiscalYearId);
      const municipality = await repo.findMunicipalityWithRegion(db, actor.prefectureId, municipalityId);
      if (!municipality) throw new AppError('NOT_FOUND');
      const profile = await needsProfiles.profileOf(actor.prefectureId, municipalityId, q.fiscalYearId);
      const base = { municipalityId, municipalityName: municipality.name };
      if (!profile) return { ...base, hasProfile: false, items: [] };
      const menus = (await selectedMenus(actor, q.fiscalYearId)).map(({ row, item }) => ({
        ...item,
        regionIds: row.regionIds,
      }));
      const ranked = recommendMenus({
        profile,
        menus,
        region: {
          id: municipality.regionId,
          name: municipality.regionName,
          nameEn: municipality.regionNameEn,
        },
        // No evaluations exist yet, so no ratings by similar municipalities.
        ratings: [],
      });
      return {
        ...base,
        hasProfile: true,
        items: ranked.map(({ menu: { regionIds: _r, ...menu }, score, reasons }) => ({
          menu,
          score,
          reasons,
        })),
      };
    },
  };
}
