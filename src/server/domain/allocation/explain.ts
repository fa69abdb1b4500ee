import type {
  Counterfactual,
  Explanation,
  FullerChoiceCause,
  Reason,
} from '../../../shared/allocation-reasons';
import { allocationStages } from './allocate';
import { type Problem, prepareProblem } from './problem';
import { solveLexicographic } from './solver';
import type { AllocationApplication, AllocationInput, AllocationResult, Selection } from './types';

const DEFAULT_TIME_LIMIT_SECONDS = 60;

/**
 * Why each application got what it got, for the applicants and the prefecture. Reasons read the
 * result's slack (capacity used, budget left, projects per municipality); the counterfactuals
 * re-solve: (a) the least money that keeps every selected application and adds this one, and
 * (b) who would lose their place if this one were forced in at today's budget.
 */
export interface ExplainOptions {
  /**
   * Compute counterfactuals only for these applications (the others not selected get null).
   * Each counterfactual re-solves the model (about 0.1–0.5 s of CPU at prefecture size), so a
   * page about one municipality's applications asks for those alone; omitted: every application.
   */
  counterfactualsFor?: readonly string[];
}

export async function explain(
  input: AllocationInput,
  result: AllocationResult,
  options: ExplainOptions = {},
): Promise<Explanation[]> {
  const problem = prepareProblem(input);
  const wanted = options.counterfactualsFor === undefined ? null : new Set(options.counterfactualsFor);
  const selectedByApp = new Map(result.selections.map((s) => [s.applicationId, s]));
  const used = problem.menus.map(() => 0);
  const takenWeights: number[][] = problem.menus.map(() => []);
  const perMunicipality = problem.municipalityIds.map(() => 0);
  const appIndex = new Map(problem.apps.map((a, i) => [a.id, i]));
  let spent = 0;
  for (const s of result.selections) {
    const menu = problem.menuIndex.get(s.menuId);
    const app = appIndex.get(s.applicationId);
    if (menu === undefined || app === undefined) continue;
    const m = problem.appMunicipality[app]!;
    used[menu]! += 1;
    takenWeights[menu]!.push(problem.weight[m]!);
    perMunicipality[m]! += 1;
    spent += s.costThousandYen;
  }
  const remaining = input.budgetThousandYen - spent;
  const limit = input.maxProjectsPerMunicipality;
  const isFull = (menu: number) => used[menu]! >= problem.menus[menu]!.capacity;
  const timeLimitSeconds = input.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;

  const explanations: Explanation[] = [];
  for (let app = 0; app < problem.apps.length; app++) {
    const application = problem.apps[app]!;
    const selection = selectedByApp.get(application.id);
    if (problem.excluded[app]) {
      explanations.push(notSelected(application.id, [{ code: 'excluded_by_admin' }], null));
      continue;
    }
    if (result.status === 'infeasible') {
      explanations.push(notSelected(application.id, [{ code: 'no_feasible_allocation' }], null));
      continue;
    }
    if (selection !== undefined) {
      explanations.push({
        applicationId: application.id,
        outcome: 'selected',
        menuId: selection.menuId,
        rank: selection.rank,
        reasons: selectedReasons(problem, app, selection, remaining, isFull),
        counterfactual: null,
      });
      continue;
    }
    const reasons = notSelectedReasons(problem, app, {
      remaining,
      limit,
      perMunicipality,
      isFull,
      takenWeights,
    });
    const counterfactual =
      wanted === null || wanted.has(application.id)
        ? await counterfactualFor(problem, result.selections, application, timeLimitSeconds)
        : null;
    explanations.push(notSelected(application.id, reasons, counterfactual));
  }
  return explanations;
}

function notSelected(
  applicationId: string,
  reasons: Reason[],
  counterfactual: Counterfactual | null,
): Explanation {
  return { applicationId, outcome: 'not_selected', menuId: null, rank: null, reasons, counterfactual };
}

function selectedReasons(
  problem: Problem,
  app: number,
  selection: Selection,
  remaining: number,
  isFull: (menu: number) => boolean,
): Reason[] {
  const reasons: Reason[] = [];
  const lock = problem.apps[app]!.lock;
  if (lock?.kind === 'include') {
    reasons.push({ code: 'locked_in' });
    // The admin chose the menu: its rank says nothing about capacity or budget.
    if (lock.menuId !== undefined) return reasons;
  }
  if (selection.rank === 1) {
    reasons.push({ code: 'selected_first_choice' });
    return reasons;
  }
  const fullerChoices: { menuId: string; cause: FullerChoiceCause }[] = [];
  for (const i of problem.candidatesByApp[app]!) {
    const c = problem.candidates[i]!;
    if (c.rank >= selection.rank || c.menu < 0) continue;
    const menuId = problem.menus[c.menu]!.id;
    if (isFull(c.menu)) fullerChoices.push({ menuId, cause: 'capacity' });
    else if (c.cost - selection.costThousandYen > remaining) fullerChoices.push({ menuId, cause: 'budget' });
  }
  reasons.push({ code: 'selected_lower_choice', rank: selection.rank, fullerChoices });
  return reasons;
}

