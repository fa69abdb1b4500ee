import { authAccessRules } from '../features/auth/auth.access';
import { calendarAccessRules } from '../features/calendar/calendar.access';
import { fiscalYearsAccessRules } from '../features/fiscal-years/fiscal-years.access';
import { homeAccessRules } from '../features/home/home.access';
import { municipalitiesAccessRules } from '../features/municipalities/municipalities.access';
import type { AccessRule } from './access';

/** Every feature's access rules. A feature with routes adds its list here. */
export const accessRules: AccessRule[] = [
  ...authAccessRules,
  ...municipalitiesAccessRules,
  ...fiscalYearsAccessRules,
  ...homeAccessRules,
  ...calendarAccessRules,
];
