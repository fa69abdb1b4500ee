import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  type HistoryImportReport,
  historyImportColumns,
  supportProjectStatusLabels,
} from '../../../shared/schemas/applications';
import type { FieldError as FieldErrorShape } from '../../../shared/errors';
import { isApiError } from '../../api/client';
import { isPrefectureAdmin, useCurrentUser } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { describedBy, FieldError, FieldHint, FieldLabel } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { translate } from '../../i18n/translate';
import { formatFiscalYear, formatThousandYen } from '../../lib/format';
import { useFiscalYears } from '../fiscal-years/api';
import { applicationsCalls, useInvalidateApplications, useSupportProjects } from './api';

/** Support projects of a year (or all years), and for the prefecture the import of past years' history. */
export default function SupportProjectsPage() {
  const { t, pick, locale } = useI18n();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const fiscalYearId = params.get('fy') ?? '';
  const years = useFiscalYears();
  const projects = useSupportProjects(fiscalYearId);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('applications.projects.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('applications.projects.title') }]}
        description={t('applications.projects.description')}
      />
      <Select
        label={t('applications.common.fiscalYear')}
        value={fiscalYearId}
        onChange={(e) => setParams(e.target.value ? { fy: e.target.value } : {}, { replace: true })}
        className="max-w-xs"
      >
        <option value="">{t('applications.projects.allYears')}</option>
        {(years.data ?? []).map((y) => (
          <option key={y.id} value={y.id}>
            {pick(y.label)}
          </option>
        ))}
      </Select>
      <QueryState query={projects}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('applications.projects.empty')} />
          ) : (
            <Table caption={t('applications.projects.caption', { count: items.length })} dense>
              <THead>
                <tr>
                  <Th>{t('applications.common.fiscalYear')}</Th>
                  <Th>{t('applications.common.municipality')}</Th>
                  <Th>{t('applications.projects.title_')}</Th>
                  <Th>{t('applications.common.company')}</Th>
                  <Th numeric>{t('applications.common.cost')}</Th>
                  <Th>{t('applications.common.status')}</Th>
                  <Th>{t('applications.projects.source')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((p) => (
                  <Tr key={p.id}>
                    <Td>{formatFiscalYear(p.fiscalYear, locale)}</Td>
                    <Td>{p.municipalityName}</Td>
                    <Td>{p.title}</Td>
                    <Td>{p.companyName}</Td>
                    <Td numeric>
                      {p.costThousandYen === null
                        ? t('applications.common.none')
                        : formatThousandYen(p.costThousandYen, locale)}
                    </Td>
                    <Td>
                      <Badge>{pick(supportProjectStatusLabels[p.status])}</Badge>
                    </Td>
                    <Td>
                      {p.source === 'allocation'
                        ? t('applications.projects.sourceAllocation')
                        : t('applications.projects.sourceImport')}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )
        }
      </QueryState>
      {isPrefectureAdmin(user) && <HistoryImport />}
    </div>
  );
}

/** The header row alone as a UTF-8 CSV with BOM (so Excel reads the Japanese headers), built in the browser. */
const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${historyImportColumns.join(',')}\r\n`)}`;

function rowErrors(fields: FieldErrorShape[]): HistoryImportReport['errors'] {
  return fields.map((f) => ({
    row: typeof f.path[1] === 'number' ? f.path[1] : Number(f.path[1]) || 0,
    column: String(f.path[2] ?? ''),
    ja: f.ja,
    en: f.en,
  }));
}

