import { type ChallengeArea, challengeAreas } from '../../shared/challenge-areas';
import type { Answers, Section } from '../../shared/schemas/surveys';

/**
 * Maturity model (docs/maturity-model.md). Questions are "marked" for a challenge area:
 *  - a scale question (1–5) with `maturityArea`: the answer is the score;
 *  - a single-choice question with `maturityArea`: the chosen option's `score` (1–5);
 *  - a matrix question: each row with `maturityArea`, the row's answer (1–5) is the score.
 * An area's level is the mean of its scores, rounded half up to a whole level 1–5.
 * The overall level is the mean of the (unrounded) area means, rounded half up, and exists only
 * when at least half of the marked areas have a score — a mostly empty response gets no level.
 * Unanswered and hidden questions contribute nothing (they are not "level 1").
 */

export interface MaturityItem {
  area: ChallengeArea;
  questionKey: string;
  row: string | null;
  score: number;
}

export interface MaturityResult {
  byArea: Partial<Record<ChallengeArea, number>>;
  overall: number | null;
  /** Areas that have marked questions in the survey, answered or not. */
  markedAreas: ChallengeArea[];
  items: MaturityItem[];
}

function scaleScore(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

const roundHalfUp = (n: number) => Math.floor(n + 0.5);

export function scoreMaturity(sections: Section[], answers: Answers): MaturityResult {
  const items: MaturityItem[] = [];
  const marked = new Set<ChallengeArea>();
  for (const section of sections) {
    for (const q of section.questions) {
      const value = answers[q.key];
      if (q.type === 'matrix') {
        for (const row of q.rows) {
          if (!row.maturityArea) continue;
          marked.add(row.maturityArea);
          const cell =
            value && typeof value === 'object' && !Array.isArray(value) ? value[row.value] : undefined;
          const score = scaleScore(cell);
          if (score !== null)
            items.push({ area: row.maturityArea, questionKey: q.key, row: row.value, score });
        }
        continue;
      }
      if (!q.maturityArea) continue;
      marked.add(q.maturityArea);
      let score: number | null = null;
      if (q.type === 'scale') score = scaleScore(value);
      else if (q.type === 'single_choice' && typeof value === 'string') {
        score = q.options.find((o) => o.value === value)?.score ?? null;
      }
      if (score !== null) items.push({ area: q.maturityArea, questionKey: q.key, row: null, score });
    }
  }
  const means = new Map<ChallengeArea, number>();
  for (const area of challengeAreas) {
    const scores = items.filter((i) => i.area === area).map((i) => i.score);
    if (scores.length > 0) means.set(area, scores.reduce((a, b) => a + b, 0) / scores.length);
  }
  const byArea: Partial<Record<ChallengeArea, number>> = {};
  for (const [area, mean] of means) byArea[area] = roundHalfUp(mean);
  const markedAreas = challengeAreas.filter((a) => marked.has(a));
  const enough = markedAreas.length > 0 && means.size * 2 >= markedAreas.length;
  const overall = enough ? roundHalfUp([...means.values()].reduce((a, b) => a + b, 0) / means.size) : null;
  return { byArea, overall, markedAreas, items };
}
