import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { invitationAcceptSchema } from '../../../shared/schemas/accounts';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { confirmationMismatch, NewPasswordFields } from '../../components/NewPasswordFields';
import { useAcceptInvitation, useInvitation } from './api';
import { FormTextField } from '../../components/forms/FormTextField';

export default function InvitationAcceptPage() {
  const { t, pick, locale } = useI18n();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const invitation = useInvitation(token);
  const [displayName, setDisplayName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const errors = useVersionedForm('invitation');
  const accept = useAcceptInvitation({ onError: errors.showError });

  const name = displayName ?? invitation.data?.displayName ?? '';

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (accept.isPending) return;
    const mismatch = password !== confirmation ? [confirmationMismatch] : [];
    if (!errors.check(invitationAcceptSchema, { token, displayName: name, password }, mismatch)) return;
    errors.clear();
    accept.mutate({ token, displayName: name.trim(), password });
  }
  const breadcrumbs = [{ label: t('auth.login.title'), to: '/login' }, { label: t('auth.invitation.title') }];

  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <PageHeader
        title={t('auth.invitation.title')}
        breadcrumbs={breadcrumbs}
        description={t('auth.invitation.description')}
      />
      {!token ? (
        <Alert tone="error" title={t('auth.tokenMissingTitle')}>
          {t('auth.tokenMissingBody')}
        </Alert>
      ) : invitation.isPending ? (
        <Spinner />
      ) : invitation.isError ? (
        <Alert tone="error" title={t('auth.invitation.invalidTitle')}>
          <p>{isApiError(invitation.error) ? pick(invitation.error.localized) : t('state.unknownError')}</p>
          <p className="mt-3">{t('auth.invitation.askAgain')}</p>
        </Alert>
      ) : accept.isSuccess ? (
        <Alert tone="success" isLive title={t('auth.invitation.doneTitle')}>
          <p>{t('auth.invitation.doneBody')}</p>
          <p className="mt-3">
            <Link to="/login">{t('auth.backToLogin')}</Link>
          </p>
        </Alert>
      ) : (
        <>
          <DescriptionList
            items={[
              {
                term: t('auth.invitation.organization'),
                value:
                  locale === 'ja' ? invitation.data.organizationName : invitation.data.organizationNameEn,
              },
              { term: t('auth.login.email'), value: invitation.data.email },
            ]}
          />
          <form noValidate onSubmit={submit} className="flex flex-col gap-6">
            <ErrorSummary errors={errors} />
            <FormTextField
              form={errors}
              path="displayName"
              label={t('auth.invitation.displayName')}
              hint={t('auth.invitation.displayNameHint')}
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setDisplayName(event.target.value)}
            />
            <NewPasswordFields
              errors={errors}
              path="password"
              password={password}
              confirmation={confirmation}
              onPassword={setPassword}
              onConfirmation={setConfirmation}
            />
            <div>
              <Button type="submit" isBusy={accept.isPending}>
                {t('auth.invitation.submit')}
              </Button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
