import type { Highs } from 'highs';
import { type Problem, stageScales } from './problem';
import type { AllocationStage, AllocationStageName } from './types';

/**
 * The lexicographic MIP on HiGHS (WebAssembly). One model is built per call and solved once per
 * stage (two consecutive stages share a solve when that is exact, see stageGroups): each solve
 * maximises its objective, then its optimum is added as a constraint (objective ≥ optimum) and the
 * solution is passed as the next solve's start, which stays feasible. All coefficients are
 * integers, so a bound of "≥ optimum − ½" is exactly "≥ optimum" with no tolerance question.
 */

let highsRuntime: Promise<Highs> | null = null;

/** Loads the WebAssembly solver once per process; a failed load is retried on the next call. */
export function loadSolver(): Promise<Highs> {
  if (highsRuntime === null) {
    const loading = import('highs').then((module) => module.default());
    highsRuntime = loading;
    loading.catch(() => {
      if (highsRuntime === loading) highsRuntime = null;
    });
  }
  return highsRuntime;
}

export interface SolveOptions {
  /** False for the counterfactual "how much money would it take": no budget row. */
  enforceBudget: boolean;
  stages: readonly AllocationStageName[];
  timeLimitSeconds: number;
}

export interface SolveOutcome {
  status: 'optimal' | 'time_limit' | 'infeasible';
  mipGap: number;
  solveMs: number;
  stages: AllocationStage[];
  /** Chosen candidate indices. */
  chosen: number[];
}

// HiGHS model status codes (highs.constants.modelStatus), named here for readability.
const STATUS_EMPTY = 6;
const STATUS_OPTIMAL = 7;
const STATUS_TIME_LIMIT = 13;

interface BuiltModel {
  /** Columns 0..n−1 are the candidates x[a,c]; column n + m is municipality m's "supported" y[m]. */
  numCols: number;
  rowLower: number[];
  rowUpper: number[];
  starts: number[];
  indices: number[];
  values: number[];
  colUpper: number[];
}

function buildRows(problem: Problem, enforceBudget: boolean): BuiltModel {
  const n = problem.candidates.length;
  const numCols = n + problem.municipalityIds.length;
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const addRow = (lower: number, upper: number, cols: number[], coefs: number[]) => {
    rowLower.push(lower);
    rowUpper.push(upper);
    for (let k = 0; k < cols.length; k++) {
      indices.push(cols[k]!);
      values.push(coefs[k]!);
    }
    starts.push(indices.length);
  };
  const eligible = problem.candidates.filter((c) => c.eligible);
  const budget = problem.input.budgetThousandYen;

  if (enforceBudget) {
    const paid = eligible.filter((c) => c.cost > 0);
    addRow(
      Number.NEGATIVE_INFINITY,
      budget,
      paid.map((c) => c.index),
      paid.map((c) => c.cost),
    );
  }
  const byMenu: number[][] = problem.menus.map(() => []);
  const byMunicipality: number[][] = problem.municipalityIds.map(() => []);
  for (const c of eligible) {
    byMenu[c.menu]!.push(c.index);
    byMunicipality[problem.appMunicipality[c.app]!]!.push(c.index);
  }
  problem.menus.forEach((menu, m) => {
    const cols = byMenu[m]!;
    if (cols.length > menu.capacity)
      addRow(
        Number.NEGATIVE_INFINITY,
        menu.capacity,
        cols,
        cols.map(() => 1),
      );
  });
  const limit = problem.input.maxProjectsPerMunicipality;
  for (const cols of byMunicipality) {
    if (cols.length > limit)
      addRow(
        Number.NEGATIVE_INFINITY,
        limit,
        cols,
        cols.map(() => 1),
      );
  }
  problem.candidatesByApp.forEach((own, app) => {
    const cols = own.filter((i) => problem.candidates[i]!.eligible);
    const lower = problem.forced[app] ? 1 : Number.NEGATIVE_INFINITY;
    if (cols.length > 1 || problem.forced[app])
      addRow(
        lower,
        1,
        cols,
        cols.map(() => 1),
      );
  });
  // y[m] ≤ Σ x of m: a municipality counts as supported only with a selected application.
  byMunicipality.forEach((cols, m) => {
    addRow(Number.NEGATIVE_INFINITY, 0, [n + m, ...cols], [1, ...cols.map(() => -1)]);
  });

  const colUpper: number[] = [];
  for (const c of problem.candidates) {
    const affordable = !enforceBudget || c.cost <= budget;
    colUpper.push(c.eligible && affordable ? 1 : 0);
  }
  for (let m = 0; m < problem.municipalityIds.length; m++) colUpper.push(1);
  return { numCols, rowLower, rowUpper, starts, indices, values, colUpper };
}

