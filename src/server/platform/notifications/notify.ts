import { eq } from 'drizzle-orm';
import {
  type EmailDelivery,
  mandatoryMailKinds,
  type NotificationKind,
} from '../../../shared/notification-kinds';
import type { Executor } from '../../db/client';
import { notificationPreferences, notifications } from '../../db/schema';
import { enqueueMail, enqueueMailOnce } from '../mail/outbox';
import type { ComposedMail } from '../mail/templates';

/** Who is told: an account (inbox, and mail by its preferences), or only an address (mail only). */
export type NotificationRecipient = { userId: string; email: string } | { userId?: undefined; email: string };

export interface Notification {
  prefectureId: string | null;
  kind: NotificationKind;
  recipient: NotificationRecipient;
  /** The mail as composed in the recipient's language; its subject is the inbox title. */
  mail: ComposedMail;
  /** The app's public URL the mail's links start with: the first such link is the inbox entry's link. */
  publicUrl: string;
  /** One notification per key, for senders that may run twice (event handlers, scheduled reminders). */
  dedupeKey?: string;
  now: Date;
}

export type NotifyResult = 'mailed' | 'in-digest' | 'inbox-only' | 'duplicate';

/**
 * The one way a feature tells someone something. In the caller's transaction (so a rolled-back
 * change tells nobody): an inbox entry for an account, and the mail at once, in the daily digest,
 * or not at all, as the person chose for that kind. One-time sign-in links (invitations, resets)
 * are always mailed at once and never kept in an inbox.
 */
export async function notify(tx: Executor, notification: Notification): Promise<NotifyResult> {
  const { recipient, kind, mail } = notification;
  const isMandatory = mandatoryMailKinds.includes(kind);
  if (!recipient.userId || isMandatory) {
    return (await queueMail(tx, notification)) ? 'mailed' : 'duplicate';
  }
  const delivery = await emailDeliveryFor(tx, recipient.userId, kind);
  const inserted = await tx
    .insert(notifications)
    .values({
      prefectureId: notification.prefectureId,
      userId: recipient.userId,
      kind,
      title: mail.subject,
      linkPath: firstAppPath(mail.bodyText, notification.publicUrl),
      emailDelivery: delivery,
      dedupeKey: notification.dedupeKey ?? null,
      createdAt: notification.now,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  if (inserted.length === 0) return 'duplicate';
  if (delivery === 'digest') return 'in-digest';
  if (delivery === 'off') return 'inbox-only';
  await queueMail(tx, notification);
  return 'mailed';
}

async function queueMail(tx: Executor, notification: Notification): Promise<boolean> {
  const outgoing = {
    prefectureId: notification.prefectureId,
    to: notification.recipient.email,
    subject: notification.mail.subject,
    bodyText: notification.mail.bodyText,
  };
  if (notification.dedupeKey) return enqueueMailOnce(tx, { ...outgoing, dedupeKey: notification.dedupeKey });
  await enqueueMail(tx, outgoing);
  return true;
}

export async function emailDeliveryFor(
  executor: Executor,
  userId: string,
  kind: NotificationKind,
): Promise<EmailDelivery> {
  const [row] = await executor
    .select({ emailByKind: notificationPreferences.emailByKind })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row?.emailByKind[kind] ?? 'immediate';
}

/** The path of the first link in a mail that points into the app (`${publicUrl}/…`), or null. */
export function firstAppPath(text: string, publicUrl: string): string | null {
  const base = publicUrl.replace(/\/+$/, '');
  for (const match of text.matchAll(/https?:\/\/[^\s」）)"<>]+/g)) {
    const link = match[0];
    if (!link.startsWith(`${base}/`)) continue;
    const url = new URL(link);
    return `${url.pathname}${url.search}`;
  }
  return null;
}
