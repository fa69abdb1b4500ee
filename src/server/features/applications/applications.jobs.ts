import type { JobDefinition } from '../../platform/jobs/runner';
import { counterfactualsJobKind, solveRunJobKind } from './applications.runs';
import type { ApplicationsService } from './applications.service';

/**
 * Solving a queued allocation run, then its counterfactuals: at most one retry each, since a
 * failure is usually in the input.
 */
export function applicationJobs(service: ApplicationsService): JobDefinition[] {
  return [
    {
      kind: solveRunJobKind,
      maxAttempts: 2,
      async run({ now, logger, payload }) {
        const runId = typeof payload.runId === 'string' ? payload.runId : null;
        if (runId) await service.solveRun({ now, logger }, runId);
      },
    },
    {
      kind: counterfactualsJobKind,
      maxAttempts: 2,
      async run({ now, logger, payload }) {
        const runId = typeof payload.runId === 'string' ? payload.runId : null;
        if (runId) await service.addCounterfactuals({ now, logger }, runId);
      },
    },
  ];
}
