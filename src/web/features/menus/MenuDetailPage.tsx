import { useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear } from '../../lib/format';
import { useMenuDetail } from './api';
import { AdvisorCard, MenuFacts } from './parts';

/** A menu of the catalog: its facts, the company's advisors and past outcomes. */
export default function MenuDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const menu = useMenuDetail(id);
  return (
    <QueryState query={menu}>
      {(m) => (
        <div className="flex flex-col gap-8">
          <PageHeader
            title={m.title}
            breadcrumbs={[
              { label: t('nav.home'), to: '/' },
              { label: t('menus.catalog.title'), to: `/menus/catalog?fy=${m.fiscalYearId}` },
              { label: m.title },
            ]}
            meta={<span className="text-std-16N-170 text-solid-gray-700">{m.organizationName}</span>}
          />
          <Section title={t('menus.proposals.content')}>
            <MenuFacts menu={m} />
          </Section>
          <Section title={t('menus.field.advisors')}>
            {m.advisors.length === 0 ? (
              <EmptyState title={t('menus.catalog.noAdvisors')} isCompact />
            ) : (
              <div className="grid gap-4 md:grid-cols-2">
                {m.advisors.map((a) => (
                  <AdvisorCard key={a.userId} advisor={a} />
                ))}
              </div>
            )}
          </Section>
          <Section title={t('menus.catalog.pastOutcomes')}>
            {m.outcomeSummary && m.outcomeSummary.evaluations > 0 ? (
              <p>
                {t('menus.catalog.outcomeSummary', {
                  count: m.outcomeSummary.evaluations,
                  rate:
                    m.outcomeSummary.helpedRate === null
                      ? '—'
                      : `${Math.round(m.outcomeSummary.helpedRate * 100)}%`,
                  average:
                    m.outcomeSummary.avgSatisfaction === null
                      ? '—'
                      : m.outcomeSummary.avgSatisfaction.toFixed(1),
                })}
              </p>
            ) : m.pastOutcomes.length === 0 ? (
              <EmptyState title={t('menus.catalog.noOutcomes')} isCompact>
                {t('menus.catalog.noOutcomesBody')}
              </EmptyState>
            ) : (
              <Table caption={t('menus.catalog.pastOutcomes')} captionHidden>
                <THead>
                  <tr>
                    <Th>{t('menus.fiscalYear')}</Th>
                    <Th>{t('menus.catalog.municipality')}</Th>
                    <Th numeric>{t('menus.catalog.averageScore')}</Th>
                    <Th numeric>{t('menus.catalog.respondents')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {m.pastOutcomes.map((o) => (
                    <Tr key={`${o.fiscalYear}-${o.municipalityName}`}>
                      <Td>{formatFiscalYear(o.fiscalYear, locale)}</Td>
                      <Td>{o.municipalityName}</Td>
                      <Td numeric>{o.averageScore.toFixed(1)}</Td>
                      <Td numeric>{o.respondentCount}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>
        </div>
      )}
    </QueryState>
  );
}
