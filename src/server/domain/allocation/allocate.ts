import { derivedSeed, seededPermutation } from './lottery';
import { type Problem, prepareProblem, selectionsOf, totalsOf } from './problem';
import { solveLexicographic } from './solver';
import type {
  AllocationInput,
  AllocationResult,
  AllocationStageName,
  AllocationTotals,
  Selection,
} from './types';

export const allocationStages: readonly AllocationStageName[] = [
  'coverage',
  'preference',
  'review',
  'cost',
  'lottery',
];

const DEFAULT_TIME_LIMIT_SECONDS = 60;
const GREEDY_SALT = 0x67726479;

/**
 * The optimal allocation: lexicographically, (1) the most priority-weighted municipalities
 * supported, then (2) the best ranks, (3) the best-reviewed menus, (4) the lowest cost, and (5) the
 * seeded lottery among what is still tied. The hand-made greedy result is returned beside it for
 * comparison.
 */
export async function allocate(input: AllocationInput): Promise<AllocationResult> {
  const problem = prepareProblem(input);
  const outcome = await solveLexicographic(problem, {
    enforceBudget: true,
    stages: allocationStages,
    timeLimitSeconds: input.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS,
  });
  return {
    status: outcome.status,
    mipGap: outcome.mipGap,
    solveMs: Math.round(outcome.solveMs * 10) / 10,
    stages: outcome.stages,
    selections: selectionsOf(problem, outcome.chosen),
    totals: totalsOf(problem, outcome.chosen),
    greedy: greedyOf(problem),
  };
}

/**
 * How a spreadsheet does it: locked-in applications first, then by municipality weight (highest
 * first, the lottery between equals); each takes its best-ranked choice that still fits the menu's
 * capacity, the remaining budget and the municipality limit, and is skipped when none does.
 */
export function greedyAllocate(input: AllocationInput): {
  selections: Selection[];
  totals: AllocationTotals;
} {
  return greedyOf(prepareProblem(input));
}

export function greedyOf(problem: Problem): { selections: Selection[]; totals: AllocationTotals } {
  const chosen = greedyChosen(problem);
  return { selections: selectionsOf(problem, chosen), totals: totalsOf(problem, chosen) };
}

export function greedyOrder(problem: Problem): number[] {
  const draw = seededPermutation(problem.apps.length, derivedSeed(problem.input.seed, GREEDY_SALT));
  const ticket = new Array<number>(problem.apps.length);
  draw.forEach((app, position) => {
    ticket[app] = position;
  });
  return problem.apps
    .map((_, app) => app)
    .filter((app) => !problem.excluded[app])
    .sort((a, b) => {
      if (problem.forced[a] !== problem.forced[b]) return problem.forced[a] ? -1 : 1;
      const wa = problem.weight[problem.appMunicipality[a]!]!;
      const wb = problem.weight[problem.appMunicipality[b]!]!;
      if (wa !== wb) return wb - wa;
      return ticket[a]! - ticket[b]!;
    });
}

function greedyChosen(problem: Problem): number[] {
  const used = problem.menus.map(() => 0);
  const perMunicipality = problem.municipalityIds.map(() => 0);
  let remaining = problem.input.budgetThousandYen;
  const limit = problem.input.maxProjectsPerMunicipality;
  const chosen: number[] = [];
  for (const app of greedyOrder(problem)) {
    const m = problem.appMunicipality[app]!;
    if (perMunicipality[m]! >= limit) continue;
    for (const i of problem.candidatesByApp[app]!) {
      const c = problem.candidates[i]!;
      if (!c.eligible || used[c.menu]! >= problem.menus[c.menu]!.capacity || c.cost > remaining) continue;
      used[c.menu]! += 1;
      perMunicipality[m]! += 1;
      remaining -= c.cost;
      chosen.push(i);
      break;
    }
  }
  return chosen;
}
