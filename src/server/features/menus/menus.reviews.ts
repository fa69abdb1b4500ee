import type {
  ConflictBody,
  MyReviewList,
  ProposalReviews,
  Review,
  ReviewPut,
  RubricCriterion,
} from '../../../shared/schemas/menus';
import type { Database } from '../../db/client';
import { missingCriteria, reviewChangeBlocker } from '../../domain/menu-review';
import { type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { menusPolicy as policy } from './menus.policy';
import { type MenusRecords, toReview } from './menus.records';
import * as repo from './menus.repository';

/**
 * A reviewer's side of the review: their assignments, scores saved and submitted against the
 * year's rubric, a declared conflict of interest; others' scores stay hidden until their own is
 * submitted, and nothing moves once the proposal is finally decided.
 */
export function createMenusReviews({ db, records }: { db: Database; records: MenusRecords }) {
  const blockedMessages = {
    review_closed: {
      ja: '提出済み・辞退済みの審査は変更できません。',
      en: 'A submitted or declined review cannot be changed.',
    },
    proposal_decided: {
      ja: '採否が決定した提案の審査は変更できません。',
      en: 'The review of a decided proposal cannot be changed.',
    },
  } as const;

  type ReviewChange = Parameters<typeof repo.changeReview>[2]['values'];

  async function changeReview(
    ctx: RequestContext,
    id: string,
    version: number,
    action: string,
    make: (row: repo.ReviewRow, criteria: RubricCriterion[]) => ReviewChange,
  ): Promise<Review> {
    const signed = signedIn(ctx);
    const { actor } = signed;
    const [row] = await repo.findReviews(db, actor.prefectureId, { id });
    // A review of someone else is absent, not forbidden.
    if (!row || !policy.canReview(actor, row)) throw new AppError('NOT_FOUND');
    const proposal = await repo.findProposal(db, actor.prefectureId, row.proposalId);
    if (!proposal) throw new AppError('NOT_FOUND');
    const blocker = reviewChangeBlocker(row.status, proposal.status);
    if (blocker) {
      const message = blockedMessages[blocker];
      throw fieldError(['status'], message.ja, message.en, blocker);
    }
    const criteria = await records.criteriaOfYear(db, actor.prefectureId, proposal.fiscalYearId);
    if (criteria.length === 0)
      throw fieldError(
        ['scores'],
        '評価基準がまだ設定されていません。',
        'The rubric is not set yet.',
        'no_rubric',
      );
    return repo.changeReview(db, signed, {
      id,
      version,
      values: make(row, criteria),
      audit: { action, entityType: 'menu_review', before: row },
      reload: () => records.presentReview(actor, id),
    });
  }

  function checkScoreKeys(scores: Record<string, number>, criteria: RubricCriterion[]) {
    const keys = new Set(criteria.map((c) => c.key));
    const unknown = Object.keys(scores).find((k) => !keys.has(k));
    if (unknown)
      throw fieldError(
        ['scores', unknown],
        '評価基準にない項目です。',
        'Not a criterion of the rubric.',
        'unknown_criterion',
      );
  }

  return {
    async proposalReviews(ctx: RequestContext, proposalId: string): Promise<ProposalReviews> {
      const { actor } = signedIn(ctx);
      const row = await repo.findProposal(db, actor.prefectureId, proposalId);
      if (!row) throw new AppError('NOT_FOUND');
      const reviews = await repo.findReviews(db, actor.prefectureId, { proposalIds: [proposalId] });
      const own = reviews.find((r) => r.reviewerUserId === actor.userId) ?? null;
      if (!policy.canManage(actor) && !(own && policy.canReview(actor, own))) throw new AppError('NOT_FOUND');
      const criteria = await records.criteriaOfYear(db, actor.prefectureId, row.fiscalYearId);
      const seeOthers = policy.canSeeOthersScores(actor, own);
      const visible = seeOthers ? reviews : reviews.filter((r) => r.id === own?.id);
      const names = new Map(
        (await repo.findUsers(db, actor.prefectureId, { ids: visible.map((r) => r.reviewerUserId) })).map(
          (u) => [u.id, u.displayName],
        ),
      );
      return {
        criteria,
        items: visible.map((r) => toReview(r, names, criteria)),
        othersHidden: !seeOthers && reviews.length > visible.length,
      };
    },

    async myReviews(ctx: RequestContext, fiscalYearId: string): Promise<MyReviewList> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.isReviewer(actor));
      await records.requireFiscalYear(db, actor, fiscalYearId);
      const mine = await repo.findReviews(db, actor.prefectureId, { reviewerUserId: actor.userId });
      const rows = await repo.findProposals(db, actor.prefectureId, {
        fiscalYearId,
        ids: mine.map((r) => r.proposalId),
      });
      const proposals = new Map(
        (await records.presentProposals(db, actor, rows, ctx.now)).map((p) => [p.id, p]),
      );
      const criteria = await records.criteriaOfYear(db, actor.prefectureId, fiscalYearId);
      const names = new Map([[actor.userId, actor.displayName]]);
      return {
        criteria,
        items: mine
          .filter((r) => proposals.has(r.proposalId))
          .map((r) => ({ review: toReview(r, names, criteria), proposal: proposals.get(r.proposalId)! })),
      };
    },

    async saveReview(ctx: RequestContext, id: string, input: ReviewPut): Promise<Review> {
      return changeReview(ctx, id, input.version, 'menu_review.save', (_row, criteria) => {
        checkScoreKeys(input.scores, criteria);
        return { scores: input.scores, comment: input.comment };
      });
    },

    async submitReview(ctx: RequestContext, id: string, version: number): Promise<Review> {
      return changeReview(ctx, id, version, 'menu_review.submit', (row, criteria) => {
        const missing = missingCriteria(criteria, row.scores);
        if (missing.length > 0)
          throw new AppError('VALIDATION_FAILED', {
            fields: missing.map((key) => ({
              path: ['scores', key],
              code: 'required',
              ja: `「${criteria.find((c) => c.key === key)?.label}」を採点してください。`,
              en: `Score "${criteria.find((c) => c.key === key)?.labelEn}".`,
            })),
          });
        return { status: 'submitted', submittedAt: ctx.now };
      });
    },

    async declareConflict(ctx: RequestContext, id: string, input: ConflictBody): Promise<Review> {
      return changeReview(ctx, id, input.version, 'menu_review.conflict', () => ({
        status: 'conflict',
        conflictReason: input.reason,
        scores: {},
      }));
    },
  };
}
