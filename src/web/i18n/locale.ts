/**
 * Which language the UI speaks. Japanese unless the person chose English;
 * the choice is kept in localStorage and mirrored in the `kk_locale` cookie so
 * the server answers (e-mails, error bodies) in the same language.
 */

export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ja';
export const localeStorageKey = 'kk_locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

/** The value of one cookie in a `document.cookie` string. */
export function readCookie(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** localStorage first (the latest explicit choice), then the cookie, then Japanese. */
export function resolveLocale(stored: string | null | undefined, cookie: string | undefined): Locale {
  if (isLocale(stored)) return stored;
  if (isLocale(cookie)) return cookie;
  return defaultLocale;
}

export function readInitialLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(localeStorageKey);
  } catch {
    // Storage can be disabled by policy on shared municipal PCs; the cookie still works.
  }
  return resolveLocale(stored, readCookie(document.cookie, localeStorageKey));
}

export function persistLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(localeStorageKey, locale);
  } catch {
    // See readInitialLocale.
  }
  const oneYear = 60 * 60 * 24 * 365;
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this cookie; the Cookie Store API is not in every browser municipalities use.
  document.cookie = `${localeStorageKey}=${locale}; path=/; max-age=${oneYear}; samesite=lax`;
  document.documentElement.lang = locale;
}
