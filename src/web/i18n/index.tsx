import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Locale, persistLocale, readInitialLocale } from './locale';
import { type MessageKey, type MessageParams, onCatalogLoaded, translate } from './translate';

export type { Locale } from './locale';
export type { CatalogPartName, MessageKey } from './translate';
export { loadCatalogParts } from './translate';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Picks the right half of a bilingual value from the API ({ ja, en }). */
  pick: (text: { ja: string; en: string }) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? readInitialLocale());

  // Keep <html lang>, storage and the cookie in step with the UI from the first render on.
  useEffect(() => {
    persistLocale(locale);
  }, [locale]);

  // A catalog part that arrives after a render (one a route did not ask for) re-renders the text.
  const [catalogVersion, setCatalogVersion] = useState(0);
  useEffect(() => onCatalogLoaded(() => setCatalogVersion((v) => v + 1)), []);

  const setLocale = useCallback((next: Locale) => setLocaleState(next), []);
  // catalogVersion: a new `t` makes every component using it render the newly arrived text.
  // biome-ignore lint/correctness/useExhaustiveDependencies: catalogVersion is read by translate() through the registered catalogs
  const value = useMemo<I18nValue>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      pick: (text) => text[locale],
    }),
    [locale, setLocale, catalogVersion],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}
