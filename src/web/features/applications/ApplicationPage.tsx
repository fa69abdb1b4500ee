import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Application, Call } from '../../../shared/schemas/applications';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DescriptionList } from '../../components/DescriptionList';
import { FormErrors } from '../../components/forms/FormErrors';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { applicationsCalls, useApplication, useCall, useInvalidateApplications } from './api';
import { ApplicationForm } from './ApplicationForm';
import { ApplicationStatusBadge, ChoiceList, ExplanationView, useProgramName } from './parts';

/** One application: its content, the edit while it is a draft, the next steps, and after publication the result. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const application = useApplication(id);
  return <QueryState query={application}>{(data) => <ApplicationLoaded application={data} />}</QueryState>;
}

function ApplicationLoaded({ application }: { application: Application }) {
  const call = useCall(application.callId);
  return (
    <QueryState query={call}>
      {(data) => <ApplicationView application={application} call={data} />}
    </QueryState>
  );
}

type Step = 'submit' | 'confirm' | 'withdraw';

function ApplicationView({ application, call }: { application: Application; call: Call }) {
  const { t, locale } = useI18n();
  const programName = useProgramName();
  const invalidate = useInvalidateApplications();
  const [done, setDone] = useState<Step | 'saved' | null>(null);
  const errors = useVersionedForm<object, Application>('application-steps');
  const step = useMutation({
    mutationFn: (which: Step) => applicationsCalls[which](application.id, application.version),
    onSuccess: async (_saved, which) => {
      errors.clear();
      setDone(which);
      await invalidate();
    },
    onError: (error) => {
      setDone(null);
      errors.onError(error);
    },
  });
  const title = t('applications.detail.title', { name: application.municipalityName });
  const doneText = {
    saved: t('applications.form.saved'),
    submit: t('applications.detail.submitted'),
    confirm: t('applications.detail.confirmed'),
    withdraw: t('applications.detail.withdrawn'),
  } as const;
  const period =
    application.desiredStartMonth || application.desiredEndMonth
      ? `${application.desiredStartMonth ?? ''}〜${application.desiredEndMonth ?? ''}`
      : t('applications.common.none');
  const hasSteps = application.can.submit || application.can.confirm || application.can.withdraw;
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('applications.calls.title'), to: `/calls?fy=${call.fiscalYearId}` },
          { label: programName(call), to: `/calls/${call.id}` },
          { label: title },
        ]}
        meta={<ApplicationStatusBadge status={application.status} />}
        description={programName(call)}
      />
      {done && (
        <Alert tone="success" isLive>
          {doneText[done]}
        </Alert>
      )}
      {application.status === 'awaiting_head' && (
        <Alert tone="info">{t('applications.detail.awaitingHead')}</Alert>
      )}
      {!application.result && application.status === 'submitted' && (
        <Alert tone="info">{t('applications.detail.noResult')}</Alert>
      )}
      {application.result && (
        <Section title={t('applications.detail.result')} boxed>
          <ExplanationView explanation={application.result} />
        </Section>
      )}
      {hasSteps && (
        <Section title={t('applications.detail.actions')} boxed>
          <FormErrors
            form={errors}
            onReload={() => {
              errors.resolveConflict();
              void invalidate();
            }}
          />
          {application.can.submit && (
            <p className="text-std-16N-170 text-solid-gray-700">{t('applications.detail.submitHint')}</p>
          )}
          <div className="flex flex-wrap items-center gap-3">
            {application.can.submit && (
              <Button
                onClick={() => step.mutate('submit')}
                isBusy={step.isPending && step.variables === 'submit'}
              >
                {t('applications.detail.submit')}
              </Button>
            )}
            {application.can.confirm && (
              <Button
                onClick={() => step.mutate('confirm')}
                isBusy={step.isPending && step.variables === 'confirm'}
              >
                {t('applications.detail.confirm')}
              </Button>
            )}
            {application.can.withdraw && (
              <ConfirmButton
                size="md"
                label={t('applications.detail.withdraw')}
                question={t('applications.detail.withdrawQuestion')}
                confirmLabel={t('applications.detail.withdrawConfirm')}
                onConfirm={() => step.mutate('withdraw')}
                isBusy={step.isPending && step.variables === 'withdraw'}
              />
            )}
          </div>
        </Section>
      )}
      <Section title={t('applications.detail.content')}>
        <DescriptionList
          items={[
            {
              term: t('applications.common.status'),
              value: <ApplicationStatusBadge status={application.status} />,
            },
            { term: t('applications.call.choices'), value: <ChoiceList choices={application.choices} /> },
            {
              term: t('applications.form.challenge'),
              value: <span className="whitespace-pre-wrap">{application.challenge}</span>,
            },
            { term: t('applications.detail.desiredPeriod'), value: period },
            {
              term: t('applications.detail.contact'),
              value: [application.contactName, application.contactEmail, application.contactPhone]
                .filter(Boolean)
                .join(' / '),
            },
            {
              term: t('applications.form.advisor'),
              value: application.preferredAdvisorName ?? t('applications.form.advisorNone'),
            },
            ...(application.proxiedByName
              ? [{ term: t('applications.detail.proxiedBy'), value: application.proxiedByName }]
              : []),
            ...(application.confirmedByName
              ? [{ term: t('applications.detail.confirmedBy'), value: application.confirmedByName }]
              : []),
            {
              term: t('applications.call.submittedAt'),
              value: application.submittedAt
                ? formatDateTime(application.submittedAt, locale)
                : t('applications.common.none'),
            },
          ]}
        />
      </Section>
      {application.can.update && (
        <Section title={t('applications.form.editTitle')} boxed>
          <ApplicationForm
            // A new version (after a save elsewhere) restarts the form with the stored values.
            key={application.version}
            call={call}
            application={application}
            onSaved={() => setDone('saved')}
          />
        </Section>
      )}
    </div>
  );
}
