import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  type EmailDelivery,
  emailDeliveries,
  emailDeliveryLabels,
  type NotificationKind,
  notificationKindLabels,
  notificationKinds,
} from '../../../shared/notification-kinds';
import { notificationPreferencesUpdateSchema } from '../../../shared/schemas/notifications';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConflictNotice } from '../../components/forms/ConflictNotice';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Select } from '../../components/Select';
import { useI18n } from '../../i18n';
import { useNotificationPreferences, useSavePreferences } from './api';

type Choices = Record<Exclude<NotificationKind, 'auth.invitation' | 'auth.password_reset'>, EmailDelivery>;

function PreferencesForm({
  version,
  initial,
  onReload,
}: {
  version: number;
  initial: Choices;
  onReload: () => void;
}) {
  const { t, pick } = useI18n();
  const [choices, setChoices] = useState<Choices>(initial);
  const form = useVersionedForm('notification-preferences');
  useEffect(() => setChoices(initial), [initial]);
  const save = useSavePreferences({
    onSuccess: () => form.clear(),
    onError: (error) => form.onError(error),
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    save.reset();
    const body = { version, emailByKind: choices };
    if (!form.check(notificationPreferencesUpdateSchema, body)) return;
    save.mutate(body);
  }

  return (
    <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
      {save.isSuccess && (
        <Alert tone="success" isLive>
          {t('notifications.preferences.saved')}
        </Alert>
      )}
      {form.conflict && (
        <ConflictNotice
          onReload={() => {
            form.resolveConflict();
            onReload();
          }}
        />
      )}
      <ErrorSummary errors={form} />
      <fieldset className="flex flex-col gap-5">
        <legend className="mb-2 text-std-18B-160">{t('notifications.preferences.kind')}</legend>
        {notificationKinds.map((kind) => (
          <Select
            key={kind}
            id={form.id(['emailByKind', kind])}
            label={pick(notificationKindLabels[kind])}
            value={choices[kind]}
            error={form.fieldMessage('emailByKind', kind)}
            onChange={(event) => setChoices((c) => ({ ...c, [kind]: event.target.value as EmailDelivery }))}
          >
            {emailDeliveries.map((delivery) => (
              <option key={delivery} value={delivery}>
                {pick(emailDeliveryLabels[delivery])}
              </option>
            ))}
          </Select>
        ))}
      </fieldset>
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('notifications.preferences.save')}
        </Button>
      </div>
    </form>
  );
}

/** Per kind: e-mail at once, in the daily digest, or inbox only. */
export default function NotificationPreferencesPage() {
  const { t } = useI18n();
  const query = useNotificationPreferences();
  return (
    <>
      <PageHeader
        title={t('notifications.preferences.title')}
        description={t('notifications.preferences.description')}
      />
      <p className="mb-6">
        <Link to="/notifications">{t('notifications.preferences.backToInbox')}</Link>
      </p>
      <Alert tone="info">{t('notifications.preferences.mandatoryNote')}</Alert>
      <div className="mt-6">
        <QueryState query={query}>
          {(data) => (
            <PreferencesForm
              version={data.version}
              initial={data.emailByKind as Choices}
              onReload={() => void query.refetch()}
            />
          )}
        </QueryState>
      </div>
    </>
  );
}
