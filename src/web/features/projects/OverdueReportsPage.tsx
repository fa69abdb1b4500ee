import { Link } from 'react-router';
import { reportStatusLabels } from '../../../shared/schemas/projects';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatYmd } from '../../lib/format';
import { useOverdueReports } from './api';

/** The prefecture's list of completion reports past their due date. */
export default function OverdueReportsPage() {
  const { t, pick, locale } = useI18n();
  const overdue = useOverdueReports();
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('projects.overdue.title')}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('projects.title'), to: '/projects' },
          { label: t('projects.overdue.title') },
        ]}
      />
      <QueryState query={overdue}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('projects.overdue.empty')} />
          ) : (
            <Table caption={t('projects.overdue.caption', { count: items.length })} dense>
              <THead>
                <tr>
                  <Th>{t('projects.municipality')}</Th>
                  <Th>{t('projects.projectTitle')}</Th>
                  <Th>{t('projects.company')}</Th>
                  <Th>{t('projects.reportDue')}</Th>
                  <Th numeric>{t('projects.overdue.daysOverdue')}</Th>
                  <Th>{t('projects.report')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((o) => (
                  <Tr key={o.projectId}>
                    <Td>{o.municipalityName}</Td>
                    <Td>
                      <Link to={`/projects/${o.projectId}`}>{o.title}</Link>
                    </Td>
                    <Td>{o.companyName}</Td>
                    <Td>{formatYmd(o.reportDueOn, locale)}</Td>
                    <Td numeric>{o.businessDaysOverdue}</Td>
                    <Td>{o.reportStatus ? pick(reportStatusLabels[o.reportStatus]) : t('projects.none')}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )
        }
      </QueryState>
    </div>
  );
}
