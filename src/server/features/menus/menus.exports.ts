import { challengeAreaLabels, type ChallengeArea } from '../../../shared/challenge-areas';
import {
  type CatalogItem,
  type CatalogQuery,
  menuFormatLabels,
  type Proposal,
  proposalStatusLabels,
  type Ranking,
  type Review,
  reviewStatusLabels,
  type RubricCriterion,
} from '../../../shared/schemas/menus';
import type { Database } from '../../db/client';
import { type RequestContext, signedIn } from '../../platform/context';
import { assertAllowed } from '../../platform/errors';
import { writeWorkbook } from '../../platform/spreadsheet';
import { menusPolicy as policy } from './menus.policy';
import { type MenusRecords, toReview } from './menus.records';
import * as repo from './menus.repository';

/**
 * The xlsx exports of support menus, in Japanese (the language of the prefecture's records):
 * proposals of a year, the scores (ranking and per reviewer), and the catalog.
 */

export interface ExportedFile {
  fileName: string;
  bytes: Uint8Array;
}

const areasJa = (areas: readonly ChallengeArea[]) => areas.map((a) => challengeAreaLabels[a].ja).join('、');

const regionsJa = (regions: readonly { name: string }[]) =>
  regions.length === 0 ? '県内全域' : regions.map((r) => r.name).join('、');

export function proposalsWorkbook(year: number, proposals: readonly Proposal[]): Promise<ExportedFile> {
  return named(`menu-proposals-${year}.xlsx`, [
    {
      name: '提案一覧',
      columns: [
        { header: 'メニュー名', key: 'title', width: 36 },
        { header: '提案企業', key: 'company', width: 30 },
        { header: '状態', key: 'status', width: 10 },
        { header: '課題分野', key: 'areas', width: 40 },
        { header: '実施形態', key: 'format', width: 16 },
        { header: '受入可能団体数', key: 'capacity' },
        { header: '単価（千円）', key: 'cost' },
        { header: '予定時間', key: 'hours' },
        { header: '訪問日数', key: 'days' },
        { header: '対象地方', key: 'regions', width: 24 },
        { header: 'アドバイザー', key: 'advisors', width: 30 },
        { header: '決定理由', key: 'reason', width: 40 },
      ],
      rows: proposals.map((p) => ({
        title: p.title,
        company: p.organizationName,
        status: proposalStatusLabels[p.status].ja,
        areas: areasJa(p.challengeAreas),
        format: menuFormatLabels[p.format].ja,
        capacity: p.capacity,
        cost: p.unitCostThousandYen,
        hours: p.plannedHours,
        days: p.onsiteDays,
        regions: regionsJa(p.regions),
        advisors: p.advisors.map((a) => a.displayName).join('、'),
        reason: p.decisionReason ?? '',
      })),
    },
  ]);
}

export function scoresWorkbook(input: {
  year: number;
  ranking: Ranking;
  proposals: readonly Proposal[];
  criteria: readonly RubricCriterion[];
  reviews: readonly Review[];
}): Promise<ExportedFile> {
  const titles = new Map(input.proposals.map((p) => [p.id, p.title]));
  return named(`menu-scores-${input.year}.xlsx`, [
    {
      name: '審査結果',
      columns: [
        { header: '順位', key: 'rank', width: 8 },
        { header: 'メニュー名', key: 'title', width: 36 },
        { header: '提案企業', key: 'company', width: 30 },
        { header: '加重平均点', key: 'total' },
        { header: '審査員間の差', key: 'spread' },
        { header: '提出済み審査数', key: 'submitted' },
        { header: '状態', key: 'status', width: 10 },
      ],
      rows: input.ranking.items.map((r) => ({
        rank: r.rank,
        title: r.proposal.title,
        company: r.proposal.organizationName,
        total: r.weightedTotal,
        spread: r.spread,
        submitted: r.submittedReviews,
        status: proposalStatusLabels[r.proposal.status].ja,
      })),
    },
    {
      name: '審査員別',
      columns: [
        { header: 'メニュー名', key: 'title', width: 36 },
        { header: '審査員', key: 'reviewer', width: 20 },
        { header: '状態', key: 'status', width: 16 },
        ...input.criteria.map((cr) => ({ header: `${cr.label}（${cr.weight}）`, key: `c_${cr.key}` })),
        { header: '加重平均点', key: 'total' },
        { header: 'コメント', key: 'comment', width: 40 },
      ],
      rows: input.reviews.map((r) => ({
        title: titles.get(r.proposalId) ?? '',
        reviewer: r.reviewerName,
        status: reviewStatusLabels[r.status].ja,
        ...Object.fromEntries(input.criteria.map((cr) => [`c_${cr.key}`, r.scores[cr.key] ?? null])),
        total: r.weightedTotal,
        comment: r.status === 'conflict' ? (r.conflictReason ?? '') : r.comment,
      })),
    },
  ]);
}

