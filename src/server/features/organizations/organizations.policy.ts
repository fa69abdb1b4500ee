import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';

/**
 * Who sees which organizations. The prefecture's administrators and the
 * council secretariat coordinate everyone, so they see every organization;
 * the others see only their own. Members lists go only to administrators and
 * to the organization's own members (colleagues), never to outsiders: a
 * company must not learn who works for another company.
 */
export const organizationsPolicy = {
  canListAll(actor: Actor | null, prefectureId: string): boolean {
    return hasRole(actor, 'prefecture_admin', 'council_secretariat') && actor.prefectureId === prefectureId;
  },
  canManage(actor: Actor | null, prefectureId: string): boolean {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
  canViewMembers(actor: Actor | null, organization: { id: string; prefectureId: string }): boolean {
    if (actor === null || actor.prefectureId !== organization.prefectureId) return false;
    return actor.organizationId === organization.id || actor.roles.includes('prefecture_admin');
  },
  /** Account status (invited, locked, deactivated) is administrative detail. */
  canSeeMemberStatus(actor: Actor | null): boolean {
    return isPrefectureAdmin(actor);
  },
};
