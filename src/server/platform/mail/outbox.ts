import type { Executor } from '../../db/client';
import { mailOutbox } from '../../db/schema';

export interface OutgoingMail {
  /** The tenant the mail belongs to; administrators of that prefecture see it in the outbox. */
  prefectureId: string | null;
  to: string;
  subject: string;
  bodyText: string;
}

/**
 * Queues a mail in the caller's transaction: if the change that causes the
 * mail rolls back, no mail goes out, and if it commits, the mail is not lost
 * even when SMTP is down or not configured. The sender delivers it later.
 */
export async function enqueueMail(executor: Executor, mail: OutgoingMail): Promise<{ id: string }> {
  const [row] = await executor
    .insert(mailOutbox)
    .values({
      prefectureId: mail.prefectureId,
      toAddress: mail.to,
      subject: mail.subject,
      bodyText: mail.bodyText,
    })
    .returning({ id: mailOutbox.id });
  return row!;
}

/**
 * Queues a mail at most once per `dedupeKey`, for senders that may run more than once (an event
 * handler retried after a crash). Answers false when a mail with that key was already queued.
 */
export async function enqueueMailOnce(
  executor: Executor,
  mail: OutgoingMail & { dedupeKey: string },
): Promise<boolean> {
  const rows = await executor
    .insert(mailOutbox)
    .values({
      prefectureId: mail.prefectureId,
      toAddress: mail.to,
      subject: mail.subject,
      bodyText: mail.bodyText,
      dedupeKey: mail.dedupeKey,
    })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  return rows.length === 1;
}
