import { describe, expect, it } from 'vitest';
import { runInWorker, WorkerTimeoutError } from './run-in-worker';

const spin = { name: 'spin-worker', source: new URL('./spin.worker.ts', import.meta.url) };

describe('runInWorker', () => {
  it('answers with what the worker computed', async () => {
    await expect(runInWorker(spin, { ms: 10 }, { timeoutMs: 20_000 })).resolves.toEqual({
      spins: true,
      doubled: 20,
    });
  });

  it('keeps this thread free while the worker burns CPU', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    try {
      await runInWorker(spin, { ms: 1_500 }, { timeoutMs: 20_000 });
    } finally {
      clearInterval(ticker);
    }
    // Blocked, the timer could not have fired at all during the 1.5 s of work.
    expect(ticks).toBeGreaterThan(10);
  });

  it('passes the worker’s error on, with its name', async () => {
    await expect(runInWorker(spin, { ms: 1, fail: true }, { timeoutMs: 20_000 })).rejects.toMatchObject({
      name: 'RangeError',
      message: 'asked to fail',
    });
  });

  it('stops a worker that runs past its time', async () => {
    await expect(runInWorker(spin, { ms: 30_000 }, { timeoutMs: 2_000 })).rejects.toBeInstanceOf(
      WorkerTimeoutError,
    );
  });
});
