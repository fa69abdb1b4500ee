import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type {
  ArchiveEntitlement,
  AttendanceImportConfirm,
  AttendanceImportPreview,
  Audience,
  MaterialPurpose,
  ReachAudience,
  ReachReport,
  ReachRow,
  RegistrationStatus,
  SeminarArchive,
  SeminarEvent,
  SeminarEventCreate,
  SeminarEventDetail,
  SeminarEventPatch,
  SeminarMaterial,
  SeminarRegistration,
  SeminarRegistrationCreate,
  SeminarSeries,
  SeminarSeriesCreate,
} from '../../../shared/schemas/seminars';
import { reachAudiences } from '../../../shared/schemas/seminars';
import {
  AttendanceReportError,
  type AttendanceReportRow,
  matchAttendance,
  parseAttendanceReport,
} from '../../domain/attendance-report';
import type { Executor } from '../../db/client';
import {
  fiscalYears,
  municipalities,
  organizations,
  programs,
  regions,
  areas,
  seminarArchiveViews,
  seminarAttendanceImports,
  seminarEvents,
  seminarFiles,
  seminarRegistrations,
  seminarSeries,
  seminarWalkIns,
  surveys,
  users,
} from '../../db/schema';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import { hasRole, isPrefectureAdmin } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed, fieldError, notFound } from '../../platform/errors';
import { enqueueMail } from '../../platform/mail/outbox';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { writeWorkbook } from '../../platform/spreadsheet';
import { seminarsPolicy as policy } from './seminars.policy';

type SeriesRow = typeof seminarSeries.$inferSelect;
type EventRow = typeof seminarEvents.$inferSelect;
type FileRow = typeof seminarFiles.$inferSelect;
type Named = { id: string; name: string; nameEn: string };

/** A position that makes the attendee the municipality's head or deputy (市長, 副町長, 村長 …). */
export function isHeadPosition(position: string): boolean {
  return /(市|町|村|区)長/.test(position.normalize('NFKC'));
}

/** The reach group an attendee counts for. */
export function audienceGroupOf(eventAudience: Audience, isHead: boolean): ReachAudience {
  if (eventAudience === 'heads') return 'heads';
  if (eventAudience === 'staff') return 'staff';
  return isHead ? 'heads' : 'staff';
}

