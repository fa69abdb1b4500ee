import { getJstParts, jstDate } from '../../../shared/fiscal-year';
import { formatDateTime } from '../../lib/format';

/**
 * An <input type="datetime-local"> shows wall-clock time without a zone. The
 * seminars' times are JST whatever the browser's zone, so the field's value
 * is read and written as JST here, never through the browser's clock.
 */

const pad2 = (n: number) => String(n).padStart(2, '0');

/** '2024-07-10T14:00' (JST) for an instant; '' for none. */
export function toJstInputValue(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  const { year, month, day, hour, minute } = getJstParts(date);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}`;
}

/** The ISO instant of a JST field value; null when the field is empty or not a date-time. */
export function fromJstInputValue(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d, hh, mm] = match.map(Number) as [number, number, number, number, number, number];
  try {
    return jstDate(y, m, d, hh, mm).toISOString();
  } catch {
    return null;
  }
}

/**
 * 2026年12月21日（月）14:00〜15:30 when both ends fall on the same JST day;
 * both full date-times otherwise.
 */
export function formatJstRange(startsAt: string, endsAt: string, locale: 'ja' | 'en'): string {
  const start = toJstInputValue(startsAt);
  const end = toJstInputValue(endsAt);
  const startText = formatDateTime(startsAt, locale);
  if (start.slice(0, 10) === end.slice(0, 10) && end !== '') {
    const endTime = end.slice(11);
    return locale === 'ja' ? `${startText}〜${endTime}` : `${startText.replace(/ JST$/, '')}–${endTime} JST`;
  }
  return locale === 'ja'
    ? `${startText}〜${formatDateTime(endsAt, locale)}`
    : `${startText} – ${formatDateTime(endsAt, locale)}`;
}
