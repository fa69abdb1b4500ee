import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/typed-client';
import { municipalityQueryKey } from '../municipalities/api';
import { useCall } from './api';
import { ApplicationForm } from './ApplicationForm';
import { RoundText, useProgramName } from './parts';

/** A new application draft; `?municipalityId=` when the prefecture drafts on a town's behalf. */
export default function ApplicationNewPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const municipalityId = params.get('municipalityId') ?? undefined;
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const call = useCall(id);
  // Only when drafting as proxy: the town's name for the notice above the form.
  const municipality = useQuery({
    queryKey: municipalityQueryKey(municipalityId ?? ''),
    queryFn: () =>
      apiClient.get('/api/municipalities/{id}', { params: { path: { id: municipalityId ?? '' } } }),
    enabled: municipalityId !== undefined,
  });
  const programName = useProgramName();
  const municipalityName = municipality.data
    ? locale === 'ja'
      ? municipality.data.name
      : municipality.data.nameEn
    : undefined;
  return (
    <div className="flex flex-col gap-8">
      <QueryState query={call}>
        {(data) => (
          <>
            <PageHeader
              title={t('applications.form.newTitle')}
              breadcrumbs={[
                { label: t('nav.home'), to: '/' },
                { label: t('applications.calls.title'), to: `/calls?fy=${data.fiscalYearId}` },
                { label: programName(data), to: `/calls/${data.id}` },
                { label: t('applications.form.newTitle') },
              ]}
              description={programName(data)}
            />
            {data.rounds.length > 0 && (
              <ul className="flex flex-col gap-1">
                {data.rounds.map((round) => (
                  <li key={round.index}>
                    <RoundText round={round} />
                  </li>
                ))}
              </ul>
            )}
            <Section title={t('applications.detail.content')} boxed>
              {(!municipalityId || municipality.data) && (
                <ApplicationForm
                  call={data}
                  municipalityId={municipalityId}
                  municipalityName={municipalityName}
                  onSaved={(saved) => navigate(`/applications/${saved.id}`)}
                />
              )}
            </Section>
          </>
        )}
      </QueryState>
    </div>
  );
}
