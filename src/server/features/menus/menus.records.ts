import type {
  AdvisorProfile,
  CatalogItem,
  Proposal,
  Review,
  RubricCriterion,
} from '../../../shared/schemas/menus';
import type { Database, Executor } from '../../db/client';
import { isOnTime, weightedTotal } from '../../domain/menu-review';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { menusPolicy as policy } from './menus.policy';
import * as repo from './menus.repository';

/**
 * How the feature's rows become the records the API answers with, and the look-ups every job
 * module needs (the fiscal year, the call deadline, readable proposals). Shared by the job
 * modules composed in menus.service.ts.
 */

type RegionRef = { id: string; name: string; nameEn: string };

export interface Lookups {
  orgNames: Map<string, string>;
  regions: Map<string, RegionRef>;
  userNames: Map<string, string>;
}

export function criteriaOf(settings: repo.SettingsRow | null): RubricCriterion[] {
  return settings?.criteria ?? [];
}

export function toCatalogItem(row: repo.ProposalRow, l: Lookups): CatalogItem {
  return {
    id: row.id,
    fiscalYearId: row.fiscalYearId,
    title: row.title,
    organizationId: row.organizationId,
    organizationName: l.orgNames.get(row.organizationId) ?? '',
    challengeAreas: row.challengeAreas,
    format: row.format,
    capacity: row.capacity,
    unitCostThousandYen: row.unitCostThousandYen,
    plannedHours: row.plannedHours,
    onsiteDays: row.onsiteDays,
    regions: row.regionIds.map((id) => l.regions.get(id)).filter((r): r is RegionRef => !!r),
    description: row.description,
  };
}

export function toReview(
  row: repo.ReviewRow,
  names: Map<string, string>,
  criteria: RubricCriterion[],
): Review {
  return {
    id: row.id,
    proposalId: row.proposalId,
    reviewerUserId: row.reviewerUserId,
    reviewerName: names.get(row.reviewerUserId) ?? '',
    status: row.status,
    scores: row.scores,
    comment: row.comment,
    conflictReason: row.conflictReason,
    weightedTotal: weightedTotal(criteria, row.scores),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    version: row.version,
  };
}

function toProposal(
  row: repo.ProposalRow,
  l: Lookups,
  actor: Actor,
  deadline: Date | null,
  now: Date,
  ownReviews: repo.ReviewRow[],
): Proposal {
  const canEdit = policy.canEditProposal(actor, row);
  const canManage = policy.canManage(actor);
  return {
    ...toCatalogItem(row, l),
    deliverables: row.deliverables,
    advisors: row.advisorUserIds.map((id) => ({ userId: id, displayName: l.userNames.get(id) ?? '' })),
    status: row.status,
    decision: row.decision ?? null,
    decisionReason: row.decisionReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    can: {
      edit: canEdit,
      submit: canEdit && isOnTime(row.status, deadline, now),
      decide: policy.canDecide(actor, row),
      manageReviews: canManage,
      assignReviewers: policy.canAssignReviewers(actor, row),
      // The prefecture follows every review from its own panel, so it never scores as a reviewer.
      review: !canManage && ownReviews.some((r) => r.proposalId === row.id && policy.canReview(actor, r)),
    },
    version: row.version,
  };
}

export type MenusRecords = ReturnType<typeof createMenusRecords>;

