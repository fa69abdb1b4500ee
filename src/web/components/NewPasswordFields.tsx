import { useI18n } from '../i18n';
import type { FormErrors } from './forms/useVersionedForm';
import { FormTextField } from './forms/FormTextField';

/** New password twice; the rule (12+ characters) is stated up front, not only after a failure. */
export function NewPasswordFields({
  errors,
  password,
  confirmation,
  onPassword,
  onConfirmation,
  path = 'newPassword',
}: {
  errors: FormErrors;
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  path?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <FormTextField
        form={errors}
        path={path}
        label={t('auth.newPassword.label')}
        hint={t('auth.newPassword.hint')}
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(event) => onPassword(event.target.value)}
      />
      <FormTextField
        form={errors}
        path="confirmation"
        label={t('auth.newPassword.confirmation')}
        type="password"
        autoComplete="new-password"
        required
        value={confirmation}
        onChange={(event) => onConfirmation(event.target.value)}
      />
    </>
  );
}

export const confirmationMismatch = {
  path: ['confirmation'],
  code: 'mismatch',
  ja: '確認用のパスワードが一致しません。',
  en: 'The two passwords do not match.',
};
