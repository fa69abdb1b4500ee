import type { ChangeCounter } from './changes';
import type { ServiceDeps } from './deps';

/**
 * Answers kept per key with the process's change count when they were computed (ADR 014). A kept
 * answer is given again while the count has not moved and it is younger than `maxAgeMs`; on the
 * embedded database this process is the only writer, so that is exact, and the age bounds what
 * follows the clock (a deadline's "days left"); with PostgreSQL other processes write too, and
 * the age (a second) is the delay they may see. A computation still running is shared by the
 * requests that arrive meanwhile. A failed one is not kept. `maxAgeMs` 0 keeps nothing (tests,
 * which also write to the database behind the app's back).
 *
 * The key must hold everything the answer depends on besides the data (who asks, with which
 * rights, which page): the caller checks permissions before asking, as for a fresh answer.
 * Kept answers are shared: callers must not change them.
 */
export interface SnapshotCache<T> {
  get(key: string, now: Date, compute: () => Promise<T>): Promise<T>;
}

export function createSnapshotCache<T>(
  changes: ChangeCounter,
  maxAgeMs: number,
  limit = 10_000,
): SnapshotCache<T> {
  const entries = new Map<string, { count: number; takenAt: number; value: Promise<T> }>();
  return {
    get(key, now, compute) {
      if (maxAgeMs <= 0) return compute();
      const count = changes.count;
      const at = now.getTime();
      const kept = entries.get(key);
      if (kept && kept.count === count && at >= kept.takenAt && at - kept.takenAt < maxAgeMs)
        return kept.value;
      const value = compute();
      entries.delete(key);
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      // The count read before computing: a write during the computation leaves this one stale at once.
      const entry = { count, takenAt: at, value };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
  };
}

/** A service's kept answers: its process's change count and the age main.ts chose for the engine. */
export function snapshotCacheFor<T>(deps: Pick<ServiceDeps, 'changes' | 'config'>): SnapshotCache<T> {
  return createSnapshotCache<T>(deps.changes, deps.config.snapshotMaxAgeMs ?? 0);
}
