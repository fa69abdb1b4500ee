/**
 * How many changes this process has made to the data. It moves after every API request that may
 * write (any method but GET, HEAD and OPTIONS; requestChanges in middleware.ts) and after every
 * background job (the job runner's `onJobFinished`). A snapshot taken at one count is still right
 * at the same count as far as this process's own writes go. On the embedded database this
 * process is the only writer (the DATA_DIR lock), so that is every write; with PostgreSQL other
 * processes write too, and a snapshot must not be trusted for longer than their delay allows.
 */
export interface ChangeCounter {
  readonly count: number;
  /** This process is the database's only writer: its count sees every change. */
  readonly isOnlyWriter: boolean;
  bump(): void;
}

export function createChangeCounter(options: { isOnlyWriter: boolean }): ChangeCounter {
  let count = 0;
  return {
    get count() {
      return count;
    },
    isOnlyWriter: options.isOnlyWriter,
    bump() {
      count++;
    },
  };
}
