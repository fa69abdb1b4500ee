import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';
import type { Role } from '../../../shared/roles';
import { isDecidable, type ProposalState } from '../../domain/menu-review';

const isAdmin = (a: Actor | null): boolean => isPrefectureAdmin(a);
const has = (a: Actor | null, ...roles: Role[]): boolean => hasRole(a, ...roles);

/**
 * Who may do what with support menus. Companies see and edit only their own proposals; reviewers
 * see only what they are assigned; the prefecture admin runs the call; every signed-in user of the
 * prefecture reads the catalog of selected menus (no check beyond being signed in).
 */
export const menusPolicy = {
  canManage(actor: Actor | null): boolean {
    return isAdmin(actor);
  },
  canPropose(actor: Actor | null): boolean {
    return actor !== null && has(actor, 'company_member') && actor.organizationKind === 'company';
  },
  isOwnCompany(actor: Actor, proposal: { organizationId: string }): boolean {
    return this.canPropose(actor) && actor.organizationId === proposal.organizationId;
  },
  canReadProposal(
    actor: Actor,
    proposal: { organizationId: string },
    assignedReviewerIds: string[],
  ): boolean {
    return (
      isAdmin(actor) ||
      this.isOwnCompany(actor, proposal) ||
      (has(actor, 'reviewer') && assignedReviewerIds.includes(actor.userId))
    );
  },
  canEditProposal(actor: Actor, proposal: { organizationId: string; status: string }): boolean {
    return (
      this.isOwnCompany(actor, proposal) && (proposal.status === 'draft' || proposal.status === 'returned')
    );
  },
  /** A decision is recorded only on a proposal under review (the server refuses drafts and returned ones). */
  canDecide(actor: Actor, proposal: { status: ProposalState }): boolean {
    return this.canManage(actor) && isDecidable(proposal.status);
  },
  /** A draft is not ready for review, so nobody is assigned to it yet. */
  canAssignReviewers(actor: Actor, proposal: { status: string }): boolean {
    return this.canManage(actor) && proposal.status !== 'draft';
  },
  canReview(actor: Actor, review: { reviewerUserId: string }): boolean {
    return has(actor, 'reviewer') && review.reviewerUserId === actor.userId;
  },
  /** Others' scores stay hidden from a reviewer until they submitted their own. */
  canSeeOthersScores(actor: Actor, ownReview: { status: string } | null): boolean {
    return isAdmin(actor) || ownReview?.status === 'submitted';
  },
  isReviewer(actor: Actor): boolean {
    return has(actor, 'reviewer');
  },
  /** A reviewer never reviews a proposal of their own organization (a company may hold the reviewer role). */
  hasConflictOfInterest(reviewer: { organizationId: string }, proposal: { organizationId: string }): boolean {
    return reviewer.organizationId === proposal.organizationId;
  },
  /**
   * Recommendations are derived from one municipality's survey answers (needs, maturity, free
   * text), so only that municipality and the prefecture receive them; the council secretariat,
   * which may not read survey results, does not.
   */
  canRecommendFor(actor: Actor, municipalityId: string): boolean {
    if (isAdmin(actor)) return true;
    return has(actor, 'municipality_staff', 'municipality_head') && actor.municipalityId === municipalityId;
  },
  canListAdvisors(actor: Actor, organizationId: string): boolean {
    return isAdmin(actor) || (this.canPropose(actor) && actor.organizationId === organizationId);
  },
  canEditProfile(actor: Actor, target: { id: string; organizationId: string }): boolean {
    return (
      actor.userId === target.id || (this.canPropose(actor) && actor.organizationId === target.organizationId)
    );
  },
  /**
   * Who sees any member of a company, advisor or not: the prefecture, the member themself and
   * their company. Everyone else sees only advisors (see menus.advisors.ts).
   */
  canSeeCompanyMember(actor: Actor, target: { id: string; organizationId: string }): boolean {
    return isAdmin(actor) || this.canEditProfile(actor, target);
  },
};
