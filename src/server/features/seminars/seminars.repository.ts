/**
 * Seminars: the Drizzle queries for series, events, files and archive views, and the lookups of
 * other tables the seminar rules need (regions, fiscal years, the feedback survey). Every query
 * takes the prefecture it is scoped to; the services decide who may run it.
 */
import { and, asc, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Audience } from '../../../shared/schemas/seminars';
import type { Executor } from '../../db/client';
import {
  areas,
  fiscalYears,
  municipalities,
  programs,
  regions,
  seminarArchiveViews,
  seminarEvents,
  seminarFiles,
  seminarRegistrations,
  seminarSeries,
  surveys,
} from '../../db/schema';
import { updateVersioned } from '../../platform/locking';
export { findFiscalYear } from '../../db/tenancy-reads';

export type SeriesRow = typeof seminarSeries.$inferSelect;
export type EventRow = typeof seminarEvents.$inferSelect;
export type EventValues = Partial<typeof seminarEvents.$inferInsert>;
export type FileRow = typeof seminarFiles.$inferSelect;
type NewSeries = typeof seminarSeries.$inferInsert;
type NewEvent = typeof seminarEvents.$inferInsert;
type NewFile = typeof seminarFiles.$inferInsert;
type NewArchiveView = typeof seminarArchiveViews.$inferInsert;

export interface Named {
  id: string;
  name: string;
  nameEn: string;
}

/** Who changes a row and when (the request's actor and clock). */
export interface Stamp {
  userId: string;
  now: Date;
}

// ---------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------

export async function findSeries(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select({ series: seminarSeries, year: fiscalYears.year })
    .from(seminarSeries)
    .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
    .where(and(eq(seminarSeries.id, id), eq(seminarSeries.prefectureId, prefectureId)));
  return row ?? null;
}

/** The series of one fiscal year, oldest first. */
export function findSeriesOfYear(ex: Executor, prefectureId: string, fiscalYearId: string) {
  return ex
    .select()
    .from(seminarSeries)
    .where(and(eq(seminarSeries.prefectureId, prefectureId), eq(seminarSeries.fiscalYearId, fiscalYearId)))
    .orderBy(asc(seminarSeries.createdAt));
}

export function listSeries(ex: Executor, prefectureId: string) {
  return ex
    .select({ series: seminarSeries, year: fiscalYears.year })
    .from(seminarSeries)
    .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
    .where(eq(seminarSeries.prefectureId, prefectureId))
    .orderBy(desc(fiscalYears.year), asc(seminarSeries.createdAt));
}

/** The fiscal year's program of kind 'seminar_series', which a new series is linked to. */
export async function findSeminarProgramId(ex: Executor, fiscalYearId: string): Promise<string | null> {
  const [row] = await ex
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.fiscalYearId, fiscalYearId), eq(programs.kind, 'seminar_series')))
    .limit(1);
  return row?.id ?? null;
}

