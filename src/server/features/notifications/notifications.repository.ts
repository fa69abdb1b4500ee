import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import type { EmailDelivery, NotificationKind } from '../../../shared/notification-kinds';
import type { Database, Executor } from '../../db/client';
import { notificationPreferences, notifications, users } from '../../db/schema';

/** Every query of the inbox and the preferences; always by the owner's user id. */

export async function listOwn(
  db: Database,
  userId: string,
  options: { before?: Date; limit: number; unreadOnly: boolean },
) {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        options.before ? lt(notifications.createdAt, options.before) : undefined,
        options.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit);
}

export async function countUnread(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one of the owner's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Database, userId: string, id: string, now: Date): Promise<boolean> {
  const owned = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (owned.length === 0) return false;
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)));
  return true;
}

export async function markAllRead(db: Database, userId: string, now: Date): Promise<number> {
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

export async function findPreferences(executor: Executor, userId: string) {
  const [row] = await executor
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row ?? null;
}

/** The first save: inserted at version 1; false when another request saved first (a conflict). */
export async function insertPreferences(
  executor: Executor,
  userId: string,
  emailByKind: Partial<Record<NotificationKind, EmailDelivery>>,
  now: Date,
): Promise<boolean> {
  const rows = await executor
    .insert(notificationPreferences)
    .values({ userId, emailByKind, createdAt: now, updatedAt: now, createdBy: userId, updatedBy: userId })
    .onConflictDoNothing({ target: notificationPreferences.userId })
    .returning({ id: notificationPreferences.id });
  return rows.length === 1;
}

/** People with notifications waiting for their daily digest, at most `limit` of them per pass. */
export async function usersWithDigestDue(db: Database, createdBefore: Date, limit: number) {
  return db
    .selectDistinct({
      userId: notifications.userId,
      prefectureId: notifications.prefectureId,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(
      and(
        eq(notifications.emailDelivery, 'digest'),
        isNull(notifications.digestedAt),
        lt(notifications.createdAt, createdBefore),
        eq(users.isActive, true),
      ),
    )
    .limit(limit);
}

export async function digestItems(executor: Executor, userId: string, createdBefore: Date) {
  return executor
    .select({
      id: notifications.id,
      title: notifications.title,
      linkPath: notifications.linkPath,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.emailDelivery, 'digest'),
        isNull(notifications.digestedAt),
        lt(notifications.createdAt, createdBefore),
      ),
    )
    .orderBy(notifications.createdAt);
}

export async function markDigested(executor: Executor, userId: string, createdBefore: Date, now: Date) {
  await executor
    .update(notifications)
    .set({ digestedAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.emailDelivery, 'digest'),
        isNull(notifications.digestedAt),
        lt(notifications.createdAt, createdBefore),
      ),
    );
}
