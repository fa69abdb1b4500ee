/**
 * A municipality's own profile: its needs-survey answers summarised (maturity per area, areas
 * where it wants help), its applications and support projects, and the seminars its heads and
 * staff attended, year by year. Beside each of its figures stands the prefecture's ANONYMISED
 * figure: a mean or a share over all municipalities, never another municipality's name or value.
 * A mean over fewer than three respondents is not shown (with two, the town could work out the
 * other's answer from its own).
 */
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import type { MunicipalityProfile, ProfileYear } from '../../../shared/schemas/reports';
import { applicationStatusLabels, supportProjectStatusLabels } from '../../../shared/schemas/applications';
import type { RequestContext } from '../../platform/context';
import { requireActor } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { reportsPolicy as policy } from './reports.policy';
import { findFiscalYears, findMunicipalities } from './reports.repository';
import type { ReportsModuleDeps, ReportTable } from './reports.types';

/** Fewest respondents a prefecture mean is shown for (ADR 015). */
export const minimumRespondentsForAverage = 3;

const round2 = (n: number) => Math.round(n * 100) / 100;
function mean(values: number[]): number | null {
  if (values.length < minimumRespondentsForAverage) return null;
  return round2(values.reduce((a, b) => a + b, 0) / values.length);
}

/** The profile as tables (one per subject), Japanese headers: the workbook and the CSV. */
export function profileTables(profile: MunicipalityProfile): ReportTable[] {
  const yes = (b: boolean) => (b ? '○' : '');
  const m = profile.municipality;
  return [
    {
      name: '成熟度',
      columns: [
        { header: '年度', key: 'year', width: 8 },
        { header: '市町村', key: 'municipality', width: 14 },
        { header: '分野', key: 'area', width: 34 },
        { header: '成熟度', key: 'level', width: 10 },
        { header: '県内平均', key: 'average', width: 10 },
        { header: '支援希望', key: 'help', width: 10 },
      ],
      rows: profile.years.flatMap((y) => [
        {
          year: y.fiscalYear,
          municipality: m.name,
          area: '総合',
          level: y.survey.overallLevel,
          average: y.survey.prefectureOverallAverage,
          help: '',
        },
        ...y.survey.areas.map((a) => ({
          year: y.fiscalYear,
          municipality: m.name,
          area: challengeAreaLabels[a.area].ja,
          level: a.level,
          average: a.prefectureAverage,
          help: yes(y.survey.helpWantedAreas.includes(a.area)),
        })),
      ]),
    },
    {
      name: '申込・支援',
      columns: [
        { header: '年度', key: 'year', width: 8 },
        { header: '区分', key: 'kind', width: 10 },
        { header: '内容', key: 'title', width: 40 },
        { header: '支援企業', key: 'company', width: 30 },
        { header: '状態', key: 'status', width: 12 },
      ],
      rows: profile.years.flatMap((y) => [
        ...y.applications.map((a) => ({
          year: y.fiscalYear,
          kind: '申込',
          title: `希望メニュー${a.menuCount}件`,
          company: '',
          status: applicationStatusLabels[a.status as keyof typeof applicationStatusLabels]?.ja ?? a.status,
        })),
        ...y.supportProjects.map((p) => ({
          year: y.fiscalYear,
          kind: '支援',
          title: p.title,
          company: p.companyName,
          status:
            supportProjectStatusLabels[p.status as keyof typeof supportProjectStatusLabels]?.ja ?? p.status,
        })),
      ]),
    },
    {
      name: 'セミナー',
      columns: [
        { header: '年度', key: 'year', width: 8 },
        { header: '対象', key: 'audience', width: 18 },
        { header: '申込', key: 'registered', width: 8 },
        { header: '出席', key: 'attended', width: 8 },
        { header: 'アーカイブ視聴', key: 'watched', width: 14 },
        { header: '到達', key: 'reached', width: 8 },
        { header: '県内の到達率（％）', key: 'share', width: 16 },
      ],
      rows: profile.years.flatMap((y) =>
        y.seminars.map((s) => ({
          year: y.fiscalYear,
          audience: s.audience === 'heads' ? '首長・副首長等' : '職員',
          registered: yes(s.registered),
          attended: yes(s.attended),
          watched: yes(s.watchedArchive),
          reached: yes(s.reached),
          share: Math.round(s.prefectureShare * 1000) / 10,
        })),
      ),
    },
  ];
}

