import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { EmailDelivery, NotificationKind } from '../../../shared/notification-kinds';
import { editable, id, requiredRef } from './columns';
import { users } from './accounts';
import { prefectures } from './tenancy';

/**
 * A person's in-app inbox: one row per thing the platform told them (a survey opened, a decision,
 * a seat given). Written by platform/notifications in the transaction of the change, beside the
 * mail when the person wants it at once; a daily digest collects the ones they want once a day.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    prefectureId: uuid('prefecture_id').references(() => prefectures.id),
    userId: requiredRef('user_id', () => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<NotificationKind>().notNull(),
    /** The mail's subject, in the language of the recipient's account when it was written. */
    title: text('title').notNull(),
    /** The app page it is about (path only, e.g. /surveys/…/answer), or null. */
    linkPath: text('link_path'),
    /** How the mail was to go out when it was written: now, in the daily digest, or not at all. */
    emailDelivery: text('email_delivery').$type<EmailDelivery>().notNull(),
    /** Set when the daily digest carrying it was queued. */
    digestedAt: timestamp('digested_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Makes notifying idempotent for senders that may run twice (retried event handlers). */
    dedupeKey: text('dedupe_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notifications_user_created').on(t.userId, t.createdAt),
    index('notifications_unread').on(t.userId).where(sql`${t.readAt} is null`),
    index('notifications_digest_due')
      .on(t.userId)
      .where(sql`${t.emailDelivery} = 'digest' and ${t.digestedAt} is null`),
  ],
);

/** Which kinds a person wants by e-mail at once, in a daily digest, or only in the inbox. */
export const notificationPreferences = pgTable('notification_preferences', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Kind → delivery; a kind not listed goes at once (the default). */
  emailByKind: jsonb('email_by_kind')
    .$type<Partial<Record<NotificationKind, EmailDelivery>>>()
    .notNull()
    .default({}),
  ...editable(),
});
