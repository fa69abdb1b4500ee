/**
 * The shapes the seminar pages read. They follow the API contract in
 * src/shared/schemas/seminars.ts; where the contract names a type, it is used
 * from there.
 */

export type LocalizedLabel = { ja: string; en: string };

export const audiences = ['heads', 'staff', 'all'] as const;
export type Audience = (typeof audiences)[number];

export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export interface SeminarSeries {
  id: string;
  fiscalYear: number;
  title: string;
  costPerSessionThousandYen: number;
  sessionCount: number;
  budgetThousandYen: number;
  programId: string | null;
  version: number;
}

export interface SeminarMaterial {
  id: string;
  kind: 'link' | 'file';
  title: string;
  url: string;
}

export interface SeminarEvent {
  id: string;
  seriesId: string;
  fiscalYear: number;
  title: string;
  audience: Audience;
  region: { id: string; name: string; nameEn: string } | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  registrationClosesAt: string;
  registeredCount: number;
  waitlistCount: number;
  isRegistrationOpen: boolean;
}

export interface SeminarEventDetail extends SeminarEvent {
  programme: string;
  speakers: string;
  materials: SeminarMaterial[];
  attendanceThresholdMinutes: number;
  /** Present only for the administrator and for registered (not waitlisted) attendees' municipality users. */
  joinUrl: string | null;
  passcode: string | null;
  /** The current user's municipality's registrations for this event. */
  myRegistrations: SeminarRegistration[];
  archive: SeminarArchive | null;
  workshopNotes: string;
  workshopOutputs: SeminarMaterial[];
  version: number;
}

export interface SeminarArchive {
  kind: 'link' | 'file';
  url: string | null;
  opensAt: string;
  closesAt: string;
  entitlement: 'registered' | 'audience';
  countsTowardReach: boolean;
  isAvailableToMe: boolean;
}

export interface SeminarRegistration {
  id: string;
  eventId: string;
  eventTitle: string;
  municipality: { id: string; name: string; nameEn: string };
  attendeeName: string;
  attendeePosition: string;
  attendeeEmail: string;
  userId: string | null;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  minutesAttended: number | null;
  isAttended: boolean;
  version: number;
}

export interface AttendanceImportRow {
  index: number;
  name: string;
  email: string;
  minutes: number;
  match: { registrationId: string; by: 'email' | 'name' } | null;
}

export interface AttendanceImportPreview {
  importId: string;
  format: string;
  rows: AttendanceImportRow[];
}

export interface ReachRow {
  municipality: { id: string; name: string; nameEn: string };
  fiscalYear: number;
  audience: Exclude<Audience, 'all'>;
  registered: boolean;
  attended: boolean;
  watchedArchive: boolean;
  isReached: boolean;
}

export interface ReachMunicipality {
  id: string;
  name: string;
  nameEn: string;
}

export interface ReachReport {
  fiscalYear: number | null;
  rows: ReachRow[];
  summary: { audience: Exclude<Audience, 'all'>; reached: number; total: number }[];
  neverReached: {
    audience: Exclude<Audience, 'all'>;
    thisYear: ReachMunicipality[];
    allYears: ReachMunicipality[];
  }[];
  costThousandYen: number | null;
  municipalitiesReached: number;
  costPerMunicipalityReachedThousandYen: number | null;
}
