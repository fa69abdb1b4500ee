import { seededPermutation } from './lottery';
import type {
  AllocationApplication,
  AllocationInput,
  AllocationMenu,
  AllocationTotals,
  Selection,
} from './types';

/**
 * The input indexed for the solver, the greedy baseline and the explanations: one candidate per
 * application × choice, with every stage's integer coefficient precomputed so that the solver,
 * the baseline and the tests score a selection identically.
 */
export interface Candidate {
  index: number;
  app: number;
  menu: number;
  rank: number;
  cost: number;
  /** round(reviewScore × 100): review stage coefficient, an integer so stage bounds are exact. */
  review100: number;
  /** K + 1 − rank: preference stage coefficient. */
  preference: number;
  /** 1..N, a seeded permutation over all candidates: lottery stage coefficient. */
  lottery: number;
  /** False when a lock or an unknown menu rules the candidate out. */
  eligible: boolean;
}

export interface Problem {
  input: AllocationInput;
  apps: AllocationApplication[];
  menus: AllocationMenu[];
  menuIndex: Map<string, number>;
  /** Municipalities that have at least one application, in first-seen order. */
  municipalityIds: string[];
  appMunicipality: number[];
  /** Priority weight as given (for totals and explanations). */
  weight: number[];
  /** round(weight × 1000): coverage stage coefficient, integer so stage bounds are exact. */
  weight1000: number[];
  candidates: Candidate[];
  candidatesByApp: number[][];
  /** Include-locked applications must get one of their eligible candidates. */
  forced: boolean[];
  excluded: boolean[];
  /** The largest rank among all choices (K in the preference score). */
  maxRank: number;
}

const WEIGHT_SCALE = 1000;
const REVIEW_SCALE = 100;

function assertWholeNonNegative(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`allocation: ${what} must be a whole number ≥ 0 (got ${value})`);
  }
}

/** The engine's contract: whole 千円 and counts, so every stage objective is an integer. */
export function validateInput(input: AllocationInput): void {
  assertWholeNonNegative(input.budgetThousandYen, 'budgetThousandYen');
  assertWholeNonNegative(input.maxProjectsPerMunicipality, 'maxProjectsPerMunicipality');
  const menuIds = new Set<string>();
  for (const m of input.menus) {
    assertWholeNonNegative(m.capacity, `capacity of menu ${m.id}`);
    assertWholeNonNegative(m.costThousandYen, `cost of menu ${m.id}`);
    if (!(m.reviewScore >= 0 && m.reviewScore <= 5)) {
      throw new RangeError(`allocation: review score of menu ${m.id} must be within 0..5`);
    }
    if (menuIds.has(m.id)) throw new RangeError(`allocation: menu ${m.id} is listed twice`);
    menuIds.add(m.id);
  }
  const appIds = new Set<string>();
  for (const a of input.applications) {
    if (appIds.has(a.id)) throw new RangeError(`allocation: application ${a.id} is listed twice`);
    appIds.add(a.id);
    const chosen = new Set<string>();
    for (const c of a.choices) {
      if (!Number.isInteger(c.rank) || c.rank < 1) {
        throw new RangeError(`allocation: rank in application ${a.id} must be a whole number ≥ 1`);
      }
      if (chosen.has(c.menuId)) {
        throw new RangeError(`allocation: application ${a.id} chooses menu ${c.menuId} twice`);
      }
      chosen.add(c.menuId);
    }
  }
  for (const m of input.municipalities) {
    if (!(Number.isFinite(m.weight) && m.weight >= 0)) {
      throw new RangeError(`allocation: weight of municipality ${m.id} must be a finite number ≥ 0`);
    }
  }
}

