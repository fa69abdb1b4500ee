import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';

/**
 * Who reads which report. The prefecture and the council read every report (budget, summary
 * sheets, any municipality's profile); a municipality reads only its own profile, where the rest
 * of the prefecture appears as anonymised averages; companies and reviewers read none. Open data
 * needs no policy: it is public and holds only aggregates (ADR 015).
 */
export const reportsPolicy = {
  canReadPrefectureReports(actor: Actor): boolean {
    const isCouncil = actor.roles.includes('council_secretariat') && actor.organizationKind === 'council';
    return isCouncil || isPrefectureAdmin(actor);
  },
  /** The municipality a town user may see the profile of (null for everyone else). */
  ownMunicipality(actor: Actor): string | null {
    if (!hasRole(actor, 'municipality_staff', 'municipality_head')) return null;
    return actor.organizationKind === 'municipality' ? actor.municipalityId : null;
  },
  canReadProfile(actor: Actor, municipalityId: string): boolean {
    return this.canReadPrefectureReports(actor) || this.ownMunicipality(actor) === municipalityId;
  },
};
