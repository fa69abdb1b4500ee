import { and, asc, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { fiscalYears, prefectures, programPhases, programs } from '../../db/schema';
export { findFiscalYear, findFiscalYearByYear } from '../../db/tenancy-reads';

export type FiscalYearRow = typeof fiscalYears.$inferSelect;
export type ProgramRow = typeof programs.$inferSelect;
export type PhaseRow = typeof programPhases.$inferSelect;

/** Fiscal years of a prefecture with their program counts and budget totals, newest first. */
export async function findFiscalYearSummaries(executor: Executor, prefectureId: string, id?: string) {
  const conditions: SQL[] = [eq(fiscalYears.prefectureId, prefectureId)];
  if (id) conditions.push(eq(fiscalYears.id, id));
  return executor
    .select({
      fiscalYear: fiscalYears,
      programCount: sql<number>`count(${programs.id})::int`,
      // sum() ignores nulls and is null when every budget is: exactly "total of the decided budgets".
      totalBudgetThousandYen: sql<number | null>`sum(${programs.budgetThousandYen})::int`,
      undecidedBudgetCount: sql<number>`count(${programs.id}) filter (where ${programs.budgetThousandYen} is null)::int`,
    })
    .from(fiscalYears)
    .leftJoin(programs, eq(programs.fiscalYearId, fiscalYears.id))
    .where(and(...conditions))
    .groupBy(fiscalYears.id)
    .orderBy(desc(fiscalYears.year));
}

/** The year home pages show: the active one, else the latest. */
export async function findCurrentFiscalYear(executor: Executor, prefectureId: string) {
  const rows = await executor
    .select()
    .from(fiscalYears)
    .where(eq(fiscalYears.prefectureId, prefectureId))
    .orderBy(sql`(${fiscalYears.status} = 'active') desc`, desc(fiscalYears.year))
    .limit(1);
  return rows[0] ?? null;
}

export async function findActiveFiscalYears(executor: Executor, prefectureId: string) {
  return executor
    .select()
    .from(fiscalYears)
    .where(and(eq(fiscalYears.prefectureId, prefectureId), eq(fiscalYears.status, 'active')));
}

/**
 * Serializes status changes of one prefecture's years. NO KEY UPDATE rather
 * than UPDATE so that inserts referencing the prefecture (which take KEY
 * SHARE locks) are not held up meanwhile.
 */
export async function lockPrefectureFiscalYears(executor: Executor, prefectureId: string) {
  await executor
    .select({ id: prefectures.id })
    .from(prefectures)
    .where(eq(prefectures.id, prefectureId))
    .for('no key update');
}

export async function insertFiscalYear(executor: Executor, values: typeof fiscalYears.$inferInsert) {
  const rows = await executor.insert(fiscalYears).values(values).returning();
  return rows[0]!;
}

/** Used when another year becomes active: not the client's edit, so no version check, but a new version. */
export async function closeFiscalYear(executor: Executor, id: string, actorUserId: string | null, now: Date) {
  const rows = await executor
    .update(fiscalYears)
    .set({
      status: 'closed',
      version: sql`${fiscalYears.version} + 1`,
      updatedAt: now,
      updatedBy: actorUserId,
    })
    .where(eq(fiscalYears.id, id))
    .returning();
  return rows[0]!;
}

export async function findProgramsOfYears(executor: Executor, prefectureId: string, fiscalYearIds: string[]) {
  if (fiscalYearIds.length === 0) return [];
  return executor
    .select()
    .from(programs)
    .where(and(eq(programs.prefectureId, prefectureId), inArray(programs.fiscalYearId, fiscalYearIds)))
    .orderBy(asc(programs.createdAt), asc(programs.name));
}

/** A program with the year it belongs to, which decides the dates its phases may use. */
export async function findProgram(executor: Executor, prefectureId: string, id: string) {
  const rows = await executor
    .select({ program: programs, fiscalYear: fiscalYears })
    .from(programs)
    .innerJoin(fiscalYears, eq(fiscalYears.id, programs.fiscalYearId))
    .where(and(eq(programs.prefectureId, prefectureId), eq(programs.id, id)));
  return rows[0] ?? null;
}

export async function insertProgram(executor: Executor, values: typeof programs.$inferInsert) {
  const rows = await executor.insert(programs).values(values).returning();
  return rows[0]!;
}

export async function lockProgram(executor: Executor, id: string) {
  const rows = await executor.select().from(programs).where(eq(programs.id, id)).for('update');
  return rows[0] ?? null;
}

export async function countPhasesOfProgram(executor: Executor, programId: string): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(programPhases)
    .where(eq(programPhases.programId, programId));
  return row?.count ?? 0;
}

export async function findPhasesOfPrograms(executor: Executor, prefectureId: string, programIds: string[]) {
  if (programIds.length === 0) return [];
  return executor
    .select()
    .from(programPhases)
    .where(and(eq(programPhases.prefectureId, prefectureId), inArray(programPhases.programId, programIds)))
    .orderBy(asc(programPhases.startsOn), asc(programPhases.endsOn), asc(programPhases.createdAt));
}

export async function findPhase(executor: Executor, prefectureId: string, id: string) {
  const rows = await executor
    .select({ phase: programPhases, program: programs, fiscalYear: fiscalYears })
    .from(programPhases)
    .innerJoin(programs, eq(programs.id, programPhases.programId))
    .innerJoin(fiscalYears, eq(fiscalYears.id, programs.fiscalYearId))
    .where(and(eq(programPhases.prefectureId, prefectureId), eq(programPhases.id, id)));
  return rows[0] ?? null;
}

export async function insertPhase(executor: Executor, values: typeof programPhases.$inferInsert) {
  const rows = await executor.insert(programPhases).values(values).returning();
  return rows[0]!;
}

/**
 * Phases with a deadline at or after `from`, in years still running or being
 * planned, soonest first. Planning years count because next year's needs
 * survey often closes in winter while this year is still active.
 */
export async function findUpcomingDeadlines(
  executor: Executor,
  prefectureId: string,
  options: { from: Date; kinds: readonly string[]; limit: number },
) {
  if (options.kinds.length === 0) return [];
  return executor
    .select({ phase: programPhases, program: programs })
    .from(programPhases)
    .innerJoin(programs, eq(programs.id, programPhases.programId))
    .innerJoin(fiscalYears, eq(fiscalYears.id, programs.fiscalYearId))
    .where(
      and(
        eq(programPhases.prefectureId, prefectureId),
        inArray(fiscalYears.status, ['active', 'planning']),
        inArray(programPhases.kind, [...options.kinds]),
        gte(programPhases.deadlineAt, options.from),
      ),
    )
    .orderBy(asc(programPhases.deadlineAt))
    .limit(options.limit);
}

interface VersionedTable extends PgTable {
  id: PgColumn;
  version: PgColumn;
}

/**
 * Deletes a row only if it still has the version the client read; returns
 * the deleted row, or null when nothing matched (absent or changed: the
 * caller tells which apart).
 */
export async function deleteVersioned<T extends VersionedTable>(
  executor: Executor,
  table: T,
  id: string,
  expectedVersion: number,
): Promise<T['$inferSelect'] | null> {
  const rows = await executor
    .delete(table as PgTable)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning();
  return (rows[0] as T['$inferSelect'] | undefined) ?? null;
}
