import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { BodyOf } from '../../api/typed-client';
import { type SessionUser, useCurrentUser } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Section } from '../../components/Section';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { seminarRegistrationCreateSchema } from '../../../shared/schemas/seminars';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { formatDateTime } from '../../lib/format';
import { seminarsCalls, useInvalidateSeminars } from './api';
import { registrationStatusLabels, registrationStatusTones } from './labels';
import type { SeminarEventDetail, SeminarRegistration } from './types';

const onBehalfSchema = seminarRegistrationCreateSchema.options[1];

/** The DX lead registers the municipality's head (or deputy), who may have no account. */
function RegisterOtherForm({ event, onDone }: { event: SeminarEventDetail; onDone: () => void }) {
  const { t } = useI18n();
  const invalidate = useInvalidateSeminars();
  const errors = useVersionedForm(`seminar-register-other-${event.id}`);
  const [name, setName] = useState('');
  const [position, setPosition] = useState('');
  const [email, setEmail] = useState('');
  const save = useMutation({
    mutationFn: (body: BodyOf<'/api/seminar-events/{id}/registrations', 'post'>) =>
      seminarsCalls.register(event.id, body),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
    onError: errors.showError,
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const body = {
      attendeeName: name.trim(),
      attendeePosition: position.trim(),
      attendeeEmail: email.trim(),
    };
    // The on-behalf form of the union, so each field gets its own message.
    if (!errors.check(onBehalfSchema, body)) return;
    save.mutate(body);
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5">
      <ErrorSummary errors={errors} />
      <div className="grid gap-5 md:grid-cols-3">
        <TextField
          id={errors.id(['attendeeName'])}
          label={t('seminars.registration.attendeeName')}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fieldMessage('attendeeName')}
          autoComplete="off"
        />
        <TextField
          id={errors.id(['attendeePosition'])}
          label={t('seminars.registration.attendeePosition')}
          hint={t('seminars.registration.positionHint')}
          required
          value={position}
          onChange={(e) => setPosition(e.target.value)}
          error={errors.fieldMessage('attendeePosition')}
          autoComplete="off"
        />
        <TextField
          id={errors.id(['attendeeEmail'])}
          type="email"
          label={t('seminars.registration.attendeeEmail')}
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fieldMessage('attendeeEmail')}
          autoComplete="off"
          lang="en"
        />
      </div>
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('seminars.registration.registerOther')}
        </Button>
      </div>
    </form>
  );
}

function isMine(registration: SeminarRegistration, user: SessionUser): boolean {
  return registration.userId === user.id;
}

/**
 * What a municipality user does on an event: register oneself, register the
 * head (DX lead), see the municipality's registrations with their waiting-list
 * position, and cancel one. Seats and the waiting list are the server's: after
 * each action the event is read again.
 */
export function RegistrationPanel({ event }: { event: SeminarEventDetail }) {
  const { t, pick, locale } = useI18n();
  const user = useCurrentUser();
  const invalidate = useInvalidateSeminars();
  const errors = useVersionedForm(`seminar-register-${event.id}`);
  const [isAddingOther, setIsAddingOther] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const registerSelf = useMutation({
    mutationFn: () => seminarsCalls.register(event.id, { isSelf: true }),
    onSuccess: async (registration) => {
      errors.clear();
      setNotice(
        registration.status === 'registered'
          ? t('seminars.registration.registeredNotice')
          : t('seminars.registration.waitlistedNotice', { position: registration.waitlistPosition ?? '' }),
      );
      await invalidate();
    },
    onError: errors.showError,
  });

  const cancel = useMutation({
    mutationFn: (registration: SeminarRegistration) => seminarsCalls.cancelRegistration(registration),
    onSuccess: async () => {
      errors.clear();
      setNotice(t('seminars.registration.cancelledNotice'));
      await invalidate();
    },
    onError: errors.showError,
  });

  const active = event.myRegistrations.filter((r) => r.status !== 'cancelled');
  const hasMine = active.some((r) => isMine(r, user));
  const canRegister = event.isRegistrationOpen;
  // Once the event has started its registrations are history; the server refuses a cancellation.
  const hasStarted = new Date(event.startsAt).getTime() <= Date.now();

  return (
    <Section
      title={t('seminars.registration.title')}
      description={
        event.isRegistrationOpen
          ? t('seminars.registration.closesAt', { at: formatDateTime(event.registrationClosesAt, locale) })
          : t('seminars.registration.closed')
      }
    >
      <ErrorSummary errors={errors} />
      {notice && (
        <Alert tone="success" isLive>
          {notice}
        </Alert>
      )}
      {active.length === 0 ? (
        <p className="text-std-16N-170">{t('seminars.registration.none')}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t('seminars.registration.ours')}>
          {active.map((r) => (
            <li
              key={r.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded-8 border border-solid-gray-420 bg-white px-4 py-3"
            >
              <span className="flex flex-col gap-1">
                <span className="text-std-16B-170">
                  {r.attendeeName}
                  {r.attendeePosition && <span className="font-normal">（{r.attendeePosition}）</span>}
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone={registrationStatusTones[r.status]}>
                    {pick(registrationStatusLabels[r.status])}
                  </Badge>
                  {r.status === 'waitlisted' && r.waitlistPosition !== null && (
                    <span className="text-dns-16N-130">
                      {t('seminars.registration.waitlistPosition', { position: r.waitlistPosition })}
                    </span>
                  )}
                </span>
              </span>
              {!hasStarted && (
                <ConfirmButton
                  label={t('seminars.registration.cancel')}
                  question={t('seminars.registration.cancelQuestion', { name: r.attendeeName })}
                  confirmLabel={t('seminars.registration.cancelConfirm')}
                  onConfirm={() => cancel.mutate(r)}
                  isBusy={cancel.isPending && cancel.variables?.id === r.id}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {canRegister && (
        <div className="flex flex-wrap gap-4">
          {!hasMine && (
            <Button onClick={() => registerSelf.mutate()} isBusy={registerSelf.isPending}>
              {event.registeredCount >= event.capacity
                ? t('seminars.registration.joinWaitlist')
                : t('seminars.registration.registerSelf')}
            </Button>
          )}
          {event.audience !== 'staff' && !isAddingOther && (
            <Button variant="secondary" onClick={() => setIsAddingOther(true)}>
              {t('seminars.registration.registerOther')}
            </Button>
          )}
        </div>
      )}
      {canRegister && isAddingOther && (
        <Section title={t('seminars.registration.registerOther')} level={3} boxed>
          <p className="text-std-16N-170">{t('seminars.registration.registerOtherHint')}</p>
          <RegisterOtherForm
            event={event}
            onDone={() => {
              setIsAddingOther(false);
              setNotice(t('seminars.registration.otherRegisteredNotice'));
            }}
          />
        </Section>
      )}
    </Section>
  );
}
