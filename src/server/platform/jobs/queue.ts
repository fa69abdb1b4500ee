import type { Executor } from '../../db/client';
import { jobs } from '../../db/schema';

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  /**
   * When it may run first: the caller's now (ctx.now, a job's now) for at once. Required, not the
   * database's now(): the runner claims by its own clock, which CLOCK_OFFSET_MS may move, and a job
   * stamped by another clock could wait hours (or run early).
   */
  runAt: Date;
  /** Enqueueing the same key twice makes one job: a schedule slot, an event × handler, a reminder. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * Queues a job in the caller's transaction: if the change that asks for it rolls back, no job runs;
 * if it commits, the job is not lost even when this process dies right after.
 * Answers false when a job with the same `dedupeKey` already exists.
 */
export async function enqueueJob(executor: Executor, job: NewJob): Promise<boolean> {
  const rows = await executor
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload ?? {},
      dedupeKey: job.dedupeKey ?? null,
      maxAttempts: job.maxAttempts ?? 5,
      runAt: job.runAt,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Waiting before retry N (1-based): 10 s, 20 s, 40 s … capped at one hour. */
export function jobRetryDelayMs(attemptsMade: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attemptsMade - 1));
}

/** The start of the slot of a job that runs every `everyMs`: the same for every process at that time. */
export function scheduleSlot(now: Date, everyMs: number): Date {
  return new Date(Math.floor(now.getTime() / everyMs) * everyMs);
}
