import { formatDateTime } from '../../lib/format';
import { toJstInputValue } from '../../lib/jst-input';

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
