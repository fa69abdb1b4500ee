/**
 * Reminders: one mail per seat holder of an event starting within the next hours, with the join
 * details, once per registration, in the attendee's language.
 */
import type { Executor } from '../../db/client';
import { notify } from '../../platform/notifications/notify';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { seminarReminderMail } from './seminars.mails';
import * as registrationsRepo from './seminars.registrations.repository';

/**
 * Queues one reminder per registered (not waitlisted) attendee of events starting within the next
 * 24 hours, once per registration. The reminder carries the join URL and passcode: it goes only to
 * the attendee who holds the seat. Each is claimed in its own transaction, so two processes
 * running this at once send each reminder once.
 */
export async function sendSeminarReminders(
  db: Executor,
  now: Date,
  publicUrl: string,
  hoursAhead = 24,
): Promise<number> {
  const until = new Date(now.getTime() + hoursAhead * 3_600_000);
  const due = await registrationsRepo.listDueReminders(db, now, until);
  let sent = 0;
  for (const { reg, event } of due) {
    await db.transaction(async (tx) => {
      if (!(await registrationsRepo.claimReminder(tx, reg.id, now))) return;
      const locale = mailLocaleOf(await registrationsRepo.attendeeLocale(tx, reg));
      await notify(tx, {
        prefectureId: reg.prefectureId,
        kind: 'seminars.reminder',
        recipient: reg.userId
          ? { userId: reg.userId, email: reg.attendeeEmail }
          : { email: reg.attendeeEmail },
        publicUrl,
        now,
        mail: composeMail(
          seminarReminderMail,
          {
            attendeeName: reg.attendeeName,
            eventTitle: event.title,
            startsAt: event.startsAt,
            joinUrl: event.joinUrl,
            passcode: event.passcode,
            publicUrl,
            eventId: event.id,
          },
          locale,
        ),
      });
      sent++;
    });
  }
  return sent;
}
