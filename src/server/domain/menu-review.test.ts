import { describe, expect, it } from 'vitest';
import {
  aggregateReviews,
  isDecidable,
  isFinallyDecided,
  isOnTime,
  missingCriteria,
  proposalStatusAfter,
  rankByMean,
  rankProposals,
  reviewChangeBlocker,
  weightedTotal,
} from './menu-review';

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

describe('the life of a proposal and its reviews', () => {
  it('a decision sets the status; needs modification returns the proposal', () => {
    expect(proposalStatusAfter('selected')).toBe('selected');
    expect(proposalStatusAfter('not_selected')).toBe('not_selected');
    expect(proposalStatusAfter('needs_modification')).toBe('returned');
  });

  it('only handed-in proposals are decided; selected and not selected are final', () => {
    expect(isDecidable('draft')).toBe(false);
    expect(isDecidable('returned')).toBe(false);
    expect(isDecidable('submitted')).toBe(true);
    expect(isDecidable('selected')).toBe(true);
    expect(isFinallyDecided('selected')).toBe(true);
    expect(isFinallyDecided('not_selected')).toBe(true);
    expect(isFinallyDecided('returned')).toBe(false);
    expect(isFinallyDecided('submitted')).toBe(false);
  });

  it('a review changes only while it is open and the proposal is not finally decided', () => {
    expect(reviewChangeBlocker('assigned', 'submitted')).toBeNull();
    expect(reviewChangeBlocker('assigned', 'returned')).toBeNull();
    expect(reviewChangeBlocker('assigned', 'selected')).toBe('proposal_decided');
    expect(reviewChangeBlocker('assigned', 'not_selected')).toBe('proposal_decided');
    expect(reviewChangeBlocker('submitted', 'submitted')).toBe('review_closed');
    expect(reviewChangeBlocker('conflict', 'selected')).toBe('review_closed');
  });

  it('a draft is on time until the deadline; a returned proposal at any time', () => {
    const deadline = new Date('2024-04-19T08:00:00Z'); // 17:00 JST
    const before = new Date('2024-04-19T07:59:00Z');
    const after = new Date('2024-04-19T08:01:00Z');
    expect(isOnTime('draft', deadline, before)).toBe(true);
    expect(isOnTime('draft', deadline, after)).toBe(false);
    expect(isOnTime('draft', null, after)).toBe(true);
    expect(isOnTime('returned', deadline, after)).toBe(true);
  });

  it('ranks proposals by their submitted reviews only, counting assignments and conflicts', () => {
    const criteria = [
      { key: 'need', weight: 1 },
      { key: 'cost', weight: 1 },
    ];
    const ranked = rankProposals(
      criteria,
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      [
        { proposalId: 'a', status: 'submitted', scores: { need: 3, cost: 3 } },
        { proposalId: 'a', status: 'assigned', scores: { need: 5, cost: 5 } },
        { proposalId: 'b', status: 'submitted', scores: { need: 5, cost: 4 } },
        { proposalId: 'b', status: 'submitted', scores: { need: 4, cost: 4 } },
        { proposalId: 'b', status: 'conflict', scores: {} },
      ],
    );
    expect(ranked.map((r) => [r.proposal.id, r.rank, r.weightedTotal])).toEqual([
      ['b', 1, 4.25],
      ['a', 2, 3],
      ['c', 3, null],
    ]);
    expect(ranked[0]).toMatchObject({ submittedReviews: 2, assignedReviews: 3, conflicts: 1, spread: 0.5 });
    expect(ranked[1]).toMatchObject({ submittedReviews: 1, assignedReviews: 2, conflicts: 0 });
  });
});
