import { useState } from 'react';
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import { Alert } from '../../components/Alert';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear, formatNumber } from '../../lib/format';
import { useMaturity } from './api';
import { type MapCategory, MunicipalityMap } from './MunicipalityMap';
import { BarChart, code5, DashboardHeader, ExportLinks, ExportableSection, YearSlider } from './parts';

/** Level 1 lightest to 5 darkest: the order reads in greyscale; the number is in every label. */
const levelColours = ['#e6ecfa', '#b3c5ef', '#7f9be0', '#3f63c4', '#1a2f73'];
/** Text on a heatmap cell: white on the two darkest levels. */
const cellStyle = (mean: number | null) => {
  if (mean === null) return { backgroundColor: '#ffffff' };
  const i = Math.min(4, Math.max(0, Math.round(mean) - 1));
  return { backgroundColor: levelColours[i], color: i >= 3 ? '#ffffff' : '#1a1a1a' };
};

/** Maturity and needs: the levels on the map, their distribution, region × area, trends, per municipality. */
export default function MaturityPage() {
  const { t, locale, pick } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  const query = useMaturity(year);
  const area = (a: ChallengeArea) => pick(challengeAreaLabels[a]);
  return (
    <div className="flex flex-col gap-10">
      <DashboardHeader
        title={t('dashboards.maturity')}
        description={t('dashboards.maturityPage.description')}
      />
      <QueryState query={query}>
        {(data) => {
          if (data.fiscalYear === null) return <p>{t('dashboards.maturityPage.noSurvey')}</p>;
          const fy = formatFiscalYear(data.fiscalYear, locale);
          const categories: MapCategory[] = [
            ...levelColours.map((colour, i) => ({
              key: String(i + 1),
              label: t('dashboards.maturityPage.level', { level: i + 1 }),
              colour,
            })),
            {
              key: 'none',
              label: t('dashboards.maturityPage.noAnswer'),
              colour: '#ffffff',
              pattern: 'cross',
            },
          ];
          const byCode = new Map(data.municipalities.map((m) => [code5(m.code), m]));
          const regions = [...new Map(data.heatmap.map((h) => [h.regionName, h])).values()];
          return (
            <>
              <YearSlider years={data.fiscalYears} value={data.fiscalYear} onChange={setYear} />
              {data.detail === 'none' && <Alert tone="info">{t('dashboards.maturityPage.rowsHidden')}</Alert>}
              {data.municipalities.length > 0 && (
                <Section title={t('dashboards.map.title')}>
                  <MunicipalityMap
                    id="maturity-map"
                    title={t('dashboards.map.label', { title: t('dashboards.maturity'), year: fy })}
                    categories={categories}
                    statusOf={(code) => {
                      const m = byCode.get(code);
                      if (!m) return undefined;
                      const level = m.overallLevel;
                      return {
                        category: level === null ? 'none' : String(level),
                        name: locale === 'ja' ? m.name : m.nameEn,
                        status:
                          level !== null
                            ? t('dashboards.maturityPage.level', { level })
                            : m.answered
                              ? t('dashboards.maturityPage.noLevel')
                              : t('dashboards.maturityPage.noAnswer'),
                      };
                    }}
                  />
                </Section>
              )}
              <ExportableSection
                title={t('dashboards.maturityPage.distributionTitle')}
                table="maturity_trend"
                exportLabel={t('dashboards.maturityPage.trendTitle')}
                fiscalYear={data.fiscalYear}
              >
                <BarChart
                  caption={t('dashboards.maturityPage.distributionCaption')}
                  labelHeader={t('dashboards.maturityPage.overall')}
                  valueHeader={t('dashboards.count')}
                  rows={[
                    ...data.distribution.map((d) => ({
                      label: t('dashboards.maturityPage.level', { level: d.level }),
                      value: d.count,
                    })),
                    { label: t('dashboards.maturityPage.noLevel'), value: data.noLevel },
                    { label: t('dashboards.maturityPage.noAnswer'), value: data.notAnswered },
                  ]}
                />
              </ExportableSection>
              <Section title={t('dashboards.maturityPage.trendTitle')}>
                <BarChart
                  caption={t('dashboards.maturityPage.trendCaption')}
                  labelHeader={t('dashboards.fiscalYear')}
                  valueHeader={t('dashboards.maturityPage.meanOverall')}
                  max={5}
                  rows={data.trend.map((y) => ({
                    label: formatFiscalYear(y.fiscalYear, locale),
                    value: y.meanOverall ?? 0,
                    display: `${y.meanOverall ?? '—'}（${t('dashboards.maturityPage.answered')} ${formatNumber(y.answered, locale)}）`,
                  }))}
                />
              </Section>
              <Section
                title={t('dashboards.maturityPage.heatmapTitle')}
                actions={
                  data.heatmap.length > 0 ? (
                    <ExportLinks
                      table="maturity_heatmap"
                      label={t('dashboards.maturityPage.heatmapTitle')}
                      fiscalYear={data.fiscalYear}
                    />
                  ) : undefined
                }
              >
                {data.heatmap.length === 0 ? (
                  <p>{t('dashboards.maturityPage.heatmapHidden')}</p>
                ) : (
                  <Table caption={t('dashboards.maturityPage.heatmapCaption')} captionHidden dense>
                    <THead>
                      <tr>
                        <Th>{t('dashboards.region')}</Th>
                        {challengeAreas.map((a) => (
                          <Th key={a} numeric>
                            {area(a)}
                          </Th>
                        ))}
                      </tr>
                    </THead>
                    <TBody>
                      {regions.map((r) => (
                        <Tr key={r.regionName}>
                          <Th scope="row" className="font-normal">
                            {locale === 'ja' ? r.regionName : r.regionNameEn}
                          </Th>
                          {challengeAreas.map((a) => {
                            const cell = data.heatmap.find(
                              (h) => h.regionName === r.regionName && h.area === a,
                            );
                            const mean = cell?.meanLevel ?? null;
                            return (
                              <Td key={a} numeric style={cellStyle(mean)}>
                                {t('dashboards.maturityPage.heatmapCell', {
                                  mean: mean === null ? '—' : mean.toFixed(1),
                                  help: formatNumber(cell?.helpWanted ?? 0, locale),
                                })}
                              </Td>
                            );
                          })}
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                )}
              </Section>
              {data.municipalities.length > 0 && (
                <ExportableSection
                  title={t('dashboards.maturityPage.tableTitle')}
                  table="maturity"
                  fiscalYear={data.fiscalYear}
                >
                  <Table caption={t('dashboards.maturityPage.tableCaption')} captionHidden dense>
                    <THead>
                      <tr>
                        <Th>{t('dashboards.municipality')}</Th>
                        <Th>{t('dashboards.region')}</Th>
                        <Th numeric>{t('dashboards.maturityPage.overall')}</Th>
                        <Th>{t('dashboards.maturityPage.helpWanted')}</Th>
                      </tr>
                    </THead>
                    <TBody>
                      {data.municipalities.map((m) => (
                        <Tr key={m.id}>
                          <Th scope="row" className="font-normal">
                            {locale === 'ja' ? m.name : m.nameEn}
                          </Th>
                          <Td>{locale === 'ja' ? m.regionName : m.regionNameEn}</Td>
                          <Td numeric>
                            {m.overallLevel ??
                              (m.answered
                                ? t('dashboards.maturityPage.noLevel')
                                : t('dashboards.maturityPage.noAnswer'))}
                          </Td>
                          <Td>{m.helpWanted.map(area).join(locale === 'ja' ? '、' : ', ') || '—'}</Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                </ExportableSection>
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
