import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Application,
  type ApplicationLock,
  applicationLockSchema,
  type Call,
  type RunCreate,
  runCreateSchema,
} from '../../../shared/schemas/applications';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FormErrors } from '../../components/forms/FormErrors';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { translate } from '../../i18n/translate';
import { formatDateTime, formatNumber, formatThousandYen } from '../../lib/format';
import {
  applicationsCalls,
  useCall,
  useCallApplications,
  useInvalidateApplications,
  useRun,
  useRuns,
} from './api';
import { parseWholeNumber } from './helpers';
import {
  ApplicationStatusBadge,
  ChoiceList,
  RunStatusBadge,
  useFactorsText,
  useProgramName,
  WeightFields,
  weightsFromTexts,
  weightTexts,
} from './parts';

/** The statuses an allocation considers (and, after it, decides). */
const considered = new Set<Application['status']>(['submitted', 'selected', 'not_selected']);

/** The admin's allocation desk: applications with priority and manual locks, the runs, and a new run. */
export default function AllocationPage() {
  const { id = '' } = useParams();
  const call = useCall(id);
  return <QueryState query={call}>{(data) => <AllocationView call={data} />}</QueryState>;
}

function AllocationView({ call }: { call: Call }) {
  const { t, locale } = useI18n();
  const programName = useProgramName();
  const applications = useCallApplications(call.id);
  const runs = useRuns(call.id);
  // The latest solved run says each town's priority (its weight and why).
  const latestSolved = runs.data?.find((r) => r.totals !== null);
  const latest = useRun(latestSolved?.id ?? '');
  const factorsText = useFactorsText();
  const priorities = new Map((latest.data?.applications ?? []).map((a) => [a.applicationId, a]));
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('applications.allocation.title')}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('applications.calls.title'), to: `/calls?fy=${call.fiscalYearId}` },
          { label: programName(call), to: `/calls/${call.id}` },
          { label: t('applications.allocation.title') },
        ]}
        description={t('applications.allocation.description')}
      />
      <Section title={t('applications.allocation.applicationsTitle')}>
        <QueryState query={applications}>
          {(items) => {
            const list = items.filter((a) => considered.has(a.status));
            if (list.length === 0)
              return <EmptyState title={t('applications.call.noApplications')} isCompact />;
            return (
              <Table caption={t('applications.allocation.applicationsCaption', { count: list.length })} dense>
                <THead>
                  <tr>
                    <Th>{t('applications.common.municipality')}</Th>
                    <Th>{t('applications.common.status')}</Th>
                    <Th numeric>{t('applications.allocation.priority')}</Th>
                    <Th>{t('applications.call.choices')}</Th>
                    <Th>{t('applications.allocation.lock')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {list.map((a) => {
                    const priority = priorities.get(a.id);
                    return (
                      <Tr key={a.id}>
                        <Th scope="row" className="text-std-16N-170">
                          <Link to={`/applications/${a.id}`}>{a.municipalityName}</Link>
                        </Th>
                        <Td>
                          <ApplicationStatusBadge status={a.status} />
                        </Td>
                        <Td numeric>
                          {priority ? (
                            <>
                              {formatNumber(priority.priorityWeight, locale)}
                              {priority.priorityFactors.length > 0 && (
                                <span className="block text-dns-14N-130 whitespace-normal text-solid-gray-700">
                                  {factorsText(priority.priorityFactors)}
                                </span>
                              )}
                            </>
                          ) : (
                            t('applications.common.none')
                          )}
                        </Td>
                        <Td>
                          <ChoiceList choices={a.choices} />
                        </Td>
                        <Td>
                          <LockForm application={a} />
                        </Td>
                      </Tr>
                    );
                  })}
                </TBody>
              </Table>
            );
          }}
        </QueryState>
      </Section>
      <RunsSection call={call} />
      <NewRunForm call={call} />
    </div>
  );
}

type LockKind = ApplicationLock['lock']['kind'];

