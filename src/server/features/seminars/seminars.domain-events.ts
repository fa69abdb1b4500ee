import type { Database } from '../../db/client';
import { notify } from '../../platform/notifications/notify';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { onEvent } from '../../platform/jobs/runner';
import * as repo from './seminars.repository';
import * as registrationsRepo from './seminars.registrations.repository';
import { promotedFromWaitlistMail } from './seminars.mails';

declare module '../../platform/jobs/events' {
  interface DomainEventMap {
    /** A waiting-list registration got a seat because a seat holder cancelled. */
    'seminars.seat_given': { registrationId: string; eventId: string };
  }
}

/**
 * Tells the attendee who moved up from the waiting list, in the language of their account.
 * Runs after the cancellation committed; the mail's dedupe key makes a retried run queue nothing.
 * A registration cancelled again before the job ran gets no mail.
 */
export async function mailSeatGiven(
  db: Database,
  publicUrl: string,
  now: Date,
  event: { id: string; prefectureId: string | null; payload: { registrationId: string; eventId: string } },
): Promise<void> {
  if (!event.prefectureId) return;
  const registration = await registrationsRepo.findRegistration(
    db,
    event.prefectureId,
    event.payload.registrationId,
  );
  const seminar = await repo.findEvent(db, event.prefectureId, event.payload.eventId);
  if (!registration || !seminar || registration.status !== 'registered') return;
  const locale = mailLocaleOf(await registrationsRepo.attendeeLocale(db, registration));
  await notify(db, {
    prefectureId: event.prefectureId,
    kind: 'seminars.seat_given',
    recipient: registration.userId
      ? { userId: registration.userId, email: registration.attendeeEmail }
      : { email: registration.attendeeEmail },
    dedupeKey: `seminars.seat_given:${event.id}`,
    publicUrl,
    now,
    mail: composeMail(
      promotedFromWaitlistMail,
      {
        attendeeName: registration.attendeeName,
        eventTitle: seminar.title,
        startsAt: seminar.startsAt,
        publicUrl,
        eventId: seminar.id,
      },
      locale,
    ),
  });
}

export const seminarEventHandlers = (publicUrl: string) => [
  onEvent('seminars.seat_given', 'seminars.mail-seat-given', (event, { db, now }) =>
    mailSeatGiven(db, publicUrl, now, event),
  ),
];
