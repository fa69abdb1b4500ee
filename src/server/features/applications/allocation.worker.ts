import { type AllocationTask, runAllocationTask } from '../../domain/allocation';
import { serveWorkerTask } from '../../platform/workers/run-in-worker';

/**
 * The allocation solver's thread (see platform/workers/run-in-worker.ts): seconds of WebAssembly
 * per run, counterfactuals included, kept off the server's event loop. Imports only the pure
 * engine, so the worker starts fast and holds no database connection.
 */
await serveWorkerTask((task: AllocationTask) => runAllocationTask(task));
