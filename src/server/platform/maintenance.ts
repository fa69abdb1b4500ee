import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { oneTimeTokens } from '../db/schema';
import { deleteStaleThrottles } from '../features/auth/sign-in-throttle';
import { sendSeminarReminders } from '../features/seminars/seminars.service';
import { deleteExpiredSessions, type SessionPolicy } from './auth/sessions';

/**
 * Housekeeping that every process may run: deleting is idempotent, so two
 * processes doing it at once is harmless. Expired sessions are also refused
 * on use; this only keeps the tables small.
 */
export async function runMaintenance(db: Database, policy: SessionPolicy, now: Date): Promise<void> {
  await deleteExpiredSessions(db, policy, now);
  // Used or expired one-time links are kept a week for the audit trail's sake, then removed.
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3_600_000);
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
  // Seminar reminders (join details to seat holders, once each) go to the outbox.
  await sendSeminarReminders(db, now);
}

export function startMaintenance(
  db: Database,
  policy: SessionPolicy,
  logger: Logger,
  intervalMs = 10 * 60_000,
) {
  const run = () =>
    runMaintenance(db, policy, new Date()).catch((err) => logger.warn({ err }, 'maintenance run failed'));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
