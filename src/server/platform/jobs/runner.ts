import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import { domainEvents, jobs } from '../../db/schema';
import { type DomainEvent, type DomainEventMap, type DomainEventType, dispatchEventJobKind } from './events';
import { enqueueJob, jobRetryDelayMs, scheduleSlot } from './queue';

/** What a job's code gets: the database, the runner's clock and the job's own payload. */
export interface JobContext {
  db: Database;
  now: Date;
  logger: Logger;
  payload: Record<string, unknown>;
}

/**
 * A kind of job a feature contributes. With `everyMs` it is also scheduled: one job per slot of
 * that length, however many processes run (the slot is its dedupe key). Code must be idempotent:
 * a job runs at least once, and again after a crash before it finished.
 */
export interface JobDefinition {
  kind: string;
  run(ctx: JobContext): Promise<void>;
  everyMs?: number;
  maxAttempts?: number;
}

/** A feature's reaction to another feature's event (a mail, a row of its own, a notification). */
export interface EventHandler<T extends DomainEventType = DomainEventType> {
  /** Unique and stable: it names the delivery jobs, so renaming it re-delivers nothing. */
  name: string;
  on: T;
  handle(event: DomainEvent<T>, ctx: Omit<JobContext, 'payload'>): Promise<void>;
}

/** Keeps the event type's payload tied to its handler when handlers of several types share a list. */
export function onEvent<T extends DomainEventType>(
  on: T,
  name: string,
  handle: (event: DomainEvent<T>, ctx: Omit<JobContext, 'payload'>) => Promise<void>,
): EventHandler {
  return { on, name, handle } as unknown as EventHandler;
}

export interface JobRunnerOptions {
  db: Database;
  logger: Logger;
  jobs: readonly JobDefinition[];
  eventHandlers: readonly EventHandler[];
  clock?: () => Date;
  /** Called after each job ran, whatever its outcome: it may have written (platform/changes.ts). */
  onJobFinished?: () => void;
  pollIntervalMs?: number;
  batchSize?: number;
}

export interface JobRunResult {
  done: number;
  retrying: number;
  failed: number;
}

/** How long a running job belongs to its process before another may take it over: longer than any job. */
const leaseMs = 10 * 60_000;
const handlerJobKind = (handlerName: string) => `event:${handlerName}`;

/**
 * Runs background work in every process. Jobs are rows claimed with FOR UPDATE SKIP LOCKED (as
 * the mail sender does), so with two processes each job runs once; a claim is a lease, so the job
 * of a process that died is taken over after the lease; failures retry with backoff, then stay
 * 'failed' with their error for an administrator to read. The same SQL runs on PGlite and PostgreSQL.
 */