export function prepareProblem(input: AllocationInput): Problem {
  validateInput(input);
  const menus = input.menus;
  const menuIndex = new Map(menus.map((m, i) => [m.id, i]));
  const givenWeight = new Map(input.municipalities.map((m) => [m.id, m.weight]));
  const municipalityIds: string[] = [];
  const municipalityIndex = new Map<string, number>();
  const appMunicipality = input.applications.map((a) => {
    let index = municipalityIndex.get(a.municipalityId);
    if (index === undefined) {
      index = municipalityIds.length;
      municipalityIds.push(a.municipalityId);
      municipalityIndex.set(a.municipalityId, index);
    }
    return index;
  });
  const weight = municipalityIds.map((id) => givenWeight.get(id) ?? 1);
  const maxRank = Math.max(0, ...input.applications.flatMap((a) => a.choices.map((c) => c.rank)));
  const candidateCount = input.applications.reduce((n, a) => n + a.choices.length, 0);
  const lotteryOrder = seededPermutation(candidateCount, input.seed);

  const candidates: Candidate[] = [];
  const candidatesByApp: number[][] = [];
  const forced: boolean[] = [];
  const excluded: boolean[] = [];
  input.applications.forEach((a, app) => {
    const lock = a.lock;
    excluded.push(lock?.kind === 'exclude');
    forced.push(lock?.kind === 'include');
    const lockedMenu = lock?.kind === 'include' ? lock.menuId : undefined;
    // Ranks in rank order, so "the first eligible candidate" is the most preferred one everywhere.
    const ordered = [...a.choices].sort((x, y) => x.rank - y.rank);
    const own: number[] = [];
    for (const choice of ordered) {
      const menu = menuIndex.get(choice.menuId);
      const index = candidates.length;
      const eligible =
        menu !== undefined &&
        lock?.kind !== 'exclude' &&
        (lockedMenu === undefined || lockedMenu === choice.menuId);
      const m = menu === undefined ? undefined : menus[menu]!;
      candidates.push({
        index,
        app,
        menu: menu ?? -1,
        rank: choice.rank,
        cost: m?.costThousandYen ?? 0,
        review100: Math.round((m?.reviewScore ?? 0) * REVIEW_SCALE),
        preference: maxRank + 1 - choice.rank,
        lottery: lotteryOrder[index]! + 1,
        eligible,
      });
      own.push(index);
    }
    candidatesByApp.push(own);
  });
  return {
    input,
    apps: input.applications,
    menus,
    menuIndex,
    municipalityIds,
    appMunicipality,
    weight,
    weight1000: weight.map((w) => Math.round(w * WEIGHT_SCALE)),
    candidates,
    candidatesByApp,
    forced,
    excluded,
    maxRank,
  };
}

export function selectionOf(problem: Problem, candidate: Candidate): Selection {
  const app = problem.apps[candidate.app]!;
  const menu = problem.menus[candidate.menu]!;
  return {
    applicationId: app.id,
    menuId: menu.id,
    rank: candidate.rank,
    costThousandYen: menu.costThousandYen,
  };
}

/** Selections in application input order, so equal results compare equal. */
export function selectionsOf(problem: Problem, chosen: readonly number[]): Selection[] {
  return [...chosen]
    .sort((a, b) => problem.candidates[a]!.app - problem.candidates[b]!.app)
    .map((i) => selectionOf(problem, problem.candidates[i]!));
}

/** The stage objectives of a set of chosen candidates, in stage units and as the integers the solver compares. */
export function scoreOf(problem: Problem, chosen: readonly number[]) {
  const covered = new Set<number>();
  let preference = 0;
  let review100 = 0;
  let cost = 0;
  let lottery = 0;
  for (const i of chosen) {
    const c = problem.candidates[i]!;
    covered.add(problem.appMunicipality[c.app]!);
    preference += c.preference;
    review100 += c.review100;
    cost += c.cost;
    lottery += c.lottery;
  }
  let weight1000 = 0;
  let weight = 0;
  for (const m of covered) {
    weight1000 += problem.weight1000[m]!;
    weight += problem.weight[m]!;
  }
  return { covered: covered.size, weight, weight1000, preference, review100, cost, lottery };
}

export function totalsOf(problem: Problem, chosen: readonly number[]): AllocationTotals {
  const s = scoreOf(problem, chosen);
  return {
    projects: chosen.length,
    municipalities: s.covered,
    weightedMunicipalities: roundTo(s.weight, 6),
    costThousandYen: s.cost,
    rankScore: s.preference,
    reviewScore: s.review100 / REVIEW_SCALE,
  };
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const stageScales = { coverage: WEIGHT_SCALE, review: REVIEW_SCALE } as const;
