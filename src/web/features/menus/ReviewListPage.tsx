import { Link } from 'react-router';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { useMyReviews } from './api';
import { FiscalYearField, useFiscalYearParam } from './FiscalYearField';
import { formatScore, reviewStatusLabels, reviewStatusTones } from './labels';

/** A reviewer's assigned proposals of the year. */
export default function ReviewListPage() {
  const { t, pick } = useI18n();
  const [fiscalYearId, setFiscalYearId] = useFiscalYearParam();
  const reviews = useMyReviews(fiscalYearId);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('menus.reviews.mineTitle')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('menus.reviews.mineTitle') }]}
        description={t('menus.reviews.mineDescription')}
      />
      <FiscalYearField value={fiscalYearId} onChange={setFiscalYearId} />
      <QueryState query={reviews}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('menus.reviews.mineEmpty')} />
          ) : (
            <Table caption={t('menus.reviews.mineTitle')}>
              <THead>
                <tr>
                  <Th>{t('menus.field.title')}</Th>
                  <Th>{t('menus.company')}</Th>
                  <Th>{t('menus.status')}</Th>
                  <Th numeric>{t('menus.ranking.weightedTotal')}</Th>
                </tr>
              </THead>
              <TBody>
                {data.items.map(({ review, proposal }) => (
                  <Tr key={review.id}>
                    <Td>
                      <Link to={`/menus/proposals/${proposal.id}`} className="text-std-16B-170">
                        {proposal.title}
                      </Link>
                    </Td>
                    <Td>{proposal.organizationName}</Td>
                    <Td>
                      <Badge tone={reviewStatusTones[review.status]}>
                        {pick(reviewStatusLabels[review.status])}
                      </Badge>
                    </Td>
                    <Td numeric>{formatScore(review.weightedTotal)}</Td>
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