export async function insertSeries(ex: Executor, values: NewSeries, stamp: Stamp): Promise<SeriesRow> {
  const [row] = await ex
    .insert(seminarSeries)
    .values({ ...values, ...created(stamp) })
    .returning();
  return row!;
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

/** The event row; `lock` takes it FOR UPDATE, which serialises seat decisions on one event. */
export async function findEvent(ex: Executor, prefectureId: string, id: string, lock = false) {
  const query = ex
    .select()
    .from(seminarEvents)
    .where(and(eq(seminarEvents.id, id), eq(seminarEvents.prefectureId, prefectureId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export interface EventFilters {
  id?: string | undefined;
  fiscalYear?: number | undefined;
  audience?: Audience | undefined;
  regionId?: string | undefined;
  /** Only events that have not ended by this moment. */
  endsAfter?: Date | undefined;
}

/** Events with their fiscal year, region and seat counts, newest first. */
export async function listEventSummaries(ex: Executor, prefectureId: string, filters: EventFilters) {
  const where = [eq(seminarEvents.prefectureId, prefectureId)];
  if (filters.id) where.push(eq(seminarEvents.id, filters.id));
  if (filters.fiscalYear !== undefined) where.push(eq(fiscalYears.year, filters.fiscalYear));
  if (filters.audience) where.push(eq(seminarEvents.audience, filters.audience));
  if (filters.regionId) where.push(eq(seminarEvents.regionId, filters.regionId));
  if (filters.endsAfter) where.push(sql`${seminarEvents.endsAt} > ${filters.endsAfter.toISOString()}`);
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
    .where(and(...where))
    .orderBy(desc(seminarEvents.startsAt));
  return rows.map((r) => ({
    event: r.event,
    year: r.year,
    region: r.region?.id ? (r.region as Named) : null,
    registered: Number(r.registered),
    waitlisted: Number(r.waitlisted),
  }));
}

export async function insertEvent(ex: Executor, values: NewEvent, stamp: Stamp): Promise<EventRow> {
  const [row] = await ex
    .insert(seminarEvents)
    .values({ ...values, ...created(stamp) })
    .returning();
  return row!;
}

/** Versioned update of an event (409 on a stale version). */
export function updateEvent(ex: Executor, id: string, version: number, values: EventValues, stamp: Stamp) {
  return updateVersioned(ex, seminarEvents, id, version, values, stamp.userId, stamp.now);
}

export async function regionExists(ex: Executor, prefectureId: string, regionId: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: regions.id })
    .from(regions)
    .where(and(eq(regions.id, regionId), eq(regions.prefectureId, prefectureId)));
  return row !== undefined;
}

export async function findSurveyForFeedback(ex: Executor, prefectureId: string, surveyId: string) {
  const [row] = await ex
    .select({ kind: surveys.kind, audience: surveys.audience, supersededAt: surveys.supersededAt })
    .from(surveys)
    .where(and(eq(surveys.id, surveyId), eq(surveys.prefectureId, prefectureId)));
  return row ?? null;
}

/** Is the municipality in the region (through its area)? */
export async function isMunicipalityInRegion(
  ex: Executor,
  municipalityId: string,
  regionId: string,
): Promise<boolean> {
  const [row] = await ex
    .select({ id: municipalities.id })
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .where(and(eq(municipalities.id, municipalityId), eq(areas.regionId, regionId)));
  return row !== undefined;
}

// ---------------------------------------------------------------------------
// Files (materials, workshop outputs, archive recordings) and archive views
// ---------------------------------------------------------------------------

export function listEventFiles(ex: Executor, prefectureId: string, eventId: string) {
  return ex
    .select()
    .from(seminarFiles)
    .where(and(eq(seminarFiles.eventId, eventId), eq(seminarFiles.prefectureId, prefectureId)))
    .orderBy(asc(seminarFiles.createdAt));
}

export async function findFile(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(seminarFiles)
    .where(and(eq(seminarFiles.id, id), eq(seminarFiles.prefectureId, prefectureId)));
  return row ?? null;
}

/** A material or workshop output (never the archive recording, which goes with the event). */
export async function findMaterial(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(seminarFiles)
    .where(
      and(
        eq(seminarFiles.id, id),
        eq(seminarFiles.prefectureId, prefectureId),
        ne(seminarFiles.purpose, 'archive'),
      ),
    );
  return row ?? null;
}

export async function insertFile(ex: Executor, values: NewFile, stamp: Stamp): Promise<FileRow> {
  const [row] = await ex
    .insert(seminarFiles)
    .values({ ...values, ...created(stamp) })
    .returning();
  return row!;
}

export async function deleteFile(ex: Executor, id: string): Promise<void> {
  await ex.delete(seminarFiles).where(eq(seminarFiles.id, id));
}

export async function insertArchiveView(ex: Executor, values: NewArchiveView): Promise<void> {
  await ex.insert(seminarArchiveViews).values(values);
}

/** Who/when columns of a new row, from the request rather than the database clock. */
export function created(stamp: Stamp) {
  return { createdBy: stamp.userId, updatedBy: stamp.userId, createdAt: stamp.now, updatedAt: stamp.now };
}

/** Events starting after `now`, soonest first (the dashboards' "invite to a seminar" link). */
export function listUpcomingEvents(ex: Executor, prefectureId: string, now: Date) {
  return ex
    .select({ id: seminarEvents.id, audience: seminarEvents.audience, startsAt: seminarEvents.startsAt })
    .from(seminarEvents)
    .where(and(eq(seminarEvents.prefectureId, prefectureId), gt(seminarEvents.startsAt, now)))
    .orderBy(asc(seminarEvents.startsAt))
    .limit(50);
}
