import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Button } from './Button';
import { Select } from './Select';

/**
 * The filter box above a list: a search landmark with the fields in a grid,
 * an apply button (Enter in any field applies too) and a clear button. The
 * page keeps the filter values, usually in the URL so a view can be shared.
 */
export function FilterPanel({
  label,
  onApply,
  onClear,
  children,
}: {
  /** Names the search landmark for screen readers, e.g. 「ユーザーの絞り込み」. */
  label: string;
  onApply: (event: FormEvent) => void;
  onClear: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <search aria-label={label}>
      <form
        onSubmit={onApply}
        className="flex flex-col gap-5 rounded-12 border border-solid-gray-420 bg-solid-gray-50 p-5 sm:p-6"
      >
        <div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-4">{children}</div>
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit">{t('municipalities.apply')}</Button>
          <Button variant="tertiary" onClick={onClear}>
            {t('municipalities.clear')}
          </Button>
        </div>
      </form>
    </search>
  );
}

/**
 * A filter's drop-down: 「すべて」 (no filter, the empty value) first, then the choices. Used inside
 * a `FilterPanel`; the page keeps the value.
 */
export function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
}) {
  const { t } = useI18n();
  return (
    <Select label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('common.all')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}
