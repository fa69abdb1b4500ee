import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import {
  type AdjustedDeadline,
  type FiscalYearDetail,
  type FiscalYearStatus,
  fiscalYearStatuses,
  type Program,
} from '../../../shared/schemas/fiscal-years';
import { isApiError } from '../../api/client';
import { isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button, buttonClass } from '../../components/Button';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DescriptionList } from '../../components/DescriptionList';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { PrintButton } from '../../components/PrintButton';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDateTime, formatThousandYen, formatYmd, formatYmdRange } from '../../lib/format';
import {
  useDeletePhase,
  useDeleteProgram,
  useFiscalYear,
  useInvalidatePlan,
  useOpenPhase,
  useUpdateFiscalYear,
} from './api';
import { ConflictNotice } from '../../components/forms/ConflictNotice';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import {
  fiscalYearStatusLabels,
  fiscalYearStatusTones,
  phaseKindLabels,
  phaseStateLabels,
  phaseStateTones,
  programKindLabels,
} from './labels';
import { PhaseForm } from './PhaseForm';
import { PhaseTimeline } from '../../components/PhaseTimeline';
import { ProgramForm } from './ProgramForm';

function StatusForm({ year }: { year: FiscalYearDetail }) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidatePlan();
  const [status, setStatus] = useState<FiscalYearStatus>(year.status);
  const form = useVersionedForm(`fy-status-${year.id}`);
  const save = useUpdateFiscalYear(year.id);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (save.isPending) return;
        form.resolveConflict();
        save.mutate({ version: year.version, status }, { onError: form.onError });
      }}
      className="flex flex-col gap-4"
    >
      {form.conflict && (
        <ConflictNotice
          onReload={() => {
            form.resolveConflict();
            invalidate();
          }}
        />
      )}
      {save.isError && !form.conflict && (
        <Alert tone="error" isLive>
          {isApiError(save.error) ? pick(save.error.localized) : t('state.unknownError')}
        </Alert>
      )}
      {save.isSuccess && (
        <Alert tone="success" isLive>
          {t('fiscalYears.statusSaved')}
        </Alert>
      )}
      <div className="flex flex-wrap items-end gap-4">
        <Select
          label={t('fiscalYears.status')}
          hint={t('fiscalYears.statusHint')}
          value={status}
          onChange={(e) => setStatus(e.target.value as FiscalYearStatus)}
          className="min-w-60"
        >
          {fiscalYearStatuses.map((s) => (
            <option key={s} value={s}>
              {pick(fiscalYearStatusLabels[s])}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary" isBusy={save.isPending}>
          {t('fiscalYears.changeStatus')}
        </Button>
      </div>
    </form>
  );
}

type Editing = { kind: 'program' } | { kind: 'new-phase' } | { kind: 'phase'; phaseId: string } | null;

function ProgramSection({
  program,
  year,
  isAdmin,
}: {
  program: Program;
  year: FiscalYearDetail;
  isAdmin: boolean;
}) {
  const { t, locale, pick } = useI18n();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState('');
  const deleteProgram = useDeleteProgram();
  const deletePhase = useDeletePhase();
  const openPhase = useOpenPhase();
  const editingPhase =
    editing?.kind === 'phase' ? program.phases.find((p) => p.id === editing.phaseId) : undefined;
  const title = locale === 'ja' ? program.name : program.nameEn;

  return (
    <Section
      title={title}
      boxed
      description={<Badge tone="info">{pick(programKindLabels[program.kind])}</Badge>}
      actions={
        isAdmin && editing?.kind !== 'program' ? (
          <>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setEditing({ kind: 'program' })}
              aria-label={t('fiscalYears.editProgramNamed', { name: title })}
            >
              {t('common.edit')}
            </Button>
            {program.phases.length === 0 && (
              <ConfirmButton
                label={t('common.delete')}
                question={t('fiscalYears.deleteProgramQuestion')}
                confirmLabel={t('fiscalYears.deleteProgramConfirm')}
                onConfirm={() => deleteProgram.mutate(program)}
                isBusy={deleteProgram.isPending}
              />
            )}
          </>
        ) : undefined
      }
    >
      {deleteProgram.isError && (
        <Alert tone="error" isLive>
          {isApiError(deleteProgram.error) ? pick(deleteProgram.error.localized) : t('state.unknownError')}
        </Alert>
      )}
      {editing?.kind === 'program' ? (
        <ProgramForm
          key={`${program.id}-${program.version}`}
          fiscalYearId={year.id}
          program={program}
          onDone={() => {
            setEditing(null);
            setNotice(t('fiscalYears.programSaved'));
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <DescriptionList
          items={[
            {
              term: t('fiscalYears.budget'),
              value: (
                <span className="text-std-18B-160 tabular-nums">
                  {program.budgetThousandYen === null
                    ? t('fiscalYears.budgetUndecided')
                    : formatThousandYen(program.budgetThousandYen, locale)}
                </span>
              ),
            },
            {
              term: locale === 'ja' ? t('fiscalYears.programNameEn') : t('fiscalYears.programName'),
              value:
                locale === 'ja' ? (
                  <span lang="en">{program.nameEn}</span>
                ) : (
                  <span lang="ja">{program.name}</span>
                ),
            },
            ...(program.description
              ? [
                  {
                    term: t('fiscalYears.programDescription'),
                    value: <span className="whitespace-pre-wrap">{program.description}</span>,
                  },
                ]
              : []),
          ]}
        />
      )}
      <p role="status" className="text-std-16N-170 text-success-2 empty:hidden">
        {notice}
      </p>
      {openPhase.isError && (
        <Alert tone="error" isLive>
          {isApiError(openPhase.error)
            ? [pick(openPhase.error.localized), ...openPhase.error.fields.map((f) => pick(f))].join(' ')
            : t('state.unknownError')}
        </Alert>
      )}
      {deletePhase.isError && (
        <Alert tone="error" isLive>
          {isApiError(deletePhase.error) ? pick(deletePhase.error.localized) : t('state.unknownError')}
        </Alert>
      )}
      {program.phases.length === 0 ? (
        <EmptyState title={t('fiscalYears.noPhases')}>
          {isAdmin ? t('fiscalYears.noPhasesAdmin') : undefined}
        </EmptyState>
      ) : (
        <Table caption={t('fiscalYears.phasesOf', { name: title })} dense>
          <THead>
            <tr>
              <Th>{t('fiscalYears.phase')}</Th>
              <Th>{t('fiscalYears.period')}</Th>
              <Th>{t('fiscalYears.deadline')}</Th>
              <Th>{t('fiscalYears.state')}</Th>
              {isAdmin && (
                <Th>
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              )}
            </tr>
          </THead>
          <TBody>
            {program.phases.map((phase) => {
              const phaseName = pick(phaseKindLabels[phase.kind]);
              return (
                <Tr key={phase.id}>
                  <Th scope="row" className="text-dns-16B-130 whitespace-normal">
                    {phaseName}
                    {phase.note && (
                      <span className="mt-1 block text-dns-14N-130 font-normal text-solid-gray-700">
                        {phase.note}
                      </span>
                    )}
                  </Th>
                  <Td>{formatYmdRange(phase.startsOn, phase.endsOn, locale)}</Td>
                  <Td>
                    {phase.deadlineAt ? (
                      formatDateTime(phase.deadlineAt, locale)
                    ) : (
                      <span className="text-solid-gray-700">{t('common.none')}</span>
                    )}
                  </Td>
                  <Td>
                    <Badge tone={phaseStateTones[phase.state]}>{pick(phaseStateLabels[phase.state])}</Badge>
                    {phase.blockers.length > 0 && (
                      <span className="mt-1 block text-dns-14N-130 text-solid-gray-800">
                        {/* Under way (準備未了) or starting soon: what it lacks, and where to fix it. */}
                        {phase.blockers.map((b) => pick(b)).join(t('fiscalYears.listSeparator'))}
                        <Link to={`/fiscal-years/${year.id}/setup`} className="ml-2 underline">
                          {t('fiscalYears.readiness.fix')}
                        </Link>
                      </span>
                    )}
                  </Td>
                  {isAdmin && (
                    <Td className="text-right">
                      <span className="inline-flex flex-wrap justify-end gap-2">
                        {phase.state === 'upcoming' && (
                          <Button
                            variant="secondary"
                            size="xs"
                            isBusy={openPhase.isPending && openPhase.variables?.id === phase.id}
                            onClick={() =>
                              openPhase.mutate(phase, {
                                onSuccess: () => setNotice(t('yearSetup.opened', { phase: phaseName })),
                              })
                            }
                            aria-label={`${t('yearSetup.openNow')}：${phaseName}`}
                          >
                            {t('yearSetup.openNow')}
                          </Button>
                        )}
                        <Button
                          variant="secondary"
                          size="xs"
                          onClick={() => setEditing({ kind: 'phase', phaseId: phase.id })}
                          aria-label={t('fiscalYears.editPhaseNamed', { name: phaseName })}
                        >
                          {t('common.edit')}
                        </Button>
                        <ConfirmButton
                          size="xs"
                          label={t('common.delete')}
                          question={t('fiscalYears.deletePhaseQuestion', { name: phaseName })}
                          confirmLabel={t('fiscalYears.deletePhaseConfirm')}
                          onConfirm={() =>
                            deletePhase.mutate(phase, {
                              onSuccess: () => setNotice(t('fiscalYears.phaseDeleted')),
                            })
                          }
                          isBusy={deletePhase.isPending}
                        />
                      </span>
                    </Td>
                  )}
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
      {isAdmin && editingPhase && (
        <Section
          title={t('fiscalYears.editPhaseTitle', { name: pick(phaseKindLabels[editingPhase.kind]) })}
          level={3}
          boxed
        >
          <PhaseForm
            key={`${editingPhase.id}-${editingPhase.version}`}
            programId={program.id}
            fiscalYear={year.year}
            phase={editingPhase}
            onDone={() => {
              setEditing(null);
              setNotice(t('fiscalYears.phaseSaved'));
            }}
            onCancel={() => setEditing(null)}
          />
        </Section>
      )}
      {isAdmin &&
        (editing?.kind === 'new-phase' ? (
          <Section title={t('fiscalYears.addPhase')} level={3} boxed>
            <PhaseForm
              programId={program.id}
              fiscalYear={year.year}
              onDone={() => {
                setEditing(null);
                setNotice(t('fiscalYears.phaseAdded'));
              }}
              onCancel={() => setEditing(null)}
            />
          </Section>
        ) : (
          <div>
            <Button variant="secondary" size="sm" onClick={() => setEditing({ kind: 'new-phase' })}>
              ＋ {t('fiscalYears.addPhase')}
            </Button>
          </div>
        ))}
    </Section>
  );
}

function AdjustedDeadlinesNotice({ items }: { items: AdjustedDeadline[] }) {
  const { t, locale, pick } = useI18n();
  if (items.length === 0) return null;
  return (
    <Alert tone="warning" title={t('fiscalYears.adjustedTitle')}>
      <ul className="list-disc pl-6">
        {items.map((item) => (
          <li key={item.phaseId}>
            {item.programName}：{pick(phaseKindLabels[item.kind])} —{' '}
            {item.to
              ? t('fiscalYears.adjustedMoved', {
                  from: formatYmd(item.from, locale),
                  to: formatYmd(item.to, locale),
                })
              : t('fiscalYears.adjustedDropped', { from: formatYmd(item.from, locale) })}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export default function FiscalYearDetailPage() {
  const { id = '' } = useParams();
  const { t, locale, pick } = useI18n();
  const location = useLocation();
  const user = useCurrentUser();
  const isAdmin = isPrefectureAdmin(user);
  const query = useFiscalYear(id);
  const [isAddingProgram, setIsAddingProgram] = useState(false);
  const year = query.data;
  const title = year ? pick(year.label) : t('fiscalYears.detailTitle');
  const navigationState = location.state as {
    adjustedDeadlines?: AdjustedDeadline[];
    isNew?: boolean;
  } | null;

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('fiscalYears.title'), to: '/fiscal-years' },
          { label: title },
        ]}
        meta={
          year ? (
            <Badge tone={fiscalYearStatusTones[year.status]}>
              {pick(fiscalYearStatusLabels[year.status])}
            </Badge>
          ) : undefined
        }
        description={isAdmin ? undefined : t('fiscalYears.readOnlyNote')}
        actions={
          <>
            {isAdmin && (
              <Link to={`/fiscal-years/${id}/setup`} className={buttonClass('secondary', 'md')}>
                {t('yearSetup.checklistLink')}
              </Link>
            )}
            <PrintButton />
          </>
        }
      />
      <QueryState query={query}>
        {(fy) => (
          <div className="flex flex-col gap-10">
            {navigationState?.isNew && (
              <Alert tone="success" title={t('fiscalYears.created')}>
                {t('fiscalYears.createdBody')}
              </Alert>
            )}
            {navigationState?.adjustedDeadlines && (
              <AdjustedDeadlinesNotice items={navigationState.adjustedDeadlines} />
            )}
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-3 print:grid-cols-3">
              <div className="rounded-12 border border-solid-gray-420 p-5">
                <p className="text-dns-14N-130 text-solid-gray-700">{t('fiscalYears.totalBudget')}</p>
                <p className="mt-1 text-std-28B-150 tabular-nums text-solid-gray-900">
                  {fy.totalBudgetThousandYen === null
                    ? t('fiscalYears.budgetUndecided')
                    : formatThousandYen(fy.totalBudgetThousandYen, locale)}
                </p>
                {fy.undecidedBudgetCount > 0 && fy.totalBudgetThousandYen !== null && (
                  <p className="text-dns-14N-130 text-solid-gray-700">
                    {t('fiscalYears.undecidedCount', { count: fy.undecidedBudgetCount })}
                  </p>
                )}
              </div>
              <div className="rounded-12 border border-solid-gray-420 p-5">
                <p className="text-dns-14N-130 text-solid-gray-700">{t('fiscalYears.programCount')}</p>
                <p className="mt-1 text-std-28B-150 tabular-nums text-solid-gray-900">{fy.programCount}</p>
              </div>
              <div className="rounded-12 border border-solid-gray-420 p-5">
                <p className="text-dns-14N-130 text-solid-gray-700">{t('fiscalYears.phaseWindow')}</p>
                <p className="mt-1 text-std-16B-170 text-solid-gray-900">
                  {formatYmdRange(fy.phaseWindow.from, fy.phaseWindow.to, locale)}
                </p>
              </div>
            </div>

            {isAdmin && (
              <Section title={t('fiscalYears.statusTitle')} level={2} boxed className="print:hidden">
                <StatusForm key={fy.version} year={fy} />
              </Section>
            )}

            <Section
              title={t('fiscalYears.scheduleTitle')}
              description={t('fiscalYears.scheduleDescription')}
            >
              {fy.programs.length === 0 ? (
                <EmptyState title={t('fiscalYears.noPrograms')}>
                  {isAdmin ? t('fiscalYears.noProgramsAdmin') : undefined}
                </EmptyState>
              ) : (
                <PhaseTimeline
                  fiscalYear={fy.year}
                  programs={fy.programs}
                  caption={t('fiscalYears.scheduleCaption', { year: pick(fy.label) })}
                />
              )}
            </Section>

            <div className="flex flex-col gap-6">
              <h2 className="text-std-24B-150 text-solid-gray-900">{t('fiscalYears.programs')}</h2>
              {fy.programs.map((program) => (
                <ProgramSection key={program.id} program={program} year={fy} isAdmin={isAdmin} />
              ))}
              {isAdmin &&
                (isAddingProgram ? (
                  <Section title={t('fiscalYears.addProgram')} boxed>
                    <ProgramForm
                      fiscalYearId={fy.id}
                      onDone={() => setIsAddingProgram(false)}
                      onCancel={() => setIsAddingProgram(false)}
                    />
                  </Section>
                ) : (
                  <div>
                    <Button variant="secondary" onClick={() => setIsAddingProgram(true)}>
                      ＋ {t('fiscalYears.addProgram')}
                    </Button>
                  </div>
                ))}
            </div>
          </div>
        )}
      </QueryState>
    </div>
  );
}
