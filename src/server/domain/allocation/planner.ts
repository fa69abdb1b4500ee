/**
 * A multi-year coverage plan simple enough to explain on one slide: how many projects a year the
 * budget and the companies' capacity allow, and in which year each municipality would come up if
 * the never-supported go first and then the longest-ago supported. Deterministic.
 */
export interface PlannerInput {
  municipalities: { id: string; supportedYears: number[] }[];
  fromYear: number;
  budgetThousandYen: number;
  averageCostThousandYen: number;
  totalCapacity: number;
  maxProjectsPerMunicipality: number;
}

export interface PlannerResult {
  projectsPerYear: number;
  /** Years until every never-supported municipality has had its turn; null: never (0 projects a year). */
  yearsUntilAllSupported: number | null;
  /** One turn for every municipality, in order, at most projectsPerYear municipalities a year. */
  schedule: { year: number; municipalityIds: string[] }[];
  neverSupported: string[];
}

export function planCoverage(input: PlannerInput): PlannerResult {
  const affordable =
    input.averageCostThousandYen > 0
      ? Math.floor(input.budgetThousandYen / input.averageCostThousandYen)
      : Number.POSITIVE_INFINITY;
  const projectsPerYear = Math.max(0, Math.floor(Math.min(input.totalCapacity, affordable)));

  // Support given in or after the plan's first year does not count as "already supported".
  const lastSupport = input.municipalities.map((m) => {
    const past = m.supportedYears.filter((y) => y < input.fromYear);
    return { id: m.id, last: past.length === 0 ? null : Math.max(...past) };
  });
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const never = lastSupport.filter((m) => m.last === null).sort(byId);
  const supported = lastSupport
    .filter((m): m is { id: string; last: number } => m.last !== null)
    .sort((a, b) => a.last - b.last || byId(a, b));
  const neverSupported = never.map((m) => m.id);

  if (projectsPerYear === 0) {
    return {
      projectsPerYear,
      yearsUntilAllSupported: neverSupported.length === 0 ? 0 : null,
      schedule: [],
      neverSupported,
    };
  }
  // One project per municipality per year is enough to support it; the per-municipality limit
  // only caps how many a town may take, so it never lets more towns in.
  const order = [...never, ...supported].map((m) => m.id);
  const schedule: PlannerResult['schedule'] = [];
  for (let start = 0; start < order.length; start += projectsPerYear) {
    schedule.push({
      year: input.fromYear + schedule.length,
      municipalityIds: order.slice(start, start + projectsPerYear),
    });
  }
  return {
    projectsPerYear,
    yearsUntilAllSupported: Math.ceil(neverSupported.length / projectsPerYear),
    schedule,
    neverSupported,
  };
}
