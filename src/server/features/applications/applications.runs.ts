import { randomInt } from 'node:crypto';
import type { RunCreate, RunDetail, RunSummary } from '../../../shared/schemas/applications';
import type { Database, Executor } from '../../db/client';
import {
  type AllocationApplication,
  type AllocationInput,
  type AllocationResult,
  type AllocationTask,
  allocateAndExplain,
  type Explanation,
  priorityOf,
} from '../../domain/allocation';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import type { JobContext } from '../../platform/jobs/runner';
import { enqueueJob } from '../../platform/jobs/queue';
import { runInWorker } from '../../platform/workers/run-in-worker';
import type { CatalogReadPort } from '../menus/menus.ports';
import { applicationsPolicy as policy } from './applications.policy';
import {
  type ApplicationsRecords,
  consideredStatuses,
  type RunSnapshot,
  stateOf,
} from './applications.records';
import * as repo from './applications.repository';

export const solveRunJobKind = 'applications.solve_run';
/** The second step of a run: what would have selected each application left out. */
export const counterfactualsJobKind = 'applications.run_counterfactuals';

/** Municipality kinds counted as small (町・村) for the priority weight. */
const smallKinds = new Set(['town', 'village']);

/**
 * Builds the solver's input from the database as it is now: the submitted applications with
 * their locks, the year's catalog, and each town's priority (not supported in the two previous
 * fiscal years, evacuation area, small). Shared by the job and the demo seed.
 */
export async function buildRunSnapshot(
  ex: Executor,
  catalog: CatalogReadPort,
  prefectureId: string,
  call: repo.CallRow,
  run: { budgetThousandYen: number; seed: number; priorityWeights: repo.CallRow['priorityWeights'] },
): Promise<RunSnapshot> {
  const year = await repo.findFiscalYear(ex, prefectureId, call.fiscalYearId);
  const years = await repo.findFiscalYears(ex, prefectureId);
  const previous = years
    .filter((y) => year && y.year < year.year && y.year >= year.year - 2)
    .map((y) => y.id);
  const recent = new Set(
    (
      await repo.findSupportProjects(ex, prefectureId, { fiscalYearIds: previous, excludeCancelled: true })
    ).map((p) => p.municipalityId),
  );
  const apps = (await repo.findApplications(ex, prefectureId, { callIds: [call.id] })).filter((a) =>
    consideredStatuses.includes(a.status),
  );
  const towns = new Map(
    (await repo.findMunicipalities(ex, prefectureId, [...new Set(apps.map((a) => a.municipalityId))])).map(
      (m) => [m.id, m],
    ),
  );
  const menus = await catalog.selectedMenus(prefectureId, call.fiscalYearId);
  const menuIds = new Set(menus.map((m) => m.id));
  const priorities = new Map(
    [...towns.values()].map((m) => [
      m.id,
      priorityOf(
        {
          id: m.id,
          supportedInLastTwoYears: recent.has(m.id),
          evacuationArea: m.isEvacuationArea,
          small: smallKinds.has(m.kind),
        },
        run.priorityWeights,
      ),
    ]),
  );
  const applications: AllocationApplication[] = apps.map((a) => ({
    id: a.id,
    municipalityId: a.municipalityId,
    // A menu dropped from the catalog since the town chose it cannot be given; the ranks stay the town's.
    choices: a.menuIds.map((menuId, i) => ({ menuId, rank: i + 1 })).filter((c) => menuIds.has(c.menuId)),
    lock: !a.lock
      ? undefined
      : a.lock.kind === 'exclude'
        ? { kind: 'exclude' }
        : a.lock.menuId
          ? { kind: 'include', menuId: a.lock.menuId }
          : { kind: 'include' },
  }));
  const allocation: AllocationInput = {
    budgetThousandYen: run.budgetThousandYen,
    maxProjectsPerMunicipality: call.maxProjectsPerMunicipality,
    menus: menus.map((m) => ({
      id: m.id,
      capacity: m.capacity,
      costThousandYen: m.unitCostThousandYen,
      reviewScore: m.reviewMean,
    })),
    applications,
    municipalities: [...priorities].map(([id, p]) => ({ id, weight: p.weight })),
    seed: run.seed,
  };
  return {
    allocation,
    applications: apps.map((a) => ({
      applicationId: a.id,
      municipalityId: a.municipalityId,
      municipalityName: towns.get(a.municipalityId)?.name ?? '',
      priorityWeight: priorities.get(a.municipalityId)?.weight ?? 1,
      priorityFactors: priorities.get(a.municipalityId)?.factors ?? [],
      lock: a.lock?.kind ?? null,
    })),
    menus: menus.map((m) => ({
      id: m.id,
      title: m.title,
      companyName: m.companyName,
      organizationId: m.organizationId,
      costThousandYen: m.unitCostThousandYen,
    })),
  };
}