export function createJobRunner(options: JobRunnerOptions) {
  const { db, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 10;

  const definitions = new Map<string, JobDefinition>();
  const add = (definition: JobDefinition) => {
    if (definitions.has(definition.kind)) throw new Error(`job kind registered twice: ${definition.kind}`);
    definitions.set(definition.kind, definition);
  };
  for (const job of options.jobs) add(job);

  const handlersByType = new Map<string, EventHandler[]>();
  for (const handler of options.eventHandlers) {
    handlersByType.set(handler.on, [...(handlersByType.get(handler.on) ?? []), handler]);
    add({
      kind: handlerJobKind(handler.name),
      run: async ({ db: database, now, logger: log, payload }) => {
        const event = await loadEvent(database, String(payload.eventId));
        if (event) await handler.handle(event, { db: database, now, logger: log });
      },
    });
  }
  add({
    kind: dispatchEventJobKind,
    // Fans one event out to one job per handler, in one transaction: each handler then retries alone.
    run: async ({ db: database, payload, now }) => {
      const event = await loadEvent(database, String(payload.eventId));
      if (!event) return;
      const handlers = handlersByType.get(event.type) ?? [];
      await database.transaction(async (tx) => {
        for (const handler of handlers) {
          await enqueueJob(tx, {
            kind: handlerJobKind(handler.name),
            payload: { eventId: event.id },
            dedupeKey: `event:${event.id}:${handler.name}`,
            runAt: now,
          });
        }
      });
    },
  });

  /** One job per schedule slot, whichever process gets there first. */
  async function scheduleRecurring(now: Date) {
    for (const job of definitions.values()) {
      if (!job.everyMs) continue;
      const slot = scheduleSlot(now, job.everyMs);
      await enqueueJob(db, { kind: job.kind, runAt: slot, dedupeKey: `${job.kind}@${slot.toISOString()}` });
    }
  }

  async function claimBatch(now: Date) {
    const claimable = db.$with('claimable').as(
      db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(inArray(jobs.status, ['queued', 'running']), lte(jobs.runAt, now)))
        .orderBy(asc(jobs.runAt))
        .limit(batchSize)
        .for('update', { skipLocked: true }),
    );
    // A running job whose lease ran out is claimed again; its attempt counts.
    return db
      .with(claimable)
      .update(jobs)
      .set({
        status: 'running',
        attempts: sql`${jobs.attempts} + 1`,
        runAt: new Date(now.getTime() + leaseMs),
      })
      .where(inArray(jobs.id, db.select({ id: claimable.id }).from(claimable)))
      .returning();
  }

  async function execute(job: typeof jobs.$inferSelect, now: Date): Promise<keyof JobRunResult> {
    const isStillOurs = and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.attempts, job.attempts));
    const definition = definitions.get(job.kind);
    try {
      if (!definition) throw new Error(`no code for job kind ${job.kind} in this process`);
      await definition.run({
        db,
        now,
        logger: logger.child({ job: job.kind, jobId: job.id }),
        payload: job.payload,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const isFinal = job.attempts >= (definition?.maxAttempts ?? job.maxAttempts);
      await db
        .update(jobs)
        .set({
          status: isFinal ? 'failed' : 'queued',
          lastError: message.slice(0, 2_000),
          runAt: new Date(clock().getTime() + jobRetryDelayMs(job.attempts)),
          finishedAt: isFinal ? clock() : null,
        })
        .where(isStillOurs);
      logger.warn({ job: job.kind, jobId: job.id, attempts: job.attempts, error: message }, 'job failed');
      return isFinal ? 'failed' : 'retrying';
    }
    await db.update(jobs).set({ status: 'done', finishedAt: clock(), lastError: null }).where(isStillOurs);
    return 'done';
  }

  /**
   * Hands claimed jobs back to the queue, due now, for any process to take. Their attempt still
   * counts, so should this process's run of one finish after all, its result (checked against the
   * attempt it claimed) can never overwrite a newer claim's.
   */
  async function release(claimed: (typeof jobs.$inferSelect)[]) {
    for (const job of claimed) {
      await db
        .update(jobs)
        .set({ status: 'queued', runAt: clock() })
        .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.attempts, job.attempts)));
    }
  }

  /** One pass: schedules what is due, then claims and runs due jobs, batch after batch, up to a bound. */
  async function runDue(): Promise<JobRunResult> {
    const result: JobRunResult = { done: 0, retrying: 0, failed: 0 };
    await scheduleRecurring(clock());
    for (let batch = 0; batch < 20 && !isStopping; batch++) {
      const claimed = await claimBatch(clock());
      waiting = [...claimed];
      // stop() hands back what is still waiting; the loop then ends after the job it is running.
      for (let job = waiting.shift(); job && !isStopping; job = waiting.shift()) {
        running = job;
        try {
          result[await execute(job, clock())]++;
        } finally {
          options.onJobFinished?.();
        }
        running = null;
      }
      if (isStopping) await release(waiting.splice(0));
      if (claimed.length < batchSize) break;
    }
    return result;
  }

  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> | null = null;
  let isRunning = false;
  let isStopping = false;
  /** The job this process is executing now, if any, and the ones its pass claimed after it. */
  let running: typeof jobs.$inferSelect | null = null;
  let waiting: (typeof jobs.$inferSelect)[] = [];
  function scheduleNext(delayMs: number) {
    if (!isRunning) return;
    timer = setTimeout(() => {
      inFlight = runDue()
        .catch((err) => logger.warn({ err }, 'job runner pass failed'))
        .finally(() => {
          inFlight = null;
          scheduleNext(pollIntervalMs);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    kinds: () => [...definitions.keys()],
    runDue,
    /**
     * Runs passes until nothing is due (tests, CLI): events fan out to handlers, whose jobs run in
     * the next pass. Bounded, so a job that keeps enqueueing work cannot loop for ever.
     */
    async drain(maxPasses = 10): Promise<JobRunResult> {
      const total: JobRunResult = { done: 0, retrying: 0, failed: 0 };
      for (let pass = 0; pass < maxPasses; pass++) {
        const result = await runDue();
        total.done += result.done;
        total.retrying += result.retrying;
        total.failed += result.failed;
        if (result.done + result.retrying + result.failed === 0) break;
      }
      return total;
    },
    start(): void {
      if (isRunning) return;
      isRunning = true;
      isStopping = false;
      scheduleNext(0);
    },
    /**
     * Stops polling, hands back what the pass in progress claimed but has not started, and waits
     * for the job it is running — at most `graceMs`, after which that job too goes back to the
     * queue, so another process takes it over now rather than after its 10-minute lease.
     * Shutdown then never closes the database under a job, and never strands one.
     */
    async stop(options: { graceMs?: number } = {}): Promise<void> {
      isRunning = false;
      isStopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (!inFlight) return;
      await release(waiting.splice(0));
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace over'>((resolve) => {
        graceTimer = setTimeout(() => resolve('grace over'), options.graceMs ?? 30_000);
      });
      const outcome = await Promise.race([inFlight, graceOver]);
      clearTimeout(graceTimer);
      if (outcome === 'grace over' && running) {
        const unfinished = running;
        logger.warn(
          { job: unfinished.kind, jobId: unfinished.id },
          'job still running at shutdown: handed back',
        );
        await release([unfinished]);
      }
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;

async function loadEvent(db: Database, id: string): Promise<DomainEvent | null> {
  const [row] = await db.select().from(domainEvents).where(eq(domainEvents.id, id));
  if (!row) return null;
  return {
    id: row.id,
    type: row.type as DomainEventType,
    prefectureId: row.prefectureId,
    actorUserId: row.actorUserId,
    occurredAt: row.occurredAt,
    payload: row.payload as DomainEventMap[DomainEventType],
  };
}

/** Finished jobs are kept a week (done) or a month (failed, for the administrators), then removed. */
export const jobCleanup: JobDefinition = {
  kind: 'jobs.cleanup',
  everyMs: 60 * 60_000,
  async run({ db, now }) {
    const day = 24 * 3_600_000;
    await db
      .delete(jobs)
      .where(
        or(
          and(eq(jobs.status, 'done'), lt(jobs.finishedAt, new Date(now.getTime() - 7 * day))),
          and(eq(jobs.status, 'failed'), lt(jobs.finishedAt, new Date(now.getTime() - 30 * day))),
        ),
      );
  },
};
