import { eq } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { domainEvents, jobs } from '../../db/schema';
import { createTestContext } from '../../testing/harness';
import { publishEvent } from './events';
import { enqueueJob } from './queue';
import { createJobRunner, type JobDefinition, onEvent } from './runner';

declare module './events' {
  interface DomainEventMap {
    'test.thing_happened': { thingId: string };
  }
}

const ctx = await createTestContext();
const db = ctx.database.db;
const logger = pino({ level: 'silent' });

/** A clock the test moves by hand. */
function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('job runner', () => {
  it('runs a scheduled job once per slot, however many processes poll', async () => {
    const clock = manualClock('2030-01-01T00:00:30Z');
    let runs = 0;
    const job: JobDefinition = { kind: 'test.every-minute', everyMs: 60_000, run: async () => void runs++ };
    const first = createJobRunner({ db, logger, jobs: [job], eventHandlers: [], clock: clock.now });
    const second = createJobRunner({ db, logger, jobs: [job], eventHandlers: [], clock: clock.now });
    await Promise.all([first.runDue(), second.runDue(), first.runDue()]);
    expect(runs).toBe(1);
    clock.advance(20_000); // same slot
    await Promise.all([first.runDue(), second.runDue()]);
    expect(runs).toBe(1);
    clock.advance(60_000); // next slot
    await Promise.all([first.runDue(), second.runDue()]);
    expect(runs).toBe(2);
  });

  it('retries a failing job with backoff, then keeps it as failed with its error', async () => {
    const clock = manualClock('2030-02-01T00:00:00Z');
    let calls = 0;
    const job: JobDefinition = {
      kind: 'test.always-fails',
      maxAttempts: 3,
      run: async () => {
        calls++;
        throw new Error('SMTP said no');
      },
    };
    const runner = createJobRunner({ db, logger, jobs: [job], eventHandlers: [], clock: clock.now });
    await enqueueJob(db, { kind: job.kind, dedupeKey: 'fails-1', runAt: clock.now() });
    expect(await runner.runDue()).toEqual({ done: 0, retrying: 1, failed: 0 });
    // Not due again until the backoff has passed.
    expect(await runner.runDue()).toEqual({ done: 0, retrying: 0, failed: 0 });
    clock.advance(10_000);
    expect(await runner.runDue()).toEqual({ done: 0, retrying: 1, failed: 0 });
    clock.advance(20_000);
    expect(await runner.runDue()).toEqual({ done: 0, retrying: 0, failed: 1 });
    clock.advance(3_600_000);
    await runner.runDue();
    expect(calls).toBe(3);
    const [row] = await db.select().from(jobs).where(eq(jobs.dedupeKey, 'fails-1'));
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'SMTP said no' });
  });

  it('takes over a job whose process died while running it, once its lease has run out', async () => {
    const clock = manualClock('2030-03-01T00:00:00Z');
    let runs = 0;
    const job: JobDefinition = { kind: 'test.crash', run: async () => void runs++ };
    // A process claimed it and died: 'running', leased until 00:10.
    await db.insert(jobs).values({
      kind: job.kind,
      status: 'running',
      attempts: 1,
      runAt: new Date('2030-03-01T00:10:00Z'),
      dedupeKey: 'crashed-1',
    });
    const runner = createJobRunner({ db, logger, jobs: [job], eventHandlers: [], clock: clock.now });
    await runner.runDue();
    expect(runs).toBe(0);
    clock.advance(11 * 60_000);
    await runner.runDue();
    expect(runs).toBe(1);
    const [row] = await db.select().from(jobs).where(eq(jobs.dedupeKey, 'crashed-1'));
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('delivers an event to each handler once after its transaction commits, and never after a rollback', async () => {
    const clock = manualClock('2030-04-01T00:00:00Z');
    const seen: string[] = [];
    const handlers = [
      onEvent(
        'test.thing_happened',
        'test.first',
        async (event) => void seen.push(`first:${event.payload.thingId}`),
      ),
      onEvent(
        'test.thing_happened',
        'test.second',
        async (event) => void seen.push(`second:${event.payload.thingId}`),
      ),
    ];
    const runner = createJobRunner({ db, logger, jobs: [], eventHandlers: handlers, clock: clock.now });
    const request = { now: clock.now(), actor: null };
    await db.transaction(async (tx) => {
      await publishEvent(tx, request, 'test.thing_happened', { thingId: 'kept' });
    });
    await expect(
      db.transaction(async (tx) => {
        await publishEvent(tx, request, 'test.thing_happened', { thingId: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await runner.drain();
    await runner.drain();
    expect(seen.sort()).toEqual(['first:kept', 'second:kept']);
    const stored = await db.select().from(domainEvents).where(eq(domainEvents.type, 'test.thing_happened'));
    expect(stored.map((e) => e.payload)).toEqual([{ thingId: 'kept' }]);
  });

  it('runs what a clock behind the wall clock queued at once (a server moved back by CLOCK_OFFSET_MS)', async () => {
    // The jobs were stamped by the database's now() before: hours ahead of such a clock, so they
    // waited that long (the browser tests' servers live on a day before today).
    const clock = manualClock('2020-06-01T00:00:00Z');
    const seen: string[] = [];
    const handlers = [
      onEvent('test.thing_happened', 'test.behind', async (event) => void seen.push(event.payload.thingId)),
    ];
    const runner = createJobRunner({ db, logger, jobs: [], eventHandlers: handlers, clock: clock.now });
    await db.transaction((tx) =>
      publishEvent(tx, { now: clock.now(), actor: null }, 'test.thing_happened', { thingId: 'behind' }),
    );
    await runner.drain();
    expect(seen).toEqual(['behind']);
  });

  it('retries only the handler that failed', async () => {
    const clock = manualClock('2030-05-01T00:00:00Z');
    let goodRuns = 0;
    let flakyRuns = 0;
    const handlers = [
      onEvent('test.thing_happened', 'test.good', async () => void goodRuns++),
      onEvent('test.thing_happened', 'test.flaky', async () => {
        flakyRuns++;
        if (flakyRuns === 1) throw new Error('first try fails');
      }),
    ];
    const runner = createJobRunner({ db, logger, jobs: [], eventHandlers: handlers, clock: clock.now });
    await db.transaction((tx) =>
      publishEvent(tx, { now: clock.now(), actor: null }, 'test.thing_happened', { thingId: 'x' }),
    );
    await runner.drain();
    clock.advance(60_000);
    await runner.drain();
    expect({ goodRuns, flakyRuns }).toEqual({ goodRuns: 1, flakyRuns: 2 });
  });

  it('on stop hands back at once what it claimed but had not started, and after the grace the job it runs', async () => {
    let releaseSlowJob: () => void = () => {};
    let slowJobStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      slowJobStarted = resolve;
    });
    const slow: JobDefinition = {
      kind: 'test.slow',
      run: () => {
        slowJobStarted();
        return new Promise<void>((resolve) => {
          releaseSlowJob = resolve;
        });
      },
    };
    const ids = [];
    for (const key of ['slow-1', 'slow-2', 'slow-3']) {
      ids.push(
        (await enqueueJob(db, { kind: slow.kind, dedupeKey: key, runAt: new Date(Date.now() - 1_000) }))!,
      );
    }
    const stopping = createJobRunner({ db, logger, jobs: [slow], eventHandlers: [], pollIntervalMs: 10 });
    stopping.start();
    await started;
    const statuses = async () =>
      await db
        .select({ status: jobs.status, attempts: jobs.attempts, runAt: jobs.runAt })
        .from(jobs)
        .where(eq(jobs.kind, slow.kind));
    expect((await statuses()).map((j) => j.status)).toEqual(['running', 'running', 'running']);

    const stopped = stopping.stop({ graceMs: 100 });
    await stopped;
    // All three are back in the queue, due now: another process need not wait out a lease.
    const afterStop = await statuses();
    expect(afterStop.map((j) => j.status)).toEqual(['queued', 'queued', 'queued']);
    for (const job of afterStop) expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now());

    let takenOver = 0;
    const other = createJobRunner({
      db,
      logger,
      jobs: [{ kind: slow.kind, run: async () => void takenOver++ }],
      eventHandlers: [],
    });
    expect(await other.runDue()).toEqual({ done: 3, retrying: 0, failed: 0 });
    expect(takenOver).toBe(3);
    // The first process's run finishing late changes nothing: its claim is no longer the job's.
    releaseSlowJob();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await statuses()).map((j) => [j.status, j.attempts])).toEqual([
      ['done', 2],
      ['done', 2],
      ['done', 2],
    ]);
  });

  it('refuses two definitions of one job kind', () => {
    const job: JobDefinition = { kind: 'test.dup', run: async () => {} };
    expect(() => createJobRunner({ db, logger, jobs: [job, job], eventHandlers: [] })).toThrow(/twice/);
  });
});
