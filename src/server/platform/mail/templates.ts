import { formatJstDate, getJstParts, toJapaneseEra, toJstDateTimeString } from '../../../shared/fiscal-year';

/** The language a user reads mail in: their account's `locale`. */
export type MailLocale = 'ja' | 'en';

/** A mail ready for the outbox. */
export interface ComposedMail {
  subject: string;
  bodyText: string;
}

/** One language's text of a mail: the subject and the body's lines (joined with line breaks). */
export interface MailText {
  subject: string;
  lines: readonly string[];
}

/**
 * A mail in both languages. Each feature keeps its templates beside its code
 * (`<feature>.mails.ts`) and sends each recipient the language of their account;
 * plain text survives every municipal mail gateway.
 */
export interface MailTemplate<Params> {
  ja(params: Params): MailText;
  en(params: Params): MailText;
}

export function defineMailTemplate<Params>(template: MailTemplate<Params>): MailTemplate<Params> {
  return template;
}

/** The recipient's language, falling back to Japanese for anything unknown. */
export function mailLocaleOf(locale: string | null | undefined): MailLocale {
  return locale === 'en' ? 'en' : 'ja';
}

export function composeMail<Params>(
  template: MailTemplate<Params>,
  params: Params,
  locale: MailLocale,
): ComposedMail {
  const text = locale === 'en' ? template.en(params) : template.ja(params);
  return {
    subject: `${subjectPrefix[locale]}${text.subject}`,
    bodyText: [...text.lines, '', footer[locale]].join('\n'),
  };
}

const subjectPrefix: Record<MailLocale, string> = { ja: '【Kakehashi】', en: '[Kakehashi] ' };

const footer: Record<MailLocale, string> = {
  ja: '――\nこのメールは市町村DX支援プラットフォーム「Kakehashi」から送信されています。\n表示言語はアカウント設定で変更できます。',
  en: '--\nThis mail was sent by Kakehashi, the municipal DX support platform.\nYou can change the language in your account settings.',
};

/**
 * A moment in Japan time as a reader of that language expects it: 2024年7月1日（月）13:30 /
 * Mon, 1 Jul 2024, 13:30 JST. Japanese readers are all in Japan, so their form names no zone.
 */
export function formatMailDateTime(at: Date, locale: MailLocale): string {
  const time = toJstDateTimeString(at).slice(11);
  return locale === 'en' ? `${formatJstDate(at, 'en')}, ${time} JST` : `${formatMailDate(at, 'ja')}${time}`;
}

/**
 * A day in Japan time: 令和6年（2024年）7月1日（月） / Mon, 1 Jul 2024. Town offices date their
 * documents in the era (和暦); the Western year beside it keeps the mail unambiguous.
 */
export function formatMailDate(at: Date, locale: MailLocale): string {
  if (locale === 'en') return formatJstDate(at, 'en');
  const { year, month, day } = getJstParts(at);
  const era = toJapaneseEra(year, month, day).label;
  // formatJstDate gives 2024年7月1日（月）: the era goes first, the Western year into brackets.
  const monthDay = formatJstDate(at, 'ja').slice(`${year}年`.length);
  return `${era}（${year}年）${monthDay}`;
}

/** The salutation that opens every mail: 山田 太郎 様 / Dear Taro Yamada, */
export function addressee(recipientName: string, locale: MailLocale): string {
  return locale === 'en' ? `Dear ${recipientName},` : `${recipientName} 様`;
}

/**
 * One mail kind rendered with example data, so one test (`mail-links.test.ts`) can check every
 * kind the app sends: its links lead to pages of the web app, it greets the recipient, its dates
 * are JST in each language's style and both languages are complete. Every `<feature>.mails.ts`
 * exports `mailExamples: MailExample[]` with one entry per mail kind it defines.
 */
export interface MailExample {
  /** `<feature>.<mail>`, e.g. `surveys.reminder`. */
  kind: string;
  /** The display name the example addresses; the mail must greet it. */
  recipientName: string;
  /**
   * `per-recipient`: the mail is written in the recipient's language (most mails).
   * `both-in-one`: one body carries Japanese then English (one-time links to people whose
   * language is not known yet).
   */
  languages: 'per-recipient' | 'both-in-one';
  /** The mail as a reader of `locale` gets it, its links built on `publicUrl`. */
  render(publicUrl: string, locale: MailLocale): ComposedMail;
  /** Example data typed in one language only (a title entered in Japanese): left out of the language check. */
  singleLanguageData?: readonly string[];
}
