import { describe, expect, it } from 'vitest';
import { countBy, firstBy, groupBy } from './collections';

const rows = [
  { projectId: 'a', n: 1 },
  { projectId: 'b', n: 2 },
  { projectId: 'a', n: 3 },
];

describe('collections', () => {
  it('groupBy keeps every item, in order, under its key', () => {
    const groups = groupBy(rows, (r) => r.projectId);
    expect(groups.get('a')?.map((r) => r.n)).toEqual([1, 3]);
    expect(groups.get('b')?.map((r) => r.n)).toEqual([2]);
    expect(groups.get('c')).toBeUndefined();
  });

  it('firstBy answers what find would: the first item per key', () => {
    const firsts = firstBy(rows, (r) => r.projectId);
    expect(firsts.get('a')?.n).toBe(rows.find((r) => r.projectId === 'a')?.n);
    expect(firsts.get('b')?.n).toBe(2);
  });

  it('countBy counts per key', () => {
    expect([...countBy(rows, (r) => r.projectId)]).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});