export function catalogWorkbook(year: number, items: readonly CatalogItem[]): Promise<ExportedFile> {
  return named(`menu-catalog-${year}.xlsx`, [
    {
      name: '支援メニュー',
      columns: [
        { header: 'メニュー名', key: 'title', width: 36 },
        { header: '提供企業', key: 'company', width: 30 },
        { header: '課題分野', key: 'areas', width: 40 },
        { header: '実施形態', key: 'format', width: 16 },
        { header: '単価（千円）', key: 'cost' },
        { header: '受入可能団体数', key: 'capacity' },
        { header: '対象地方', key: 'regions', width: 24 },
        { header: '内容', key: 'description', width: 60 },
      ],
      rows: items.map((m) => ({
        title: m.title,
        company: m.organizationName,
        areas: areasJa(m.challengeAreas),
        format: menuFormatLabels[m.format].ja,
        cost: m.unitCostThousandYen,
        capacity: m.capacity,
        regions: regionsJa(m.regions),
        description: m.description,
      })),
    },
  ]);
}

async function named(fileName: string, sheets: Parameters<typeof writeWorkbook>[0]): Promise<ExportedFile> {
  return { fileName, bytes: await writeWorkbook(sheets) };
}

/** The export use cases: the data (admin only, except the catalog) and the workbooks built from it. */
export function createMenusExports({
  db,
  records,
  ranking,
  catalog,
}: {
  db: Database;
  records: MenusRecords;
  ranking: (ctx: RequestContext, fiscalYearId: string) => Promise<Ranking>;
  catalog: (ctx: RequestContext, q: CatalogQuery) => Promise<CatalogItem[]>;
}) {
  async function exportData(ctx: RequestContext, fiscalYearId: string) {
    const { actor } = signedIn(ctx);
    assertAllowed(policy.canManage(actor));
    const fy = await records.requireFiscalYear(db, actor, fiscalYearId);
    const rows = await repo.findProposals(db, actor.prefectureId, { fiscalYearId });
    const proposals = await records.presentProposals(db, actor, rows, ctx.now);
    const reviews = await repo.findReviews(db, actor.prefectureId, { proposalIds: rows.map((r) => r.id) });
    const criteria = await records.criteriaOfYear(db, actor.prefectureId, fiscalYearId);
    const names = new Map(
      (
        await repo.findUsers(db, actor.prefectureId, {
          ids: [...new Set(reviews.map((r) => r.reviewerUserId))],
        })
      ).map((u) => [u.id, u.displayName]),
    );
    return {
      year: fy.year,
      proposals,
      criteria,
      reviews: reviews.map((r) => toReview(r, names, criteria)),
    };
  }

  async function exportCatalog(ctx: RequestContext, fiscalYearId: string) {
    const { actor } = signedIn(ctx);
    const fy = await records.requireFiscalYear(db, actor, fiscalYearId);
    return { year: fy.year, items: await catalog(ctx, { fiscalYearId }) };
  }

  return {
    exportData,
    exportCatalog,

    async proposalsExport(ctx: RequestContext, fiscalYearId: string): Promise<ExportedFile> {
      const data = await exportData(ctx, fiscalYearId);
      return proposalsWorkbook(data.year, data.proposals);
    },

    async scoresExport(ctx: RequestContext, fiscalYearId: string): Promise<ExportedFile> {
      const data = await exportData(ctx, fiscalYearId);
      return scoresWorkbook({ ...data, ranking: await ranking(ctx, fiscalYearId) });
    },

    async catalogExport(ctx: RequestContext, fiscalYearId: string): Promise<ExportedFile> {
      const data = await exportCatalog(ctx, fiscalYearId);
      return catalogWorkbook(data.year, data.items);
    },
  };
}