export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export function createSeminarsService(deps: ServiceDeps) {
  const { db, config } = deps;
  const uploadsDir = path.resolve(config.uploadsDir, 'seminars');

  function requireActor(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
    return ctx.actor;
  }

  // -------------------------------------------------------------------------
  // Loading
  // -------------------------------------------------------------------------

  async function findSeries(ex: Executor, prefectureId: string, id: string) {
    const [row] = await ex
      .select({ series: seminarSeries, year: fiscalYears.year })
      .from(seminarSeries)
      .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
      .where(and(eq(seminarSeries.id, id), eq(seminarSeries.prefectureId, prefectureId)));
    return row ?? null;
  }

  function toSeries(row: SeriesRow, year: number): SeminarSeries {
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

  async function findEvent(ex: Executor, prefectureId: string, id: string, lock = false) {
    const query = ex
      .select()
      .from(seminarEvents)
      .where(and(eq(seminarEvents.id, id), eq(seminarEvents.prefectureId, prefectureId)));
    const [row] = lock ? await query.for('update') : await query;
    return row ?? null;
  }

  async function eventSummaries(
    ex: Executor,
    prefectureId: string,
    where: ReturnType<typeof and>[],
    now: Date,
  ) {
    const rows = await ex
      .select({
        event: seminarEvents,
        year: fiscalYears.year,
        region: { id: regions.id, name: regions.name, nameEn: regions.nameEn },
        registered: sql<number>`(select count(*)::int from ${seminarRegistrations} r where r.event_id = ${seminarEvents.id} and r.status = 'registered')`,
        waitlisted: sql<number>`(select count(*)::int from ${seminarRegistrations} r where r.event_id = ${seminarEvents.id} and r.status = 'waitlisted')`,
      })
      .from(seminarEvents)
      .innerJoin(seminarSeries, eq(seminarSeries.id, seminarEvents.seriesId))
      .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
      .leftJoin(regions, eq(regions.id, seminarEvents.regionId))
      .where(and(eq(seminarEvents.prefectureId, prefectureId), ...where))
      .orderBy(desc(seminarEvents.startsAt));
    return rows.map((r): SeminarEvent & { row: EventRow } => ({
      row: r.event,
      id: r.event.id,
      seriesId: r.event.seriesId,
      fiscalYear: r.year,
      title: r.event.title,
      audience: r.event.audience as Audience,
      region: r.region?.id ? (r.region as Named) : null,
      startsAt: r.event.startsAt.toISOString(),
      endsAt: r.event.endsAt.toISOString(),
      capacity: r.event.capacity,
      registrationClosesAt: r.event.registrationClosesAt.toISOString(),
      registeredCount: Number(r.registered),
      waitlistCount: Number(r.waitlisted),
      isRegistrationOpen: now < r.event.registrationClosesAt,
    }));
  }

  async function registrationsWhere(ex: Executor, where: ReturnType<typeof and>) {
    const rows = await ex
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
      .where(where)
      .orderBy(asc(seminarEvents.startsAt), asc(seminarRegistrations.queuedAt), asc(seminarRegistrations.id));
    return rows.map(
      (r): SeminarRegistration => ({
        id: r.reg.id,
        eventId: r.reg.eventId,
        eventTitle: r.eventTitle,
        municipality: r.municipality,
        attendeeName: r.reg.attendeeName,
        attendeePosition: r.reg.attendeePosition,
        attendeeEmail: r.reg.attendeeEmail,
        userId: r.reg.userId,
        status: r.reg.status as RegistrationStatus,
        waitlistPosition: r.position === null ? null : Number(r.position),
        minutesAttended: r.reg.minutesAttended,
        isAttended: r.reg.minutesAttended !== null && r.reg.minutesAttended >= r.threshold,
        version: r.reg.version,
      }),
    );
  }

  async function loadRegistration(ex: Executor, prefectureId: string, id: string) {
    const [found] = await registrationsWhere(
      ex,
      and(eq(seminarRegistrations.id, id), eq(seminarRegistrations.prefectureId, prefectureId)),
    );
    return found ?? null;
  }

  function fileUrl(file: FileRow): string {
    return file.kind === 'file' ? `/api/seminar-files/${file.id}` : (file.url ?? '');
  }
  const toMaterial = (f: FileRow): SeminarMaterial => ({
    id: f.id,
    kind: f.kind as 'link' | 'file',
    title: f.title,
    url: fileUrl(f),
  });

  /** Is this actor's municipality holding a seat (not a waiting-list place) for the event? */
  async function hasSeat(ex: Executor, actor: Actor, eventId: string): Promise<boolean> {
    if (!actor.municipalityId) return false;
    const [row] = await ex
      .select({ id: seminarRegistrations.id })
      .from(seminarRegistrations)
      .where(
        and(
          eq(seminarRegistrations.eventId, eventId),
          eq(seminarRegistrations.municipalityId, actor.municipalityId),
          eq(seminarRegistrations.status, 'registered'),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  /** A seat ('registered') whose attendee is the actor, or that the actor registered for someone without an account. */
  async function holdsOwnSeat(ex: Executor, actor: Actor, eventId: string): Promise<boolean> {
    if (!actor.municipalityId) return false;
    const [row] = await ex
      .select({ id: seminarRegistrations.id })
      .from(seminarRegistrations)
      .where(
        and(
          eq(seminarRegistrations.eventId, eventId),
          eq(seminarRegistrations.prefectureId, actor.prefectureId),
          eq(seminarRegistrations.status, 'registered'),
          sql`coalesce(${seminarRegistrations.userId}, ${seminarRegistrations.createdBy}) = ${actor.userId}`,
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  /** The archive is for municipality users only: of a registered municipality, or (audience) of any in the event's region. */
  async function isArchiveEntitled(ex: Executor, actor: Actor, event: EventRow): Promise<boolean> {
    if (!actor.municipalityId || !hasRole(actor, 'municipality_staff', 'municipality_head')) return false;
    if (event.archiveEntitlement === 'registered') {
      const [row] = await ex
        .select({ id: seminarRegistrations.id })
        .from(seminarRegistrations)
        .where(
          and(
            eq(seminarRegistrations.eventId, event.id),
            eq(seminarRegistrations.municipalityId, actor.municipalityId),
            ne(seminarRegistrations.status, 'cancelled'),
          ),
        )
        .limit(1);
      return row !== undefined;
    }
    if (!event.regionId) return true;
    const [row] = await ex
      .select({ id: municipalities.id })
      .from(municipalities)
      .innerJoin(areas, eq(areas.id, municipalities.areaId))
      .where(and(eq(municipalities.id, actor.municipalityId), eq(areas.regionId, event.regionId)));
    return row !== undefined;
  }

  function isArchiveOpen(event: EventRow, now: Date): boolean {
    return (
      event.archiveKind !== null &&
      event.archiveOpensAt !== null &&
      event.archiveClosesAt !== null &&
      event.archiveOpensAt <= now &&
      now < event.archiveClosesAt
    );
  }

  function archiveUrlOf(event: EventRow): string {
    return event.archiveKind === 'file'
      ? `/api/seminar-files/${event.archiveFileId}`
      : (event.archiveUrl ?? '');
  }

  async function loadDetail(ex: Executor, actor: Actor, id: string, now: Date): Promise<SeminarEventDetail> {
    const [summary] = await eventSummaries(ex, actor.prefectureId, [eq(seminarEvents.id, id)], now);
    if (!summary) throw notFound();
    const { row: event, ...base } = summary;
    const isAdmin = policy.canManage(actor, actor.prefectureId);
    const showJoin = isAdmin || (await hasSeat(ex, actor, id));
    const files = await ex
      .select()
      .from(seminarFiles)
      .where(and(eq(seminarFiles.eventId, id), eq(seminarFiles.prefectureId, actor.prefectureId)))
      .orderBy(asc(seminarFiles.createdAt));
    const myRegistrations = actor.municipalityId
      ? await registrationsWhere(
          ex,
          and(
            eq(seminarRegistrations.eventId, id),
            eq(seminarRegistrations.municipalityId, actor.municipalityId),
          ),
        )
      : [];
    let archive: SeminarArchive | null = null;
    if (event.archiveKind && event.archiveOpensAt && event.archiveClosesAt) {
      const isAvailable = (await isArchiveEntitled(ex, actor, event)) && isArchiveOpen(event, now);
      archive = {
        kind: event.archiveKind as 'link' | 'file',
        // The link itself is handed out by POST …/archive/views, which records the view.
        url: isAdmin ? archiveUrlOf(event) : null,
        opensAt: event.archiveOpensAt.toISOString(),
        closesAt: event.archiveClosesAt.toISOString(),
        entitlement: (event.archiveEntitlement ?? 'registered') as ArchiveEntitlement,
        countsTowardReach: event.archiveCountsTowardReach === 1,
        isAvailableToMe: isAvailable,
      };
    }
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
      canAnswerFeedback: event.feedbackSurveyId !== null && (await holdsOwnSeat(ex, actor, id)),
      version: event.version,
    };
  }

  async function storeUpload(file: UploadedFile): Promise<string> {
    if (file.bytes.byteLength === 0) throw fieldError(['file'], 'ファイルが空です。', 'The file is empty.');
    if (file.bytes.byteLength > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
    await fs.mkdir(uploadsDir, { recursive: true });
    const storedName = randomUUID();
    await fs.writeFile(path.join(uploadsDir, storedName), file.bytes);
    return storedName;
  }

  // -------------------------------------------------------------------------
  // Series and events
  // -------------------------------------------------------------------------

  async function listSeries(ctx: RequestContext): Promise<SeminarSeries[]> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canRead(actor, actor.prefectureId));
    const rows = await db
      .select({ series: seminarSeries, year: fiscalYears.year })
      .from(seminarSeries)
      .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
      .where(eq(seminarSeries.prefectureId, actor.prefectureId))
      .orderBy(desc(fiscalYears.year), asc(seminarSeries.createdAt));
    return rows.map((r) => toSeries(r.series, r.year));
  }

  async function createSeries(ctx: RequestContext, input: SeminarSeriesCreate): Promise<SeminarSeries> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    return db.transaction(async (tx) => {
      const [year] = await tx
        .select()
        .from(fiscalYears)
        .where(and(eq(fiscalYears.id, input.fiscalYearId), eq(fiscalYears.prefectureId, actor.prefectureId)));
      if (!year) throw fieldError(['fiscalYearId'], '年度が見つかりません。', 'No such fiscal year.');
      const [program] = await tx
        .select({ id: programs.id })
        .from(programs)
        .where(and(eq(programs.fiscalYearId, year.id), eq(programs.kind, 'seminar_series')))
        .limit(1);
      const [row] = await tx
        .insert(seminarSeries)
        .values({
          prefectureId: actor.prefectureId,
          fiscalYearId: year.id,
          programId: program?.id ?? null,
          title: input.title,
          costPerSessionThousandYen: input.costPerSessionThousandYen,
          sessionCount: input.sessionCount,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'seminar_series.create',
        entityType: 'seminar_series',
        entityId: row!.id,
        after: row,
      });
      return toSeries(row!, year.year);
    });
  }

  async function listEvents(
    ctx: RequestContext,
    filters: {
      fiscalYear?: number | undefined;
      audience?: Audience | undefined;
      regionId?: string | undefined;
      upcoming?: string | undefined;
    },
  ): Promise<SeminarEvent[]> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canRead(actor, actor.prefectureId));
    const where = [];
    if (filters.fiscalYear !== undefined) where.push(eq(fiscalYears.year, filters.fiscalYear));
    if (filters.audience) where.push(eq(seminarEvents.audience, filters.audience));
    if (filters.regionId) where.push(eq(seminarEvents.regionId, filters.regionId));
    if (filters.upcoming === 'true') where.push(sql`${seminarEvents.endsAt} > ${ctx.now.toISOString()}`);
    const rows = await eventSummaries(db, actor.prefectureId, where, ctx.now);
    return rows.map(({ row: _row, ...event }) => event);
  }

  async function getEvent(ctx: RequestContext, id: string): Promise<SeminarEventDetail> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canRead(actor, actor.prefectureId));
    return loadDetail(db, actor, id, ctx.now);
  }

  async function assertRegion(ex: Executor, prefectureId: string, regionId: string | null | undefined) {
    if (!regionId) return;
    const [row] = await ex
      .select({ id: regions.id })
      .from(regions)
      .where(and(eq(regions.id, regionId), eq(regions.prefectureId, prefectureId)));
    if (!row) throw fieldError(['regionId'], '地域が見つかりません。', 'No such region.');
  }

  /** A feedback survey must be the prefecture's current seminar_feedback survey for seminar participants. */
  async function assertFeedbackSurvey(
    ex: Executor,
    prefectureId: string,
    surveyId: string | null | undefined,
  ) {
    if (!surveyId) return;
    const [row] = await ex
      .select({ kind: surveys.kind, audience: surveys.audience, supersededAt: surveys.supersededAt })
      .from(surveys)
      .where(and(eq(surveys.id, surveyId), eq(surveys.prefectureId, prefectureId)));
    if (!row || row.supersededAt !== null)
      throw fieldError(['feedbackSurveyId'], 'アンケートが見つかりません。', 'No such survey.');
    if (row.kind !== 'seminar_feedback' || row.audience !== 'seminar_participants')
      throw fieldError(
        ['feedbackSurveyId'],
        'セミナーアンケート（対象：セミナー参加者）を選んでください。',
        'Choose a seminar feedback survey whose audience is seminar participants.',
      );
  }

  async function createEvent(ctx: RequestContext, seriesId: string, input: SeminarEventCreate) {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    return db.transaction(async (tx) => {
      const series = await findSeries(tx, actor.prefectureId, seriesId);
      if (!series) throw notFound();
      await assertRegion(tx, actor.prefectureId, input.regionId);
      const [row] = await tx
        .insert(seminarEvents)
        .values({
          prefectureId: actor.prefectureId,
          seriesId,
          title: input.title,
          audience: input.audience,
          regionId: input.regionId,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          registrationClosesAt: new Date(input.registrationClosesAt),
          capacity: input.capacity,
          attendanceThresholdMinutes: input.attendanceThresholdMinutes,
          joinUrl: input.joinUrl,
          passcode: input.passcode,
          programme: input.programme,
          speakers: input.speakers,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'seminar_event.create',
        entityType: 'seminar_event',
        entityId: row!.id,
        after: row,
      });
      return loadDetail(tx, actor, row!.id, ctx.now);
    });
  }

  async function updateEvent(ctx: RequestContext, id: string, input: SeminarEventPatch) {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    return withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const before = await findEvent(tx, actor.prefectureId, id);
          if (!before) throw notFound();
          await assertRegion(tx, actor.prefectureId, input.regionId);
          await assertFeedbackSurvey(tx, actor.prefectureId, input.feedbackSurveyId);
          const { version, startsAt, endsAt, registrationClosesAt, ...rest } = input;
          const next = {
            ...rest,
            ...(startsAt ? { startsAt: new Date(startsAt) } : {}),
            ...(endsAt ? { endsAt: new Date(endsAt) } : {}),
            ...(registrationClosesAt ? { registrationClosesAt: new Date(registrationClosesAt) } : {}),
          };
          const starts = next.startsAt ?? before.startsAt;
          const ends = next.endsAt ?? before.endsAt;
          if (ends <= starts)
            throw fieldError(
              ['endsAt'],
              '終了は開始より後にしてください。',
              'The end must be after the start.',
            );
          const after = await updateVersioned(tx, seminarEvents, id, version, next, actor.userId);
          await recordAudit(tx, ctx, {
            action: 'seminar_event.update',
            entityType: 'seminar_event',
            entityId: id,
            before,
            after,
          });
          return loadDetail(tx, actor, id, ctx.now);
        }),
      () => loadDetail(db, actor, id, ctx.now).catch(() => null),
    );
  }

  // -------------------------------------------------------------------------
  // Registrations
  // -------------------------------------------------------------------------

  async function listEventRegistrations(ctx: RequestContext, eventId: string) {
    const actor = requireActor(ctx);
    const event = await findEvent(db, actor.prefectureId, eventId);
    if (!event) throw notFound();
    if (policy.canManage(actor, actor.prefectureId)) {
      return registrationsWhere(db, eq(seminarRegistrations.eventId, eventId));
    }
    assertAllowed(actor.municipalityId !== null);
    return registrationsWhere(
      db,
      and(
        eq(seminarRegistrations.eventId, eventId),
        eq(seminarRegistrations.municipalityId, actor.municipalityId),
      ),
    );
  }

  async function listMyRegistrations(ctx: RequestContext) {
    const actor = requireActor(ctx);
    assertAllowed(actor.municipalityId !== null);
    return registrationsWhere(
      db,
      and(
        eq(seminarRegistrations.prefectureId, actor.prefectureId),
        eq(seminarRegistrations.municipalityId, actor.municipalityId),
      ),
    );
  }

  /**
   * Takes a seat, or a place on the waiting list when the seats are gone. The event row is locked
   * (SELECT … FOR UPDATE) so two registrations for the last seat are decided one after the other.
   */
  async function register(ctx: RequestContext, eventId: string, input: SeminarRegistrationCreate) {
    const actor = requireActor(ctx);
    const event0 = await findEvent(db, actor.prefectureId, eventId);
    if (!event0) throw notFound();
    assertAllowed(policy.canRegisterFor(actor, actor.municipalityId));
    const municipalityId = actor.municipalityId!;
    let attendee: { name: string; position: string; email: string; userId: string | null; isHead: boolean };
    if ('isSelf' in input) {
      attendee = {
        name: actor.displayName,
        position: '',
        email: actor.email,
        userId: actor.userId,
        isHead: hasRole(actor, 'municipality_head'),
      };
    } else {
      let isHead = isHeadPosition(input.attendeePosition);
      if (input.userId) {
        const [user] = await db
          .select({ roles: users.roles })
          .from(users)
          .innerJoin(organizations, eq(organizations.id, users.organizationId))
          .where(and(eq(users.id, input.userId), eq(organizations.municipalityId, municipalityId)));
        if (!user)
          throw fieldError(
            ['userId'],
            'この団体の利用者ではありません。',
            'Not a user of this municipality.',
          );
        isHead = isHead || user.roles.includes('municipality_head');
      }
      attendee = {
        name: input.attendeeName,
        position: input.attendeePosition,
        email: input.attendeeEmail.toLowerCase(),
        userId: input.userId ?? null,
        isHead,
      };
    }
    const id = await db.transaction(async (tx) => {
      const event = await findEvent(tx, actor.prefectureId, eventId, true);
      if (!event) throw notFound();
      if (ctx.now >= event.registrationClosesAt) throw new AppError('DEADLINE_PASSED');
      const [duplicate] = await tx
        .select({ id: seminarRegistrations.id })
        .from(seminarRegistrations)
        .where(
          and(
            eq(seminarRegistrations.eventId, eventId),
            eq(sql`lower(${seminarRegistrations.attendeeEmail})`, attendee.email.toLowerCase()),
            ne(seminarRegistrations.status, 'cancelled'),
          ),
        );
      if (duplicate) throw new AppError('DUPLICATE');
      const [count] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(seminarRegistrations)
        .where(and(eq(seminarRegistrations.eventId, eventId), eq(seminarRegistrations.status, 'registered')));
      const status = Number(count?.n ?? 0) < event.capacity ? 'registered' : 'waitlisted';
      const [row] = await tx
        .insert(seminarRegistrations)
        .values({
          prefectureId: actor.prefectureId,
          eventId,
          municipalityId,
          userId: attendee.userId,
          attendeeName: attendee.name,
          attendeePosition: attendee.position,
          attendeeEmail: attendee.email,
          audienceGroup: audienceGroupOf(event.audience as Audience, attendee.isHead),
          status,
          queuedAt: new Date(),
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'seminar_registration.create',
        entityType: 'seminar_registration',
        entityId: row!.id,
        after: row,
      });
      return row!.id;
    });
    return (await loadRegistration(db, actor.prefectureId, id))!;
  }

  /** Cancels; when a seat is freed the first on the waiting list moves up in the same transaction and is told by mail. */
  async function cancel(ctx: RequestContext, id: string, version: number) {
    const actor = requireActor(ctx);
    const [found] = await db
      .select()
      .from(seminarRegistrations)
      .where(and(eq(seminarRegistrations.id, id), eq(seminarRegistrations.prefectureId, actor.prefectureId)));
    if (!found) throw notFound();
    if (!policy.canManage(actor, actor.prefectureId) && !policy.canRegisterFor(actor, found.municipalityId)) {
      // Another municipality's registration does not exist for this actor.
      if (actor.municipalityId && actor.municipalityId !== found.municipalityId) throw notFound();
      assertAllowed(false);
    }
    await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const event = await findEvent(tx, actor.prefectureId, found.eventId, true);
          if (!event) throw notFound();
          const [before] = await tx
            .select()
            .from(seminarRegistrations)
            .where(eq(seminarRegistrations.id, id));
          if (before!.status === 'cancelled') return;
          const after = await updateVersioned(
            tx,
            seminarRegistrations,
            id,
            version,
            { status: 'cancelled' },
            actor.userId,
          );
          await recordAudit(tx, ctx, {
            action: 'seminar_registration.cancel',
            entityType: 'seminar_registration',
            entityId: id,
            before,
            after,
          });
          if (before!.status !== 'registered') return;
          const [next] = await tx
            .select()
            .from(seminarRegistrations)
            .where(
              and(eq(seminarRegistrations.eventId, event.id), eq(seminarRegistrations.status, 'waitlisted')),
            )
            .orderBy(asc(seminarRegistrations.queuedAt), asc(seminarRegistrations.id))
            .limit(1)
            .for('update');
          if (!next) return;
          const promoted = await updateVersioned(
            tx,
            seminarRegistrations,
            next.id,
            next.version,
            { status: 'registered' },
            actor.userId,
          );
          await recordAudit(tx, ctx, {
            action: 'seminar_registration.promote',
            entityType: 'seminar_registration',
            entityId: next.id,
            before: next,
            after: promoted,
          });
          await enqueueMail(tx, {
            prefectureId: actor.prefectureId,
            to: next.attendeeEmail,
            subject: `【繰り上げ】${event.title} にお申し込みいただけました`,
            bodyText: `${next.attendeeName} 様\n\nキャンセル待ちから繰り上がり、「${event.title}」の参加が確定しました。\n参加方法はKakehashiのセミナーの画面でご確認ください。\n`,
          });
        }),
      () => loadRegistration(db, actor.prefectureId, id),
    );
    return (await loadRegistration(db, actor.prefectureId, id))!;
  }

  async function markAttendance(ctx: RequestContext, id: string, version: number, minutes: number | null) {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const [before] = await tx
            .select()
            .from(seminarRegistrations)
            .where(
              and(eq(seminarRegistrations.id, id), eq(seminarRegistrations.prefectureId, actor.prefectureId)),
            );
          if (!before) throw notFound();
          const after = await updateVersioned(
            tx,
            seminarRegistrations,
            id,
            version,
            { minutesAttended: minutes },
            actor.userId,
          );
          await recordAudit(tx, ctx, {
            action: 'seminar_registration.attendance',
            entityType: 'seminar_registration',
            entityId: id,
            before,
            after,
          });
        }),
      () => loadRegistration(db, actor.prefectureId, id),
    );
    return (await loadRegistration(db, actor.prefectureId, id))!;
  }

  // -------------------------------------------------------------------------
  // Attendance import
  // -------------------------------------------------------------------------

  async function previewAttendance(
    ctx: RequestContext,
    eventId: string,
    bytes: Uint8Array,
  ): Promise<AttendanceImportPreview> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    const event = await findEvent(db, actor.prefectureId, eventId);
    if (!event) throw notFound();
    let report: ReturnType<typeof parseAttendanceReport>;
    try {
      report = parseAttendanceReport(bytes);
    } catch (err) {
      if (err instanceof AttendanceReportError) throw fieldError(['file'], err.ja, err.en, 'unreadable');
      throw err;
    }
    const candidates = await db
      .select({
        id: seminarRegistrations.id,
        attendeeName: seminarRegistrations.attendeeName,
        attendeeEmail: seminarRegistrations.attendeeEmail,
        municipalityName: municipalities.name,
      })
      .from(seminarRegistrations)
      .innerJoin(municipalities, eq(municipalities.id, seminarRegistrations.municipalityId))
      .where(and(eq(seminarRegistrations.eventId, eventId), ne(seminarRegistrations.status, 'cancelled')));
    const matches = matchAttendance(report.rows, candidates);
    const rows = report.rows.map((r, index) => ({
      index,
      name: r.name,
      email: r.email,
      minutes: r.minutes,
      match: matches[index] ?? null,
    }));
    const [saved] = await db
      .insert(seminarAttendanceImports)
      .values({
        prefectureId: actor.prefectureId,
        eventId,
        format: report.format,
        rows,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: seminarAttendanceImports.id });
    return { importId: saved!.id, format: report.format, rows };
  }

  async function confirmAttendance(ctx: RequestContext, eventId: string, input: AttendanceImportConfirm) {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    return db.transaction(async (tx) => {
      const event = await findEvent(tx, actor.prefectureId, eventId, true);
      if (!event) throw notFound();
      const [imp] = await tx
        .select()
        .from(seminarAttendanceImports)
        .where(
          and(
            eq(seminarAttendanceImports.id, input.importId),
            eq(seminarAttendanceImports.eventId, eventId),
            eq(seminarAttendanceImports.prefectureId, actor.prefectureId),
          ),
        )
        .for('update');
      if (!imp) throw notFound();
      if (imp.confirmedAt) throw new AppError('DUPLICATE');
      const previewRows = imp.rows as (AttendanceReportRow & { index: number })[];
      const decided = new Map(input.rows.map((r) => [r.index, r]));
      // Every row of the report gets a decision: nothing is dropped silently.
      const fields = previewRows
        .filter((r) => {
          const d = decided.get(r.index);
          return !d || (!d.isIgnored && !d.registrationId && !d.municipalityId);
        })
        .map((r) => ({
          path: ['rows', r.index],
          code: 'undecided',
          ja: `${r.index + 1}行目（${r.name}）の扱いを選んでください。`,
          en: `Choose what to do with row ${r.index + 1} (${r.name}).`,
        }));
      if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      const regs = await tx
        .select()
        .from(seminarRegistrations)
        .where(eq(seminarRegistrations.eventId, eventId));
      const minutesByReg = new Map<string, number>();
      let recorded = 0;
      let walkInsAttended = 0;
      for (const row of previewRows) {
        const d = decided.get(row.index)!;
        if (d.isIgnored) continue;
        if (d.registrationId) {
          if (!regs.some((r) => r.id === d.registrationId))
            throw fieldError(
              ['rows', row.index, 'registrationId'],
              '申込みが見つかりません。',
              'No such registration.',
            );
          minutesByReg.set(d.registrationId, (minutesByReg.get(d.registrationId) ?? 0) + row.minutes);
          recorded++;
        } else if (d.municipalityId) {
          const [m] = await tx
            .select({ id: municipalities.id })
            .from(municipalities)
            .where(
              and(
                eq(municipalities.id, d.municipalityId),
                eq(municipalities.prefectureId, actor.prefectureId),
              ),
            );
          if (!m)
            throw fieldError(
              ['rows', row.index, 'municipalityId'],
              '市町村が見つかりません。',
              'No such municipality.',
            );
          const [walkIn] = await tx
            .insert(seminarWalkIns)
            .values({
              prefectureId: actor.prefectureId,
              eventId,
              municipalityId: m.id,
              name: row.name,
              email: row.email,
              audienceGroup: audienceGroupOf(event.audience as Audience, isHeadPosition(row.name)),
              minutesAttended: row.minutes,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            })
            .returning();
          await recordAudit(tx, ctx, {
            action: 'seminar_walk_in.create',
            entityType: 'seminar_walk_in',
            entityId: walkIn!.id,
            after: walkIn,
          });
          recorded++;
          if (row.minutes >= event.attendanceThresholdMinutes) walkInsAttended++;
        }
      }
      let attended = walkInsAttended;
      for (const [regId, minutes] of minutesByReg) {
        const before = regs.find((r) => r.id === regId)!;
        const after = await updateVersioned(
          tx,
          seminarRegistrations,
          regId,
          before.version,
          { minutesAttended: minutes },
          actor.userId,
        );
        await recordAudit(tx, ctx, {
          action: 'seminar_registration.attendance',
          entityType: 'seminar_registration',
          entityId: regId,
          before,
          after,
        });
        if (minutes >= event.attendanceThresholdMinutes) attended++;
      }
      await tx
        .update(seminarAttendanceImports)
        .set({ confirmedAt: ctx.now, updatedAt: ctx.now, updatedBy: actor.userId })
        .where(eq(seminarAttendanceImports.id, imp.id));
      await recordAudit(tx, ctx, {
        action: 'seminar_attendance_import.confirm',
        entityType: 'seminar_attendance_import',
        entityId: imp.id,
        after: { recorded, attended, format: imp.format },
      });
      return { recorded, attended };
    });
  }

  // -------------------------------------------------------------------------
  // Materials, workshop outputs, archive, files
  // -------------------------------------------------------------------------

  async function addMaterial(
    ctx: RequestContext,
    eventId: string,
    input: {
      purpose: MaterialPurpose;
      kind: 'link' | 'file';
      title: string;
      url?: string | undefined;
      file?: UploadedFile | undefined;
    },
  ): Promise<SeminarMaterial> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    const event = await findEvent(db, actor.prefectureId, eventId);
    if (!event) throw notFound();
    if (input.kind === 'link' && !input.url)
      throw fieldError(['url'], 'URLを入力してください。', 'Enter a URL.');
    if (input.kind === 'file' && !input.file)
      throw fieldError(['file'], 'ファイルを選択してください。', 'Choose a file.');
    const storedName = input.kind === 'file' ? await storeUpload(input.file!) : null;
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(seminarFiles)
        .values({
          prefectureId: actor.prefectureId,
          eventId,
          purpose: input.purpose,
          kind: input.kind,
          title: input.title,
          url: input.kind === 'link' ? input.url! : null,
          storedName,
          originalName: input.file?.name ?? null,
          mimeType: input.file?.type || null,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'seminar_file.create',
        entityType: 'seminar_file',
        entityId: row!.id,
        after: row,
      });
      return toMaterial(row!);
    });
  }

  async function deleteMaterial(ctx: RequestContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(seminarFiles)
        .where(
          and(
            eq(seminarFiles.id, id),
            eq(seminarFiles.prefectureId, actor.prefectureId),
            ne(seminarFiles.purpose, 'archive'),
          ),
        );
      if (!row) throw notFound();
      await tx.delete(seminarFiles).where(eq(seminarFiles.id, id));
      await recordAudit(tx, ctx, {
        action: 'seminar_file.delete',
        entityType: 'seminar_file',
        entityId: id,
        before: row,
      });
    });
  }

  async function setArchive(
    ctx: RequestContext,
    eventId: string,
    input: {
      kind: 'link' | 'file';
      url?: string | undefined;
      file?: UploadedFile | undefined;
      opensAt: string;
      closesAt: string;
      entitlement: ArchiveEntitlement;
      countsTowardReach: boolean;
    },
  ): Promise<SeminarArchive> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    const event0 = await findEvent(db, actor.prefectureId, eventId);
    if (!event0) throw notFound();
    if (Date.parse(input.closesAt) <= Date.parse(input.opensAt))
      throw fieldError(
        ['closesAt'],
        '公開終了は公開開始より後にしてください。',
        'The window must close after it opens.',
      );
    if (input.kind === 'link' && !input.url)
      throw fieldError(['url'], 'URLを入力してください。', 'Enter a URL.');
    if (input.kind === 'file' && !input.file && event0.archiveKind !== 'file')
      throw fieldError(['file'], 'ファイルを選択してください。', 'Choose a file.');
    const storedName = input.kind === 'file' && input.file ? await storeUpload(input.file) : null;
    return db.transaction(async (tx) => {
      let fileId = input.kind === 'file' ? event0.archiveFileId : null;
      if (storedName) {
        const [file] = await tx
          .insert(seminarFiles)
          .values({
            prefectureId: actor.prefectureId,
            eventId,
            purpose: 'archive',
            kind: 'file',
            title: input.file!.name,
            storedName,
            originalName: input.file!.name,
            mimeType: input.file!.type || null,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })
          .returning();
        fileId = file!.id;
      }
      const after = await updateVersioned(
        tx,
        seminarEvents,
        eventId,
        event0.version,
        {
          archiveKind: input.kind,
          archiveUrl: input.kind === 'link' ? input.url! : null,
          archiveFileId: fileId,
          archiveOpensAt: new Date(input.opensAt),
          archiveClosesAt: new Date(input.closesAt),
          archiveEntitlement: input.entitlement,
          archiveCountsTowardReach: input.countsTowardReach ? 1 : 0,
        },
        actor.userId,
      );
      await recordAudit(tx, ctx, {
        action: 'seminar_event.archive',
        entityType: 'seminar_event',
        entityId: eventId,
        before: event0,
        after,
      });
      return (await loadDetail(tx, actor, eventId, ctx.now)).archive!;
    });
  }

  /** Hands out the archive link to an entitled municipality user inside the window, recording the view. */
  async function viewArchive(ctx: RequestContext, eventId: string): Promise<{ url: string }> {
    const actor = requireActor(ctx);
    const event = await findEvent(db, actor.prefectureId, eventId);
    if (!event?.archiveKind) throw notFound();
    if (policy.canManage(actor, actor.prefectureId)) return { url: archiveUrlOf(event) };
    assertAllowed((await isArchiveEntitled(db, actor, event)) && isArchiveOpen(event, ctx.now));
    await db.insert(seminarArchiveViews).values({
      prefectureId: actor.prefectureId,
      eventId,
      municipalityId: actor.municipalityId!,
      userId: actor.userId,
      audienceGroup: audienceGroupOf(event.audience as Audience, hasRole(actor, 'municipality_head')),
      viewedAt: ctx.now,
    });
    return { url: archiveUrlOf(event) };
  }

  /** An uploaded file, access-checked: materials to the prefecture's users, the archive to the entitled in its window. */
  async function readFile(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const [file] = await db
      .select()
      .from(seminarFiles)
      .where(and(eq(seminarFiles.id, id), eq(seminarFiles.prefectureId, actor.prefectureId)));
    if (file?.kind !== 'file' || !file.storedName) throw notFound();
    if (file.purpose === 'archive' && !policy.canManage(actor, actor.prefectureId)) {
      const event = await findEvent(db, actor.prefectureId, file.eventId);
      assertAllowed(
        event !== null &&
          event.archiveFileId === file.id &&
          (await isArchiveEntitled(db, actor, event)) &&
          isArchiveOpen(event, ctx.now),
      );
    } else {
      assertAllowed(policy.canRead(actor, actor.prefectureId));
    }
    const bytes = await fs.readFile(path.join(uploadsDir, path.basename(file.storedName)));
    return { bytes, name: file.originalName ?? 'file', type: file.mimeType ?? 'application/octet-stream' };
  }

  // -------------------------------------------------------------------------
  // Reach
  // -------------------------------------------------------------------------

  async function computeReach(ex: Executor, prefectureId: string, fiscalYear: number | null) {
    const munis = await ex
      .select({ id: municipalities.id, name: municipalities.name, nameEn: municipalities.nameEn })
      .from(municipalities)
      .where(eq(municipalities.prefectureId, prefectureId))
      .orderBy(asc(municipalities.code));
    const yearOf = sql<number>`${fiscalYears.year}`;
    const regs = await ex
      .select({
        municipalityId: seminarRegistrations.municipalityId,
        group: seminarRegistrations.audienceGroup,
        year: yearOf,
        status: seminarRegistrations.status,
        minutes: seminarRegistrations.minutesAttended,
        threshold: seminarEvents.attendanceThresholdMinutes,
      })
      .from(seminarRegistrations)
      .innerJoin(seminarEvents, eq(seminarEvents.id, seminarRegistrations.eventId))
      .innerJoin(seminarSeries, eq(seminarSeries.id, seminarEvents.seriesId))
      .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
      .where(
        and(
          eq(seminarRegistrations.prefectureId, prefectureId),
          ne(seminarRegistrations.status, 'cancelled'),
        ),
      );
    const walkIns = await ex
      .select({
        municipalityId: seminarWalkIns.municipalityId,
        group: seminarWalkIns.audienceGroup,
        year: yearOf,
        minutes: seminarWalkIns.minutesAttended,
        threshold: seminarEvents.attendanceThresholdMinutes,
      })
      .from(seminarWalkIns)
      .innerJoin(seminarEvents, eq(seminarEvents.id, seminarWalkIns.eventId))
      .innerJoin(seminarSeries, eq(seminarSeries.id, seminarEvents.seriesId))
      .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
      .where(eq(seminarWalkIns.prefectureId, prefectureId));
    const views = await ex
      .select({
        municipalityId: seminarArchiveViews.municipalityId,
        group: seminarArchiveViews.audienceGroup,
        year: yearOf,
      })
      .from(seminarArchiveViews)
      .innerJoin(seminarEvents, eq(seminarEvents.id, seminarArchiveViews.eventId))
      .innerJoin(seminarSeries, eq(seminarSeries.id, seminarEvents.seriesId))
      .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
      .where(
        and(
          eq(seminarArchiveViews.prefectureId, prefectureId),
          eq(seminarEvents.archiveCountsTowardReach, 1),
        ),
      );
    const cells = new Map<
      string,
      {
        municipalityId: string;
        year: number;
        audience: ReachAudience;
        registered: boolean;
        attended: boolean;
        watchedArchive: boolean;
      }
    >();
    const cell = (municipalityId: string, year: number, audience: string) => {
      const key = `${municipalityId}|${year}|${audience}`;
      let c = cells.get(key);
      if (!c) {
        c = {
          municipalityId,
          year: Number(year),
          audience: audience as ReachAudience,
          registered: false,
          attended: false,
          watchedArchive: false,
        };
        cells.set(key, c);
      }
      return c;
    };
    for (const r of regs) {
      const c = cell(r.municipalityId, r.year, r.group);
      if (r.status === 'registered') c.registered = true;
      if (r.minutes !== null && r.minutes >= r.threshold) c.attended = true;
    }
    for (const w of walkIns)
      if (w.minutes >= w.threshold) cell(w.municipalityId, w.year, w.group).attended = true;
    for (const v of views) cell(v.municipalityId, v.year, v.group).watchedArchive = true;
    const byId = new Map(munis.map((m) => [m.id, m]));
    const all = [...cells.values()];
    const inYear = fiscalYear === null ? all : all.filter((c) => c.year === fiscalYear);
    const rows: ReachRow[] = inYear
      .filter((c) => byId.has(c.municipalityId))
      .map((c) => ({
        municipality: byId.get(c.municipalityId)!,
        fiscalYear: c.year,
        audience: c.audience,
        registered: c.registered,
        attended: c.attended,
        watchedArchive: c.watchedArchive,
        isReached: c.attended || c.watchedArchive,
      }))
      .sort(
        (a, b) =>
          b.fiscalYear - a.fiscalYear ||
          munis.indexOf(a.municipality) - munis.indexOf(b.municipality) ||
          a.audience.localeCompare(b.audience),
      );
    const reachedIn = (cs: typeof all, audience: ReachAudience) =>
      new Set(
        cs
          .filter((c) => c.audience === audience && (c.attended || c.watchedArchive))
          .map((c) => c.municipalityId),
      );
    const summary = reachAudiences.map((audience) => ({
      audience,
      reached: reachedIn(inYear, audience).size,
      total: munis.length,
    }));
    const neverReached = reachAudiences.map((audience) => {
      const thisYear = reachedIn(inYear, audience);
      const ever = reachedIn(all, audience);
      return {
        audience,
        thisYear: munis.filter((m) => !thisYear.has(m.id)),
        allYears: munis.filter((m) => !ever.has(m.id)),
      };
    });
    const reachedAny = new Set(
      inYear.filter((c) => c.attended || c.watchedArchive).map((c) => c.municipalityId),
    );
    const seriesRows = await ex
      .select({
        cost: seminarSeries.costPerSessionThousandYen,
        count: seminarSeries.sessionCount,
        year: fiscalYears.year,
      })
      .from(seminarSeries)
      .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
      .where(eq(seminarSeries.prefectureId, prefectureId));
    const costRows = fiscalYear === null ? seriesRows : seriesRows.filter((s) => s.year === fiscalYear);
    const costThousandYen =
      costRows.length === 0 ? null : costRows.reduce((sum, s) => sum + s.cost * s.count, 0);
    return {
      fiscalYear,
      rows,
      summary,
      neverReached,
      costThousandYen,
      municipalitiesReached: reachedAny.size,
      costPerMunicipalityReachedThousandYen:
        costThousandYen === null || reachedAny.size === 0
          ? null
          : Math.round((costThousandYen / reachedAny.size) * 10) / 10,
    } satisfies ReachReport;
  }

  async function reach(ctx: RequestContext, fiscalYear: number | undefined): Promise<ReachReport> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canReadReach(actor));
    const report = await computeReach(db, actor.prefectureId, fiscalYear ?? null);
    if (isPrefectureAdmin(ctx.actor)) return report;
    // A municipality reads its own rows; the others' names stay with the prefecture.
    return {
      ...report,
      rows: report.rows.filter((r) => r.municipality.id === actor.municipalityId),
      neverReached: [],
    };
  }

  async function reachWorkbook(ctx: RequestContext, fiscalYear: number | undefined): Promise<Uint8Array> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    const report = await computeReach(db, actor.prefectureId, fiscalYear ?? null);
    const yes = (b: boolean) => (b ? '○' : '');
    const label = (a: ReachAudience) => (a === 'heads' ? '首長・副首長' : '職員');
    return writeWorkbook([
      {
        name: '到達状況',
        columns: [
          { header: '年度', key: 'year', width: 8 },
          { header: '市町村', key: 'municipality', width: 16 },
          { header: '対象', key: 'audience', width: 14 },
          { header: '申込', key: 'registered', width: 8 },
          { header: '出席', key: 'attended', width: 8 },
          { header: 'アーカイブ視聴', key: 'watched', width: 14 },
          { header: '到達', key: 'reached', width: 8 },
        ],
        rows: report.rows.map((r) => ({
          year: r.fiscalYear,
          municipality: r.municipality.name,
          audience: label(r.audience),
          registered: yes(r.registered),
          attended: yes(r.attended),
          watched: yes(r.watchedArchive),
          reached: yes(r.isReached),
        })),
      },
      {
        name: '未到達',
        columns: [
          { header: '対象', key: 'audience', width: 14 },
          { header: '区分', key: 'scope', width: 12 },
          { header: '市町村', key: 'municipality', width: 16 },
        ],
        rows: report.neverReached.flatMap((n) => [
          ...n.thisYear.map((m) => ({
            audience: label(n.audience),
            scope: '対象年度',
            municipality: m.name,
          })),
          ...n.allYears.map((m) => ({ audience: label(n.audience), scope: '全年度', municipality: m.name })),
        ]),
      },
      {
        name: '集計',
        columns: [
          { header: '項目', key: 'item', width: 30 },
          { header: '値', key: 'value', width: 14 },
        ],
        rows: [
          ...report.summary.map((s) => ({ item: `${label(s.audience)}の到達市町村数`, value: s.reached })),
          { item: '到達市町村数（いずれか）', value: report.municipalitiesReached },
          { item: '事業費（千円）', value: report.costThousandYen ?? '' },
          {
            item: '到達1市町村あたり事業費（千円）',
            value: report.costPerMunicipalityReachedThousandYen ?? '',
          },
        ],
      },
    ]);
  }

  // -------------------------------------------------------------------------
  // Reminders (outbox), called by the maintenance tick and by tests
  // -------------------------------------------------------------------------

  return {
    listSeries,
    createSeries,
    listEvents,
    getEvent,
    createEvent,
    updateEvent,
    listEventRegistrations,
    listMyRegistrations,
    register,
    cancel,
    markAttendance,
    previewAttendance,
    confirmAttendance,
    addMaterial,
    deleteMaterial,
    setArchive,
    viewArchive,
    readFile,
    reach,
    reachWorkbook,
    computeReach,
    sendReminders: (now: Date) => sendSeminarReminders(db, now),
  };
}

