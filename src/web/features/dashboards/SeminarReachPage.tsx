import { useState } from 'react';
import type { DashboardReachStatus } from '../../../shared/schemas/dashboards';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear, formatNumber } from '../../lib/format';
import { useSeminarReachDashboard } from './api';
import { MunicipalityMap } from './MunicipalityMap';
import { BarChart, code5, DashboardHeader, ExportableSection, StatCard, YearSlider } from './parts';

type Group = 'both' | 'headsOnly' | 'staffOnly' | 'neither';
const groupOf = (heads: DashboardReachStatus, staff: DashboardReachStatus): Group =>
  heads === 'reached' && staff === 'reached'
    ? 'both'
    : heads === 'reached'
      ? 'headsOnly'
      : staff === 'reached'
        ? 'staffOnly'
        : 'neither';
const groups: { key: Group; colour: string; pattern?: 'hatch' | 'dots' | 'cross' }[] = [
  { key: 'both', colour: '#1f3f99' },
  { key: 'headsOnly', colour: '#7f9be0', pattern: 'hatch' },
  { key: 'staffOnly', colour: '#cdd9f5', pattern: 'dots' },
  { key: 'neither', colour: '#ffffff', pattern: 'cross' },
];

/** Seminar reach by audience (heads, staff) on the map, by region and per municipality. */
export default function SeminarReachPage() {
  const { t, locale } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  const query = useSeminarReachDashboard(year);
  const statusText = (s: DashboardReachStatus) =>
    s === 'reached'
      ? t('dashboards.seminarsPage.reached')
      : s === 'registered_only'
        ? t('dashboards.seminarsPage.registeredOnly')
        : t('dashboards.seminarsPage.notReached');
  return (
    <div className="flex flex-col gap-10">
      <DashboardHeader
        title={t('dashboards.seminars')}
        description={t('dashboards.seminarsPage.description')}
      />
      <QueryState query={query}>
        {(data) => {
          const byCode = new Map(data.municipalities.map((m) => [code5(m.code), m]));
          const fy = formatFiscalYear(data.fiscalYear, locale);
          return (
            <>
              <YearSlider years={data.fiscalYears} value={data.fiscalYear} onChange={setYear} />
              <dl className="grid gap-3 sm:grid-cols-2">
                {(['heads', 'staff'] as const).map((a) => (
                  <StatCard
                    key={a}
                    label={t(`dashboards.seminarsPage.${a}`)}
                    value={t('dashboards.seminarsPage.summaryOf', {
                      audience: t(`dashboards.seminarsPage.${a}`),
                      reached: formatNumber(data.summary[a], locale),
                      total: formatNumber(data.summary.total, locale),
                    })}
                  />
                ))}
              </dl>
              <Section title={t('dashboards.map.title')}>
                <MunicipalityMap
                  id="seminar-map"
                  title={t('dashboards.map.label', { title: t('dashboards.seminars'), year: fy })}
                  categories={groups.map((g) => ({ ...g, label: t(`dashboards.seminarsPage.${g.key}`) }))}
                  statusOf={(code) => {
                    const m = byCode.get(code);
                    if (!m) return undefined;
                    const group = groupOf(m.heads, m.staff);
                    return {
                      category: group,
                      name: locale === 'ja' ? m.name : m.nameEn,
                      status: t(`dashboards.seminarsPage.${group}`),
                    };
                  }}
                />
              </Section>
              <ExportableSection
                title={t('dashboards.seminarsPage.regionsTitle')}
                table="seminars_regions"
                fiscalYear={data.fiscalYear}
              >
                <Table caption={t('dashboards.seminarsPage.regionsCaption')} dense>
                  <THead>
                    <tr>
                      <Th>{t('dashboards.region')}</Th>
                      <Th numeric>{t('dashboards.coveragePage.municipalities')}</Th>
                      <Th numeric>{t('dashboards.seminarsPage.heads')}</Th>
                      <Th numeric>{t('dashboards.seminarsPage.staff')}</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {data.byRegion.map((r) => (
                      <Tr key={r.regionName}>
                        <Th scope="row" className="font-normal">
                          {locale === 'ja' ? r.regionName : r.regionNameEn}
                        </Th>
                        <Td numeric>{formatNumber(r.municipalities, locale)}</Td>
                        <Td numeric>{formatNumber(r.heads, locale)}</Td>
                        <Td numeric>{formatNumber(r.staff, locale)}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
                <BarChart
                  caption={`${t('dashboards.seminarsPage.regionsCaption')}（${t('dashboards.seminarsPage.heads')}）`}
                  labelHeader={t('dashboards.region')}
                  valueHeader={t('dashboards.seminarsPage.heads')}
                  rows={data.byRegion.map((r) => ({
                    label: locale === 'ja' ? r.regionName : r.regionNameEn,
                    value: r.heads,
                  }))}
                />
              </ExportableSection>
              <ExportableSection
                title={t('dashboards.seminarsPage.tableTitle')}
                table="seminars"
                fiscalYear={data.fiscalYear}
              >
                <Table caption={t('dashboards.seminarsPage.tableCaption')} captionHidden dense>
                  <THead>
                    <tr>
                      <Th>{t('dashboards.municipality')}</Th>
                      <Th>{t('dashboards.region')}</Th>
                      <Th>{t('dashboards.seminarsPage.heads')}</Th>
                      <Th>{t('dashboards.seminarsPage.staff')}</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {data.municipalities.map((m) => (
                      <Tr key={m.id}>
                        <Th scope="row" className="font-normal">
                          {locale === 'ja' ? m.name : m.nameEn}
                        </Th>
                        <Td>{locale === 'ja' ? m.regionName : m.regionNameEn}</Td>
                        <Td>{statusText(m.heads)}</Td>
                        <Td>{statusText(m.staff)}</Td>
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
