import { type Actor, isPrefectureAdmin } from '../../platform/context';

/**
 * Accounts are managed by the prefecture's administrators, for their own
 * prefecture only. Everyone else manages nothing here: they change their
 * own password through the auth routes.
 */
export const accountsPolicy = {
  canManageUsers(actor: Actor | null, prefectureId: string): actor is Actor {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
  /** Used for the rules an administrator may not apply to themself (deactivation, losing the admin role, MFA reset). */
  isSelf(actor: Actor, userId: string): boolean {
    return actor.userId === userId;
  },
};
