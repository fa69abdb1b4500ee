/** The allocation engine (支援先決定): pure, solver in WebAssembly, no I/O. */
export type {
  Counterfactual,
  Explanation,
  FullerChoiceCause,
  PriorityFactor,
  Reason,
  ReasonCode,
} from '../../../shared/allocation-reasons';
export { allocate, allocationStages, greedyAllocate } from './allocate';
export { type AllocationTask, allocateAndExplain, runAllocationTask } from './allocate-and-explain';
export { type ExplainOptions, explain } from './explain';
export { type PlannerInput, type PlannerResult, planCoverage } from './planner';
export {
  defaultPriorityWeights,
  type MunicipalityFacts,
  type PriorityWeights,
  priorityOf,
} from './priority';
export type {
  AllocationApplication,
  AllocationChoice,
  AllocationInput,
  AllocationLock,
  AllocationMenu,
  AllocationResult,
  AllocationStage,
  AllocationStageName,
  AllocationTotals,
  Selection,
} from './types';
