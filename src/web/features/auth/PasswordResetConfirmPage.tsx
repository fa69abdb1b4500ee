import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { passwordResetConfirmSchema } from '../../../shared/schemas/accounts';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { confirmationMismatch, NewPasswordFields } from '../../components/NewPasswordFields';
import { useConfirmPasswordReset } from './api';

export default function PasswordResetConfirmPage() {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const errors = useVersionedForm('reset-confirm');
  const confirm = useConfirmPasswordReset({ onError: errors.showError });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (confirm.isPending) return;
    const mismatch = password !== confirmation ? [confirmationMismatch] : [];
    if (!errors.check(passwordResetConfirmSchema, { token, newPassword: password }, mismatch)) return;
    errors.clear();
    confirm.mutate({ token, newPassword: password });
  }

  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <PageHeader
        title={t('auth.resetConfirm.title')}
        breadcrumbs={[
          { label: t('auth.login.title'), to: '/login' },
          { label: t('auth.resetConfirm.title') },
        ]}
        description={t('auth.resetConfirm.description')}
      />
      {!token ? (
        <Alert tone="error" title={t('auth.tokenMissingTitle')}>
          <p>{t('auth.tokenMissingBody')}</p>
          <p className="mt-3">
            <Link to="/password-reset">{t('auth.reset.title')}</Link>
          </p>
        </Alert>
      ) : confirm.isSuccess ? (
        <Alert tone="success" isLive title={t('auth.resetConfirm.doneTitle')}>
          <p>{t('auth.resetConfirm.doneBody')}</p>
          <p className="mt-3">
            <Link to="/login">{t('auth.backToLogin')}</Link>
          </p>
        </Alert>
      ) : (
        <form noValidate onSubmit={submit} className="flex flex-col gap-6">
          <ErrorSummary errors={errors} />
          <NewPasswordFields
            errors={errors}
            password={password}
            confirmation={confirmation}
            onPassword={setPassword}
            onConfirmation={setConfirmation}
          />
          <div>
            <Button type="submit" isBusy={confirm.isPending}>
              {t('auth.resetConfirm.submit')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
