/** Shapes of the allocation engine (支援先決定): who gets which support menu under budget, capacity and limits. */

export interface AllocationMenu {
  id: string;
  /** Engagements the company can deliver this year. */
  capacity: number;
  costThousandYen: number;
  /** 0..5, rubric mean; 0 = unreviewed. */
  reviewScore: number;
}

export interface AllocationChoice {
  menuId: string;
  /** 1 = first choice. */
  rank: number;
}

export type AllocationLock = { kind: 'include'; menuId?: string } | { kind: 'exclude' };

export interface AllocationApplication {
  id: string;
  municipalityId: string;
  /** Distinct menus, ranks 1..k. */
  choices: AllocationChoice[];
  /** Admin override: 'include' forces the application in (any of its choices, or exactly menuId if given); 'exclude' keeps it out. */
  lock?: AllocationLock | undefined;
}

export interface AllocationInput {
  budgetThousandYen: number;
  maxProjectsPerMunicipality: number;
  menus: AllocationMenu[];
  applications: AllocationApplication[];
  /** Priority weights from priorityOf; a municipality missing here weighs 1. */
  municipalities: { id: string; weight: number }[];
  /** Lottery seed (uint32), recorded by the caller so the draw can be replayed. */
  seed: number;
  /** Wall-clock limit for the whole lexicographic solve; 60 s when omitted. */
  timeLimitSeconds?: number;
}

export interface Selection {
  applicationId: string;
  menuId: string;
  rank: number;
  costThousandYen: number;
}

export interface AllocationTotals {
  projects: number;
  /** Municipalities with at least one selected application. */
  municipalities: number;
  /** Σ priority weight of those municipalities (the coverage objective). */
  weightedMunicipalities: number;
  costThousandYen: number;
  /** Σ (K + 1 − rank) over selections, K = the largest rank in the call (the preference objective). */
  rankScore: number;
  /** Σ review score of the selected menus (the review objective). */
  reviewScore: number;
}

export type AllocationStageName = 'coverage' | 'preference' | 'review' | 'cost' | 'lottery';

export interface AllocationStage {
  name: AllocationStageName;
  /** In the stage's own unit: weight, rank points, review points, 千円, lottery points. */
  objective: number;
  /** True when the stage was not solved because its objective cannot change the result (all coefficients 0). */
  skipped?: boolean;
}

export interface AllocationResult {
  /** 'infeasible' only through contradictory locks. */
  status: 'optimal' | 'time_limit' | 'infeasible';
  mipGap: number;
  solveMs: number;
  stages: AllocationStage[];
  selections: Selection[];
  totals: AllocationTotals;
  greedy: { selections: Selection[]; totals: AllocationTotals };
}
