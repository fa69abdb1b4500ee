import { en } from './en';
import { type Catalog, ja } from './ja';
import type { Locale } from './locale';

/** 'a.b.c' for every string leaf of the catalog, so a typo in a key is a type error. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Catalog>;
export type MessageParams = Record<string, string | number>;

export const catalogs: Record<Locale, Catalog> = { ja, en };

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `{name}` placeholders are replaced by params; a missing param stays visible rather than vanishing. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = lookup(catalogs[locale], key) ?? lookup(catalogs.ja, key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