export function createMenusRecords(db: Database) {
  async function requireFiscalYear(ex: Executor, actor: Actor, id: string) {
    const fy = await repo.findFiscalYear(ex, actor.prefectureId, id);
    if (!fy) throw new AppError('NOT_FOUND');
    return fy;
  }

  async function lookups(ex: Executor, prefectureId: string, rows: repo.ProposalRow[]): Promise<Lookups> {
    const orgs = await repo.findOrganizations(ex, prefectureId, [
      ...new Set(rows.map((r) => r.organizationId)),
    ]);
    const regionRows = await repo.findRegions(ex, prefectureId);
    const userRows = await repo.findUsers(ex, prefectureId, {
      ids: [...new Set(rows.flatMap((r) => r.advisorUserIds))],
    });
    return {
      orgNames: new Map(orgs.map((o) => [o.id, o.name])),
      regions: new Map(regionRows.map((r) => [r.id, r])),
      userNames: new Map(userRows.map((u) => [u.id, u.displayName])),
    };
  }

  async function effectiveDeadline(ex: Executor, prefectureId: string, fiscalYearId: string) {
    // One deadline per phase: the proposals phase's, never a second one kept with the rubric.
    const at = await repo.findProposalPhaseDeadline(ex, prefectureId, fiscalYearId);
    return { at, source: at ? ('phase' as const) : ('none' as const) };
  }

  async function presentProposals(ex: Executor, actor: Actor, rows: repo.ProposalRow[], now: Date) {
    const l = await lookups(ex, actor.prefectureId, rows);
    const deadlines = new Map<string, Date | null>();
    for (const fyId of new Set(rows.map((r) => r.fiscalYearId))) {
      deadlines.set(fyId, (await effectiveDeadline(ex, actor.prefectureId, fyId)).at);
    }
    // Only a reviewer can hold assignments, so nobody else pays for the look-up.
    const ownReviews = policy.isReviewer(actor)
      ? await repo.findReviews(ex, actor.prefectureId, {
          proposalIds: rows.map((r) => r.id),
          reviewerUserId: actor.userId,
        })
      : [];
    return rows.map((r) => toProposal(r, l, actor, deadlines.get(r.fiscalYearId) ?? null, now, ownReviews));
  }

  async function loadProposal(actor: Actor, id: string, now: Date): Promise<Proposal | null> {
    const row = await repo.findProposal(db, actor.prefectureId, id);
    if (!row) return null;
    return (await presentProposals(db, actor, [row], now))[0] ?? null;
  }

  /** A proposal the actor may read, else 404 (ids of others' proposals reveal nothing). */
  async function readableProposal(actor: Actor, id: string) {
    const row = await repo.findProposal(db, actor.prefectureId, id);
    if (!row) throw new AppError('NOT_FOUND');
    const reviews = await repo.findReviews(db, actor.prefectureId, { proposalIds: [id] });
    const reviewerIds = reviews.map((r) => r.reviewerUserId);
    if (!policy.canReadProposal(actor, row, reviewerIds)) throw new AppError('NOT_FOUND');
    return { row, reviews };
  }

  async function criteriaOfYear(ex: Executor, prefectureId: string, fiscalYearId: string) {
    return criteriaOf(await repo.findSettings(ex, prefectureId, fiscalYearId));
  }

  /** A review as its reviewer sees it (their own name), or null when it is gone. */
  async function presentReview(actor: Actor, id: string): Promise<Review | null> {
    const [row] = await repo.findReviews(db, actor.prefectureId, { id });
    if (!row) return null;
    const proposal = await repo.findProposal(db, actor.prefectureId, row.proposalId);
    const criteria = proposal ? await criteriaOfYear(db, actor.prefectureId, proposal.fiscalYearId) : [];
    return toReview(row, new Map([[actor.userId, actor.displayName]]), criteria);
  }

  /** Company users with their profiles (an empty profile for those who have none yet). */
  async function advisorProfilesOf(actor: Actor, userIds: string[]): Promise<AdvisorProfile[]> {
    const us = await repo.findUsers(db, actor.prefectureId, { ids: userIds });
    const profiles = new Map(
      (await repo.findProfiles(db, actor.prefectureId, userIds)).map((p) => [p.userId, p]),
    );
    const byId = new Map(us.map((u) => [u.id, u]));
    return userIds
      .map((id) => byId.get(id))
      .filter((u): u is NonNullable<typeof u> => !!u)
      .map((u) => {
        const p = profiles.get(u.id);
        return {
          userId: u.id,
          displayName: u.displayName,
          organizationId: u.organizationId,
          organizationName: u.organizationName,
          skills: p?.skills ?? [],
          qualifications: p?.qualifications ?? [],
          pastProjects: p?.pastProjects ?? [],
          bio: p?.bio ?? '',
          version: p?.version ?? null,
        };
      });
  }

  /** Inserts a row and its audit entry in one transaction; answers the new row. */
  async function createAudited<Row extends { id: string }>(
    ctx: RequestContext,
    audit: { action: string; entityType: string },
    insert: (tx: Executor) => Promise<Row>,
  ): Promise<Row> {
    return db.transaction(async (tx) => {
      const created = await insert(tx);
      await recordAudit(tx, ctx, { ...audit, entityId: created.id, after: created });
      return created;
    });
  }

  return {
    createAudited,
    requireFiscalYear,
    lookups,
    effectiveDeadline,
    presentProposals,
    loadProposal,
    readableProposal,
    criteriaOfYear,
    presentReview,
    advisorProfilesOf,
  };
}
