/**
 * DX seminars: the one entry other modules use. The use cases live in job modules (series and
 * events, registrations and the waiting list, attendance import, materials and archive, reach,
 * reminders); the Drizzle queries in the repositories beside them.
 */
import type { ServiceDeps } from '../../platform/deps';
import { snapshotCacheFor } from '../../platform/snapshots';
import { createUploadStore } from '../../platform/uploads';
import { createSeminarArchiveModule } from './seminars.archive';
import { createSeminarAttendanceModule } from './seminars.attendance';
import { createSeminarEventsModule } from './seminars.events';
import { createSeminarReachModule } from './seminars.reach';
import { createSeminarRegistrationsModule } from './seminars.registrations';
import { sendSeminarReminders } from './seminars.reminders';
import type { SeminarsModuleDeps } from './seminars.types';

export { audienceGroupOf, isHeadPosition } from '../../domain/seminar-reach';
export type { UploadedFile } from '../../platform/uploads';
export { sendSeminarReminders } from './seminars.reminders';

export function createSeminarsService(deps: ServiceDeps) {
  const { db, config } = deps;
  const modules: SeminarsModuleDeps = {
    db,
    uploads: createUploadStore(config.uploadsDir, 'seminars'),
    publicUrl: config.publicUrl,
    reachSnapshots: snapshotCacheFor(deps),
  };
  return {
    ...createSeminarEventsModule(modules),
    ...createSeminarRegistrationsModule(modules),
    ...createSeminarAttendanceModule(modules),
    ...createSeminarArchiveModule(modules),
    ...createSeminarReachModule(modules),
    sendReminders: (now: Date) => sendSeminarReminders(db, now, config.publicUrl),
    /** Where the web app is reached: the base of the links in the feature's mails. */
    publicUrl: config.publicUrl,
  };
}

export type SeminarsService = ReturnType<typeof createSeminarsService>;