/** Include (optionally with a menu), exclude or nothing, with a reason; saved with the application's version. */
function LockForm({ application }: { application: Application }) {
  const { t } = useI18n();
  const invalidate = useInvalidateApplications();
  const formId = `lock-${application.id}`;
  const form = useVersionedForm(formId);
  const [kind, setKind] = useState<LockKind>(application.lock?.kind ?? 'none');
  const [menuId, setMenuId] = useState(application.lock?.menuId ?? '');
  const [reason, setReason] = useState(application.lock?.reason ?? '');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: ApplicationLock) => applicationsCalls.lock(application.id, body),
    onSuccess: async () => {
      form.clear();
      setSaved(true);
      await invalidate();
    },
    onError: (error) => {
      setSaved(false);
      form.onError(error);
    },
  });
  const name = application.municipalityName;
  return (
    <form
      noValidate
      aria-label={t('applications.allocation.lockLabel', { name })}
      className="flex min-w-72 flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const lock: ApplicationLock['lock'] =
          kind === 'include' ? { kind, menuId: menuId === '' ? null : menuId } : { kind };
        const body = { version: application.version, lock, reason };
        if (!form.check(applicationLockSchema, body)) return;
        save.mutate(body);
      }}
    >
      <FormErrors
        form={form}
        onReload={() => {
          form.resolveConflict();
          void invalidate();
        }}
      />
      <Select
        id={form.id(['lock', 'kind'])}
        label={t('applications.allocation.lockKind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as LockKind)}
      >
        <option value="none">{t('applications.allocation.lockNone')}</option>
        <option value="include">{t('applications.allocation.lockInclude')}</option>
        <option value="exclude">{t('applications.allocation.lockExclude')}</option>
      </Select>
      {kind === 'include' && (
        <Select
          id={form.id(['lock', 'menuId'])}
          label={t('applications.allocation.lockMenu')}
          value={menuId}
          onChange={(e) => setMenuId(e.target.value)}
          error={form.fieldMessage('lock', 'menuId')}
        >
          <option value="">{t('applications.allocation.lockMenuAny')}</option>
          {application.choices.map((c) => (
            <option key={c.menuId} value={c.menuId}>
              {t('applications.common.rankValue', { rank: c.rank })} {c.menuTitle}
            </option>
          ))}
        </Select>
      )}
      {kind !== 'none' && (
        <TextField
          id={form.id(['reason'])}
          label={t('applications.allocation.lockReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={form.fieldMessage('reason')}
        />
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm" variant="secondary" isBusy={save.isPending}>
          {t('applications.allocation.lockSave')}
        </Button>
        {saved && (
          <span role="status" className="text-dns-14N-130 text-success-2">
            {t('applications.allocation.lockSaved', { name })}
          </span>
        )}
      </div>
    </form>
  );
}

/** The call's runs, newest first as the server lists them; two may be picked for a comparison. */
function RunsSection({ call }: { call: Call }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const runs = useRuns(call.id);
  const [picked, setPicked] = useState<string[]>([]);
  const form = useVersionedForm('runs-compare');
  return (
    <Section title={t('applications.allocation.runsTitle')}>
      <QueryState query={runs}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('applications.allocation.noRuns')} isCompact />
          ) : (
            <div className="flex flex-col gap-4">
              <Table
                caption={t('applications.allocation.runsCaption', { count: items.length })}
                captionHidden
                dense
              >
                <THead>
                  <tr>
                    <Th>{t('applications.allocation.compare')}</Th>
                    <Th>{t('applications.allocation.label')}</Th>
                    <Th>{t('applications.common.status')}</Th>
                    <Th numeric>{t('applications.allocation.projects')}</Th>
                    <Th numeric>{t('applications.allocation.municipalities')}</Th>
                    <Th numeric>{t('applications.run.costTotal')}</Th>
                    <Th>{t('applications.allocation.createdAt')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {items.map((r) => (
                    <Tr key={r.id}>
                      <Td>
                        <Checkbox
                          label={
                            <span className="sr-only">
                              {t('applications.allocation.compareLabel', { label: r.label })}
                            </span>
                          }
                          checked={picked.includes(r.id)}
                          onChange={(e) =>
                            setPicked((list) =>
                              e.target.checked
                                ? [...list.filter((x) => x !== r.id), r.id].slice(-2)
                                : list.filter((x) => x !== r.id),
                            )
                          }
                        />
                      </Td>
                      <Td>
                        <Link to={`/runs/${r.id}`} className="text-std-16B-170">
                          {r.label}
                        </Link>
                      </Td>
                      <Td>
                        <RunStatusBadge status={r.status} />
                      </Td>
                      <Td numeric>
                        {r.totals ? formatNumber(r.totals.projects, locale) : t('applications.common.none')}
                      </Td>
                      <Td numeric>
                        {r.totals
                          ? formatNumber(r.totals.municipalities, locale)
                          : t('applications.common.none')}
                      </Td>
                      <Td numeric>
                        {r.totals
                          ? formatThousandYen(r.totals.costThousandYen, locale)
                          : t('applications.common.none')}
                      </Td>
                      <Td>
                        {formatDateTime(r.createdAt, locale)}
                        <span className="block text-dns-14N-130 text-solid-gray-700">{r.createdByName}</span>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
              <ErrorSummary errors={form} />
              <div>
                <Button
                  variant="secondary"
                  onClick={() => {
                    if (picked.length !== 2) {
                      form.showFields([], {
                        ja: translate('ja', 'applications.allocation.compareHint'),
                        en: translate('en', 'applications.allocation.compareHint'),
                      });
                      return;
                    }
                    navigate(
                      `/runs/compare?a=${encodeURIComponent(picked[0] ?? '')}&b=${encodeURIComponent(picked[1] ?? '')}`,
                    );
                  }}
                >
                  {t('applications.allocation.compareSelected')}
                </Button>
              </div>
            </div>
          )
        }
      </QueryState>
    </Section>
  );
}

interface RunValues {
  label: string;
  budget: string;
  seed: string;
  weights: ReturnType<typeof weightTexts>;
}

/** Label, weights, budget and seed → POST answers 202 with the queued run; its page polls until solved. */
function NewRunForm({ call }: { call: Call }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const invalidate = useInvalidateApplications();
  const form = useVersionedForm<RunValues>({
    id: 'new-run',
    initial: { label: '', budget: '', seed: '', weights: weightTexts(call.priorityWeights) },
  });
  const create = useMutation({
    mutationFn: (body: RunCreate) => applicationsCalls.createRun(call.id, body),
    onSuccess: async (run) => {
      form.clear();
      await invalidate();
      navigate(`/runs/${run.id}`);
    },
    onError: form.onError,
  });
  const v = form.values;
  return (
    <Section
      title={t('applications.allocation.newRun')}
      description={t('applications.allocation.newRunDescription')}
      boxed
    >
      <form
        noValidate
        className="flex flex-col gap-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (create.isPending) return;
          const budget = parseWholeNumber(v.budget);
          const seed = parseWholeNumber(v.seed);
          const body = {
            label: v.label,
            priorityWeights: weightsFromTexts(v.weights),
            ...(budget !== undefined ? { budgetThousandYen: budget } : {}),
            ...(seed !== undefined ? { seed } : {}),
          };
          if (!form.check(runCreateSchema, body)) return;
          create.mutate(body);
        }}
      >
        <FormErrors form={form} />
        {create.isSuccess && (
          <Alert tone="success" isLive>
            {t('applications.allocation.queued')}
          </Alert>
        )}
        <TextField
          id={form.id(['label'])}
          label={t('applications.allocation.label')}
          required
          value={v.label}
          onChange={(e) => form.set('label')(e.target.value)}
          error={form.fieldMessage('label')}
          className="max-w-xl"
        />
        <WeightFields
          values={v.weights}
          onChange={form.set('weights')}
          idOf={form.id}
          errorOf={form.fieldMessage}
          pathPrefix="priorityWeights"
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            id={form.id(['budgetThousandYen'])}
            label={t('applications.allocation.budget')}
            hint={t('applications.allocation.budgetHint', {
              budget:
                call.budgetThousandYen === null
                  ? t('applications.common.none')
                  : formatThousandYen(call.budgetThousandYen, locale),
            })}
            inputMode="numeric"
            isOptional
            value={v.budget}
            onChange={(e) => form.set('budget')(e.target.value)}
            error={form.fieldMessage('budgetThousandYen')}
            inputClassName="max-w-56"
          />
          <TextField
            id={form.id(['seed'])}
            label={t('applications.allocation.seed')}
            hint={t('applications.allocation.seedHint')}
            inputMode="numeric"
            isOptional
            value={v.seed}
            onChange={(e) => form.set('seed')(e.target.value)}
            error={form.fieldMessage('seed')}
            inputClassName="max-w-56"
          />
        </div>
        <div>
          <Button type="submit" isBusy={create.isPending}>
            {t('applications.allocation.run')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
