import { formatYmd, getJstParts, weekdayOf } from './fiscal-year';

/**
 * Japanese national holidays derived from the rules of 国民の祝日に関する法律
 * rather than a table, so the product keeps working in years nobody has typed
 * in yet. The equinox formula and the rule history below are only right for
 * 2000–2099, so other years are refused instead of answered wrongly.
 *
 * The government fixes each year's equinox days every February for the
 * following year; the formula has matched every announcement so far, but a
 * future announcement could in principle differ.
 */

export const FIRST_SUPPORTED_YEAR = 2000;
export const LAST_SUPPORTED_YEAR = 2099;

export const SUBSTITUTE_HOLIDAY = '振替休日';
export const CITIZENS_HOLIDAY = '国民の休日';

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  name: string;
}

/** Keyed by month * 100 + day. */
type HolidayTable = Map<number, string>;

const cache = new Map<number, HolidayTable>();

function nthMonday(year: number, month: number, n: number): number {
  const firstMonday = 1 + ((8 - weekdayOf(year, month, 1)) % 7);
  return firstMonday + 7 * (n - 1);
}

/*
 * Scaled to millionths so the arithmetic is exact integers: in floating point,
 * 0.242194 * n accumulates error that could in principle tip a value lying
 * right at an integer boundary onto the wrong day.
 */
function equinoxDay(year: number, baseMillionths: number): number {
  const n = year - 1980;
  return Math.floor((baseMillionths + 242194 * n) / 1_000_000) - Math.floor(n / 4);
}

function vernalEquinoxDay(year: number): number {
  return equinoxDay(year, 20_843_100);
}

function autumnalEquinoxDay(year: number): number {
  return equinoxDay(year, 23_248_800);
}

/** The days the law itself names (国民の祝日), before substitute and in-between days are added. */
function listNamedHolidays(year: number): [month: number, day: number, name: string][] {
  const days: [number, number, string][] = [
    [1, 1, '元日'],
    [1, nthMonday(year, 1, 2), '成人の日'],
    [2, 11, '建国記念の日'],
    [3, vernalEquinoxDay(year), '春分の日'],
    // 4/29 became 昭和の日 in 2007 and みどりの日 moved to 5/4, which until then was only a 国民の休日.
    [4, 29, year >= 2007 ? '昭和の日' : 'みどりの日'],
    [5, 3, '憲法記念日'],
    [5, 5, 'こどもの日'],
    [9, autumnalEquinoxDay(year), '秋分の日'],
    [11, 3, '文化の日'],
    [11, 23, '勤労感謝の日'],
  ];
  if (year >= 2007) days.push([5, 4, 'みどりの日']);

  // The Emperor's birthday follows the reigning Emperor; 2019 had none because the abdication came first.
  if (year >= 2020) days.push([2, 23, '天皇誕生日']);
  else if (year <= 2018) days.push([12, 23, '天皇誕生日']);

  // 海の日 and 敬老の日 were fixed dates until the 2003 Happy Monday amendment.
  days.push([9, year >= 2003 ? nthMonday(year, 9, 3) : 15, '敬老の日']);

  // The Tokyo Olympics (2020, postponed to 2021) moved three holidays around the opening ceremony.
  if (year === 2020) {
    days.push([7, 23, '海の日'], [7, 24, 'スポーツの日'], [8, 10, '山の日']);
  } else if (year === 2021) {
    days.push([7, 22, '海の日'], [7, 23, 'スポーツの日'], [8, 8, '山の日']);
  } else {
    days.push([7, year >= 2003 ? nthMonday(year, 7, 3) : 20, '海の日']);
    days.push([10, nthMonday(year, 10, 2), year >= 2020 ? 'スポーツの日' : '体育の日']);
    if (year >= 2016) days.push([8, 11, '山の日']);
  }

  // Enthronement days of 2019: a one-off law made them count as 国民の祝日,
  // which is what turned 4/30 and 5/2 into 国民の休日.
  if (year === 2019) {
    days.push([5, 1, '天皇の即位の日'], [10, 22, '即位礼正殿の儀']);
  }
  return days;
}

