import { useState } from 'react';
import { Link } from 'react-router';
import { passwordResetRequestSchema } from '../../../shared/schemas/accounts';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { useRequestPasswordReset } from './api';
import { FormTextField } from '../../components/forms/FormTextField';

/**
 * Asks for a reset link. The answer is the same whether or not the address
 * has an account, so the page cannot be used to find out who is registered.
 */
export default function PasswordResetRequestPage() {
  const { t, pick } = useI18n();
  const [email, setEmail] = useState('');
  const errors = useVersionedForm('reset');
  const request = useRequestPasswordReset({ onError: errors.showError });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (request.isPending) return;
    if (!errors.check(passwordResetRequestSchema, { email })) return;
    errors.clear();
    request.mutate({ email });
  }
  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <PageHeader
        title={t('auth.reset.title')}
        breadcrumbs={[{ label: t('auth.login.title'), to: '/login' }, { label: t('auth.reset.title') }]}
        description={t('auth.reset.description')}
      />
      {request.isSuccess ? (
        <Alert tone="success" isLive title={t('auth.reset.sentTitle')}>
          <p>{request.data ? pick(request.data.message) : null}</p>
          <p className="mt-3">
            <Link to="/login">{t('auth.backToLogin')}</Link>
          </p>
        </Alert>
      ) : (
        <form noValidate onSubmit={submit} className="flex flex-col gap-6">
          <ErrorSummary errors={errors} />
          <FormTextField
            form={errors}
            path="email"
            label={t('auth.login.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <div className="flex flex-wrap items-center gap-6">
            <Button type="submit" isBusy={request.isPending}>
              {t('auth.reset.submit')}
            </Button>
            <Link to="/login">{t('auth.backToLogin')}</Link>
          </div>
        </form>
      )}
    </div>
  );
}
