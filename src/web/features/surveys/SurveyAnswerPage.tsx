import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import {
  type SurveyDetail,
  type SurveyResponse,
  responseCalls,
  surveysCalls,
  surveysKey,
  useMyResponse,
  useSurvey,
} from './api';
import { useCurrentUser } from '../../api/session';
import { useMunicipality } from '../municipalities/api';
import { type AnswerValue, type Answers, daysUntil } from './answer-model';
import { MaturityPanel } from './MaturityPanel';
import { type AnswerFormApi, SurveyAnswerForm } from './SurveyAnswerForm';
import { responseStatusTones } from './labels';

function Deadline({ survey }: { survey: SurveyDetail }) {
  const { t, locale } = useI18n();
  const now = new Date();
  const closed = new Date(survey.closesAt) <= now;
  const notOpen = new Date(survey.opensAt) > now;
  const days = daysUntil(survey.closesAt, now);
  return (
    <p className="flex flex-wrap items-center gap-2 text-std-16N-170">
      <span>{t('surveys.answer.deadline', { date: formatDateTime(survey.closesAt, locale) })}</span>
      {closed ? (
        <Badge tone="error">{t('surveys.answer.closed')}</Badge>
      ) : notOpen ? (
        <Badge tone="warning">{t('surveys.answer.notYetOpen')}</Badge>
      ) : days <= 0 ? (
        <Badge tone="warning">{t('surveys.answer.dueToday')}</Badge>
      ) : (
        <Badge tone="info">{t('surveys.answer.daysLeft', { days })}</Badge>
      )}
    </p>
  );
}

function ProxyNotice({ municipalityId }: { municipalityId: string }) {
  const { t, locale } = useI18n();
  const municipality = useMunicipality(municipalityId);
  const name = municipality.data ? (locale === 'ja' ? municipality.data.name : municipality.data.nameEn) : '';
  return (
    <Alert tone="info" title={t('surveys.answer.proxyFor', { municipality: name })}>
      {t('surveys.proxy.description')}
    </Alert>
  );
}

function AnswerBody({
  survey,
  response,
  municipalityId,
}: {
  survey: SurveyDetail;
  response: SurveyResponse;
  municipalityId?: string;
}) {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [submittedAt, setSubmittedAt] = useState<string | null>(
    response.status === 'submitted' ? response.submittedAt : null,
  );
  const now = new Date();
  const isClosed = new Date(survey.closesAt) <= now || new Date(survey.opensAt) > now;
  const formApi = useMemo<AnswerFormApi>(() => {
    const calls = responseCalls(survey.id, municipalityId);
    const common = {
      saveDraft: (answers: Record<string, AnswerValue>, version: number | null) =>
        calls.saveDraft({ version, answers }).then((r) => r.version ?? 0),
      reload: () => calls.read().then((r) => ({ answers: r.answers, version: r.version })),
    };
    // A proxy draft is submitted by the town itself, and starts from what the town has.
    const submitOwn = calls.submit;
    if (!submitOwn) return common;
    return {
      ...common,
      submit: async (answers, version) => {
        const saved = await submitOwn({ version, answers });
        setSubmittedAt(saved.submittedAt);
        await queryClient.invalidateQueries({ queryKey: surveysKey });
      },
      // Last year's answers are the town's own.
      prefill: () =>
        surveysCalls
          .prefill(survey.id)
          .then((r): Answers | null => (Object.keys(r.answers).length > 0 ? r.answers : null)),
    };
  }, [survey.id, municipalityId, queryClient]);

  return (
    <div className="flex flex-col gap-6">
      <Deadline survey={survey} />
      {municipalityId && <ProxyNotice municipalityId={municipalityId} />}
      {response.isProxyDraft && !municipalityId && response.status === 'draft' && (
        <Alert tone="warning" title={t('surveys.answer.proxiedNote')}>
          {t('surveys.answer.proxyBanner', { name: response.proxiedByName ?? '' })}
        </Alert>
      )}
      {submittedAt && (
        <Alert tone="success" isLive>
          {t('surveys.answer.submitted', { time: formatDateTime(submittedAt, locale) })}
        </Alert>
      )}
      {submittedAt && !municipalityId && survey.kind === 'needs' && user.organization.municipalityId && (
        <MaturityPanel
          surveyId={survey.id}
          municipalityId={user.organization.municipalityId}
          submittedAt={submittedAt}
        />
      )}
      <SurveyAnswerForm
        sections={survey.sections}
        initial={{ answers: response.answers, version: response.version }}
        api={formApi}
        isClosed={isClosed}
        submitLabel={
          response.isProxyDraft && !municipalityId
            ? t('surveys.answer.proxyConfirm')
            : submittedAt
              ? t('surveys.answer.resubmit')
              : t('surveys.answer.submit')
        }
        onSubmitted={() => window.scrollTo({ top: 0 })}
      />
    </div>
  );
}

/** Answering a survey as the respondent, or (with ?municipality=) a proxy draft by prefecture staff. */
export default function SurveyAnswerPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const municipalityId = search.get('municipality') ?? undefined;
  const { t, pick } = useI18n();
  const survey = useSurvey(id);
  const response = useMyResponse(id, municipalityId);
  const title = survey.data ? pick(survey.data.title) : t('surveys.title');
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('surveys.title'), to: '/surveys' },
          { label: title },
        ]}
        meta={
          response.data && (
            <Badge tone={responseStatusTones[response.data.status]}>
              {t(`surveys.responseStatus.${response.data.status}`)}
            </Badge>
          )
        }
      />
      <QueryState query={survey}>
        {(s) => (
          <QueryState query={response}>
            {(r) => <AnswerBody survey={s} response={r} municipalityId={municipalityId} />}
          </QueryState>
        )}
      </QueryState>
    </div>
  );
}