/** Dry run first (row errors listed), then the import itself; all rows or none. */
function HistoryImport() {
  const { t, pick } = useI18n();
  const invalidate = useInvalidateApplications();
  const form = useVersionedForm('history-import');
  const fileRef = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<HistoryImportReport | null>(null);
  const upload = useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      applicationsCalls.importHistory(file, dryRun),
    onSuccess: async (result) => {
      form.clear();
      setReport(result);
      if (!result.dryRun && result.errors.length === 0) await invalidate();
    },
    onError: (error) => {
      // A rejected import (422) carries each row's problem as a field at ['rows', row, column]: shown in the table.
      if (isApiError(error, 'IMPORT_REJECTED')) {
        setReport({ dryRun: false, imported: 0, errors: rowErrors(error.fields) });
        form.showFields([], error.localized);
        return;
      }
      setReport(null);
      form.showError(error);
    },
  });
  const fileId = form.id(['file']);
  const fileError = form.fieldMessage('file');
  function send(dryRun: boolean) {
    const file = fileRef.current?.files?.[0];
    if (!file) {
      form.showFields([
        {
          path: ['file'],
          code: 'required',
          ja: translate('ja', 'applications.projects.fileRequired'),
          en: translate('en', 'applications.projects.fileRequired'),
        },
      ]);
      return;
    }
    upload.mutate({ file, dryRun });
  }
  const errorsOf = report?.errors ?? [];
  return (
    <Section
      title={t('applications.projects.importTitle')}
      description={t('applications.projects.importDescription')}
      boxed
    >
      <p className="text-std-16N-170">
        {t('applications.projects.columns', { columns: historyImportColumns.join('、') })}{' '}
        <a href={templateHref} download="support-history-template.csv">
          {t('applications.projects.template')}
        </a>
      </p>
      <ErrorSummary errors={form} />
      <div className="flex flex-col gap-2">
        <FieldLabel htmlFor={fileId}>{t('applications.projects.file')}</FieldLabel>
        <FieldHint id={`${fileId}-hint`}>{t('applications.projects.fileHint')}</FieldHint>
        <input
          ref={fileRef}
          id={fileId}
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy(`${fileId}-hint`, fileError && `${fileId}-error`)}
          // Not inputClass: Chrome counts a file input as read-only, which that style greys out.
          className="w-full max-w-xl cursor-pointer rounded-8 border border-solid-gray-600 bg-white p-2 text-oln-16N-100 text-solid-gray-800 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1 file:mr-4 file:cursor-pointer file:rounded-6 file:border file:border-current file:bg-white file:px-3 file:py-1.5 file:text-oln-16B-100 file:text-blue-900 hover:file:bg-blue-200"
          onChange={() => {
            setReport(null);
            form.clear();
          }}
        />
        {fileError && <FieldError id={`${fileId}-error`}>{fileError}</FieldError>}
      </div>
      <div className="flex flex-wrap gap-3">
        <Button
          variant="secondary"
          onClick={() => send(true)}
          isBusy={upload.isPending && upload.variables?.dryRun}
        >
          {t('applications.projects.dryRun')}
        </Button>
        <Button
          onClick={() => send(false)}
          isBusy={upload.isPending && !upload.variables?.dryRun}
          aria-disabled={!report?.dryRun || errorsOf.length > 0 || undefined}
        >
          {t('applications.projects.import')}
        </Button>
      </div>
      {report && errorsOf.length === 0 && (
        <Alert tone="success" isLive>
          {report.dryRun
            ? t('applications.projects.dryRunOk', { count: report.imported })
            : t('applications.projects.imported', { count: report.imported })}
        </Alert>
      )}
      {errorsOf.length > 0 && (
        <Alert tone="error" isLive>
          {t('applications.projects.notImported')}
        </Alert>
      )}
      {errorsOf.length > 0 && (
        <Table caption={t('applications.projects.errorsCaption', { count: errorsOf.length })} dense>
          <THead>
            <tr>
              <Th numeric>{t('applications.projects.row')}</Th>
              <Th>{t('applications.projects.column')}</Th>
              <Th>{t('applications.projects.message')}</Th>
            </tr>
          </THead>
          <TBody>
            {errorsOf.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several errors in one column.
              <Tr key={`${e.row}-${e.column}-${i}`}>
                <Td numeric>{e.row}</Td>
                <Td>{e.column}</Td>
                <Td>{pick(e)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Section>
  );
}