/** The objective of a stage as column coefficients to maximise (cost is negated). */
function stageCoefficients(problem: Problem, stage: AllocationStageName, numCols: number): number[] {
  const coefs = new Array<number>(numCols).fill(0);
  const n = problem.candidates.length;
  for (const c of problem.candidates) {
    switch (stage) {
      case 'coverage':
        break;
      case 'preference':
        coefs[c.index] = c.preference;
        break;
      case 'review':
        coefs[c.index] = c.review100;
        break;
      case 'cost':
        coefs[c.index] = -c.cost;
        break;
      case 'lottery':
        coefs[c.index] = c.lottery;
        break;
    }
  }
  if (stage === 'coverage') {
    problem.weight1000.forEach((w, m) => {
      coefs[n + m] = w;
    });
  }
  return coefs;
}

/** From the integer the solver maximised to the stage's own unit. */
function stageObjective(stage: AllocationStageName, scaled: number): number {
  switch (stage) {
    case 'coverage':
      return scaled / stageScales.coverage;
    case 'review':
      return scaled / stageScales.review;
    case 'cost':
      return 0 - scaled; // not -scaled: no cost must read +0, not −0
    default:
      return scaled;
  }
}

/**
 * Consecutive stages solved as one MIP when that is exact: maximising a·(B+1) + b, where B bounds
 * b over every selection, ranks solutions by a first and b second, like two stages. Only done while
 * every value stays below 2^31, far inside the exact-integer range of doubles and of HiGHS's
 * tolerances; otherwise the stages run one by one. Each solve costs a fixed effort in the
 * WebAssembly solver, so fewer solves is most of the speed.
 */
const COMBINED_LIMIT = 2 ** 31;

interface StageGroup {
  members: { stage: AllocationStageName; coefs: number[] }[];
  coefs: number[];
}

function stageGroups(
  problem: Problem,
  stages: readonly AllocationStageName[],
  built: BuiltModel,
): StageGroup[] {
  const bound = (coefs: number[]) => {
    let total = 0;
    for (const own of problem.candidatesByApp) {
      let best = 0;
      for (const i of own) if (built.colUpper[i] === 1) best = Math.max(best, Math.abs(coefs[i]!));
      total += best;
    }
    return total;
  };
  const groups: StageGroup[] = [];
  for (let k = 0; k < stages.length; k++) {
    const first = stages[k]!;
    const firstCoefs = stageCoefficients(problem, first, built.numCols);
    const firstReduced = dividedByCommonFactor(firstCoefs);
    const next = stages[k + 1];
    const pairable = first !== 'coverage' && next !== undefined && next !== 'coverage';
    if (pairable) {
      const nextCoefs = stageCoefficients(problem, next, built.numCols);
      const nextReduced = dividedByCommonFactor(nextCoefs);
      const nextBound = bound(nextReduced);
      if (bound(firstReduced) * (nextBound + 1) + nextBound < COMBINED_LIMIT) {
        groups.push({
          members: [
            { stage: first, coefs: firstCoefs },
            { stage: next, coefs: nextCoefs },
          ],
          coefs: firstReduced.map((c, j) => c * (nextBound + 1) + nextReduced[j]!),
        });
        k++;
        continue;
      }
    }
    groups.push({ members: [{ stage: first, coefs: firstCoefs }], coefs: firstReduced });
  }
  return groups;
}

/**
 * Integer coefficients divided by their greatest common divisor: the same ranking of solutions
 * with smaller numbers (costs in whole 100千円 become 1, 2, …), so more stage pairs fit the limit.
 */
function dividedByCommonFactor(coefs: number[]): number[] {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let common = 0;
  for (const c of coefs) if (c !== 0) common = gcd(common, Math.abs(c));
  return common <= 1 ? coefs : coefs.map((c) => c / common);
}

