/**
 * Grouping rows by a key in one pass. Looking a project's activities up with `filter` inside a
 * loop over projects is quadratic: at national scale (6,000 projects, 50,000 activities) it held
 * the event loop for seconds.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The first item per key, as `find` would return it, in one pass. */
export function firstBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T> {
  const firsts = new Map<K, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!firsts.has(key)) firsts.set(key, item);
  }
  return firsts;
}

/** How many items fall under each key. */
export function countBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
