import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useLeftBehind } from './api';
import { BarChart, DashboardHeader, ExportableSection, YearSlider } from './parts';

/**
 * 誰一人取り残さない: every municipality that support, seminars or the survey has not reached,
 * each reason, and the next action as a link to the page that starts it.
 */
export default function LeftBehindPage() {
  const { t, locale } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  const query = useLeftBehind(year);
  return (
    <div className="flex flex-col gap-10">
      <DashboardHeader
        title={t('dashboards.leftBehind')}
        description={t('dashboards.leftBehindPage.description')}
      />
      <QueryState query={query}>
        {(data) => (
          <>
            <YearSlider years={data.fiscalYears} value={data.fiscalYear} onChange={setYear} />
            {!data.surveyReasonsShown && (
              <Alert tone="info">{t('dashboards.leftBehindPage.surveyHidden')}</Alert>
            )}
            <Section title={t('dashboards.leftBehindPage.countsCaption')}>
              <BarChart
                caption={t('dashboards.leftBehindPage.countsCaption')}
                labelHeader={t('dashboards.leftBehindPage.reasons')}
                valueHeader={t('dashboards.count')}
                rows={data.counts.map((c) => ({
                  label: t(`dashboards.leftBehindPage.reasonShort.${c.kind}`),
                  value: c.count,
                }))}
              />
            </Section>
            <ExportableSection
              title={t('dashboards.leftBehindPage.tableCaption')}
              table="left_behind"
              exportLabel={t('dashboards.leftBehind')}
              fiscalYear={data.fiscalYear}
            >
              {data.entries.length === 0 ? (
                <p>{t('dashboards.leftBehindPage.empty')}</p>
              ) : (
                <Table caption={t('dashboards.leftBehindPage.tableCaption')} captionHidden dense>
                  <THead>
                    <tr>
                      <Th>{t('dashboards.municipality')}</Th>
                      <Th>{t('dashboards.region')}</Th>
                      <Th>{t('dashboards.leftBehindPage.reasons')}</Th>
                      <Th>{t('dashboards.leftBehindPage.actions')}</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {data.entries.map((e) => {
                      const name = locale === 'ja' ? e.municipality.name : e.municipality.nameEn;
                      return (
                        <Tr key={e.municipality.id}>
                          <Th scope="row" className="font-normal">
                            {name}
                          </Th>
                          <Td>{locale === 'ja' ? e.municipality.regionName : e.municipality.regionNameEn}</Td>
                          <Td>
                            <ul className="list-disc pl-5">
                              {e.reasons.map((r) => (
                                <li key={r.kind}>
                                  {t(`dashboards.leftBehindPage.reason.${r.kind}`, {
                                    level: r.level === null ? '' : formatNumber(r.level, locale),
                                  })}
                                </li>
                              ))}
                            </ul>
                          </Td>
                          <Td>
                            <ul className="flex flex-col gap-1">
                              {e.actions.map((a) => (
                                <li key={a.href}>
                                  <Link
                                    to={a.href}
                                    aria-label={t('dashboards.leftBehindPage.actionFor', {
                                      action: t(`dashboards.leftBehindPage.action.${a.kind}`),
                                      municipality: name,
                                    })}
                                  >
                                    {t(`dashboards.leftBehindPage.action.${a.kind}`)}
                                  </Link>
                                </li>
                              ))}
                            </ul>
                          </Td>
                        </Tr>
                      );
                    })}
                  </TBody>
                </Table>
              )}
            </ExportableSection>
          </>
        )}
      </QueryState>
    </div>
  );
}
