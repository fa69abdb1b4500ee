import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear, formatThousandYen } from '../../lib/format';
import { FiscalYearField, useFiscalYearParam } from '../menus/FiscalYearField';
import { useCalls } from './api';
import { CallStateBadge, RoundText, useProgramName } from './parts';

/** The calls of a fiscal year: state, rounds with their JST deadlines, and how many applied. */
export default function CallListPage() {
  const { t, locale } = useI18n();
  const [fiscalYearId, setFiscalYearId] = useFiscalYearParam();
  const calls = useCalls(fiscalYearId);
  const programName = useProgramName();
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('applications.calls.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('applications.calls.title') }]}
        description={t('applications.calls.description')}
      />
      <FiscalYearField value={fiscalYearId} onChange={setFiscalYearId} />
      <QueryState query={calls}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('applications.calls.empty')}>{t('applications.calls.emptyBody')}</EmptyState>
          ) : (
            <Table
              caption={t('applications.calls.caption', {
                year: formatFiscalYear(items[0]?.fiscalYear ?? 0, locale),
                count: items.length,
              })}
            >
              <THead>
                <tr>
                  <Th>{t('applications.calls.program')}</Th>
                  <Th>{t('applications.calls.state')}</Th>
                  <Th>{t('applications.calls.rounds')}</Th>
                  <Th numeric>{t('applications.calls.counts')}</Th>
                  <Th numeric>{t('applications.calls.budget')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((call) => {
                  const counts = Object.values(call.applicationCounts);
                  const total = counts.reduce((sum, n) => sum + n, 0);
                  const submitted =
                    (call.applicationCounts.submitted ?? 0) +
                    (call.applicationCounts.selected ?? 0) +
                    (call.applicationCounts.not_selected ?? 0);
                  return (
                    <Tr key={call.id}>
                      <Td>
                        <Link to={`/calls/${call.id}`} className="text-std-16B-170">
                          {programName(call)}
                        </Link>
                      </Td>
                      <Td>
                        <CallStateBadge call={call} />
                      </Td>
                      <Td>
                        {call.rounds.length === 0 ? (
                          t('applications.calls.noRounds')
                        ) : (
                          <ul className="flex flex-col gap-1">
                            {call.rounds.map((round) => (
                              <li key={round.index}>
                                <RoundText round={round} />
                              </li>
                            ))}
                          </ul>
                        )}
                      </Td>
                      <Td numeric>{t('applications.calls.countsValue', { submitted, total })}</Td>
                      <Td numeric>
                        {call.budgetThousandYen === null
                          ? t('applications.common.none')
                          : formatThousandYen(call.budgetThousandYen, locale)}
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          )
        }
      </QueryState>
    </div>
  );
}
