import { type Actor, hasRole, isPrefectureAdmin as isAdminGuard } from '../../platform/context';

/** A plain boolean (the platform's is a type guard, which would narrow the actor away on `false`). */
const isPrefectureAdmin = (actor: Actor): boolean => isAdminGuard(actor);

/** The project as a permission is decided on it. */
export interface ProjectAccess {
  municipalityId: string;
  organizationId: string | null;
  status: string;
}

const isCouncil = (actor: Actor) =>
  hasRole(actor, 'council_secretariat') && actor.organizationKind === 'council';
const isCompanyOf = (actor: Actor, organizationId: string | null) =>
  organizationId !== null &&
  hasRole(actor, 'company_member') &&
  actor.organizationKind === 'company' &&
  actor.organizationId === organizationId;
const isTownOf = (actor: Actor, municipalityId: string) =>
  hasRole(actor, 'municipality_staff', 'municipality_head') &&
  actor.organizationKind === 'municipality' &&
  actor.municipalityId === municipalityId;
const isOpen = (p: ProjectAccess) => p.status === 'planned' || p.status === 'in_progress';

/**
 * Who may do what with a support project's delivery. The prefecture sees and steers every project
 * of its tenant; the council reads them all; a company reads and delivers only its own projects
 * (the organization of the project's menu); a municipality reads only its own. A project the actor
 * may not read is answered as not found.
 */
export const projectsPolicy = {
  isAdmin: (actor: Actor): boolean => isPrefectureAdmin(actor),
  /** Whose projects the actor lists: all, one company's, one municipality's, or none. */
  scope(actor: Actor): { all: true } | { organizationId: string } | { municipalityId: string } | null {
    if (isPrefectureAdmin(actor) || isCouncil(actor)) return { all: true };
    if (hasRole(actor, 'company_member') && actor.organizationKind === 'company')
      return { organizationId: actor.organizationId };
    if (hasRole(actor, 'municipality_staff', 'municipality_head') && actor.municipalityId)
      return { municipalityId: actor.municipalityId };
    return null;
  },
  canRead(actor: Actor, p: ProjectAccess): boolean {
    return (
      isPrefectureAdmin(actor) ||
      isCouncil(actor) ||
      isCompanyOf(actor, p.organizationId) ||
      isTownOf(actor, p.municipalityId)
    );
  },
  /** The plan, sessions and attachments: the project's company, or the prefecture on its behalf. */
  canDeliver(actor: Actor, p: ProjectAccess): boolean {
    return isPrefectureAdmin(actor) || isCompanyOf(actor, p.organizationId);
  },
  canLogActivity(actor: Actor, p: ProjectAccess): boolean {
    return this.canDeliver(actor, p) && isOpen(p);
  },
  canComplete(actor: Actor, p: ProjectAccess): boolean {
    return this.canDeliver(actor, p) && p.status === 'in_progress';
  },
  canCancel(actor: Actor, p: ProjectAccess): boolean {
    return isPrefectureAdmin(actor) && isOpen(p);
  },
  canApproveExceedance(actor: Actor, p: ProjectAccess): boolean {
    return isPrefectureAdmin(actor) && isOpen(p);
  },
  /** The completion report is written by the company's advisors. */
  canWriteReport(actor: Actor, p: ProjectAccess): boolean {
    return isCompanyOf(actor, p.organizationId) && p.status === 'completed';
  },
  canReviewReport(actor: Actor, p: ProjectAccess): boolean {
    return isPrefectureAdmin(actor) && p.status === 'completed';
  },
  canReadOverdue(actor: Actor): boolean {
    return isPrefectureAdmin(actor) || isCouncil(actor);
  },
  canEditSettings(actor: Actor): boolean {
    return isPrefectureAdmin(actor);
  },
  /** The load view: every company for the prefecture and council, its own for a company. */
  loadScope(actor: Actor): { all: true } | { organizationId: string } | null {
    if (isPrefectureAdmin(actor) || isCouncil(actor)) return { all: true };
    if (hasRole(actor, 'company_member') && actor.organizationKind === 'company')
      return { organizationId: actor.organizationId };
    return null;
  },
};
