import type { Database } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import type { AppConfig } from '../../platform/deps';
import { updateUserSecurity } from './auth.repository';

/**
 * Counts one wrong password or code against the account, locking it when the
 * limit is reached (the count then starts again). Every place that checks a
 * credential uses this, so the lockout cannot be sidestepped through another
 * form. Returns whether the account is now locked.
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
  await db.transaction(async (tx) => {
    await updateUserSecurity(tx, user.id, {
      failedLoginCount: isNowLocked ? 0 : failures,
      lockedUntil: isNowLocked ? new Date(ctx.now.getTime() + lockout.minutes * 60_000) : user.lockedUntil,
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
