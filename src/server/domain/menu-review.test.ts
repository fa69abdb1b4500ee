import { describe, expect, it } from 'vitest';
import { aggregateReviews, missingCriteria, rankByMean, weightedTotal } from './menu-review';

const rubric = [
  { key: 'need', weight: 30 },
  { key: 'effect', weight: 30 },
  { key: 'feasibility', weight: 20 },
  { key: 'cost', weight: 20 },
];

describe('menu review arithmetic', () => {
  it('weights the scores', () => {
    expect(weightedTotal(rubric, { need: 5, effect: 4, feasibility: 3, cost: 2 })).toBe(3.7);
    expect(weightedTotal(rubric, { need: 5, effect: 5, feasibility: 5, cost: 5 })).toBe(5);
  });
  it('gives no total while a criterion is unscored, and names it', () => {
    expect(weightedTotal(rubric, { need: 5, effect: 4, feasibility: 3 })).toBeNull();
    expect(missingCriteria(rubric, { need: 5, feasibility: 3 })).toEqual(['effect', 'cost']);
  });
  it('aggregates mean, spread and per-criterion means', () => {
    const agg = aggregateReviews(rubric, [
      { need: 5, effect: 5, feasibility: 5, cost: 5 },
      { need: 3, effect: 3, feasibility: 3, cost: 3 },
      { need: 4 },
    ]);
    expect(agg).toEqual({
      mean: 4,
      spread: 2,
      count: 2,
      criterionMeans: { need: 4, effect: 4, feasibility: 4, cost: 4 },
    });
    expect(aggregateReviews(rubric, [])).toEqual({ mean: null, spread: null, criterionMeans: {}, count: 0 });
  });
  it('ranks by mean, ties share a rank and the smaller spread comes first, unscored last', () => {
    const ranked = rankByMean([
      { id: 'a', mean: 3.5, spread: 1 },
      { id: 'none', mean: null, spread: null },
      { id: 'b', mean: 4.2, spread: 0.5 },
      { id: 'c', mean: 3.5, spread: 0.2 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 2],
      ['none', 4],
    ]);
  });
});