export async function solveLexicographic(problem: Problem, options: SolveOptions): Promise<SolveOutcome> {
  const started = performance.now();
  const highs = await loadSolver();
  const built = buildRows(problem, options.enforceBudget);
  const numRows = built.rowLower.length;
  const finish = (
    status: SolveOutcome['status'],
    stages: AllocationStage[],
    chosen: number[],
    mipGap = 0,
  ) => ({
    status,
    mipGap,
    solveMs: performance.now() - started,
    stages,
    chosen,
  });

  const eligibleCols = problem.candidates.filter((c) => built.colUpper[c.index] === 1).map((c) => c.index);
  // Nothing can be chosen: feasible (all zero) unless a locked-in application needs a place.
  if (eligibleCols.length === 0) {
    const anyForced = problem.forced.some(Boolean);
    return finish(
      anyForced ? 'infeasible' : 'optimal',
      anyForced ? [] : options.stages.map((name) => ({ name, objective: 0, skipped: true })),
      [],
    );
  }

  const model = highs.createModel({
    numCols: built.numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: new Array<number>(built.numCols).fill(0),
    colLower: new Array<number>(built.numCols).fill(0),
    colUpper: built.colUpper,
    rowLower: built.rowLower.map((v) => (v === Number.NEGATIVE_INFINITY ? -highs.infinity : v)),
    rowUpper: built.rowUpper,
    matrix: {
      format: 'csr',
      numRows,
      numCols: built.numCols,
      starts: built.starts,
      indices: built.indices,
      values: built.values,
    },
    integrality: new Array(built.numCols).fill(highs.constants.variableType.integer),
  });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, random_seed: 0 });
    const stages: AllocationStage[] = [];
    let incumbent: Float64Array | null = null;
    let worstGap = 0;
    let status: SolveOutcome['status'] = 'optimal';
    for (const group of stageGroups(problem, options.stages, built)) {
      const coefs = group.coefs;
      const active: number[] = [];
      for (let j = 0; j < built.numCols; j++) {
        if (coefs[j] !== 0 && built.colUpper[j] === 1) active.push(j);
      }
      // A stage whose objective is 0 on every column that can be 1 cannot change the choice.
      if (active.length === 0 && incumbent !== null) {
        for (const member of group.members) stages.push({ name: member.stage, objective: 0, skipped: true });
        continue;
      }
      const remaining = options.timeLimitSeconds - (performance.now() - started) / 1000;
      if (remaining <= 0) {
        status = 'time_limit';
        break;
      }
      model.options.set('time_limit', remaining);
      model.changeColsCost({ kind: 'range', from: 0, to: built.numCols - 1 }, coefs);
      if (incumbent !== null) model.setSolution({ colValue: incumbent });
      const run = model.run();
      const code = run.modelStatus as number;
      if (code === STATUS_OPTIMAL || code === STATUS_EMPTY) {
        // fall through to record the optimum
      } else if (code === STATUS_TIME_LIMIT && hasPrimalSolution(model)) {
        status = 'time_limit';
        worstGap = Math.max(worstGap, Number(model.info.get('mip_gap')));
      } else if (incumbent === null) {
        return finish(
          code === STATUS_TIME_LIMIT ? 'time_limit' : 'infeasible',
          stages,
          [],
          code === STATUS_TIME_LIMIT ? 1 : 0,
        );
      } else {
        // Later stages start from a feasible incumbent; keep it if the solver gives up.
        status = 'time_limit';
        break;
      }
      const values = model.getSolution().colValue;
      const solution = Float64Array.from(values, (v) => Math.round(v));
      incumbent = solution;
      for (const member of group.members) {
        let value = 0;
        for (let j = 0; j < built.numCols; j++) value += member.coefs[j]! * solution[j]!;
        stages.push({ name: member.stage, objective: stageObjective(member.stage, value) });
      }
      if (status === 'time_limit') break;
      let scaled = 0;
      for (const j of active) scaled += coefs[j]! * solution[j]!;
      // Fixing the combined optimum fixes every member at its lexicographic optimum.
      model.addRow(scaled - 0.5, highs.infinity, {
        indices: active,
        values: active.map((j) => coefs[j]!),
      });
    }
    const chosen: number[] = [];
    if (incumbent !== null) {
      for (const c of problem.candidates) if (incumbent[c.index] === 1) chosen.push(c.index);
    }
    // Stopped before any solution: nothing is proven, report the gap as 100 %.
    const gap = status === 'optimal' ? 0 : incumbent === null ? 1 : worstGap;
    return finish(status, stages, chosen, gap);
  } finally {
    model.dispose();
  }
}

function hasPrimalSolution(model: { info: { get(name: string): number | bigint } }): boolean {
  // 2 = feasible point available (HiGHS solution status).
  return Number(model.info.get('primal_solution_status')) === 2;
}