/** The solver's worker thread: bundled as dist/server/allocation-worker.js (scripts/build-server.mjs). */
const allocationWorker = {
  name: 'allocation-worker',
  source: new URL('./allocation.worker.ts', import.meta.url),
};

/** A run's solve may take minutes at most; past that the worker is stopped and the run marked failed. */
const solveTimeLimitMs = 10 * 60_000;

/**
 * One step of a run in a worker thread, so seconds of solving (counterfactuals re-solve once or
 * twice per application left out) never hold up other requests.
 */
function runTaskInWorker(task: AllocationTask) {
  return runInWorker<AllocationTask, { result: AllocationResult; explanations: Explanation[] }>(
    allocationWorker,
    task,
    { timeoutMs: solveTimeLimitMs },
  );
}

/**
 * Solves a snapshot whole (optimum, greedy baseline, every explanation with its counterfactual) in
 * the calling thread: for the demo seed, which runs before the server listens.
 */
export function solveSnapshotInPlace(snapshot: RunSnapshot) {
  return allocateAndExplain(snapshot.allocation);
}

/** Marked on a stored result while its counterfactuals are still being computed. */
export type StoredResult = AllocationResult & { counterfactualsPending?: boolean };

/**
 * Allocation runs: the prefecture queues a run (its weights, budget and seed recorded), the job
 * runner solves it from a snapshot of the applications, and the prefecture reads and approves it.
 */
