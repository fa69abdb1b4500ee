import { describe, expect, it } from 'vitest';
import { aboutEn, aboutJa } from './about';
import { applicationsEn, applicationsJa } from './applications';
import { accountEn, accountJa } from './account';
import { adminEn, adminJa } from './admin';
import { authEn, authJa } from './auth';
import { en } from './en';
import { fiscalYearsEn, fiscalYearsJa } from './fiscal-years';
import { homeEn, homeJa } from './home';
import { ja } from './ja';
import { menusEn, menusJa } from './menus';
import { municipalitiesEn, municipalitiesJa } from './municipalities';
import { seminarsEn, seminarsJa } from './seminars';
import { projectsEn, projectsJa } from './projects';
import { surveysEn, surveysJa } from './surveys';
import { readCookie, resolveLocale } from './locale';
import { shellEn, shellJa } from './shell';
import { catalogs, loadCatalogParts, onCatalogLoaded, translate } from './translate';

/** Every leaf as [dotted key, value]; a non-string leaf is reported as such so it cannot hide. */
function flatten(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? flatten(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

const jaEntries = new Map(flatten(ja));
const enEntries = new Map(flatten(en));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI catalogs', () => {
  it('have the same keys in Japanese and English', () => {
    const onlyJa = [...jaEntries.keys()].filter((key) => !enEntries.has(key));
    const onlyEn = [...enEntries.keys()].filter((key) => !jaEntries.has(key));
    expect(onlyJa, 'keys missing from en.ts').toEqual([]);
    expect(onlyEn, 'keys missing from ja.ts').toEqual([]);
  });

  it('are composed of per-feature parts that each match between the languages and never overlap', () => {
    const parts = {
      shell: [shellJa, shellEn],
      about: [aboutJa, aboutEn],
      account: [accountJa, accountEn],
      admin: [adminJa, adminEn],
      applications: [applicationsJa, applicationsEn],
      auth: [authJa, authEn],
      fiscalYears: [fiscalYearsJa, fiscalYearsEn],
      home: [homeJa, homeEn],
      menus: [menusJa, menusEn],
      municipalities: [municipalitiesJa, municipalitiesEn],
      seminars: [seminarsJa, seminarsEn],
      projects: [projectsJa, projectsEn],
      surveys: [surveysJa, surveysEn],
    } as const;
    const owners = new Map<string, string>();
    for (const [name, [partJa, partEn]] of Object.entries(parts)) {
      expect(
        flatten(partEn).map(([key]) => key),
        `keys of the ${name} part`,
      ).toEqual(flatten(partJa).map(([key]) => key));
      // A spread part silently replaces an earlier one with the same top-level key.
      for (const key of Object.keys(partJa)) {
        expect(owners.get(key), `${key} defined by two parts`).toBeUndefined();
        owners.set(key, name);
      }
      const missing = flatten(partJa).filter(([key]) => !jaEntries.has(key));
      expect(missing, `${name} keys missing from the composed catalog`).toEqual([]);
    }
  });

  it('have no empty or non-text values', () => {
    for (const [name, entries] of [
      ['ja', jaEntries],
      ['en', enEntries],
    ] as const) {
      const bad = [...entries].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
      expect(
        bad.map(([key]) => key),
        `empty values in ${name}.ts`,
      ).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...jaEntries].filter(
      ([key, value]) =>
        JSON.stringify(placeholders(String(value))) !==
        JSON.stringify(placeholders(String(enEntries.get(key) ?? ''))),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('has a Japanese catalog that is actually Japanese', () => {
    // Guards against pasting English into ja.ts: most entries must contain kana or kanji.
    const japanese = [...jaEntries.values()].filter((v) => /[\u3040-\u30ff\u4e00-\u9fff]/u.test(String(v)));
    expect(japanese.length / jaEntries.size).toBeGreaterThan(0.9);
  });
});

describe('translate', () => {
  it('has only the shell text at first and a feature part once it is loaded, telling the UI', async () => {
    expect(Object.keys(catalogs.ja).sort()).toEqual(Object.keys(shellJa).sort());
    expect(translate('ja', 'nav.menuCatalog')).toBe('支援メニュー一覧');
    let notified = 0;
    const stop = onCatalogLoaded(() => {
      notified += 1;
    });
    await loadCatalogParts(['home', 'auth']);
    stop();
    expect(notified).toBe(2);
    expect(translate('en', 'home.title')).toBe('Home');
  });

  it('fetches the part of a key no route asked for, so the text appears a moment later', async () => {
    const loaded = new Promise<void>((resolve) => {
      const stop = onCatalogLoaded(() => {
        stop();
        resolve();
      });
    });
    expect(translate('ja', 'about.title')).toBe('about.title');
    await loaded;
    expect(translate('ja', 'about.title')).toBe(aboutJa.about.title);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('ja', 'home.welcome', { name: '山田' })).toBe('山田 さん、こんにちは。');
    expect(translate('en', 'home.welcome', { name: 'Yamada' })).toBe('Welcome, Yamada.');
    expect(translate('en', 'home.welcome')).toBe('Welcome, {name}.');
  });

  it('uses the labels the shared login helper relies on', () => {
    expect(translate('ja', 'auth.login.email')).toBe('メールアドレス');
    expect(translate('ja', 'auth.login.password')).toBe('パスワード');
    expect(translate('ja', 'auth.login.submit')).toBe('ログイン');
    expect(translate('ja', 'auth.mfa.code')).toBe('確認コード');
    expect(translate('ja', 'auth.mfa.submit')).toBe('確認');
  });
});

describe('locale choice', () => {
  it('prefers the stored choice, then the cookie, then Japanese', () => {
    expect(resolveLocale('en', 'ja')).toBe('en');
    expect(resolveLocale(null, 'en')).toBe('en');
    expect(resolveLocale('fr', undefined)).toBe('ja');
    expect(resolveLocale(undefined, undefined)).toBe('ja');
  });

  it('reads one cookie among several', () => {
    expect(readCookie('a=1; kk_locale=en; b=2', 'kk_locale')).toBe('en');
    expect(readCookie('kk_locale_x=en', 'kk_locale')).toBeUndefined();
  });
});
