/**
 * DX seminars (issue 5): the API contract.
 *
 * Routes (all under /api; "admin" = prefecture_admin of the tenant; "muni" = municipality_staff /
 * municipality_head; "any" = any signed-in user of the prefecture):
 *
 *   GET    /seminar-series                              any    series of the prefecture (newest year first)
 *   POST   /seminar-series                              admin  create a series for a fiscal year (links the
 *                                                              year's 'seminar_series' program if there is one)
 *   GET    /seminar-events?fiscalYear&audience&regionId&upcoming
 *                                                       any    events (participant view: no join URL/passcode)
 *   POST   /seminar-series/{id}/events                  admin  create an event → SeminarEventDetail
 *   GET    /seminar-events/{id}                         any    event detail; joinUrl/passcode only for admin and
 *                                                              for users whose municipality holds a 'registered'
 *                                                              registration; myRegistrations = own municipality's
 *   PATCH  /seminar-events/{id}                         admin  update fields (version required)
 *   GET    /seminar-events/{id}/registrations           admin: all; muni: own municipality's only
 *   POST   /seminar-events/{id}/registrations           muni   register self ({isSelf:true}) or on behalf
 *                                                              (attendee name/position/e-mail, optional userId);
 *                                                              seat or waiting list; refused after closing time
 *   GET    /seminar-registrations                       muni   own municipality's registrations, all events
 *   POST   /seminar-registrations/{id}/cancel           muni (own municipality) / admin; promotes the first
 *                                                              waitlisted in the same transaction
 *   POST   /seminar-registrations/{id}/attendance       admin  manual marking: minutesAttended (null clears)
 *   POST   /seminar-events/{id}/attendance-imports      admin  multipart `file` (Zoom/Teams CSV) → preview
 *   POST   /seminar-events/{id}/attendance-imports/confirm admin  apply the preview with per-row decisions
 *   POST   /seminar-events/{id}/materials               admin  multipart: purpose material|workshop,
 *                                                              kind link|file, title, url | file
 *   DELETE /seminar-materials/{id}                      admin
 *   GET    /seminar-files/{id}                          access-checked download of an uploaded file
 *                                                              (materials: any; archive: entitled only, in window)
 *   POST   /seminar-events/{id}/archive                 admin  multipart: kind, url | file, opensAt, closesAt,
 *                                                              entitlement, countsTowardReach
 *   POST   /seminar-events/{id}/archive/views           muni (entitled, window open) → { url }; records a view
 *   GET    /seminar-reach?fiscalYear                    admin: all municipalities; muni: own only
 *   GET    /seminar-reach/export?fiscalYear             admin  xlsx
 *
 * Feedback survey: PATCH accepts `feedbackSurveyId` (a survey of kind 'seminar_feedback' and audience
 * 'seminar_participants' of the prefecture, or null to clear). Its respondents are the users holding
 * a seat ('registered') at an event linked to it — the attendee's account, or the registering user
 * when the attendee has none (registered by the seminars feature in the survey eligibility registry).
 */
import { z } from 'zod';
import { isRealInstant } from '../instant';

type Labels = { ja: string; en: string };

export const audiences = ['heads', 'staff', 'all'] as const;
export type Audience = (typeof audiences)[number];
export const audienceSchema = z.enum(audiences);
export const audienceLabels: Record<Audience, Labels> = {
  heads: { ja: '首長・副首長', en: 'Heads and deputies' },
  staff: { ja: '職員', en: 'Staff' },
  all: { ja: 'どなたでも', en: 'Everyone' },
};
/** Reach is counted per audience group; an 'all' event counts the attendee's group (head or staff). */
export const reachAudiences = ['heads', 'staff'] as const;
export type ReachAudience = (typeof reachAudiences)[number];

export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const materialPurposes = ['material', 'workshop'] as const;
export type MaterialPurpose = (typeof materialPurposes)[number];
export const materialKinds = ['link', 'file'] as const;
export const archiveEntitlements = ['registered', 'audience'] as const;
export type ArchiveEntitlement = (typeof archiveEntitlements)[number];

// ---------------------------------------------------------------------------
// Field helpers
// ---------------------------------------------------------------------------

