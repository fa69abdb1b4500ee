import type {
  CatalogItem,
  CatalogQuery,
  MenuDetail,
  PastOutcome,
  RecommendationList,
} from '../../../shared/schemas/menus';
import type { Database } from '../../db/client';
import {
  addTallies,
  type OutcomeSummary,
  type OutcomeTally,
  summarize,
} from '../../domain/evaluation-outcomes';
import { filterCatalog } from '../../domain/menu-catalog';
import { aggregateReviews } from '../../domain/menu-review';
import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import { recommendMenus } from '../../domain/recommendations';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import type { SnapshotCache } from '../../platform/snapshots';
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

/**
 * How the municipalities evaluated the projects of each menu and of each company (the projects
 * feature's read port, ProjectsReadPort.outcomeTallies), injected so menus does not depend on it.
 */
export interface MenuOutcomeSource {
  outcomeTallies(
    prefectureId: string,
    ids: { menuProposalIds: string[]; organizationIds: string[] },
  ): Promise<{ byMenu: Map<string, OutcomeTally>; byCompany: Map<string, OutcomeTally> }>;
}
export const noOutcomes: MenuOutcomeSource = {
  outcomeTallies: async () => ({ byMenu: new Map(), byCompany: new Map() }),
};

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
  recommendationSnapshots,
}: {
  db: Database;
  records: MenusRecords;
  needsProfiles: NeedsProfileSource;
  outcomes?: MenuOutcomeSource;
  /** Recommendations kept per municipality and year until the next write (platform/snapshots.ts). */
  recommendationSnapshots?: SnapshotCache<RecommendationList>;
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

  /**
   * The track record of each menu: its own projects and those of the same company's proposals of
   * the same title in earlier years (a menu offered again), per year; and each company's whole
   * record, for a menu it offers for the first time.
   */
  async function trackRecords(
    prefectureId: string,
    menus: readonly { id: string; organizationId: string; title: string; fiscalYear: number }[],
  ) {
    const offers = await repo.findSelectedByCompanyAndTitle(db, prefectureId, menus);
    const lineage = new Map(
      menus.map((m) => [
        m.id,
        offers.filter(
          (o) =>
            (o.organizationId === m.organizationId && o.title === m.title && o.fiscalYear <= m.fiscalYear) ||
            o.id === m.id,
        ),
      ]),
    );
    const { byMenu, byCompany } = await outcomes.outcomeTallies(prefectureId, {
      menuProposalIds: [...new Set([...menus.map((m) => m.id), ...offers.map((o) => o.id)])],
      organizationIds: [...new Set(menus.map((m) => m.organizationId))],
    });
    const tallyOf = (id: string) => byMenu.get(id) ?? addTallies([]);
    return {
      perYear(menuId: string): PastOutcome[] {
        return (lineage.get(menuId) ?? [])
          .map((o) => ({ fiscalYear: o.fiscalYear, ...summarize(tallyOf(o.id)) }))
          .filter((y) => y.projects > 0)
          .sort((a, b) => b.fiscalYear - a.fiscalYear);
      },
      menu(menuId: string): OutcomeSummary {
        const ids = new Set([menuId, ...(lineage.get(menuId) ?? []).map((o) => o.id)]);
        return summarize(addTallies([...ids].map(tallyOf)));
      },
      company(organizationId: string): OutcomeSummary {
        return summarize(byCompany.get(organizationId) ?? addTallies([]));
      },
    };
  }

  return {
    selectedMenusForAllocation,
    catalog,

    async menuDetail(ctx: RequestContext, id: string): Promise<MenuDetail> {
      const { actor } = signedIn(ctx);
      const row = await repo.findProposal(db, actor.prefectureId, id);
      if (row?.status !== 'selected') throw new AppError('NOT_FOUND');
      const l = await records.lookups(db, actor.prefectureId, [row]);
      const fy = await records.requireFiscalYear(db, actor, row.fiscalYearId);
      const record = await trackRecords(actor.prefectureId, [{ ...row, fiscalYear: fy.year }]);
      const summary = record.menu(row.id);
      return {
        ...toCatalogItem(row, l),
        deliverables: row.deliverables,
        advisors: await records.advisorProfilesOf(actor, row.advisorUserIds),
        // Per-project answers stay private to the towns; the menu shows them added up per year.
        pastOutcomes: record.perYear(row.id),
        outcomeSummary: summary.projects > 0 ? summary : null,
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
      // The municipality and the prefecture read the same list; the year is looked up (404 when
      // not the prefecture's) only when it is computed.
      const key = `${actor.prefectureId}|${municipalityId}|${q.fiscalYearId}`;
      const compute = async () =>
        recommend(actor, municipalityId, await records.requireFiscalYear(db, actor, q.fiscalYearId));
      return recommendationSnapshots ? recommendationSnapshots.get(key, ctx.now, compute) : compute();
    },
  };

  async function recommend(
    actor: Actor,
    municipalityId: string,
    fy: Awaited<ReturnType<MenusRecords['requireFiscalYear']>>,
  ): Promise<RecommendationList> {
    const municipality = await repo.findMunicipalityWithRegion(db, actor.prefectureId, municipalityId);
    if (!municipality) throw new AppError('NOT_FOUND');
    const profile = await needsProfiles.profileOf(actor.prefectureId, municipalityId, fy.id);
    const base = { municipalityId, municipalityName: municipality.name };
    if (!profile) return { ...base, hasProfile: false, items: [] };
    const menus = (await selectedMenus(actor, fy.id)).map(({ row, item }) => ({
      ...item,
      regionIds: row.regionIds,
    }));
    const record = await trackRecords(
      actor.prefectureId,
      menus.map((m) => ({ ...m, fiscalYear: fy.year })),
    );
    const ranked = recommendMenus({
      profile,
      menus,
      region: {
        id: municipality.regionId,
        name: municipality.regionName,
        nameEn: municipality.regionNameEn,
      },
      // Evaluations enter as past outcomes (per menu, else per company), not as ratings by
      // similar municipalities: counting them twice would overweigh them (ADR 012).
      ratings: [],
      menuOutcomes: new Map(menus.map((m) => [m.id, record.menu(m.id)])),
      companyOutcomes: new Map(menus.map((m) => [m.organizationId, record.company(m.organizationId)])),
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
  }
}
