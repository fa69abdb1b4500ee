import { errorCatalog } from '../../../shared/errors';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { useI18n } from '../../i18n';

/**
 * Someone saved first (409): say so and offer the latest version, which replaces the form's values.
 * A form may say more precisely what was overwritten (`message`) and what the button loads (`reloadLabel`).
 */
export function ConflictNotice({
  onReload,
  isReloading,
  message,
  reloadLabel,
}: {
  onReload: () => void;
  isReloading?: boolean;
  message?: string;
  reloadLabel?: string;
}) {
  const { t, pick } = useI18n();
  return (
    <Alert
      tone="error"
      isLive
      title={t('errors.conflictTitle')}
      actions={
        <Button variant="secondary" size="sm" onClick={onReload} isBusy={isReloading}>
          {reloadLabel ?? t('errors.reloadLatest')}
        </Button>
      }
    >
      {message ?? pick(errorCatalog.VERSION_CONFLICT)}
    </Alert>
  );
}
