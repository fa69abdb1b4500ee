/**
 * Registrations and the waiting list: a seat while there are seats, then a place in the queue;
 * a cancelled seat goes to the first in the queue in the same transaction. Every seat decision
 * on an event runs with the event row locked (SELECT … FOR UPDATE), one after the other.
 */
import type { SeminarRegistration, SeminarRegistrationCreate } from '../../../shared/schemas/seminars';
import { audienceGroupOf, isHeadPosition } from '../../domain/seminar-reach';
import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import { hasRole, requireActor, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError, notFound } from '../../platform/errors';
import { changeVersioned, withCurrentOnConflict } from '../../platform/locking';
import { publishEvent } from '../../platform/jobs/events';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { notify } from '../../platform/notifications/notify';
import { registeredMail } from './seminars.mails';
import './seminars.domain-events';
import { seminarsPolicy as policy } from './seminars.policy';
import * as registrationsRepo from './seminars.registrations.repository';
import * as repo from './seminars.repository';
import type { SeminarsModuleDeps } from './seminars.types';
import { loadRegistration, registrationViews } from './seminars.views';

interface Attendee {
  name: string;
  position: string;
  email: string;
  userId: string | null;
  isHead: boolean;
}

export function createSeminarRegistrationsModule({ db, publicUrl }: SeminarsModuleDeps) {
  async function listEventRegistrations(ctx: RequestContext, eventId: string) {
    const actor = requireActor(ctx);
    if (!(await repo.findEvent(db, actor.prefectureId, eventId))) throw notFound();
    if (policy.canManage(actor)) return registrationViews(db, { kind: 'event', eventId });
    assertAllowed(actor.municipalityId !== null);
    return registrationViews(db, { kind: 'event', eventId, municipalityId: actor.municipalityId });
  }

  async function listMyRegistrations(ctx: RequestContext) {
    const actor = requireActor(ctx);
    assertAllowed(actor.municipalityId !== null);
    return registrationViews(db, {
      kind: 'municipality',
      prefectureId: actor.prefectureId,
      municipalityId: actor.municipalityId,
    });
  }

  /** The attendee: the actor, or a person of the actor's municipality named in the request. */
  async function attendeeOf(
    ctx: RequestContext & { actor: NonNullable<RequestContext['actor']> },
    municipalityId: string,
    input: SeminarRegistrationCreate,
  ): Promise<Attendee> {
    const { actor } = ctx;
    if ('isSelf' in input)
      return {
        name: actor.displayName,
        position: '',
        email: actor.email,
        userId: actor.userId,
        isHead: hasRole(actor, 'municipality_head'),
      };
    let isHead = isHeadPosition(input.attendeePosition);
    if (input.userId) {
      const roles = await registrationsRepo.findMunicipalityUserRoles(db, input.userId, municipalityId);
      if (!roles)
        throw fieldError(['userId'], 'この団体の利用者ではありません。', 'Not a user of this municipality.');
      isHead = isHead || roles.includes('municipality_head');
    }
    return {
      name: input.attendeeName,
      position: input.attendeePosition,
      email: input.attendeeEmail.toLowerCase(),
      userId: input.userId ?? null,
      isHead,
    };
  }

  /**
   * Takes a seat, or a place on the waiting list when the seats are gone. The event row is locked
   * (SELECT … FOR UPDATE) so two registrations for the last seat are decided one after the other,
   * and so are two registrations of one municipality against its cap.
   */
  async function register(
    ctx: RequestContext,
    eventId: string,
    input: SeminarRegistrationCreate,
  ): Promise<SeminarRegistration> {
    const signed = signedIn(ctx);
    const { actor } = signed;
    if (!(await repo.findEvent(db, actor.prefectureId, eventId))) throw notFound();
    assertAllowed(policy.canRegisterFor(actor, actor.municipalityId));
    const municipalityId = actor.municipalityId!;
    const attendee = await attendeeOf(signed, municipalityId, input);
    const stamp = { userId: actor.userId, now: ctx.now };
    const id = await db.transaction(async (tx) => {
      const event = await repo.findEvent(tx, actor.prefectureId, eventId, true);
      if (!event) throw notFound();
      if (ctx.now >= event.registrationClosesAt) throw new AppError('DEADLINE_PASSED');
      if (await registrationsRepo.hasActiveRegistrationFor(tx, eventId, attendee.email))
        throw new AppError('DUPLICATE');
      const counts = await registrationsRepo.countForRegistration(tx, eventId, municipalityId);
      if (event.maxSeatsPerMunicipality !== null && counts.ofMunicipality >= event.maxSeatsPerMunicipality)
        throw new AppError('SEAT_LIMIT_REACHED', { details: { limit: event.maxSeatsPerMunicipality } });
      const row = await registrationsRepo.insertRegistration(
        tx,
        {
          prefectureId: actor.prefectureId,
          eventId,
          municipalityId,
          userId: attendee.userId,
          attendeeName: attendee.name,
          attendeePosition: attendee.position,
          attendeeEmail: attendee.email,
          audienceGroup: audienceGroupOf(event.audience, attendee.isHead),
          status: counts.seats < event.capacity ? 'registered' : 'waitlisted',
          // The queue is ordered by the request's clock (ties by id), decided under the event lock.
          queuedAt: ctx.now,
        },
        stamp,
      );
      await recordAudit(tx, ctx, {
        action: 'seminar_registration.create',
        entityType: 'seminar_registration',
        entityId: row.id,
        after: row,
      });
      // The attendee learns at once whether they have a seat or a place on the waiting list.
      await notify(tx, {
        prefectureId: actor.prefectureId,
        kind: 'seminars.registered',
        recipient: row.userId
          ? { userId: row.userId, email: row.attendeeEmail }
          : { email: row.attendeeEmail },
        publicUrl,
        now: ctx.now,
        mail: composeMail(
          registeredMail,
          {
            attendeeName: row.attendeeName,
            eventTitle: event.title,
            startsAt: event.startsAt,
            isWaitlisted: row.status === 'waitlisted',
            publicUrl,
            eventId,
          },
          mailLocaleOf(await registrationsRepo.attendeeLocale(tx, row)),
        ),
      });
      return row.id;
    });
    return (await loadRegistration(db, actor.prefectureId, id))!;
  }

  /** Cancels before the event starts; when a seat is freed the first on the waiting list moves up in the same transaction and is told by mail. */
  async function cancel(ctx: RequestContext, id: string, version: number): Promise<SeminarRegistration> {
    const actor = requireActor(ctx);
    const found = await registrationsRepo.findRegistration(db, actor.prefectureId, id);
    if (!found) throw notFound();
    if (!policy.canManage(actor) && !policy.canRegisterFor(actor, found.municipalityId)) {
      // Another municipality's registration does not exist for this actor.
      if (actor.municipalityId && actor.municipalityId !== found.municipalityId) throw notFound();
      assertAllowed(false);
    }
    const stamp = { userId: actor.userId, now: ctx.now };
    await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const event = await repo.findEvent(tx, actor.prefectureId, found.eventId, true);
          if (!event) throw notFound();
          // Once the event has started its registrations are history: the reach figures count
          // them and a freed seat could no longer be used. Attendance is corrected by the
          // attendance import, not by cancelling; the administrator is held to this too.
          if (ctx.now >= event.startsAt)
            throw fieldError(
              ['status'],
              '開始したセミナーの申込みは取り消せません。出席の記録は出席データの取込みで訂正してください。',
              'A registration cannot be cancelled once the seminar has started. Correct attendance through the attendance import.',
              'event_started',
            );
          const before = (await registrationsRepo.findRegistration(tx, actor.prefectureId, id))!;
          if (before.status === 'cancelled') return;
          const after = await registrationsRepo.updateRegistration(
            tx,
            id,
            version,
            { status: 'cancelled' },
            stamp,
          );
          await recordAudit(tx, ctx, {
            action: 'seminar_registration.cancel',
            entityType: 'seminar_registration',
            entityId: id,
            before,
            after,
          });
          if (before.status !== 'registered') return;
          const next = await registrationsRepo.firstWaitlisted(tx, event.id);
          if (!next) return;
          const promoted = await registrationsRepo.updateRegistration(
            tx,
            next.id,
            next.version,
            { status: 'registered' },
            stamp,
          );
          await recordAudit(tx, ctx, {
            action: 'seminar_registration.promote',
            entityType: 'seminar_registration',
            entityId: next.id,
            before: next,
            after: promoted,
          });
          // The mail to the promoted attendee follows from the event, after this commits.
          await publishEvent(tx, ctx, 'seminars.seat_given', { registrationId: next.id, eventId: event.id });
        }),
      () => loadRegistration(db, actor.prefectureId, id),
    );
    return (await loadRegistration(db, actor.prefectureId, id))!;
  }

  async function markAttendance(ctx: RequestContext, id: string, version: number, minutes: number | null) {
    const signed = signedIn(ctx);
    assertAllowed(policy.canManage(signed.actor));
    const before = await registrationsRepo.findRegistration(db, signed.actor.prefectureId, id);
    if (!before) throw notFound();
    return changeVersioned(db, signed, {
      table: registrationsRepo.registrationTables.registrations,
      id,
      version,
      values: { minutesAttended: minutes },
      audit: {
        action: 'seminar_registration.attendance',
        entityType: 'seminar_registration',
        before,
      },
      reload: (ex) => loadRegistration(ex, signed.actor.prefectureId, id),
    });
  }

  return { listEventRegistrations, listMyRegistrations, register, cancel, markAttendance };
}
