import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear } from '../../lib/format';
import { exportUrls, useBudgetReport } from './api';
import { ExportLinks, Num, Yen, YenChange } from './parts';

/** Budget, committed, spent and remaining per program and year, with the change from the year before. */
export default function BudgetPage() {
  const { t, locale } = useI18n();
  const report = useBudgetReport();
  const title = t('reports.budget.title');
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('reports.title'), to: '/reports' },
          { label: title },
        ]}
        description={t('reports.budget.description')}
        actions={<ExportLinks url={exportUrls.budget} />}
      />
      <QueryState query={report}>
        {(data) => (
          <Table caption={t('reports.budget.caption')} dense>
            <THead>
              <tr>
                <Th>{t('reports.fiscalYear')}</Th>
                <Th>{t('reports.program')}</Th>
                <Th numeric>{t('reports.budget.budget')}</Th>
                <Th numeric>{t('reports.budget.committed')}</Th>
                <Th numeric>{t('reports.budget.spent')}</Th>
                <Th numeric>{t('reports.budget.remaining')}</Th>
                <Th numeric>{t('reports.budget.units')}</Th>
                <Th numeric>{t('reports.budget.municipalities')}</Th>
                <Th numeric>{t('reports.budget.perMunicipality')}</Th>
                <Th numeric>{t('reports.budget.previous')}</Th>
                <Th numeric>{t('reports.budget.change')}</Th>
              </tr>
            </THead>
            <TBody>
              {data.rows.map((r) => (
                <Tr key={r.programId}>
                  <Td className="whitespace-nowrap">{formatFiscalYear(r.fiscalYear, locale)}</Td>
                  <Th scope="row">{locale === 'ja' ? r.programName : r.programNameEn}</Th>
                  <Td numeric>
                    <Yen value={r.budgetThousandYen} />
                  </Td>
                  <Td numeric>
                    <Yen value={r.committedThousandYen} />
                  </Td>
                  <Td numeric>
                    <Yen value={r.spentThousandYen} />
                  </Td>
                  <Td numeric>
                    <Yen value={r.remainingThousandYen} />
                  </Td>
                  <Td numeric>
                    <Num value={r.units} />
                    {r.unitsWithoutCost > 0 && (
                      <span className="block text-dns-14N-130 text-solid-gray-700">
                        {t('reports.budget.withoutCost', { count: r.unitsWithoutCost })}
                      </span>
                    )}
                  </Td>
                  <Td numeric>
                    <Num value={r.municipalities} />
                  </Td>
                  <Td numeric>
                    <Yen value={r.costPerMunicipalityThousandYen} />
                  </Td>
                  <Td numeric>
                    <Yen value={r.previousBudgetThousandYen} />
                  </Td>
                  <Td numeric>
                    <YenChange value={r.budgetChangeThousandYen} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </QueryState>
    </div>
  );
}
