/**
 * Dates as a Japanese municipality sees them: the JST calendar, the April–March
 * fiscal year (年度) and the imperial eras. Japan has had no daylight saving
 * since 1951, so a fixed +9h offset is exact and keeps results independent of
 * the time zone of whichever server or browser runs this code.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

export type JapaneseEraName = '明治' | '大正' | '昭和' | '平成' | '令和';

export interface JapaneseEra {
  era: JapaneseEraName;
  eraYear: number;
  /** e.g. '令和6年', or '令和元年' for the first year. */
  label: string;
}

export interface JstParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday, as in Date#getDay. */
  weekday: number;
}

export interface YmdParts {
  year: number;
  month: number;
  day: number;
}

/** Newest first so the first era whose start is not after the date wins. */
const ERAS: readonly { era: JapaneseEraName; romaji: string; start: readonly [number, number, number] }[] = [
  { era: '令和', romaji: 'Reiwa', start: [2019, 5, 1] },
  { era: '平成', romaji: 'Heisei', start: [1989, 1, 8] },
  { era: '昭和', romaji: 'Showa', start: [1926, 12, 25] },
  { era: '大正', romaji: 'Taisho', start: [1912, 7, 30] },
  { era: '明治', romaji: 'Meiji', start: [1868, 10, 23] },
];

const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function assertValidDate(date: Date): void {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('Invalid Date');
  }
}

/**
 * Builds the UTC instant for a wall-clock reading; setUTCFullYear is used
 * because Date.UTC silently maps years 0–99 to 1900–1999.
 */
function utcFromFields(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, 0, 0);
  return date;
}

function daysInMonth(year: number, month: number): number {
  return utcFromFields(year, month + 1, 0).getUTCDate();
}

function assertCalendarDate(year: number, month: number, day: number): void {
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    !Number.isInteger(day) ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
}

export function getJstParts(date: Date): JstParts {
  assertValidDate(date);
  const shifted = new Date(date.getTime() + JST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** Throws RangeError on anything but a real calendar date in YYYY-MM-DD form. */
export function parseYmd(ymd: string): YmdParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) {
    throw new RangeError(`Expected YYYY-MM-DD, got ${JSON.stringify(ymd)}`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  assertCalendarDate(year, month, day);
  return { year, month, day };
}

export function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function addDaysToYmd(ymd: string, days: number): string {
  if (!Number.isInteger(days)) {
    throw new RangeError(`Days must be an integer, got ${days}`);
  }
  const { year, month, day } = parseYmd(ymd);
  const shifted = new Date(utcFromFields(year, month, day).getTime() + days * MS_PER_DAY);
  return formatYmd(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** 0 = Sunday. */
export function weekdayOf(year: number, month: number, day: number): number {
  return utcFromFields(year, month, day).getUTCDay();
}

/** The Monday (YYYY-MM-DD) of the JST week, Monday to Sunday, in which an instant falls. */
export function jstWeekStartOf(instant: Date): string {
  const { year, month, day } = getJstParts(instant);
  const sinceMonday = (weekdayOf(year, month, day) + 6) % 7;
  return addDaysToYmd(formatYmd(year, month, day), -sinceMonday);
}

/** The instant at which JST wall-clock time reads y-m-d hh:mm. */
export function jstDate(y: number, m: number, d: number, hh = 0, mm = 0): Date {
  assertCalendarDate(y, m, d);
  if (!Number.isInteger(hh) || !Number.isInteger(mm) || hh < 0 || hh > 23 || mm < 0 || mm > 59) {
    throw new RangeError(`Not a time of day: ${hh}:${mm}`);
  }
  return new Date(utcFromFields(y, m, d, hh, mm).getTime() - JST_OFFSET_MS);
}

export function fiscalYearOf(date: Date): number {
  const { year, month } = getJstParts(date);
  return month >= 4 ? year : year - 1;
}

/** `end` is exclusive: the first instant of the next fiscal year. */
export function fiscalYearRange(fy: number): { start: Date; end: Date } {
  if (!Number.isInteger(fy)) {
    throw new RangeError(`Fiscal year must be an integer, got ${fy}`);
  }
  return { start: jstDate(fy, 4, 1), end: jstDate(fy + 1, 4, 1) };
}

function findEra(year: number, month: number, day: number): (typeof ERAS)[number] & { eraYear: number } {
  assertCalendarDate(year, month, day);
  const key = year * 10000 + month * 100 + day;
  for (const era of ERAS) {
    const [sy, sm, sd] = era.start;
    if (key >= sy * 10000 + sm * 100 + sd) {
      return { ...era, eraYear: year - sy + 1 };
    }
  }
  throw new RangeError(`Dates before the Meiji era are not supported: ${formatYmd(year, month, day)}`);
}

function labelEra(era: JapaneseEraName, eraYear: number): string {
  return `${era}${eraYear === 1 ? '元' : eraYear}年`;
}

export function toJapaneseEra(year: number, month = 1, day = 1): JapaneseEra {
  const { era, eraYear } = findEra(year, month, day);
  return { era, eraYear, label: labelEra(era, eraYear) };
}

/**
 * A fiscal year is named after the era in force on its first day, except
 * FY2019: it opened in 平成31年 but, once 令和 began a month later,
 * municipalities renamed it 令和元年度 and every later document uses that.
 */
export function formatFiscalYear(fy: number, locale: 'ja' | 'en'): string {
  if (!Number.isInteger(fy)) {
    throw new RangeError(`Fiscal year must be an integer, got ${fy}`);
  }
  const era = fy === 2019 ? { ...ERAS[0]!, eraYear: 1 } : findEra(fy, 4, 1);
  return locale === 'ja'
    ? `${labelEra(era.era, era.eraYear)}度（${fy}）`
    : `FY${fy} (${era.romaji} ${era.eraYear})`;
}

/**
 * The short label documents use in running text: 令和4年度 / FY2022 (no Western year in
 * brackets), e.g. "令和4年度実績：19市町村".
 */
export function formatFiscalYearShort(fy: number, locale: 'ja' | 'en'): string {
  if (!Number.isInteger(fy)) {
    throw new RangeError(`Fiscal year must be an integer, got ${fy}`);
  }
  if (locale === 'en') return `FY${fy}`;
  const era = fy === 2019 ? { ...ERAS[0]!, eraYear: 1 } : findEra(fy, 4, 1);
  return `${labelEra(era.era, era.eraYear)}度`;
}

export function toJstDateString(date: Date): string {
  const { year, month, day } = getJstParts(date);
  return formatYmd(year, month, day);
}

export function toJstDateTimeString(date: Date): string {
  const { hour, minute } = getJstParts(date);
  return `${toJstDateString(date)} ${pad2(hour)}:${pad2(minute)}`;
}

export function formatJstDate(date: Date, locale: 'ja' | 'en'): string {
  const { year, month, day, weekday } = getJstParts(date);
  return locale === 'ja'
    ? `${year}年${month}月${day}日（${JA_WEEKDAYS[weekday]}）`
    : `${EN_WEEKDAYS[weekday]}, ${day} ${EN_MONTHS[month - 1]} ${year}`;
}
