import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import {
  type CaseCreate,
  type CaseDetail,
  type CasePatch,
  caseCreateSchema,
  casePatchSchema,
  caseReturnSchema,
  caseStatusLabels,
} from '../../../shared/schemas/cases';
import { useSession } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox, CheckboxGroup } from '../../components/Checkbox';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormErrors } from '../../components/forms/FormErrors';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { TextArea, TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { formatDate, formatFiscalYear } from '../../lib/format';
import { useSupportProjects } from '../applications/api';
import { useFiscalYears } from '../fiscal-years/api';
import { useMunicipalities } from '../municipalities/api';
import { casesCalls, useCase, useInvalidateCases } from './api';
import { CaseArticle, CaseStatusBadge } from './parts';

interface Fields {
  title: string;
  challengeAreas: ChallengeArea[];
  challenge: string;
  approach: string;
  tools: string;
  cost: string;
  effect: string;
  companyName: string;
  isIllustrative: boolean;
}

const fieldsOf = (c?: CaseDetail): Fields => ({
  title: c?.title ?? '',
  challengeAreas: c?.challengeAreas ?? [],
  challenge: c?.challenge ?? '',
  approach: c?.approach ?? '',
  tools: c?.tools ?? '',
  cost: c?.costThousandYen === null || c?.costThousandYen === undefined ? '' : String(c.costThousandYen),
  effect: c?.effect ?? '',
  companyName: c?.companyName ?? '',
  isIllustrative: c?.isIllustrative ?? false,
});

/** The text fields and areas of a case, shared by the new and edit forms. */
function CaseFields({
  form,
  values,
  set,
  isAdmin,
}: {
  form: ReturnType<typeof useVersionedForm<Fields>>;
  values: Fields;
  set: <K extends keyof Fields>(name: K) => (value: Fields[K]) => void;
  isAdmin: boolean;
}) {
  const { t, locale } = useI18n();
  const text = (name: 'challenge' | 'approach' | 'tools' | 'effect', rows = 5) => (
    <TextArea
      id={form.id([name])}
      label={t(`cases.fields.${name}`)}
      value={values[name]}
      rows={rows}
      onChange={(e) => set(name)(e.target.value)}
      error={form.fieldMessage(name)}
    />
  );
  return (
    <>
      <TextField
        id={form.id(['title'])}
        label={t('cases.fields.title')}
        required
        value={values.title}
        maxLength={120}
        onChange={(e) => set('title')(e.target.value)}
        error={form.fieldMessage('title')}
      />
      <CheckboxGroup
        id={form.id(['challengeAreas'])}
        legend={t('cases.fields.areas')}
        hint={t('cases.manage.areasHint')}
        error={form.fieldMessage('challengeAreas')}
      >
        {challengeAreas.map((a) => (
          <Checkbox
            key={a}
            label={challengeAreaLabels[a][locale]}
            checked={values.challengeAreas.includes(a)}
            onChange={(e) =>
              set('challengeAreas')(
                e.target.checked
                  ? [...values.challengeAreas, a]
                  : values.challengeAreas.filter((x) => x !== a),
              )
            }
          />
        ))}
      </CheckboxGroup>
      {text('challenge')}
      {text('approach')}
      {text('tools', 2)}
      <TextField
        id={form.id(['costThousandYen'])}
        label={t('cases.fields.cost')}
        hint={t('cases.manage.costHint')}
        isOptional
        inputMode="numeric"
        value={values.cost}
        onChange={(e) => set('cost')(e.target.value)}
        error={form.fieldMessage('costThousandYen')}
        inputClassName="max-w-48"
      />
      {text('effect')}
      <TextField
        id={form.id(['companyName'])}
        label={t('cases.fields.company')}
        isOptional
        value={values.companyName}
        onChange={(e) => set('companyName')(e.target.value)}
        error={form.fieldMessage('companyName')}
      />
      {isAdmin && (
        <Checkbox
          label={t('cases.fields.isIllustrative')}
          checked={values.isIllustrative}
          onChange={(e) => set('isIllustrative')(e.target.checked)}
        />
      )}
    </>
  );
}

/** The fields as the API takes them: a number for the cost (a typo stays text, so the schema names the field). */
function bodyOf(values: Fields, isAdmin: boolean) {
  const cost = values.cost.trim();
  return {
    title: values.title.trim(),
    challengeAreas: values.challengeAreas,
    challenge: values.challenge,
    approach: values.approach,
    tools: values.tools,
    costThousandYen: cost === '' ? null : /^\d+$/.test(cost) ? Number(cost) : (cost as unknown as number),
    effect: values.effect,
    companyName: values.companyName,
    ...(isAdmin ? { isIllustrative: values.isIllustrative } : {}),
  };
}

function NewCase({ isAdmin }: { isAdmin: boolean }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const invalidate = useInvalidateCases();
  const form = useVersionedForm<Fields, CaseDetail>({ id: 'case-new', initial: fieldsOf() });
  const projects = useSupportProjects('');
  const years = useFiscalYears();
  const towns = useMunicipalities({});
  const [projectId, setProjectId] = useState('');
  const [municipalityId, setMunicipalityId] = useState('');
  const [fiscalYearId, setFiscalYearId] = useState('');
  const project = projects.data?.find((p) => p.id === projectId);
  const yearIdOf = (year: number) => years.data?.find((y) => y.year === year)?.id ?? '';

  const created = async (c: CaseDetail) => {
    await invalidate();
    navigate(`/cases/manage/${c.id}`);
  };
  const create = useMutation({
    mutationFn: (body: CaseCreate) => casesCalls.create(body),
    onSuccess: created,
    onError: form.onError,
  });
  const fromProject = useMutation({
    mutationFn: (id: string) => casesCalls.fromProject(id),
    onSuccess: created,
    onError: form.onError,
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const body = {
      municipalityId: project ? project.municipalityId : municipalityId,
      fiscalYearId: project ? yearIdOf(project.fiscalYear) : fiscalYearId,
      supportProjectId: project ? project.id : null,
      menuProposalId: project ? project.menuId : null,
      ...bodyOf(form.values, isAdmin),
    };
    if (!form.check(caseCreateSchema, body)) return;
    create.mutate(body);
  }

  return (
    <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
      <FormErrors form={form} />
      <Select
        id={form.id(['supportProjectId'])}
        label={t('cases.manage.project')}
        hint={t('cases.manage.projectHint')}
        value={projectId}
        onChange={(e) => setProjectId(e.target.value)}
        error={form.fieldMessage('supportProjectId') ?? form.fieldMessage('projectId')}
        isOptional={isAdmin}
      >
        <option value="">{t('cases.manage.projectNone')}</option>
        {(projects.data ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {formatFiscalYear(p.fiscalYear, locale)} {p.municipalityName}: {p.title}
          </option>
        ))}
      </Select>
      {project && (
        <div>
          <Button
            type="button"
            variant="secondary"
            isBusy={fromProject.isPending}
            onClick={() => fromProject.mutate(project.id)}
          >
            {t('cases.manage.fromProject')}
          </Button>
        </div>
      )}
      {!project && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Select
            id={form.id(['municipalityId'])}
            label={t('cases.manage.municipality')}
            required
            value={municipalityId}
            onChange={(e) => setMunicipalityId(e.target.value)}
            error={form.fieldMessage('municipalityId')}
          >
            <option value="" />
            {(towns.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {locale === 'ja' ? m.name : m.nameEn}
              </option>
            ))}
          </Select>
          <Select
            id={form.id(['fiscalYearId'])}
            label={t('cases.manage.fiscalYear')}
            required
            value={fiscalYearId}
            onChange={(e) => setFiscalYearId(e.target.value)}
            error={form.fieldMessage('fiscalYearId')}
          >
            <option value="" />
            {(years.data ?? []).map((y) => (
              <option key={y.id} value={y.id}>
                {formatFiscalYear(y.year, locale)}
              </option>
            ))}
          </Select>
        </div>
      )}
      <CaseFields form={form} values={form.values} set={form.set} isAdmin={isAdmin} />
      <div>
        <Button type="submit" isBusy={create.isPending}>
          {t('cases.manage.create')}
        </Button>
      </div>
    </form>
  );
}

