import type { JobDefinition } from '../../platform/jobs/runner';
import { solveRunJobKind } from './applications.runs';
import type { ApplicationsService } from './applications.service';

/** Solving a queued allocation run: at most one retry, since a failure is usually in the input. */
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
  ];
}
