import type {
  AssignmentCreate,
  MenuSettings,
  MenuSettingsPut,
  Review,
  ReviewerList,
} from '../../../shared/schemas/menus';
import { deadlineInputOf, deadlineInstantOf } from '../../../shared/schemas/fiscal-years';
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
      proposalDeadline: row?.proposalDeadlineAt ? deadlineInputOf(row.proposalDeadlineAt) : null,
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
      const values = {
        criteria: input.criteria,
        proposalDeadlineAt: input.proposalDeadline ? deadlineInstantOf(input.proposalDeadline) : null,
      };
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
