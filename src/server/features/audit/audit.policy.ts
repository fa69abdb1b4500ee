import { type Actor, isPrefectureAdmin } from '../../platform/context';

/**
 * The audit trail and the mail outbox show everyone's actions and the links
 * sent to them (sign-in links included), so only the prefecture's
 * administrators read them, and only for their own prefecture.
 */
export const auditPolicy = {
  canReadAuditLog(actor: Actor | null, prefectureId: string): boolean {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
  canReadOutbox(actor: Actor | null, prefectureId: string): boolean {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
};
