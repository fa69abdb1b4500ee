import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { BodyOf } from '../../api/typed-client';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { translate } from '../../i18n/translate';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { formatNumber } from '../../lib/format';
import { useMunicipalities } from '../municipalities/api';
import {
  seminarsCalls,
  useAttendancePreview,
  useEventRegistrations,
  useInvalidateSeminars,
  useSeminarEvent,
} from './api';
import {
  type AttendanceChoice,
  choiceOf,
  choiceValue,
  countChoices,
  countRowsToFix,
  initialChoices,
  toConfirmRows,
} from './attendance-choices';
import { formatAttendedSeconds, formatReportTime } from './attendance-format';
import type { AttendanceImportPreview, SeminarRegistration } from './types';

/** The report's tool as people call it; an unknown value is shown as the server sent it. */
function formatLabel(format: string, t: ReturnType<typeof useI18n>['t']): string {
  if (format === 'zoom') return t('seminars.attendance.formats.zoom');
  if (format === 'zoom_summary') return t('seminars.attendance.formats.zoomSummary');
  if (format === 'zoom_webinar') return t('seminars.attendance.formats.zoomWebinar');
  if (format === 'teams') return t('seminars.attendance.formats.teams');
  return format;
}

function ReviewTable({
  preview,
  registrations,
  choices,
  onChoose,
  typedMinutes,
  onType,
  idFor,
}: {
  preview: AttendanceImportPreview;
  registrations: SeminarRegistration[];
  choices: Map<number, AttendanceChoice>;
  onChoose: (index: number, choice: AttendanceChoice) => void;
  typedMinutes: Map<number, string>;
  onType: (index: number, text: string) => void;
  /** The id the error summary links to for a field of a row. */
  idFor: (path: (string | number)[]) => string;
}) {
  const { t, locale, pick } = useI18n();
  const municipalities = useMunicipalities({});
  const byId = new Map(registrations.map((r) => [r.id, r]));
  const registered = registrations.filter((r) => r.status === 'registered');
  return (
    <Table caption={t('seminars.attendance.reviewCaption')} dense>
      <THead>
        <tr>
          <Th>{t('seminars.attendance.reportName')}</Th>
          <Th>{t('seminars.attendance.reportEmail')}</Th>
          <Th>{t('seminars.attendance.joinedAt')}</Th>
          <Th>{t('seminars.attendance.leftAt')}</Th>
          <Th numeric>{t('seminars.attendance.minutes')}</Th>
          <Th>{t('seminars.attendance.match')}</Th>
          <Th>{t('seminars.attendance.assign')}</Th>
        </tr>
      </THead>
      <TBody>
        {preview.rows.map((row) => {
          const choice = choices.get(row.index) ?? { kind: 'ignore' };
          const matched = row.match ? byId.get(row.match.registrationId) : undefined;
          return (
            <Tr key={row.index}>
              <Td>
                {row.name}
                {row.problem && (
                  <span className="mt-1 flex flex-col gap-1">
                    <Badge tone="warning">{t('seminars.attendance.toFix')}</Badge>
                    <span className="text-dns-14N-130">{pick(row.problem)}</span>
                  </span>
                )}
              </Td>
              <Td className="break-all" lang="en">
                {row.email || '—'}
              </Td>
              <Td className="whitespace-nowrap">{formatReportTime(row.joinedAt, locale)}</Td>
              <Td className="whitespace-nowrap">{formatReportTime(row.leftAt, locale)}</Td>
              <Td numeric className="whitespace-nowrap">
                {row.seconds !== null ? (
                  formatAttendedSeconds(row.seconds, locale)
                ) : (
                  <input
                    id={idFor(['rows', row.index, 'minutes'])}
                    type="text"
                    inputMode="numeric"
                    className="h-10 w-24 rounded-8 border border-solid-gray-600 bg-white px-3 text-right text-oln-16N-100 text-solid-gray-800 hover:border-black"
                    aria-label={t('seminars.attendance.minutesFor', { name: row.name })}
                    value={typedMinutes.get(row.index) ?? ''}
                    onChange={(e) => onType(row.index, e.target.value)}
                  />
                )}
              </Td>
              <Td>
                {matched ? (
                  <span className="flex flex-col gap-1">
                    <Badge tone="success">
                      {row.match?.by === 'email'
                        ? t('seminars.attendance.byEmail')
                        : t('seminars.attendance.byName')}
                    </Badge>
                    <span className="text-dns-14N-130">
                      {locale === 'ja' ? matched.municipality.name : matched.municipality.nameEn}{' '}
                      {matched.attendeeName}
                    </span>
                  </span>
                ) : (
                  <Badge tone="warning">{t('seminars.attendance.unmatched')}</Badge>
                )}
              </Td>
              <Td>
                <select
                  className="h-10 w-full min-w-56 rounded-8 border border-solid-gray-600 bg-white px-3 text-oln-16N-100 text-solid-gray-800 hover:border-black"
                  aria-label={t('seminars.attendance.assignFor', { name: row.name })}
                  value={choiceValue(choice)}
                  onChange={(e) => onChoose(row.index, choiceOf(e.target.value))}
                >
                  <option value="ignore">{t('seminars.attendance.ignore')}</option>
                  <optgroup label={t('seminars.attendance.toRegistration')}>
                    {registered.map((r) => (
                      <option key={r.id} value={`registration:${r.id}`}>
                        {locale === 'ja' ? r.municipality.name : r.municipality.nameEn} {r.attendeeName}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label={t('seminars.attendance.toMunicipality')}>
                    {(municipalities.data ?? []).map((m) => (
                      <option key={m.id} value={`municipality:${m.id}`}>
                        {locale === 'ja' ? m.name : m.nameEn}
                      </option>
                    ))}
                  </optgroup>
                </select>
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}

/**
 * Attendance from the webinar tool's report: upload the CSV (Zoom or Teams,
 * any of their encodings), review how each row was matched, assign or ignore
 * the unmatched ones, then confirm. Nothing is recorded before the confirm.
 */
export default function SeminarAttendancePage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const event = useSeminarEvent(id);
  const registrations = useEventRegistrations(id);
  const invalidate = useInvalidateSeminars();
  const errors = useVersionedForm('seminar-attendance-import');
  const upload = useAttendancePreview(id);
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<Map<number, AttendanceChoice>>(new Map());
  const [typedMinutes, setTypedMinutes] = useState<Map<number, string>>(new Map());
  const reviewHeadingRef = useRef<HTMLHeadingElement>(null);
  const preview = upload.data;

  useEffect(() => {
    if (preview) {
      setChoices(initialChoices(preview));
      setTypedMinutes(new Map());
      reviewHeadingRef.current?.focus();
    }
  }, [preview]);

  const confirm = useMutation({
    mutationFn: (body: BodyOf<'/api/seminar-events/{id}/attendance-imports/confirm', 'post'>) =>
      seminarsCalls.confirmAttendanceImport(id, body),
    onSuccess: async () => {
      errors.clear();
      await invalidate();
    },
    onError: errors.showError,
  });

  function check(e: React.FormEvent) {
    e.preventDefault();
    if (upload.isPending) return;
    if (!file) {
      return errors.showFields([
        {
          path: ['file'],
          code: 'required',
          ja: translate('ja', 'seminars.attendance.fileRequired'),
          en: translate('en', 'seminars.attendance.fileRequired'),
        },
      ]);
    }
    errors.clear();
    confirm.reset();
    upload.mutate(file, { onError: errors.showError });
  }

  const fileError = errors.fieldError(['file']);
  const counts = preview ? countChoices(preview, choices) : null;

  return (
    <div className="flex flex-col gap-10">
      <QueryState query={event}>
        {(e) => (
          <PageHeader
            title={t('seminars.attendance.title')}
            breadcrumbs={[
              { label: t('nav.home'), to: '/' },
              { label: t('seminars.title'), to: '/seminars' },
              { label: e.title, to: `/seminars/events/${e.id}` },
              { label: t('seminars.attendance.title') },
            ]}
            description={t('seminars.attendance.description', {
              title: e.title,
              minutes: e.attendanceThresholdMinutes,
            })}
          />
        )}
      </QueryState>
      <form noValidate onSubmit={check} className="flex flex-col gap-5">
        <ErrorSummary errors={errors} />
        <TextField
          id={errors.id(['file'])}
          type="file"
          label={t('seminars.attendance.file')}
          hint={t('seminars.attendance.fileHint')}
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(ev) => {
            setFile(ev.target.files?.[0] ?? null);
            upload.reset();
            confirm.reset();
            errors.clear();
          }}
          error={fileError ? pick(fileError) : undefined}
          inputClassName="py-2"
        />
        <div>
          <Button type="submit" isBusy={upload.isPending}>
            {t('seminars.attendance.check')}
          </Button>
        </div>
      </form>
      {preview && counts && (
        <section aria-labelledby="attendance-review" className="flex flex-col gap-4">
          <h2 id="attendance-review" ref={reviewHeadingRef} tabIndex={-1} className="text-std-24B-150">
            {t('seminars.attendance.reviewTitle')}
          </h2>
          <p role="status" className="text-std-16N-170">
            {t('seminars.attendance.summary', {
              format: formatLabel(preview.format, t),
              rows: formatNumber(preview.rows.length, locale),
              matched: formatNumber(counts.matched, locale),
              unmatched: formatNumber(counts.unmatched, locale),
            })}
          </p>
          {countRowsToFix(preview) > 0 && (
            <Alert
              tone="warning"
              title={t('seminars.attendance.toFixTitle', { rows: countRowsToFix(preview) })}
            >
              {t('seminars.attendance.toFixBody')}
            </Alert>
          )}
          <p className="text-std-16N-170">{t('seminars.attendance.secondsNote')}</p>
          <QueryState query={registrations}>
            {(items) => (
              <ReviewTable
                preview={preview}
                registrations={items}
                choices={choices}
                onChoose={(index, choice) => setChoices((current) => new Map(current).set(index, choice))}
                typedMinutes={typedMinutes}
                onType={(index, text) => setTypedMinutes((current) => new Map(current).set(index, text))}
                idFor={errors.id}
              />
            )}
          </QueryState>
          {confirm.isSuccess ? (
            <Alert tone="success" isLive title={t('seminars.attendance.done')}>
              {t('seminars.attendance.doneBody', {
                recorded: formatNumber(confirm.data.recorded, locale),
                attended: formatNumber(confirm.data.attended, locale),
              })}{' '}
              <Link to={`/seminars/events/${id}`}>{t('seminars.attendance.backToEvent')}</Link>
            </Alert>
          ) : (
            <div>
              <Button
                onClick={() =>
                  confirm.mutate({
                    importId: preview.importId,
                    rows: toConfirmRows(preview, choices, typedMinutes),
                  })
                }
                isBusy={confirm.isPending}
              >
                {t('seminars.attendance.confirm')}
              </Button>
            </div>
          )}
        </section>
      )}
      {!preview && (
        <Section title={t('seminars.attendance.formatsTitle')}>
          <ul className="flex list-disc flex-col gap-1 pl-8 text-std-16N-170">
            <li>{t('seminars.attendance.formatZoom')}</li>
            <li>{t('seminars.attendance.formatZoomWebinar')}</li>
            <li>{t('seminars.attendance.formatTeams')}</li>
            <li>{t('seminars.attendance.formatEncoding')}</li>
          </ul>
        </Section>
      )}
    </div>
  );
}
