import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';

/**
 * Who may do what with calls, applications and allocation runs. The prefecture admin runs the
 * call and may draft for a town as proxy; a town's staff apply for their own municipality and its
 * head confirms; the council reads the planner and every support project; a company reads only
 * the projects of its own menus, and only once they exist (after publication).
 */
export const applicationsPolicy = {
  isAdmin(actor: Actor | null): boolean {
    return isPrefectureAdmin(actor);
  },
  isTownUser(actor: Actor, municipalityId: string): boolean {
    return (
      hasRole(actor, 'municipality_staff', 'municipality_head') &&
      actor.organizationKind === 'municipality' &&
      actor.municipalityId === municipalityId
    );
  },
  isTownStaff(actor: Actor, municipalityId: string): boolean {
    return hasRole(actor, 'municipality_staff') && this.isTownUser(actor, municipalityId);
  },
  isTownHead(actor: Actor, municipalityId: string): boolean {
    return hasRole(actor, 'municipality_head') && this.isTownUser(actor, municipalityId);
  },
  /** A municipality user of any town (what a call's "apply" ability is computed from). */
  ownMunicipality(actor: Actor): string | null {
    if (!hasRole(actor, 'municipality_staff', 'municipality_head')) return null;
    return actor.organizationKind === 'municipality' ? actor.municipalityId : null;
  },
  canApplyFor(actor: Actor, municipalityId: string): boolean {
    return this.isAdmin(actor) || this.isTownStaff(actor, municipalityId);
  },
  canReadApplication(actor: Actor, application: { municipalityId: string }): boolean {
    return this.isAdmin(actor) || this.isTownUser(actor, application.municipalityId);
  },
  canPlan(actor: Actor): boolean {
    return (
      this.isAdmin(actor) || (hasRole(actor, 'council_secretariat') && actor.organizationKind === 'council')
    );
  },
  /** Whose support projects the actor sees: all, one municipality's, one company's, or none. */
  supportProjectScope(
    actor: Actor,
  ): { all: true } | { municipalityId: string } | { organizationId: string } | null {
    if (this.canPlan(actor)) return { all: true };
    const town = this.ownMunicipality(actor);
    if (town) return { municipalityId: town };
    if (hasRole(actor, 'company_member') && actor.organizationKind === 'company')
      return { organizationId: actor.organizationId };
    return null;
  },
};
