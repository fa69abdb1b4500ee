/**
 * Seminars: the Drizzle queries for registrations and the waiting list, attendance (imports and
 * walk-ins), the rows the reach report is computed from, and the reminders that are due.
 */
import { and, asc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { AttendanceImportRow, RegistrationStatus } from '../../../shared/schemas/seminars';
import { type Executor, rowsOf } from '../../db/client';
import {
  fiscalYears,
  municipalities,
  organizations,
  seminarArchiveViews,
  seminarAttendanceImports,
  seminarEvents,
  seminarRegistrations,
  seminarSeries,
  seminarWalkIns,
  users,
} from '../../db/schema';
import { updateVersioned } from '../../platform/locking';
import { created, type Stamp } from './seminars.repository';

export type RegistrationRow = typeof seminarRegistrations.$inferSelect;
type NewRegistration = typeof seminarRegistrations.$inferInsert;
type NewWalkIn = typeof seminarWalkIns.$inferInsert;
export type WalkInRow = typeof seminarWalkIns.$inferSelect;

/** The tables whose rows the services change with platform helpers (changeVersioned). */
export const registrationTables = { registrations: seminarRegistrations } as const;

// ---------------------------------------------------------------------------
// Registrations as the API shows them
// ---------------------------------------------------------------------------

export type RegistrationScope =
  | { kind: 'id'; prefectureId: string; id: string }
  | { kind: 'event'; eventId: string; municipalityId?: string | undefined }
  | { kind: 'municipality'; prefectureId: string; municipalityId: string };

function scopeWhere(scope: RegistrationScope): SQL | undefined {
  switch (scope.kind) {
    case 'id':
      return and(
        eq(seminarRegistrations.id, scope.id),
        eq(seminarRegistrations.prefectureId, scope.prefectureId),
      );
    case 'event':
      return and(
        eq(seminarRegistrations.eventId, scope.eventId),
        scope.municipalityId ? eq(seminarRegistrations.municipalityId, scope.municipalityId) : undefined,
      );
    case 'municipality':
      return and(
        eq(seminarRegistrations.prefectureId, scope.prefectureId),
        eq(seminarRegistrations.municipalityId, scope.municipalityId),
      );
  }
}

/** Registrations with their event, municipality and place on the waiting list, in event and queue order. */
export function listRegistrationViews(ex: Executor, scope: RegistrationScope) {
  return ex
    .select({
      reg: seminarRegistrations,
      eventTitle: seminarEvents.title,
      threshold: seminarEvents.attendanceThresholdMinutes,
      municipality: { id: municipalities.id, name: municipalities.name, nameEn: municipalities.nameEn },
      position: sql<
        number | null
      >`case when ${seminarRegistrations.status} = 'waitlisted' then (select count(*)::int from ${seminarRegistrations} w where w.event_id = ${seminarRegistrations.eventId} and w.status = 'waitlisted' and (w.queued_at, w.id) <= (${seminarRegistrations.queuedAt}, ${seminarRegistrations.id})) end`,
    })
    .from(seminarRegistrations)
    .innerJoin(seminarEvents, eq(seminarEvents.id, seminarRegistrations.eventId))
    .innerJoin(municipalities, eq(municipalities.id, seminarRegistrations.municipalityId))
    .where(scopeWhere(scope))
    .orderBy(asc(seminarEvents.startsAt), asc(seminarRegistrations.queuedAt), asc(seminarRegistrations.id));
}

// ---------------------------------------------------------------------------
// Registration rows
// ---------------------------------------------------------------------------

export async function findRegistration(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(seminarRegistrations)
    .where(and(eq(seminarRegistrations.id, id), eq(seminarRegistrations.prefectureId, prefectureId)));
  return row ?? null;
}

export function listEventRegistrationRows(ex: Executor, eventId: string) {
  return ex.select().from(seminarRegistrations).where(eq(seminarRegistrations.eventId, eventId));
}

/** Does the municipality hold a registration in one of these states for the event? */
export async function municipalityHasRegistration(
  ex: Executor,
  eventId: string,
  municipalityId: string,
  status: RegistrationStatus,
): Promise<boolean> {
  const [row] = await ex
    .select({ id: seminarRegistrations.id })
    .from(seminarRegistrations)
    .where(
      and(
        eq(seminarRegistrations.eventId, eventId),
        eq(seminarRegistrations.municipalityId, municipalityId),
        eq(seminarRegistrations.status, status),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** A seat whose attendee is the user, or that the user registered for someone without an account. */
export async function userHoldsSeat(
  ex: Executor,
  prefectureId: string,
  eventId: string,
  userId: string,
): Promise<boolean> {
  const [row] = await ex
    .select({ id: seminarRegistrations.id })
    .from(seminarRegistrations)
    .where(
      and(
        eq(seminarRegistrations.eventId, eventId),
        eq(seminarRegistrations.prefectureId, prefectureId),
        eq(seminarRegistrations.status, 'registered'),
        sql`coalesce(${seminarRegistrations.userId}, ${seminarRegistrations.createdBy}) = ${userId}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The roles of a user of the municipality; null when the user belongs elsewhere. */
export async function findMunicipalityUserRoles(ex: Executor, userId: string, municipalityId: string) {
  const [row] = await ex
    .select({ roles: users.roles })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.id, userId), eq(organizations.municipalityId, municipalityId)));
  return row?.roles ?? null;
}

export async function hasActiveRegistrationFor(ex: Executor, eventId: string, email: string) {
  const [row] = await ex
    .select({ id: seminarRegistrations.id })
    .from(seminarRegistrations)
    .where(
      and(
        eq(seminarRegistrations.eventId, eventId),
        eq(sql`lower(${seminarRegistrations.attendeeEmail})`, email.toLowerCase()),
        ne(seminarRegistrations.status, 'cancelled'),
      ),
    );
  return row !== undefined;
}

/** Seats taken on the event, and registrations (seats and waiting list) of one municipality. */
export async function countForRegistration(ex: Executor, eventId: string, municipalityId: string) {
  const [row] = await ex
    .select({
      seats: sql<number>`count(*) filter (where ${seminarRegistrations.status} = 'registered')::int`,
      ofMunicipality: sql<number>`count(*) filter (where ${seminarRegistrations.status} <> 'cancelled' and ${seminarRegistrations.municipalityId} = ${municipalityId})::int`,
    })
    .from(seminarRegistrations)
    .where(eq(seminarRegistrations.eventId, eventId));
  return { seats: Number(row?.seats ?? 0), ofMunicipality: Number(row?.ofMunicipality ?? 0) };
}

export async function insertRegistration(
  ex: Executor,
  values: NewRegistration,
  stamp: Stamp,
): Promise<RegistrationRow> {
  const [row] = await ex
    .insert(seminarRegistrations)
    .values({ ...values, ...created(stamp) })
    .returning();
  return row!;
}

export function updateRegistration(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<NewRegistration>,
  stamp: Stamp,
) {
  return updateVersioned(ex, seminarRegistrations, id, version, values, stamp.userId, stamp.now);
}

/** The first on the waiting list (queue order), locked until the transaction ends. */
export async function firstWaitlisted(ex: Executor, eventId: string) {
  const [row] = await ex
    .select()
    .from(seminarRegistrations)
    .where(and(eq(seminarRegistrations.eventId, eventId), eq(seminarRegistrations.status, 'waitlisted')))
    .orderBy(asc(seminarRegistrations.queuedAt), asc(seminarRegistrations.id))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** The language of the attendee's account (their own, or the account with their address); null if none. */
export async function attendeeLocale(
  ex: Executor,
  attendee: { userId: string | null; attendeeEmail: string },
): Promise<string | null> {
  const [row] = await ex
    .select({ locale: users.locale })
    .from(users)
    .where(
      attendee.userId
        ? eq(users.id, attendee.userId)
        : eq(sql`lower(${users.email})`, attendee.attendeeEmail.toLowerCase()),
    )
    .limit(1);
  return row?.locale ?? null;
}

// ---------------------------------------------------------------------------
// Attendance imports and walk-ins
// ---------------------------------------------------------------------------

/** Registrations an attendance report's rows may match (not cancelled), with the municipality name. */
export function listMatchCandidates(ex: Executor, eventId: string) {
  return ex
    .select({
      id: seminarRegistrations.id,
      attendeeName: seminarRegistrations.attendeeName,
      attendeeEmail: seminarRegistrations.attendeeEmail,
      municipalityName: municipalities.name,
    })
    .from(seminarRegistrations)
    .innerJoin(municipalities, eq(municipalities.id, seminarRegistrations.municipalityId))
    .where(and(eq(seminarRegistrations.eventId, eventId), ne(seminarRegistrations.status, 'cancelled')));
}

export async function insertAttendanceImport(
  ex: Executor,
  values: { prefectureId: string; eventId: string; format: string; rows: AttendanceImportRow[] },
  stamp: Stamp,
): Promise<string> {
  const [row] = await ex
    .insert(seminarAttendanceImports)
    .values({ ...values, ...created(stamp) })
    .returning({ id: seminarAttendanceImports.id });
  return row!.id;
}

/** The import, locked: confirming it twice at once must not record the minutes twice. */
export async function findAttendanceImportForUpdate(
  ex: Executor,
  prefectureId: string,
  eventId: string,
  id: string,
) {
  const [row] = await ex
    .select()
    .from(seminarAttendanceImports)
    .where(
      and(
        eq(seminarAttendanceImports.id, id),
        eq(seminarAttendanceImports.eventId, eventId),
        eq(seminarAttendanceImports.prefectureId, prefectureId),
      ),
    )
    .for('update');
  return row ?? null;
}

export async function markAttendanceImportConfirmed(ex: Executor, id: string, stamp: Stamp) {
  await ex
    .update(seminarAttendanceImports)
    .set({ confirmedAt: stamp.now, updatedAt: stamp.now, updatedBy: stamp.userId })
    .where(eq(seminarAttendanceImports.id, id));
}

export async function municipalityExists(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(and(eq(municipalities.id, id), eq(municipalities.prefectureId, prefectureId)));
  return row !== undefined;
}

export async function insertWalkIn(ex: Executor, values: NewWalkIn, stamp: Stamp): Promise<WalkInRow> {
  const [row] = await ex
    .insert(seminarWalkIns)
    .values({ ...values, ...created(stamp) })
    .returning();
  return row!;
}

/** The event's walk-ins: a re-import finds the person's walk-in here and updates it. */
export function listWalkIns(ex: Executor, eventId: string): Promise<WalkInRow[]> {
  return ex.select().from(seminarWalkIns).where(eq(seminarWalkIns.eventId, eventId));
}

export function updateWalkIn(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<NewWalkIn>,
  stamp: Stamp,
): Promise<WalkInRow> {
  return updateVersioned(ex, seminarWalkIns, id, version, values, stamp.userId, stamp.now);
}

// ---------------------------------------------------------------------------
// Reach: the rows the report is computed from (domain/seminar-reach.ts)
// ---------------------------------------------------------------------------

export async function loadReachInputs(ex: Executor, prefectureId: string) {
  const year = sql<number>`${fiscalYears.year}`;
  const municipalityRows = await ex
    .select({ id: municipalities.id, name: municipalities.name, nameEn: municipalities.nameEn })
    .from(municipalities)
    .where(eq(municipalities.prefectureId, prefectureId))
    .orderBy(asc(municipalities.code));
  const registrations = await ex
    .select({
      municipalityId: seminarRegistrations.municipalityId,
      group: seminarRegistrations.audienceGroup,
      year,
      status: seminarRegistrations.status,
      minutes: seminarRegistrations.minutesAttended,
      threshold: seminarEvents.attendanceThresholdMinutes,
    })
    .from(seminarRegistrations)
    .innerJoin(seminarEvents, eq(seminarEvents.id, seminarRegistrations.eventId))
    .innerJoin(seminarSeries, eq(seminarSeries.id, seminarEvents.seriesId))
    .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
    .where(
      and(eq(seminarRegistrations.prefectureId, prefectureId), ne(seminarRegistrations.status, 'cancelled')),
    );
  const walkIns = await ex
    .select({
      municipalityId: seminarWalkIns.municipalityId,
      group: seminarWalkIns.audienceGroup,
      year,
      minutes: seminarWalkIns.minutesAttended,
      threshold: seminarEvents.attendanceThresholdMinutes,
    })
    .from(seminarWalkIns)
    .innerJoin(seminarEvents, eq(seminarEvents.id, seminarWalkIns.eventId))
    .innerJoin(seminarSeries, eq(seminarSeries.id, seminarEvents.seriesId))
    .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
    .where(eq(seminarWalkIns.prefectureId, prefectureId));
  const archiveViews = await ex
    .select({
      municipalityId: seminarArchiveViews.municipalityId,
      group: seminarArchiveViews.audienceGroup,
      year,
    })
    .from(seminarArchiveViews)
    .innerJoin(seminarEvents, eq(seminarEvents.id, seminarArchiveViews.eventId))
    .innerJoin(seminarSeries, eq(seminarSeries.id, seminarEvents.seriesId))
    .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
    .where(
      and(eq(seminarArchiveViews.prefectureId, prefectureId), eq(seminarEvents.archiveCountsTowardReach, 1)),
    );
  const series = await ex
    .select({
      costPerSessionThousandYen: seminarSeries.costPerSessionThousandYen,
      sessionCount: seminarSeries.sessionCount,
      year: fiscalYears.year,
    })
    .from(seminarSeries)
    .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
    .where(eq(seminarSeries.prefectureId, prefectureId));
  const toYear = <T extends { year: number }>(rows: T[]) => rows.map((r) => ({ ...r, year: Number(r.year) }));
  return {
    municipalities: municipalityRows,
    registrations: toYear(registrations),
    walkIns: toYear(walkIns),
    archiveViews: toYear(archiveViews),
    series,
  };
}

/**
 * Everything reach is computed from, as one short string, in one statement: per table the rows'
 * count, latest change and sum of versions (archive views are only ever added: their count and
 * latest view). Any registration, attendance import, walk-in, archive view, event or series
 * setting, renamed municipality or new year moves it (ADR 014).
 */
export async function reachInputsFingerprint(ex: Executor, prefectureId: string): Promise<string> {
  const edited = (
    table:
      | typeof seminarRegistrations
      | typeof seminarWalkIns
      | typeof seminarEvents
      | typeof seminarSeries
      | typeof municipalities
      | typeof fiscalYears,
  ) =>
    sql`(select count(*)::text || ':' || coalesce(max(${table.updatedAt})::text, '') || ':' || coalesce(sum(${table.version}), 0)::text from ${table} where ${table.prefectureId} = ${prefectureId})`;
  const rows = rowsOf<{ fingerprint: string }>(
    await ex.execute(
      sql`select ${edited(seminarRegistrations)} || '|' || ${edited(seminarWalkIns)} || '|' || ${edited(
        seminarEvents,
      )} || '|' || ${edited(seminarSeries)} || '|' || ${edited(municipalities)} || '|' || ${edited(fiscalYears)} || '|' || (select count(*)::text || ':' || coalesce(max(${seminarArchiveViews.viewedAt})::text, '') from ${seminarArchiveViews} where ${seminarArchiveViews.prefectureId} = ${prefectureId}) as fingerprint`,
    ),
  );
  return rows[0]?.fingerprint ?? '';
}

// ---------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------

/** Seats (not the waiting list) of events starting in (now, until] that have had no reminder yet. */
export function listDueReminders(ex: Executor, now: Date, until: Date) {
  return ex
    .select({ reg: seminarRegistrations, event: seminarEvents })
    .from(seminarRegistrations)
    .innerJoin(seminarEvents, eq(seminarEvents.id, seminarRegistrations.eventId))
    .where(
      and(
        eq(seminarRegistrations.status, 'registered'),
        sql`${seminarRegistrations.reminderSentAt} is null`,
        sql`${seminarEvents.startsAt} > ${now.toISOString()}`,
        sql`${seminarEvents.startsAt} <= ${until.toISOString()}`,
      ),
    );
}

/** Claims a registration's reminder; false when another process sent it first. */
export async function claimReminder(ex: Executor, registrationId: string, now: Date): Promise<boolean> {
  const claimed = await ex
    .update(seminarRegistrations)
    .set({ reminderSentAt: now })
    .where(
      and(eq(seminarRegistrations.id, registrationId), sql`${seminarRegistrations.reminderSentAt} is null`),
    )
    .returning({ id: seminarRegistrations.id });
  return claimed.length > 0;
}