function buildHolidayTable(year: number): HolidayTable {
  const named = new Map<number, string>();
  for (const [month, day, name] of listNamedHolidays(year)) {
    named.set(month * 100 + day, name);
  }
  const table = new Map(named);
  const dateIn = (month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
  const keyOf = (date: Date) => (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
  const shift = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

  // 振替休日: since 2007 the next day that is not itself a 祝日 (so a Sunday
  // 5/3 pushes it to 5/6); before 2007 only the Monday, and only if free.
  for (const key of named.keys()) {
    const date = dateIn(Math.floor(key / 100), key % 100);
    if (date.getUTCDay() !== 0) continue;
    let candidate = shift(date, 1);
    if (year >= 2007) {
      while (named.has(keyOf(candidate))) candidate = shift(candidate, 1);
    }
    if (!table.has(keyOf(candidate)) && candidate.getUTCFullYear() === year) {
      table.set(keyOf(candidate), SUBSTITUTE_HOLIDAY);
    }
  }

  // 国民の休日: a day squeezed between two 祝日. Until 2007 the law excluded
  // Sundays (they were already days off); since then the wording has no
  // such exclusion, and no Sunday can be squeezed in 2007–2099 anyway.
  for (const key of named.keys()) {
    const between = shift(dateIn(Math.floor(key / 100), key % 100), 1);
    const after = shift(between, 1);
    if (after.getUTCFullYear() !== year || table.has(keyOf(between)) || !named.has(keyOf(after))) continue;
    if (year < 2007 && between.getUTCDay() === 0) continue;
    table.set(keyOf(between), CITIZENS_HOLIDAY);
  }
  return table;
}

function holidayTableFor(year: number): HolidayTable {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(
      `Holidays are only computed for ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}, got ${year}`,
    );
  }
  let table = cache.get(year);
  if (!table) {
    table = buildHolidayTable(year);
    cache.set(year, table);
  }
  return table;
}

function assertDate(y: number, m: number, d: number): void {
  if (!Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) {
    throw new RangeError(`Not a calendar date: ${y}-${m}-${d}`);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) {
    throw new RangeError(`Not a calendar date: ${y}-${m}-${d}`);
  }
}

/** The holiday's Japanese name, '振替休日' or '国民の休日'; null on an ordinary day. */
export function holidayName(y: number, m: number, d: number): string | null {
  const table = holidayTableFor(y);
  assertDate(y, m, d);
  return table.get(m * 100 + d) ?? null;
}

export function isHoliday(y: number, m: number, d: number): boolean {
  return holidayName(y, m, d) !== null;
}

export function listHolidays(year: number): Holiday[] {
  return [...holidayTableFor(year)]
    .sort(([a], [b]) => a - b)
    .map(([key, name]) => ({ date: formatYmd(year, Math.floor(key / 100), key % 100), name }));
}

/** Municipal offices close 12/29–1/3 (年末年始) even though only 1/1 is a national holiday. */
function isYearEndClosure(m: number, d: number): boolean {
  return (m === 12 && d >= 29) || (m === 1 && d <= 3);
}

/** Whether a municipal office is open: a weekday that is neither a holiday nor in 年末年始. */
export function isBusinessDay(y: number, m: number, d: number): boolean {
  if (isHoliday(y, m, d) || isYearEndClosure(m, d)) return false;
  const weekday = weekdayOf(y, m, d);
  return weekday !== 0 && weekday !== 6;
}

/** Judged on the JST calendar date, whatever the time zone of the machine running this. */
export function isBusinessDayJst(date: Date): boolean {
  const { year, month, day } = getJstParts(date);
  return isBusinessDay(year, month, day);
}
