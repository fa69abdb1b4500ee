import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import {
  allocationRuns,
  applicationCalls,
  applications,
  fiscalYears,
  municipalities,
  organizations,
  programPhases,
  programs,
  supportProjects,
  users,
} from '../../db/schema';
import type { Actor, RequestContext } from '../../platform/context';
import { changeVersioned, type VersionedChange } from '../../platform/locking';
export { findFiscalYear, findFiscalYearByYear } from '../../db/tenancy-reads';

export type CallRow = typeof applicationCalls.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type RunRow = typeof allocationRuns.$inferSelect;
export type SupportProjectRow = typeof supportProjects.$inferSelect;
export type ProgramRow = typeof programs.$inferSelect;
export type PhaseRow = typeof programPhases.$inferSelect;
export type MunicipalityRow = typeof municipalities.$inferSelect;

// ---- Reference data (the year plan, municipalities, users) ------------------------------------

export async function findFiscalYears(ex: Executor, prefectureId: string) {
  return ex.select().from(fiscalYears).where(eq(fiscalYears.prefectureId, prefectureId));
}

export async function findProgram(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(programs)
    .where(and(eq(programs.prefectureId, prefectureId), eq(programs.id, id)));
  return row ?? null;
}

export async function findPrograms(ex: Executor, prefectureId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return ex
    .select()
    .from(programs)
    .where(and(eq(programs.prefectureId, prefectureId), inArray(programs.id, ids)));
}

/** The `call` phases (rounds) of programs, earliest first. */
export async function findCallPhases(ex: Executor, prefectureId: string, programIds: string[]) {
  if (programIds.length === 0) return [];
  return ex
    .select()
    .from(programPhases)
    .where(
      and(
        eq(programPhases.prefectureId, prefectureId),
        inArray(programPhases.programId, programIds),
        eq(programPhases.kind, 'call'),
      ),
    )
    .orderBy(asc(programPhases.startsOn), asc(programPhases.id));
}

export async function findMunicipalities(ex: Executor, prefectureId: string, ids?: string[]) {
  if (ids && ids.length === 0) return [];
  const conds: SQL[] = [eq(municipalities.prefectureId, prefectureId)];
  if (ids) conds.push(inArray(municipalities.id, ids));
  return ex
    .select()
    .from(municipalities)
    .where(and(...conds))
    .orderBy(asc(municipalities.code));
}

export async function findUsers(
  ex: Executor,
  prefectureId: string,
  filter: { ids?: string[]; municipalityIds?: string[]; organizationIds?: string[] },
) {
  for (const list of [filter.ids, filter.municipalityIds, filter.organizationIds])
    if (list && list.length === 0) return [];
  const conds: SQL[] = [eq(users.prefectureId, prefectureId)];
  if (filter.ids) conds.push(inArray(users.id, filter.ids));
  if (filter.municipalityIds) conds.push(inArray(organizations.municipalityId, filter.municipalityIds));
  if (filter.organizationIds) conds.push(inArray(users.organizationId, filter.organizationIds));
  return ex
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      roles: users.roles,
      locale: users.locale,
      isActive: users.isActive,
      organizationId: users.organizationId,
      municipalityId: organizations.municipalityId,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...conds))
    .orderBy(asc(users.displayName));
}

// ---- Calls ------------------------------------------------------------------------------------

export async function findCall(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(applicationCalls)
    .where(and(eq(applicationCalls.prefectureId, prefectureId), eq(applicationCalls.id, id)));
  return row ?? null;
}

export async function findCalls(ex: Executor, prefectureId: string, filter: { fiscalYearId?: string } = {}) {
  const conds: SQL[] = [eq(applicationCalls.prefectureId, prefectureId)];
  if (filter.fiscalYearId) conds.push(eq(applicationCalls.fiscalYearId, filter.fiscalYearId));
  return ex
    .select()
    .from(applicationCalls)
    .where(and(...conds))
    .orderBy(asc(applicationCalls.createdAt));
}

export async function findCallByProgram(ex: Executor, programId: string) {
  const [row] = await ex.select().from(applicationCalls).where(eq(applicationCalls.programId, programId));
  return row ?? null;
}

export async function insertCall(ex: Executor, values: typeof applicationCalls.$inferInsert) {
  const [row] = await ex.insert(applicationCalls).values(values).returning();
  return row!;
}

// ---- Applications -----------------------------------------------------------------------------

export async function findApplication(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(applications)
    .where(and(eq(applications.prefectureId, prefectureId), eq(applications.id, id)));
  return row ?? null;
}

export async function findApplications(
  ex: Executor,
  prefectureId: string,
  filter: { callIds?: string[]; municipalityId?: string; ids?: string[] },
) {
  if (filter.callIds?.length === 0 || filter.ids?.length === 0) return [];
  const conds: SQL[] = [eq(applications.prefectureId, prefectureId)];
  if (filter.callIds) conds.push(inArray(applications.callId, filter.callIds));
  if (filter.municipalityId) conds.push(eq(applications.municipalityId, filter.municipalityId));
  if (filter.ids) conds.push(inArray(applications.id, filter.ids));
  return ex
    .select()
    .from(applications)
    .where(and(...conds))
    .orderBy(asc(applications.createdAt), asc(applications.id));
}

export async function insertApplication(ex: Executor, values: typeof applications.$inferInsert) {
  const [row] = await ex.insert(applications).values(values).returning();
  return row!;
}

