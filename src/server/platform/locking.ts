import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../db/client';
import { type AuditEntry, recordAudit } from './audit';
import type { Actor, RequestContext } from './context';
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
  /** The request's clock (ctx.now), or the job's: never the wall clock read here. */
  now: Date,
): Promise<T['$inferSelect']> {
  const updated = await executor
    .update(table as PgTable)
    .set({
      ...values,
      version: sql`${table.version} + 1`,
      updatedAt: now,
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

export interface VersionedChange<T extends VersionedTable, Result> {
  table: T;
  id: string;
  /** The version the client read. */
  version: number;
  values: Partial<T['$inferInsert']>;
  /** What the audit row says; `before` and `after` are filled in from the rows. */
  audit: Omit<AuditEntry, 'before' | 'after' | 'entityId'> & { before?: unknown };
  /** The record as the API shows it, read after the change (and on a conflict, as it is now). */
  reload: (executor: Executor) => Promise<Result | null>;
  /** Further writes in the same transaction (e.g. a domain event), given the updated row. */
  alsoInTransaction?: (tx: Executor, updated: T['$inferSelect']) => Promise<void>;
}

/**
 * The common edit: versioned update + audit row in one transaction, then the record reloaded in
 * API shape. A stale version answers 409 carrying the current record; a missing row, 404.
 */
export async function changeVersioned<T extends VersionedTable, Result>(
  db: Database,
  ctx: RequestContext & { actor: Actor },
  change: VersionedChange<T, Result>,
): Promise<Result> {
  await withCurrentOnConflict(
    () =>
      db.transaction(async (tx) => {
        const updated = await updateVersioned(
          tx,
          change.table,
          change.id,
          change.version,
          change.values,
          ctx.actor.userId,
          ctx.now,
        );
        const { before, ...audit } = change.audit;
        await recordAudit(tx, ctx, { ...audit, entityId: change.id, before: before ?? null, after: updated });
        await change.alsoInTransaction?.(tx, updated);
      }),
    () => change.reload(db),
  );
  const result = await change.reload(db);
  if (result === null) throw new AppError('NOT_FOUND');
  return result;
}
