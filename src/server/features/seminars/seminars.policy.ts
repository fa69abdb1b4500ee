import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';

/**
 * Seminars are announced to everyone in the prefecture; the prefecture admin runs them.
 * Municipality users register (for themselves or their head) and see only their own
 * municipality's registrations and reach. Join details and the archive go only to the
 * entitled: decided in the service from these predicates and the registration state.
 */
export const seminarsPolicy = {
  canRead(actor: Actor | null, prefectureId: string): boolean {
    return actor !== null && actor.prefectureId === prefectureId;
  },
  canManage(actor: Actor | null, prefectureId: string): boolean {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
  /** A municipality user acting for its own municipality. */
  canRegisterFor(actor: Actor | null, municipalityId: string | null): boolean {
    return (
      hasRole(actor, 'municipality_staff', 'municipality_head') &&
      actor.municipalityId !== null &&
      actor.municipalityId === municipalityId
    );
  },
  canSeeRegistrationsOf(actor: Actor | null, municipalityId: string): boolean {
    if (actor === null) return false;
    return actor.roles.includes('prefecture_admin') || actor.municipalityId === municipalityId;
  },
  /** Whole-prefecture reports (every municipality) are the admin's; a municipality reads its own row. */
  canReadReach(actor: Actor | null): boolean {
    return isPrefectureAdmin(actor) || hasRole(actor, 'municipality_staff', 'municipality_head');
  },
};
