import { isPastDeadline } from '../../shared/deadlines';

/**
 * Rubric arithmetic for the review of support-menu proposals: a reviewer's weighted total on the
 * 1–5 scale, and the aggregate over reviewers (mean, spread) that orders the ranking. Pure.
 */
export interface WeightedCriterion {
  key: string;
  weight: number;
}

/** Σ(score × weight) / Σweight, rounded to 2 decimals; null unless every criterion is scored. */
export function weightedTotal(
  criteria: readonly WeightedCriterion[],
  scores: Record<string, number>,
): number | null {
  if (criteria.length === 0) return null;
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.key];
    if (s === undefined) return null;
    sum += s * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : round2(sum / weights);
}

/** The criteria a score set leaves unscored, in rubric order. */
export function missingCriteria(
  criteria: readonly WeightedCriterion[],
  scores: Record<string, number>,
): string[] {
  return criteria.filter((c) => scores[c.key] === undefined).map((c) => c.key);
}

export interface ReviewAggregate {
  /** Mean of the reviewers' weighted totals; null with no complete review. */
  mean: number | null;
  /** Max − min of the weighted totals; null with no complete review (0 with one). */
  spread: number | null;
  criterionMeans: Record<string, number>;
  count: number;
}

export function aggregateReviews(
  criteria: readonly WeightedCriterion[],
  reviews: readonly Record<string, number>[],
): ReviewAggregate {
  const totals = reviews.map((r) => weightedTotal(criteria, r)).filter((t): t is number => t !== null);
  const criterionMeans: Record<string, number> = {};
  for (const c of criteria) {
    const values = reviews.map((r) => r[c.key]).filter((v): v is number => v !== undefined);
    if (values.length > 0) criterionMeans[c.key] = round2(values.reduce((a, b) => a + b, 0) / values.length);
  }
  if (totals.length === 0) return { mean: null, spread: null, criterionMeans, count: 0 };
  return {
    mean: round2(totals.reduce((a, b) => a + b, 0) / totals.length),
    spread: round2(Math.max(...totals) - Math.min(...totals)),
    criterionMeans,
    count: totals.length,
  };
}

/**
 * Ranks by mean (highest first); unscored last; ties share a rank (1, 2, 2, 4) and keep the
 * given order, with the smaller spread (reviewers agree more) first.
 */
export function rankByMean<T extends { mean: number | null; spread: number | null }>(
  rows: readonly T[],
): (T & { rank: number })[] {
  const sorted = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const am = a.row.mean ?? Number.NEGATIVE_INFINITY;
      const bm = b.row.mean ?? Number.NEGATIVE_INFINITY;
      if (am !== bm) return bm - am;
      const as = a.row.spread ?? Number.POSITIVE_INFINITY;
      const bs = b.row.spread ?? Number.POSITIVE_INFINITY;
      if (as !== bs) return as - bs;
      return a.index - b.index;
    });
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach(({ row }, i) => {
    const prev = ranked[i - 1];
    const rank = prev && prev.mean === row.mean ? prev.rank : i + 1;
    ranked.push({ ...row, rank });
  });
  return ranked;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// The life of a proposal and its reviews
// ---------------------------------------------------------------------------------------------

export type ProposalState = 'draft' | 'submitted' | 'returned' | 'selected' | 'not_selected';
export type ProposalVerdict = 'selected' | 'not_selected' | 'needs_modification';
export type ReviewState = 'assigned' | 'submitted' | 'conflict';

/** The status a decision leaves a proposal in: "needs modification" returns it to the company. */
export function proposalStatusAfter(decision: ProposalVerdict): ProposalState {
  return decision === 'needs_modification' ? 'returned' : decision;
}

/** Selected and not selected are final: the review of such a proposal is over. */
export function isFinallyDecided(status: ProposalState): boolean {
  return status === 'selected' || status === 'not_selected';
}

/** Only a proposal the company has handed in can be decided (a returned one must come back first). */
export function isDecidable(status: ProposalState): boolean {
  return status !== 'draft' && status !== 'returned';
}

/**
 * Why a reviewer may not change their review (scores, comment, submission, conflict declaration),
 * or null when they may: a submitted or declined review is closed, and once the proposal is
 * finally decided no score may move, since the decision rests on the scores as they were.
 */
export function reviewChangeBlocker(
  review: ReviewState,
  proposal: ProposalState,
): 'review_closed' | 'proposal_decided' | null {
  if (review !== 'assigned') return 'review_closed';
  if (isFinallyDecided(proposal)) return 'proposal_decided';
  return null;
}

/**
 * Whether the company may still hand in a proposal: a draft before the deadline (or with none),
 * a returned one at any time (the prefecture asked for it).
 */
export function isOnTime(status: ProposalState, deadline: Date | null, now: Date): boolean {
  return status === 'returned' || !deadline || !isPastDeadline(deadline, now);
}

export interface ReviewForRanking {
  proposalId: string;
  status: ReviewState;
  scores: Record<string, number>;
}

/**
 * The ranking of a year: each proposal with the aggregate of its submitted reviews and how many
 * reviews were assigned, submitted and declined for a conflict of interest, best first.
 */
export function rankProposals<P extends { id: string }>(
  criteria: readonly WeightedCriterion[],
  proposals: readonly P[],
  reviews: readonly ReviewForRanking[],
) {
  const rows = proposals.map((proposal) => {
    const mine = reviews.filter((r) => r.proposalId === proposal.id);
    const submitted = mine.filter((r) => r.status === 'submitted');
    const agg = aggregateReviews(
      criteria,
      submitted.map((r) => r.scores),
    );
    return {
      proposal,
      mean: agg.mean,
      spread: agg.spread,
      criterionMeans: agg.criterionMeans,
      submittedReviews: submitted.length,
      assignedReviews: mine.length,
      conflicts: mine.filter((r) => r.status === 'conflict').length,
    };
  });
  return rankByMean(rows).map(({ mean, ...rest }) => ({ ...rest, weightedTotal: mean }));
}
