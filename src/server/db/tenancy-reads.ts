import { and, eq } from 'drizzle-orm';
import type { Executor } from './client';
import { fiscalYears } from './schema';

/**
 * Reads of the tenancy every feature scopes its work by (a fiscal year of the prefecture), shared
 * instead of copied into each repository: the plan and tenancy are the one kind of table a
 * feature's repository may read without a port (ARCHITECTURE.md). Always scoped to the prefecture,
 * so another tenant's id finds nothing.
 */
export async function findFiscalYear(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(fiscalYears)
    .where(and(eq(fiscalYears.prefectureId, prefectureId), eq(fiscalYears.id, id)));
  return row ?? null;
}

export async function findFiscalYearByYear(ex: Executor, prefectureId: string, year: number) {
  const [row] = await ex
    .select()
    .from(fiscalYears)
    .where(and(eq(fiscalYears.prefectureId, prefectureId), eq(fiscalYears.year, year)));
  return row ?? null;
}
