import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type Activity,
  type ActivityResult,
  activityCreateSchema,
  activityModeLabels,
  activityModes,
  capKindLabels,
  type ProjectDetail,
  reportFields,
  reportStatusLabels,
} from '../../../shared/schemas/projects';
import { supportProjectStatusLabels } from '../../../shared/schemas/applications';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { DescriptionList } from '../../components/DescriptionList';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import {
  describedBy,
  FieldError,
  FieldHint,
  FieldLabel,
  TextArea,
  TextField,
} from '../../components/TextField';
import { useI18n } from '../../i18n';
import { translate } from '../../i18n/translate';
import {
  formatDateTime,
  formatFiscalYear,
  formatNumber,
  formatThousandYen,
  formatYmd,
} from '../../lib/format';
import { projectsCalls, useInvalidateProjects, useProject } from './api';

/** One project as its municipality, its company, the prefecture and the council see it. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const project = useProject(id);
  return (
    <QueryState query={project}>
      {(p) => (
        <div className="flex flex-col gap-8">
          <PageHeader
            title={`${p.municipalityName}「${p.title}」`}
            breadcrumbs={[
              { label: t('nav.home'), to: '/' },
              { label: t('projects.title'), to: '/projects' },
              { label: p.title },
            ]}
          />
          <Overview p={p} />
          <Plan p={p} />
          <Caps p={p} />
          <Ledger p={p} />
          {(p.can.logActivity || p.can.editReport) && <Attach p={p} />}
          <Actions p={p} />
          <Report p={p} />
          <Evaluation p={p} />
          <History p={p} />
        </div>
      )}
    </QueryState>
  );
}

type P = { p: ProjectDetail };

function Overview({ p }: P) {
  const { t, pick, locale } = useI18n();
  return (
    <DescriptionList
      items={[
        { term: t('projects.status'), value: <Badge>{pick(supportProjectStatusLabels[p.status])}</Badge> },
        { term: t('projects.fiscalYear'), value: formatFiscalYear(p.fiscalYear, locale) },
        { term: t('projects.municipality'), value: p.municipalityName },
        { term: t('projects.company'), value: p.companyName },
        {
          term: t('projects.cost'),
          value:
            p.costThousandYen === null ? t('projects.none') : formatThousandYen(p.costThousandYen, locale),
        },
        {
          term: t('projects.reportDue'),
          value: p.reportDueOn ? formatYmd(p.reportDueOn, locale) : t('projects.none'),
        },
      ]}
    />
  );
}

function Plan({ p }: P) {
  const { t, locale } = useI18n();
  const invalidate = useInvalidateProjects();
  const form = useVersionedForm('plan');
  const [goals, setGoals] = useState(p.plan.goals);
  const [sessionsPlanned, setSessionsPlanned] = useState(String(p.plan.sessionsPlanned));
  const [from, setFrom] = useState(p.plan.scheduleFrom ?? '');
  const [to, setTo] = useState(p.plan.scheduleTo ?? '');
  const [advisors, setAdvisors] = useState<string[]>(p.plan.advisors.map((a) => a.id));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      projectsCalls.savePlan(p.id, {
        goals,
        sessionsPlanned: Number(sessionsPlanned) || 0,
        scheduleFrom: from || null,
        scheduleTo: to || null,
        advisorProfileIds: advisors,
        version: p.plan.version,
      }),
    onSuccess: async () => {
      form.clear();
      setSaved(true);
      await invalidate();
    },
    onError: (e) => {
      setSaved(false);
      form.onError(e);
    },
  });
  const view = (
    <DescriptionList
      items={[
        { term: t('projects.plan.goals'), value: p.plan.goals || t('projects.none') },
        { term: t('projects.plan.sessionsPlanned'), value: String(p.plan.sessionsPlanned) },
        {
          term: `${t('projects.plan.scheduleFrom')}〜${t('projects.plan.scheduleTo')}`,
          value:
            p.plan.scheduleFrom || p.plan.scheduleTo
              ? `${p.plan.scheduleFrom ? formatYmd(p.plan.scheduleFrom, locale) : ''}〜${p.plan.scheduleTo ? formatYmd(p.plan.scheduleTo, locale) : ''}`
              : t('projects.none'),
        },
        {
          term: t('projects.plan.advisors'),
          value: p.plan.advisors.map((a) => a.name).join('、') || t('projects.plan.noAdvisors'),
        },
      ]}
    />
  );
  if (!p.can.editPlan) return <Section title={t('projects.plan.title')}>{view}</Section>;
  return (
    <Section title={t('projects.plan.title')} boxed>
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorSummary errors={form} />
        {form.conflict && <Alert tone="warning">{t('errors.conflictTitle')}</Alert>}
        <TextArea
          id={form.id(['goals'])}
          label={t('projects.plan.goals')}
          value={goals}
          onChange={(e) => setGoals(e.target.value)}
          error={form.fieldMessage('goals')}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            id={form.id(['sessionsPlanned'])}
            type="number"
            min={0}
            label={t('projects.plan.sessionsPlanned')}
            value={sessionsPlanned}
            onChange={(e) => setSessionsPlanned(e.target.value)}
            error={form.fieldMessage('sessionsPlanned')}
          />
          <TextField
            id={form.id(['scheduleFrom'])}
            type="date"
            label={t('projects.plan.scheduleFrom')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={form.fieldMessage('scheduleFrom')}
          />
          <TextField
            id={form.id(['scheduleTo'])}
            type="date"
            label={t('projects.plan.scheduleTo')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={form.fieldMessage('scheduleTo')}
          />
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="text-std-16B-170">{t('projects.plan.advisors')}</legend>
          {p.advisorOptions.map((a) => (
            <Checkbox
              key={a.id}
              label={a.name}
              hint={a.skills.join('、') || undefined}
              checked={advisors.includes(a.id)}
              onChange={(e) =>
                setAdvisors((s) => (e.target.checked ? [...s, a.id] : s.filter((x) => x !== a.id)))
              }
            />
          ))}
        </fieldset>
        <div>
          <Button type="submit" isBusy={save.isPending}>
            {t('projects.plan.save')}
          </Button>
        </div>
        {saved && (
          <Alert tone="success" isLive>
            {t('projects.plan.saved')}
          </Alert>
        )}
      </form>
    </Section>
  );
}

const levelTone: Record<string, BadgeTone> = {
  ok: 'success',
  near: 'warning',
  reached: 'warning',
  over: 'error',
};

function Caps({ p }: P) {
  const { t, pick, locale } = useI18n();
  const invalidate = useInvalidateProjects();
  const form = useVersionedForm('exceedance');
  const [reason, setReason] = useState('');
  const approve = useMutation({
    mutationFn: () => projectsCalls.approveExceedance(p.id, reason),
    onSuccess: async () => {
      form.clear();
      await invalidate();
    },
    onError: (e) => form.onError(e),
  });
  return (
    <Section title={t('projects.caps.title')}>
      <Table caption={t('projects.caps.caption')} dense>
        <THead>
          <tr>
            <Th>{t('projects.caps.kind')}</Th>
            <Th numeric>{t('projects.caps.used')}</Th>
            <Th numeric>{t('projects.caps.limit')}</Th>
            <Th>{t('projects.caps.level')}</Th>
          </tr>
        </THead>
        <TBody>
          {p.caps.map((c) => (
            <Tr key={c.kind}>
              <Th scope="row">{pick(capKindLabels[c.kind])}</Th>
              <Td numeric>{formatNumber(c.used, locale)}</Td>
              <Td numeric>{c.limit === null ? t('projects.caps.noLimit') : formatNumber(c.limit, locale)}</Td>
              <Td>
                <Badge tone={levelTone[c.level]}>{t(`projects.caps.${c.level}`)}</Badge>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {p.exceedance && (
        <p>
          <strong>{t('projects.caps.exceedance')}:</strong>{' '}
          {t('projects.caps.exceedanceBy', {
            name: p.exceedance.approvedByName,
            at: formatDateTime(p.exceedance.approvedAt, locale),
            reason: p.exceedance.reason,
          })}
        </p>
      )}
      {p.can.approveExceedance && (
        <form
          className="flex flex-col gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            approve.mutate();
          }}
        >
          <h3 className="text-std-18B-160">{t('projects.caps.approveTitle')}</h3>
          <ErrorSummary errors={form} />
          <TextArea
            id={form.id(['reason'])}
            label={t('projects.caps.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={form.fieldMessage('reason')}
            required
          />
          <div>
            <Button type="submit" variant="secondary" isBusy={approve.isPending}>
              {t('projects.caps.approve')}
            </Button>
          </div>
          {approve.isSuccess && (
            <Alert tone="success" isLive>
              {t('projects.caps.approved')}
            </Alert>
          )}
        </form>
      )}
    </Section>
  );
}

const emptySession = {
  date: '',
  mode: 'online',
  hours: '',
  headCount: '0',
  dxLeadCount: '0',
  staffCount: '0',
  done: '',
  nextSteps: '',
};

/** A logged session as the form's text values, for editing it. */
function valuesOf(a: Activity): typeof emptySession {
  return {
    date: a.date,
    mode: a.mode,
    hours: String(a.hours),
    headCount: String(a.headCount),
    dxLeadCount: String(a.dxLeadCount),
    staffCount: String(a.staffCount),
    done: a.done,
    nextSteps: a.nextSteps,
  };
}

