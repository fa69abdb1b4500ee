import { authAccessRules } from '../features/auth/auth.access';
import { calendarAccessRules } from '../features/calendar/calendar.access';
import { fiscalYearsAccessRules } from '../features/fiscal-years/fiscal-years.access';
import { homeAccessRules } from '../features/home/home.access';
import { menusAccessRules } from '../features/menus/menus.access';
import { municipalitiesAccessRules } from '../features/municipalities/municipalities.access';
import { accountsAccessRules } from '../features/accounts/accounts.access';
import { accountRecoveryAccessRules } from '../features/auth/account-recovery.access';
import { auditAccessRules } from '../features/audit/audit.access';
import { organizationsAccessRules } from '../features/organizations/organizations.access';
import { surveysAccessRules } from '../features/surveys/surveys.access';
import { seminarsAccessRules } from '../features/seminars/seminars.access';
import type { AccessRule } from './access';

/** Every feature's access rules. A feature with routes adds its list here. */
export const accessRules: AccessRule[] = [
  ...authAccessRules,
  ...municipalitiesAccessRules,
  ...fiscalYearsAccessRules,
  ...homeAccessRules,
  ...calendarAccessRules,
  ...accountRecoveryAccessRules,
  ...accountsAccessRules,
  ...organizationsAccessRules,
  ...auditAccessRules,
  ...menusAccessRules,
  ...surveysAccessRules,
  ...seminarsAccessRules,
];
