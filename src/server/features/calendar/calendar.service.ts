import { formatYmd } from '../../../shared/fiscal-year';
import { listHolidays } from '../../../shared/holidays';
import { type ClosedDay, holidayNamesEn } from '../../../shared/schemas/fiscal-years';
import type { RequestContext } from '../../platform/context';
import { AppError } from '../../platform/errors';

/** Municipal offices close 12/29–1/3 (年末年始) though only 1/1 is a national holiday. */
const yearEndClosure: readonly [month: number, day: number][] = [
  [1, 1],
  [1, 2],
  [1, 3],
  [12, 29],
  [12, 30],
  [12, 31],
];

/**
 * The days a municipal office is closed apart from weekends, so date pickers
 * can grey them out. Pure calendar arithmetic: nothing is stored.
 */
export function createCalendarService() {
  return {
    listClosedDays(ctx: RequestContext, year: number): ClosedDay[] {
      // The calendar is public knowledge, but the API serves signed-in users only.
      if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
      const days = new Map<string, ClosedDay>();
      for (const holiday of listHolidays(year)) {
        days.set(holiday.date, {
          date: holiday.date,
          name: holiday.name,
          nameEn: holidayNamesEn[holiday.name] ?? holiday.name,
          kind: 'national_holiday',
        });
      }
      for (const [month, day] of yearEndClosure) {
        const date = formatYmd(year, month, day);
        // 元日 (and a 振替休日 on 1/2) stay listed under their own name.
        if (days.has(date)) continue;
        days.set(date, {
          date,
          name: '年末年始休業',
          nameEn: 'Year-end office closure',
          kind: 'year_end_closure',
        });
      }
      return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
