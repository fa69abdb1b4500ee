/**
 * Seminars as the API shows them, and the rules on who sees what: join details only to the admin
 * and to municipalities holding a seat; the archive only to the entitled, inside its window.
 */
import type {
  SeminarArchive,
  SeminarEvent,
  SeminarEventDetail,
  SeminarMaterial,
  SeminarRegistration,
  SeminarSeries,
} from '../../../shared/schemas/seminars';
import type { Executor } from '../../db/client';
import { type Actor, hasRole } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { seminarsPolicy as policy } from './seminars.policy';
import * as registrationsRepo from './seminars.registrations.repository';
import type { RegistrationScope } from './seminars.registrations.repository';
import * as repo from './seminars.repository';
import type { EventFilters, EventRow, FileRow, SeriesRow } from './seminars.repository';

export function toSeries(row: SeriesRow, year: number): SeminarSeries {
  return {
    id: row.id,
    fiscalYearId: row.fiscalYearId,
    fiscalYear: year,
    title: row.title,
    costPerSessionThousandYen: row.costPerSessionThousandYen,
    sessionCount: row.sessionCount,
    budgetThousandYen: row.costPerSessionThousandYen * row.sessionCount,
    programId: row.programId,
    version: row.version,
  };
}

export function toMaterial(file: FileRow): SeminarMaterial {
  return {
    id: file.id,
    kind: file.kind,
    title: file.title,
    url: file.kind === 'file' ? `/api/seminar-files/${file.id}` : (file.url ?? ''),
  };
}

export async function eventSummaries(
  ex: Executor,
  prefectureId: string,
  filters: EventFilters,
  now: Date,
): Promise<(SeminarEvent & { row: EventRow })[]> {
  const rows = await repo.listEventSummaries(ex, prefectureId, filters);
  return rows.map(({ event, year, region, registered, waitlisted }) => ({
    row: event,
    id: event.id,
    seriesId: event.seriesId,
    fiscalYear: year,
    title: event.title,
    audience: event.audience,
    region,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    capacity: event.capacity,
    maxSeatsPerMunicipality: event.maxSeatsPerMunicipality,
    registrationClosesAt: event.registrationClosesAt.toISOString(),
    registeredCount: registered,
    waitlistCount: waitlisted,
    isRegistrationOpen: now < event.registrationClosesAt,
  }));
}

export async function registrationViews(
  ex: Executor,
  scope: RegistrationScope,
): Promise<SeminarRegistration[]> {
  const rows = await registrationsRepo.listRegistrationViews(ex, scope);
  return rows.map((r) => ({
    id: r.reg.id,
    eventId: r.reg.eventId,
    eventTitle: r.eventTitle,
    municipality: r.municipality,
    attendeeName: r.reg.attendeeName,
    attendeePosition: r.reg.attendeePosition,
    attendeeEmail: r.reg.attendeeEmail,
    userId: r.reg.userId,
    status: r.reg.status,
    waitlistPosition: r.position === null ? null : Number(r.position),
    minutesAttended: r.reg.minutesAttended,
    firstJoinedAt: r.reg.firstJoinedAt?.toISOString() ?? null,
    lastLeftAt: r.reg.lastLeftAt?.toISOString() ?? null,
    isAttended: r.reg.minutesAttended !== null && r.reg.minutesAttended >= r.threshold,
    version: r.reg.version,
  }));
}

export async function loadRegistration(
  ex: Executor,
  prefectureId: string,
  id: string,
): Promise<SeminarRegistration | null> {
  const [found] = await registrationViews(ex, { kind: 'id', prefectureId, id });
  return found ?? null;
}

/**
 * The archive is for municipality users only: with entitlement 'registered', of a municipality
 * holding a seat (a place on the waiting list is not a seat); with 'audience', of any municipality
 * in the event's region (or anywhere when the event has no region).
 */
export async function isArchiveEntitled(ex: Executor, actor: Actor, event: EventRow): Promise<boolean> {
  if (!actor.municipalityId || !hasRole(actor, 'municipality_staff', 'municipality_head')) return false;
  if (event.archiveEntitlement === 'registered')
    return registrationsRepo.municipalityHasRegistration(ex, event.id, actor.municipalityId, 'registered');
  if (!event.regionId) return true;
  return repo.isMunicipalityInRegion(ex, actor.municipalityId, event.regionId);
}

export function isArchiveOpen(event: EventRow, now: Date): boolean {
  return (
    event.archiveKind !== null &&
    event.archiveOpensAt !== null &&
    event.archiveClosesAt !== null &&
    event.archiveOpensAt <= now &&
    now < event.archiveClosesAt
  );
}

export function archiveUrlOf(event: EventRow): string {
  return event.archiveKind === 'file'
    ? `/api/seminar-files/${event.archiveFileId}`
    : (event.archiveUrl ?? '');
}

/** The event page: join details, own registrations, archive and feedback as this actor may see them. */
export async function loadDetail(
  ex: Executor,
  actor: Actor,
  id: string,
  now: Date,
): Promise<SeminarEventDetail> {
  const [summary] = await eventSummaries(ex, actor.prefectureId, { id }, now);
  if (!summary) throw notFound();
  const { row: event, ...base } = summary;
  const isAdmin = policy.canManage(actor);
  const showJoin =
    isAdmin ||
    (actor.municipalityId !== null &&
      (await registrationsRepo.municipalityHasRegistration(ex, id, actor.municipalityId, 'registered')));
  const files = await repo.listEventFiles(ex, actor.prefectureId, id);
  const myRegistrations = actor.municipalityId
    ? await registrationViews(ex, { kind: 'event', eventId: id, municipalityId: actor.municipalityId })
    : [];
  let archive: SeminarArchive | null = null;
  if (event.archiveKind && event.archiveOpensAt && event.archiveClosesAt) {
    archive = {
      kind: event.archiveKind,
      // The link itself is handed out by POST …/archive/views, which records the view.
      url: isAdmin ? archiveUrlOf(event) : null,
      opensAt: event.archiveOpensAt.toISOString(),
      closesAt: event.archiveClosesAt.toISOString(),
      entitlement: event.archiveEntitlement ?? 'registered',
      countsTowardReach: event.archiveCountsTowardReach === 1,
      isAvailableToMe: (await isArchiveEntitled(ex, actor, event)) && isArchiveOpen(event, now),
    };
  }
  const canAnswerFeedback =
    event.feedbackSurveyId !== null &&
    actor.municipalityId !== null &&
    (await registrationsRepo.userHoldsSeat(ex, actor.prefectureId, id, actor.userId));
  return {
    ...base,
    programme: event.programme,
    speakers: event.speakers,
    materials: files.filter((f) => f.purpose === 'material').map(toMaterial),
    attendanceThresholdMinutes: event.attendanceThresholdMinutes,
    joinUrl: showJoin ? event.joinUrl : null,
    passcode: showJoin ? event.passcode : null,
    myRegistrations,
    archive,
    workshopNotes: event.workshopNotes,
    workshopOutputs: files.filter((f) => f.purpose === 'workshop').map(toMaterial),
    feedbackSurveyId: event.feedbackSurveyId,
    can: {
      edit: isAdmin,
      register: policy.canRegisterFor(actor, actor.municipalityId),
      manageRegistrations: isAdmin,
      importAttendance: policy.canRecordAttendance(actor),
      answerFeedback: canAnswerFeedback,
      viewFeedbackResults: event.feedbackSurveyId !== null && isAdmin,
    },
    version: event.version,
  };
}