const requiredText = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max);
const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
export const instantSchema = z
  .string()
  .max(40)
  .refine(isRealInstant, {
    params: {
      ja: '実在する日時を入力してください（2000〜2099年）。',
      en: 'Enter a date and time that exists (years 2000–2099).',
    },
  });
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), {
    params: { ja: 'http(s)で始まるURLを入力してください。', en: 'Enter a URL starting with http(s).' },
  });
const optionalHttpUrl = z.union([z.literal(''), httpUrl]);
const emailSchema = z
  .string()
  .trim()
  .max(254)
  .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    params: { ja: 'メールアドレスを正しく入力してください。', en: 'Enter a valid e-mail address.' },
  });
const uuidSchema = z.uuid();
/** Optimistic-locking version: bounded to its integer column (a larger one is a field error). */
const versionField = z.number().int().positive().max(2_147_483_647);

// ---------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------

export const seminarSeriesSchema = z.object({
  id: z.string(),
  fiscalYearId: z.string(),
  fiscalYear: z.number().int(),
  title: z.string(),
  costPerSessionThousandYen: z.number().int(),
  sessionCount: z.number().int(),
  /** costPerSession × sessionCount (千円). */
  budgetThousandYen: z.number().int(),
  /** The fiscal year's program of kind 'seminar_series', when there is one. */
  programId: z.string().nullable(),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type SeminarSeries = z.infer<typeof seminarSeriesSchema>;
export const seminarSeriesListSchema = z.object({ items: z.array(seminarSeriesSchema) });

export const seminarSeriesCreateSchema = z.object({
  fiscalYearId: uuidSchema,
  title: requiredText(200),
  costPerSessionThousandYen: wholeNumber(0, 10_000_000),
  sessionCount: wholeNumber(1, 100),
});
export type SeminarSeriesCreate = z.infer<typeof seminarSeriesCreateSchema>;

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

const namedRef = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });

export const seminarMaterialSchema = z.object({
  id: z.string(),
  kind: z.enum(materialKinds),
  title: z.string(),
  /** A link, or /api/seminar-files/{id} for an uploaded file. */
  url: z.string(),
});
export type SeminarMaterial = z.infer<typeof seminarMaterialSchema>;

export const seminarEventSchema = z.object({
  id: z.string(),
  seriesId: z.string(),
  fiscalYear: z.number().int(),
  title: z.string(),
  audience: audienceSchema,
  region: namedRef.nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  /** At most this many registrations (seats and waiting list) per municipality; null = no cap. */
  maxSeatsPerMunicipality: z.number().int().nullable(),
  registrationClosesAt: z.string(),
  registeredCount: z.number().int(),
  waitlistCount: z.number().int(),
  isRegistrationOpen: z.boolean(),
});
export type SeminarEvent = z.infer<typeof seminarEventSchema>;
export const seminarEventListSchema = z.object({ items: z.array(seminarEventSchema) });
export const seminarEventListQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  audience: audienceSchema.optional(),
  regionId: z.uuid().optional(),
  upcoming: z.enum(['true', 'false']).optional(),
});

export const seminarRegistrationSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  municipality: namedRef,
  attendeeName: z.string(),
  attendeePosition: z.string(),
  attendeeEmail: z.string(),
  userId: z.string().nullable(),
  status: z.enum(registrationStatuses),
  /** 1-based position on the waiting list; null unless waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  minutesAttended: z.number().int().nullable(),
  /** First join and last leave (ISO instants) from the last imported attendance report; null until one is imported. */
  firstJoinedAt: z.string().nullable(),
  lastLeftAt: z.string().nullable(),
  isAttended: z.boolean(),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type SeminarRegistration = z.infer<typeof seminarRegistrationSchema>;
export const seminarRegistrationListSchema = z.object({ items: z.array(seminarRegistrationSchema) });

export const seminarArchiveSchema = z.object({
  kind: z.enum(materialKinds),
  /** The link or file route; null for users who are not entitled or outside the window (admin always sees it). */
  url: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  entitlement: z.enum(archiveEntitlements),
  countsTowardReach: z.boolean(),
  isAvailableToMe: z.boolean(),
});
export type SeminarArchive = z.infer<typeof seminarArchiveSchema>;

/**
 * The caller's abilities on one seminar, computed by the server from its policy so the UI never
 * derives permissions from roles.
 */
