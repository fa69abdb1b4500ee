import { useState } from 'react';
import { Link } from 'react-router';
import { passwordChangeSchema, roleLabels } from '../../../shared/schemas/accounts';
import { mfaCodeRequestSchema, profileUpdateSchema } from '../../../shared/schemas/auth';
import { type SessionUser, useCurrentUser, useRefreshSession } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n';
import { useVersionedForm, validateWith } from '../../components/forms/useVersionedForm';
import { MfaSecret } from '../../components/MfaSecret';
import { useBeginMfaSetup, useChangePassword, useConfirmMfa, useUpdateProfile } from './api';
import { confirmationMismatch, NewPasswordFields } from '../../components/NewPasswordFields';
import { FormTextField } from '../../components/forms/FormTextField';

/**
 * The one thing users change about themselves. After a save or a 409 (edited
 * in another tab) the session is refreshed, so the next save carries the
 * stored version; the form itself stays, so its message stays readable.
 */
function DisplayNameForm({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const refreshSession = useRefreshSession();
  const [displayName, setDisplayName] = useState(user.displayName);
  const errors = useVersionedForm('profile');
  const save = useUpdateProfile({
    onSuccess: (updated) => {
      errors.clear();
      setDisplayName(updated.displayName);
      void refreshSession();
    },
    onError: (error) => {
      errors.showError(error);
      void refreshSession();
    },
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    save.reset();
    const body = { version: user.version, displayName };
    if (!errors.check(profileUpdateSchema, body)) return;
    save.mutate(body);
  }

  return (
    <form noValidate onSubmit={submit} className="flex max-w-xl flex-col gap-6">
      {save.isSuccess && (
        <Alert tone="success" isLive>
          {t('account.displayNameSaved')}
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      <FormTextField
        form={errors}
        path="displayName"
        label={t('account.displayName')}
        required
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        maxLength={100}
        autoComplete="name"
      />
      <div>
        <Button type="submit" variant="secondary" isBusy={save.isPending}>
          {t('account.saveDisplayName')}
        </Button>
      </div>
    </form>
  );
}

function PasswordChangeForm() {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const errors = useVersionedForm('password');
  const change = useChangePassword({
    onSuccess: () => {
      errors.clear();
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
    },
    onError: errors.showError,
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (change.isPending) return;
    change.reset();
    const problems = validateWith(passwordChangeSchema, { currentPassword, newPassword });
    if (newPassword !== confirmation) problems.push(confirmationMismatch);
    if (problems.length > 0) return errors.showFields(problems);
    change.mutate({ currentPassword, newPassword });
  }
  return (
    <form noValidate onSubmit={submit} className="flex max-w-xl flex-col gap-6">
      {change.isSuccess && (
        <Alert tone="success" isLive>
          {t('account.passwordChanged')}
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      <FormTextField
        form={errors}
        path="currentPassword"
        label={t('account.currentPassword')}
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
      />
      <NewPasswordFields
        errors={errors}
        password={newPassword}
        confirmation={confirmation}
        onPassword={setNewPassword}
        onConfirmation={setConfirmation}
      />
      <div>
        <Button type="submit" isBusy={change.isPending}>
          {t('account.changePassword')}
        </Button>
      </div>
    </form>
  );
}

/**
 * Sets up an authenticator, or replaces the active one. Replacing asks for the password
 * first, and the current authenticator keeps working until the new one is confirmed.
 */
function MfaSetup({ isReplacing }: { isReplacing: boolean }) {
  const { t } = useI18n();
  const refreshSession = useRefreshSession();
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [isDone, setIsDone] = useState(false);
  const errors = useVersionedForm('account-mfa');
  const begin = useBeginMfaSetup({
    onSuccess: (result) => {
      setCurrentPassword('');
      errors.clear();
      setSetup(result);
    },
    onError: errors.showError,
  });
  const confirm = useConfirmMfa({
    onSuccess: () => {
      setSetup(null);
      setCode('');
      setIsDone(true);
      refreshSession();
    },
    onError: (error) => {
      setCode('');
      errors.showError(error);
    },
  });

  if (!setup) {
    return (
      <form
        noValidate
        className="flex max-w-xl flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (begin.isPending) return;
          if (isReplacing && currentPassword === '')
            return errors.showFields([
              {
                path: ['currentPassword'],
                code: 'required',
                ja: '現在のパスワードを入力してください。',
                en: 'Enter your current password.',
              },
            ]);
          begin.mutate(isReplacing ? { currentPassword } : {});
        }}
      >
        {isDone && (
          <Alert tone="success" isLive>
            {t('account.mfaChanged')}
          </Alert>
        )}
        <ErrorSummary errors={errors} />
        <p className="text-std-16N-170">{isReplacing ? t('account.mfaOnBody') : t('account.mfaOffBody')}</p>
        {isReplacing && (
          <>
            <p className="text-std-16N-170">{t('account.mfaChangeBody')}</p>
            <FormTextField
              form={errors}
              path="currentPassword"
              label={t('account.currentPassword')}
              type="password"
              autoComplete="current-password"
              required
              value={currentPassword}
              onChange={(e) => setCurrentPassword(e.target.value)}
            />
          </>
        )}
        <div>
          <Button type="submit" variant="secondary" isBusy={begin.isPending}>
            {isReplacing ? t('account.mfaChange') : t('account.mfaStart')}
          </Button>
        </div>
      </form>
    );
  }
  return (
    <form
      noValidate
      className="flex max-w-xl flex-col gap-6"
      onSubmit={(event) => {
        event.preventDefault();
        if (confirm.isPending) return;
        if (!errors.check(mfaCodeRequestSchema, { code })) return;
        confirm.mutate({ code: code.trim() });
      }}
    >
      <p className="text-std-16N-170">{t('auth.mfa.setupDescription')}</p>
      <MfaSecret secret={setup.secret} otpauthUri={setup.otpauthUri} />
      <ErrorSummary errors={errors} />
      <FormTextField
        form={errors}
        path="code"
        label={t('auth.mfa.code')}
        hint={t('auth.mfa.codeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        inputClassName="max-w-48 font-mono tracking-widest"
      />
      <div>
        <Button type="submit" isBusy={confirm.isPending}>
          {t('auth.mfa.submit')}
        </Button>
      </div>
    </form>
  );
}

export default function AccountPage() {
  const { t, locale, pick } = useI18n();
  const user = useCurrentUser();
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('account.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('account.title') }]}
        description={t('account.description')}
      />
      <Section title={t('account.profile')}>
        <DescriptionList
          items={[
            { term: t('account.displayName'), value: user.displayName },
            { term: t('auth.login.email'), value: <span className="break-all">{user.email}</span> },
            {
              term: t('account.organization'),
              value: locale === 'ja' ? user.organization.name : user.organization.nameEn,
            },
            {
              term: t('account.roles'),
              value: (
                <span className="flex flex-wrap gap-2">
                  {user.roles.map((role) => (
                    <Badge key={role} tone="info">
                      {pick(roleLabels[role])}
                    </Badge>
                  ))}
                </span>
              ),
            },
          ]}
        />
        <p className="text-std-16N-170 text-solid-gray-700">{t('account.profileNote')}</p>
      </Section>
      <Section title={t('account.displayNameTitle')} boxed>
        <DisplayNameForm user={user} />
      </Section>
      <Section
        title={t('account.notificationsTitle')}
        description={t('account.notificationsDescription')}
        boxed
      >
        <Link to="/account/notifications">{t('account.notificationsLink')}</Link>
      </Section>
      <Section title={t('account.passwordTitle')} description={t('account.passwordDescription')} boxed>
        <PasswordChangeForm />
      </Section>
      <Section
        title={t('account.mfaTitle')}
        boxed
        description={
          <Badge tone={user.totpEnabled ? 'success' : 'neutral'}>
            {user.totpEnabled ? t('account.mfaOn') : t('account.mfaOff')}
          </Badge>
        }
      >
        <MfaSetup isReplacing={user.totpEnabled} />
      </Section>
    </div>
  );
}
