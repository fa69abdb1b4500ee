import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';

/**
 * Seminars are announced to everyone in the prefecture; the prefecture admin runs them.
 * Municipality users register (for themselves or their head) and see only their own
 * municipality's registrations and reach. Join details and the archive go only to the
 * entitled: decided in the service from these predicates and the registration state.
 *
 * Reading needs no predicate beyond being signed in: every query is scoped to the actor's
 * prefecture, so another tenant's seminar is a 404, not a 403.
 */
export const seminarsPolicy = {
  /** The prefecture admin, acting on their own prefecture (the services scope every query to it). */
  canManage(actor: Actor | null): boolean {
    return isPrefectureAdmin(actor);
  },
  /** Attendance is the prefecture's record: it marks it by hand or imports the webinar tool's report. */
  canRecordAttendance(actor: Actor | null): boolean {
    return isPrefectureAdmin(actor);
  },
  /** A municipality user acting for its own municipality. */
  canRegisterFor(actor: Actor | null, municipalityId: string | null): boolean {
    return (
      hasRole(actor, 'municipality_staff', 'municipality_head') &&
      actor.municipalityId !== null &&
      actor.municipalityId === municipalityId
    );
  },
  /** Whole-prefecture reports (every municipality) are the admin's; a municipality reads its own row. */
  canReadReach(actor: Actor | null): boolean {
    return isPrefectureAdmin(actor) || hasRole(actor, 'municipality_staff', 'municipality_head');
  },
};
