import type { Explanation } from '../../../shared/allocation-reasons';
import { allocate } from './allocate';
import { explain } from './explain';
import type { AllocationInput, AllocationResult } from './types';

/**
 * A run in two steps, so the prefecture reads the result at once: `solve` gives the optimum (with
 * the greedy baseline) and every application's reasons (under a millisecond); `counterfactuals`
 * then adds, for each application left out, what would have selected it — one or two re-solves
 * each, seconds in all at a prefecture's size.
 */
export type AllocationTask =
  | { step: 'solve'; input: AllocationInput }
  | { step: 'counterfactuals'; input: AllocationInput; result: AllocationResult };

export async function runAllocationTask(
  task: AllocationTask,
): Promise<{ result: AllocationResult; explanations: Explanation[] }> {
  if (task.step === 'solve') {
    const result = await allocate(task.input);
    return { result, explanations: await explain(task.input, result, { counterfactualsFor: [] }) };
  }
  const selected = new Set(task.result.selections.map((s) => s.applicationId));
  const leftOut = task.input.applications.filter((a) => !selected.has(a.id)).map((a) => a.id);
  return {
    result: task.result,
    explanations: await explain(task.input, task.result, { counterfactualsFor: leftOut }),
  };
}

/** Both steps at once (the demo seed, the benchmarks). */
export async function allocateAndExplain(
  input: AllocationInput,
): Promise<{ result: AllocationResult; explanations: Explanation[] }> {
  const result = await allocate(input);
  const explanations = await explain(input, result);
  return { result, explanations };
}
