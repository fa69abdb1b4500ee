import type { Catalog } from './ja';
import type { Locale } from './locale';
import { shellEn, shellJa } from './shell';
import type { Widen } from './widen';

/** 'a.b.c' for every string leaf of the catalog, so a typo in a key is a type error. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Catalog>;
export type MessageParams = Record<string, string | number>;

type CatalogPart = { ja: Record<string, unknown>; en: Record<string, unknown> };
const pair = <T>(ja: T, en: Widen<T>): CatalogPart => ({ ja, en }) as unknown as CatalogPart;

/**
 * Each feature's text, downloaded on demand: a town office's old PC on a slow line should not
 * fetch every feature's text to show the login page. Routes load the parts their pages use
 * before rendering (routes.tsx), so `t()` stays synchronous. The names are the catalog's
 * top-level keys each part defines (ja.ts composes them all for the types and the tests).
 */
const partLoaders = {
  auth: () => import('./auth').then((m) => pair(m.authJa, m.authEn)),
  home: () => import('./home').then((m) => pair(m.homeJa, m.homeEn)),
  municipalities: () => import('./municipalities').then((m) => pair(m.municipalitiesJa, m.municipalitiesEn)),
  fiscalYears: () => import('./fiscal-years').then((m) => pair(m.fiscalYearsJa, m.fiscalYearsEn)),
  account: () => import('./account').then((m) => pair(m.accountJa, m.accountEn)),
  admin: () => import('./admin').then((m) => pair(m.adminJa, m.adminEn)),
  about: () => import('./about').then((m) => pair(m.aboutJa, m.aboutEn)),
  menus: () => import('./menus').then((m) => pair(m.menusJa, m.menusEn)),
  surveys: () => import('./surveys').then((m) => pair(m.surveysJa, m.surveysEn)),
  seminars: () => import('./seminars').then((m) => pair(m.seminarsJa, m.seminarsEn)),
  applications: () => import('./applications').then((m) => pair(m.applicationsJa, m.applicationsEn)),
  notifications: () => import('./notifications').then((m) => pair(m.notificationsJa, m.notificationsEn)),
  reports: () => import('./reports').then((m) => pair(m.reportsJa, m.reportsEn)),
  cases: () => import('./cases').then((m) => pair(m.casesJa, m.casesEn)),
  dashboards: () => import('./dashboards').then((m) => pair(m.dashboardsJa, m.dashboardsEn)),
  projects: () => import('./projects').then((m) => pair(m.projectsJa, m.projectsEn)),
} as const;

export type CatalogPartName = keyof typeof partLoaders;

/** Top-level keys defined by a part under another name (municipalities.ts also holds the import page's). */
const partOfKey: Record<string, CatalogPartName> = { municipalityImport: 'municipalities' };

/** The text loaded so far: the shell's from the start, the features' as they arrive. */
export const catalogs: Record<Locale, Record<string, unknown>> = {
  ja: { ...shellJa },
  en: { ...shellEn },
};

const pending = new Map<CatalogPartName, Promise<void>>();
const listeners = new Set<() => void>();

/** Called whenever a part arrives, so the UI can re-render with text it could not show before. */
export function onCatalogLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Downloads and registers the named parts (each once); resolves when all are ready. */
export function loadCatalogParts(names: readonly CatalogPartName[]): Promise<void> {
  return Promise.all(
    names.map((name) => {
      let loading = pending.get(name);
      if (!loading) {
        loading = partLoaders[name]().then((part) => {
          Object.assign(catalogs.ja, part.ja);
          Object.assign(catalogs.en, part.en);
          for (const listener of listeners) listener();
        });
        // A failed download (connection dropped) may be tried again by the next page.
        loading.catch(() => pending.delete(name));
        pending.set(name, loading);
      }
      return loading;
    }),
  ).then(() => undefined);
}

function lookup(catalog: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * A key whose part a route did not ask for: fetch that part, and the UI re-renders when it
 * arrives (onCatalogLoaded). The key shows for a moment instead of the page breaking.
 */
function loadMissingPart(key: string): void {
  const top = key.split('.')[0] ?? '';
  const name = partOfKey[top] ?? top;
  if (name in partLoaders && !pending.has(name as CatalogPartName)) {
    loadCatalogParts([name as CatalogPartName]).catch(() => undefined);
  }
}

/** `{name}` placeholders are replaced by params; a missing param stays visible rather than vanishing. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  let template = lookup(catalogs[locale], key) ?? lookup(catalogs.ja, key);
  if (template === undefined) {
    loadMissingPart(key);
    template = key;
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
