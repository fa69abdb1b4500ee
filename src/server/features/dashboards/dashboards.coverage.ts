/** Coverage: which municipalities were supported when, and the three-year goal (ADR 014). */
import type { Coverage, CoverageStatus } from '../../../shared/schemas/dashboards';
import type { DashboardBase } from './dashboards.read-model';
import type { DashboardViewer } from './dashboards.policy';

/** Years of the goal "every municipality within three years": the selected year and the two before. */
export const coverageWindowYears = 3;

export function coverageStatusOf(years: ReadonlySet<number>, fiscalYear: number): CoverageStatus {
  if (years.has(fiscalYear)) return 'this_year';
  if (years.has(fiscalYear - 1) || years.has(fiscalYear - 2)) return 'past_two_years';
  for (const y of years) if (y < fiscalYear) return 'earlier';
  return 'never';
}

/** Years with support projects, for the year the page opens on. */
export function coverageYearsWithData(base: DashboardBase): number[] {
  return base.coverageYears;
}

export function computeCoverage(base: DashboardBase, fiscalYear: number, viewer: DashboardViewer): Coverage {
  const byMunicipality = new Map<string, Map<number, number>>();
  for (const row of base.coverage) {
    const years = byMunicipality.get(row.municipalityId) ?? new Map<number, number>();
    byMunicipality.set(row.municipalityId, years);
    years.set(row.fiscalYear, (years.get(row.fiscalYear) ?? 0) + row.projects);
  }
  const known = new Set(base.municipalities.map((m) => m.id));
  const fiscalYears = [...new Set([...base.fiscalYears, ...coverageYearsWithData(base)])].sort(
    (a, b) => a - b,
  );
  const years = fiscalYears.map((y) => {
    let municipalities = 0;
    let projects = 0;
    for (const [id, perYear] of byMunicipality) {
      const n = perYear.get(y) ?? 0;
      if (n > 0 && known.has(id)) {
        municipalities++;
        projects += n;
      }
    }
    return { fiscalYear: y, municipalities, projects };
  });
  const fromYear = fiscalYear - (coverageWindowYears - 1);
  let supported = 0;
  for (const m of base.municipalities) {
    const perYear = byMunicipality.get(m.id);
    if (perYear && [...perYear.keys()].some((y) => y >= fromYear && y <= fiscalYear)) supported++;
  }
  const total = base.municipalities.length;
  const visible =
    viewer.kind === 'municipality'
      ? base.municipalities.filter((m) => m.id === viewer.municipalityId)
      : base.municipalities;
  return {
    fiscalYear,
    fiscalYears,
    detail: viewer.kind === 'municipality' ? 'own' : 'all',
    municipalityCount: total,
    municipalities: visible.map((m) => {
      const perYear = byMunicipality.get(m.id) ?? new Map<number, number>();
      return {
        ...m,
        status: coverageStatusOf(new Set(perYear.keys()), fiscalYear),
        projectsByYear: [...perYear]
          .sort((a, b) => a[0] - b[0])
          .map(([y, projects]) => ({ fiscalYear: y, projects })),
      };
    }),
    years,
    window: {
      fromYear,
      toYear: fiscalYear,
      supported,
      total,
      share: total === 0 ? 0 : Math.round((supported / total) * 1000) / 1000,
    },
  };
}
