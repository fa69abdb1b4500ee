import { formatJstDate, toJstDateTimeString } from '../../../shared/fiscal-year';

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

/** A moment as a reader of that language expects it: 2024年7月1日 13:30（日本時間） / Jul 1, 2024, 13:30 JST. */
export function formatMailDateTime(at: Date, locale: MailLocale): string {
  const time = toJstDateTimeString(at).slice(11);
  return locale === 'en'
    ? `${formatJstDate(at, 'en')}, ${time} JST`
    : `${formatJstDate(at, 'ja')} ${time}（日本時間）`;
}

export function formatMailDate(at: Date, locale: MailLocale): string {
  return formatJstDate(at, locale);
}