function notSelectedReasons(
  problem: Problem,
  app: number,
  state: {
    remaining: number;
    limit: number;
    perMunicipality: number[];
    isFull: (menu: number) => boolean;
    takenWeights: number[][];
  },
): Reason[] {
  const reasons: Reason[] = [];
  const m = problem.appMunicipality[app]!;
  const ownWeight = problem.weight[m]!;
  if (state.perMunicipality[m]! >= state.limit)
    reasons.push({ code: 'municipality_limit', limit: state.limit });
  let cheapestOpen: number | null = null;
  for (const i of problem.candidatesByApp[app]!) {
    const c = problem.candidates[i]!;
    if (!c.eligible) continue;
    const menu = problem.menus[c.menu]!;
    if (state.isFull(c.menu)) {
      reasons.push({
        code: 'capacity_full',
        menuId: menu.id,
        capacity: menu.capacity,
        takenByHigherPriority: state.takenWeights[c.menu]!.filter((w) => w > ownWeight).length,
      });
    } else if (cheapestOpen === null || c.cost < cheapestOpen) {
      cheapestOpen = c.cost;
    }
  }
  // Money is binding only for the choices that still have a place.
  if (cheapestOpen !== null && cheapestOpen > state.remaining) {
    reasons.push({ code: 'budget_exhausted', shortfallThousandYen: cheapestOpen - state.remaining });
  }
  // At a proven optimum one of the above always holds; a time-limited result may leave none.
  if (reasons.length === 0) reasons.push({ code: 'lower_priority' });
  return reasons;
}

function withLocks(
  input: AllocationInput,
  lockOf: (a: AllocationApplication) => AllocationApplication['lock'],
): AllocationInput {
  return { ...input, applications: input.applications.map((a) => ({ ...a, lock: lockOf(a) })) };
}

async function counterfactualFor(
  problem: Problem,
  selections: readonly Selection[],
  application: AllocationApplication,
  timeLimitSeconds: number,
): Promise<Counterfactual> {
  const input = problem.input;
  const selectedIds = new Set(selections.map((s) => s.applicationId));

  // (a) Keep everyone selected (on any of their choices, or the admin's menu), add this one,
  // ignore the budget and minimise cost: the budget increase is what that costs beyond today's.
  const keepAll = withLocks(input, (a) => {
    if (a.id === application.id) return { kind: 'include' };
    if (selectedIds.has(a.id)) return a.lock?.kind === 'include' ? a.lock : { kind: 'include' };
    return a.lock;
  });
  const cheapest = await solveLexicographic(prepareProblem(keepAll), {
    enforceBudget: false,
    stages: ['cost'],
    timeLimitSeconds,
  });
  const minimumCost = cheapest.status === 'infeasible' ? undefined : cheapest.stages[0]?.objective;
  const budgetIncreaseThousandYen =
    minimumCost === undefined ? null : Math.max(0, minimumCost - input.budgetThousandYen);

  // (b) Force this one in at today's budget and re-run the whole lexicographic model.
  const forcedInput = withLocks(input, (a) => (a.id === application.id ? { kind: 'include' } : a.lock));
  const forcedProblem = prepareProblem(forcedInput);
  const forced = await solveLexicographic(forcedProblem, {
    enforceBudget: true,
    stages: allocationStages,
    timeLimitSeconds,
  });
  if (forced.status === 'infeasible') {
    return { budgetIncreaseThousandYen, displacedApplicationIds: [], forcedMenuId: null };
  }
  const stillSelected = new Set<string>();
  let forcedMenuId: string | null = null;
  for (const i of forced.chosen) {
    const c = forcedProblem.candidates[i]!;
    const id = forcedProblem.apps[c.app]!.id;
    stillSelected.add(id);
    if (id === application.id) forcedMenuId = forcedProblem.menus[c.menu]!.id;
  }
  const displacedApplicationIds = selections
    .map((s) => s.applicationId)
    .filter((id) => !stillSelected.has(id));
  return { budgetIncreaseThousandYen, displacedApplicationIds, forcedMenuId };
}
