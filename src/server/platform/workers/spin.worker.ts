import { serveWorkerTask } from './run-in-worker';

/** A worker for the tests of run-in-worker.ts: burns CPU for `ms`, then answers or throws. */
await serveWorkerTask((input: { ms: number; fail?: boolean }) => {
  const until = performance.now() + input.ms;
  let spins = 0;
  while (performance.now() < until) spins++;
  if (input.fail) throw new RangeError('asked to fail');
  return { spins: spins > 0, doubled: input.ms * 2 };
});
