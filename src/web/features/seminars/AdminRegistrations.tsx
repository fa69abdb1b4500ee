import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { Badge } from '../../components/Badge';
import { Button, ButtonLink } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { inputClass } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { seminarAttendanceMarkSchema } from '../../../shared/schemas/seminars';
import { useVersionedForm, validateWith } from '../../components/forms/useVersionedForm';
import { formatNumber } from '../../lib/format';
import { seminarsCalls, useEventRegistrations, useInvalidateSeminars } from './api';
import { registrationStatusLabels, registrationStatusTones } from './labels';
import { parseWholeNumber } from './numbers';
import type { SeminarEventDetail, SeminarRegistration } from './types';

/** Minutes attended, typed by the administrator for one registration (manual marking). */
function MinutesCell({
  registration,
  onSave,
  isBusy,
  inputId,
  isInvalid,
}: {
  registration: SeminarRegistration;
  inputId: string;
  isInvalid: boolean;
  onSave: (registration: SeminarRegistration, minutes: number | string | null) => void;
  isBusy: boolean;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(
    registration.minutesAttended === null ? '' : String(registration.minutesAttended),
  );
  return (
    <form
      noValidate
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(registration, parseWholeNumber(value));
      }}
    >
      <input
        className={`${inputClass} h-9 max-w-24`}
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        id={inputId}
        aria-label={t('seminars.attendance.minutesFor', { name: registration.attendeeName })}
        aria-invalid={isInvalid ? true : undefined}
      />
      <Button type="submit" size="sm" variant="secondary" isBusy={isBusy}>
        {t('seminars.attendance.record')}
      </Button>
    </form>
  );
}

/**
 * Every registration of the event, for the administrator: municipality,
 * attendee, status and attendance, with manual marking. Never the join URL:
 * lists do not carry it.
 */
export function AdminRegistrations({ event }: { event: SeminarEventDetail }) {
  const { t, pick, locale } = useI18n();
  const registrations = useEventRegistrations(event.id);
  const invalidate = useInvalidateSeminars();
  const errors = useVersionedForm(`seminar-attendance-${event.id}`);
  const mark = useMutation({
    mutationFn: ({
      registration,
      minutes,
    }: {
      registration: SeminarRegistration;
      minutes: number | string | null;
    }) =>
      seminarsCalls.markAttendance(registration.id, {
        version: registration.version,
        // Typed as it was entered, so the server names the field when it is not a whole number.
        minutesAttended: minutes as number | null,
      }),
    onSuccess: async () => {
      errors.clear();
      await invalidate();
    },
    onError: (error, { registration }) => {
      // The server names `minutesAttended`; the page has one such field per row.
      if (isApiError(error) && error.fields.length > 0) {
        return errors.showFields(
          error.fields.map((f) => ({ ...f, path: ['minutes', registration.id] })),
          error.localized,
        );
      }
      errors.showError(error);
    },
  });

  return (
    <Section
      title={t('seminars.admin.registrations')}
      description={t('seminars.admin.registrationsHint', { minutes: event.attendanceThresholdMinutes })}
      actions={
        event.can.importAttendance ? (
          <ButtonLink to={`/seminars/events/${event.id}/attendance`} variant="secondary">
            {t('seminars.attendance.import')}
          </ButtonLink>
        ) : undefined
      }
    >
      <ErrorSummary errors={errors} />
      <QueryState query={registrations}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('seminars.admin.noRegistrations')} isCompact />
          ) : (
            <Table caption={t('seminars.admin.registrations')} captionHidden dense>
              <THead>
                <tr>
                  <Th>{t('seminars.registration.municipality')}</Th>
                  <Th>{t('seminars.registration.attendee')}</Th>
                  <Th>{t('seminars.registration.status')}</Th>
                  <Th numeric>{t('seminars.attendance.minutes')}</Th>
                  <Th>{t('seminars.attendance.attended')}</Th>
                  <Th>{t('seminars.attendance.manual')}</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((r) => (
                  <Tr key={r.id}>
                    <Td>{locale === 'ja' ? r.municipality.name : r.municipality.nameEn}</Td>
                    <Td>
                      {r.attendeeName}
                      <span className="block text-dns-14N-130 text-solid-gray-700">
                        {[r.attendeePosition, r.attendeeEmail].filter(Boolean).join(' / ')}
                      </span>
                    </Td>
                    <Td>
                      <Badge tone={registrationStatusTones[r.status]}>
                        {pick(registrationStatusLabels[r.status])}
                      </Badge>
                      {r.status === 'waitlisted' && r.waitlistPosition !== null && (
                        <span className="block text-dns-14N-130">
                          {t('seminars.registration.waitlistPosition', { position: r.waitlistPosition })}
                        </span>
                      )}
                    </Td>
                    <Td numeric>
                      {r.minutesAttended === null ? '—' : formatNumber(r.minutesAttended, locale)}
                    </Td>
                    <Td>
                      {r.isAttended ? (
                        <Badge tone="success">{t('seminars.attendance.yes')}</Badge>
                      ) : (
                        <span className="text-solid-gray-700">{t('seminars.attendance.no')}</span>
                      )}
                    </Td>
                    <Td>
                      {r.status === 'registered' && (
                        <MinutesCell
                          key={`${r.id}-${r.version}`}
                          registration={r}
                          isBusy={mark.isPending && mark.variables?.registration.id === r.id}
                          inputId={errors.id(['minutes', r.id])}
                          isInvalid={errors.fieldError(['minutes', r.id]) !== undefined}
                          onSave={(registration, minutes) => {
                            const problems = validateWith(seminarAttendanceMarkSchema, {
                              version: registration.version,
                              minutesAttended: minutes,
                            });
                            if (problems.length > 0) {
                              // One field per row: the summary links to this row's input.
                              return errors.showFields(
                                problems.map((p) => ({ ...p, path: ['minutes', registration.id] })),
                              );
                            }
                            mark.mutate({ registration, minutes });
                          }}
                        />
                      )}
                    </Td>
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
