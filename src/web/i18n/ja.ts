import type { Widen } from './widen';
import { authJa } from './auth';
import { shellJa } from './shell';
import { homeJa } from './home';
import { municipalitiesJa } from './municipalities';
import { fiscalYearsJa } from './fiscal-years';
import { accountJa } from './account';
import { adminJa } from './admin';
import { aboutJa } from './about';
import { menusJa } from './menus';
import { surveysJa } from './surveys';
import { seminarsJa } from './seminars';
import { applicationsJa } from './applications';
import { notificationsJa } from './notifications';
import { reportsJa } from './reports';
import { casesJa } from './cases';
import { dashboardsJa } from './dashboards';
import { projectsJa } from './projects';

/**
 * UI text in Japanese, the product's first language. en.ts must have exactly
 * the same keys (the type system and catalog.test.ts both check). `{name}`
 * marks a value filled in at run time.
 */
export const ja = {
  ...shellJa,
  ...authJa,
  ...homeJa,
  ...municipalitiesJa,
  ...fiscalYearsJa,
  ...accountJa,
  ...adminJa,
  ...aboutJa,
  ...menusJa,
  ...surveysJa,
  ...seminarsJa,
  ...applicationsJa,
  ...notificationsJa,
  ...reportsJa,
  ...casesJa,
  ...dashboardsJa,
  ...projectsJa,
};

/** The shape every catalog has: the same keys, any string values. */
export type Catalog = Widen<typeof ja>;
