import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type Call, callPatchSchema } from '../../../shared/schemas/applications';
import { Alert } from '../../components/Alert';
import { Button, ButtonLink } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { DescriptionList } from '../../components/DescriptionList';
import { EmptyState } from '../../components/EmptyState';
import { FormErrors } from '../../components/forms/FormErrors';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { formatDateTime, formatFiscalYear, formatThousandYen, formatYmdRange } from '../../lib/format';
import { useMunicipalities } from '../municipalities/api';
import { applicationsCalls, useCall, useCallApplications, useInvalidateApplications } from './api';
import {
  ApplicationsTable,
  CallStateBadge,
  useProgramName,
  WeightFields,
  WeightsText,
  weightsFromTexts,
  weightTexts,
} from './parts';

/** A call: its conditions and rounds, then what the caller may do, shown from the `can` abilities. */
export default function CallPage() {
  const { id = '' } = useParams();
  const call = useCall(id);
  return <QueryState query={call}>{(data) => <CallView call={data} />}</QueryState>;
}

function CallView({ call }: { call: Call }) {
  const { t, locale } = useI18n();
  const programName = useProgramName();
  const applications = useCallApplications(call.id, call.can.listApplications);
  const title = programName(call);
  const isAdminList = call.can.run;
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('applications.calls.title'), to: `/calls?fy=${call.fiscalYearId}` },
          { label: title },
        ]}
        meta={
          <>
            <CallStateBadge call={call} />
            <span>{formatFiscalYear(call.fiscalYear, locale)}</span>
          </>
        }
        actions={
          <>
            {call.can.apply && (
              <ButtonLink to={`/calls/${call.id}/apply`} variant="primary">
                {t('applications.call.apply')}
              </ButtonLink>
            )}
            {call.can.run && (
              <ButtonLink to={`/calls/${call.id}/allocation`}>{t('applications.call.allocation')}</ButtonLink>
            )}
            {call.can.plan && (
              <ButtonLink to={`/calls/${call.id}/planner`}>{t('applications.call.planner')}</ButtonLink>
            )}
          </>
        }
      />
      {call.publishedRunId && (
        <Alert tone="success">
          {t('applications.call.published')}
          {call.can.run && (
            <>
              {' '}
              <Link to={`/runs/${call.publishedRunId}`}>{t('applications.call.publishedRun')}</Link>
            </>
          )}
        </Alert>
      )}
      <Section title={t('applications.call.limits')}>
        <DescriptionList
          items={[
            {
              term: t('applications.calls.budget'),
              value:
                call.budgetThousandYen === null
                  ? t('applications.common.none')
                  : formatThousandYen(call.budgetThousandYen, locale),
            },
            {
              term: t('applications.call.maxChoices'),
              value: t('applications.call.maxChoicesValue', { count: call.maxChoices }),
            },
            {
              term: t('applications.call.maxProjects'),
              value: t('applications.call.maxProjectsValue', { count: call.maxProjectsPerMunicipality }),
            },
            {
              term: t('applications.call.headConfirmation'),
              value: call.headConfirmationRequired
                ? t('applications.call.headRequired')
                : t('applications.call.headNotRequired'),
            },
            { term: t('applications.call.weights'), value: <WeightsText weights={call.priorityWeights} /> },
          ]}
        />
        {call.can.update && <LimitsForm call={call} />}
      </Section>
      <Section title={t('applications.call.rounds')}>
        {call.rounds.length === 0 ? (
          <p>{t('applications.calls.noRounds')}</p>
        ) : (
          <Table caption={t('applications.call.roundsCaption')} captionHidden>
            <THead>
              <tr>
                <Th>{t('applications.call.round')}</Th>
                <Th>{t('applications.call.period')}</Th>
                <Th>{t('applications.call.closesAt')}</Th>
                <Th>{t('applications.call.roundState')}</Th>
              </tr>
            </THead>
            <TBody>
              {call.rounds.map((r) => (
                <Tr key={r.index}>
                  <Th scope="row">{r.index}</Th>
                  <Td>{formatYmdRange(r.startsOn, r.endsOn, locale)}</Td>
                  <Td>{formatDateTime(r.closesAt, locale)}</Td>
                  <Td>{r.open ? t('applications.call.roundOpenNow') : t('applications.call.roundClosed')}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
      {call.can.listApplications && (
        <Section
          title={isAdminList ? t('applications.call.allApplications') : t('applications.call.myApplications')}
        >
          <QueryState query={applications}>
            {(items) =>
              items.length === 0 ? (
                <EmptyState title={t('applications.call.noApplications')} isCompact />
              ) : (
                <ApplicationsTable
                  items={items}
                  caption={t('applications.call.applicationsCaption', { count: items.length })}
                />
              )
            }
          </QueryState>
        </Section>
      )}
      {call.can.applyAsProxy && <ProxyStart call={call} />}
    </div>
  );
}

/** The admin picks a municipality and goes to the application form drafting on its behalf. */
function ProxyStart({ call }: { call: Call }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const municipalities = useMunicipalities({});
  const [municipalityId, setMunicipalityId] = useState('');
  const form = useVersionedForm('proxy');
  return (
    <Section
      title={t('applications.call.proxyTitle')}
      description={t('applications.call.proxyDescription')}
      boxed
    >
      <form
        noValidate
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!municipalityId) {
            form.showFields([
              {
                path: ['municipalityId'],
                code: 'required',
                ja: '市町村を選んでください。',
                en: 'Choose a municipality.',
              },
            ]);
            return;
          }
          navigate(`/calls/${call.id}/apply?municipalityId=${encodeURIComponent(municipalityId)}`);
        }}
      >
        <FormErrors form={form} />
        <Select
          id={form.id(['municipalityId'])}
          label={t('applications.call.proxyMunicipality')}
          value={municipalityId}
          onChange={(e) => setMunicipalityId(e.target.value)}
          error={form.fieldMessage('municipalityId')}
          className="min-w-64"
        >
          <option value="">{t('common.choose')}</option>
          {(municipalities.data ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {locale === 'ja' ? m.name : m.nameEn}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary">
          {t('applications.call.proxyStart')}
        </Button>
      </form>
    </Section>
  );
}

interface LimitValues {
  maxChoices: string;
  maxProjectsPerMunicipality: string;
  headConfirmationRequired: boolean;
  weights: ReturnType<typeof weightTexts>;
}

function valuesOf(call: Call): LimitValues {
  return {
    maxChoices: String(call.maxChoices),
    maxProjectsPerMunicipality: String(call.maxProjectsPerMunicipality),
    headConfirmationRequired: call.headConfirmationRequired,
    weights: weightTexts(call.priorityWeights),
  };
}

const toInt = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** The admin's edit of limits and weights, versioned: a 409 offers the latest values. */
function LimitsForm({ call }: { call: Call }) {
  const { t } = useI18n();
  const invalidate = useInvalidateApplications();
  const form = useVersionedForm<LimitValues, Call>({ id: 'call-limits', initial: valuesOf(call) });
  const [isOpen, setIsOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const [version, setVersion] = useState(call.version);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof applicationsCalls.updateCall>[1]) =>
      applicationsCalls.updateCall(call.id, body),
    onSuccess: async (updated) => {
      form.clear();
      form.resolveConflict();
      setVersion(updated.version);
      setSaved(true);
      setIsOpen(false);
      await invalidate();
    },
    onError: (error) => {
      setSaved(false);
      form.onError(error);
    },
  });
  const reload = () => {
    const current = form.conflict?.current;
    if (current) {
      form.setValues(valuesOf(current));
      setVersion(current.version);
    } else {
      form.setValues(valuesOf(call));
      setVersion(call.version);
    }
    form.resolveConflict();
    void invalidate();
  };
  if (!isOpen) {
    return (
      <div className="flex flex-col gap-3">
        {saved && (
          <Alert tone="success" isLive>
            {t('applications.call.limitsSaved')}
          </Alert>
        )}
        <div>
          <Button
            variant="secondary"
            onClick={() => {
              form.setValues(valuesOf(call));
              setVersion(call.version);
              setIsOpen(true);
            }}
          >
            {t('applications.call.editLimits')}
          </Button>
        </div>
      </div>
    );
  }
  const v = form.values;
  return (
    <form
      noValidate
      className="flex flex-col gap-5 rounded-12 border border-solid-gray-420 bg-white p-5"
      onSubmit={(e) => {
        e.preventDefault();
        const body = {
          version,
          maxChoices: toInt(v.maxChoices),
          maxProjectsPerMunicipality: toInt(v.maxProjectsPerMunicipality),
          headConfirmationRequired: v.headConfirmationRequired,
          priorityWeights: weightsFromTexts(v.weights),
        };
        if (!form.check(callPatchSchema, body)) return;
        save.mutate(body);
      }}
    >
      <FormErrors form={form} onReload={reload} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id={form.id(['maxChoices'])}
          label={t('applications.call.maxChoices')}
          inputMode="numeric"
          required
          value={v.maxChoices}
          onChange={(e) => form.set('maxChoices')(e.target.value)}
          error={form.fieldMessage('maxChoices')}
          inputClassName="max-w-32"
        />
        <TextField
          id={form.id(['maxProjectsPerMunicipality'])}
          label={t('applications.call.maxProjects')}
          inputMode="numeric"
          required
          value={v.maxProjectsPerMunicipality}
          onChange={(e) => form.set('maxProjectsPerMunicipality')(e.target.value)}
          error={form.fieldMessage('maxProjectsPerMunicipality')}
          inputClassName="max-w-32"
        />
      </div>
      <Checkbox
        id={form.id(['headConfirmationRequired'])}
        label={t('applications.call.headRequired')}
        checked={v.headConfirmationRequired}
        onChange={(e) => form.set('headConfirmationRequired')(e.target.checked)}
      />
      <WeightFields
        values={v.weights}
        onChange={form.set('weights')}
        idOf={form.id}
        errorOf={form.fieldMessage}
        pathPrefix="priorityWeights"
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" isBusy={save.isPending}>
          {t('applications.call.saveLimits')}
        </Button>
        <Button variant="tertiary" onClick={() => setIsOpen(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
