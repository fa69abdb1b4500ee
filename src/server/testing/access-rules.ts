import { authAccessRules } from '../features/auth/auth.access-cases';
import { calendarAccessRules } from '../features/calendar/calendar.access-cases';
import { fiscalYearsAccessRules } from '../features/fiscal-years/fiscal-years.access-cases';
import { homeAccessRules } from '../features/home/home.access-cases';
import { menusAccessRules } from '../features/menus/menus.access-cases';
import { municipalitiesAccessRules } from '../features/municipalities/municipalities.access-cases';
import { accountsAccessRules } from '../features/accounts/accounts.access-cases';
import { accountRecoveryAccessRules } from '../features/auth/account-recovery.access-cases';
import { auditAccessRules } from '../features/audit/audit.access-cases';
import { organizationsAccessRules } from '../features/organizations/organizations.access-cases';
import { surveysAccessRules } from '../features/surveys/surveys.access-cases';
import { seminarsAccessRules } from '../features/seminars/seminars.access-cases';
import { applicationsAccessRules } from '../features/applications/applications.access-cases';
import { notificationsAccessRules } from '../features/notifications/notifications.access-cases';
import { reportsAccessRules } from '../features/reports/reports.access-cases';
import { casesAccessRules } from '../features/cases/cases.access-cases';
import { dashboardsAccessRules } from '../features/dashboards/dashboards.access-cases';
import { projectsAccessRules } from '../features/projects/projects.access-cases';
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
  ...applicationsAccessRules,
  ...notificationsAccessRules,
  ...reportsAccessRules,
  ...casesAccessRules,
  ...dashboardsAccessRules,
  ...projectsAccessRules,
];
