import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RunDetail } from '../../../shared/schemas/applications';
import { Alert } from '../../components/Alert';
import { Button, ButtonLink } from '../../components/Button';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DescriptionList } from '../../components/DescriptionList';
import { EmptyState } from '../../components/EmptyState';
import { FormErrors } from '../../components/forms/FormErrors';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Spinner } from '../../components/Spinner';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber, formatThousandYen } from '../../lib/format';
import { applicationsCalls, useCall, useInvalidateApplications, useRun } from './api';
import { isRunPending, withNote } from './helpers';
import {
  ApplicationStatusBadge,
  ExplanationView,
  formatSeconds,
  RunStatusBadge,
  TotalsTable,
  useProgramName,
  useFactorsText,
  useSolverStatusText,
  WeightsText,
} from './parts';

/** One allocation run: totals against the greedy baseline, the selections, every explanation, approve and publish. */
export default function RunPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  return <QueryState query={run}>{(data) => <RunView run={data} />}</QueryState>;
}

function RunView({ run }: { run: RunDetail }) {
  const { t, locale } = useI18n();
  const call = useCall(run.callId);
  const programName = useProgramName();
  const invalidate = useInvalidateApplications();
  const errors = useVersionedForm('run-steps');
  const [done, setDone] = useState<'approve' | 'publish' | null>(null);
  const step = useMutation({
    mutationFn: (which: 'approve' | 'publish') =>
      which === 'approve'
        ? applicationsCalls.approveRun(run.id, run.version)
        : applicationsCalls.publishRun(run.id, run.version),
    onSuccess: async (_r, which) => {
      errors.clear();
      setDone(which);
      await invalidate();
    },
    onError: (error) => {
      setDone(null);
      errors.onError(error);
    },
  });
  const title = t('applications.run.title', { label: run.label });
  const names = new Map(run.applications.map((a) => [a.applicationId, a]));
  const seconds = formatSeconds(run.solveMs, locale);
  const factorsText = useFactorsText();
  const solverText = useSolverStatusText();
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('applications.calls.title'), to: '/calls' },
          ...(call.data ? [{ label: programName(call.data), to: `/calls/${call.data.id}` }] : []),
          { label: t('applications.allocation.title'), to: `/calls/${run.callId}/allocation` },
          { label: run.label },
        ]}
        meta={<RunStatusBadge status={run.status} />}
        actions={
          <ButtonLink to={`/calls/${run.callId}/allocation`}>{t('applications.run.compareWith')}</ButtonLink>
        }
      />
      {isRunPending(run.status) && (
        <div role="status" className="flex flex-col gap-2">
          <Spinner label={t('applications.run.pending')} />
        </div>
      )}
      {run.status === 'failed' && (
        <Alert tone="error">{t('applications.run.failed', { error: run.error ?? '' })}</Alert>
      )}
      {done && (
        <Alert tone="success" isLive>
          {done === 'approve' ? t('applications.run.approved') : t('applications.run.published')}
        </Alert>
      )}
      <FormErrors
        form={errors}
        onReload={() => {
          errors.resolveConflict();
          void invalidate();
        }}
      />
      {run.counterfactualsPending && (
        <p role="status" className="text-sm">
          {t('applications.run.counterfactualsPending')}
        </p>
      )}
      {(run.status === 'done' || run.status === 'approved') && (
        <div className="flex flex-wrap items-center gap-3">
          {run.status === 'done' && run.solverStatus !== 'infeasible' && !run.counterfactualsPending && (
            <Button onClick={() => step.mutate('approve')} isBusy={step.isPending}>
              {t('applications.run.approve')}
            </Button>
          )}
          {run.status === 'approved' && (
            <ConfirmButton
              size="md"
              label={t('applications.run.publish')}
              question={t('applications.run.publishQuestion')}
              confirmLabel={t('applications.run.publishConfirm')}
              onConfirm={() => step.mutate('publish')}
              isBusy={step.isPending}
            />
          )}
        </div>
      )}
      <Section title={t('applications.run.summary')}>
        <DescriptionList
          items={[
            { term: t('applications.run.status'), value: <RunStatusBadge status={run.status} /> },
            {
              term: t('applications.run.solverStatus'),
              value: solverText(run.solverStatus),
            },
            {
              term: t('applications.run.gap'),
              value:
                run.mipGap === null
                  ? t('applications.common.none')
                  : `${formatNumber(Math.round(run.mipGap * 10000) / 100, locale)}%`,
            },
            {
              term: t('applications.run.solveTime'),
              value:
                seconds === null
                  ? t('applications.common.none')
                  : t('applications.common.secondsValue', { value: seconds }),
            },
            { term: t('applications.run.seed'), value: String(run.seed) },
            { term: t('applications.run.budget'), value: formatThousandYen(run.budgetThousandYen, locale) },
            { term: t('applications.run.weights'), value: <WeightsText weights={run.priorityWeights} /> },
            {
              term: t('applications.run.createdBy'),
              value: withNote(run.createdByName, formatDateTime(run.createdAt, locale), locale),
            },
          ]}
        />
      </Section>
      {run.totals && (
        <Section title={t('applications.run.totals')} description={t('applications.run.totalsDescription')}>
          <TotalsTable
            caption={t('applications.run.totalsCaption')}
            a={run.totals}
            b={run.greedyTotals}
            aLabel={t('applications.run.optimal')}
            bLabel={t('applications.run.greedy')}
          />
        </Section>
      )}
      {run.totals && (
        <Section title={t('applications.run.selections')}>
          {run.selections.length === 0 ? (
            <EmptyState title={t('applications.call.noApplications')} isCompact />
          ) : (
            <Table
              caption={t('applications.run.selectionsCaption', { count: run.selections.length })}
              captionHidden
              dense
            >
              <THead>
                <tr>
                  <Th>{t('applications.common.municipality')}</Th>
                  <Th>{t('applications.common.menu')}</Th>
                  <Th>{t('applications.common.company')}</Th>
                  <Th numeric>{t('applications.common.rank')}</Th>
                  <Th numeric>{t('applications.common.cost')}</Th>
                  <Th>{t('applications.run.inGreedy')}</Th>
                </tr>
              </THead>
              <TBody>
                {run.selections.map((s) => (
                  <Tr key={`${s.applicationId}-${s.menuId}`}>
                    <Th scope="row" className="text-std-16N-170">
                      <Link to={`/applications/${s.applicationId}`}>{s.municipalityName}</Link>
                    </Th>
                    <Td>{s.menuTitle}</Td>
                    <Td>{s.companyName}</Td>
                    <Td numeric>{t('applications.common.rankValue', { rank: s.rank })}</Td>
                    <Td numeric>{formatThousandYen(s.costThousandYen, locale)}</Td>
                    <Td>{s.inGreedy ? t('applications.common.yes') : t('applications.common.no')}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </Section>
      )}
      {run.explanations.length > 0 && (
        <Section
          title={t('applications.run.explanations')}
          description={t('applications.run.explanationsDescription')}
        >
          <ul className="flex flex-col gap-3">
            {run.explanations.map((e) => {
              const app = names.get(e.applicationId);
              const name = app?.municipalityName ?? e.applicationId;
              return (
                <li key={e.applicationId}>
                  <details className="rounded-8 border border-solid-gray-420 bg-white">
                    <summary className="flex cursor-pointer flex-wrap items-center gap-3 p-4 text-std-16B-170">
                      <span>{name}</span>
                      <ApplicationStatusBadge status={e.outcome} />
                      {e.menuTitle && <span className="text-std-16N-170">{e.menuTitle}</span>}
                      <span className="sr-only">{t('applications.run.showDetail', { name })}</span>
                    </summary>
                    <div className="border-t border-solid-gray-420 p-4">
                      {app && app.priorityFactors.length > 0 && (
                        <p className="mb-2 text-std-16N-170">
                          {t('applications.run.priorityFactors')}
                          {t('applications.common.colon')}
                          {withNote(
                            factorsText(app.priorityFactors),
                            formatNumber(app.priorityWeight, locale),
                            locale,
                          )}
                        </p>
                      )}
                      <ExplanationView explanation={e} />
                    </div>
                  </details>
                </li>
              );
            })}
          </ul>
        </Section>
      )}
    </div>
  );
}
