import { errorCatalog } from '../../../shared/errors';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { useI18n } from '../../i18n';

/** Someone saved first (409): say so and offer the latest version, which replaces the form's values. */
export function ConflictNotice({ onReload, isReloading }: { onReload: () => void; isReloading?: boolean }) {
  const { t, pick } = useI18n();
  return (
    <Alert
      tone="error"
      isLive
      title={t('errors.conflictTitle')}
      actions={
        <Button variant="secondary" size="sm" onClick={onReload} isBusy={isReloading}>
          {t('errors.reloadLatest')}
        </Button>
      }
    >
      {pick(errorCatalog.VERSION_CONFLICT)}
    </Alert>
  );
}
