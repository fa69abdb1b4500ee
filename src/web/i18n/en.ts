import type { Catalog } from './ja';
import { authEn } from './auth';
import { shellEn } from './shell';
import { homeEn } from './home';
import { municipalitiesEn } from './municipalities';
import { fiscalYearsEn } from './fiscal-years';
import { accountEn } from './account';
import { adminEn } from './admin';
import { aboutEn } from './about';
import { menusEn } from './menus';
import { surveysEn } from './surveys';
import { seminarsEn } from './seminars';
import { applicationsEn } from './applications';
import { notificationsEn } from './notifications';
import { reportsEn } from './reports';
import { casesEn } from './cases';
import { dashboardsEn } from './dashboards';
import { projectsEn } from './projects';

/** UI text in English. Same keys as ja.ts (enforced by the Catalog type and catalog.test.ts). */
export const en: Catalog = {
  ...shellEn,
  ...authEn,
  ...homeEn,
  ...municipalitiesEn,
  ...fiscalYearsEn,
  ...accountEn,
  ...adminEn,
  ...aboutEn,
  ...menusEn,
  ...surveysEn,
  ...seminarsEn,
  ...applicationsEn,
  ...notificationsEn,
  ...reportsEn,
  ...casesEn,
  ...dashboardsEn,
  ...projectsEn,
};
