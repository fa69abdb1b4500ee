import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { loginThrottle } from '../../db/schema';
import type { AppConfig } from '../../platform/deps';

/**
 * Counters for sign-in failures that belong to no account row (login_throttle): per client
 * address, so one place cannot spray passwords across many accounts, and per unknown e-mail
 * address, so an unknown address is held back exactly like a known one and the answer does not
 * tell which addresses have accounts.
 */
export type ThrottleLimit = NonNullable<AppConfig['addressLimit']>;

export const addressKey = (address: string) => `ip:${address}`;
export const unknownEmailKey = (email: string) =>
  `email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;

export async function isThrottled(db: Database, key: string, now: Date): Promise<boolean> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return Boolean(row?.blockedUntil && row.blockedUntil > now);
}

/** Counts one failure under `key` (the count starts again after the window); true when now blocked. */
export async function recordThrottledFailure(
  db: Database,
  key: string,
  limit: ThrottleLimit,
  now: Date,
): Promise<boolean> {
  const windowStart = new Date(now.getTime() - limit.minutes * 60_000);
  const blockedUntil = new Date(now.getTime() + limit.minutes * 60_000);
  // Raw SQL parameters: postgres-js takes no Date there (PGlite does), so instants go as ISO text.
  const windowStartAt = sql`${windowStart.toISOString()}::timestamptz`;
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStartAt} then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStartAt} then ${nowAt} else ${loginThrottle.windowStartedAt} end`,
      },
    })
    .returning();
  if (row && row.failures >= limit.maxFailures) {
    await db
      .update(loginThrottle)
      .set({ blockedUntil, failures: 0, windowStartedAt: now })
      .where(eq(loginThrottle.key, key));
    return true;
  }
  return false;
}

/** Old rows are of no use once their window and block have passed. */
export async function deleteStaleThrottles(db: Database, now: Date, limit: ThrottleLimit): Promise<void> {
  const cutoff = new Date(now.getTime() - limit.minutes * 60_000);
  await db
    .delete(loginThrottle)
    .where(
      and(
        lt(loginThrottle.windowStartedAt, cutoff),
        or(isNull(loginThrottle.blockedUntil), lt(loginThrottle.blockedUntil, now)),
      ),
    );
}
