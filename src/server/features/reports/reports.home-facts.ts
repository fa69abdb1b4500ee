import { formatFiscalYear } from '../../../shared/fiscal-year';
import type { HomeFact } from '../../../shared/schemas/fiscal-years';
import type { HomeFactProvider } from '../home/home-tasks';
import { reportsPolicy as policy } from './reports.policy';
import type { ReportsService } from './reports.service';

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/**
 * A town's own summary on its home page (staff and head alike; for the head it is the page):
 * its overall maturity against the prefecture average in the latest needs survey it answered,
 * the support projects it received, and the seminars it attended — all from the municipality's
 * profile (reports.profile.ts), so the home page and /reports/my-profile never disagree.
 */
export const townSummaryFacts =
  (service: ReportsService): HomeFactProvider =>
  async ({ actor, request }) => {
    const town = policy.ownMunicipality(actor);
    if (!town) return [];
    const profile = await service.municipalityProfile(request, town);
    const href = '/reports/my-profile';
    const facts: HomeFact[] = [];

    const latest = profile.years.find((y) => y.survey.submitted && y.survey.overallLevel !== null);
    if (latest) {
      const level = latest.survey.overallLevel!;
      const average = latest.survey.prefectureOverallAverage;
      const yearJa = formatFiscalYear(latest.fiscalYear, 'ja');
      const yearEn = formatFiscalYear(latest.fiscalYear, 'en');
      facts.push({
        kind: 'town_maturity',
        label: { ja: 'DX成熟度（総合）', en: 'DX maturity (overall)' },
        value: { ja: `レベル${oneDecimal(level)}`, en: `Level ${oneDecimal(level)}` },
        detail:
          average === null
            ? { ja: `${yearJa}ニーズ調査の回答から`, en: `From the ${yearEn} needs survey` }
            : {
                ja: `県平均 ${oneDecimal(average)}（${yearJa}ニーズ調査、${latest.survey.respondents}市町村）`,
                en: `Prefecture average ${oneDecimal(average)} (${yearEn} needs survey, ${latest.survey.respondents} municipalities)`,
              },
        href,
      });
    }

    const projects = profile.years.flatMap((y) =>
      y.supportProjects.map((p) => ({ ...p, year: y.fiscalYear })),
    );
    const yearsSupported = [...new Set(projects.map((p) => p.year))].sort();
    facts.push({
      kind: 'town_support',
      label: { ja: '受けた支援', en: 'Support received' },
      value: { ja: `${projects.length}件`, en: `${projects.length} project(s)` },
      detail:
        yearsSupported.length === 0
          ? { ja: 'ICTアドバイザー派遣の支援はまだありません', en: 'No ICT advisor support yet' }
          : {
              ja: `${yearsSupported.map((y) => formatFiscalYear(y, 'ja')).join('・')}`,
              en: yearsSupported.map((y) => formatFiscalYear(y, 'en')).join(', '),
            },
      href,
    });

    const attended = profile.years.flatMap((y) =>
      y.seminars.filter((s) => s.attended || s.reached).map((s) => ({ ...s, year: y.fiscalYear })),
    );
    const audienceJa = { heads: '首長・副首長等', staff: '職員' } as const;
    const audienceEn = { heads: 'heads', staff: 'staff' } as const;
    facts.push({
      kind: 'town_seminars',
      label: { ja: 'DXセミナーへの参加', en: 'DX seminars attended' },
      value: { ja: `${attended.length}回`, en: `${attended.length}` },
      detail:
        attended.length === 0
          ? { ja: 'まだ参加の記録はありません', en: 'No attendance recorded yet' }
          : {
              ja: attended
                .map((s) => `${formatFiscalYear(s.year, 'ja')} ${audienceJa[s.audience]}`)
                .join('、'),
              en: attended
                .map((s) => `${formatFiscalYear(s.year, 'en')} ${audienceEn[s.audience]}`)
                .join(', '),
            },
      href,
    });
    return facts;
  };
