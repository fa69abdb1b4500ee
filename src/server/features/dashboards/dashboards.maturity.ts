/** Maturity and needs: levels per municipality, their distribution, the region × area heatmap, trends. */
import { challengeAreas } from '../../../shared/challenge-areas';
import type { MaturityDashboard } from '../../../shared/schemas/dashboards';
import type { NeedsSurveyInfo } from '../surveys/surveys.ports';
import { type DashboardViewer, dashboardsPolicy as policy } from './dashboards.policy';
import type { DashboardBase } from './dashboards.read-model';

const levels = [1, 2, 3, 4, 5] as const;
const mean = (xs: number[]) =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;

export function computeMaturity(
  base: DashboardBase,
  fiscalYear: number | null,
  surveys: NeedsSurveyInfo[],
  viewer: DashboardViewer,
): MaturityDashboard {
  const survey = surveys.find((s) => s.fiscalYear === fiscalYear);
  const fiscalYears = [...new Set([...surveys.map((s) => s.fiscalYear), ...base.needsYears])].sort(
    (a, b) => a - b,
  );
  const known = new Map(base.municipalities.map((m) => [m.id, m]));
  const ofYear = new Map(
    base.needs
      .filter((n) => n.fiscalYear === fiscalYear && known.has(n.municipalityId))
      .map((n) => [n.municipalityId, n]),
  );
  const rows = base.municipalities.map((m) => {
    const n = ofYear.get(m.id);
    return {
      ...m,
      answered: n !== undefined,
      overallLevel: n?.overallLevel ?? null,
      levels: (n?.maturityByArea ?? {}) as Record<string, number>,
      helpWanted: n?.helpWantedAreas ?? [],
    };
  });
  const answered = rows.filter((r) => r.answered);
  const detail = policy.canSeeSurveyRows(viewer, survey)
    ? 'all'
    : viewer.kind === 'municipality'
      ? 'own'
      : 'none';
  const visible =
    detail === 'all'
      ? rows
      : viewer.kind === 'municipality'
        ? rows.filter((r) => r.id === viewer.municipalityId)
        : [];
  const heatmap = policy.canSeeSurveyRegions(viewer, survey)
    ? base.regions.flatMap((region) => {
        const inRegion = answered.filter((r) => r.regionName === region.name);
        return challengeAreas.map((area) => ({
          regionName: region.name,
          regionNameEn: region.nameEn,
          area,
          meanLevel: mean(inRegion.flatMap((r) => (r.levels[area] === undefined ? [] : [r.levels[area]!]))),
          helpWanted: inRegion.filter((r) => r.helpWanted.includes(area)).length,
          answered: inRegion.length,
        }));
      })
    : [];
  const trend = fiscalYears.map((y) => {
    const results = base.needs.filter((n) => n.fiscalYear === y && known.has(n.municipalityId));
    const overall = results.flatMap((n) => (n.overallLevel === null ? [] : [n.overallLevel]));
    return {
      fiscalYear: y,
      answered: results.length,
      meanOverall: mean(overall),
      levels: levels.map((l) => overall.filter((o) => o === l).length),
    };
  });
  return {
    fiscalYear,
    fiscalYears,
    surveyId: survey && viewer.kind === 'prefecture' ? survey.id : null,
    detail,
    municipalities: visible,
    distribution: levels.map((level) => ({
      level,
      count: answered.filter((r) => r.overallLevel === level).length,
    })),
    noLevel: answered.filter((r) => r.overallLevel === null).length,
    notAnswered: rows.length - answered.length,
    heatmap,
    trend,
  };
}
