import { useState } from 'react';
import type { CoverageStatus } from '../../../shared/schemas/dashboards';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear, formatNumber } from '../../lib/format';
import { useCoverage } from './api';
import { type MapCategory, MunicipalityMap } from './MunicipalityMap';
import { BarChart, code5, DashboardHeader, ExportableSection, StatCard, YearSlider } from './parts';

const statusStyles: Record<CoverageStatus, Omit<MapCategory, 'key' | 'label'>> = {
  this_year: { colour: '#1f3f99' },
  past_two_years: { colour: '#7f9be0', pattern: 'hatch' },
  earlier: { colour: '#cdd9f5', pattern: 'dots' },
  never: { colour: '#ffffff', pattern: 'cross' },
};
const statuses: CoverageStatus[] = ['this_year', 'past_two_years', 'earlier', 'never'];

/**
 * Coverage: the map of support status with a year slider, progress toward "every municipality
 * within three years", support per year, and the municipality × year matrix (the map's table
 * alternative). A municipality sees its own row beside the prefecture's totals.
 */
export default function CoveragePage() {
  const { t, locale } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  const coverage = useCoverage(year);
  const name = (m: { name: string; nameEn: string }) => (locale === 'ja' ? m.name : m.nameEn);
  return (
    <div className="flex flex-col gap-10">
      <DashboardHeader
        title={t('dashboards.coverage')}
        description={t('dashboards.coveragePage.description')}
      />
      <QueryState query={coverage}>
        {(data) => {
          const categories = statuses.map((s) => ({
            key: s,
            label: t(`dashboards.coveragePage.status.${s}`),
            ...statusStyles[s],
          }));
          const byCode = new Map(data.municipalities.map((m) => [code5(m.code), m]));
          const fy = formatFiscalYear(data.fiscalYear, locale);
          return (
            <>
              <YearSlider years={data.fiscalYears} value={data.fiscalYear} onChange={setYear} />
              <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                <StatCard
                  label={t('dashboards.coveragePage.progress', {
                    from: formatFiscalYear(data.window.fromYear, locale),
                    to: formatFiscalYear(data.window.toYear, locale),
                  })}
                  value={t('dashboards.coveragePage.progressValue', {
                    supported: formatNumber(data.window.supported, locale),
                    total: formatNumber(data.window.total, locale),
                    share: `${Math.round(data.window.share * 1000) / 10}%`,
                  })}
                />
              </dl>
              <Section title={t('dashboards.map.title')}>
                <MunicipalityMap
                  id="coverage-map"
                  title={t('dashboards.map.label', { title: t('dashboards.coverage'), year: fy })}
                  categories={categories}
                  statusOf={(code) => {
                    const m = byCode.get(code);
                    return m
                      ? {
                          category: m.status,
                          name: name(m),
                          status: t(`dashboards.coveragePage.status.${m.status}`),
                        }
                      : undefined;
                  }}
                />
              </Section>
              <ExportableSection
                title={t('dashboards.coveragePage.yearsTitle')}
                table="coverage_years"
                fiscalYear={data.fiscalYear}
              >
                <BarChart
                  caption={t('dashboards.coveragePage.yearsCaption')}
                  labelHeader={t('dashboards.fiscalYear')}
                  valueHeader={t('dashboards.coveragePage.municipalities')}
                  max={data.municipalityCount}
                  rows={data.years.map((y) => ({
                    label: formatFiscalYear(y.fiscalYear, locale),
                    value: y.municipalities,
                    display: `${formatNumber(y.municipalities, locale)}（${formatNumber(y.projects, locale)}）`,
                  }))}
                />
                <p className="text-dns-16N-130">
                  {t('dashboards.coveragePage.municipalities')}（{t('dashboards.coveragePage.projects')}）
                </p>
              </ExportableSection>
              <ExportableSection
                title={t('dashboards.coveragePage.matrixTitle')}
                table="coverage"
                fiscalYear={data.fiscalYear}
              >
                <Table caption={t('dashboards.coveragePage.matrixCaption')} dense>
                  <THead>
                    <tr>
                      <Th>{t('dashboards.municipality')}</Th>
                      <Th>{t('dashboards.region')}</Th>
                      <Th>{t('dashboards.coveragePage.statusColumn', { year: fy })}</Th>
                      {data.fiscalYears.map((y) => (
                        <Th key={y} numeric>
                          {formatFiscalYear(y, locale)}
                        </Th>
                      ))}
                    </tr>
                  </THead>
                  <TBody>
                    {data.municipalities.map((m) => (
                      <Tr key={m.id}>
                        <Th scope="row" className="font-normal">
                          {name(m)}
                        </Th>
                        <Td>{locale === 'ja' ? m.regionName : m.regionNameEn}</Td>
                        <Td>{t(`dashboards.coveragePage.status.${m.status}`)}</Td>
                        {data.fiscalYears.map((y) => {
                          const n = m.projectsByYear.find((p) => p.fiscalYear === y)?.projects ?? 0;
                          return (
                            <Td key={y} numeric>
                              {n > 0 ? formatNumber(n, locale) : '—'}
                            </Td>
                          );
                        })}
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </ExportableSection>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
