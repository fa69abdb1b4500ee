/**
 * The municipalities' post-support evaluations (事後アンケート) of some projects, as counts that add
 * up: one menu's years, or every menu of a company, are the sum of their tallies. Pure; the projects
 * feature fills them from its evaluation rows, the menus feature reads them for the catalog and the
 * recommendation ranking (ADR 012).
 */

export interface OutcomeTally {
  /** Projects delivered (not cancelled), evaluated or not. */
  projects: number;
  /** Projects whose municipality answered the evaluation. */
  evaluations: number;
  /** Answers to "did it help solve the challenge?", and how many said yes ("partly" is not yes). */
  helpedAnswers: number;
  helpedYes: number;
  /** Satisfaction answers (1–5) and their sum. */
  satisfactionAnswers: number;
  satisfactionSum: number;
  /** Answers to "would you recommend this menu?", and how many said yes. */
  recommendAnswers: number;
  recommendYes: number;
}

export const emptyTally: OutcomeTally = {
  projects: 0,
  evaluations: 0,
  helpedAnswers: 0,
  helpedYes: 0,
  satisfactionAnswers: 0,
  satisfactionSum: 0,
  recommendAnswers: 0,
  recommendYes: 0,
};

/** One project as the tally counts it: `evaluated` once its municipality answered. */
export interface OutcomeRow {
  evaluated: boolean;
  helped: 'yes' | 'partly' | 'no' | null;
  /** 1–5 or null. */
  satisfaction: number | null;
  /** 1 = yes, 0 = no, null = not answered. */
  recommend: number | null;
}

export function tallyOf(rows: readonly OutcomeRow[]): OutcomeTally {
  const t = { ...emptyTally };
  for (const r of rows) {
    t.projects += 1;
    if (!r.evaluated) continue;
    t.evaluations += 1;
    if (r.helped !== null) {
      t.helpedAnswers += 1;
      if (r.helped === 'yes') t.helpedYes += 1;
    }
    if (r.satisfaction !== null) {
      t.satisfactionAnswers += 1;
      t.satisfactionSum += r.satisfaction;
    }
    if (r.recommend !== null) {
      t.recommendAnswers += 1;
      if (r.recommend === 1) t.recommendYes += 1;
    }
  }
  return t;
}

export function addTallies(tallies: readonly OutcomeTally[]): OutcomeTally {
  const t = { ...emptyTally };
  for (const x of tallies) for (const key of Object.keys(t) as (keyof OutcomeTally)[]) t[key] += x[key];
  return t;
}

/** What a page shows: how many evaluations, the share that said it helped / would recommend (0–1), mean satisfaction (1–5). */
export interface OutcomeSummary {
  projects: number;
  evaluations: number;
  helpedRate: number | null;
  avgSatisfaction: number | null;
  recommendRate: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function summarize(t: OutcomeTally): OutcomeSummary {
  return {
    projects: t.projects,
    evaluations: t.evaluations,
    helpedRate: t.helpedAnswers > 0 ? round2(t.helpedYes / t.helpedAnswers) : null,
    avgSatisfaction: t.satisfactionAnswers > 0 ? round2(t.satisfactionSum / t.satisfactionAnswers) : null,
    recommendRate: t.recommendAnswers > 0 ? round2(t.recommendYes / t.recommendAnswers) : null,
  };
}
