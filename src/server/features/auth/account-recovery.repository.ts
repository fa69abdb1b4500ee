import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { oneTimeTokens, organizations, users } from '../../db/schema';

/** What a one-time link in an e-mail is for. */
export type OneTimePurpose = 'password_reset' | 'invitation';

/** Locks the user's row for the rest of the transaction, so concurrent requests for one account queue up. */
export async function lockUser(executor: Executor, userId: string) {
  const rows = await executor.select().from(users).where(eq(users.id, userId)).for('update');
  return rows[0] ?? null;
}

export async function countTokensCreatedSince(
  executor: Executor,
  userId: string,
  purpose: OneTimePurpose,
  since: Date,
): Promise<number> {
  const [row] = await executor
    .select({ count: count() })
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.userId, userId),
        eq(oneTimeTokens.purpose, purpose),
        gt(oneTimeTokens.createdAt, since),
      ),
    );
  return Number(row?.count ?? 0);
}

/**
 * Ends the user's still-open links of this purpose. They expire rather than
 * count as used, and stay in the table (until housekeeping) so that rate
 * limits can still count them.
 */
export async function expireOpenTokens(
  executor: Executor,
  userId: string,
  purpose: OneTimePurpose,
  now: Date,
): Promise<void> {
  await executor
    .update(oneTimeTokens)
    .set({ expiresAt: now })
    .where(
      and(
        eq(oneTimeTokens.userId, userId),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    );
}

export async function insertToken(executor: Executor, values: typeof oneTimeTokens.$inferInsert) {
  await executor.insert(oneTimeTokens).values(values);
}

/** An unused, unexpired link with its user and the user's organization. */
export async function findOpenToken(
  executor: Executor,
  tokenHash: string,
  purpose: OneTimePurpose,
  now: Date,
) {
  const rows = await executor
    .select({ token: oneTimeTokens, user: users, organization: organizations })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    );
  return rows[0] ?? null;
}

/**
 * Marks a link used if, and only if, it is still open: of two requests racing
 * with the same link exactly one gets the user id back.
 */
export async function consumeToken(
  executor: Executor,
  tokenHash: string,
  purpose: OneTimePurpose,
  now: Date,
): Promise<string | null> {
  const rows = await executor
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .returning({ userId: oneTimeTokens.userId });
  return rows[0]?.userId ?? null;
}

/**
 * Sets a new password and clears any lockout: whoever proves control of the
 * password (or of the mailbox) may sign in again at once.
 */
export async function setPassword(
  executor: Executor,
  userId: string,
  values: { passwordHash: string; now: Date },
) {
  const rows = await executor
    .update(users)
    .set({
      passwordHash: values.passwordHash,
      passwordChangedAt: values.now,
      failedLoginCount: 0,
      lockedUntil: null,
    })
    .where(eq(users.id, userId))
    .returning();
  return rows[0]!;
}

/** The invited person confirms their name: an edit of the account, so its version moves. */
export async function setDisplayNameByOwner(
  executor: Executor,
  userId: string,
  displayName: string,
  now: Date,
) {
  const rows = await executor
    .update(users)
    .set({ displayName, version: sql`${users.version} + 1`, updatedAt: now, updatedBy: userId })
    .where(eq(users.id, userId))
    .returning();
  return rows[0]!;
}