function Ledger({ p }: P) {
  const { t, pick, locale } = useI18n();
  const invalidate = useInvalidateProjects();
  const form = useVersionedForm<Record<string, never>, Activity>('session');
  const [values, setValues] = useState(emptySession);
  const [result, setResult] = useState<ActivityResult | null>(null);
  const [resultKind, setResultKind] = useState<'logged' | 'updated'>('logged');
  // The session being edited (the form logs a new one while null), with the version it was read at.
  const [editing, setEditing] = useState<Activity | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const set = (key: keyof typeof emptySession) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const body = () => ({
    date: values.date,
    mode: values.mode as 'onsite' | 'online',
    hours: Number(values.hours),
    headCount: Number(values.headCount) || 0,
    dxLeadCount: Number(values.dxLeadCount) || 0,
    staffCount: Number(values.staffCount) || 0,
    done: values.done,
    nextSteps: values.nextSteps,
  });
  const log = useMutation({
    mutationFn: () =>
      editing
        ? projectsCalls.updateActivity(editing.id, { ...body(), version: editing.version })
        : projectsCalls.logActivity(p.id, body()),
    onSuccess: async (r) => {
      form.clear();
      form.resolveConflict();
      setResultKind(editing ? 'updated' : 'logged');
      setResult(r);
      setEditing(null);
      setValues(emptySession);
      await invalidate();
    },
    onError: (e) => {
      setResult(null);
      // Someone saved this session first: show it as it is now, to be checked and saved again.
      if (form.onError(e) && isApiError(e, 'VERSION_CONFLICT') && e.current) {
        const current = e.current as Activity;
        setEditing(current);
        setValues(valuesOf(current));
      }
    },
  });
  function startEditing(a: Activity) {
    form.clear();
    form.resolveConflict();
    setResult(null);
    setEditing(a);
    setValues(valuesOf(a));
    // The form is below the table: move there, so a keyboard or screen-reader user lands on it.
    requestAnimationFrame(() => formHeading.current?.focus());
  }
  function stopEditing() {
    form.clear();
    form.resolveConflict();
    setEditing(null);
    setValues(emptySession);
  }
  const remove = useMutation({
    mutationFn: (id: string) => projectsCalls.deleteActivity(id),
    onSuccess: () => invalidate(),
  });
  const removeFile = useMutation({
    mutationFn: (id: string) => projectsCalls.deleteAttachment(id),
    onSuccess: () => invalidate(),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    if (!form.check(activityCreateSchema, body())) return;
    log.mutate();
  }
  return (
    <Section title={t('projects.ledger.title')}>
      {p.activities.length === 0 ? (
        <EmptyState title={t('projects.ledger.empty')} isCompact />
      ) : (
        <Table caption={t('projects.ledger.caption', { count: p.activities.length })} dense>
          <THead>
            <tr>
              <Th>{t('projects.ledger.date')}</Th>
              <Th>{t('projects.ledger.mode')}</Th>
              <Th numeric>{t('projects.ledger.hours')}</Th>
              <Th>{t('projects.ledger.attendance')}</Th>
              <Th>{t('projects.ledger.done')}</Th>
              <Th>{t('projects.ledger.nextSteps')}</Th>
              <Th>{t('projects.ledger.attachments')}</Th>
              {p.can.logActivity && <Th>{t('projects.ledger.actions')}</Th>}
            </tr>
          </THead>
          <TBody>
            {p.activities.map((a) => (
              <Tr key={a.id}>
                <Td>{formatYmd(a.date, locale)}</Td>
                <Td>{pick(activityModeLabels[a.mode])}</Td>
                <Td numeric>{formatNumber(a.hours, locale)}</Td>
                <Td>{`${a.headCount} / ${a.dxLeadCount} / ${a.staffCount}`}</Td>
                <Td>{a.done}</Td>
                <Td>{a.nextSteps}</Td>
                <Td>
                  <ul>
                    {a.attachments.map((f) => (
                      <li key={f.id} className="flex flex-wrap items-center gap-2">
                        <a href={f.url} download={f.fileName}>
                          {f.fileName}
                        </a>
                        {f.can.delete && (
                          <Button
                            size="xs"
                            variant="tertiary"
                            onClick={() => removeFile.mutate(f.id)}
                            aria-label={`${t('projects.files.delete')}: ${f.fileName}`}
                          >
                            {t('projects.ledger.delete')}
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                </Td>
                {p.can.logActivity && (
                  <Td>
                    <div className="flex flex-wrap gap-2">
                      {a.can.edit && (
                        <Button
                          size="xs"
                          variant="secondary"
                          onClick={() => startEditing(a)}
                          aria-label={`${t('projects.ledger.edit')}: ${formatYmd(a.date, locale)}`}
                        >
                          {t('projects.ledger.edit')}
                        </Button>
                      )}
                      {a.can.delete && (
                        <Button
                          size="xs"
                          variant="danger"
                          onClick={() => remove.mutate(a.id)}
                          aria-label={`${t('projects.ledger.delete')}: ${formatYmd(a.date, locale)}`}
                        >
                          {t('projects.ledger.delete')}
                        </Button>
                      )}
                    </div>
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {p.can.logActivity && (
        <form
          className="flex flex-col gap-4 rounded-12 border border-solid-gray-420 bg-white p-5"
          noValidate
          onSubmit={submit}
        >
          <h3 ref={formHeading} tabIndex={-1} className="text-std-18B-160">
            {editing
              ? t('projects.ledger.editTitle', { date: formatYmd(editing.date, locale) })
              : t('projects.ledger.logTitle')}
          </h3>
          <ErrorSummary errors={form} />
          {form.conflict && <Alert tone="warning">{t('projects.ledger.conflict')}</Alert>}
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              id={form.id(['date'])}
              type="date"
              label={t('projects.ledger.date')}
              value={values.date}
              onChange={set('date')}
              error={form.fieldMessage('date')}
              required
            />
            <Select
              id={form.id(['mode'])}
              label={t('projects.ledger.mode')}
              value={values.mode}
              onChange={set('mode')}
              error={form.fieldMessage('mode')}
            >
              {activityModes.map((m) => (
                <option key={m} value={m}>
                  {pick(activityModeLabels[m])}
                </option>
              ))}
            </Select>
            <TextField
              id={form.id(['hours'])}
              type="number"
              step={0.5}
              min={0.5}
              max={24}
              label={t('projects.ledger.hours')}
              hint={t('projects.ledger.hoursHint')}
              value={values.hours}
              onChange={set('hours')}
              error={form.fieldMessage('hours')}
              required
            />
            <TextField
              id={form.id(['headCount'])}
              type="number"
              min={0}
              label={t('projects.ledger.headCount')}
              value={values.headCount}
              onChange={set('headCount')}
              error={form.fieldMessage('headCount')}
            />
            <TextField
              id={form.id(['dxLeadCount'])}
              type="number"
              min={0}
              label={t('projects.ledger.dxLeadCount')}
              value={values.dxLeadCount}
              onChange={set('dxLeadCount')}
              error={form.fieldMessage('dxLeadCount')}
            />
            <TextField
              id={form.id(['staffCount'])}
              type="number"
              min={0}
              label={t('projects.ledger.staffCount')}
              value={values.staffCount}
              onChange={set('staffCount')}
              error={form.fieldMessage('staffCount')}
            />
          </div>
          <TextArea
            id={form.id(['done'])}
            label={t('projects.ledger.done')}
            value={values.done}
            onChange={set('done')}
            error={form.fieldMessage('done')}
            required
          />
          <TextArea
            id={form.id(['nextSteps'])}
            label={t('projects.ledger.nextSteps')}
            value={values.nextSteps}
            onChange={set('nextSteps')}
            error={form.fieldMessage('nextSteps')}
            isOptional
          />
          <div className="flex flex-wrap gap-4">
            <Button type="submit" isBusy={log.isPending}>
              {editing ? t('projects.ledger.save') : t('projects.ledger.log')}
            </Button>
            {editing && (
              <Button type="button" variant="tertiary" onClick={stopEditing}>
                {t('projects.ledger.cancelEdit')}
              </Button>
            )}
          </div>
          {result && (
            <div className="flex flex-col gap-2" role="status">
              <Alert tone="success">{t(`projects.ledger.${resultKind}`)}</Alert>
              {result.warnings.length > 0 && (
                <Alert tone="warning" title={t('projects.ledger.warnings')}>
                  <ul className="list-disc pl-6">
                    {result.warnings.map((w) => (
                      <li key={w.kind}>{pick(w)}</li>
                    ))}
                  </ul>
                </Alert>
              )}
            </div>
          )}
        </form>
      )}
    </Section>
  );
}

function Attach({ p }: P) {
  const { t, locale } = useI18n();
  const invalidate = useInvalidateProjects();
  const form = useVersionedForm('attachment');
  const fileRef = useRef<HTMLInputElement>(null);
  const targets = [
    ...(p.can.logActivity ? p.activities.map((a) => ({ id: a.id, label: formatYmd(a.date, locale) })) : []),
    ...(p.can.editReport ? [{ id: '', label: t('projects.files.toReport') }] : []),
  ];
  const [target, setTarget] = useState(targets[0]?.id ?? '');
  const upload = useMutation({
    mutationFn: (file: File) => projectsCalls.addAttachment(p.id, file, target || null),
    onSuccess: async () => {
      form.clear();
      if (fileRef.current) fileRef.current.value = '';
      await invalidate();
    },
    onError: (e) => form.onError(e),
  });
  if (targets.length === 0) return null;
  const fileId = form.id(['file']);
  const fileError = form.fieldMessage('file');
  return (
    <Section title={t('projects.files.title')} boxed>
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const file = fileRef.current?.files?.[0];
          if (!file) {
            form.showFields([
              {
                path: ['file'],
                code: 'required',
                ja: translate('ja', 'projects.files.fileRequired'),
                en: translate('en', 'projects.files.fileRequired'),
              },
            ]);
            return;
          }
          upload.mutate(file);
        }}
      >
        <ErrorSummary errors={form} />
        <Select label={t('projects.files.target')} value={target} onChange={(e) => setTarget(e.target.value)}>
          {targets.map((x) => (
            <option key={x.id || 'report'} value={x.id}>
              {x.label}
            </option>
          ))}
        </Select>
        <div className="flex flex-col gap-2">
          <FieldLabel htmlFor={fileId}>{t('projects.files.file')}</FieldLabel>
          <FieldHint id={`${fileId}-hint`}>{t('projects.files.hint')}</FieldHint>
          <input
            ref={fileRef}
            id={fileId}
            type="file"
            accept=".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={describedBy(`${fileId}-hint`, fileError && `${fileId}-error`)}
            className="w-full max-w-xl cursor-pointer rounded-8 border border-solid-gray-600 bg-white p-2"
          />
          {fileError && <FieldError id={`${fileId}-error`}>{fileError}</FieldError>}
        </div>
        <div>
          <Button type="submit" variant="secondary" isBusy={upload.isPending}>
            {t('projects.files.upload')}
          </Button>
        </div>
        {upload.isSuccess && (
          <Alert tone="success" isLive>
            {t('projects.files.uploaded')}
          </Alert>
        )}
      </form>
    </Section>
  );
}

function Actions({ p }: P) {
  const { t } = useI18n();
  const invalidate = useInvalidateProjects();
  const form = useVersionedForm('actions');
  const [reason, setReason] = useState('');
  const complete = useMutation({
    mutationFn: () => projectsCalls.complete(p.id),
    onSuccess: () => invalidate(),
    onError: (e) => form.onError(e),
  });
  const cancel = useMutation({
    mutationFn: () => projectsCalls.cancel(p.id, reason),
    onSuccess: () => invalidate(),
    onError: (e) => form.onError(e),
  });
  if (!p.can.complete && !p.can.cancel) return null;
  return (
    <Section title={t('projects.actions.title')}>
      <ErrorSummary errors={form} />
      {p.can.complete && (
        <div>
          <Button onClick={() => complete.mutate()} isBusy={complete.isPending}>
            {t('projects.actions.complete')}
          </Button>
        </div>
      )}
      {complete.isSuccess && (
        <Alert tone="success" isLive>
          {t('projects.actions.completed')}
        </Alert>
      )}
      {p.can.cancel && (
        <form
          className="flex flex-col gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            cancel.mutate();
          }}
        >
          <TextArea
            id={form.id(['reason'])}
            label={t('projects.actions.cancelReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={form.fieldMessage('reason')}
            required
          />
          <div>
            <Button type="submit" variant="danger" isBusy={cancel.isPending}>
              {t('projects.actions.cancel')}
            </Button>
          </div>
        </form>
      )}
    </Section>
  );
}

function Report({ p }: P) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidateProjects();
  const form = useVersionedForm('report');
  const r = p.report;
  const [values, setValues] = useState(
    () =>
      Object.fromEntries(reportFields.map((k) => [k, r?.[k] ?? ''])) as Record<
        (typeof reportFields)[number],
        string
      >,
  );
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => async () => {
    form.clear();
    setMessage(text);
    await invalidate();
  };
  const fail = (e: unknown) => {
    setMessage(null);
    form.onError(e);
  };
  const save = useMutation({
    mutationFn: () => projectsCalls.saveReport(p.id, { ...values, version: r?.version ?? null }),
    onSuccess: done(t('projects.reportForm.saved')),
    onError: fail,
  });
  const submit = useMutation({
    mutationFn: async () => {
      const saved = await projectsCalls.saveReport(p.id, { ...values, version: r?.version ?? null });
      return projectsCalls.submitReport(p.id, saved.report!.version);
    },
    onSuccess: done(t('projects.reportForm.submitted')),
    onError: fail,
  });
  const giveBack = useMutation({
    mutationFn: () => projectsCalls.returnReport(p.id, r!.version, comment),
    onSuccess: done(t('projects.reportForm.returned')),
    onError: fail,
  });
  const approve = useMutation({
    mutationFn: () => projectsCalls.approveReport(p.id, r!.version),
    onSuccess: done(t('projects.reportForm.approvedMessage')),
    onError: fail,
  });
  const show = p.can.editReport || r !== null;
  if (!show && p.status !== 'completed') return null;
  return (
    <Section title={t('projects.reportForm.title')} boxed={p.can.editReport || p.can.reviewReport}>
      <ErrorSummary errors={form} />
      {r && <Badge>{pick(reportStatusLabels[r.status])}</Badge>}
      {r?.status === 'returned' && r.returnComment && (
        <Alert tone="warning">{t('projects.reportForm.returnedWith', { comment: r.returnComment })}</Alert>
      )}
      {p.can.editReport ? (
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          {reportFields.map((k) => (
            <TextArea
              key={k}
              id={form.id([k])}
              label={t(`projects.reportForm.${k}`)}
              value={values[k]}
              onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))}
              error={form.fieldMessage(k)}
              isOptional={k === 'tools' || k === 'remainingIssues'}
            />
          ))}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="secondary" isBusy={save.isPending}>
              {t('projects.reportForm.save')}
            </Button>
            <Button type="button" onClick={() => submit.mutate()} isBusy={submit.isPending}>
              {t('projects.reportForm.submit')}
            </Button>
          </div>
        </form>
      ) : r ? (
        <DescriptionList
          items={reportFields.map((k) => ({
            term: t(`projects.reportForm.${k}`),
            value: r[k] || t('projects.none'),
          }))}
        />
      ) : (
        <p>{t('projects.reportForm.notYet')}</p>
      )}
      {r && r.attachments.length > 0 && (
        <ul>
          {r.attachments.map((f) => (
            <li key={f.id}>
              <a href={f.url} download={f.fileName}>
                {f.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      {p.can.reviewReport && (
        <div className="flex flex-col gap-3">
          <TextArea
            id={form.id(['comment'])}
            label={t('projects.reportForm.returnComment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            error={form.fieldMessage('comment')}
            isOptional
          />
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" onClick={() => giveBack.mutate()} isBusy={giveBack.isPending}>
              {t('projects.reportForm.return')}
            </Button>
            <Button onClick={() => approve.mutate()} isBusy={approve.isPending}>
              {t('projects.reportForm.approve')}
            </Button>
          </div>
        </div>
      )}
      {message && (
        <Alert tone="success" isLive>
          {message}
        </Alert>
      )}
    </Section>
  );
}

function Evaluation({ p }: P) {
  const { t } = useI18n();
  const e = p.evaluation;
  const helped = { yes: 'helpedYes', partly: 'helpedPartly', no: 'helpedNo' } as const;
  return (
    <Section title={t('projects.evaluation.title')}>
      {!e ? (
        <p>{t('projects.evaluation.notYet')}</p>
      ) : e.evaluatedAt ? (
        <DescriptionList
          items={[
            {
              term: t('projects.evaluation.satisfaction'),
              value: e.satisfaction === null ? t('projects.none') : String(e.satisfaction),
            },
            {
              term: t('projects.evaluation.helped'),
              value: e.helped ? t(`projects.evaluation.${helped[e.helped]}`) : t('projects.none'),
            },
            {
              term: t('projects.evaluation.recommend'),
              value:
                e.recommend === null
                  ? t('projects.none')
                  : t(e.recommend ? 'projects.evaluation.yes' : 'projects.evaluation.no'),
            },
          ]}
        />
      ) : (
        <div className="flex flex-col gap-2">
          <p>{t('projects.evaluation.waiting')}</p>
          <p>
            <Link to={`/surveys/${e.surveyId}/answer`}>{t('projects.evaluation.answer')}</Link>
          </p>
        </div>
      )}
      {e?.followUpSurveyId && (
        <p>
          <Link to={`/surveys/${e.followUpSurveyId}/answer`}>{t('projects.evaluation.followUp')}</Link>
        </p>
      )}
    </Section>
  );
}

function History({ p }: P) {
  const { t, pick, locale } = useI18n();
  if (p.history.length === 0) return null;
  return (
    <Section title={t('projects.history')}>
      <Table caption={t('projects.historyCaption')} captionHidden dense>
        <THead>
          <tr>
            <Th>{t('projects.at')}</Th>
            <Th>{t('projects.from')}</Th>
            <Th>{t('projects.to')}</Th>
            <Th>{t('projects.by')}</Th>
            <Th>{t('projects.comment')}</Th>
          </tr>
        </THead>
        <TBody>
          {p.history.map((h) => (
            <Tr key={`${h.at}-${h.to}`}>
              <Td>{formatDateTime(h.at, locale)}</Td>
              <Td>{h.from ? pick(supportProjectStatusLabels[h.from]) : t('projects.none')}</Td>
              <Td>{pick(supportProjectStatusLabels[h.to])}</Td>
              <Td>{h.byName ?? t('projects.none')}</Td>
              <Td>{h.comment}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Section>
  );
}
