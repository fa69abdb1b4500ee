import { useI18n } from '../i18n';
import type { Locale } from '../i18n/locale';
import { cx } from '../lib/cx';

const options: { locale: Locale; label: string }[] = [
  { locale: 'ja', label: '日本語' },
  { locale: 'en', label: 'English' },
];

/** Two real buttons; the chosen one is pressed. Each label is written in its own language. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <fieldset className="inline-flex rounded-8 border border-solid-gray-600 bg-white p-0.5">
      <legend className="sr-only">{t('shell.language')}</legend>
      {options.map((option) => {
        const isCurrent = option.locale === locale;
        return (
          <button
            key={option.locale}
            type="button"
            lang={option.locale}
            aria-pressed={isCurrent}
            onClick={() => setLocale(option.locale)}
            className={cx(
              'min-h-9 min-w-18 rounded-6 px-3 text-oln-14B-100 cursor-pointer',
              isCurrent ? 'bg-blue-1000 text-white' : 'text-blue-1000 hover:bg-blue-50 hover:underline',
            )}
          >
            {option.label}
          </button>
        );
      })}
    </fieldset>
  );
}