function EditCase({ c, isAdmin }: { c: CaseDetail; isAdmin: boolean }) {
  const { t } = useI18n();
  const invalidate = useInvalidateCases();
  const form = useVersionedForm<Fields, CaseDetail>({ id: 'case-edit', initial: fieldsOf(c) });
  const [version, setVersion] = useState(c.version);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: CasePatch) => casesCalls.update(c.id, body),
    onSuccess: async (next) => {
      form.clear();
      form.resolveConflict();
      setVersion(next.version);
      setSaved(true);
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
      form.setValues(fieldsOf(current));
      setVersion(current.version);
    }
    form.resolveConflict();
    void invalidate();
  };
  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const body = { version, ...bodyOf(form.values, isAdmin) };
    if (!form.check(casePatchSchema, body)) return;
    save.mutate(body);
  }
  return (
    <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
      <FormErrors form={form} onReload={reload} />
      {saved && !form.hasErrors && (
        <Alert tone="success" isLive>
          {t('cases.manage.saved')}
        </Alert>
      )}
      <CaseFields form={form} values={form.values} set={form.set} isAdmin={isAdmin} />
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('cases.manage.save')}
        </Button>
      </div>
    </form>
  );
}

/** Submit, approve, return with a comment, unpublish: what the case's `can` allows. */
function Workflow({ c }: { c: CaseDetail }) {
  const { t, pick, locale } = useI18n();
  const invalidate = useInvalidateCases();
  const form = useVersionedForm<{ comment: string }, CaseDetail>({
    id: 'case-workflow',
    initial: { comment: '' },
  });
  const [done, setDone] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (action: 'submit' | 'approve' | 'return' | 'unpublish') =>
      action === 'submit'
        ? casesCalls.submit(c.id, c.version)
        : action === 'approve'
          ? casesCalls.approve(c.id, c.version)
          : action === 'return'
            ? casesCalls.returnCase(c.id, c.version, form.values.comment.trim())
            : casesCalls.unpublish(c.id, c.version),
    onSuccess: async (next) => {
      form.clear();
      form.setValues({ comment: '' });
      setDone(t('cases.manage.done', { status: pick(caseStatusLabels[next.status]) }));
      await invalidate();
    },
    onError: (error) => {
      setDone(null);
      form.onError(error);
    },
  });
  const returnIt = () => {
    if (!form.check(caseReturnSchema, { version: c.version, comment: form.values.comment.trim() })) return;
    act.mutate('return');
  };
  const anything = c.can.submit || c.can.approve || c.can.return || c.can.unpublish;
  return (
    <Section title={t('cases.manage.workflow')} boxed>
      <p className="flex items-center gap-2">
        {t('cases.fields.status')}: <CaseStatusBadge status={c.status} />
      </p>
      {c.returnComment && c.returnedAt && c.status === 'draft' && (
        <Alert tone="warning" title={t('cases.manage.returned', { date: formatDate(c.returnedAt, locale) })}>
          <p className="whitespace-pre-line">{c.returnComment}</p>
        </Alert>
      )}
      {done && (
        <Alert tone="success" isLive>
          {done}
        </Alert>
      )}
      <FormErrors form={form} onReload={() => void invalidate().then(() => form.resolveConflict())} />
      {anything && (
        <div className="flex flex-col gap-4">
          <div className="flex flex-wrap gap-3">
            {c.can.submit && (
              <Button onClick={() => act.mutate('submit')} isBusy={act.isPending}>
                {t('cases.manage.submit')}
              </Button>
            )}
            {c.can.approve && (
              <Button onClick={() => act.mutate('approve')} isBusy={act.isPending}>
                {c.status === 'awaiting_prefecture'
                  ? t('cases.manage.approvePrefecture')
                  : t('cases.manage.approveTown')}
              </Button>
            )}
            {c.can.unpublish && (
              <ConfirmButton
                label={t('cases.manage.unpublish')}
                question={t('cases.manage.unpublishQuestion')}
                confirmLabel={t('cases.manage.unpublish')}
                onConfirm={() => act.mutate('unpublish')}
                isBusy={act.isPending}
              />
            )}
          </div>
          {c.can.return && (
            <div className="flex flex-col gap-3">
              <TextArea
                id={form.id(['comment'])}
                label={t('cases.manage.returnComment')}
                rows={3}
                value={form.values.comment}
                onChange={(e) => form.set('comment')(e.target.value)}
                error={form.fieldMessage('comment')}
              />
              <div>
                <Button variant="secondary" onClick={returnIt} isBusy={act.isPending}>
                  {t('cases.manage.returnSend')}
                </Button>
              </div>
            </div>
          )}
        </div>
      )}
      {c.status === 'published' && <Link to={`/cases/${c.id}`}>{t('cases.manage.publicPage')}</Link>}
    </Section>
  );
}