export function createReportsProfile({ db, ports }: ReportsModuleDeps) {
  async function profile(ctx: RequestContext, municipalityId: string): Promise<MunicipalityProfile> {
    const actor = requireActor(ctx);
    // A town asking for another town's profile learns nothing, not even that the id exists (404),
    // as with survey maturity; companies and reviewers are refused outright (403).
    const own = policy.ownMunicipality(actor);
    if (own !== null && own !== municipalityId && !policy.canReadPrefectureReports(actor)) {
      throw new AppError('NOT_FOUND');
    }
    assertAllowed(policy.canReadProfile(actor, municipalityId));
    const prefectureId = actor.prefectureId;
    const municipalities = await findMunicipalities(db, prefectureId);
    const town = municipalities.find((m) => m.id === municipalityId);
    if (!town) throw new AppError('NOT_FOUND');

    const [years, projects, applications, reach] = await Promise.all([
      findFiscalYears(db, prefectureId),
      ports.support.supportProjects(prefectureId, { municipalityId }),
      ports.support.applicationsOf(prefectureId, municipalityId),
      ports.reach.reachOf(prefectureId, null),
    ]);
    const total = municipalities.length;

    const out: ProfileYear[] = [];
    for (const fy of [...years].sort((a, b) => b.year - a.year)) {
      const outcome = await ports.needs.needsSurveyOutcome(prefectureId, fy.id);
      const profiles = outcome?.profiles ?? [];
      const mine = profiles.find((p) => p.municipalityId === municipalityId) ?? null;
      const averageOf = (area: ChallengeArea) =>
        mean(
          profiles.flatMap((p) => (p.maturityByArea[area] === undefined ? [] : [p.maturityByArea[area]!])),
        );
      const areas = challengeAreas
        .map((area) => ({
          area,
          level: mine?.maturityByArea[area] ?? null,
          prefectureAverage: averageOf(area),
        }))
        .filter((a) => a.level !== null || a.prefectureAverage !== null);
      const seminars = (['heads', 'staff'] as const).map((audience) => {
        const cell = reach.rows.find(
          (r) => r.fiscalYear === fy.year && r.audience === audience && r.municipality.id === municipalityId,
        );
        const reachedTowns = new Set(
          reach.rows
            .filter((r) => r.fiscalYear === fy.year && r.audience === audience && r.isReached)
            .map((r) => r.municipality.id),
        ).size;
        return {
          audience,
          registered: cell?.registered ?? false,
          attended: cell?.attended ?? false,
          watchedArchive: cell?.watchedArchive ?? false,
          reached: cell?.isReached ?? false,
          prefectureShare: total === 0 ? 0 : round2(reachedTowns / total),
        };
      });
      const year: ProfileYear = {
        fiscalYear: fy.year,
        survey: {
          asked: outcome !== null,
          submitted: mine !== null,
          overallLevel: mine?.overallLevel ?? null,
          prefectureOverallAverage: mean(
            profiles.flatMap((p) => (p.overallLevel === null ? [] : [p.overallLevel])),
          ),
          respondents: profiles.length,
          areas,
          helpWantedAreas: mine?.helpWantedAreas ?? [],
        },
        applications: applications
          .filter((a) => a.fiscalYearId === fy.id)
          .map((a) => ({
            id: a.id,
            status: a.status,
            menuCount: a.menuCount,
            submittedAt: a.submittedAt?.toISOString() ?? null,
          })),
        supportProjects: projects
          .filter((p) => p.fiscalYearId === fy.id)
          .map((p) => ({
            id: p.id,
            title: p.title,
            companyName: p.companyName,
            status: p.status,
            costThousandYen: p.costThousandYen,
          })),
        seminars,
      };
      const isEmpty =
        !year.survey.asked &&
        year.applications.length === 0 &&
        year.supportProjects.length === 0 &&
        seminars.every((s) => !s.registered && !s.reached && s.prefectureShare === 0);
      if (!isEmpty) out.push(year);
    }

    return {
      municipality: {
        id: town.id,
        code: town.code,
        name: town.name,
        nameEn: town.nameEn,
        regionName: town.regionName,
        regionNameEn: town.regionNameEn,
      },
      prefectureMunicipalityCount: total,
      years: out,
      generatedAt: ctx.now.toISOString(),
    };
  }

  return { municipalityProfile: profile };
}
