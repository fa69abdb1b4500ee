import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client';
import { AppError } from './errors';

interface VersionedTable extends PgTable {
  id: PgColumn;
  version: PgColumn;
  updatedAt: PgColumn;
  updatedBy: PgColumn;
}

/**
 * Optimistic locking: the update applies only if the row still has the
 * version the client read. Otherwise a 409, never a silent overwrite.
 */
export async function updateVersioned<T extends VersionedTable>(
  executor: Executor,
  table: T,
  id: string,
  expectedVersion: number,
  values: Partial<T['$inferInsert']>,
  actorUserId: string | null,
): Promise<T['$inferSelect']> {
  const updated = await executor
    .update(table as PgTable)
    .set({
      ...values,
      version: sql`${table.version} + 1`,
      updatedAt: new Date(),
      updatedBy: actorUserId,
    } as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning();
  if (updated.length === 1) return updated[0] as T['$inferSelect'];
  const current = await executor
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id));
  if (current.length === 0) throw new AppError('NOT_FOUND');
  // The raw row may hold columns no client may see (a password hash); the
  // service adds the record as its API presents it, see withCurrentOnConflict.
  throw new AppError('VERSION_CONFLICT');
}

/**
 * Runs a versioned change; on a version conflict, after its transaction has
 * rolled back, answers with the record as it is now, in the shape the client
 * reads, so the screen can show what changed (or 404 if it is gone).
 */
export async function withCurrentOnConflict<T>(
  change: () => Promise<T>,
  loadCurrent: () => Promise<unknown>,
): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VERSION_CONFLICT') throw err;
    const current = await loadCurrent();
    if (current === null || current === undefined) throw new AppError('NOT_FOUND');
    throw new AppError('VERSION_CONFLICT', { current });
  }
}
