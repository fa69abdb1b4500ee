/**
 * An instant as the API accepts it: ISO 8601 date and time, with an offset or Z
 * ('2024-07-01T13:30:00+09:00'), whose calendar date exists (no 2024-02-30, which `Date.parse`
 * would silently read as 1 March) and whose year lies in what the program can plan (2000–2099;
 * year 0000 is no schedule anyone means).
 */
const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export const FIRST_INSTANT_YEAR = 2000;
export const LAST_INSTANT_YEAR = 2099;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealInstant(value: string): boolean {
  const match = instantPattern.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second = 0, offsetHour = 0, offsetMinute = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (year! < FIRST_INSTANT_YEAR || year! > LAST_INSTANT_YEAR) return false;
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!)) return false;
  if (hour! > 23 || minute! > 59 || second > 59 || offsetHour > 14 || offsetMinute > 59) return false;
  return !Number.isNaN(Date.parse(value));
}
