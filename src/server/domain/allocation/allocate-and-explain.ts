import type { Explanation } from '../../../shared/allocation-reasons';
import { allocate } from './allocate';
import { explain } from './explain';
import type { AllocationInput, AllocationResult } from './types';

/** A whole run: the optimum (with the greedy baseline) and every application's explanation. */
export async function allocateAndExplain(
  input: AllocationInput,
): Promise<{ result: AllocationResult; explanations: Explanation[] }> {
  const result = await allocate(input);
  const explanations = await explain(input, result);
  return { result, explanations };
}
