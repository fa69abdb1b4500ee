import { describeRemaining } from '../../../shared/deadlines';
import type { Role } from '../../../shared/roles';
import {
  type Home,
  type HomeDeadline,
  type HomeFact,
  type HomeTask,
  type PhaseKind,
  phaseKinds,
} from '../../../shared/schemas/fiscal-years';
import type { RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { snapshotCacheFor } from '../../platform/snapshots';
import type { FiscalYearsReadPort } from '../fiscal-years/fiscal-years.ports';
import type { HomeFactProvider, HomeTaskContext, HomeTaskProvider } from './home-tasks';

/**
 * Whose deadlines each role watches: municipalities answer surveys, apply in
 * calls and evaluate; companies propose menus; reviewers score them; the
 * prefecture and the council secretariat follow the whole cycle.
 */
export const deadlineKindsByRole: Record<Role, readonly PhaseKind[]> = {
  prefecture_admin: phaseKinds,
  council_secretariat: phaseKinds,
  reviewer: ['review'],
  company_member: ['proposals'],
  municipality_staff: ['survey', 'call', 'evaluation'],
  municipality_head: ['survey', 'call', 'evaluation'],
};

export function deadlineKindsFor(roles: readonly Role[]): PhaseKind[] {
  const kinds = new Set(roles.flatMap((role) => deadlineKindsByRole[role]));
  return phaseKinds.filter((kind) => kinds.has(kind));
}

/** How many upcoming deadlines the home page lists. */
const DEADLINE_LIMIT = 10;

function byDueDate(a: HomeTask, b: HomeTask): number {
  if (a.dueAt === b.dueAt) return a.title.ja.localeCompare(b.title.ja);
  if (a.dueAt === null) return 1;
  if (b.dueAt === null) return -1;
  return a.dueAt.localeCompare(b.dueAt);
}

/**
 * The home page of every role: this year's plan, the deadlines that concern
 * the user, and what they have to do. The plan and deadlines come from the
 * fiscal-years read port; the tasks from every module's `homeTasks`.
 */
export function createHomeService(
  deps: ServiceDeps,
  ports: {
    fiscalYears: FiscalYearsReadPort;
    tasks: readonly HomeTaskProvider[];
    facts?: readonly HomeFactProvider[];
  },
) {
  const { fiscalYears, tasks: providers, facts: factProviders = [] } = ports;

  /** Runs every provider; one that fails is left out and logged, so it cannot take the page down. */
  async function gather<T>(
    kind: 'task' | 'fact',
    list: readonly ((c: HomeTaskContext) => Promise<T[]>)[],
    taskContext: HomeTaskContext,
  ): Promise<T[]> {
    const results = await Promise.allSettled(list.map((provide) => provide(taskContext)));
    const out: T[] = [];
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') out.push(...result.value);
      else
        deps.logger.error(
          { err: result.reason, provider: index, requestId: taskContext.request.requestId },
          `home ${kind} provider failed`,
        );
    });
    return out;
  }

  /**
   * Each user's last home page (platform/snapshots.ts). Every feature's tasks are asked on a
   * computation (about 30 queries for a town); the home is the page users come back to between
   * every other, and most of those returns find nothing changed.
   */
  const snapshots = snapshotCacheFor<Home>(deps);

  return {
    async get(ctx: RequestContext): Promise<Home> {
      const actor = ctx.actor;
      if (!actor) throw new AppError('UNAUTHENTICATED');
      // Roles and organization are part of the key: the same person with other rights sees another home.
      const key = `${actor.userId}|${actor.organizationId}|${[...actor.roles].sort().join(',')}`;
      return snapshots.get(key, ctx.now, () => compute(ctx));
    },
  };

  async function compute(ctx: RequestContext): Promise<Home> {
    const actor = ctx.actor!;
    const plan = await fiscalYears.getCurrentPlan(ctx);
    const upcoming = await fiscalYears.listUpcomingDeadlines(
      ctx,
      deadlineKindsFor(actor.roles),
      DEADLINE_LIMIT,
    );
    const deadlines: HomeDeadline[] = upcoming.map((d) => ({
      ...d,
      deadlineAt: d.deadlineAt.toISOString(),
      remaining: {
        ja: describeRemaining(d.deadlineAt, ctx.now, 'ja'),
        en: describeRemaining(d.deadlineAt, ctx.now, 'en'),
      },
    }));

    const taskContext: HomeTaskContext = { actor, now: ctx.now, request: ctx, fiscalYear: plan, deps };
    const [tasks, facts] = await Promise.all([
      gather<HomeTask>('task', providers, taskContext),
      gather<HomeFact>('fact', factProviders, taskContext),
    ]);

    return {
      fiscalYear: plan ? { id: plan.id, year: plan.year, label: plan.label } : null,
      programs: (plan?.programs ?? []).map((program) => ({
        id: program.id,
        kind: program.kind,
        name: program.name,
        nameEn: program.nameEn,
        budgetThousandYen: program.budgetThousandYen,
        phases: program.phases.map((phase) => ({
          id: phase.id,
          kind: phase.kind,
          startsOn: phase.startsOn,
          endsOn: phase.endsOn,
          deadlineAt: phase.deadlineAt,
          state: phase.state,
        })),
      })),
      deadlines,
      tasks: tasks.sort(byDueDate),
      facts,
    };
  }
}

export type HomeService = ReturnType<typeof createHomeService>;
