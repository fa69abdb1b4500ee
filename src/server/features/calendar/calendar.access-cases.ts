import type { AccessRule } from '../../testing/access';

/** Date pickers of every role grey out closed days. */
export const calendarAccessRules: AccessRule[] = [
  {
    method: 'GET',
    path: '/api/calendar/holidays',
    allow: 'signed-in',
    request: () => ({ path: '/api/calendar/holidays?year=2024' }),
  },
];
