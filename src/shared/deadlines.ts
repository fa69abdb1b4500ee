import { addDaysToYmd, jstDate, parseYmd } from './fiscal-year';
import { isBusinessDay } from './holidays';

/**
 * Deadlines are announced as "a date, by a time" in Tokyo (e.g. 5月10日（金）
 * 17時), so they are stored as a calendar date plus a cut-off and only turned
 * into an instant at the last moment. Business-day arithmetic follows the
 * municipal calendar in ./holidays, so it only works for 2000–2099.
 */

export const DEFAULT_CUTOFF = '17:00';

const MS_PER_MINUTE = 60 * 1000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

function isBusinessYmd(ymd: string): boolean {
  const { year, month, day } = parseYmd(ymd);
  return isBusinessDay(year, month, day);
}

function assertValidDate(date: Date, label: string): void {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`${label} is an invalid Date`);
  }
}

/** The instant a deadline closes: `cutoff` (HH:mm, 24-hour) JST on `dateYmd`. */
export function deadlineAt(dateYmd: string, cutoff = DEFAULT_CUTOFF): Date {
  const { year, month, day } = parseYmd(dateYmd);
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(cutoff);
  if (!match) {
    throw new RangeError(`Expected a cut-off time as HH:mm, got ${JSON.stringify(cutoff)}`);
  }
  return jstDate(year, month, day, Number(match[1]), Number(match[2]));
}

/**
 * Defaults to 'earlier' because prefectures pull a deadline that lands on a
 * closed day forward, so nobody is promised a day the office cannot receive
 * documents; 'later' suits dates that must not come early (e.g. a start date).
 */
export function adjustToBusinessDay(dateYmd: string, direction: 'earlier' | 'later' = 'earlier'): string {
  const step = direction === 'earlier' ? -1 : 1;
  let ymd = dateYmd;
  while (!isBusinessYmd(ymd)) {
    ymd = addDaysToYmd(ymd, step);
  }
  return ymd;
}

/** Submissions made exactly at the cut-off still count as on time. */
export function isPastDeadline(deadline: Date, now: Date): boolean {
  assertValidDate(deadline, 'deadline');
  assertValidDate(now, 'now');
  return now.getTime() > deadline.getTime();
}

/**
 * Signed count of business days crossed when walking from `fromYmd` to
 * `toYmd`, counting the day arrived at but not the day left. Counting this
 * way makes it the inverse of addBusinessDays whenever `toYmd` is itself a
 * business day: addBusinessDays(a, businessDaysBetween(a, b)) === b.
 */
export function businessDaysBetween(fromYmd: string, toYmd: string): number {
  parseYmd(fromYmd);
  parseYmd(toYmd);
  if (fromYmd === toYmd) return 0;
  // YYYY-MM-DD strings sort chronologically, so string comparison suffices.
  const step = toYmd > fromYmd ? 1 : -1;
  let count = 0;
  for (let ymd = fromYmd; ymd !== toYmd; ) {
    ymd = addDaysToYmd(ymd, step);
    if (isBusinessYmd(ymd)) count += step;
  }
  return count;
}

/**
 * The n-th business day after (n > 0) or before (n < 0) `ymd`; the start day
 * itself never counts, so it need not be a business day. n = 0 returns `ymd`
 * unchanged rather than snapping it, which is adjustToBusinessDay's job.
 */
export function addBusinessDays(ymd: string, n: number): string {
  if (!Number.isInteger(n)) {
    throw new RangeError(`Expected a whole number of business days, got ${n}`);
  }
  parseYmd(ymd);
  const step = n > 0 ? 1 : -1;
  let current = ymd;
  for (let remaining = Math.abs(n); remaining > 0; ) {
    current = addDaysToYmd(current, step);
    if (isBusinessYmd(current)) remaining--;
  }
  return current;
}

/**
 * Rounds down at every scale so the text never promises more time than is
 * left: 1 day 23 hours reads "1 day", not "2 days".
 */
export function describeRemaining(deadline: Date, now: Date, locale: 'ja' | 'en'): string {
  if (isPastDeadline(deadline, now)) {
    return locale === 'ja' ? '締切済み' : 'Closed';
  }
  const remaining = deadline.getTime() - now.getTime();
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} left`;
  if (remaining >= MS_PER_DAY) {
    const days = Math.floor(remaining / MS_PER_DAY);
    return locale === 'ja' ? `あと${days}日` : plural(days, 'day');
  }
  if (remaining >= MS_PER_HOUR) {
    const hours = Math.floor(remaining / MS_PER_HOUR);
    return locale === 'ja' ? `あと${hours}時間` : plural(hours, 'hour');
  }
  if (remaining >= MS_PER_MINUTE) {
    const minutes = Math.floor(remaining / MS_PER_MINUTE);
    return locale === 'ja' ? `あと${minutes}分` : plural(minutes, 'minute');
  }
  return locale === 'ja' ? 'あと1分未満' : 'Less than a minute left';
}
