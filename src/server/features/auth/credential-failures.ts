import type { Database } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import type { AppConfig } from '../../platform/deps';
import { updateUserSecurity } from './auth.repository';

/**
 * Counts one wrong password or code against the account. From the limit on, each failure holds
 * the account back for a while: one minute, then twice as long with every further failure, up to
 * `lockout.minutes`. The owner is thus never kept out for long by someone else's guesses, while
 * guessing stays slow; a successful sign-in or a password reset (by mail) clears the count.
 * Every place that checks a credential uses this, so the hold cannot be sidestepped through
 * another form. Returns whether the account is now held back.
 */
export async function recordCredentialFailure(
  db: Database,
  ctx: RequestContext,
  lockout: AppConfig['lockout'],
  user: { id: string; prefectureId: string; failedLoginCount: number; lockedUntil: Date | null },
  failureAction: string,
): Promise<boolean> {
  const failures = user.failedLoginCount + 1;
  const isNowLocked = failures >= lockout.maxFailures;
  const delayMinutes = Math.min(lockout.minutes, 2 ** Math.min(20, failures - lockout.maxFailures));
  await db.transaction(async (tx) => {
    await updateUserSecurity(tx, user.id, {
      failedLoginCount: failures,
      lockedUntil: isNowLocked ? new Date(ctx.now.getTime() + delayMinutes * 60_000) : user.lockedUntil,
    });
    await recordAudit(tx, ctx, {
      prefectureId: user.prefectureId,
      action: isNowLocked ? 'auth.locked' : failureAction,
      entityType: 'user',
      entityId: user.id,
    });
  });
  return isNowLocked;
}
