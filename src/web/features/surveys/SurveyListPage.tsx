import { useState } from 'react';
import { Link } from 'react-router';
import { hasAnyRole, isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useFiscalYears } from '../fiscal-years/api';
import { useSurveyList } from './api';
import { CreateSurveyForm } from './CreateSurveyForm';
import { Section } from '../../components/Section';
import { responseStatusTones } from './labels';

export default function SurveyListPage() {
  const { t, pick, locale } = useI18n();
  const user = useCurrentUser();
  const isAdmin = isPrefectureAdmin(user);
  const isRespondent = hasAnyRole(user, ['municipality_staff', 'municipality_head']);
  // Results are for the prefecture's own reviewers; a company or council reviewer sees the shared view.
  const isReviewer = hasAnyRole(user, ['reviewer']) && user.organization.kind === 'prefecture';
  const years = useFiscalYears();
  const [fiscalYearId, setFiscalYearId] = useState('');
  const surveys = useSurveyList(fiscalYearId || undefined);

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('surveys.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('surveys.title') }]}
        description={isRespondent ? t('surveys.descriptionMunicipality') : t('surveys.description')}
      />
      <Select
        label={t('surveys.fiscalYear')}
        value={fiscalYearId}
        onChange={(e) => setFiscalYearId(e.target.value)}
        className="max-w-80"
      >
        <option value="">{t('common.all')}</option>
        {(years.data ?? []).map((y) => (
          <option key={y.id} value={y.id}>
            {pick(y.label)}
          </option>
        ))}
      </Select>
      <QueryState query={surveys}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('surveys.empty')}>{t('surveys.description')}</EmptyState>
          ) : (
            <Table caption={t('surveys.tableCaption')}>
              <THead>
                <tr>
                  <Th>{t('surveys.name')}</Th>
                  <Th>{t('surveys.kind')}</Th>
                  <Th>{t('surveys.window')}</Th>
                  {isAdmin ? <Th numeric>{t('surveys.responses')}</Th> : <Th>{t('surveys.status')}</Th>}
                  <Th>{t('common.actions')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((s) => (
                  <Tr key={s.id}>
                    <Td>
                      <span className="text-std-16B-170">{pick(s.title)}</span>
                    </Td>
                    <Td>{t(`surveys.kinds.${s.kind}`)}</Td>
                    <Td>
                      {formatDateTime(s.opensAt, locale)} 〜 {formatDateTime(s.closesAt, locale)}
                    </Td>
                    {isAdmin ? (
                      <Td numeric>
                        {formatNumber(s.submittedCount, locale)} / {formatNumber(s.eligibleCount, locale)}
                      </Td>
                    ) : (
                      <Td>
                        {s.myStatus && (
                          <Badge tone={responseStatusTones[s.myStatus]}>
                            {t(`surveys.responseStatus.${s.myStatus}`)}
                          </Badge>
                        )}
                      </Td>
                    )}
                    <Td>
                      <div className="flex flex-wrap gap-3">
                        {isRespondent && (
                          <Link
                            to={`/surveys/${s.id}/answer`}
                            aria-label={`${t('surveys.open')}：${pick(s.title)}`}
                          >
                            {t('surveys.open')}
                          </Link>
                        )}
                        {isAdmin && (
                          <>
                            <Link
                              to={`/surveys/${s.id}/edit`}
                              aria-label={`${t('surveys.edit')}：${pick(s.title)}`}
                            >
                              {t('surveys.edit')}
                            </Link>
                            <Link
                              to={`/surveys/${s.id}/results`}
                              aria-label={`${t('surveys.results')}：${pick(s.title)}`}
                            >
                              {t('surveys.results')}
                            </Link>
                          </>
                        )}
                        {isReviewer && !isAdmin && (
                          <Link
                            to={`/surveys/${s.id}/results`}
                            aria-label={`${t('surveys.results')}：${pick(s.title)}`}
                          >
                            {t('surveys.results')}
                          </Link>
                        )}
                        {!isAdmin && !isRespondent && !isReviewer && s.isPublished && (
                          <Link
                            to={`/surveys/${s.id}/shared`}
                            aria-label={`${t('surveys.sharedView')}：${pick(s.title)}`}
                          >
                            {t('surveys.sharedView')}
                          </Link>
                        )}
                      </div>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )
        }
      </QueryState>
      {isAdmin && years.data && (
        <Section title={t('surveys.builder.create')} boxed>
          <CreateSurveyForm years={years.data} surveys={surveys.data ?? []} />
        </Section>
      )}
    </div>
  );
}
