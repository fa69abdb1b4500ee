import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { surveyAudiences, surveyKinds } from '../../../shared/schemas/surveys';
import { addDaysToYmd } from '../../../shared/fiscal-year';
import { urlQuery } from '../../api/typed-client';
import { Alert } from '../../components/Alert';
import { hasAnyRole, isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber, formatYmd } from '../../lib/format';
import { useFiscalYears } from '../fiscal-years/api';
import { type SurveyListFilter, useSurveyList } from './api';
import { CreateSurveyForm } from './CreateSurveyForm';
import { Section } from '../../components/Section';
import { responseStatusTones } from './labels';

const filterKeys = ['kind', 'audience', 'closingWeek', 'pending'] as const;

/**
 * The narrowing a link put in the address (the admin home's grouped task: the follow-ups closing
 * in one week that still wait for answers), said in words with a way back to the whole list.
 */
function FilterNotice({ filter }: { filter: Partial<Record<(typeof filterKeys)[number], string>> }) {
  const { t, locale } = useI18n();
  const parts: string[] = [];
  if (filter.kind && (surveyKinds as readonly string[]).includes(filter.kind))
    parts.push(t(`surveys.kinds.${filter.kind as (typeof surveyKinds)[number]}`));
  if (filter.audience && (surveyAudiences as readonly string[]).includes(filter.audience))
    parts.push(t(`surveys.audiences.${filter.audience as (typeof surveyAudiences)[number]}`));
  if (filter.closingWeek && /^\d{4}-\d{2}-\d{2}$/.test(filter.closingWeek))
    parts.push(
      t('surveys.filter.closingWeek', {
        from: formatYmd(filter.closingWeek, locale),
        to: formatYmd(addDaysToYmd(filter.closingWeek, 6), locale),
      }),
    );
  if (filter.pending === 'true') parts.push(t('surveys.filter.pending'));
  return (
    <Alert tone="info" title={t('surveys.filter.title')}>
      <p>{parts.join(t('surveys.filter.separator'))}</p>
      <p>
        <Link to="/surveys" className="underline">
          {t('surveys.filter.clear')}
        </Link>
      </p>
    </Alert>
  );
}

export default function SurveyListPage() {
  const { t, pick, locale } = useI18n();
  const [searchParams] = useSearchParams();
  const filterValues = Object.fromEntries(
    filterKeys.flatMap((key) => {
      const value = searchParams.get(key);
      return value ? [[key, value]] : [];
    }),
  );
  const isFiltered = Object.keys(filterValues).length > 0;
  const user = useCurrentUser();
  // Page-level text and the create form are not about one survey; each row's links come from its `can`.
  const isRespondent = hasAnyRole(user, ['municipality_staff', 'municipality_head']);
  const canCreate = isPrefectureAdmin(user);
  const years = useFiscalYears();
  const [fiscalYearId, setFiscalYearId] = useState('');
  const surveys = useSurveyList(
    fiscalYearId || undefined,
    urlQuery<'/api/surveys', 'get'>(filterValues) as SurveyListFilter,
  );

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
      {isFiltered && <FilterNotice filter={filterValues} />}
      <QueryState query={surveys}>
        {(items) => {
          // Whoever builds the surveys follows their response counts; the others see their own status.
          const showsResponseCounts = items.some((s) => s.can.edit);
          return items.length === 0 ? (
            <EmptyState title={t('surveys.empty')}>{t('surveys.description')}</EmptyState>
          ) : (
            <Table caption={t('surveys.tableCaption')}>
              <THead>
                <tr>
                  <Th>{t('surveys.name')}</Th>
                  <Th>{t('surveys.kind')}</Th>
                  <Th>{t('surveys.window')}</Th>
                  {showsResponseCounts ? (
                    <Th numeric>{t('surveys.responses')}</Th>
                  ) : (
                    <Th>{t('surveys.status')}</Th>
                  )}
                  <Th>{t('common.actions')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((s) => (
                  <Tr key={s.id}>
                    <Td>
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="text-std-16B-170">{pick(s.title)}</span>
                        {/* Only the prefecture is listed drafts: nobody else sees one until it is published. */}
                        {s.isDraft && <Badge tone="warning">{t('surveys.draft.badge')}</Badge>}
                      </span>
                    </Td>
                    <Td>{t(`surveys.kinds.${s.kind}`)}</Td>
                    <Td>
                      {formatDateTime(s.opensAt, locale)} 〜 {formatDateTime(s.closesAt, locale)}
                    </Td>
                    {showsResponseCounts ? (
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
                        {s.can.answer && (
                          <Link
                            to={`/surveys/${s.id}/answer`}
                            aria-label={`${t('surveys.open')}：${pick(s.title)}`}
                          >
                            {t('surveys.open')}
                          </Link>
                        )}
                        {s.can.edit && (
                          <Link
                            to={`/surveys/${s.id}/edit`}
                            aria-label={`${t('surveys.edit')}：${pick(s.title)}`}
                          >
                            {t('surveys.edit')}
                          </Link>
                        )}
                        {s.can.viewResults && (
                          <Link
                            to={`/surveys/${s.id}/results`}
                            aria-label={`${t('surveys.results')}：${pick(s.title)}`}
                          >
                            {t('surveys.results')}
                          </Link>
                        )}
                        {s.can.viewShared && (
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
          );
        }}
      </QueryState>
      {canCreate && years.data && (
        <Section title={t('surveys.builder.create')} boxed>
          <CreateSurveyForm years={years.data} surveys={surveys.data ?? []} />
        </Section>
      )}
    </div>
  );
}
