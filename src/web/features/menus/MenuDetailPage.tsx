import { useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear } from '../../lib/format';
import { useMenuDetail } from './api';
import { formatRate, formatSatisfaction } from './labels';
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
            {m.outcomeSummary === null ? (
              <EmptyState title={t('menus.catalog.noOutcomes')} isCompact>
                {t('menus.catalog.noOutcomesBody')}
              </EmptyState>
            ) : (
              <>
                <p>
                  {t('menus.catalog.outcomeSummary', {
                    projects: m.outcomeSummary.projects,
                    count: m.outcomeSummary.evaluations,
                    rate: formatRate(m.outcomeSummary.helpedRate),
                    average: formatSatisfaction(m.outcomeSummary.avgSatisfaction),
                    recommend: formatRate(m.outcomeSummary.recommendRate),
                  })}
                </p>
                <Table caption={t('menus.catalog.outcomesByYear')}>
                  <THead>
                    <tr>
                      <Th>{t('menus.fiscalYear')}</Th>
                      <Th numeric>{t('menus.catalog.projects')}</Th>
                      <Th numeric>{t('menus.catalog.evaluations')}</Th>
                      <Th numeric>{t('menus.catalog.helpedRate')}</Th>
                      <Th numeric>{t('menus.catalog.avgSatisfaction')}</Th>
                      <Th numeric>{t('menus.catalog.recommendRate')}</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {m.pastOutcomes.map((o) => (
                      <Tr key={o.fiscalYear}>
                        <Td>{formatFiscalYear(o.fiscalYear, locale)}</Td>
                        <Td numeric>{o.projects}</Td>
                        <Td numeric>{o.evaluations}</Td>
                        <Td numeric>{formatRate(o.helpedRate)}</Td>
                        <Td numeric>{formatSatisfaction(o.avgSatisfaction)}</Td>
                        <Td numeric>{formatRate(o.recommendRate)}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
                <p className="text-std-16N-170 text-solid-gray-700">
                  {t('menus.catalog.outcomesByYearHint')}
                </p>
              </>
            )}
          </Section>
        </div>
      )}
    </QueryState>
  );
}
