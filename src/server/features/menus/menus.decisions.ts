import type { Proposal, ProposalDecisionBody, Ranking } from '../../../shared/schemas/menus';
import type { Database } from '../../db/client';
import { isDecidable, proposalStatusAfter, rankProposals } from '../../domain/menu-review';
import { type RequestContext, signedIn } from '../../platform/context';
import type { AppConfig } from '../../platform/deps';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { notify } from '../../platform/notifications/notify';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { proposalDecisionMail } from './menus.mails';
import { menusPolicy as policy } from './menus.policy';
import type { MenusRecords } from './menus.records';
import * as repo from './menus.repository';

/**
 * The prefecture's side of the review: the ranking of a year's proposals by their submitted
 * scores, and the decision on each (selected, not selected, returned for changes), mailed to
 * every active member of the proposing company in the language of their account.
 */
export function createMenusDecisions({
  db,
  config,
  records,
}: {
  db: Database;
  config: AppConfig;
  records: MenusRecords;
}) {
  return {
    async ranking(ctx: RequestContext, fiscalYearId: string): Promise<Ranking> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.canManage(actor));
      await records.requireFiscalYear(db, actor, fiscalYearId);
      const rows = await repo.findProposals(db, actor.prefectureId, {
        fiscalYearId,
        status: ['submitted', 'selected', 'not_selected', 'returned'],
      });
      const proposals = await records.presentProposals(db, actor, rows, ctx.now);
      const reviews = await repo.findReviews(db, actor.prefectureId, { proposalIds: rows.map((r) => r.id) });
      const criteria = await records.criteriaOfYear(db, actor.prefectureId, fiscalYearId);
      return { criteria, items: rankProposals(criteria, proposals, reviews) };
    },

    async decide(ctx: RequestContext, id: string, input: ProposalDecisionBody): Promise<Proposal> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      assertAllowed(policy.canManage(actor));
      const row = await repo.findProposal(db, actor.prefectureId, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (!isDecidable(row.status))
        throw fieldError(
          ['decision'],
          '提出されていない提案には決定できません。',
          'Only a submitted proposal can be decided.',
          'not_submitted',
        );
      const companyMembers = (
        await repo.findUsers(db, actor.prefectureId, { organizationId: row.organizationId })
      ).filter((u) => u.isActive && u.roles.includes('company_member'));
      const fy = await records.requireFiscalYear(db, actor, row.fiscalYearId);
      return repo.changeProposal(db, signed, {
        id,
        version: input.version,
        values: {
          status: proposalStatusAfter(input.decision),
          decision: input.decision,
          decisionReason: input.reason,
          decidedAt: ctx.now,
        },
        audit: { action: 'menu_proposal.decide', entityType: 'menu_proposal', before: row },
        alsoInTransaction: async (tx) => {
          for (const member of companyMembers) {
            const mail = composeMail(
              proposalDecisionMail,
              {
                recipientName: member.displayName,
                title: row.title,
                fiscalYear: fy.year,
                decision: input.decision,
                reason: input.reason,
                decidedAt: ctx.now,
                publicUrl: config.publicUrl,
                proposalId: id,
              },
              mailLocaleOf(member.locale),
            );
            await notify(tx, {
              prefectureId: actor.prefectureId,
              kind: 'menus.proposal_decision',
              recipient: { userId: member.id, email: member.email },
              mail,
              publicUrl: config.publicUrl,
              now: ctx.now,
            });
          }
        },
        reload: () => records.loadProposal(actor, id, ctx.now),
      });
    },
  };
}