export const seminarEventAbilitiesSchema = z.object({
  /** Change the event, its materials, archive and workshop record (the prefecture). */
  edit: z.boolean(),
  /** Register and cancel for the caller's own municipality (whether registration is open is isRegistrationOpen). */
  register: z.boolean(),
  /** Follow every municipality's registrations and mark attendance (the prefecture). */
  manageRegistrations: z.boolean(),
  /** Import the webinar tool's attendance report (the prefecture). */
  importAttendance: z.boolean(),
  /** Answer the event's feedback survey: the caller holds a seat for this event. */
  answerFeedback: z.boolean(),
  /** Read the feedback survey's results (the prefecture). */
  viewFeedbackResults: z.boolean(),
});
export type SeminarEventAbilities = z.infer<typeof seminarEventAbilitiesSchema>;

export const seminarEventDetailSchema = seminarEventSchema.extend({
  programme: z.string(),
  speakers: z.string(),
  materials: z.array(seminarMaterialSchema),
  attendanceThresholdMinutes: z.number().int(),
  /** Only for the admin and for users of a municipality with a 'registered' (not waitlisted) registration. */
  joinUrl: z.string().nullable(),
  passcode: z.string().nullable(),
  myRegistrations: z.array(seminarRegistrationSchema),
  archive: seminarArchiveSchema.nullable(),
  workshopNotes: z.string(),
  workshopOutputs: z.array(seminarMaterialSchema),
  /** The event's feedback survey (answered at /surveys/{id}/answer), or null. */
  feedbackSurveyId: z.string().nullable(),
  can: seminarEventAbilitiesSchema,
  version: z.number().int().min(0).max(2_147_483_647),
});
export type SeminarEventDetail = z.infer<typeof seminarEventDetailSchema>;

const eventFields = {
  title: requiredText(200),
  audience: audienceSchema,
  regionId: uuidSchema.nullable(),
  startsAt: instantSchema,
  endsAt: instantSchema,
  registrationClosesAt: instantSchema,
  capacity: wholeNumber(1, 10_000),
  maxSeatsPerMunicipality: wholeNumber(1, 10_000).nullable().optional(),
  attendanceThresholdMinutes: wholeNumber(0, 1440),
  joinUrl: optionalHttpUrl,
  passcode: optionalText(100),
  programme: optionalText(10_000),
  speakers: optionalText(2_000),
};
const endAfterStart = {
  path: ['endsAt'],
  params: { ja: '終了は開始より後にしてください。', en: 'The end must be after the start.' },
};
const closesBeforeEnd = {
  path: ['registrationClosesAt'],
  params: {
    ja: '申込締切は終了より前にしてください。',
    en: 'Registration must close before the event ends.',
  },
};
/** A cap above the capacity would never bite: say so instead of storing it. */
export const seatCapWithinCapacity = {
  path: ['maxSeatsPerMunicipality'],
  params: {
    ja: '1市町村あたりの上限は定員以下にしてください。',
    en: 'The limit per municipality must not exceed the capacity.',
  },
};
const capWithinCapacity = (v: {
  capacity?: number | undefined;
  maxSeatsPerMunicipality?: number | null | undefined;
}) =>
  v.capacity === undefined || v.maxSeatsPerMunicipality == null || v.maxSeatsPerMunicipality <= v.capacity;
export const seminarEventCreateSchema = z
  .object(eventFields)
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), endAfterStart)
  .refine((v) => Date.parse(v.registrationClosesAt) <= Date.parse(v.endsAt), closesBeforeEnd)
  .refine(capWithinCapacity, seatCapWithinCapacity);
export type SeminarEventCreate = z.infer<typeof seminarEventCreateSchema>;
export const seminarEventPatchSchema = z
  .object({ ...eventFields, workshopNotes: optionalText(20_000), feedbackSurveyId: uuidSchema.nullable() })
  .partial()
  .extend({ version: versionField })
  .refine((v) => !v.startsAt || !v.endsAt || Date.parse(v.endsAt) > Date.parse(v.startsAt), endAfterStart)
  .refine(capWithinCapacity, seatCapWithinCapacity);
export type SeminarEventPatch = z.infer<typeof seminarEventPatchSchema>;

// ---------------------------------------------------------------------------
// Registrations
// ---------------------------------------------------------------------------

