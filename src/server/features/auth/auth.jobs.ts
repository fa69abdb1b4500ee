import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { oneTimeTokens } from '../../db/schema';
import { deleteExpiredSessions, type SessionPolicy } from '../../platform/auth/sessions';
import type { JobDefinition } from '../../platform/jobs/runner';
import { deleteStaleThrottles } from './sign-in-throttle';

const day = 24 * 3_600_000;

/**
 * Expired sessions are refused on use anyway; this keeps the table small. Used or expired
 * one-time links are kept a week for the audit trail's sake, then removed; sign-in throttles once
 * their window has passed.
 */
export async function deleteExpiredCredentials(
  db: Database,
  policy: SessionPolicy,
  now: Date,
): Promise<void> {
  await deleteExpiredSessions(db, policy, now);
  const weekAgo = new Date(now.getTime() - 7 * day);
  await db
    .delete(oneTimeTokens)
    .where(
      or(
        lt(oneTimeTokens.expiresAt, weekAgo),
        and(isNotNull(oneTimeTokens.usedAt), lt(oneTimeTokens.createdAt, weekAgo)),
      ),
    );
  // Sign-in counters per address or unknown e-mail, once their window and hold have passed.
  await deleteStaleThrottles(db, now, { maxFailures: 0, minutes: 60 });
}

export function credentialCleanupJob(policy: SessionPolicy): JobDefinition {
  return {
    kind: 'auth.credential-cleanup',
    everyMs: 10 * 60_000,
    run: ({ db, now }) => deleteExpiredCredentials(db, policy, now),
  };
}
