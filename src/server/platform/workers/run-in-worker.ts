import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * CPU-heavy work (the allocation solver: seconds of WebAssembly) runs in a worker thread, so the
 * server's event loop keeps answering every other request meanwhile. One worker per task, ended
 * when the task ends: tasks are rare (an administrator's run), and a fresh worker cannot leak
 * state from one run into the next.
 *
 * A worker is a script of its own. Built (`npm run build`), it is `dist/server/<name>.js`, an
 * entry of scripts/build-server.mjs beside main.js; from source (tests, `npm run dev`), it is the
 * TypeScript file itself, loaded through tsx.
 */
export interface WorkerScript {
  /** The bundle's file name without .js, e.g. 'allocation-worker'. */
  name: string;
  /** The TypeScript source, as `new URL('./x.worker.ts', import.meta.url)` from its feature. */
  source: URL;
}

/** The worker to start: the bundle when built, else a bootstrap that loads the source through tsx. */
function locate(script: WorkerScript): { target: URL | string; isEval: boolean } {
  // Bundled, this module is inlined in dist/server/main.js, and the worker's bundle sits beside it.
  const bundled = new URL(`./${script.name}.js`, import.meta.url);
  if (fs.existsSync(fileURLToPath(bundled))) return { target: bundled, isEval: false };
  // Loader flags are not accepted in a worker's execArgv; tsx's API registers the same hooks.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.source.href)}); });`;
  return { target: bootstrap, isEval: true };
}

export class WorkerTimeoutError extends Error {
  constructor(ms: number) {
    super(`the worker did not finish within ${ms} ms and was stopped`);
    this.name = 'WorkerTimeoutError';
  }
}

/** Message shape every worker answers with (see `serveWorkerTask`). */
type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; error: { name: string; message: string } };

/** Runs one task in a fresh worker; rejects with the worker's error, or after `timeoutMs`. */
export function runInWorker<I, O>(
  script: WorkerScript,
  input: I,
  options: { timeoutMs: number },
): Promise<O> {
  const { target, isEval } = locate(script);
  return new Promise<O>((resolve, reject) => {
    const worker = new Worker(target, { eval: isEval, workerData: input });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new WorkerTimeoutError(options.timeoutMs))),
      options.timeoutMs,
    );
    worker.once('message', (answer: WorkerAnswer<O>) =>
      finish(() => {
        if (answer.ok) resolve(answer.value);
        else reject(Object.assign(new Error(answer.error.message), { name: answer.error.name }));
      }),
    );
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`the worker exited (code ${code}) without an answer`))),
    );
  });
}

/** The worker side: computes the answer from `workerData` and posts it back, errors included. */
export async function serveWorkerTask<I, O>(task: (input: I) => Promise<O> | O): Promise<void> {
  const { parentPort, workerData } = await import('node:worker_threads');
  if (!parentPort) throw new Error('serveWorkerTask must run inside a worker thread');
  try {
    const value = await task(workerData as I);
    parentPort.postMessage({ ok: true, value } satisfies WorkerAnswer<O>);
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    parentPort.postMessage({
      ok: false,
      error: { name: error.name, message: error.message },
    } satisfies WorkerAnswer<O>);
  }
}
