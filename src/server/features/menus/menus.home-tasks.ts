import { isFinallyDecided } from '../../domain/menu-review';
import { hasRole } from '../../platform/context';
import type { HomeTaskProvider } from '../home/home-tasks';
import * as repo from './menus.repository';

/**
 * Reviewers: each assigned proposal they have not scored (or declined) yet, while it is undecided.
 * Companies: each proposal of theirs returned for changes.
 */
export const menuTasks: HomeTaskProvider = async ({ actor, fiscalYear, deps }) => {
  if (!fiscalYear) return [];
  const tasks = [];
  if (hasRole(actor, 'reviewer')) {
    const open = (
      await repo.findReviews(deps.db, actor.prefectureId, { reviewerUserId: actor.userId })
    ).filter((r) => r.status === 'assigned');
    const proposals = await repo.findProposals(deps.db, actor.prefectureId, {
      fiscalYearId: fiscalYear.id,
      ids: open.map((r) => r.proposalId),
    });
    // Once a proposal is finally decided its review can no longer change: nothing left to do.
    for (const p of proposals.filter((p) => !isFinallyDecided(p.status))) {
      tasks.push({
        kind: 'menu_review',
        title: {
          ja: `支援メニュー「${p.title}」を審査してください`,
          en: `Review the support menu "${p.title}"`,
        },
        href: '/menus/reviews',
        dueAt: null,
      });
    }
  }
  if (hasRole(actor, 'company_member') && actor.organizationKind === 'company') {
    const returned = await repo.findProposals(deps.db, actor.prefectureId, {
      fiscalYearId: fiscalYear.id,
      organizationId: actor.organizationId,
      status: ['returned'],
    });
    for (const p of returned) {
      tasks.push({
        kind: 'menu_proposal_returned',
        title: {
          ja: `支援メニュー「${p.title}」に修正依頼があります`,
          en: `Changes were requested to the support menu "${p.title}"`,
        },
        href: `/menus/proposals/${p.id}`,
        dueAt: null,
      });
    }
  }
  return tasks;
};
