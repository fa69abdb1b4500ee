import { defineFeature } from '../feature-module';
import { openPhaseTasks, phaseReadinessTasks } from './fiscal-years.home-tasks';
import { createFiscalYearsRoutes } from './fiscal-years.routes';
import type { FiscalYearsService } from './fiscal-years.service';

/** Fiscal years, their programs (budgets in 千円) and phases with deadline rules. */
export const fiscalYearsModule = defineFeature<FiscalYearsService>({
  name: 'fiscal-years',
  homeTasks: (service) => [openPhaseTasks, phaseReadinessTasks(service)],
  routes: (service) => [createFiscalYearsRoutes(service)],
});