/** /cases/manage/new and /cases/manage/:id: drafting, editing and the approval steps. */
export default function CaseEditPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const session = useSession();
  const isAdmin = session.data?.roles.includes('prefecture_admin') ?? false;
  const query = useCase(id);
  const crumbs = (label: string) => [
    { label: t('nav.home'), to: '/' },
    { label: t('cases.manage.title'), to: '/cases/manage' },
    { label },
  ];
  if (!id)
    return (
      <div className="flex flex-col gap-8">
        <PageHeader title={t('cases.manage.newTitle')} breadcrumbs={crumbs(t('cases.manage.newTitle'))} />
        <NewCase isAdmin={isAdmin} />
      </div>
    );
  return (
    <QueryState query={query}>
      {(c) => (
        <div className="flex flex-col gap-8">
          <PageHeader
            title={c.title}
            breadcrumbs={crumbs(c.title)}
            meta={<CaseStatusBadge status={c.status} />}
          />
          <Workflow key={c.id} c={c} />
          {c.can.edit ? (
            <Section title={t('cases.manage.editTitle')}>
              <EditCase key={c.id} c={c} isAdmin={isAdmin} />
            </Section>
          ) : (
            <CaseArticle c={c} headingLevel={1} />
          )}
        </div>
      )}
    </QueryState>
  );
}
