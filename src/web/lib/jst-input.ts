import { getJstParts, jstDate } from '../../shared/fiscal-year';

/**
 * An <input type="datetime-local"> shows wall-clock time without a zone. Times in
 * Kakehashi are JST whatever the browser's zone, so the field's value
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
