import { type HomeTask, isPhaseUnderway } from '../../../shared/schemas/fiscal-years';
import { isFinallyDecided } from '../../domain/menu-review';
import { hasRole, isPrefectureAdmin } from '../../platform/context';
import type { HomeTaskProvider } from '../home/home-tasks';
import * as repo from './menus.repository';

/**
 * Reviewers: each assigned proposal they have not scored (or declined) yet, while it is undecided.
 * Companies: an open call for proposals (deadline, the rubric it is scored on), each proposal of
 * theirs returned for changes, and a draft not handed in.
 * Prefecture: proposals with no reviewer yet, and proposals every reviewer scored, awaiting the
 * decision.
 */
export const menuTasks: HomeTaskProvider = async ({ actor, fiscalYear, deps }) => {
  if (!fiscalYear) return [];
  const tasks: HomeTask[] = [];
  if (isPrefectureAdmin(actor)) {
    const submitted = await repo.findProposals(deps.db, actor.prefectureId, {
      fiscalYearId: fiscalYear.id,
      status: ['submitted'],
    });
    const reviews = await repo.findReviews(deps.db, actor.prefectureId, {
      proposalIds: submitted.map((p) => p.id),
    });
    // A reviewer with a conflict of interest does not score: only the others count.
    const scoring = (id: string) => reviews.filter((r) => r.proposalId === id && r.status !== 'conflict');
    const unassigned = submitted.filter((p) => scoring(p.id).length === 0).length;
    const toDecide = submitted.filter(
      (p) => scoring(p.id).length > 0 && scoring(p.id).every((r) => r.status === 'submitted'),
    ).length;
    if (unassigned > 0)
      tasks.push({
        kind: 'menu_assign_reviewers',
        title: {
          ja: `審査員が未割当ての支援メニュー提案が${unassigned}件あります`,
          en: `${unassigned} menu proposal(s) have no reviewer yet`,
        },
        href: '/menus/admin',
        dueAt: null,
      });
    if (toDecide > 0)
      tasks.push({
        kind: 'menu_decide',
        title: {
          ja: `審査が終わり採否の決定を待つ支援メニュー提案が${toDecide}件あります`,
          en: `${toDecide} menu proposal(s) fully reviewed, awaiting your decision`,
        },
        href: '/menus/admin',
        dueAt: null,
      });
  }
  if (hasRole(actor, 'company_member') && actor.organizationKind === 'company') {
    const phase = fiscalYear.programs
      .flatMap((p) => p.phases)
      // 準備未了 (no saved rubric yet) does not close the call: proposals are taken from the
      // phase's start to its deadline all the same (ADR 017); only the criteria are not shown yet.
      .find((p) => p.kind === 'proposals' && isPhaseUnderway(p.state));
    if (phase) {
      const settings = await repo.findSettings(deps.db, actor.prefectureId, fiscalYear.id);
      const criteria = settings?.criteria ?? [];
      const rubricJa = criteria.map((c) => `${c.label}${c.weight}`).join('・');
      const rubricEn = criteria.map((c) => `${c.labelEn || c.label} ${c.weight}`).join(', ');
      tasks.push({
        kind: 'menu_call_for_proposals',
        title:
          criteria.length > 0
            ? {
                ja: `支援メニューの提案を受付中です（評価基準：${rubricJa}）`,
                en: `Menu proposals are open (scored on: ${rubricEn})`,
              }
            : { ja: '支援メニューの提案を受付中です', en: 'Menu proposals are open' },
        href: '/menus/proposals/new',
        dueAt: phase.deadlineAt,
      });
      const drafts = await repo.findProposals(deps.db, actor.prefectureId, {
        fiscalYearId: fiscalYear.id,
        organizationId: actor.organizationId,
        status: ['draft'],
      });
      for (const p of drafts)
        tasks.push({
          kind: 'menu_proposal_draft',
          title: {
            ja: `下書きの支援メニュー「${p.title}」を提出してください`,
            en: `Submit your draft menu "${p.title}"`,
          },
          href: `/menus/proposals/${p.id}`,
          dueAt: phase.deadlineAt,
        });
    }
  }
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
