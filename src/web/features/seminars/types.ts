/**
 * The shapes the seminar pages read: the API contract in
 * src/shared/schemas/seminars.ts, re-exported so the pages import one place.
 */
export {
  type ArchiveEntitlement,
  type AttendanceImportPreview,
  type AttendanceImportRow,
  type Audience,
  audiences,
  type MaterialPurpose,
  type ReachAudience,
  type ReachReport,
  type ReachRow,
  type RegistrationStatus,
  registrationStatuses,
  type SeminarArchive,
  type SeminarEvent,
  type SeminarEventDetail,
  type SeminarMaterial,
  type SeminarRegistration,
  type SeminarSeries,
} from '../../../shared/schemas/seminars';

export type LocalizedLabel = { ja: string; en: string };
