import type { Locale } from '../../i18n/locale';

const JST_OFFSET_MS = 9 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A join or leave time of the attendance report, in JST to the second (a rejoin a minute later
 * must read differently): 12/21 13:55:02 / 21 Dec 13:55:02 JST. '—' when the report had none.
 */
export function formatReportTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const jst = new Date(Date.parse(iso) + JST_OFFSET_MS);
  if (Number.isNaN(jst.getTime())) return '—';
  const clock = `${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}:${pad(jst.getUTCSeconds())}`;
  if (locale === 'ja') return `${jst.getUTCMonth() + 1}/${jst.getUTCDate()} ${clock}`;
  const month = jst.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${jst.getUTCDate()} ${month} ${clock} JST`;
}

/** The time attended to the second: 90分49秒 / 90 min 49 s (recorded as 90 whole minutes). */
export function formatAttendedSeconds(seconds: number, locale: Locale): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (locale === 'ja') return rest ? `${minutes}分${rest}秒` : `${minutes}分`;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}