export async function setApplicationOutcome(
  ex: Executor,
  ids: string[],
  status: 'selected' | 'not_selected',
  now: Date,
  actorUserId: string,
) {
  if (ids.length === 0) return;
  await ex
    .update(applications)
    .set({ status, updatedAt: now, updatedBy: actorUserId })
    .where(inArray(applications.id, ids));
}

// ---- Runs -------------------------------------------------------------------------------------

export async function findRun(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(allocationRuns)
    .where(and(eq(allocationRuns.prefectureId, prefectureId), eq(allocationRuns.id, id)));
  return row ?? null;
}

/** For the job, which has no request: the run by id alone. */
export async function findRunById(ex: Executor, id: string) {
  const [row] = await ex.select().from(allocationRuns).where(eq(allocationRuns.id, id));
  return row ?? null;
}

export async function findRuns(ex: Executor, prefectureId: string, callIds: string[]) {
  if (callIds.length === 0) return [];
  return ex
    .select()
    .from(allocationRuns)
    .where(and(eq(allocationRuns.prefectureId, prefectureId), inArray(allocationRuns.callId, callIds)))
    .orderBy(desc(allocationRuns.createdAt), desc(allocationRuns.id));
}

export async function insertRun(ex: Executor, values: typeof allocationRuns.$inferInsert) {
  const [row] = await ex.insert(allocationRuns).values(values).returning();
  return row!;
}

/** The job's writes: not a user's edit, so no version check, but the version still moves. */
export async function updateRunFromJob(
  ex: Executor,
  id: string,
  values: Partial<typeof allocationRuns.$inferInsert>,
  now: Date,
) {
  const [current] = await ex
    .select({ version: allocationRuns.version })
    .from(allocationRuns)
    .where(eq(allocationRuns.id, id));
  if (!current) return;
  await ex
    .update(allocationRuns)
    .set({ ...values, version: current.version + 1, updatedAt: now })
    .where(eq(allocationRuns.id, id));
}

// ---- Support projects -------------------------------------------------------------------------

export async function findSupportProjects(
  ex: Executor,
  prefectureId: string,
  filter: {
    fiscalYearIds?: string[];
    municipalityId?: string;
    organizationId?: string;
    excludeCancelled?: boolean;
  },
) {
  if (filter.fiscalYearIds?.length === 0) return [];
  const conds: SQL[] = [eq(supportProjects.prefectureId, prefectureId)];
  if (filter.fiscalYearIds) conds.push(inArray(supportProjects.fiscalYearId, filter.fiscalYearIds));
  if (filter.municipalityId) conds.push(eq(supportProjects.municipalityId, filter.municipalityId));
  if (filter.organizationId) conds.push(eq(supportProjects.organizationId, filter.organizationId));
  if (filter.excludeCancelled) conds.push(ne(supportProjects.status, 'cancelled'));
  return ex
    .select()
    .from(supportProjects)
    .where(and(...conds))
    .orderBy(asc(supportProjects.createdAt), asc(supportProjects.id));
}

export async function findSupportProject(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(supportProjects)
    .where(and(eq(supportProjects.prefectureId, prefectureId), eq(supportProjects.id, id)));
  return row ?? null;
}

export async function insertSupportProjects(ex: Executor, values: (typeof supportProjects.$inferInsert)[]) {
  if (values.length === 0) return [];
  return ex.insert(supportProjects).values(values).returning();
}

// ---- Versioned edits (update + audit + reload in one transaction) -----------------------------

type Change<T extends Parameters<typeof changeVersioned>[2]['table'], Result> = Omit<
  VersionedChange<T, Result>,
  'table'
>;
type SignedIn = RequestContext & { actor: Actor };

export const changeCall = <R>(db: Database, ctx: SignedIn, change: Change<typeof applicationCalls, R>) =>
  changeVersioned(db, ctx, { ...change, table: applicationCalls });

export const changeApplication = <R>(db: Database, ctx: SignedIn, change: Change<typeof applications, R>) =>
  changeVersioned(db, ctx, { ...change, table: applications });

export const changeRun = <R>(db: Database, ctx: SignedIn, change: Change<typeof allocationRuns, R>) =>
  changeVersioned(db, ctx, { ...change, table: allocationRuns });

// ---- Read port for dashboards (applications.ports.ts) -----------------------------------------

/** Support projects (not cancelled) per municipality and fiscal year: the coverage figures. */
export async function countSupportByMunicipalityYear(ex: Executor, prefectureId: string) {
  const rows = await ex
    .select({
      municipalityId: supportProjects.municipalityId,
      fiscalYear: fiscalYears.year,
      projects: sql<number>`count(*)::int`,
    })
    .from(supportProjects)
    .innerJoin(fiscalYears, eq(fiscalYears.id, supportProjects.fiscalYearId))
    .where(and(eq(supportProjects.prefectureId, prefectureId), ne(supportProjects.status, 'cancelled')))
    .groupBy(supportProjects.municipalityId, fiscalYears.year);
  return rows.map((r) => ({ ...r, fiscalYear: Number(r.fiscalYear), projects: Number(r.projects) }));
}

/** The calls of the prefecture with their fiscal year, newest year first. */
export async function listCallYears(ex: Executor, prefectureId: string) {
  const rows = await ex
    .select({ id: applicationCalls.id, fiscalYear: fiscalYears.year })
    .from(applicationCalls)
    .innerJoin(fiscalYears, eq(fiscalYears.id, applicationCalls.fiscalYearId))
    .where(eq(applicationCalls.prefectureId, prefectureId))
    .orderBy(desc(fiscalYears.year), asc(applicationCalls.createdAt));
  return rows.map((r) => ({ ...r, fiscalYear: Number(r.fiscalYear) }));
}
