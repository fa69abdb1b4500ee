import type {
  AssignmentCreate,
  BulkAssignment,
  BulkAssignmentResult,
  MenuSettings,
  MenuSettingsPut,
  Review,
  ReviewerList,
} from '../../../shared/schemas/menus';
import type { Database } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { notify } from '../../platform/notifications/notify';
import { reviewerAssignedMail } from './menus.mails';
import { menusPolicy as policy } from './menus.policy';
import { criteriaOf, type MenusRecords, toReview } from './menus.records';
import * as repo from './menus.repository';

/**
 * The rubric and call deadline of a year, and who reviews what: the prefecture admin assigns
 * users holding the reviewer role, never one from the proposing company (conflict of interest),
 * and removes an assignment only before it is submitted.
 */
export function createMenusRubric({
  db,
  records,
  publicUrl,
}: {
  db: Database;
  records: MenusRecords;
  /** The app's public URL, for links in mails. */
  publicUrl: string;
}) {
  async function loadSettings(actor: Actor, fiscalYearId: string): Promise<MenuSettings> {
    const row = await repo.findSettings(db, actor.prefectureId, fiscalYearId);
    const eff = await records.effectiveDeadline(db, actor.prefectureId, fiscalYearId);
    return {
      fiscalYearId,
      criteria: criteriaOf(row),
      effectiveDeadlineAt: eff.at?.toISOString() ?? null,
      effectiveDeadlineSource: eff.source,
      version: row?.version ?? null,
    };
  }

  return {
    async getSettings(ctx: RequestContext, fiscalYearId: string): Promise<MenuSettings> {
      const { actor } = signedIn(ctx);
      await records.requireFiscalYear(db, actor, fiscalYearId);
      return loadSettings(actor, fiscalYearId);
    },

    async putSettings(
      ctx: RequestContext,
      fiscalYearId: string,
      input: MenuSettingsPut,
    ): Promise<MenuSettings> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      assertAllowed(policy.canManage(actor));
      await records.requireFiscalYear(db, actor, fiscalYearId);
      const existing = await repo.findSettings(db, actor.prefectureId, fiscalYearId);
      // The old proposal_deadline_at column is no longer written or read (ADR 017): the phase holds the deadline.
      const values = { criteria: input.criteria };
      if (!existing) {
        await records.createAudited(
          ctx,
          { action: 'menu_settings.create', entityType: 'menu_settings' },
          (tx) =>
            repo.insertSettings(tx, {
              prefectureId: actor.prefectureId,
              fiscalYearId,
              ...values,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            }),
        );
        return loadSettings(actor, fiscalYearId);
      }
      if (input.version === undefined) {
        throw new AppError('VERSION_CONFLICT', { current: await loadSettings(actor, fiscalYearId) });
      }
      return repo.changeSettings(db, signed, {
        id: existing.id,
        version: input.version,
        values,
        audit: { action: 'menu_settings.update', entityType: 'menu_settings', before: existing },
        reload: () => loadSettings(actor, fiscalYearId),
      });
    },

    async reviewers(ctx: RequestContext): Promise<ReviewerList['items']> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.canManage(actor));
      const all = await repo.findUsers(db, actor.prefectureId, {});
      return all
        .filter((u) => u.isActive && u.roles.includes('reviewer'))
        .map((u) => ({
          userId: u.id,
          displayName: u.displayName,
          organizationId: u.organizationId,
          organizationName: u.organizationName,
        }));
    },

    async assign(ctx: RequestContext, proposalId: string, input: AssignmentCreate): Promise<Review> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.canManage(actor));
      const proposal = await repo.findProposal(db, actor.prefectureId, proposalId);
      if (!proposal) throw new AppError('NOT_FOUND');
      if (proposal.status === 'draft')
        throw fieldError(
          ['reviewerUserId'],
          '下書きの提案には審査員を割り当てられません。',
          'A draft cannot be assigned.',
          'not_submitted',
        );
      const [reviewer] = await repo.findUsers(db, actor.prefectureId, { ids: [input.reviewerUserId] });
      if (!reviewer?.isActive || !reviewer.roles.includes('reviewer'))
        throw fieldError(
          ['reviewerUserId'],
          '審査員の権限を持つ利用者を選んでください。',
          'Choose a user with the reviewer role.',
          'not_reviewer',
        );
      // A company may hold the reviewer role; it never reviews its own proposals.
      if (policy.hasConflictOfInterest(reviewer, proposal))
        throw fieldError(
          ['reviewerUserId'],
          '提案した企業に所属する審査員は、この提案を審査できません（利益相反）。',
          'A reviewer from the proposing company cannot review this proposal (conflict of interest).',
          'conflict_of_interest',
        );
      const existing = await repo.findReviews(db, actor.prefectureId, { proposalIds: [proposalId] });
      if (existing.some((r) => r.reviewerUserId === reviewer.id)) throw new AppError('DUPLICATE');
      const [company] = await repo.findOrganizations(db, actor.prefectureId, [proposal.organizationId]);
      const fiscalYear = await repo.findFiscalYear(db, actor.prefectureId, proposal.fiscalYearId);
      const created = await records.createAudited(
        ctx,
        { action: 'menu_review.assign', entityType: 'menu_review' },
        async (tx) => {
          const review = await repo.insertReview(tx, {
            prefectureId: actor.prefectureId,
            proposalId,
            reviewerUserId: reviewer.id,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          });
          await notify(tx, {
            prefectureId: actor.prefectureId,
            kind: 'menus.reviewer_assigned',
            recipient: { userId: reviewer.id, email: reviewer.email },
            publicUrl,
            now: ctx.now,
            mail: composeMail(
              reviewerAssignedMail,
              {
                recipientName: reviewer.displayName,
                title: proposal.title,
                companyName: company?.name ?? '',
                fiscalYear: fiscalYear?.year ?? 0,
                assignedAt: ctx.now,
                publicUrl,
              },
              mailLocaleOf(reviewer.locale),
            ),
          });
          return review;
        },
      );
      const criteria = await records.criteriaOfYear(db, actor.prefectureId, proposal.fiscalYearId);
      return toReview(created, new Map([[reviewer.id, reviewer.displayName]]), criteria);
    },

    /**
     * Assigns every selected reviewer to every selected proposal in one transaction: pairs that
     * exist already, or where the reviewer belongs to the proposing company, are skipped and said
     * so; a draft proposal or a user without the reviewer role fails the whole request (422).
     */
    async assignMany(ctx: RequestContext, input: BulkAssignment): Promise<BulkAssignmentResult> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.canManage(actor));
      const proposals = await repo.findProposals(db, actor.prefectureId, { ids: input.proposalIds });
      // Another prefecture's ids read as absent, like a single assignment's.
      if (proposals.length !== input.proposalIds.length) throw new AppError('NOT_FOUND');
      const drafts = proposals.filter((p) => p.status === 'draft');
      if (drafts.length > 0)
        throw fieldError(
          ['proposalIds'],
          `下書きの提案には審査員を割り当てられません：${drafts.map((p) => p.title).join('、')}`,
          `Drafts cannot be assigned: ${drafts.map((p) => p.title).join(', ')}`,
          'not_submitted',
        );
      const reviewers = await repo.findUsers(db, actor.prefectureId, { ids: input.reviewerUserIds });
      const valid = reviewers.filter((u) => u.isActive && u.roles.includes('reviewer'));
      if (valid.length !== input.reviewerUserIds.length)
        throw fieldError(
          ['reviewerUserIds'],
          '審査員の権限を持つ利用者だけを選んでください。',
          'Choose only users with the reviewer role.',
          'not_reviewer',
        );
      const existing = await repo.findReviews(db, actor.prefectureId, { proposalIds: input.proposalIds });
      const companies = new Map(
        (
          await repo.findOrganizations(db, actor.prefectureId, [
            ...new Set(proposals.map((p) => p.organizationId)),
          ])
        ).map((o) => [o.id, o.name]),
      );
      const years = new Map<string, number>();
      for (const id of new Set(proposals.map((p) => p.fiscalYearId))) {
        years.set(id, (await repo.findFiscalYear(db, actor.prefectureId, id))?.year ?? 0);
      }
      const result: BulkAssignmentResult = { assigned: [], skipped: [] };
      await db.transaction(async (tx) => {
        for (const proposal of proposals) {
          for (const reviewer of valid) {
            const pair = { proposalId: proposal.id, reviewerUserId: reviewer.id };
            if (policy.hasConflictOfInterest(reviewer, proposal)) {
              result.skipped.push({ ...pair, reason: 'conflict_of_interest' });
              continue;
            }
            const review = existing.some(
              (r) => r.proposalId === proposal.id && r.reviewerUserId === reviewer.id,
            )
              ? null
              : await repo.insertReviewIfAbsent(tx, {
                  prefectureId: actor.prefectureId,
                  proposalId: proposal.id,
                  reviewerUserId: reviewer.id,
                  createdBy: actor.userId,
                  updatedBy: actor.userId,
                });
            if (!review) {
              result.skipped.push({ ...pair, reason: 'already_assigned' });
              continue;
            }
            await recordAudit(tx, ctx, {
              action: 'menu_review.assign',
              entityType: 'menu_review',
              entityId: review.id,
              after: { ...review, bulk: true },
            });
            await notify(tx, {
              prefectureId: actor.prefectureId,
              kind: 'menus.reviewer_assigned',
              recipient: { userId: reviewer.id, email: reviewer.email },
              publicUrl,
              now: ctx.now,
              mail: composeMail(
                reviewerAssignedMail,
                {
                  recipientName: reviewer.displayName,
                  title: proposal.title,
                  companyName: companies.get(proposal.organizationId) ?? '',
                  fiscalYear: years.get(proposal.fiscalYearId) ?? 0,
                  assignedAt: ctx.now,
                  publicUrl,
                },
                mailLocaleOf(reviewer.locale),
              ),
            });
            result.assigned.push({ ...pair, reviewId: review.id });
          }
        }
      });
      return result;
    },

    async unassign(ctx: RequestContext, id: string, version: number): Promise<void> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.canManage(actor));
      const [row] = await repo.findReviews(db, actor.prefectureId, { id });
      if (!row) throw new AppError('NOT_FOUND');
      if (row.status === 'submitted')
        throw fieldError(
          ['status'],
          '提出済みの審査は取り消せません。',
          'A submitted review cannot be removed.',
          'review_closed',
        );
      const conflict = async () =>
        new AppError('VERSION_CONFLICT', { current: await records.presentReview(actor, id) });
      if (row.version !== version) throw await conflict();
      const removed = await db.transaction(async (tx) => {
        if (!(await repo.deleteReview(tx, id, version))) return false;
        await recordAudit(tx, ctx, {
          action: 'menu_review.unassign',
          entityType: 'menu_review',
          entityId: id,
          before: row,
        });
        return true;
      });
      // Changed between the read and the delete: the same answer as a stale version.
      if (!removed) throw await conflict();
    },
  };
}
