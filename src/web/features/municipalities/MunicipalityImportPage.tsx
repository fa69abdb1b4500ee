import { useEffect, useId, useRef, useState } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { describedBy, FieldError, FieldHint, FieldLabel } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { translate } from '../../i18n/translate';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { formatNumber } from '../../lib/format';
import { useMunicipalityImport } from './api';
import {
  type ImportReport,
  importErrorRows,
  importFields,
  importHeaderNames,
  isCleanReport,
  isImportField,
} from './import-report';

const summaryKeys = ['created', 'updated', 'unchanged'] as const;

/** The counts of a clean report: what was (or, on a dry run, would be) written. */
function ImportSummary({ report }: { report: ImportReport }) {
  const { t, locale } = useI18n();
  return (
    <dl className="mt-1 grid max-w-xl grid-cols-3 gap-3">
      {summaryKeys.map((key) => (
        <div
          key={key}
          className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white px-4 py-3"
        >
          <dt className="text-dns-16N-130 text-solid-gray-800">{t(`municipalityImport.${key}`)}</dt>
          <dd className="text-std-24B-150 text-solid-gray-900 tabular-nums">
            {t('municipalityImport.count', { count: formatNumber(report.summary[key], locale) })}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The rows that stopped the import, one table row per problem, in file order. */
function ImportErrors({
  report,
  headingRef,
}: {
  report: ImportReport;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { t, pick } = useI18n();
  const headingId = useId();
  const rows = importErrorRows(report);
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-std-24B-150 text-error-2">
        {t('municipalityImport.errorsHeading', { count: rows.length })}
      </h2>
      <Table caption={t('municipalityImport.errorsCaption')} captionHidden>
        <THead>
          <tr>
            <Th>{t('municipalityImport.line')}</Th>
            <Th>{t('municipalityImport.code')}</Th>
            <Th>{t('municipalityImport.field')}</Th>
            <Th>{t('municipalityImport.message')}</Th>
          </tr>
        </THead>
        <TBody>
          {rows.map((row) => (
            <Tr key={row.key}>
              <Td className="tabular-nums whitespace-nowrap">{row.line}</Td>
              <Td className="font-mono tabular-nums whitespace-nowrap">
                {row.code ?? (
                  <span className="font-sans text-solid-gray-700">{t('municipalityImport.noCode')}</span>
                )}
              </Td>
              <Td className="whitespace-nowrap">
                {row.column ? t(`municipalityImport.fields.${row.column}`) : t('municipalityImport.noCode')}
              </Td>
              <Td>{pick(row.message)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}

/** Columns the file lacks, by the header names a person would type. */
function MissingHeaders({
  names,
  headingRef,
}: {
  names: string[];
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-std-24B-150 text-error-2">
        {t('municipalityImport.missingHeadersHeading')}
      </h2>
      <p className="text-std-16N-170">{t('municipalityImport.missingHeadersBody')}</p>
      <ul className="flex list-disc flex-col gap-1 pl-8 text-std-16N-170">
        {names.map((name) => (
          <li key={name}>
            {isImportField(name) ? (
              <>
                <span lang="ja">{importHeaderNames[name].ja}</span>
                {' / '}
                <code lang="en" className="font-mono">
                  {importHeaderNames[name].en}
                </code>
              </>
            ) : (
              <code className="font-mono">{name}</code>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The prefecture administrator brings the municipality master list up to
 * date from a file. A dry run reports what would change without writing;
 * the server imports nothing unless every row is valid, so the page shows
 * either the counts or every problem with its line, never half a result.
 */
export default function MunicipalityImportPage() {
  const { t, pick } = useI18n();
  const errors = useVersionedForm('municipality-import');
  const upload = useMunicipalityImport();
  const [file, setFile] = useState<File | null>(null);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);
  const report = upload.data;
  const isClean = report ? isCleanReport(report) : false;

  // A report with problems is long: take the keyboard to its heading, as the error summary does.
  useEffect(() => {
    if (report && !isCleanReport(report)) resultHeadingRef.current?.focus();
  }, [report]);

  function chooseFile(event: React.ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0] ?? null);
    // A report belongs to the file it was made from.
    upload.reset();
    errors.clear();
  }

  function run(isDryRun: boolean) {
    if (upload.isPending) return;
    if (!file) {
      return errors.showFields([
        {
          path: ['file'],
          code: 'required',
          ja: translate('ja', 'municipalityImport.fileRequired'),
          en: translate('en', 'municipalityImport.fileRequired'),
        },
      ]);
    }
    errors.clear();
    upload.mutate({ file, isDryRun }, { onError: (error) => errors.showError(error) });
  }

  const fileId = errors.id(['file']);
  const fileHintId = `${fileId}-hint`;
  const fileErrorId = `${fileId}-error`;
  const fileError = errors.fieldError(['file']);
  const pendingDryRun = upload.isPending ? upload.variables?.isDryRun : undefined;

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('municipalityImport.title')}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('municipalities.title'), to: '/municipalities' },
          { label: t('municipalityImport.title') },
        ]}
        description={t('municipalityImport.description')}
      />

      <Section title={t('municipalityImport.formatTitle')} description={t('municipalityImport.formatBody')}>
        <Table caption={t('municipalityImport.columnsCaption')}>
          <THead>
            <tr>
              <Th>{t('municipalityImport.headerJa')}</Th>
              <Th>{t('municipalityImport.headerEn')}</Th>
              <Th>{t('municipalityImport.content')}</Th>
            </tr>
          </THead>
          <TBody>
            {importFields.map((field) => (
              <Tr key={field}>
                <Th scope="row" lang="ja" className="whitespace-nowrap">
                  {importHeaderNames[field].ja}
                </Th>
                <Td lang="en" className="font-mono whitespace-nowrap">
                  {importHeaderNames[field].en}
                </Td>
                <Td>{t(`municipalityImport.fieldHelp.${field}`)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <Alert tone="warning" title={t('municipalityImport.allOrNothingTitle')}>
          {t('municipalityImport.allOrNothingBody')}
        </Alert>
      </Section>

      <Section title={t('municipalityImport.uploadTitle')} boxed>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            // Enter submits the safe action: a check that writes nothing.
            run(true);
          }}
          className="flex flex-col gap-6"
        >
          <ErrorSummary errors={errors} />
          <div className="flex flex-col gap-2">
            <FieldLabel htmlFor={fileId} isRequired>
              {t('municipalityImport.file')}
            </FieldLabel>
            <FieldHint id={fileHintId}>{t('municipalityImport.fileHint')}</FieldHint>
            <input
              id={fileId}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              aria-invalid={fileError ? true : undefined}
              aria-describedby={describedBy(fileHintId, fileError && fileErrorId)}
              onChange={chooseFile}
              // Not inputClass: Chrome counts a file input as read-only, which that style greys out.
              className="w-full max-w-xl cursor-pointer rounded-8 border border-solid-gray-600 bg-white p-2 text-oln-16N-100 text-solid-gray-800 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1 file:mr-4 file:cursor-pointer file:rounded-6 file:border file:border-current file:bg-white file:px-3 file:py-1.5 file:text-oln-16B-100 file:text-blue-900 hover:file:bg-blue-200"
            />
            {fileError && <FieldError id={fileErrorId}>{pick(fileError)}</FieldError>}
          </div>
          <div>
            <div className="flex flex-wrap items-center gap-4">
              <Button type="submit" variant="secondary" isBusy={pendingDryRun === true}>
                {t('municipalityImport.dryRun')}
              </Button>
              <Button onClick={() => run(false)} isBusy={pendingDryRun === false}>
                {t('municipalityImport.submit')}
              </Button>
            </div>
            {/* Always in the page (and takes no room while empty), so each outcome is announced as it appears. */}
            <div role="status" aria-live="polite">
              {report &&
                (isClean ? (
                  <Alert
                    className="mt-6"
                    tone={report.isImported ? 'success' : 'info'}
                    title={t(
                      report.isImported ? 'municipalityImport.imported' : 'municipalityImport.dryRunClean',
                    )}
                  >
                    <ImportSummary report={report} />
                  </Alert>
                ) : (
                  <Alert className="mt-6" tone="error" title={t('municipalityImport.notImported')} />
                ))}
            </div>
          </div>
        </form>
      </Section>

      {report && report.missingHeaders.length > 0 && (
        <MissingHeaders names={report.missingHeaders} headingRef={resultHeadingRef} />
      )}
      {report && report.errors.length > 0 && <ImportErrors report={report} headingRef={resultHeadingRef} />}
    </div>
  );
}