export function createApplicationsRuns({
  db,
  records,
  catalog,
}: {
  db: Database;
  records: ApplicationsRecords;
  catalog: CatalogReadPort;
}) {
  async function loadRun(actor: Actor, id: string) {
    const row = await repo.findRun(db, actor.prefectureId, id);
    return row ? (await records.presentRuns(db, actor, [row]))[0]! : null;
  }

  return {
    async listRuns(ctx: RequestContext, callId: string): Promise<RunSummary[]> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.isAdmin(actor));
      const { call } = await records.requireCall(db, actor, callId);
      return records.presentRuns(db, actor, await repo.findRuns(db, actor.prefectureId, [call.id]));
    },

    async createRun(ctx: RequestContext, callId: string, input: RunCreate): Promise<RunSummary> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.isAdmin(actor));
      const { call, program, roundsAt } = await records.requireCall(db, actor, callId);
      const runs = await repo.findRuns(db, actor.prefectureId, [call.id]);
      const state = stateOf(roundsAt(ctx.now), runs, ctx.now);
      if (state === 'published')
        throw fieldError(
          ['label'],
          '結果の公表後は再計算できません。',
          'The results are already published.',
          'published',
        );
      const budget = input.budgetThousandYen ?? program.budgetThousandYen;
      if (budget === null || budget === undefined)
        throw fieldError(
          ['budgetThousandYen'],
          '事業の予算が未設定です。予算額を入力してください。',
          'The program has no budget yet: enter one.',
          'required',
        );
      // A recorded seed makes the lottery repeatable; none given → drawn here, then recorded.
      const seed = input.seed ?? randomInt(0, 4_294_967_296);
      const created = await records.createAudited(
        ctx,
        { action: 'allocation_run.create', entityType: 'allocation_run' },
        (tx) =>
          repo.insertRun(tx, {
            prefectureId: actor.prefectureId,
            callId: call.id,
            label: input.label,
            status: 'queued',
            priorityWeights: input.priorityWeights ?? call.priorityWeights,
            budgetThousandYen: budget,
            seed,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          }),
        // Same transaction: a run that exists always has its job, and a rolled-back one has none.
        async (tx, run) => {
          await enqueueJob(tx, {
            kind: solveRunJobKind,
            payload: { runId: run.id },
            dedupeKey: `${solveRunJobKind}:${run.id}`,
            maxAttempts: 2,
            runAt: ctx.now,
          });
        },
      );
      return (await loadRun(actor, created.id))!;
    },

    async getRun(ctx: RequestContext, id: string): Promise<RunDetail> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.isAdmin(actor));
      const row = await repo.findRun(db, actor.prefectureId, id);
      if (!row) throw new AppError('NOT_FOUND');
      return records.presentRunDetail(db, actor, row);
    },

    async approveRun(ctx: RequestContext, id: string, version: number): Promise<RunSummary> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      assertAllowed(policy.isAdmin(actor));
      const row = await repo.findRun(db, actor.prefectureId, id);
      if (!row) throw new AppError('NOT_FOUND');
      const { roundsAt } = await records.requireCall(db, actor, row.callId);
      if ((row.result as StoredResult | null)?.counterfactualsPending)
        throw fieldError(
          ['status'],
          '各申請の「もし条件が違っていたら」を計算中です。終わってから承認してください。',
          'The counterfactuals of this run are still being computed: approve once they are done.',
          'counterfactuals_pending',
        );
      const runs = await repo.findRuns(db, actor.prefectureId, [row.callId]);
      const state = stateOf(roundsAt(ctx.now), runs, ctx.now);
      if (state === 'open' || state === 'upcoming')
        throw fieldError(
          ['status'],
          '受付期間が終わってから承認してください。',
          'Approve once the call has closed.',
          'call_open',
        );
      if (runs.some((r) => r.id !== id && (r.status === 'approved' || r.status === 'published')))
        throw fieldError(
          ['status'],
          'この公募には承認済みの計算結果が既にあります。',
          'Another run of this call is already approved.',
          'already_approved',
        );
      const solved = row.result as { status?: string } | null;
      if (row.status !== 'done' || !solved || solved.status === 'infeasible')
        throw fieldError(
          ['status'],
          '計算が完了した結果だけを承認できます。',
          'Only a run that was solved can be approved.',
          'not_solved',
        );
      return repo.changeRun(db, signed, {
        id,
        version,
        values: { status: 'approved', approvedAt: ctx.now, approvedBy: actor.userId },
        audit: { action: 'allocation_run.approve', entityType: 'allocation_run', before: row },
        reload: () => loadRun(actor, id),
      });
    },

    /**
     * The job's first step: solve a queued run from a snapshot taken now and store the result with
     * every reason at once (the admin reads it within a second or so); the counterfactuals follow
     * as a job of their own, queued in the same transaction.
     */
    async solveRun(job: Pick<JobContext, 'now' | 'logger'>, runId: string): Promise<void> {
      const run = await repo.findRunById(db, runId);
      // At least once: a run already solved (or approved since) is left as it is.
      if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
      const call = await repo.findCall(db, run.prefectureId, run.callId);
      if (!call) return;
      await repo.updateRunFromJob(db, run.id, { status: 'running' }, job.now);
      try {
        const snapshot = await buildRunSnapshot(db, catalog, run.prefectureId, call, run);
        const { result, explanations } = await runTaskInWorker({ step: 'solve', input: snapshot.allocation });
        const stored: StoredResult = { ...result, counterfactualsPending: result.status !== 'infeasible' };
        await db.transaction(async (tx) => {
          await repo.updateRunFromJob(
            tx,
            run.id,
            {
              status: 'done',
              input: snapshot,
              result: stored,
              explanations,
              solveMs: Math.round(result.solveMs),
              error: null,
            },
            job.now,
          );
          if (stored.counterfactualsPending)
            await enqueueJob(tx, {
              kind: counterfactualsJobKind,
              payload: { runId: run.id },
              dedupeKey: `${counterfactualsJobKind}:${run.id}`,
              maxAttempts: 2,
              runAt: job.now,
            });
        });
      } catch (err) {
        job.logger.error({ err, runId }, 'allocation run failed');
        await repo.updateRunFromJob(
          db,
          run.id,
          { status: 'failed', error: err instanceof Error ? err.message.slice(0, 1000) : String(err) },
          job.now,
        );
      }
    },

    /** The job's second step: each left-out application's counterfactual, added to the stored run. */
    async addCounterfactuals(job: Pick<JobContext, 'now' | 'logger'>, runId: string): Promise<void> {
      const run = await repo.findRunById(db, runId);
      const stored = run?.result as StoredResult | null | undefined;
      const snapshot = run?.input as RunSnapshot | null | undefined;
      if (!run || !stored?.counterfactualsPending || !snapshot) return;
      const { counterfactualsPending: _pending, ...result } = stored;
      try {
        const { explanations } = await runTaskInWorker({
          step: 'counterfactuals',
          input: snapshot.allocation,
          result,
        });
        const done: StoredResult = { ...result, counterfactualsPending: false };
        await repo.updateRunFromJob(db, run.id, { result: done, explanations }, job.now);
      } catch (err) {
        // The result stands; only the "what would have selected it" part is missing, and said so.
        job.logger.error({ err, runId }, 'allocation counterfactuals failed');
        const done: StoredResult = { ...result, counterfactualsPending: false };
        await repo.updateRunFromJob(
          db,
          run.id,
          {
            result: done,
            error: `counterfactuals: ${err instanceof Error ? err.message.slice(0, 900) : String(err)}`,
          },
          job.now,
        );
      }
    },
  };
}
