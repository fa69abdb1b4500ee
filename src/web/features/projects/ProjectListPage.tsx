import { Link, useSearchParams } from 'react-router';
import { supportProjectStatuses, supportProjectStatusLabels } from '../../../shared/schemas/applications';
import { reportStatusLabels } from '../../../shared/schemas/projects';
import { isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProjectSettings } from '../../../shared/schemas/projects';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { TextField } from '../../components/TextField';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatFiscalYear, formatNumber, formatYmd } from '../../lib/format';
import { useFiscalYears } from '../fiscal-years/api';
import { projectsCalls, useInvalidateProjects, useProjectLoad, useProjectSettings, useProjects } from './api';

/** The projects the user may see, with filters (year, status, company, municipality) kept in the URL. */
export default function ProjectListPage() {
  const { t, pick, locale } = useI18n();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = {
    fiscalYearId: params.get('fy') ?? '',
    status: params.get('status') ?? '',
    organizationId: params.get('company') ?? '',
    municipalityId: params.get('town') ?? '',
  };
  const years = useFiscalYears();
  // The choices of company and municipality come from the projects of the chosen year and status.
  const all = useProjects({ fiscalYearId: filters.fiscalYearId, status: filters.status });
  const projects = useProjects(filters);
  const companies = new Map(
    (all.data ?? []).flatMap((p) => (p.organizationId ? [[p.organizationId, p.companyName]] : [])),
  );
  const towns = new Map((all.data ?? []).map((p) => [p.municipalityId, p.municipalityName]));
  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('projects.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('projects.title') }]}
        description={t('projects.description')}
      />
      {isPrefectureAdmin(user) && (
        <p>
          <Link to="/projects/overdue">{t('projects.overdueLink')}</Link>
        </p>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="sr-only">{t('projects.filters')}</legend>
        <Select
          label={t('projects.fiscalYear')}
          value={filters.fiscalYearId}
          onChange={(e) => setFilter('fy', e.target.value)}
        >
          <option value="">{t('projects.allYears')}</option>
          {(years.data ?? []).map((y) => (
            <option key={y.id} value={y.id}>
              {pick(y.label)}
            </option>
          ))}
        </Select>
        <Select
          label={t('projects.status')}
          value={filters.status}
          onChange={(e) => setFilter('status', e.target.value)}
        >
          <option value="">{t('projects.allStatuses')}</option>
          {supportProjectStatuses.map((s) => (
            <option key={s} value={s}>
              {pick(supportProjectStatusLabels[s])}
            </option>
          ))}
        </Select>
        <Select
          label={t('projects.company')}
          value={filters.organizationId}
          onChange={(e) => setFilter('company', e.target.value)}
        >
          <option value="">{t('projects.allCompanies')}</option>
          {[...companies].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
        <Select
          label={t('projects.municipality')}
          value={filters.municipalityId}
          onChange={(e) => setFilter('town', e.target.value)}
        >
          <option value="">{t('projects.allMunicipalities')}</option>
          {[...towns].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
      </fieldset>
      <QueryState query={projects}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('projects.empty')} />
          ) : (
            <Table caption={t('projects.caption', { count: items.length })} dense>
              <THead>
                <tr>
                  <Th>{t('projects.fiscalYear')}</Th>
                  <Th>{t('projects.municipality')}</Th>
                  <Th>{t('projects.projectTitle')}</Th>
                  <Th>{t('projects.company')}</Th>
                  <Th>{t('projects.status')}</Th>
                  <Th numeric>{t('projects.sessions')}</Th>
                  <Th numeric>{t('projects.hours')}</Th>
                  <Th>{t('projects.report')}</Th>
                  <Th>{t('projects.reportDue')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((p) => (
                  <Tr key={p.id}>
                    <Td>{formatFiscalYear(p.fiscalYear, locale)}</Td>
                    <Td>{p.municipalityName}</Td>
                    <Td>
                      <Link to={`/projects/${p.id}`}>{p.title}</Link>
                    </Td>
                    <Td>{p.companyName}</Td>
                    <Td>
                      <Badge>{pick(supportProjectStatusLabels[p.status])}</Badge>
                    </Td>
                    <Td numeric>{p.usage.sessions}</Td>
                    <Td numeric>{formatNumber(p.usage.totalHours, locale)}</Td>
                    <Td>{p.reportStatus ? pick(reportStatusLabels[p.reportStatus]) : t('projects.none')}</Td>
                    <Td>{p.reportDueOn ? formatYmd(p.reportDueOn, locale) : t('projects.none')}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )
        }
      </QueryState>
      {filters.fiscalYearId && user && !user.roles.every((r) => r.startsWith('municipality')) && (
        <CompanyLoad fiscalYearId={filters.fiscalYearId} />
      )}
      {filters.fiscalYearId && isPrefectureAdmin(user) && (
        <YearSettings fiscalYearId={filters.fiscalYearId} />
      )}
    </div>
  );
}

/** Each company's projects and hours against its menus' capacity (the prefecture, the council, a company: its own). */
function CompanyLoad({ fiscalYearId }: { fiscalYearId: string }) {
  const { t, locale } = useI18n();
  const load = useProjectLoad(fiscalYearId);
  return (
    <Section title={t('projects.load.title')}>
      <QueryState query={load}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('projects.empty')} isCompact />
          ) : (
            <Table caption={t('projects.load.caption', { count: items.length })} dense>
              <THead>
                <tr>
                  <Th>{t('projects.company')}</Th>
                  <Th numeric>{t('projects.load.capacity')}</Th>
                  <Th numeric>{t('projects.load.projects')}</Th>
                  <Th numeric>{t('projects.load.active')}</Th>
                  <Th numeric>{t('projects.load.plannedHours')}</Th>
                  <Th numeric>{t('projects.load.loggedHours')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((l) => (
                  <Tr key={l.organizationId}>
                    <Td>{l.companyName}</Td>
                    <Td numeric>{l.capacity}</Td>
                    <Td numeric>{l.projects}</Td>
                    <Td numeric>{l.activeProjects}</Td>
                    <Td numeric>{formatNumber(l.plannedHours, locale)}</Td>
                    <Td numeric>{formatNumber(l.loggedHours, locale)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )
        }
      </QueryState>
    </Section>
  );
}

/** The year's caps per project and the report's due days (the prefecture's settings). */
function YearSettings({ fiscalYearId }: { fiscalYearId: string }) {
  const { t } = useI18n();
  const settings = useProjectSettings(fiscalYearId);
  return (
    <Section title={t('projects.settings.title')} description={t('projects.settings.description')} boxed>
      <QueryState query={settings}>
        {(s) => <SettingsForm key={`${fiscalYearId}-${s.version}`} settings={s} />}
      </QueryState>
    </Section>
  );
}

function SettingsForm({ settings }: { settings: ProjectSettings }) {
  const { t } = useI18n();
  const invalidate = useInvalidateProjects();
  const form = useVersionedForm('project-settings');
  const [onsite, setOnsite] = useState(String(settings.maxOnsiteDays));
  const [online, setOnline] = useState(String(settings.maxOnlineHours));
  const [due, setDue] = useState(String(settings.reportDueBusinessDays));
  const save = useMutation({
    mutationFn: () =>
      projectsCalls.saveSettings({
        fiscalYearId: settings.fiscalYearId,
        maxOnsiteDays: Number(onsite),
        maxOnlineHours: Number(online),
        reportDueBusinessDays: Number(due),
        version: settings.version,
      }),
    onSuccess: async () => {
      form.clear();
      await invalidate();
    },
    onError: (e) => form.onError(e),
  });
  return (
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
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          id={form.id(['maxOnsiteDays'])}
          type="number"
          min={0}
          label={t('projects.settings.maxOnsiteDays')}
          value={onsite}
          onChange={(e) => setOnsite(e.target.value)}
          error={form.fieldMessage('maxOnsiteDays')}
        />
        <TextField
          id={form.id(['maxOnlineHours'])}
          type="number"
          min={0}
          step={0.5}
          label={t('projects.settings.maxOnlineHours')}
          value={online}
          onChange={(e) => setOnline(e.target.value)}
          error={form.fieldMessage('maxOnlineHours')}
        />
        <TextField
          id={form.id(['reportDueBusinessDays'])}
          type="number"
          min={1}
          label={t('projects.settings.reportDueBusinessDays')}
          value={due}
          onChange={(e) => setDue(e.target.value)}
          error={form.fieldMessage('reportDueBusinessDays')}
        />
      </div>
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('projects.settings.save')}
        </Button>
      </div>
      {save.isSuccess && (
        <Alert tone="success" isLive>
          {t('projects.settings.saved')}
        </Alert>
      )}
    </form>
  );
}
