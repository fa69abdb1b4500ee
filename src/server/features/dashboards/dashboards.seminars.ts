/** Seminar reach on the dashboards: heads and staff reached per municipality and region in a year. */
import type { DashboardReachStatus, SeminarDashboard } from '../../../shared/schemas/dashboards';
import type { ReachCell } from '../seminars/seminars.ports';
import type { DashboardViewer } from './dashboards.policy';
import type { DashboardBase } from './dashboards.read-model';

export function computeSeminarReach(
  base: Pick<DashboardBase, 'municipalities' | 'regions' | 'fiscalYears'>,
  cells: ReachCell[],
  fiscalYear: number,
  viewer: DashboardViewer,
): SeminarDashboard {
  const status = new Map<string, DashboardReachStatus>();
  for (const c of cells) {
    if (c.fiscalYear === fiscalYear) status.set(`${c.municipalityId}|${c.audience}`, c.status);
  }
  const rows = base.municipalities.map((m) => ({
    ...m,
    heads: status.get(`${m.id}|heads`) ?? ('none' as const),
    staff: status.get(`${m.id}|staff`) ?? ('none' as const),
  }));
  const reached = (s: DashboardReachStatus) => s === 'reached';
  const fiscalYears = [...new Set([...base.fiscalYears, ...cells.map((c) => c.fiscalYear)])].sort(
    (a, b) => a - b,
  );
  return {
    fiscalYear,
    fiscalYears,
    detail: viewer.kind === 'municipality' ? 'own' : 'all',
    municipalities:
      viewer.kind === 'municipality' ? rows.filter((r) => r.id === viewer.municipalityId) : rows,
    summary: {
      heads: rows.filter((r) => reached(r.heads)).length,
      staff: rows.filter((r) => reached(r.staff)).length,
      either: rows.filter((r) => reached(r.heads) || reached(r.staff)).length,
      total: rows.length,
    },
    byRegion: base.regions.map((region) => {
      const inRegion = rows.filter((r) => r.regionName === region.name);
      return {
        regionName: region.name,
        regionNameEn: region.nameEn,
        municipalities: inRegion.length,
        heads: inRegion.filter((r) => reached(r.heads)).length,
        staff: inRegion.filter((r) => reached(r.staff)).length,
      };
    }),
  };
}
