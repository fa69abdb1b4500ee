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
 * version the client read. Otherwise a 409 carries the current row so the
 * client can show what changed instead of silently overwriting it.
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
  throw new AppError('VERSION_CONFLICT', { current: current[0] });
}