export type SeminarsService = ReturnType<typeof createSeminarsService>;

/**
 * Queues one reminder per registered (not waitlisted) attendee of events starting within the next
 * 24 hours, once per registration. The reminder carries the join URL and passcode: it goes only to
 * the attendee who holds the seat.
 */
export async function sendSeminarReminders(db: Executor, now: Date, hoursAhead = 24): Promise<number> {
  const until = new Date(now.getTime() + hoursAhead * 3_600_000);
  const due = await db
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
  let sent = 0;
  for (const { reg, event } of due) {
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(seminarRegistrations)
        .set({ reminderSentAt: now })
        .where(and(eq(seminarRegistrations.id, reg.id), sql`${seminarRegistrations.reminderSentAt} is null`))
        .returning({ id: seminarRegistrations.id });
      if (claimed.length === 0) return;
      const starts = new Intl.DateTimeFormat('ja-JP', {
        timeZone: 'Asia/Tokyo',
        dateStyle: 'long',
        timeStyle: 'short',
      }).format(event.startsAt);
      await enqueueMail(tx, {
        prefectureId: reg.prefectureId,
        to: reg.attendeeEmail,
        subject: `【リマインド】${event.title}（${starts}）`,
        bodyText:
          `${reg.attendeeName} 様\n\n「${event.title}」は ${starts} に始まります。\n\n` +
          `参加URL: ${event.joinUrl}\nパスコード: ${event.passcode}\n\n` +
          'このURLとパスコードはお申し込みの方専用です。転送しないでください。\n',
      });
      sent++;
    });
  }
  return sent;
}
