import { defineFeature } from '../feature-module';
import { createCalendarRoutes } from './calendar.routes';
import type { CalendarService } from './calendar.service';

/** Holidays and closure days for date pickers. */
export const calendarModule = defineFeature<CalendarService>({
  name: 'calendar',
  routes: (service) => [createCalendarRoutes(service)],
});
