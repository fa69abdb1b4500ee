/**
 * Every mail kind the app sends, rendered, checked as its reader meets it: each link to the app
 * (`${publicUrl}/…`) opens a page the web app routes (src/web/routes.tsx), the mail greets its
 * addressee, dates are JST in Japanese style with the era (令和6年（2024年）6月21日（金）15:00) and in English, and both
 * languages are complete (no empty quotes, no ISO dates, no Japanese left in the English text).
 *
 * The convention that makes a new mail join this test: a feature keeps its mails in
 * `src/server/features/<feature>/<name>.mails.ts`, and that file exports
 * `mailExamples: MailExample[]` (platform/mail/templates.ts) with one entry per mail kind it
 * defines, rendered through the same functions the feature sends with. The files are collected
 * by `import.meta.glob`, so nothing here lists them; a `*.mails.ts` without examples fails.
 */
import { describe, expect, it } from 'vitest';
import { appPages, routedPage } from '../../testing/web-pages';
import type { MailExample, MailLocale } from './templates';

const mailModules = import.meta.glob<{ mailExamples?: MailExample[] }>('../../features/**/*.mails.ts', {
  eager: true,
});

const publicUrl = 'https://kakehashi.example.jp';
const locales: MailLocale[] = ['ja', 'en'];
const japanese = /[ぁ-んァ-ヶ一-龥々（）「」【】：、。]/;
// 和暦 first, the Western year in brackets: 令和6年（2024年）6月21日（金）.
const jaDate = /(令和|平成)(元|\d{1,2})年（\d{4}年）\d{1,2}月\d{1,2}日（[日月火水木金土]）/;
const enDate =
  /(Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/;

const examples = Object.entries(mailModules).flatMap(([file, module]) =>
  (module.mailExamples ?? []).map((example) => ({ file, example })),
);

function appLinks(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s」）)"]+/g)]
    .map((match) => match[0])
    .filter((link) => link.startsWith(`${publicUrl}/`));
}

describe('every mail the app sends', () => {
  it('is found: each *.mails.ts exports its examples, and the known kinds are among them', () => {
    expect(Object.keys(mailModules).length).toBeGreaterThan(0);
    for (const [file, module] of Object.entries(mailModules)) {
      expect(module.mailExamples?.length ?? 0, `${file} exports no mailExamples`).toBeGreaterThan(0);
    }
    expect(examples.map((e) => e.example.kind)).toEqual(
      expect.arrayContaining([
        'auth.invitation',
        'auth.password_reset',
        'surveys.reminder',
        'seminars.seat_given',
        'seminars.reminder',
        'menus.proposal_decision',
      ]),
    );
    expect(new Set(examples.map((e) => e.example.kind)).size).toBe(examples.length);
  });

  it('reads the page list from the web router', () => {
    expect(appPages).toEqual(expect.arrayContaining(['/surveys/:id/answer', '/menus/proposals/:id']));
    expect(routedPage('/surveys/abc/answer')).toBe(true);
    expect(routedPage('/surveys/abc')).toBe(false);
  });

  for (const { example } of examples) {
    describe(example.kind, () => {
      for (const locale of locales) {
        const mail = example.render(publicUrl, locale);
        const text = `${mail.subject}\n${mail.bodyText}`;

        it(`${locale}: every link opens a page of the web app`, () => {
          const links = appLinks(text);
          expect(links.length, 'a mail leads its reader to the page it is about').toBeGreaterThan(0);
          for (const link of links) {
            expect(routedPage(new URL(link).pathname), `${link} is no page of the web app`).toBe(true);
          }
        });

        it(`${locale}: greets the addressee and writes dates for its reader`, () => {
          const wantsJa = locale === 'ja' || example.languages === 'both-in-one';
          const wantsEn = locale === 'en' || example.languages === 'both-in-one';
          if (wantsJa) expect(mail.bodyText).toContain(`${example.recipientName} 様`);
          if (wantsEn) expect(mail.bodyText).toContain(`Dear ${example.recipientName},`);
          expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/);
          if (wantsJa) expect(text).toMatch(jaDate);
          if (wantsEn) expect(text).toMatch(enDate);
        });

        it(`${locale}: has no hole where data was missing`, () => {
          expect(text).not.toMatch(/""|「」|“”|\bundefined\b|\bnull\b|NaN|Invalid Date|\$\{/);
          expect(text).not.toMatch(/ {2,}[^ ]|\s+,/);
        });

        if (locale === 'en' && example.languages === 'per-recipient') {
          it('en: no Japanese beyond the data typed in Japanese', () => {
            let rest = text;
            for (const data of example.singleLanguageData ?? []) rest = rest.replaceAll(data, '');
            // The subject's brand prefix is the same in both languages.
            expect(rest).not.toMatch(japanese);
          });
        }
      }
    });
  }
});
