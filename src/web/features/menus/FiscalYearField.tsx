import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { Select } from '../../components/Select';
import { useI18n } from '../../i18n';
import { useFiscalYears } from '../fiscal-years/api';

/**
 * The fiscal year a menus page shows, kept in `?fy=` so a view can be shared. Without one, the
 * active year (else the latest) is chosen.
 */
export function useFiscalYearParam(): [string, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const years = useFiscalYears();
  const chosen = params.get('fy') ?? '';
  const fallback =
    years.data?.find((y) => y.status === 'active')?.id ??
    [...(years.data ?? [])].sort((a, b) => b.year - a.year)[0]?.id ??
    '';
  const set = (id: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('fy', id);
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    // A stale or foreign id in the URL falls back to the default year.
    if (years.data && chosen && !years.data.some((y) => y.id === chosen)) setParams({}, { replace: true });
  }, [years.data, chosen, setParams]);
  return [chosen || fallback, set];
}

export function FiscalYearField({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t, pick } = useI18n();
  const years = useFiscalYears();
  return (
    <Select
      label={t('menus.fiscalYear')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="max-w-xs"
    >
      {(years.data ?? []).map((y) => (
        <option key={y.id} value={y.id}>
          {pick(y.label)}
        </option>
      ))}
    </Select>
  );
}
