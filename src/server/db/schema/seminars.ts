import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type {
  ArchiveEntitlement,
  AttendanceImportRow,
  Audience,
  MaterialPurpose,
  ReachAudience,
  RegistrationStatus,
} from '../../../shared/schemas/seminars';
import { users } from './accounts';
import { editable, id, requiredRef } from './columns';
import { fiscalYears, programs } from './fiscal-years';
import { surveys } from './surveys';
import { municipalities, prefectures, regions } from './tenancy';

/** A fiscal year's seminar series (DXトップセミナー) with its budget in 千円. */
export const seminarSeries = pgTable(
  'seminar_series',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    programId: uuid('program_id').references(() => programs.id),
    title: text('title').notNull(),
    costPerSessionThousandYen: integer('cost_per_session_thousand_yen').notNull(),
    sessionCount: integer('session_count').notNull(),
    ...editable(),
  },
  (t) => [index('seminar_series_fiscal_year').on(t.fiscalYearId)],
);

/** One seminar (webinar) of a series. The archive (limited recording) lives on the event. */
export const seminarEvents = pgTable(
  'seminar_events',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    seriesId: requiredRef('series_id', () => seminarSeries.id),
    title: text('title').notNull(),
    audience: text('audience').$type<Audience>().notNull(),
    regionId: uuid('region_id').references(() => regions.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    /** At most this many registrations (seats and waiting list) per municipality; null = no cap. */
    maxSeatsPerMunicipality: integer('max_seats_per_municipality'),
    attendanceThresholdMinutes: integer('attendance_threshold_minutes').notNull(),
    joinUrl: text('join_url').notNull().default(''),
    passcode: text('passcode').notNull().default(''),
    programme: text('programme').notNull().default(''),
    speakers: text('speakers').notNull().default(''),
    workshopNotes: text('workshop_notes').notNull().default(''),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    /** null: no archive */
    archiveKind: text('archive_kind').$type<'link' | 'file'>(),
    archiveUrl: text('archive_url'),
    archiveFileId: uuid('archive_file_id'),
    archiveOpensAt: timestamp('archive_opens_at', { withTimezone: true }),
    archiveClosesAt: timestamp('archive_closes_at', { withTimezone: true }),
    archiveEntitlement: text('archive_entitlement').$type<ArchiveEntitlement>(),
    archiveCountsTowardReach: integer('archive_counts_toward_reach').notNull().default(1),
    /** The event's feedback survey (kind 'seminar_feedback', audience 'seminar_participants'). */
    feedbackSurveyId: uuid('feedback_survey_id').references(() => surveys.id),
    ...editable(),
  },
  (t) => [index('seminar_events_series').on(t.seriesId), index('seminar_events_starts').on(t.startsAt)],
);

/** A seat (or a place on the waiting list) for one attendee of a municipality. */
export const seminarRegistrations = pgTable(
  'seminar_registrations',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    eventId: requiredRef('event_id', () => seminarEvents.id),
    municipalityId: requiredRef('municipality_id', () => municipalities.id),
    userId: uuid('user_id').references(() => users.id),
    attendeeName: text('attendee_name').notNull(),
    attendeePosition: text('attendee_position').notNull().default(''),
    attendeeEmail: text('attendee_email').notNull(),
    /** The reach group this attendee counts for. */
    audienceGroup: text('audience_group').$type<ReachAudience>().notNull(),
    status: text('status').$type<RegistrationStatus>().notNull(),
    /** Order on the waiting list (and of arrival): a sequence per event. */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    minutesAttended: integer('minutes_attended'),
    /** First join and last leave from the last imported attendance report (null until one is imported). */
    firstJoinedAt: timestamp('first_joined_at', { withTimezone: true }),
    lastLeftAt: timestamp('last_left_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [
    index('seminar_registrations_event').on(t.eventId, t.status, t.queuedAt),
    index('seminar_registrations_municipality').on(t.municipalityId),
  ],
);

/** Someone from a municipality who attended without a registration (assigned at attendance review). */
export const seminarWalkIns = pgTable(
  'seminar_walk_ins',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    eventId: requiredRef('event_id', () => seminarEvents.id),
    municipalityId: requiredRef('municipality_id', () => municipalities.id),
    name: text('name').notNull(),
    email: text('email').notNull().default(''),
    audienceGroup: text('audience_group').$type<ReachAudience>().notNull(),
    minutesAttended: integer('minutes_attended').notNull(),
    /** First join and last leave from the imported attendance report. */
    firstJoinedAt: timestamp('first_joined_at', { withTimezone: true }),
    lastLeftAt: timestamp('last_left_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [index('seminar_walk_ins_event').on(t.eventId)],
);

/** Materials, workshop outputs and archive recordings: a link or an uploaded file (random stored name). */
export const seminarFiles = pgTable(
  'seminar_files',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    eventId: requiredRef('event_id', () => seminarEvents.id),
    purpose: text('purpose').$type<MaterialPurpose | 'archive'>().notNull(),
    kind: text('kind').$type<'link' | 'file'>().notNull(),
    title: text('title').notNull(),
    url: text('url'),
    storedName: text('stored_name'),
    originalName: text('original_name'),
    mimeType: text('mime_type'),
    ...editable(),
  },
  (t) => [index('seminar_files_event').on(t.eventId)],
);

/** An uploaded attendance report waiting for the administrator's review (preview → confirm). */
export const seminarAttendanceImports = pgTable('seminar_attendance_imports', {
  id: id(),
  prefectureId: requiredRef('prefecture_id', () => prefectures.id),
  eventId: requiredRef('event_id', () => seminarEvents.id),
  /** 'zoom' | 'zoom_summary' | 'teams' */
  format: text('format').notNull(),
  /** The preview rows as shown to the administrator (index, name, e-mail, minutes, match). */
  rows: jsonb('rows').$type<AttendanceImportRow[]>().notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  ...editable(),
});

/** Each view of an archive (counts toward reach when the event's archive says so). */
export const seminarArchiveViews = pgTable(
  'seminar_archive_views',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    eventId: requiredRef('event_id', () => seminarEvents.id),
    municipalityId: requiredRef('municipality_id', () => municipalities.id),
    userId: uuid('user_id').references(() => users.id),
    audienceGroup: text('audience_group').$type<ReachAudience>().notNull(),
    viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('seminar_archive_views_event').on(t.eventId),
    uniqueIndex('seminar_archive_views_id').on(t.id),
  ],
);
