import {
  formatFiscalYear as formatFiscalYearShared,
  formatJstDate,
  getJstParts,
  jstDate,
  parseYmd,
} from '../../shared/fiscal-year';
import type { Locale } from '../i18n/locale';

/**
 * How numbers, money and dates read on screen. Dates are always shown in JST,
 * whatever the browser's time zone: a deadline of 17:00 means 17:00 in Japan.
 */

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  ja: new Intl.NumberFormat('ja-JP'),
  en: new Intl.NumberFormat('en-US'),
};

export function formatNumber(value: number, locale: Locale): string {
  return numberFormats[locale].format(value);
}

/** 69,545千円 — budgets are kept and reported in thousands of yen, as in assembly documents. */
export function formatThousandYen(value: number, locale: Locale): string {
  return locale === 'ja' ? `${formatNumber(value, 'ja')}千円` : `¥${formatNumber(value, 'en')} thousand`;
}

/** 令和6年度（2024） / FY2024 (Reiwa 6). */
export function formatFiscalYear(year: number, locale: Locale): string {
  return formatFiscalYearShared(year, locale);
}

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** 2024年4月26日（金） / Fri, 26 Apr 2024 — the JST calendar day of an instant. */
export function formatDate(value: Date | string, locale: Locale): string {
  return formatJstDate(toDate(value), locale);
}

/** 2024年4月26日（金）17:00 / Fri, 26 Apr 2024, 17:00 JST. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  const date = toDate(value);
  const { hour, minute } = getJstParts(date);
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return locale === 'ja'
    ? `${formatJstDate(date, 'ja')}${time}`
    : `${formatJstDate(date, 'en')}, ${time} JST`;
}

/** A calendar date stored as 'YYYY-MM-DD' (a JST day), in words. */
export function formatYmd(ymd: string, locale: Locale): string {
  const { year, month, day } = parseYmd(ymd);
  return formatJstDate(jstDate(year, month, day), locale);
}

/** 4月26日 / 26 Apr — for compact ranges inside one fiscal year. */
export function formatYmdShort(ymd: string, locale: Locale): string {
  const { month, day } = parseYmd(ymd);
  if (locale === 'ja') return `${month}月${day}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${day} ${months[month - 1]}`;
}

/** 2024年4月8日（月）〜4月26日（金）: the year is written once when both ends share it. */
export function formatYmdRange(startsOn: string, endsOn: string, locale: Locale): string {
  const start = formatYmd(startsOn, locale);
  const sameYear = startsOn.slice(0, 4) === endsOn.slice(0, 4);
  if (locale === 'ja') {
    const end = sameYear ? formatYmd(endsOn, 'ja').replace(/^\d+年/, '') : formatYmd(endsOn, 'ja');
    return `${start}〜${end}`;
  }
  return `${start} – ${formatYmd(endsOn, 'en')}`;
}

/** 12,345人 / 12,345 people. */
export function formatPopulation(value: number, locale: Locale): string {
  return locale === 'ja' ? `${formatNumber(value, 'ja')}人` : `${formatNumber(value, 'en')} people`;
}