export const seminarRegistrationCreateSchema = z.union([
  z.object({ isSelf: z.literal(true) }),
  z.object({
    attendeeName: requiredText(100),
    attendeePosition: optionalText(100),
    attendeeEmail: emailSchema,
    userId: z.uuid().nullable().optional(),
  }),
]);
export type SeminarRegistrationCreate = z.infer<typeof seminarRegistrationCreateSchema>;
export const seminarRegistrationCancelSchema = z.object({ version: versionField });
export const seminarAttendanceMarkSchema = z.object({
  version: versionField,
  minutesAttended: wholeNumber(0, 1440).nullable(),
});

// ---------------------------------------------------------------------------
// Attendance import
// ---------------------------------------------------------------------------

export const attendanceImportRowSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  email: z.string(),
  /** Whole minutes as recorded: the seconds left over are dropped. Null when the report's duration cannot be read. */
  minutes: z.number().int().nullable(),
  /** The time attended to the second, as the report gives it; null as minutes. */
  seconds: z.number().int().nullable(),
  /** First join and last leave (ISO instants, read from the report's JST times); null when the report has none. */
  joinedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
  match: z.object({ registrationId: z.string(), by: z.enum(['email', 'name']) }).nullable(),
  /**
   * A row to fix: its duration cannot be read (line in the file, the cell as written, why). It is
   * recorded only with minutes typed by the administrator, or ignored explicitly.
   */
  problem: z.object({ line: z.number().int(), value: z.string(), ja: z.string(), en: z.string() }).nullable(),
});
export type AttendanceImportRow = z.infer<typeof attendanceImportRowSchema>;
export const attendanceImportPreviewSchema = z.object({
  importId: z.string(),
  /** 'zoom' | 'zoom_summary' | 'teams' */
  format: z.string(),
  rows: z.array(attendanceImportRowSchema),
});
export type AttendanceImportPreview = z.infer<typeof attendanceImportPreviewSchema>;
export const attendanceImportConfirmSchema = z.object({
  importId: z.uuid(),
  rows: z.array(
    z.object({
      index: z.number().int().min(0),
      registrationId: z.uuid().optional(),
      municipalityId: z.uuid().optional(),
      /** The administrator's minutes for this row, in place of the report's (required for a row to fix). */
      minutes: wholeNumber(0, 1440).optional(),
      isIgnored: z.boolean(),
    }),
  ),
});
export type AttendanceImportConfirm = z.infer<typeof attendanceImportConfirmSchema>;
export const attendanceImportResultSchema = z.object({
  recorded: z.number().int(),
  attended: z.number().int(),
});

// ---------------------------------------------------------------------------
// Archive
// ---------------------------------------------------------------------------

export const seminarArchiveViewSchema = z.object({ url: z.string() });

// ---------------------------------------------------------------------------
// Reach
// ---------------------------------------------------------------------------

export const reachRowSchema = z.object({
  municipality: namedRef,
  fiscalYear: z.number().int(),
  audience: z.enum(reachAudiences),
  registered: z.boolean(),
  attended: z.boolean(),
  watchedArchive: z.boolean(),
  isReached: z.boolean(),
});
export type ReachRow = z.infer<typeof reachRowSchema>;
/**
 * A municipality not reached (no attendance at the threshold, no counting archive view);
 * `registeredOnly` when it held a seat in the period all the same (shown as 申込みのみ).
 */
const neverReachedMunicipality = namedRef.extend({ registeredOnly: z.boolean() });
export const reachReportSchema = z.object({
  fiscalYear: z.number().int().nullable(),
  rows: z.array(reachRowSchema),
  summary: z.array(
    z.object({ audience: z.enum(reachAudiences), reached: z.number().int(), total: z.number().int() }),
  ),
  neverReached: z.array(
    z.object({
      audience: z.enum(reachAudiences),
      thisYear: z.array(neverReachedMunicipality),
      allYears: z.array(neverReachedMunicipality),
    }),
  ),
  costThousandYen: z.number().int().nullable(),
  municipalitiesReached: z.number().int(),
  costPerMunicipalityReachedThousandYen: z.number().nullable(),
});
export type ReachReport = z.infer<typeof reachReportSchema>;
export const reachQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
});
