import { buttonClass } from '../../components/Button';
import { useI18n } from '../../i18n';
import { formatNumber, formatThousandYen } from '../../lib/format';

/** A 千円 figure, or a dash when not recorded. */
export function Yen({ value }: { value: number | null }) {
  const { locale, t } = useI18n();
  return <>{value === null ? t('reports.notRecorded') : formatThousandYen(value, locale)}</>;
}

/** A signed change in 千円 (+38,598千円), or a dash. */
export function YenChange({ value }: { value: number | null }) {
  const { locale, t } = useI18n();
  if (value === null) return <>{t('reports.notRecorded')}</>;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return <>{`${sign}${formatThousandYen(Math.abs(value), locale)}`}</>;
}

export function Num({ value }: { value: number | null }) {
  const { locale, t } = useI18n();
  return <>{value === null ? t('reports.notRecorded') : formatNumber(value, locale)}</>;
}

/** Download links for a report's xlsx and CSV (hidden when printing). */
export function ExportLinks({ url }: { url: (format: 'xlsx' | 'csv') => string }) {
  const { t } = useI18n();
  return (
    <>
      <a href={url('xlsx')} className={buttonClass('secondary', 'md', 'print:hidden')} download>
        {t('reports.exportXlsx')}
      </a>
      <a href={url('csv')} className={buttonClass('secondary', 'md', 'print:hidden')} download>
        {t('reports.exportCsv')}
      </a>
    </>
  );
}
