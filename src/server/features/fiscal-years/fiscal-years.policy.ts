import { type Actor, isPrefectureAdmin } from '../../platform/context';

/**
 * A year's plan (programs, budgets, phase dates and deadlines) is what the
 * prefecture announces to everyone taking part, so every signed-in user of
 * the prefecture reads it. Only prefecture admins plan and change it.
 */
export const fiscalYearsPolicy = {
  canList(actor: Actor | null, prefectureId: string): boolean {
    return actor !== null && actor.prefectureId === prefectureId;
  },
  canRead(actor: Actor | null, fiscalYear: { prefectureId: string }): boolean {
    return actor !== null && actor.prefectureId === fiscalYear.prefectureId;
  },
  canManage(actor: Actor | null, prefectureId: string): boolean {
    return isPrefectureAdmin(actor) && actor.prefectureId === prefectureId;
  },
};
