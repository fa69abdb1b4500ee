import { type EmailDelivery, notificationKinds } from '../../../shared/notification-kinds';
import type {
  NotificationItem,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesUpdate,
} from '../../../shared/schemas/notifications';
import { toJstDateString } from '../../../shared/fiscal-year';
import { notificationPreferences } from '../../db/schema';
import { recordAudit } from '../../platform/audit';
import { type RequestContext, requireActor } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { enqueueMailOnce } from '../../platform/mail/outbox';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { digestMail } from './notifications.mails';
import * as repo from './notifications.repository';

/** How many notifications one digest mail lists; the rest are counted and wait in the inbox. */
const digestListLimit = 50;
/** People handled per digest pass; the job runs again in 15 minutes for the rest. */
const digestUsersPerPass = 500;

/**
 * The in-app inbox and e-mail preferences of the signed-in person (never anyone else's: every
 * query is by the session's user id), and the daily digest. Notifications are written by
 * platform/notifications (`notify`), which every feature calls in its own transaction.
 */
export function createNotificationsService(deps: ServiceDeps) {
  const { db, config } = deps;

  async function preferencesOf(userId: string): Promise<NotificationPreferences> {
    const row = await repo.findPreferences(db, userId);
    const chosen = row?.emailByKind ?? {};
    const emailByKind = Object.fromEntries(
      notificationKinds.map((kind) => [kind, chosen[kind] ?? 'immediate']),
    ) as Record<(typeof notificationKinds)[number], EmailDelivery>;
    return { version: row?.version ?? 0, emailByKind };
  }

  return {
    async list(
      ctx: RequestContext,
      query: NotificationListQuery,
    ): Promise<{ items: NotificationItem[]; unreadCount: number; nextBefore: string | null }> {
      const actor = requireActor(ctx);
      const rows = await repo.listOwn(db, actor.userId, {
        ...(query.before ? { before: new Date(query.before) } : {}),
        limit: query.limit,
        unreadOnly: query.unreadOnly === 'true',
      });
      const items = rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        title: row.title,
        linkPath: row.linkPath,
        createdAt: row.createdAt.toISOString(),
        readAt: row.readAt?.toISOString() ?? null,
      }));
      const last = items[items.length - 1];
      return {
        items,
        unreadCount: await repo.countUnread(db, actor.userId),
        nextBefore: items.length === query.limit && last ? last.createdAt : null,
      };
    },

    async unreadCount(ctx: RequestContext): Promise<{ count: number }> {
      const actor = requireActor(ctx);
      return { count: await repo.countUnread(db, actor.userId) };
    },

    async markRead(ctx: RequestContext, id: string): Promise<void> {
      const actor = requireActor(ctx);
      // Another person's notification is answered exactly like one that does not exist.
      if (!(await repo.markRead(db, actor.userId, id, ctx.now))) throw new AppError('NOT_FOUND');
    },

    async markAllRead(ctx: RequestContext): Promise<{ updated: number }> {
      const actor = requireActor(ctx);
      return { updated: await repo.markAllRead(db, actor.userId, ctx.now) };
    },

    async preferences(ctx: RequestContext): Promise<NotificationPreferences> {
      return preferencesOf(requireActor(ctx).userId);
    },

    async updatePreferences(
      ctx: RequestContext,
      input: NotificationPreferencesUpdate,
    ): Promise<NotificationPreferences> {
      const actor = requireActor(ctx);
      const before = await preferencesOf(actor.userId);
      const emailByKind = { ...before.emailByKind, ...input.emailByKind };
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            if (input.version === 0) {
              // First save: a row written meanwhile by another tab is a conflict like any other.
              const isInserted = await repo.insertPreferences(tx, actor.userId, emailByKind, ctx.now);
              if (!isInserted) throw new AppError('VERSION_CONFLICT');
            } else {
              const row = await repo.findPreferences(tx, actor.userId);
              if (!row) throw new AppError('VERSION_CONFLICT');
              await updateVersioned(
                tx,
                notificationPreferences,
                row.id,
                input.version,
                { emailByKind },
                actor.userId,
                ctx.now,
              );
            }
            await recordAudit(tx, ctx, {
              action: 'notification_preferences.update',
              entityType: 'notification_preferences',
              entityId: actor.userId,
              before: before.emailByKind,
              after: emailByKind,
            });
          }),
        () => preferencesOf(actor.userId),
      );
      return preferencesOf(actor.userId);
    },

    /**
     * Queues the daily digest of each person who chose it for some kinds: at or after 08:00 JST,
     * once per person and day (the mail's dedupe key), listing what arrived before that 08:00.
     */
    async sendDigests(now: Date): Promise<{ queued: number }> {
      const cutOff = latestDigestTime(now);
      const day = toJstDateString(cutOff);
      let queued = 0;
      for (const person of await repo.usersWithDigestDue(db, cutOff, digestUsersPerPass)) {
        await db.transaction(async (tx) => {
          const items = await repo.digestItems(tx, person.userId, cutOff);
          if (items.length === 0) return;
          const mail = composeMail(
            digestMail,
            {
              recipientName: person.displayName,
              day: cutOff,
              items: items.slice(0, digestListLimit),
              moreCount: Math.max(0, items.length - digestListLimit),
              publicUrl: config.publicUrl,
            },
            mailLocaleOf(person.locale),
          );
          const isQueued = await enqueueMailOnce(tx, {
            prefectureId: person.prefectureId,
            to: person.email,
            ...mail,
            dedupeKey: `digest:${person.userId}:${day}`,
          });
          await repo.markDigested(tx, person.userId, cutOff, now);
          if (isQueued) queued++;
        });
      }
      return { queued };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;

/** The most recent 08:00 in Japan at or before `now`. */
export function latestDigestTime(now: Date): Date {
  const today = new Date(`${toJstDateString(now)}T08:00:00+09:00`);
  return today.getTime() <= now.getTime() ? today : new Date(today.getTime() - 24 * 3_600_000);
}
